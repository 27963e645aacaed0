// Group commit (src/http/durable.h): an answer to a write is sent only after
// the write is on disk; while it waits, the worker thread serves others; and
// writes that arrive during one flush share the next. DUET_SYNC_DELAY_MS makes
// every flush as slow as a slow disk, so the waiting can be seen from outside.
// (PostgreSQL's commits are durable by themselves: nothing is grouped there.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, usingPostgres } from '../lib/server.mjs';

const skip = usingPostgres() && 'PostgreSQL flushes its own commits';
const DELAY = 600;

const timed = async (f) => {
  const t0 = performance.now();
  const r = await f();
  return { r, ms: performance.now() - t0, end: performance.now() };
};

test('a saved check-in is answered after the flush, and reads are not held up meanwhile', { skip }, async () => {
  // One worker thread: were the flush made on it, the read would wait too.
  const server = await startServer({ args: ['--threads', '1'], env: { DUET_SYNC_DELAY_MS: String(DELAY) } });
  try {
    const [ana] = await couple(server.url, 'Ana', 'Ben');
    const write = timed(() => api(server.url, 'PUT', '/api/v1/checkins/current', { closeness: 5, satisfaction: 4 }, ana.token));
    await new Promise((r) => setTimeout(r, 100));
    const read = timed(() => api(server.url, 'GET', '/api/v1/checkins?weeks=4', undefined, ana.token));
    const [w, rd] = await Promise.all([write, read]);
    assert.equal(w.r.status, 200, w.r.text);
    assert.ok(w.ms >= DELAY, `the check-in was answered after ${w.ms} ms, before its flush (${DELAY} ms)`);
    assert.equal(rd.r.status, 200, rd.r.text);
    assert.ok(rd.end < w.end, `the read (${rd.ms} ms) waited for the write's flush (${w.ms} ms)`);
  } finally {
    await server.stop();
  }
});

test('writes that arrive during one flush share the next one', { skip }, async () => {
  const server = await startServer({ env: { DUET_SYNC_DELAY_MS: String(DELAY) } });
  const people = [];
  for (let i = 0; i < 4; i++) people.push(...(await couple(server.url, `A${i}`, `B${i}`)));
  const t0 = performance.now();
  const answers = await Promise.all(people.map((p, i) =>
    api(server.url, 'PUT', '/api/v1/checkins/current', { closeness: 1 + (i % 7) }, p.token)));
  const ms = performance.now() - t0;
  for (const a of answers) assert.equal(a.status, 200, a.text);
  // One flush each would take 8 x 600 ms; grouped, two or three flushes.
  assert.ok(ms < 4 * DELAY, `8 writes took ${ms} ms with a ${DELAY} ms flush`);
  await server.stop();
  const m = /group commit: (\d+) answers to writes after (\d+) flushes/.exec(server.log());
  assert.ok(m, server.log());
  assert.ok(Number(m[2]) < Number(m[1]), `each write had a flush of its own: ${m[0]}`);
});

test('every answer to many writes at once carries its whole body', { skip }, async () => {
  // At normal disk speed a flush can end before the worker thread has let go
  // of the request it handed over; the answer must still be sent once, whole.
  const server = await startServer();
  try {
    const people = [];
    for (let i = 0; i < 4; i++) people.push(...(await couple(server.url, `A${i}`, `B${i}`)));
    let bad = [];
    for (let round = 0; round < 25; round++) {
      const answers = await Promise.all(people.map((p, i) =>
        api(server.url, 'PUT', '/api/v1/checkins/current', { closeness: 1 + ((round + i) % 7) }, p.token)));
      bad = bad.concat(answers.filter((a) => a.status !== 200 || a.json?.checkin?.closeness === undefined)
        .map((a) => `${a.status} ${JSON.stringify(a.text)}`));
    }
    assert.deepEqual(bad, [], `${bad.length} of 200 answers were wrong`);
  } finally {
    await server.stop();
  }
  // 200 commits grow the write-ahead log past SQLite's checkpoint mark; with
  // group commit the flusher folds it back, not the request that committed.
  const m = /group commit: \d+ answers to writes after \d+ flushes to disk \((\d+) checkpoints\)/.exec(server.log());
  assert.ok(m, server.log());
  console.log(`report: ${m[0]}`);
  assert.ok(Number(m[1]) >= 1, `the flusher made no checkpoint: ${m[0]}`);
});
