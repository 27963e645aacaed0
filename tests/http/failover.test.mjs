// Faults of the database under a running duet: PostgreSQL restarted, or down
// for a while, and duet comes back by itself; /healthz tells the truth all
// along; the log says once that the database is down and when it is back.
// (Its own throwaway PostgreSQL server, so it runs in the SQLite pass only.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple } from '../lib/server.mjs';
import { Postgres, havePostgres } from '../lib/pg.mjs';

const skip = Boolean(process.env.DUET_TEST_PG) || !havePostgres();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Calls fn every 100 ms until it returns true, for at most ms; the time taken.
async function until(fn, ms) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await fn()) return Date.now() - t0;
    await sleep(100);
  }
  throw new Error(`not within ${ms} ms`);
}

test('after PostgreSQL restarts, duet serves again within seconds without being restarted', { skip, timeout: 120000 }, async () => {
  const pg = Postgres.start();
  const server = await startServer({ db: pg.createdb() });
  try {
    const [a, b] = await couple(server.url);
    assert.equal((await api(server.url, 'POST', '/api/v1/agreements', { text: 'before' }, a.token)).status, 201);
    assert.deepEqual((await api(server.url, 'GET', '/healthz')).json, { status: 'ok' });

    pg.restart();
    // the first requests after the restart already work: reads are retried
    // on a new connection, and a write's BEGIN too
    const list = await api(server.url, 'GET', '/api/v1/agreements', undefined, b.token);
    assert.equal(list.status, 200, list.text);
    const w = await api(server.url, 'POST', '/api/v1/agreements', { text: 'after' }, a.token);
    assert.equal(w.status, 201, w.text);
    const texts = (await api(server.url, 'GET', '/api/v1/agreements', undefined, b.token)).json.agreements.map((x) => x.text);
    assert.deepEqual(texts.sort(), ['after', 'before']);

    // down for a while: a clear 503 with Retry-After, health says so, a log
    // line per outage, not per request (the restart above may have been one
    // short outage already, for the live-update listener's own connection)
    pg.stopServer();
    let down;
    for (let i = 0; i < 40; i++) down = await api(server.url, 'GET', '/api/v1/agreements', undefined, b.token);
    assert.equal(down.status, 503);
    assert.equal(down.json.error.code, 'database_down');
    assert.match(down.json.error.message, /can't reach its database right now/);
    assert.equal(down.headers.get('retry-after'), '2');
    await until(async () => (await api(server.url, 'GET', '/healthz')).status === 503, 3000);
    const h = await api(server.url, 'GET', '/healthz');
    assert.deepEqual(h.json, { status: 'database_down' });
    assert.equal(h.headers.get('retry-after'), '2');
    const log = server.log();
    // each connection that finds itself cut during the restart may log a
    // short outage of its own; what matters is no line per failed request
    const downs = (log.match(/database down/g) || []).length;
    assert.ok(downs >= 1 && downs <= 6, log);
    assert.doesNotMatch(log, /GET \/api\/v1\/agreements failed/);

    pg.startServer();
    const took = await until(async () => (await api(server.url, 'POST', '/api/v1/agreements', { text: 'back' }, a.token)).status === 201, 10000);
    assert.ok(took < 5000, `writes resumed after ${took} ms`);
    await until(async () => (await api(server.url, 'GET', '/healthz')).status === 200, 3000);
    assert.match(await server.waitLog(/database back/), /database back after [\d.]+ s; \d+ calls failed meanwhile/);
    console.log(`report: PostgreSQL down and up again: writes resumed ${took} ms after it was back`);
  } finally {
    await server.stop();
    pg.remove();
  }
});
