// Crash safety: both partners of many couples write at once over 64
// connections; the server is killed with SIGKILL at a random moment, restarted
// on the same database, and every write that was answered with success must be
// there, with the database passing its integrity check. 20 rounds. Then
// replacing writes (answers, check-ins, ratings) and sealed journal entries
// under SIGKILL; and on the PostgreSQL pass, PostgreSQL itself restarted in
// the middle of a write load that duet rides through without a restart.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, api, couple, usingPostgres, queryDb } from '../lib/server.mjs';
import { Postgres } from '../lib/pg.mjs';

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

// One person's replacing writes, one at a time, each carrying a serial: the
// answer to one question, this period's check-in, the rating of one item, and
// a new sealed journal entry. For each kind the last value answered with
// success is kept, and those sent after it whose answer never came or was an
// error (each may or may not have been saved: a database restarting can take a
// commit whose answer is then lost); every acknowledged journal entry must stay.
class Writer {
  constructor(url, who, prompt, item) {
    Object.assign(this, { url, who, prompt, item });
    this.acked = {}; this.pending = {}; this.journal = []; this.serial = 0;
  }
  async one(kind, method, p, body, ok, value) {
    (this.pending[kind] ??= []).push(value);
    let r;
    try { r = await api(this.url, method, p, body, this.who.token); } catch { return false; }
    if (r.status !== ok) return false;
    this.acked[kind] = value; delete this.pending[kind];
    return true;
  }
  async round(running) {
    while (running()) {
      const n = ++this.serial;
      const rating = { rating: (n % 5) - 2, guess: (Math.floor(n / 5) % 5) - 2, important: n % 2 === 0 };
      const steps = [
        ['answer', 'PUT', `/api/v1/prompts/${this.prompt}/answer`, { text: `answer ${n}` }, 200, `answer ${n}`],
        ['checkin', 'PUT', '/api/v1/checkins/current', { closeness: 3, appreciation: `thanks ${n}` }, 200, `thanks ${n}`],
        ['rating', 'PUT', `/api/v1/differences/items/${this.item}/rating`, rating, 200, JSON.stringify(rating)],
      ];
      for (const s of steps) if (!(await this.one(...s))) return;
      const text = `journal ${this.who.name} ${n}`;
      let r;
      try { r = await api(this.url, 'POST', '/api/v1/journal', { text, tags: ['distant'] }, this.who.token); } catch { return; }
      if (r.status !== 201) return;
      this.journal.push(text);
    }
  }
  // What the server holds now, checked against what was acknowledged.
  async check(url) {
    const allowed = (kind, v) => v === this.acked[kind] || (this.pending[kind] || []).includes(v);
    const p = await api(url, 'GET', `/api/v1/prompts/${this.prompt}`, undefined, this.who.token);
    assert.ok(allowed('answer', p.json.mine?.text), `answer: ${p.json.mine?.text} (acked ${this.acked.answer})`);
    const c = await api(url, 'GET', '/api/v1/checkins?weeks=1', undefined, this.who.token);
    const mine = c.json.mine.checkins.find((x) => x.current);
    assert.ok(allowed('checkin', mine?.appreciation), `check-in: ${mine?.appreciation} (acked ${this.acked.checkin})`);
    const items = await api(url, 'GET', '/api/v1/differences/items', undefined, this.who.token);
    const it = items.json.items.find((x) => x.id === this.item);
    const got = JSON.stringify({ rating: it.mine, guess: it.guess, important: it.important });
    assert.ok(allowed('rating', got), `rating: ${got} (acked ${this.acked.rating})`);
    // the journal comes a page at a time (docs/API.md, pages)
    const kept = new Set();
    for (let page = 1; ; page++) {
      const j = await api(url, 'GET', `/api/v1/journal?page=${page}`, undefined, this.who.token);
      assert.equal(j.status, 200, j.text);
      for (const e of j.json.entries) kept.add(e.text);
      if (!j.json.more) break;
    }
    const lost = this.journal.filter((t) => !kept.has(t));
    assert.deepEqual(lost, [], 'acknowledged journal entries lost');
    return this.serial;
  }
}

async function writers(url, couples) {
  const out = [];
  for (let i = 0; i < couples; i++) {
    const pair = await couple(url, `Ana${i}`, `Ben${i}`);
    const prompt = (await api(url, 'GET', '/api/v1/prompts/current', undefined, pair[0].token)).json.prompt.id;
    const item = (await api(url, 'GET', '/api/v1/differences/items?category=interests', undefined, pair[0].token)).json.items[0].id;
    for (const who of pair) out.push(new Writer(url, who, prompt, item));
  }
  return out;
}

const REPLACE_ROUNDS = Number(process.env.DUET_CRASH_REPLACE_ROUNDS || 6);

test(`${REPLACE_ROUNDS} rounds of SIGKILL under replacing writes and sealed journal entries lose nothing acknowledged`, { timeout: 300000 }, async () => {
  let server = await startServer();
  const db = server.db;
  const ws = await writers(server.url, 4);
  for (let round = 0; round < REPLACE_ROUNDS; round++) {
    let running = true;
    for (const w of ws) w.url = server.url;
    const load = Promise.all(ws.map((w) => w.round(() => running)));
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
    await server.kill();
    running = false;
    await load;
    server = await startServer({ db });
  }
  let writes = 0;
  for (const w of ws) writes += await w.check(server.url);
  await server.stop({ keep: true });
  console.log(`report: crash safety, replacing writes: ${REPLACE_ROUNDS} SIGKILLs, ${writes} rounds of writes by ${ws.length} people, none lost`);
  assert.ok(writes > ws.length * 2, 'the load wrote something');
  if (!usingPostgres()) assert.deepEqual(queryDb(db, 'PRAGMA integrity_check;'), [['ok']]);
});

// The suite's own PostgreSQL server (DUET_TEST_PG) restarted under the load:
// duet is not restarted, writes resume within seconds, and nothing
// acknowledged is lost (PostgreSQL here runs with fsync off, which a restart
// with -m fast does not test: it shuts down cleanly).
test('PostgreSQL restarted in the middle of a write load: writes resume, nothing acknowledged is lost', { skip: !usingPostgres(), timeout: 300000 }, async () => {
  const pg = new Postgres(process.env.DUET_TEST_PG);
  const server = await startServer();
  try {
    const ws = await writers(server.url, 3);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const [a] = await couple(server.url, 'Ada', 'Bo');
    const agreed = [];
    let failed = 0;
    let running = true;
    let serial = 0;
    const rounds = async () => {
      // replacing writers start again after a failed write, as a person would
      while (running) { await Promise.all(ws.map((w) => w.round(() => running))); await new Promise((r) => setTimeout(r, 50)); }
    };
    const adds = async () => {
      while (running && agreed.length < 400) {
        const text = `pg ${serial++}`;
        if (await write(server.url, agent, a.token, text)) agreed.push(text); else failed++;
      }
    };
    const load = Promise.all([rounds(), adds(), adds()]);
    await new Promise((r) => setTimeout(r, 800));
    const restartedAt = Date.now();
    await pg.restartInBackground();
    const up = Date.now();
    const before = agreed.length;
    // writes resume: an agreement is acknowledged within 10 s of the server being back
    while (agreed.length === before) {
      assert.ok(Date.now() - up < 10000, 'no write acknowledged within 10 s of the restart');
      await new Promise((r) => setTimeout(r, 20));
    }
    const resumed = Date.now() - up;
    await new Promise((r) => setTimeout(r, 800));
    running = false;
    await load;
    agent.destroy();
    for (const w of ws) await w.check(server.url);
    // the list is paginated (50 a page): read every page
    const kept = new Set();
    for (let page = 1; ; page++) {
      const list = await api(server.url, 'GET', `/api/v1/agreements?page=${page}`, undefined, a.token);
      assert.equal(list.status, 200, list.text);
      for (const x of list.json.agreements) kept.add(x.text);
      if (!list.json.more) break;
    }
    assert.deepEqual(agreed.filter((t) => !kept.has(t)), [], 'acknowledged agreements lost');
    console.log(`report: PostgreSQL restart under load: ${agreed.length} agreements acknowledged, ${failed} refused, the restart took ${up - restartedAt} ms and writes resumed ${resumed} ms after it, none lost`);
  } finally {
    await server.stop();
  }
});
