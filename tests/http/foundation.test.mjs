// HTTP tests of the foundation: accounts, sessions, couples, errors and headers,
// against a real `duet serve` on an ephemeral loopback port.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { startServer, api, signup, Client, setCookies } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

test('health check answers ok', async () => {
  const r = await api(U, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok' });
});

test('the whole journey through the API', async () => {
  const a = await signup(U, 'Ana');
  assert.match(a.recovery_code, /^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
  assert.equal(a.name, 'Ana');
  assert.ok(a.token.length >= 43);

  let me = await api(U, 'GET', '/api/v1/me', undefined, a.token);
  assert.equal(me.status, 200);
  assert.deepEqual(me.json.couple, null);
  assert.equal(me.json.name, 'Ana');

  const c = await api(U, 'POST', '/api/v1/couple', undefined, a.token);
  assert.equal(c.status, 201);
  assert.ok(c.json.couple.id > 0);
  assert.match(c.json.invite.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const days = (Date.parse(c.json.invite.expires_at) - Date.now()) / 86400000;
  assert.ok(days > 6.9 && days <= 7.01, `expires in ${days} days`);

  me = await api(U, 'GET', '/api/v1/me', undefined, a.token);
  assert.deepEqual(me.json.couple, { id: c.json.couple.id, partner: null });

  const b = await signup(U, 'Ben');
  const j = await api(U, 'POST', '/api/v1/couple/join', { code: c.json.invite.code }, b.token);
  assert.equal(j.status, 200, j.text);
  assert.deepEqual(j.json, { couple: { id: c.json.couple.id, partner: { id: a.id, name: 'Ana' } } });

  me = await api(U, 'GET', '/api/v1/me', undefined, a.token);
  assert.deepEqual(me.json.couple, { id: c.json.couple.id, partner: { id: b.id, name: 'Ben' } });

  // sign out: the token stops working
  const out = await api(U, 'DELETE', '/api/v1/sessions/current', undefined, a.token);
  assert.equal(out.status, 204);
  assert.equal((await api(U, 'GET', '/api/v1/me', undefined, a.token)).status, 401);

  // sign in again
  const s = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase });
  assert.equal(s.status, 200);
  assert.equal((await api(U, 'GET', '/api/v1/me', undefined, s.json.token)).json.couple.partner.name, 'Ben');

  // leave: ends the couple for both
  assert.equal((await api(U, 'DELETE', '/api/v1/couple', undefined, s.json.token)).status, 204);
  assert.equal((await api(U, 'GET', '/api/v1/me', undefined, b.token)).json.couple, null);
  assert.equal((await api(U, 'GET', '/api/v1/me', undefined, s.json.token)).json.couple, null);
});

test('sign-up errors: taken login 409, short passphrase 400, missing fields 400', async () => {
  const a = await signup(U, 'Cleo');
  let r = await api(U, 'POST', '/api/v1/accounts', { login: a.login, name: 'Other', passphrase: 'another long passphrase' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'login_taken');
  assert.match(r.json.error.message, /already taken/);
  r = await api(U, 'POST', '/api/v1/accounts', { login: 'shorty1', name: 'S', passphrase: 'too short' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /at least 10 characters/);
  r = await api(U, 'POST', '/api/v1/accounts', { login: 'nameless1', passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /name/);
  r = await api(U, 'POST', '/api/v1/accounts', { login: 'bad login!', name: 'X', passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/accounts', { login: 'typed1', name: 42, passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /must be text/);
});

test('wrong passphrase 401, then repeated failures are slowed down with 429 and Retry-After', async () => {
  const a = await signup(U, 'Dana');
  for (let i = 0; i < 5; i++) {
    const r = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: 'not the right one' });
    assert.equal(r.status, 401);
    assert.match(r.json.error.message, /don't match/);
  }
  const r = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.match(r.json.error.message, /wait \d+ seconds/);
  // an unknown login is answered like a wrong passphrase
  const u = await api(U, 'POST', '/api/v1/sessions', { login: 'nobody-here', passphrase: 'whatever it is' });
  assert.equal(u.status, 401);
});

test('invites: used 410, replaced 410, unknown 404, full 409, already in a couple 409', async () => {
  const a = await signup(U, 'Eli');
  const b = await signup(U, 'Fay');
  const c = await signup(U, 'Gus');
  const first = await api(U, 'POST', '/api/v1/couple', undefined, a.token);
  assert.equal((await api(U, 'POST', '/api/v1/couple', undefined, a.token)).status, 409);
  const second = await api(U, 'POST', '/api/v1/couple/invites', undefined, a.token);
  assert.equal(second.status, 201);
  let r = await api(U, 'POST', '/api/v1/couple/join', { code: first.json.invite.code }, b.token);
  assert.equal(r.status, 410);
  assert.match(r.json.error.message, /replaced by a newer one\. Ask Eli/);
  r = await api(U, 'POST', '/api/v1/couple/join', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG' }, b.token);
  assert.equal(r.status, 404);
  r = await api(U, 'POST', '/api/v1/couple/join', { code: second.json.invite.code.toLowerCase() }, b.token);
  assert.equal(r.status, 200, r.text);
  r = await api(U, 'POST', '/api/v1/couple/join', { code: second.json.invite.code }, c.token);
  assert.equal(r.status, 410);
  assert.match(r.json.error.message, /already been used\. Ask Eli for a new one/);
  assert.equal((await api(U, 'POST', '/api/v1/couple/invites', undefined, a.token)).status, 409);
  // a third person cannot join a couple of two, even with a fresh code made before the join
  const d = await signup(U, 'Hal');
  const e = await signup(U, 'Ida');
  const cd = await api(U, 'POST', '/api/v1/couple', undefined, d.token);
  assert.equal((await api(U, 'POST', '/api/v1/couple/join', { code: cd.json.invite.code }, b.token)).status, 409);
  assert.equal((await api(U, 'POST', '/api/v1/couple/join', { code: cd.json.invite.code }, e.token)).status, 200);
});

test('errors: 401 without a session, 404, 405, 413, 400 for bad JSON and bad UTF-8, 415', async () => {
  let r = await api(U, 'GET', '/api/v1/me');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
  r = await api(U, 'GET', '/api/v1/nothing-here');
  assert.equal(r.status, 404);
  assert.ok(r.json.error.message);
  r = await api(U, 'GET', '/api/v1/accounts');
  assert.equal(r.status, 405);
  r = await api(U, 'POST', '/api/v1/accounts', 'x'.repeat(70 * 1024));
  assert.equal(r.status, 413);
  r = await api(U, 'POST', '/api/v1/accounts', '{"login": "x",');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_json');
  assert.match(r.json.error.message, /not valid JSON/);
  r = await api(U, 'POST', '/api/v1/accounts', '[1,2]');
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/accounts', new Uint8Array([0x7b, 0x22, 0x6c, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
  assert.equal(r.status, 400);
  r = await api(U, 'GET', '/%FF%FE');
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/accounts', 'login=x', null, { 'content-type': 'text/plain' });
  assert.equal(r.status, 415);
  // a page gets an HTML error in the site's layout
  const p = await fetch(U + '/no/such/page');
  assert.equal(p.status, 404);
  assert.match(p.headers.get('content-type'), /text\/html/);
  assert.match(await p.text(), /<title>Not found · duet<\/title>/);
});

test('security headers on pages and API', async () => {
  for (const p of ['/', '/api/v1/me', '/static/style.css', '/signin']) {
    const res = await fetch(U + p);
    assert.equal(res.headers.get('content-security-policy').split(';')[0], "default-src 'self'");
    assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('static files carry an ETag and answer 304 when unchanged', async () => {
  const res = await fetch(U + '/static/style.css');
  assert.equal(res.status, 200);
  const etag = res.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(U + '/static/style.css', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(U + '/static/..%2f..%2fetc%2fpasswd')).status, 404);
});

test('static files go gzip-compressed to clients that accept it, and as they are to others; pages never', async () => {
  const raw = (p, headers = {}) => new Promise((resolve, reject) => {
    http.get(U + p, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  const file = readFileSync(new URL('../../static/style.css', import.meta.url));
  const plain = await raw('/static/style.css');
  assert.equal(plain.res.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, file);
  assert.equal(plain.res.headers.vary, 'Accept-Encoding');
  const gz = await raw('/static/style.css', { 'accept-encoding': 'br, gzip;q=0.8' });
  assert.equal(gz.res.headers['content-encoding'], 'gzip');
  assert.ok(gz.body.length < file.length / 2, `compressed to ${gz.body.length} of ${file.length} bytes`);
  assert.deepEqual(gunzipSync(gz.body), file);
  assert.notEqual(gz.res.headers.etag, plain.res.headers.etag);
  const again = await raw('/static/style.css', { 'accept-encoding': 'gzip', 'if-none-match': gz.res.headers.etag });
  assert.equal(again.res.statusCode, 304);
  const refused = await raw('/static/style.css', { 'accept-encoding': 'gzip;q=0, identity' });
  assert.equal(refused.res.headers['content-encoding'], undefined);
  // A page (with its CSRF token) is never compressed (BREACH).
  const page = await raw('/signin', { 'accept-encoding': 'gzip' });
  assert.equal(page.res.statusCode, 200);
  assert.equal(page.res.headers['content-encoding'], undefined);
});

test('keep-alive: several requests on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve, reject) => {
      const req = http.get(U + '/healthz', { agent }, (res) => {
        sockets.add(req.socket);
        assert.notEqual(res.headers.connection, 'close');
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
    });
  }
  agent.destroy();
  assert.equal(sockets.size, 1);
});

test('the journey through the HTML forms, with cookie flags and CSRF', async () => {
  const ana = new Client(U);
  let page = await ana.get('/signup');
  assert.equal(page.status, 200);
  const csrf = Client.csrf(page.text);
  assert.ok(csrf);
  // a form without its CSRF token is refused
  let r = await ana.post('/signup', { name: 'Ana', login: 'formana', passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 403);
  assert.match(r.text, /expired or did not come from duet/);
  r = await ana.post('/signup', { csrf, name: 'Ana', login: 'formana', passphrase: 'short' });
  assert.equal(r.status, 400);
  assert.match(r.text, /at least 10 characters/);
  assert.match(r.text, /value="formana"/); // what was typed is kept
  r = await ana.post('/signup', { csrf, name: 'Ana', login: 'formana', passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Your recovery code/);
  const cookie = setCookies(r.res).find((c) => c.startsWith('duet_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);

  page = await ana.get('/couple');
  assert.equal(page.status, 200);
  r = await ana.post('/couple', { csrf: Client.csrf(page.text) });
  assert.equal(r.status, 201);
  const code = /id="invite-code">(.*?)<\/p>/.exec(r.text)[1].replace(/<[^>]*>/g, "");
  assert.match(r.text, /\/join\//);

  const ben = new Client(U);
  page = await ben.get('/join/' + code);
  assert.match(page.text, /Make an account/);
  page = await ben.get('/signup?next=/join/' + code);
  r = await ben.post('/signup', { csrf: Client.csrf(page.text), name: 'Ben', login: 'formben', passphrase: 'a long enough passphrase', next: '/join/' + code });
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`href="/join/${code}"`));
  page = await ben.get('/join/' + code);
  r = await ben.post('/couple/join', { csrf: Client.csrf(page.text), code });
  assert.equal(r.status, 303);

  for (const who of [ana, ben]) {
    const home = await who.get('/');
    assert.match(home.text, /Ana &amp; Ben|Ben &amp; Ana/);
  }

  // sign out and in again through the forms; a wrong passphrase is explained
  page = await ana.get('/');
  r = await ana.post('/signout', { csrf: Client.csrf(page.text) });
  assert.equal(r.status, 303);
  assert.equal((await ana.get('/couple')).status, 303);
  page = await ana.get('/signin');
  r = await ana.post('/signin', { csrf: Client.csrf(page.text), login: 'formana', passphrase: 'wrong passphrase!' });
  assert.equal(r.status, 401);
  assert.match(r.text, /don&#39;t match/);
  r = await ana.post('/signin', { csrf: Client.csrf(page.text), login: 'FormAna', passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 303);

  // leaving asks first, then ends the couple for both
  page = await ana.get('/couple/leave');
  assert.match(page.text, /deleted for both of you/);
  r = await ana.post('/couple/leave', { csrf: Client.csrf(page.text) });
  assert.equal(r.status, 303);
  assert.doesNotMatch((await ben.get('/')).text, /Ana &amp; Ben/);
});

test('changing the passphrase and recovering with the code', async () => {
  const a = await signup(U, 'Jo');
  let r = await api(U, 'PUT', '/api/v1/me/passphrase', { current: 'wrong one here', new: 'a brand new passphrase' }, a.token);
  assert.equal(r.status, 401);
  r = await api(U, 'PUT', '/api/v1/me/passphrase', { current: a.passphrase, new: 'a brand new passphrase' }, a.token);
  assert.equal(r.status, 200);
  assert.equal((await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase })).status, 401);
  assert.equal((await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: 'a brand new passphrase' })).status, 200);
  r = await api(U, 'POST', '/api/v1/accounts/recover', { login: a.login, recovery_code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', new_passphrase: 'recovered passphrase' });
  assert.equal(r.status, 401);
  r = await api(U, 'POST', '/api/v1/accounts/recover', { login: a.login, recovery_code: a.recovery_code.replaceAll('-', ' ').toLowerCase(), new_passphrase: 'recovered passphrase' });
  assert.equal(r.status, 200, r.text);
  assert.notEqual(r.json.recovery_code, a.recovery_code);
  // the old code works once only
  const again = await api(U, 'POST', '/api/v1/accounts/recover', { login: a.login, recovery_code: a.recovery_code, new_passphrase: 'recovered passphrase 2' });
  assert.equal(again.status, 401);
  assert.equal((await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: 'recovered passphrase' })).status, 200);
});

test('API requests authenticated by cookie must be JSON (CSRF)', async () => {
  const a = await signup(U, 'Kit');
  const r = await api(U, 'POST', '/api/v1/couple', 'x=1', null, { cookie: `duet_session=${a.token}`, 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 403);
});
