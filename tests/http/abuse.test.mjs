// Holding under abuse (issue 15): strangers cannot lock an owner out, guesses
// are slowed wherever a passphrase is checked, sign-ups are limited per
// network, and a cookie-authenticated change needs proof that duet's own page
// sent it. Each test here failed before the change it describes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, signup, setCookies, queryDb, usingPostgres, Client } from '../lib/server.mjs';

const WRONG = 'not the right passphrase';

test('behind a trusted proxy, one client\'s wrong guesses never lock the owner out from elsewhere', async (t) => {
  const server = await startServer({ env: { DUET_TRUSTED_PROXIES: '127.0.0.1' } });
  t.after(() => server.stop());
  const U = server.url;
  const a = await signup(U, 'Ana');
  const from = (ip) => ({ 'x-forwarded-for': `1.2.3.4, ${ip}` });
  for (let i = 0; i < 6; i++) {
    const r = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: WRONG }, null, from('198.51.100.66'));
    assert.equal(r.status, i < 5 ? 401 : 429, r.text);
  }
  // the same login from the owner's own network still signs in
  const own = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase }, null, from('203.0.113.5'));
  assert.equal(own.status, 200, own.text);
  // and the guesser's network is still held back, even with the right passphrase
  const held = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase }, null, from('198.51.100.66'));
  assert.equal(held.status, 429);
  assert.ok(Number(held.headers.get('retry-after')) > 0);
  // an IPv6 client counts by its /64: another address in it is held back too
  for (let i = 0; i < 5; i++) await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: WRONG }, null, from('2001:db8:1:2::1'));
  const v6 = await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase }, null, from('2001:db8:1:2:ffff::9'));
  assert.equal(v6.status, 429);
  // the recovery code has its own counter: the passphrase guesses did not spend it
  const rec = await api(U, 'POST', '/api/v1/accounts/recover', { login: a.login, recovery_code: a.recovery_code, new_passphrase: 'a brand new passphrase' }, null, from('203.0.113.5'));
  assert.equal(rec.status, 200, rec.text);
  // the table keeps neither what was typed nor addresses
  if (!usingPostgres()) {
    const keys = queryDb(server.db, 'SELECT key FROM throttle').map((row) => row[0]).join('\n');
    assert.ok(keys.length > 0);
    assert.ok(!keys.includes(a.login) && !keys.includes('198.51.100') && !keys.includes('2001:db8'), keys);
  }
});

test('X-Forwarded-For from an untrusted peer is ignored: it cannot buy fresh tries', async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const a = await signup(server.url, 'Ben');
  let last;
  for (let i = 0; i < 6; i++) {
    last = await api(server.url, 'POST', '/api/v1/sessions', { login: a.login, passphrase: WRONG }, null, { 'x-forwarded-for': `198.51.100.${i}` });
  }
  assert.equal(last.status, 429);
});

test('passphrase checks inside a session are throttled: change and account deletion', async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const U = server.url;
  const a = await signup(U, 'Cai');
  for (let i = 0; i < 3; i++) {
    const r = await api(U, 'PUT', '/api/v1/me/passphrase', { current: WRONG, new: 'another long passphrase' }, a.token);
    assert.equal(r.status, 401, r.text);
  }
  for (let i = 0; i < 2; i++) {
    const r = await api(U, 'DELETE', '/api/v1/account', { passphrase: WRONG }, a.token);
    assert.equal(r.status, 401, r.text);
  }
  const r = await api(U, 'PUT', '/api/v1/me/passphrase', { current: a.passphrase, new: 'another long passphrase' }, a.token);
  assert.equal(r.status, 429, r.text);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.match(r.json.error.message, /wait \d+ seconds/);
  const d = await api(U, 'DELETE', '/api/v1/account', { passphrase: a.passphrase }, a.token);
  assert.equal(d.status, 429);
  // signing in from the person's network is not affected
  assert.equal((await api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase })).status, 200);
});

test('sign-ups are limited per client address; a taken login is refused before any hashing', async (t) => {
  const server = await startServer({ env: { DUET_SIGNUPS_PER_HOUR: '3' } });
  t.after(() => server.stop());
  const U = server.url;
  const made = [];
  for (let i = 0; i < 3; i++) made.push(await signup(U, 'Dee'));
  const taken = await api(U, 'POST', '/api/v1/accounts', { login: made[0].login, name: 'X', passphrase: 'a long enough passphrase' });
  assert.equal(taken.status, 409);
  const r = await api(U, 'POST', '/api/v1/accounts', { login: `flood${process.pid}`, name: 'Flood', passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 429, r.text);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.match(r.json.error.message, /within the hour/);
  // reads keep flowing
  assert.equal((await api(U, 'GET', '/healthz')).status, 200);
});

test('a cookie-authenticated change without a body is refused from another site, or without proof', async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const U = server.url;
  const a = await signup(U, 'Eve');
  const cookie = { cookie: `duet_session=${a.token}` };
  const post = (headers) => fetch(U + '/api/v1/couple', { method: 'POST', headers: { ...cookie, ...headers } });
  // a foreign Origin with text/plain and no body: once accepted
  let r = await post({ origin: 'http://evil.example', 'content-type': 'text/plain' });
  assert.equal(r.status, 403);
  assert.match((await r.json()).error.message, /another site/);
  r = await post({ 'sec-fetch-site': 'cross-site' });
  assert.equal(r.status, 403);
  r = await post({ 'sec-fetch-site': 'same-site', 'content-type': 'application/json' });
  assert.equal(r.status, 403, 'a sibling subdomain is another site');
  // no body and no proof
  r = await post({});
  assert.equal(r.status, 403);
  assert.match((await r.json()).error.message, /X-CSRF-Token/);
  // the same request from duet's own page: JSON, or the token as a header
  r = await post({ 'content-type': 'application/json', origin: new URL(U).origin, 'sec-fetch-site': 'same-origin' });
  assert.equal(r.status, 201, await r.text());
  // a form posted from another site is refused even with a valid token
  const c = new Client(U);
  c.cookies.set('duet_session', a.token);
  const page = await c.get('/couple');
  const f = await c.post('/couple/invites', { csrf: Client.csrf(page.text) }, { origin: 'http://evil.example' });
  assert.equal(f.status, 403);
  // our own form as a browser sends it under Referrer-Policy: no-referrer
  const own = await c.post('/couple/invites', { csrf: Client.csrf(page.text) }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
  assert.ok(own.status < 400, `${own.status} ${own.text.slice(0, 200)}`);
  // Bearer clients are not affected
  assert.notEqual((await api(U, 'POST', '/api/v1/couple/invites', undefined, a.token)).status, 403);
});

test('cookies are Secure with the __Host- prefix, and HSTS is sent, when a trusted proxy says https', async (t) => {
  const server = await startServer({ env: { DUET_TRUSTED_PROXIES: '127.0.0.1' } });
  t.after(() => server.stop());
  const U = server.url;
  const a = await signup(U, 'Fay');
  const signin = (headers) => fetch(U + '/api/v1/sessions', {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ login: a.login, passphrase: a.passphrase }),
  });
  let r = await signin({ 'x-forwarded-proto': 'https' });
  assert.equal(r.status, 200);
  const secure = setCookies(r).find((c) => c.includes('duet_session'));
  assert.match(secure, /^__Host-duet_session=[^;]+;.*; Secure/);
  assert.match(r.headers.get('strict-transport-security') || '', /max-age=\d+/);
  const token = /^__Host-duet_session=([^;]+)/.exec(secure)[1];
  // over TLS only the __Host- cookie counts
  const me = (name, proto) => fetch(U + '/api/v1/me', { headers: { cookie: `${name}=${token}`, 'x-forwarded-proto': proto } });
  assert.equal((await me('__Host-duet_session', 'https')).status, 200);
  assert.equal((await me('duet_session', 'https')).status, 401);
  // plain http: plain cookie, no HSTS
  r = await signin({});
  assert.ok(!setCookies(r).some((c) => /Secure/.test(c)));
  assert.equal(r.headers.get('strict-transport-security'), null);
});

test('X-Forwarded-Proto from an untrusted peer does not make cookies Secure; DUET_COOKIE_SECURE=1 forces it', async (t) => {
  const plain = await startServer();
  t.after(() => plain.stop());
  const a = await signup(plain.url, 'Gus');
  const r = await fetch(plain.url + '/api/v1/sessions', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
    body: JSON.stringify({ login: a.login, passphrase: a.passphrase }),
  });
  assert.ok(!setCookies(r).some((c) => /Secure/.test(c)));
  const forced = await startServer({ env: { DUET_COOKIE_SECURE: '1' } });
  t.after(() => forced.stop());
  const page = await fetch(forced.url + '/signin');
  assert.ok(setCookies(page).some((c) => /^__Host-duet_csrf=.*; Secure/.test(c)));
});

test('names refuse control, invisible and direction characters; logs and `duet admin users` escape them', async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const U = server.url;
  for (const name of ['Ana\u001b[2J', 'Ana\r\nBen', 'Ana\u202eneB', 'A\u200bna', '\ufeffAna']) {
    const r = await api(U, 'POST', '/api/v1/accounts', { login: `n${process.pid}${name.length}x`, name, passphrase: 'a long enough passphrase' });
    assert.equal(r.status, 400, JSON.stringify(name));
    assert.match(r.json.error.message, /visible text on one line/);
  }
  const a = await signup(U, 'José María');
  assert.equal(a.name, 'José María');
  // a dream's title is one line too
  const d = await api(U, 'POST', '/api/v1/dreams', { title: 'Trip\u202e', text: 'x', kind: 'dream' }, a.token);
  assert.ok(d.status === 400 || d.status === 409, d.text);
  // a line break in the path cannot forge a line in the request log
  await fetch(U + '/x%0AGET%20/forged%20200%201us');
  const log = await server.waitLog(/x\\x0aGET/);
  assert.match(log, /\/x\\x0aGET \/forged/);
  assert.ok(!/^GET \/forged/m.test(log), 'a forged log line');
  if (!usingPostgres()) {
    queryDb(server.db, `UPDATE users SET name = 'Ana' || char(27) || '[2J' || char(10) || 'root' WHERE login = '${a.login}'`);
    const { spawnSync } = await import('node:child_process');
    const out = spawnSync(process.env.DUET_BIN || 'build/asan/duet', ['admin', '--db', server.db, 'users'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.ok(!out.stdout.includes('\u001b'), 'ESC reached the terminal');
    assert.match(out.stdout, /Ana\\x1b\[2J\\x0aroot/);
  }
});

test('the database, its WAL and shared memory are readable by the owner alone', { skip: usingPostgres() }, async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  await signup(server.url, 'Hal');
  const { statSync, existsSync } = await import('node:fs');
  for (const f of [server.db, server.db + '-wal', server.db + '-shm']) {
    if (!existsSync(f)) continue;
    assert.equal((statSync(f).mode & 0o777).toString(8), '600', f);
  }
});

// Polls /healthz while `work` runs; resolves with the slowest answer in ms.
async function slowestRead(U, work) {
  let stop = false;
  const lat = [];
  const poll = (async () => {
    while (!stop) {
      const s = Date.now();
      await fetch(U + '/healthz');
      lat.push(Date.now() - s);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const out = await work();
  stop = true;
  await poll;
  return { out, slowest: Math.max(...lat) };
}

test('reads keep flowing during a burst of sign-ins: hashing runs on its own threads', async (t) => {
  const server = await startServer({ args: ['--threads', '2'] });
  t.after(() => server.stop());
  const U = server.url;
  const a = await signup(U, 'Ivy');
  const t0 = Date.now();
  const { out, slowest } = await slowestRead(U, () => Promise.all(Array.from({ length: 16 },
    () => api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase }))));
  const burst = Date.now() - t0;
  assert.deepEqual([...new Set(out.map((r) => r.status))], [200]);
  // Before, the hashes ran on the two request threads and /healthz waited behind
  // them, for most of the burst. Measured against the burst itself, so that a
  // slow machine (or the sanitizers) does not make the check fail by itself.
  assert.ok(slowest < Math.max(400, burst / 3), `/healthz took ${slowest} ms during a ${burst} ms burst`);
});

test('when the hashing queue is full the answer is 503 with Retry-After, at once', async (t) => {
  const server = await startServer({ args: ['--threads', '1'], env: { DUET_HASH_QUEUE: '1' } });
  t.after(() => server.stop());
  const U = server.url;
  const a = await signup(U, 'Jo');
  const rs = await Promise.all(Array.from({ length: 8 },
    () => api(U, 'POST', '/api/v1/sessions', { login: a.login, passphrase: a.passphrase })));
  const busy = rs.filter((r) => r.status === 503);
  assert.ok(busy.length >= 1 && rs.some((r) => r.status === 200), rs.map((r) => r.status).join(','));
  assert.ok(Number(busy[0].headers.get('retry-after')) > 0);
  assert.match(busy[0].json.error.message, /try again in a few seconds/);
});

test('together mode: next takes only the question shown, and one partner alone cannot open deeper levels', async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const U = server.url;
  const { couple } = await import('../lib/server.mjs');
  const [ana, ben] = await couple(U, 'Kim', 'Lee');
  let s = (await api(U, 'POST', '/api/v1/together', { first: 'me' }, ana.token)).json.session;
  // a closed level's question (once accepted, and counted as answered together)
  let r = await api(U, 'POST', `/api/v1/together/${s.id}/next`, { prompt: 'fears-2-01' }, ana.token);
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message, /no longer the one on screen/);
  // Kim alone clicks through more than enough to open level 2
  for (let i = 0; i < 12; i++) {
    r = await api(U, 'POST', `/api/v1/together/${s.id}/next`, { prompt: s.prompt.id }, ana.token);
    assert.equal(r.status, 200, r.text);
    s = r.json.session;
    assert.equal(s.prompt.level, 1, 'no deeper question on Kim\'s word alone');
  }
  assert.equal(new Set(s.used.map((u) => u.prompt)).size, 12, 'no question twice');
  r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.deepEqual([r.json.levels[0].answered, r.json.levels[1].open], [0, false]);
  // Kim cannot confirm Kim's own steps
  r = await api(U, 'POST', `/api/v1/together/${s.id}/confirm`, undefined, ana.token);
  assert.equal(r.status, 409);
  // Lee, on Lee's own phone, is asked and confirms with the page's button
  const c = new Client(U);
  c.cookies.set('duet_session', ben.token);
  let p = await c.get('/together');
  assert.match(p.text, /Kim marked questions as talked about with you/);
  p = await c.get(`/together/${s.id}`);
  assert.match(p.text, /Kim marked 12 questions as talked about with you/);
  const f = await c.post(`/together/${s.id}/confirm`, { csrf: Client.csrf(p.text) });
  assert.equal(f.status, 303);
  r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.deepEqual([r.json.levels[0].answered, r.json.levels[1].open], [12, true]);
});

test('deleting an account removes the together-mode notes its person wrote; the export has them', async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const U = server.url;
  const { couple } = await import('../lib/server.mjs');
  const [ana, ben] = await couple(U, 'Max', 'Ned');
  const s = (await api(U, 'POST', '/api/v1/together', { first: 'me' }, ana.token)).json.session;
  let r = await api(U, 'POST', `/api/v1/together/${s.id}/next`, { prompt: s.prompt.id, note: 'Max wrote this' }, ana.token);
  assert.equal(r.status, 200, r.text);
  r = await api(U, 'POST', `/api/v1/together/${s.id}/next`, { prompt: r.json.session.prompt.id, note: 'Ned wrote that' }, ben.token);
  assert.equal(r.status, 200, r.text);
  const ex = await api(U, 'GET', '/api/v1/export', undefined, ana.token);
  assert.deepEqual(ex.json.together_notes.map((n) => [n.note, n.by]), [['Max wrote this', 'me']]);
  r = await api(U, 'DELETE', '/api/v1/account', { passphrase: ana.passphrase }, ana.token);
  assert.equal(r.status, 204, r.text);
  if (!usingPostgres()) {
    // Ned's record of the session and Ned's note stay; Max's words are gone
    assert.deepEqual(queryDb(server.db, "SELECT '[' || note || ']' FROM together_prompts ORDER BY step"), [['[]'], ['[Ned wrote that]']]);
  }
});

test('additions are rate-limited per person with clear words; replacing one\'s own text is not', async (t) => {
  const server = await startServer({ env: { DUET_ADDS_PER_HOUR: '5' } });
  t.after(() => server.stop());
  const U = server.url;
  const { couple } = await import('../lib/server.mjs');
  const [ana, ben] = await couple(U, 'Olu', 'Pat');
  for (let i = 0; i < 5; i++) {
    const r = await api(U, 'POST', '/api/v1/dreams', { title: `Dream ${i}`, text: 'x', kind: 'dream' }, ana.token);
    assert.equal(r.status, 201, r.text);
  }
  const r = await api(U, 'POST', '/api/v1/dreams', { title: 'One more', text: 'x', kind: 'dream' }, ana.token);
  assert.equal(r.status, 429, r.text);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.match(r.json.error.message, /add more in \d+ minutes/);
  // replacing an answer again and again is fine
  const cur = (await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token)).json.prompt.id;
  for (let i = 0; i < 8; i++)
    assert.equal((await api(U, 'PUT', `/api/v1/prompts/${cur}/answer`, { text: `take ${i}` }, ana.token)).status, 200);
  // and Pat is not held back by Olu
  assert.equal((await api(U, 'POST', '/api/v1/dreams', { title: 'Pat\'s', text: 'x', kind: 'idea' }, ben.token)).status, 201);
});

test('a couple\'s storage quota answers 413 in plain words; the partner\'s pages and export keep working', async (t) => {
  const server = await startServer({ env: { DUET_COUPLE_QUOTA_MB: '1', DUET_ADDS_PER_HOUR: '0' } });
  t.after(() => server.stop());
  const U = server.url;
  const { couple } = await import('../lib/server.mjs');
  const [ana, ben] = await couple(U, 'Quin', 'Rae');
  const big = 'word '.repeat(800);
  let last;
  for (let i = 0; i < 400; i++) {
    last = await api(U, 'POST', '/api/v1/dreams', { title: `Big ${i}`, text: big, kind: 'dream' }, ana.token);
    if (last.status !== 201) break;
  }
  assert.equal(last.status, 413, last.text);
  assert.match(last.json.error.message, /space in duet is full.*deleted/);
  for (const p of ['/api/v1/dreams', '/api/v1/export']) assert.equal((await api(U, 'GET', p, undefined, ben.token)).status, 200, p);
  const c = new Client(U);
  c.cookies.set('duet_session', ben.token);
  assert.equal((await c.get('/dreams')).status, 200);
  // changing what one wrote still works; deleting makes room again
  const cur = (await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token)).json.prompt.id;
  assert.equal((await api(U, 'PUT', `/api/v1/prompts/${cur}/answer`, { text: 'still mine to change' }, ana.token)).status, 200);
  const mine = (await api(U, 'GET', '/api/v1/dreams', undefined, ana.token)).json.dreams.slice(0, 10);
  for (const d of mine) assert.equal((await api(U, 'DELETE', `/api/v1/dreams/${d.id}`, undefined, ana.token)).status, 204);
  assert.equal((await api(U, 'POST', '/api/v1/dreams', { title: 'Fits again', text: 'x', kind: 'idea' }, ana.token)).status, 201);
});

test('each person deletes what they added, never the other\'s: dreams, replies, negotiations, own items', async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const U = server.url;
  const { couple } = await import('../lib/server.mjs');
  const [ana, ben] = await couple(U, 'Sam', 'Teo');
  const d = (await api(U, 'POST', '/api/v1/dreams', { title: 'Sea', text: 'x', kind: 'dream' }, ben.token)).json.dream;
  const mine = (await api(U, 'POST', `/api/v1/dreams/${d.id}/replies`, { text: 'Sam replies' }, ana.token)).json.reply;
  const theirs = (await api(U, 'POST', `/api/v1/dreams/${d.id}/replies`, { text: 'Teo replies' }, ben.token)).json.reply;
  // Sam cannot delete Teo's dream or reply, but can delete Sam's own reply
  let r = await api(U, 'DELETE', `/api/v1/dreams/${d.id}`, undefined, ana.token);
  assert.equal(r.status, 403);
  assert.match(r.json.error.message, /Only the one who put a dream on the table/);
  assert.equal((await api(U, 'DELETE', `/api/v1/dreams/${d.id}/replies/${theirs.id}`, undefined, ana.token)).status, 403);
  assert.equal((await api(U, 'DELETE', `/api/v1/dreams/${d.id}/replies/${mine.id}`, undefined, ana.token)).status, 204);
  r = await api(U, 'GET', `/api/v1/dreams/${d.id}`, undefined, ben.token);
  assert.deepEqual(r.json.dream.replies.map((x) => x.text), ["Teo replies"]);
  // another couple gets 404
  const [other] = await couple(U, 'Uli', 'Vic');
  assert.equal((await api(U, 'DELETE', `/api/v1/dreams/${d.id}`, undefined, other.token)).status, 404);
  // through the pages, with a confirmation first
  const c = new Client(U);
  c.cookies.set('duet_session', ben.token);
  let p = await c.get(`/dreams/${d.id}`);
  assert.match(p.text, /href="\/dreams\/\d+\/delete">Delete this/);
  p = await c.get(`/dreams/${d.id}/delete`);
  assert.match(p.text, /every reply under it/);
  const f = await c.post(`/dreams/${d.id}/delete`, { csrf: Client.csrf(p.text) });
  assert.equal(f.status, 303);
  assert.equal((await api(U, 'GET', `/api/v1/dreams/${d.id}`, undefined, ben.token)).status, 404);
  // negotiations and own difference items
  const n = (await api(U, 'POST', '/api/v1/negotiations', { topic: 'Holidays', items: ['Sea', 'Hills'] }, ben.token)).json.negotiation;
  assert.equal((await api(U, 'DELETE', `/api/v1/negotiations/${n.id}`, undefined, ana.token)).status, 403);
  assert.equal((await api(U, 'DELETE', `/api/v1/negotiations/${n.id}`, undefined, ben.token)).status, 204);
  assert.equal((await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, ben.token)).status, 404);
  const n2 = (await api(U, 'POST', '/api/v1/negotiations', { topic: 'Weekends', items: ['Rest', 'Friends'] }, ben.token)).json.negotiation;
  p = await c.get(`/negotiations/${n2.id}`);
  assert.match(p.text, /Delete this negotiation/);
  p = await c.get(`/negotiations/${n2.id}/delete`);
  assert.match(p.text, /Agreements you already made from it stay/);
  assert.equal((await c.post(`/negotiations/${n2.id}/delete`, { csrf: Client.csrf(p.text) })).status, 303);
  assert.equal((await api(U, 'GET', `/api/v1/negotiations/${n2.id}`, undefined, ben.token)).status, 404);
  const cats = (await api(U, 'GET', '/api/v1/differences/items', undefined, ana.token)).json;
  const category = (cats.items || cats.categories || [])[0]?.category || 'interests';
  const item = await api(U, 'POST', '/api/v1/differences/items', { category, text: 'Night swims' }, ana.token);
  assert.equal(item.status, 201, item.text);
  const id = item.json.item.id;
  assert.equal((await api(U, 'DELETE', `/api/v1/differences/items/${id}`, undefined, ben.token)).status, 403);
  assert.equal((await api(U, 'DELETE', `/api/v1/differences/items/${id}`, undefined, ana.token)).status, 204);
});

test('lists are paginated: many large dreams and journal entries never break a page', async (t) => {
  const server = await startServer({ env: { DUET_ADDS_PER_HOUR: '0' } });
  t.after(() => server.stop());
  const U = server.url;
  const { couple } = await import('../lib/server.mjs');
  const [ana, ben] = await couple(U, 'Wes', 'Xia');
  const big = '🌊'.repeat(4000); // 16 KB each
  for (let i = 0; i < 120; i++) {
    const r = await api(U, 'POST', '/api/v1/dreams', { title: `Sea ${i}`, text: big, kind: 'dream' }, ana.token);
    assert.equal(r.status, 201, r.text);
  }
  let r = await api(U, 'GET', '/api/v1/dreams', undefined, ben.token);
  assert.equal(r.status, 200);
  assert.deepEqual([r.json.dreams.length, r.json.page, r.json.more], [50, 1, true]);
  r = await api(U, 'GET', '/api/v1/dreams?page=3', undefined, ben.token);
  assert.deepEqual([r.json.dreams.length, r.json.more], [20, false]);
  assert.equal((await api(U, 'GET', '/api/v1/dreams?page=0', undefined, ben.token)).status, 400);
  const c = new Client(U);
  c.cookies.set('duet_session', ben.token);
  let p = await c.get('/dreams');
  assert.equal(p.status, 200);
  assert.match(p.text, /href="\/dreams\?page=2">More on the table/);
  p = await c.get('/dreams?page=3');
  assert.equal(p.status, 200);
  assert.match(p.text, /Back to page 2/);
  // a journal of many long entries
  // negotiations too
  for (let i = 0; i < 55; i++)
    assert.equal((await api(U, 'POST', '/api/v1/negotiations', { topic: `Topic ${i}` }, ana.token)).status, 201);
  r = await api(U, 'GET', '/api/v1/negotiations?page=2', undefined, ben.token);
  assert.deepEqual([r.status, r.json.negotiations.length, r.json.page, r.json.more], [200, 5, 2, false]);
  assert.match((await c.get('/negotiations')).text, /href="\/negotiations\?page=2">Older negotiations/);
  const entry = '🌑'.repeat(8000);
  for (let i = 0; i < 45; i++) {
    r = await api(U, 'POST', '/api/v1/journal', { text: entry }, ana.token);
    assert.equal(r.status, 201, r.text);
  }
  r = await api(U, 'GET', '/api/v1/journal', undefined, ana.token);
  assert.deepEqual([r.status, r.json.entries.length, r.json.more], [200, 20, true]);
  const j = new Client(U);
  j.cookies.set('duet_session', ana.token);
  p = await j.get('/journal?page=3');
  assert.equal(p.status, 200);
  assert.match(p.text, /Back to page 2/);
});

test('the export works at any size: a journal and dreams past the old 4 MiB answer cap', async (t) => {
  const server = await startServer({ env: { DUET_ADDS_PER_HOUR: '0' } });
  t.after(() => server.stop());
  const U = server.url;
  const { couple } = await import('../lib/server.mjs');
  const [ana, ben] = await couple(U, 'Yan', 'Zed');
  const entry = '🌑'.repeat(8000); // 32 KB, and more as JSON
  for (let i = 0; i < 150; i++) {
    const r = await api(U, 'POST', '/api/v1/journal', { text: entry, own: `own ${i}` }, ana.token);
    assert.equal(r.status, 201, r.text);
  }
  for (let i = 0; i < 60; i++)
    assert.equal((await api(U, 'POST', '/api/v1/dreams', { title: `D ${i}`, text: '🌊'.repeat(4000), kind: 'dream' }, ana.token)).status, 201);
  const r = await api(U, 'GET', '/api/v1/export', undefined, ana.token);
  assert.equal(r.status, 200, r.text.slice(0, 200));
  assert.ok(Buffer.byteLength(r.text) > 4 * 1024 * 1024, `${Buffer.byteLength(r.text)} bytes`);
  assert.equal(r.json.journal.length, 150);
  assert.equal(r.json.journal[149].own, 'own 0');
  // the partner's export too (it holds the shared dreams)
  const b = await api(U, 'GET', '/api/v1/export', undefined, ben.token);
  assert.equal(b.status, 200);
  assert.equal(b.json.dreams.length, 60);
});
