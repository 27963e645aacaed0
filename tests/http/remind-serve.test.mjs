// Reminders without cron: `duet serve` sends due reminders itself (here every
// second), by email and by push, at most one per person however often it
// runs, even with `duet admin remind` running at the same time; and either
// partner can pause reminders for both.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startServer, api, couple } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { startPushSink, device, decrypt } from '../lib/push-sink.mjs';

const smtp = await startSmtpSink();
const push = await startPushSink();
const smtpEnv = { DUET_SMTP_URL: smtp.url, DUET_SMTP_FROM: 'duet@example.org' };
const server = await startServer({ env: { ...smtpEnv, DUET_REMIND_EVERY: '1', DUET_PUSH_ALLOW_HTTP: '1' } });
const U = server.url;
test.after(async () => { await server.stop(); await smtp.stop(); await push.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mailsTo = (addr) => smtp.messages.filter((m) => m.to.includes(`<${addr}>`));
async function until(fn, ms = 8000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (fn()) return true;
  return false;
}
function remind() {
  return new Promise((resolve) => {
    execFile(process.env.DUET_BIN, ['admin', '--db', server.db, 'remind'], { env: { ...process.env, ...smtpEnv } },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stderr }));
  });
}

test('reminders: duet serve sends them by email and push, one per person, with no cron', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const phone = device(push.origin + '/push/ben');
  assert.equal((await api(U, 'POST', '/api/v1/push/subscriptions', phone.json, ben.token)).status, 201);
  await api(U, 'PUT', '/api/v1/reminders', { email: 'ana-r@example.org', email_reminders: true }, ana.token);

  assert.ok(await until(() => mailsTo('ana-r@example.org').length === 1), 'Ana got an email');
  const m = await push.next('/push/ben');
  assert.ok(m, 'Ben got a push');
  assert.deepEqual(JSON.parse(decrypt(phone, m.body)), { title: 'duet', body: 'Something new in duet', url: '/' });
  // Runs every second, and still one each.
  await sleep(2500);
  assert.equal(mailsTo('ana-r@example.org').length, 1);
  assert.equal(push.got.filter((x) => x.path === '/push/ben').length, 1);
  assert.ok(!mailsTo('ana-r@example.org')[0].data.includes('Ben'));
});

test('reminders: duet admin remind beside duet serve still sends each reminder once', async () => {
  const people = [];
  for (let i = 0; i < 4; i++) people.push(...await couple(U, `Cy${i}`, `Di${i}`));
  // Both ask at once while serve's own thread runs too.
  const addrs = people.map((p, i) => `race${i}@example.org`);
  await Promise.all(people.map((p, i) => api(U, 'PUT', '/api/v1/reminders', { email: addrs[i], email_reminders: true }, p.token)));
  const [a, b] = await Promise.all([remind(), remind()]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.ok(await until(() => addrs.every((x) => mailsTo(x).length >= 1)), 'everyone got one');
  await sleep(1500);
  for (const x of addrs) assert.equal(mailsTo(x).length, 1, `${x} got exactly one`);
});

test('reminders: either partner pauses them for both, and starts them again', async () => {
  const [cleo, dan] = await couple(U, 'Cleo', 'Dan');
  let r = await api(U, 'PUT', '/api/v1/reminders/pause', undefined, cleo.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.paused.by, 'Cleo');
  r = await api(U, 'GET', '/api/v1/reminders', undefined, dan.token);
  assert.equal(r.json.paused.by, 'Cleo');
  const page = await (await fetch(U + '/reminders', { headers: { authorization: 'Bearer ' + dan.token } })).text();
  assert.match(page, /Cleo paused reminders for both of you/);
  assert.match(page, /Start reminders again/);

  await api(U, 'PUT', '/api/v1/reminders', { email: 'dan-r@example.org', email_reminders: true }, dan.token);
  await sleep(2500);
  assert.equal(mailsTo('dan-r@example.org').length, 0, 'nothing while paused');

  r = await api(U, 'DELETE', '/api/v1/reminders/pause', undefined, dan.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.paused, null);
  assert.ok(await until(() => mailsTo('dan-r@example.org').length === 1), 'Dan is reminded again');

  // Alone (no partner): there is no couple to pause for.
  const solo = (await api(U, 'POST', '/api/v1/accounts', { login: 'solo' + process.pid, name: 'Eli', passphrase: 'a long enough passphrase' })).json;
  r = await api(U, 'PUT', '/api/v1/reminders/pause', undefined, solo.token);
  assert.equal(r.status, 409);
});
