// CLI tests of `duet admin`: users, backup while serving, restore with its
// integrity check and its refusal to overwrite without --force; usage errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, api, signup } from '../lib/server.mjs';

const bin = process.env.DUET_BIN;
const run = (...args) => spawnSync(bin, args, { encoding: 'utf8' });

test('duet --help, --version and usage errors', () => {
  let r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /serve/);
  assert.match(r.stdout, /admin/);
  assert.match(run('--version').stdout, /^duet \d+\.\d+\.\d+/);
  r = run('frobnicate');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command/);
  assert.equal(run('admin').status, 2);
  assert.equal(run('admin', 'users', 'extra').status, 2);
  assert.equal(run('admin', '--help').status, 0);
  assert.equal(run('serve', '--help').status, 0);
  r = run('serve', '--listen', 'nonsense');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /ADDRESS:PORT|address/i);
  r = run('serve', '--threads', '0');
  assert.equal(r.status, 2);
});

test('backup while serving, then restore refuses without --force and restores with it', { skip: Boolean(process.env.DUET_TEST_PG) }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-admin-'));
  const db = path.join(dir, 'live.db');
  const server = await startServer({ db, sqlite: true });
  const a = await signup(server.url, 'Ana');
  const copy = path.join(dir, 'copy.db');
  let r = run('admin', '--db', db, 'backup', copy);
  assert.equal(r.status, 0, r.stderr);
  await signup(server.url, 'Later');
  await server.stop({ keep: true });

  r = run('admin', '--db', db, 'users');
  assert.equal(r.status, 0);
  assert.match(r.stdout, new RegExp(a.login));
  assert.match(r.stdout, /later/);

  r = run('admin', '--db', db, 'restore', copy);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--force/);
  const bad = path.join(dir, 'bad.db');
  writeFileSync(bad, 'this is not a database at all, not even close'.repeat(100));
  r = run('admin', '--db', db, 'restore', bad, '--force');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /integrity check|not a duet database|could not open/);
  r = run('admin', '--db', db, 'restore', copy, '--force');
  assert.equal(r.status, 0, r.stderr);
  r = run('admin', '--db', db, 'users');
  assert.match(r.stdout, new RegExp(a.login));
  assert.doesNotMatch(r.stdout, /later/);

  // the restored database serves, and Ana can sign in
  const again = await startServer({ db, sqlite: true });
  const s = await api(again.url, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase });
  assert.equal(s.status, 200);
  await again.stop({ keep: true });
  r = run('admin', '--db', path.join(dir, 'missing.db'), 'backup', path.join(dir, 'x.db'));
  assert.equal(r.status, 1);
  rmSync(dir, { recursive: true, force: true });
});
