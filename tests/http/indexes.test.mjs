// Every query on the hot paths is served by an index (issue 9): the server logs
// each statement it runs (DUET_SQL_TRACE), the test visits the home page, the
// current prompt (page and API) and the difference map, then runs EXPLAIN
// QUERY PLAN over every statement logged and fails on a SCAN of a table. A
// SCAN of a subquery's result (the news list's union, "SCAN ev") is fine: its
// parts are checked as part of the same plan. Tiny constant tables may be
// listed in SCAN_OK with the reason.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, api, couple, queryDb, usingPostgres } from '../lib/server.mjs';

const SCAN_OK = new Set(['schema_version']); // one row: the schema's version

test('hot-path queries use indexes (EXPLAIN QUERY PLAN has no SCAN of a table)', { skip: usingPostgres() && 'SQLite plans' }, async () => {
  const trace = path.join(process.env.TMPDIR || '/tmp', `duet-trace-${process.pid}.sql`);
  writeFileSync(trace, '');
  const server = await startServer({ env: { DUET_SQL_TRACE: trace }, sqlite: true });
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben');
    let r = await api(U, 'GET', '/api/v1/prompts/current', undefined, a.token);
    assert.equal(r.status, 200, r.text);
    const id = r.json.prompt?.id || r.json.id;
    for (const who of [a, b]) {
      r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'An answer with some words.' }, who.token);
      assert.ok(r.status < 300, r.text);
      await api(U, 'POST', '/api/v1/agreements', { text: 'Phones away at dinner', who: 'me' }, who.token);
    }
    const cookie = { cookie: `duet_session=${a.token}` };
    writeFileSync(trace, ''); // only what the hot paths run from here on
    const paths = ['/', '/know', '/api/v1/prompts/current', '/api/v1/prompts', '/differences', '/api/v1/differences', '/api/v1/differences/map'];
    let visited = 0;
    for (const p of paths) {
      const res = await fetch(U + p, { headers: cookie, redirect: 'manual' });
      await res.text();
      if (res.status === 404) continue; // an area not merged yet
      assert.equal(res.status, 200, `${p} answered ${res.status}`);
      visited++;
    }
    assert.ok(visited >= 3);
    const sqls = [...new Set(readFileSync(trace, 'utf8').split('\n').filter((l) => /^\s*(SELECT|WITH)/i.test(l)))];
    assert.ok(sqls.length >= 5, 'the trace caught the queries');
    const tables = new Set(queryDb(server.db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => row[0]));
    const bad = [];
    for (const sql of sqls) {
      for (const [line] of queryDb(server.db, 'EXPLAIN QUERY PLAN ' + sql).map((row) => [row.join('|')])) {
        const m = /SCAN (\w+)/.exec(line);
        if (m && tables.has(m[1]) && !SCAN_OK.has(m[1])) bad.push(`${line.trim()}\n    in: ${sql.slice(0, 300)}`);
      }
    }
    assert.deepEqual(bad, [], 'queries that scan a whole table:\n' + bad.join('\n'));
  } finally {
    await server.stop();
  }
});
