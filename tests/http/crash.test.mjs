// Crash safety: both partners of many couples write at once over 64
// connections; the server is killed with SIGKILL at a random moment, restarted
// on the same database, and every write that was answered with success must be
// there, with the database passing its integrity check. 20 rounds.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, api, couple, usingPostgres, queryDb } from '../lib/server.mjs';

const ROUNDS = Number(process.env.DUET_CRASH_ROUNDS || 20);
const COUPLES = 8;
const CONNECTIONS = 64;

// One write: a new agreement with a unique text. Resolves to the text on a
// success answer, or null when the request failed (the server died).
function write(url, agent, token, text) {
  const body = JSON.stringify({ text, who: 'both' });
  return new Promise((resolve) => {
    let done = false;
    const finish = (v) => { if (!done) { done = true; resolve(v); } };
    const req = http.request(url + '/api/v1/agreements', {
      method: 'POST', agent,
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode === 201 ? text : null));
      res.on('error', () => finish(null));
      res.on('close', () => finish(null));
    });
    // A request cut off by the kill must end too, whatever events it gets.
    req.setTimeout(10000, () => req.destroy());
    req.on('error', () => finish(null));
    req.on('close', () => setImmediate(() => finish(null)));
    req.end(body);
  });
}

test(`${ROUNDS} rounds of SIGKILL under a write load lose no acknowledged write`, { timeout: 600000 }, async () => {
  let server = await startServer();
  const db = server.db;
  const pairs = [];
  for (let i = 0; i < COUPLES; i++) pairs.push(await couple(server.url, `A${i}`, `B${i}`));
  const people = pairs.flat();
  const acknowledged = new Map(); // text -> couple index
  let serial = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    let running = true;
    const workers = [];
    for (let c = 0; c < CONNECTIONS; c++) {
      const who = people[c % people.length];
      const coupleIndex = Math.floor((c % people.length) / 2);
      workers.push((async () => {
        while (running) {
          const text = `r${round} c${c} n${serial++}`;
          const ok = await write(server.url, agent, who.token, text);
          if (ok) acknowledged.set(ok, coupleIndex);
          else break;
        }
      })());
    }
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 500));
    await server.kill();
    running = false;
    await Promise.all(workers);
    agent.destroy();
    server = await startServer({ db });
  }
  // the server still answers for every couple after all that
  for (let i = 0; i < COUPLES; i++) {
    const r = await api(server.url, 'GET', '/api/v1/agreements', undefined, pairs[i][1].token);
    assert.equal(r.status, 200);
  }
  await server.stop({ keep: true });
  // every acknowledged write is present, for the right couple
  const me = pairs.map(([a]) => a.id); // each couple by its first partner
  const coupleOf = new Map();
  for (const [couple, text] of queryDb(db, 'SELECT m.user_id, a.text FROM agreements a JOIN couple_members m ON m.couple_id = a.couple_id')) {
    const i = me.indexOf(Number(couple));
    if (i >= 0) coupleOf.set(text, i);
  }
  let missing = 0;
  for (const [text, i] of acknowledged) if (coupleOf.get(text) !== i) missing++;
  console.log(`report: crash safety: ${ROUNDS} SIGKILLs, ${acknowledged.size} acknowledged writes, ${missing} missing`);
  assert.equal(missing, 0);
  assert.ok(acknowledged.size > ROUNDS, 'the load wrote something');
  if (!usingPostgres()) assert.deepEqual(queryDb(db, 'PRAGMA integrity_check;'), [['ok']]);
});
