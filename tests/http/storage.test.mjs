// A full disk and a read-only database give a clear error to the person and in
// the log, and nothing is half-written. (SQLite: the full disk is simulated with
// the operator's size cap DUET_DB_MAX_MB; read-only with a file: URI, mode=ro.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, api, couple, queryDb } from '../lib/server.mjs';

const skip = Boolean(process.env.DUET_TEST_PG);

test('a full database answers 507 with a plain message, keeps what was saved, and logs it', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-full-'));
  const db = path.join(dir, 'full.db');
  const server = await startServer({ db, sqlite: true, env: { DUET_DB_MAX_MB: '1', DUET_ADDS_PER_HOUR: '0' } });
  const [a, b] = await couple(server.url);
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
  await server.stop({ keep: true });
  // exactly the acknowledged rows are there, and the file is intact
  assert.deepEqual(queryDb(db, 'SELECT count(*) FROM agreements; PRAGMA integrity_check;'), [[String(saved)], ['ok']]);

  // read-only: reads work, writes are refused clearly
  const ro = await startServer({ db: `file:${db}?mode=ro`, sqlite: true });
  try {
    const r = await api(ro.url, 'GET', '/api/v1/agreements', undefined, b.token);
    assert.equal(r.status, 200);
    const w = await api(ro.url, 'POST', '/api/v1/agreements', { text: 'one more' }, b.token);
    assert.equal(w.status, 503);
    assert.match(w.json.error.message, /read-only\). Nothing was changed/);
    assert.match(await ro.waitLog(/failed:/), /failed: The server can't save right now/);
  } finally {
    await ro.stop({ keep: true });
  }
  rmSync(dir, { recursive: true, force: true });
});
