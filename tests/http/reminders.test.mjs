// Reminders: settings (off until a person turns them on), what the home page
// shows, and `duet admin remind` sending through a small SMTP sink: only to
// people with something waiting, at most once a week, never private content.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startServer, api, couple, signup, Client } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';

const sink = await startSmtpSink();
const smtpEnv = { DUET_SMTP_URL: sink.url, DUET_SMTP_FROM: 'duet@example.org' };
// duet serve's own reminder thread is off here: these tests run `duet admin remind`.
const server = await startServer({ env: { ...smtpEnv, DUET_REMIND_EVERY: '0' } });
const U = server.url;
test.after(async () => { await server.stop(); await sink.stop(); });

function remind(env) {
  const bin = process.env.DUET_BIN;
  return new Promise((resolve) => {
    execFile(bin, ['admin', '--db', server.db, 'remind'], { env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stderr }));
  });
}

test('reminders: settings are off by default and validated', async () => {
  const a = await signup(U, 'Ana');
  let r = await api(U, 'GET', '/api/v1/reminders', undefined, a.token);
  assert.deepEqual(r.json, { email: null, email_reminders: false, email_available: true, paused: null });
  for (const body of [
    { email_reminders: true },
    { email: 'not an address', email_reminders: false },
    { email: 'a@b.c\r\nBcc: x@y.z', email_reminders: true },
    { email: '<a@b.co>', email_reminders: true },
    { email: 'a@b.co', email_reminders: 'yes' },
    { email: 'x'.repeat(250) + '@b.co' },
  ]) {
    r = await api(U, 'PUT', '/api/v1/reminders', body, a.token);
    assert.equal(r.status, 400, JSON.stringify(body));
  }
  r = await api(U, 'PUT', '/api/v1/reminders', { email: 'ana@example.org', email_reminders: true }, a.token);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { email: 'ana@example.org', email_reminders: true, email_available: true, paused: null });
  r = await api(U, 'PUT', '/api/v1/reminders', { email: '', email_reminders: false }, a.token);
  assert.deepEqual(r.json.email, null);
});

test('reminders: the home page says what is waiting, calmly', async () => {
  const [a, b] = await couple(U, 'Cy', 'Di');
  const c = new Client(U);
  const login = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase });
  c.cookies.set('duet_session', login.headers.get('set-cookie').split(';')[0].split('=')[1]);
  let page = await c.get('/');
  assert.match(page.text, /Your check-in for this week is open/);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 4 }, b.token);
  page = await c.get('/');
  assert.match(page.text, /Di has checked in/);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 5 }, a.token);
  page = await c.get('/');
  assert.match(page.text, /You have checked in for this week/);
  const kim = await signup(U, 'Kim', { kind: 'counsellor' });
  const inv = await api(U, 'POST', '/api/v1/counsellor/invites', undefined, b.token);
  await api(U, 'POST', '/api/v1/counsellor/accept', { code: inv.json.code }, kim.token);
  page = await c.get('/');
  assert.match(page.text, /Kim<\/a>|Kim entered your invitation code/);
});

test('reminders: duet admin remind emails only who has something waiting, once a week', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const solo = await signup(U, 'Eli');
  const kim = await signup(U, 'Kay', { kind: 'counsellor' });
  await api(U, 'PUT', '/api/v1/reminders', { email: 'ana@example.org', email_reminders: true }, ana.token);
  await api(U, 'PUT', '/api/v1/reminders', { email: 'ben@example.org', email_reminders: false }, ben.token);
  await api(U, 'PUT', '/api/v1/reminders', { email: 'eli@example.org', email_reminders: true }, solo.token);
  await api(U, 'PUT', '/api/v1/reminders', { email: 'kay@example.org', email_reminders: true }, kim.token);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 4, appreciation: 'secret thanks' }, solo.token);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 4, appreciation: 'secret thanks' }, ben.token);
  const before = sink.messages.length;

  let r = await remind(smtpEnv);
  assert.ok(!/AddressSanitizer|LeakSanitizer|runtime error:/.test(r.stderr), r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /sent 1 reminder, 0 failed/);
  const sent = sink.messages.slice(before);
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0].to, ['<ana@example.org>']);
  assert.equal(sent[0].from, '<duet@example.org>');
  assert.match(sent[0].data, /^Subject: Something is waiting for you in duet\r$/m);
  assert.match(sent[0].data, /\r\n\r\nHello,\r\n\r\nSomething is waiting for you in duet\./);
  for (const word of ['Ana', 'Ben', 'secret', 'check-in', 'closeness', 'agreement', 'counsellor'])
    assert.ok(!sent[0].data.includes(word), `the email mentions "${word}"`);

  r = await remind(smtpEnv);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /sent 0 reminders/);
  assert.equal(sink.messages.length, before + 1, 'at most one a week');

  r = await remind({ DUET_SMTP_URL: '', DUET_SMTP_FROM: '' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /email is not set up/);
  r = await remind({ DUET_SMTP_URL: 'http://127.0.0.1:1', DUET_SMTP_FROM: 'duet@example.org' });
  assert.equal(r.code, 1);
});

test('reminders: the email speaks the language the person chose', async () => {
  const [ana, ben] = await couple(U, 'Anja', 'Bruno');
  let r = await api(U, 'PATCH', '/api/v1/me', { language: 'de' }, ana.token);
  assert.equal(r.status, 200, r.text);
  await api(U, 'PUT', '/api/v1/reminders', { email: 'anja@example.org', email_reminders: true }, ana.token);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 4 }, ben.token);
  const before = sink.messages.length;
  r = await remind(smtpEnv);
  assert.equal(r.code, 0, r.stderr);
  const sent = sink.messages.slice(before).filter((m) => m.to[0] === '<anja@example.org>');
  assert.equal(sent.length, 1);
  assert.match(sent[0].data, /^Subject: In duet wartet etwas auf dich\r$/m);
  assert.match(sent[0].data, /\r\n\r\nHallo,\r\n\r\nIn duet wartet etwas auf dich\.\r\n/);
  assert.match(sent[0].data, /Seite „Erinnerungen“/);
  assert.doesNotMatch(sent[0].data, /Something is waiting/);
});
