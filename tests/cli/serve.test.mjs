// CLI tests of `duet serve` starting where it cannot work: a missing folder, a
// read-only file, folder or filesystem, a full disk. Each is named with its
// cause and the fix, and duet exits with 1. Read-only files and folders are
// tried as an unprivileged user (root may write anything); the filesystem
// cases mount a small tmpfs, so they need root and are skipped without it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = process.env.DUET_BIN;
const root = process.getuid() === 0;
// As root the read-only cases run duet as `nobody`, who must be able to reach
// the binary (a checkout under a 0700 home cannot be): otherwise they skip.
const nobodyRuns = !root || spawnSync('runuser', ['-u', 'nobody', '--', bin, '--help'], { encoding: 'utf8' }).status === 0;
const serve = (db, asUser = false) => {
  const args = ['serve', '--listen', '127.0.0.1:0', '--db', db];
  const opts = { encoding: 'utf8', timeout: 30000 };
  return asUser && root ? spawnSync('runuser', ['-u', 'nobody', '--', bin, ...args], opts) : spawnSync(bin, args, opts);
};
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-start-'));
  chmodSync(dir, 0o755);
  return dir;
};
const mount = (dir, opts) => spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir]).status === 0;
const canMount = (() => {
  if (!root) return false;
  const d = scratch();
  const ok = mount(d, 'size=64k');
  if (ok) spawnSync('umount', [d]);
  rmSync(d, { recursive: true, force: true });
  return ok;
})();

test('a missing folder is named, with the command that makes it', () => {
  const dir = scratch();
  const r = serve(path.join(dir, 'no', 'such', 'duet.db'));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /the folder \S+\/no\/such does not exist\. Create it \(mkdir -p \S+\/no\/such\)/);
  rmSync(dir, { recursive: true, force: true });
});

// Starts on an empty database file with these modes for it and its folder.
function serveWithModes(fileMode, dirMode) {
  const dir = scratch();
  const db = path.join(dir, 'duet.db');
  writeFileSync(db, '');
  chmodSync(db, fileMode);
  chmodSync(dir, dirMode);
  const r = serve(db, true);
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /unable to open database file|attempt to write a readonly database/);
  return r.stderr;
}

test('a read-only database file is named as such', { skip: !nobodyRuns }, () => {
  assert.match(serveWithModes(0o444, 0o777), /the database file \S+duet\.db is read-only for the user duet runs as/);
});

test('a read-only folder is named, although the file itself is writable', { skip: !nobodyRuns }, () => {
  assert.match(serveWithModes(0o666, 0o555), /duet cannot write in the folder \S+\. SQLite keeps two files beside the database/);
});

test('a read-only filesystem is named, with the fix', { skip: !canMount }, () => {
  const dir = scratch();
  assert.ok(mount(dir, 'size=1m'));
  try {
    writeFileSync(path.join(dir, 'duet.db'), '');
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', dir]).status, 0);
    const r = serve(path.join(dir, 'duet.db'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /is on a read-only filesystem, so duet cannot save anything\. Mount it read-write/);
  } finally {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a full disk is named, with how much is free', { skip: !canMount }, () => {
  const dir = scratch();
  assert.ok(mount(dir, 'size=256k'));
  try {
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=4k', 'count=1024']);
    const r = serve(path.join(dir, 'duet.db'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /the disk holding \S+duet\.db is full \(\d+ KiB free\)\. Free some space, then start duet again/);
  } finally {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
