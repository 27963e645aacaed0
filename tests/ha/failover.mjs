// The failover half of tests/ha.sh (which starts the primary and its
// synchronous standby): duet on the multi-host URL under a write load; the
// primary killed with SIGKILL, the standby promoted; writes resume within 10 s
// and every acknowledged write is there.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { startServer, api, couple } from '../lib/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The primary's postmaster and its children (backends, WAL sender…).
function killPrimary(pid) {
  const children = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try { return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid); } catch { return false; }
  });
  process.kill(pid, 'SIGKILL');
  for (const c of children) try { process.kill(Number(c), 'SIGKILL'); } catch { /* gone already */ }
}

test('the primary dies under a write load, the synchronous standby is promoted: writes resume within 10 s, none acknowledged is lost', { timeout: 120000 }, async () => {
  const server = await startServer({ db: process.env.HA_URL });
  try {
    const pairs = [];
    for (let i = 0; i < 3; i++) pairs.push(await couple(server.url, `Ana${i}`, `Ben${i}`));
    const acked = new Map(); // text -> token of the couple's first partner
    let refused = 0;
    let running = true;
    let serial = 0;
    let lastAck = 0;
    const worker = async (who, reader) => {
      while (running) {
        const text = `ha ${serial++}`;
        const r = await api(server.url, 'POST', '/api/v1/agreements', { text }, who.token).catch(() => null);
        if (r && r.status === 201) { acked.set(text, reader.token); lastAck = Date.now(); } else { refused++; await sleep(50); }
      }
    };
    const load = Promise.all(pairs.flatMap(([a, b]) => [worker(a, a), worker(b, a)]));
    await sleep(1500);
    const beforeKill = acked.size;
    assert.ok(beforeKill > 0, 'the load wrote before the failover');
    const killedAt = Date.now();
    killPrimary(Number(process.env.HA_PRIMARY_PID));
    await sleep(500);
    execSync(process.getuid() === 0 ? `runuser -u postgres -- ${process.env.HA_PROMOTE}` : process.env.HA_PROMOTE, { stdio: 'ignore' });
    const promotedAt = Date.now();
    while (lastAck < promotedAt) {
      assert.ok(Date.now() - promotedAt < 10000, 'no write acknowledged within 10 s of the promotion');
      await sleep(20);
    }
    const resumed = lastAck - promotedAt;
    await sleep(1000);
    running = false;
    await load;
    // every acknowledged write, read back through duet from the new primary
    const kept = new Set();
    for (const [a] of pairs) {
      const list = await api(server.url, 'GET', '/api/v1/agreements', undefined, a.token);
      assert.equal(list.status, 200, list.text);
      for (const x of list.json.agreements) kept.add(x.text);
    }
    const lost = [...acked.keys()].filter((t) => !kept.has(t));
    assert.deepEqual(lost, [], 'acknowledged writes lost');
    assert.deepEqual((await api(server.url, 'GET', '/healthz')).json, { status: 'ok' });
    console.log(`ha: ${acked.size} writes acknowledged (${beforeKill} before the kill), ${refused} refused during the failover; ` +
      `promoted ${promotedAt - killedAt} ms after the kill, writes resumed ${resumed} ms after the promotion; none lost`);
  } finally {
    await server.stop();
  }
});
