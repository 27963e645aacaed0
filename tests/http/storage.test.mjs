// A full disk and a read-only database give a clear error to the person and in
// the log, and nothing is half-written; pages that only note what was seen
// (or move the couple's question on) are still served; /healthz says what is
// wrong. (SQLite: the full disk is simulated with the operator's size cap
// DUET_DB_MAX_MB; read-only with a file: URI, mode=ro.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, api, couple, queryDb } from '../lib/server.mjs';

const skip = Boolean(process.env.DUET_TEST_PG);

test('a full database answers 507 with a plain message, keeps what was saved, and logs it', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-full-'));
  const db = path.join(dir, 'full.db');
  const server = await startServer({ db, sqlite: true, env: { DUET_DB_MAX_MB: '1', DUET_ADDS_PER_HOUR: '0' } });
  const [a, b] = await couple(server.url);
  // news for Ben that reading will mark as seen, and a question both answered
  // (so that the next look moves the couple on to another)
  const dream = await api(server.url, 'POST', '/api/v1/dreams', { title: 'A cabin by a lake', kind: 'dream' }, a.token);
  assert.equal(dream.status, 201, dream.text);
  const q = (await api(server.url, 'GET', '/api/v1/prompts/current', undefined, a.token)).json.prompt.id;
  for (const who of [a, b]) {
    const r = await api(server.url, 'PUT', `/api/v1/prompts/${q}/answer`, { text: `${who.name} answers` }, who.token);
    assert.equal(r.status, 200, r.text);
  }
  let saved = 0;
  let last;
  for (let i = 0; i < 2000; i++) {
    last = await api(server.url, 'POST', '/api/v1/agreements', { text: `${i} `.padEnd(480, 'x') }, a.token);
    if (last.status !== 201) break;
    saved++;
  }
  assert.equal(last.status, 507, last.text);
  assert.match(last.json.error.message, /ran out of disk space, so nothing was saved/);
  const list = await api(server.url, 'GET', '/api/v1/agreements', undefined, b.token);
  assert.equal(list.status, 200);
  assert.match(await server.waitLog(/failed:/), /POST \/api\/v1\/agreements failed: The server ran out of disk space/);
  // reads that do bookkeeping are still served, over and over
  for (let i = 0; i < 3; i++) {
    for (const p of ['/api/v1/prompts/current', `/api/v1/dreams/${dream.json.dream.id}`, '/know', '/', '/dreams']) {
      const r = await api(server.url, 'GET', p, undefined, b.token);
      assert.equal(r.status, 200, `${p}: ${r.text.slice(0, 300)}`);
    }
  }
  const health = await api(server.url, 'GET', '/healthz');
  assert.equal(health.status, 503);
  assert.deepEqual(health.json, { status: 'storage_full' });
  // a write the person asked for still says clearly that it was not saved
  // (a table with room left in its pages may take a few more first)
  let w;
  for (let i = 0; i < 50; i++) {
    w = await api(server.url, 'POST', `/api/v1/dreams/${dream.json.dream.id}/replies`, { text: `${i}`.padEnd(3000, 'y') }, b.token);
    if (w.status !== 201) break;
  }
  assert.equal(w.status, 507, w.text.slice(0, 300));
  assert.ok(server.log().split('\n').filter((l) => /could not save/.test(l)).length <= 1, server.log());
  await server.stop({ keep: true });
  // exactly the acknowledged rows are there, and the file is intact
  assert.deepEqual(queryDb(db, 'SELECT count(*) FROM agreements; PRAGMA integrity_check;'), [[String(saved)], ['ok']]);

  // read-only: reads work, writes are refused clearly
  const ro = await startServer({ db: `file:${db}?mode=ro`, sqlite: true });
  try {
    const r = await api(ro.url, 'GET', '/api/v1/agreements', undefined, b.token);
    assert.equal(r.status, 200);
    assert.deepEqual((await api(ro.url, 'GET', '/healthz')).json, { status: 'read_only' });
    const w = await api(ro.url, 'POST', '/api/v1/agreements', { text: 'one more' }, b.token);
    assert.equal(w.status, 503);
    assert.match(w.json.error.message, /read-only\). Nothing was changed/);
    assert.match(await ro.waitLog(/failed:/), /failed: The server can't save right now/);
  } finally {
    await ro.stop({ keep: true });
  }
  rmSync(dir, { recursive: true, force: true });
});

// Every bookkeeping write fails on a read-only database, so this shows for
// certain that such pages are served anyway (and the log says so once).
test('on a read-only database, pages that note what was seen are still served', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-ro-'));
  const db = path.join(dir, 'duet.db');
  const server = await startServer({ db, sqlite: true });
  const [a, b] = await couple(server.url);
  const dream = await api(server.url, 'POST', '/api/v1/dreams', { title: 'A garden', kind: 'idea' }, a.token);
  const q = (await api(server.url, 'GET', '/api/v1/prompts/current', undefined, a.token)).json.prompt.id;
  for (const who of [a, b]) await api(server.url, 'PUT', `/api/v1/prompts/${q}/answer`, { text: 'yes' }, who.token);
  await server.stop({ keep: true });
  const ro = await startServer({ db: `file:${db}?mode=ro`, sqlite: true });
  try {
    for (const p of ['/api/v1/prompts/current', `/api/v1/dreams/${dream.json.dream.id}`, '/know', '/']) {
      const r = await api(ro.url, 'GET', p, undefined, b.token);
      assert.equal(r.status, 200, `${p}: ${r.text.slice(0, 300)}`);
    }
    const cur = await api(ro.url, 'GET', '/api/v1/prompts/current', undefined, a.token);
    assert.notEqual(cur.json.prompt.id, q, 'the couple is shown their next question');
    const log = await ro.waitLog(/could not save/);
    assert.equal(log.match(/could not save/g).length, 1, log);
    assert.match(log, /could not save .* \(The server can't save right now/);
  } finally {
    await ro.stop({ keep: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

// A clean stop (SIGTERM) folds the write-ahead log into the database file:
// after it there is one file, and a plain copy of it has the last commit.
test('a clean stop leaves one complete file, every time', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-stop-'));
  const db = path.join(dir, 'duet.db');
  let expected = 0;
  for (let round = 0; round < 4; round++) {
    const server = await startServer({ db, sqlite: true, args: ['--threads', '2'] });
    const [a, b] = await couple(server.url);
    const writes = [];
    for (let i = 0; i < 20; i++) {
      for (const who of [a, b]) writes.push(api(server.url, 'POST', '/api/v1/agreements', { text: `r${round} ${who.name} ${i}` }, who.token));
    }
    for (const r of await Promise.all(writes)) assert.equal(r.status, 201);
    expected += writes.length;
    await server.stop({ keep: true });
    assert.ok(!existsSync(db + '-wal'), `round ${round}: the -wal file stayed`);
    assert.ok(!existsSync(db + '-shm'), `round ${round}: the -shm file stayed`);
    const copy = path.join(dir, `copy${round}.db`);
    copyFileSync(db, copy);
    assert.deepEqual(queryDb(copy, 'SELECT count(*) FROM agreements;'), [[String(expected)]]);
  }
  rmSync(dir, { recursive: true, force: true });
});
