// Web Push: the server's VAPID key, subscriptions (own only, validated), and
// delivery to a fake push service on loopback: the VAPID JWT verifies, the
// message decrypts, and it never holds what anyone wrote; discreet by
// default, the kind and name with discreet off; kinds turned off and quiet
// hours hold it back; 410 removes a subscription, 503 is tried again later.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, queryDb, setCookies } from '../lib/server.mjs';
import { startPushSink, device, decrypt, checkVapid } from '../lib/push-sink.mjs';

const sink = await startPushSink();
const server = await startServer({
  env: { DUET_PUSH_ALLOW_HTTP: '1', DUET_PUSH_TEST_EMIT: '1', DUET_PUSH_CONTACT: 'mailto:ops@example.org' },
});
const U = server.url;
test.after(async () => { await server.stop(); await sink.stop(); });

const secret = 'Ana-private-persimmons';

async function answerPrompt(who) {
  const cur = await api(U, 'GET', '/api/v1/prompts/current', undefined, who.token);
  const r = await api(U, 'PUT', `/api/v1/prompts/${cur.json.prompt.id}/answer`, { text: secret }, who.token);
  assert.equal(r.status, 200, r.text);
}

test('push: the key, and subscriptions that are one\'s own and well formed', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'GET', '/api/v1/push/key', undefined, ana.token);
  assert.equal(r.status, 200, r.text);
  const key = Buffer.from(r.json.public_key, 'base64url');
  assert.equal(key.length, 65);
  assert.equal(key[0], 4);
  assert.equal((await api(U, 'GET', '/api/v1/push/key', undefined, ben.token)).json.public_key, r.json.public_key);
  assert.equal((await api(U, 'GET', '/api/v1/push/key')).status, 401);

  const d = device(sink.origin + '/push/ana-phone');
  for (const [body, code] of [
    [{ ...d.json, endpoint: 'ftp://push.example.net/x' }, 'invalid_endpoint'],
    [{ ...d.json, endpoint: 'https:///nohost' }, 'invalid_endpoint'],
    [{ endpoint: d.json.endpoint }, 'invalid_keys'],
    [{ ...d.json, keys: { p256dh: d.json.keys.p256dh, auth: 'short' } }, 'invalid_keys'],
    [{ ...d.json, keys: { p256dh: 'B' + 'A'.repeat(86), auth: d.json.keys.auth } }, 'invalid_keys'],
  ]) {
    r = await api(U, 'POST', '/api/v1/push/subscriptions', body, ana.token);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.code, code);
    assert.ok(r.json.error.message.length > 20);
  }
  r = await api(U, 'POST', '/api/v1/push/subscriptions', d.json, ana.token);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.ok(Number.isInteger(id));
  r = await api(U, 'GET', '/api/v1/push/subscriptions', undefined, ana.token);
  assert.deepEqual(r.json.subscriptions.map((s) => [s.id, s.endpoint]), [[id, d.json.endpoint]]);
  assert.deepEqual((await api(U, 'GET', '/api/v1/push/subscriptions', undefined, ben.token)).json.subscriptions, []);
  assert.equal((await api(U, 'DELETE', `/api/v1/push/subscriptions/${id}`, undefined, ben.token)).status, 404);
  assert.equal((await api(U, 'DELETE', `/api/v1/push/subscriptions/${id}`, undefined, ana.token)).status, 204);
  assert.equal((await api(U, 'DELETE', `/api/v1/push/subscriptions/${id}`, undefined, ana.token)).status, 404);
  assert.deepEqual((await api(U, 'GET', '/api/v1/push/subscriptions', undefined, ana.token)).json.subscriptions, []);
});

test('push: Ben is told that there is something new, and never what Ana wrote', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const publicKey = (await api(U, 'GET', '/api/v1/push/key', undefined, ben.token)).json.public_key;
  const d = device(sink.origin + '/push/ben-phone');
  assert.equal((await api(U, 'POST', '/api/v1/push/subscriptions', d.json, ben.token)).status, 201);
  await answerPrompt(ana);

  // Discreet, the default: nothing but "Something new in duet".
  let from = sink.got.length;
  let r = await api(U, 'POST', '/api/v1/push/emit', { kind: 'prompt' }, ana.token);
  assert.equal(r.status, 204, r.text);
  let m = await sink.next('/push/ben-phone', from);
  assert.ok(m, 'a message reached the push service');
  assert.equal(m.method, 'POST');
  assert.equal(m.headers['content-encoding'], 'aes128gcm');
  assert.ok(Number(m.headers.ttl) > 0 && Number(m.headers.ttl) <= 86400 * 2, m.headers.ttl);
  assert.equal(m.headers.urgency, 'normal');
  const claims = checkVapid(m.headers.authorization, publicKey);
  assert.equal(claims.aud, sink.origin);
  assert.equal(claims.sub, 'mailto:ops@example.org');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(claims.exp > now && claims.exp <= now + 86400, `exp ${claims.exp}`);
  assert.ok(!m.body.includes(Buffer.from('persimmons')), 'the body is encrypted');
  let text = decrypt(d, m.body);
  assert.deepEqual(JSON.parse(text), { title: 'duet', body: 'Something new in duet', url: '/' });
  assert.ok(!/persimmons|Ana|prompt|question/.test(text));

  // Discreet off: the kind and Ana's name, still never her words.
  r = await api(U, 'PUT', '/api/v1/push/settings', { discreet: false }, ben.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.discreet, false);
  from = sink.got.length;
  await api(U, 'POST', '/api/v1/push/emit', { kind: 'prompt' }, ana.token);
  m = await sink.next('/push/ben-phone', from);
  text = decrypt(d, m.body);
  assert.deepEqual(JSON.parse(text), { title: 'duet', body: 'Ana answered a question', url: '/know' });
  assert.ok(!text.includes('persimmons'));
  // Ana's own devices are not told of Ana's own moves.
  assert.equal(sink.got.slice(from).filter((x) => x.path !== '/push/ben-phone').length, 0);

  // A kind turned off sends nothing; another kind still does.
  r = await api(U, 'PUT', '/api/v1/push/settings', { kinds: ['dream'] }, ben.token);
  assert.deepEqual(r.json.kinds, ['dream']);
  from = sink.got.length;
  await api(U, 'POST', '/api/v1/push/emit', { kind: 'prompt' }, ana.token);
  await api(U, 'POST', '/api/v1/push/emit', { kind: 'dream' }, ana.token);
  m = await sink.next('/push/ben-phone', from);
  assert.equal(JSON.parse(decrypt(d, m.body)).body, 'Ana added to the dream table');
  assert.equal(sink.got.slice(from).filter((x) => x.path === '/push/ben-phone').length, 1);

  // In the language Ben chose (his settings and language are read in one query).
  assert.equal((await api(U, 'PATCH', '/api/v1/me', { language: 'de' }, ben.token)).status, 200);
  r = await api(U, 'PUT', '/api/v1/push/settings', { kinds: ['prompt'] }, ben.token);
  from = sink.got.length;
  await api(U, 'POST', '/api/v1/push/emit', { kind: 'prompt' }, ana.token);
  m = await sink.next('/push/ben-phone', from);
  assert.equal(JSON.parse(decrypt(d, m.body)).body, 'Ana hat eine Frage beantwortet');

  r = await api(U, 'PUT', '/api/v1/push/settings', { kinds: ['nonsense'] }, ben.token);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_kinds');
  r = await api(U, 'PUT', '/api/v1/push/settings', { quiet_hours: { from: '25:00', to: '07:00' } }, ben.token);
  assert.equal(r.json.error.code, 'invalid_quiet_hours');
});

test('push: quiet hours hold a message; 410 removes a device; 503 is tried again later', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const quiet = device(sink.origin + '/push/ben-quiet');
  assert.equal((await api(U, 'POST', '/api/v1/push/subscriptions', quiet.json, ben.token)).status, 201);
  // Quiet hours around this very minute, in Ben's time zone (UTC+1 here).
  const d = new Date(Date.now() + 60 * 60000);
  const hhmm = (t) => `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  const r = await api(U, 'PUT', '/api/v1/push/settings', {
    quiet_hours: { from: hhmm(new Date(d - 30 * 60000)), to: hhmm(new Date(+d + 90 * 60000)) }, utc_offset: 60,
  }, ben.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.utc_offset, 60);
  let from = sink.got.length;
  await api(U, 'POST', '/api/v1/push/emit', { kind: 'prompt' }, ana.token);
  assert.equal(await sink.next('/push/ben-quiet', from, 3000), null, 'nothing during quiet hours');
  const [[due]] = queryDb(server.db, `SELECT q.due_at FROM push_queue q JOIN push_subscriptions s ON s.id = q.subscription_id WHERE s.endpoint = '${quiet.json.endpoint}'`);
  const now = Math.floor(Date.now() / 1000);
  assert.ok(Number(due) > now + 80 * 60 && Number(due) <= now + 91 * 60, `held until the end: ${due - now} s`);

  // The push service says the device is gone: duet forgets it.
  const gone = device(sink.origin + '/push/ana-gone');
  sink.answer('/push/ana-gone', 410);
  const gid = (await api(U, 'POST', '/api/v1/push/subscriptions', gone.json, ana.token)).json.id;
  from = sink.got.length;
  assert.equal((await api(U, 'POST', '/api/v1/push/test', undefined, ana.token)).status, 202);
  assert.ok(await sink.next('/push/ana-gone', from));
  let left = [];
  for (let i = 0; i < 50; i++) {
    left = (await api(U, 'GET', '/api/v1/push/subscriptions', undefined, ana.token)).json.subscriptions;
    if (!left.some((s) => s.id === gid)) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.ok(!left.some((s) => s.id === gid), 'the gone subscription was removed');

  // A busy push service: the message waits and is tried again with a backoff.
  const flaky = device(sink.origin + '/push/ana-flaky');
  sink.answer('/push/ana-flaky', 503, 201);
  assert.equal((await api(U, 'POST', '/api/v1/push/subscriptions', flaky.json, ana.token)).status, 201);
  from = sink.got.length;
  await api(U, 'POST', '/api/v1/push/test', undefined, ana.token);
  assert.ok(await sink.next('/push/ana-flaky', from));
  let row = [];
  for (let i = 0; i < 50; i++) {
    row = queryDb(server.db, `SELECT q.attempts, q.due_at FROM push_queue q JOIN push_subscriptions s ON s.id = q.subscription_id WHERE s.endpoint = '${flaky.json.endpoint}'`);
    if (row.length && row[0][0] === '1') break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(row[0][0], '1', 'one attempt counted');
  assert.ok(Number(row[0][1]) >= Math.floor(Date.now() / 1000) + 20, 'tried again later');
});

test('push: settings on the account page, discreet by default', async () => {
  const [ana] = await couple(U, 'Ana', 'Ben');
  const r = await api(U, 'GET', '/api/v1/push/settings', undefined, ana.token);
  assert.equal(r.json.discreet, true);
  assert.equal(r.json.quiet_hours, null);
  assert.ok(r.json.kinds.includes('prompt') && r.json.kinds.includes('reminder'));
  const page = await fetch(U + '/account', { headers: { authorization: 'Bearer ' + ana.token } });
  const html = await page.text();
  assert.match(html, /<h2 id="notifications-h">Notifications<\/h2>/);
  assert.match(html, /name="discreet" value="on" checked/);
  assert.match(html, /src="\/static\/push.js"/);
});

// Signs `who` in again: a second session (another browser or phone) of the same person.
async function signIn(who) {
  const r = await api(U, 'POST', '/api/v1/sessions', { login: who.login, passphrase: who.passphrase });
  assert.equal(r.status, 200, r.text);
  return r.json.token;
}
const subsOf = (endpoint) => queryDb(server.db, `SELECT id FROM push_subscriptions WHERE endpoint = '${endpoint}'`);
const queuedFor = (id) => queryDb(server.db, `SELECT count(*) FROM push_queue WHERE subscription_id = ${Number(id)}`)[0][0];

test('push: signing out turns off the devices that session turned on, and only those', async () => {
  const [ana] = await couple(U, 'Ana', 'Ben');
  const tokA = await signIn(ana), tokB = await signIn(ana);
  const dA = device(sink.origin + '/push/ana-signout-a');
  const dB = device(sink.origin + '/push/ana-signout-b');
  const idA = (await api(U, 'POST', '/api/v1/push/subscriptions', dA.json, tokA)).json.id;
  const idB = (await api(U, 'POST', '/api/v1/push/subscriptions', dB.json, tokB)).json.id;
  assert.ok(idA && idB);
  // A message for A waits in the queue (the push service is busy): it goes too.
  sink.answer('/push/ana-signout-a', 503);
  let from = sink.got.length;
  assert.equal((await api(U, 'POST', '/api/v1/push/test', undefined, tokA)).status, 202);
  assert.ok(await sink.next('/push/ana-signout-a', from));
  let queued = '0';
  for (let i = 0; i < 50 && queued === '0'; i++) {
    queued = queuedFor(idA);
    if (queued === '0') await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(queued, '1', 'a retry is queued for A');
  sink.answer('/push/ana-signout-a', 201);

  assert.equal((await api(U, 'DELETE', '/api/v1/sessions/current', undefined, tokA)).status, 204);
  assert.deepEqual(subsOf(dA.json.endpoint), [], 'A\'s subscription went with A\'s session');
  assert.equal(queuedFor(idA), '0', 'and what was queued for it');
  const left = (await api(U, 'GET', '/api/v1/push/subscriptions', undefined, tokB)).json.subscriptions;
  assert.deepEqual(left.map((s) => s.id), [idB], 'B\'s device stays');

  // Nothing reaches A's device any more; B's still hears.
  from = sink.got.length;
  assert.equal((await api(U, 'POST', '/api/v1/push/test', undefined, tokB)).status, 202);
  assert.ok(await sink.next('/push/ana-signout-b', from));
  assert.equal(await sink.next('/push/ana-signout-a', from, 1500), null, 'nothing for the signed-out device');
});

test('push: the sign-out form and a passphrase change end their sessions\' devices too', async () => {
  const [ana] = await couple(U, 'Ana', 'Ben');
  // A browser with a cookie, signed in through the API, then signing out with the form.
  const res = await fetch(U + '/api/v1/sessions', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: ana.login, passphrase: ana.passphrase }),
  });
  assert.equal(res.status, 200);
  const cookie = setCookies(res).map((c) => c.split(';')[0]).join('; ');
  const dC = device(sink.origin + '/push/ana-form');
  const sub = await fetch(U + '/api/v1/push/subscriptions', {
    method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(dC.json),
  });
  assert.equal(sub.status, 201);
  const page = await (await fetch(U + '/account', { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)[1];
  const out = await fetch(U + '/signout', {
    method: 'POST', redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf }).toString(),
  });
  assert.equal(out.status, 303);
  assert.deepEqual(subsOf(dC.json.endpoint), [], 'the form\'s sign-out ended the device');

  // A passphrase change ends the person's other sessions, and their devices.
  const tokD = await signIn(ana);
  const dD = device(sink.origin + '/push/ana-other');
  const dKeep = device(sink.origin + '/push/ana-keep');
  assert.equal((await api(U, 'POST', '/api/v1/push/subscriptions', dD.json, tokD)).status, 201);
  assert.equal((await api(U, 'POST', '/api/v1/push/subscriptions', dKeep.json, ana.token)).status, 201);
  const r = await api(U, 'PUT', '/api/v1/me/passphrase', { current: ana.passphrase, new: 'another long passphrase' }, ana.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(subsOf(dD.json.endpoint), [], 'the other session\'s device is off');
  assert.equal(subsOf(dKeep.json.endpoint).length, 1, 'this session\'s device stays');
});

test('push: the export lists devices by origin only; deleting the account removes them and their queue', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const d = device(sink.origin + '/push/ana-export/secret-capability-path');
  const id = (await api(U, 'POST', '/api/v1/push/subscriptions', d.json, ana.token)).json.id;
  assert.equal((await api(U, 'PUT', '/api/v1/push/settings', {
    discreet: false, kinds: ['prompt', 'checkin'], quiet_hours: { from: '22:00', to: '07:00' }, utc_offset: 120,
  }, ana.token)).status, 200);
  const r = await api(U, 'GET', '/api/v1/export', undefined, ana.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.push.subscriptions.map((s) => [s.id, s.origin]), [[id, sink.origin]]);
  assert.match(r.json.push.subscriptions[0].created, /^\d{4}-\d\d-\d\dT/);
  assert.equal(r.json.push.discreet, false);
  assert.deepEqual(r.json.push.kinds, ['prompt', 'checkin']);
  assert.deepEqual(r.json.push.quiet_hours, { from: '22:00', to: '07:00' });
  assert.equal(r.json.push.utc_offset, 120);
  assert.ok(!r.text.includes('secret-capability-path'), 'not the endpoint\'s path');
  assert.ok(!r.text.includes(d.json.keys.p256dh) && !r.text.includes(d.json.keys.auth), 'never the keys');
  assert.deepEqual((await api(U, 'GET', '/api/v1/export', undefined, ben.token)).json.push.subscriptions, []);

  // Something queued for Ana's device (held by quiet hours around now), then the account goes.
  const now = new Date(Date.now() + 120 * 60000);
  const hhmm = (t) => `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  assert.equal((await api(U, 'PUT', '/api/v1/push/settings', {
    quiet_hours: { from: hhmm(new Date(now - 30 * 60000)), to: hhmm(new Date(+now + 60 * 60000)) },
  }, ana.token)).status, 200);
  await api(U, 'POST', '/api/v1/push/emit', { kind: 'prompt' }, ben.token);
  assert.equal(queuedFor(id), '1');
  assert.equal((await api(U, 'DELETE', '/api/v1/account', { passphrase: ana.passphrase }, ana.token)).status, 204);
  assert.deepEqual(subsOf(d.json.endpoint), []);
  assert.equal(queuedFor(id), '0');
  assert.deepEqual(queryDb(server.db, `SELECT count(*) FROM push_settings WHERE user_id = ${Number(ana.id)}`), [['0']]);
});
