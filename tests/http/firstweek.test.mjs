// HTTP tests of a new couple's first week (issue 18): the invite that stays
// on the Couple page, the join page, the recovery code renewed from the
// account, the name and time zone, and edits from two devices.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, signup, couple, Client, queryDb } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

test('the invite is shown again to its maker only, until it is used', async () => {
  const a = await signup(U, 'Ana');
  const b = await signup(U, 'Ben');
  let r = await api(U, 'GET', '/api/v1/couple', undefined, a.token);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { couple: null });

  const made = await api(U, 'POST', '/api/v1/couple', undefined, a.token);
  r = await api(U, 'GET', '/api/v1/couple', undefined, a.token);
  assert.deepEqual(r.json, {
    couple: { id: made.json.couple.id, partner: null, invite: made.json.invite },
  });
  // the code is not in the database as it is
  const rows = queryDb(server.db, 'SELECT code_hash, code_sealed FROM invites');
  assert.ok(!rows.flat().some((v) => v.includes(made.json.invite.code)));

  // a new invite replaces the old one on the page too
  const again = await api(U, 'POST', '/api/v1/couple/invites', undefined, a.token);
  r = await api(U, 'GET', '/api/v1/couple', undefined, a.token);
  assert.equal(r.json.couple.invite.code, again.json.invite.code);

  r = await api(U, 'POST', '/api/v1/couple/join', { code: again.json.invite.code }, b.token);
  assert.equal(r.status, 200);
  r = await api(U, 'GET', '/api/v1/couple', undefined, a.token);
  assert.deepEqual(r.json.couple.partner, { id: b.id, name: 'Ben' });
  assert.equal(r.json.couple.invite, null);
  r = await api(U, 'GET', '/api/v1/couple', undefined, b.token);
  assert.equal(r.json.couple.invite, null);
  assert.equal(r.json.couple.partner.name, 'Ana');
});

test('the Couple page keeps the invite as a link with Copy, and the join page names who invited', async () => {
  const ana = new Client(U);
  let page = await ana.get('/signup');
  await ana.post('/signup', { csrf: Client.csrf(page.text), name: 'Ana', login: 'fwana', passphrase: 'a long enough passphrase' });
  page = await ana.get('/couple');
  let r = await ana.post('/couple', { csrf: Client.csrf(page.text) });
  const code = /id="invite-code">(.*?)<\/p>/.exec(r.text)[1].replace(/<[^>]*>/g, "");
  // leaving the page and coming back: the invite is still there
  page = await ana.get('/couple');
  assert.match(page.text, new RegExp(`<a id="invite-link" href="http://[^"]+/join/${code}"`));
  assert.match(page.text, /data-copy="invite-link"/);
  assert.match(page.text, /<p class="code groups" id="invite-code">(<span class="g">[0-9A-Z]{4}<\/span>-<wbr>){6}<span class="g">/);
  assert.match(page.text, /data-share="invite-link"/);
  assert.match(page.text, /src="\/static\/keep.js"/);
  assert.doesNotMatch(page.text, /If it got lost/);

  const ben = new Client(U);
  page = await ben.get('/join/' + code);
  assert.match(page.text, /Ana has invited you to share a couple space/);
  page = await ben.get('/signup?next=/join/' + code);
  await ben.post('/signup', { csrf: Client.csrf(page.text), name: 'Ben', login: 'fwben', passphrase: 'a long enough passphrase', next: '/join/' + code });
  page = await ben.get('/join/' + code);
  assert.match(page.text, /Ana has invited you/);

  // a mistyped code: what was typed stays, the message says what to check, and
  // no button here makes a second couple space
  const typo = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
  r = await ben.post('/couple/join', { csrf: Client.csrf(page.text), code: typo });
  assert.equal(r.status, 404);
  assert.match(r.text, new RegExp(`value="${typo}"`));
  assert.match(r.text, /Check it for typos/);
  assert.doesNotMatch(r.text, /Make a couple space and invite/);

  // a used invite says so on the join page
  r = await ben.post('/couple/join', { csrf: Client.csrf(page.text), code });
  assert.equal(r.status, 303);
  const cara = new Client(U);
  page = await cara.get('/join/' + code);
  assert.match(page.text, /already been used\. Ask Ana for a new one/);
});

test('a new recovery code from the account: the old one stops working, the new one opens the key', async () => {
  const a = await signup(U, 'Ana');
  // something private, to see that it stays readable through the new code
  let r = await api(U, 'POST', '/api/v1/journal', { text: 'only mine' }, a.token);
  assert.equal(r.status, 201, r.text);
  r = await api(U, 'POST', '/api/v1/me/recovery-code', { passphrase: 'not the passphrase' }, a.token);
  assert.equal(r.status, 401);
  assert.match(r.json.error.message, /recovery code stays as it was/);
  r = await api(U, 'POST', '/api/v1/me/recovery-code', {}, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/me/recovery-code', { passphrase: a.passphrase }, a.token);
  assert.equal(r.status, 201);
  const fresh = r.json.recovery_code;
  assert.match(fresh, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  assert.notEqual(fresh, a.recovery_code);
  r = await api(U, 'POST', '/api/v1/accounts/recover', { login: a.login, recovery_code: a.recovery_code, new_passphrase: 'another long passphrase' });
  assert.equal(r.status, 401);
  r = await api(U, 'POST', '/api/v1/accounts/recover', { login: a.login, recovery_code: fresh, new_passphrase: 'another long passphrase' });
  assert.equal(r.status, 200);
  const list = await api(U, 'GET', '/api/v1/journal', undefined, r.json.token);
  assert.equal(list.json.entries[0].text, 'only mine');
});

test('the recovery code page: groups that do not break, Copy and Download, renewal from the Account page', async () => {
  const ana = new Client(U);
  let page = await ana.get('/signup');
  let r = await ana.post('/signup', { csrf: Client.csrf(page.text), name: 'Ana', login: 'fwrec', passphrase: 'a long enough passphrase' });
  assert.match(r.text, /<p class="code groups" id="recovery-code">(<span class="g">[0-9A-Z]{4}<\/span>-<wbr>){6}<span class="g">[0-9A-Z]{4}<\/span><\/p>/);
  assert.match(r.text, /data-copy="recovery-code"/);
  assert.match(r.text, /data-download="recovery-code" data-filename="duet-recovery-code.txt"/);
  page = await ana.get('/account');
  assert.match(page.text, /action="\/account\/recovery-code"/);
  r = await ana.post('/account/recovery-code', { csrf: Client.csrf(page.text), passphrase: 'wrong wrong wrong' });
  assert.equal(r.status, 401);
  assert.match(r.text, /recovery code stays as it was/);
  r = await ana.post('/account/recovery-code', { csrf: Client.csrf(page.text), passphrase: 'a long enough passphrase' });
  assert.equal(r.status, 201);
  assert.match(r.text, /Your new recovery code/);
  assert.match(r.text, /The old code no longer works/);
});

test('name and time zone: PATCH /api/v1/me, unknown zones refused, the zone from sign-up', async () => {
  const a = await signup(U, 'Ana', { time_zone: 'America/Los_Angeles' });
  let me = await api(U, 'GET', '/api/v1/me', undefined, a.token);
  assert.equal(me.json.time_zone, 'America/Los_Angeles');
  let r = await api(U, 'PATCH', '/api/v1/me', { name: 'Ana Maria' }, a.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Ana Maria');
  assert.equal(r.json.time_zone, 'America/Los_Angeles');
  r = await api(U, 'PATCH', '/api/v1/me', { time_zone: 'Europe/Paris' }, a.token);
  assert.equal(r.json.time_zone, 'Europe/Paris');
  assert.equal(r.json.name, 'Ana Maria');
  for (const bad of ['Mars/Olympus_Mons', '../../etc/passwd', 'Europe', '/etc/localtime', 'Europe/Paris\n']) {
    r = await api(U, 'PATCH', '/api/v1/me', { time_zone: bad }, a.token);
    assert.equal(r.status, 400, bad);
    assert.equal(r.json.error.code, 'unknown_time_zone');
    assert.match(r.json.error.message, /Europe\/Paris or America\/New_York/);
  }
  r = await api(U, 'PATCH', '/api/v1/me', {}, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'PATCH', '/api/v1/me', { name: 'x'.repeat(61) }, a.token);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /at most 60 characters/);
  r = await api(U, 'POST', '/api/v1/accounts', { login: 'fwzone', name: 'Cy', passphrase: 'a long enough passphrase', time_zone: 'Nowhere/Land' });
  assert.equal(r.status, 400);
  // the partner sees the new name
  const [x, y] = await couple(U, 'Xia', 'Yan');
  await api(U, 'PATCH', '/api/v1/me', { name: 'Xiaoling' }, x.token);
  me = await api(U, 'GET', '/api/v1/me', undefined, y.token);
  assert.equal(me.json.couple.partner.name, 'Xiaoling');
});

test('moments are shown in the reader\'s zone: a journal entry written at 23:30 UTC', async () => {
  const ana = new Client(U);
  let page = await ana.get('/signup');
  await ana.post('/signup', { csrf: Client.csrf(page.text), name: 'Ana', login: 'fwtz', passphrase: 'a long enough passphrase', time_zone: 'Asia/Tokyo' });
  page = await ana.get('/account');
  assert.match(page.text, /name="time_zone"[^>]*value="Asia\/Tokyo"/);
  page = await ana.get('/journal/new');
  let r = await ana.post('/journal', { csrf: Client.csrf(page.text), text: 'late' });
  assert.ok(r.status === 303 || r.status === 201, String(r.status));
  const id = queryDb(server.db, "SELECT id FROM journal_entries ORDER BY id DESC LIMIT 1")[0][0];
  queryDb(server.db, `UPDATE journal_entries SET created_at = 1764718200 WHERE id = ${id}`); // Tue 2 Dec 2025 23:30 UTC
  page = await ana.get('/journal/' + id);
  assert.match(page.text, /Wednesday 3 December/);
  page = await ana.get('/account');
  r = await ana.post('/account/profile', { csrf: Client.csrf(page.text), name: 'Ana', time_zone: 'UTC' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Saved\./);
  page = await ana.get('/journal/' + id);
  assert.match(page.text, /Tuesday 2 December/);
  r = await ana.post('/account/profile', { csrf: Client.csrf(page.text), name: 'Ana', time_zone: 'Atlantis' });
  assert.equal(r.status, 400);
  assert.match(r.text, /value="Atlantis"/);
});

test('edits from two devices: a stale version gets 409 edit_conflict with the text saved now', async () => {
  const [ana] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  const id = r.json.prompt.id;
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'first', version: 0 }, ana.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.mine.version, 1);
  // the phone saves version 1 → 2
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'from the phone', version: 1 }, ana.token);
  assert.equal(r.json.mine.version, 2);
  // the laptop still had version 1
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'from the laptop', version: 1 }, ana.token);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'edit_conflict');
  assert.match(r.json.error.message, /changed somewhere else/);
  assert.deepEqual(r.json.current, { text: 'from the phone', version: 2 });
  // a second "first answer" from a device that never saw the first one
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'again', version: 0 }, ana.token);
  assert.equal(r.status, 409);
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ana.token);
  assert.equal(r.json.mine.text, 'from the phone');
  // without a version the last one wins, as before
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'no version' }, ana.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.mine.version, 3);
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'x', version: -1 }, ana.token);
  assert.equal(r.status, 400);
});

test('the answer form sends its version, and a conflict shows the saved text beside the person\'s own', async () => {
  const ana = new Client(U);
  let page = await ana.get('/signup');
  await ana.post('/signup', { csrf: Client.csrf(page.text), name: 'Ana', login: 'fwconf', passphrase: 'a long enough passphrase' });
  const ben = await signup(U, 'Ben');
  page = await ana.get('/couple');
  let r = await ana.post('/couple', { csrf: Client.csrf(page.text) });
  const code = /id="invite-code">(.*?)<\/p>/.exec(r.text)[1].replace(/<[^>]*>/g, "");
  await api(U, 'POST', '/api/v1/couple/join', { code }, ben.token);
  page = await ana.get('/know');
  const id = /action="\/know\/prompts\/([^/"]+)\/answer"/.exec(page.text)[1];
  assert.match(page.text, /name="version" value="0"/);
  const csrf = Client.csrf(page.text);
  r = await ana.post(`/know/prompts/${id}/answer`, { csrf, version: '0', text: 'on the phone' });
  assert.equal(r.status, 303);
  // the laptop's page was opened before that
  r = await ana.post(`/know/prompts/${id}/answer`, { csrf, version: '0', text: 'on the laptop' });
  assert.equal(r.status, 409);
  assert.match(r.text, /<strong>Saved now<\/strong><\/p><blockquote class="answer-text">on the phone<\/blockquote>/);
  assert.match(r.text, />on the laptop<\/textarea>/);
  assert.match(r.text, /name="version" value="1"/);
  // saving again, knowingly, replaces it
  r = await ana.post(`/know/prompts/${id}/answer`, { csrf, version: '1', text: 'on the laptop' });
  assert.equal(r.status, 303);
  page = await ana.get(`/know/prompts/${id}`);
  assert.match(page.text, /on the laptop/);
});

test('error pages have the right title: an unshared area is not an expired form', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const kim = await signup(U, 'Kim', { kind: 'counsellor' });
  const cid = (await api(U, 'GET', '/api/v1/me', undefined, ana.token)).json.couple.id;
  const { id, code } = (await api(U, 'POST', '/api/v1/counsellor/invites', undefined, ana.token)).json;
  await api(U, 'POST', '/api/v1/counsellor/accept', { code }, kim.token);
  await api(U, 'POST', `/api/v1/counsellor/invites/${id}/approve`, { scopes: ['checkins'] }, ana.token);
  await api(U, 'POST', `/api/v1/counsellor/invites/${id}/approve`, { scopes: ['checkins'] }, ben.token);
  const k = new Client(U);
  k.cookies.set('duet_session', kim.token);
  const page = await k.get(`/counsellor/couples/${cid}/agreements`);
  assert.equal(page.status, 403);
  assert.match(page.text, /<title>Not shared with you/);
  assert.doesNotMatch(page.text, /That form has expired/);
  // a form that really has expired still says so
  const r = await k.post('/signout', { csrf: 'stale' });
  assert.equal(r.status, 403);
  assert.match(r.text, /<h1>That form has expired<\/h1>/);
});

test('the difference map folds a long list away and leaves a short one open', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const items = (await api(U, 'GET', '/api/v1/differences/items?category=interests', undefined, ana.token)).json.items;
  for (const it of items.slice(0, 8)) {
    for (const who of [ana, ben]) {
      const r = await api(U, 'PUT', `/api/v1/differences/items/${it.id}/rating`, { rating: 2 }, who.token);
      assert.equal(r.status, 200, r.text);
    }
  }
  for (const [a, b] of [[2, -2]]) {
    await api(U, 'PUT', `/api/v1/differences/items/${items[9].id}/rating`, { rating: a }, ana.token);
    await api(U, 'PUT', `/api/v1/differences/items/${items[9].id}/rating`, { rating: b }, ben.token);
  }
  const page = new Client(U);
  page.cookies.set('duet_session', ana.token);
  const map = await page.get('/differences/map');
  assert.match(map.text, /<details class="map-items"><summary>Show the 8 items<\/summary>/);
  assert.equal(map.text.match(/<details class="map-items">/g).length, 1); // the one strong difference stays open
});

test('the points form without JavaScript does not claim 100 points are left', async () => {
  const [ana] = await couple(U, 'Ana', 'Ben');
  const n = await api(U, 'POST', '/api/v1/negotiations', { topic: 'Christmas', items: ['Where we spend Christmas Eve', 'Who cooks'] }, ana.token);
  assert.equal(n.status, 201, n.text);
  const c = new Client(U);
  c.cookies.set('duet_session', ana.token);
  const page = await c.get(`/negotiations/${n.json.negotiation.id}`);
  assert.doesNotMatch(page.text, /Points left to give: <strong>100/);
  assert.match(page.text, /Give 100 points in all; duet adds them up when you save\./);
});

test('a heart or a thank you for the partner\'s answer, shown to them; per-question titles', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  const id = r.json.prompt.id;
  const question = r.json.prompt.text;
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Ana wrote this' }, ana.token);
  // Ben cannot react before he can read it
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/reaction`, { reaction: 'heart' }, ben.token);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /once you can read Ana's answer/);
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Ben wrote this' }, ben.token);
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/reaction`, { reaction: 'kiss' }, ben.token);
  assert.equal(r.status, 400);
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/reaction`, { reaction: 'heart' }, ben.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.partner.reaction, 'heart');
  assert.equal(r.json.mine.reaction, null);
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ana.token);
  assert.equal(r.json.mine.reaction, 'heart');
  const anaPage = new Client(U);
  anaPage.cookies.set('duet_session', ana.token);
  let page = await anaPage.get(`/know/prompts/${id}`);
  assert.match(page.text, /Ben sent you a heart for this answer\./);
  const short = question.length > 60 ? question.slice(0, 60) : question;
  assert.ok(page.text.includes(`<title>${short.replace(/'/g, '&#39;').replace(/"/g, '&quot;')}`), 'the question is the title');
  // Ana thanks Ben through the page's form; then takes it back
  page = await anaPage.get(`/know/prompts/${id}`);
  r = await anaPage.post(`/know/prompts/${id}/reaction`, { csrf: Client.csrf(page.text), reaction: 'thanks' });
  assert.equal(r.status, 303);
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ben.token);
  assert.equal(r.json.mine.reaction, 'thanks');
  page = await anaPage.get(`/know/prompts/${id}`);
  assert.match(page.text, /You sent Ben a thank you\./);
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/reaction`, { reaction: null }, ana.token);
  assert.equal(r.json.partner.reaction, null);
});

test('news covers every step a partner takes: a reaction, a reflection, an apology, the end of sharing', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  const id = r.json.prompt.id;
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'a' }, ana.token);
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'b' }, ben.token);
  await api(U, 'POST', '/api/v1/noticing/seen', undefined, ana.token);
  await new Promise((ok) => setTimeout(ok, 1100)); // news is kept in whole seconds
  await api(U, 'PUT', `/api/v1/prompts/${id}/reaction`, { reaction: 'thanks' }, ben.token);
  const rep = await api(U, 'POST', '/api/v1/repairs', { title: 'Saturday', happened_on: '2026-01-05' }, ben.token);
  const rid = rep.json.repair.id;
  r = await api(U, 'PUT', `/api/v1/repairs/${rid}/reflection`, { feelings: ['hurt'], reality: 'I felt alone.' }, ben.token);
  assert.equal(r.status, 200, r.text);
  // the end of sharing with a counsellor who was active
  const kim = await signup(U, 'Kim', { kind: 'counsellor' });
  const inv = (await api(U, 'POST', '/api/v1/counsellor/invites', undefined, ana.token)).json;
  await api(U, 'POST', '/api/v1/counsellor/accept', { code: inv.code }, kim.token);
  await api(U, 'POST', `/api/v1/counsellor/invites/${inv.id}/approve`, { scopes: ['checkins'] }, ana.token);
  await api(U, 'POST', `/api/v1/counsellor/invites/${inv.id}/approve`, { scopes: ['checkins'] }, ben.token);
  assert.equal((await api(U, 'DELETE', '/api/v1/counsellor', undefined, ben.token)).status, 204);

  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  const texts = r.json.items.map((i) => i.text);
  assert.ok(texts.some((t) => /^Ben sent you a thank you for your answer to “/.test(t)), texts.join('\n'));
  assert.ok(texts.includes('Ben wrote a reflection for “Saturday”'), texts.join('\n'));
  assert.ok(texts.includes('Ben ended sharing with Kim, your counsellor'), texts.join('\n'));
  assert.deepEqual(r.json.items.find((i) => i.kind === 'reflection').about, { repair: rid });
  // only news about questions counts on the questions badge
  assert.equal(r.json.counts.prompts, 1);
  // opening the repair marks its news seen
  const c = new Client(U);
  c.cookies.set('duet_session', ana.token);
  assert.equal((await c.get(`/repairs/${rid}`)).status, 200);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.ok(!r.json.items.some((i) => i.kind === 'reflection'));
  const home = await c.get('/');
  assert.match(home.text, /Ben ended sharing with Kim, your counsellor/);
});

test('a journal entry changed on two devices: 409 edit_conflict, both texts on the page', async () => {
  const a = await signup(U, 'Ana');
  let r = await api(U, 'POST', '/api/v1/journal', { text: 'first' }, a.token);
  const id = r.json.entry.id;
  assert.equal(r.json.entry.version, 1);
  r = await api(U, 'PUT', `/api/v1/journal/${id}`, { text: 'from the phone', version: 1 }, a.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.entry.version, 2);
  r = await api(U, 'PUT', `/api/v1/journal/${id}`, { text: 'from the laptop', version: 1 }, a.token);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'edit_conflict');
  assert.equal(r.json.current.text, 'from the phone');
  assert.equal(r.json.current.version, 2);
  r = await api(U, 'PUT', `/api/v1/journal/${id}`, { text: 'no version' }, a.token);
  assert.equal(r.status, 200);
  r = await api(U, 'PUT', `/api/v1/journal/999999`, { text: 'x', version: 1 }, a.token);
  assert.equal(r.status, 404);

  const c = new Client(U);
  c.cookies.set('duet_session', a.token);
  const page = await c.get(`/journal/${id}`);
  assert.match(page.text, /name="version" value="3"/);
  await api(U, 'PUT', `/api/v1/journal/${id}`, { text: 'meanwhile', version: 3 }, a.token);
  r = await c.post(`/journal/${id}`, { csrf: Client.csrf(page.text), version: '3', text: 'my laptop words' });
  assert.equal(r.status, 409);
  assert.match(r.text, /<strong>Saved now<\/strong><\/p><blockquote class="item-text">meanwhile<\/blockquote>/);
  assert.match(r.text, />my laptop words<\/textarea>/);
  assert.match(r.text, /name="version" value="4"/);
});

test('static files go out gzip-compressed to browsers that accept it', async () => {
  const { gunzipSync } = await import('node:zlib');
  const { readFileSync } = await import('node:fs');
  const http = await import('node:http');
  const raw = (headers) => new Promise((resolve, reject) => {
    http.get(U + '/static/style.css', { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  const file = readFileSync(new URL('../../static/style.css', import.meta.url));
  let { res, body } = await raw({ 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.equal(res.headers.vary, 'Accept-Encoding');
  assert.ok(body.length < file.length / 2, `${body.length} bytes of ${file.length}`);
  assert.deepEqual(gunzipSync(body), file);
  const etag = res.headers.etag;
  ({ res, body } = await raw({}));
  assert.equal(res.headers['content-encoding'], undefined);
  assert.deepEqual(body, file);
  assert.notEqual(res.headers.etag, etag);
  ({ res } = await raw({ 'accept-encoding': 'gzip', 'if-none-match': etag }));
  assert.equal(res.statusCode, 304);
});

test('a repair step changed on two devices: 409 edit_conflict with the entry saved now, both on the page', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const rep = await api(U, 'POST', '/api/v1/repairs', { title: 'Sunday', happened_on: '2026-01-05' }, ana.token);
  const id = rep.json.repair.id;
  let r = await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt'], reality: 'first', version: 0 }, ana.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.repair.me.reflection.version, 1);
  r = await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt'], reality: 'from the phone', version: 1 }, ana.token);
  assert.equal(r.json.repair.me.reflection.version, 2);
  r = await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt'], reality: 'from the laptop', version: 1 }, ana.token);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'edit_conflict');
  // the entry as it is now comes with the 409, in the shape GET gives it
  assert.equal(r.json.current.version, 2);
  assert.equal(r.json.current.reality, 'from the phone');
  assert.deepEqual(r.json.current.feelings, ['hurt']);
  r = await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt'], reality: 'from the laptop', version: r.json.current.version }, ana.token);
  assert.equal(r.status, 200, 'sending again with the current version replaces it');
  r = await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt'], reality: 'from the phone', version: 3 }, ana.token);
  assert.equal(r.json.repair.me.reflection.version, 4);
  await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['sad'], reality: 'I waited.' }, ben.token);
  // a step never written: the current entry is version 0, and an apology is {text, version}
  r = await api(U, 'PUT', `/api/v1/repairs/${id}/apology`, { text: 'I am sorry I left.', version: 5 }, ana.token);
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.json.current, { written: false, version: 0 });
  r = await api(U, 'PUT', `/api/v1/repairs/${id}/apology`, { text: 'I am sorry I left.', version: 0 }, ana.token);
  assert.equal(r.status, 200, r.text);
  r = await api(U, 'PUT', `/api/v1/repairs/${id}/apology`, { text: 'I am sorry.', version: 0 }, ana.token);
  assert.equal(r.status, 409);
  assert.equal(r.json.current.text, 'I am sorry I left.');
  assert.equal(r.json.current.version, 1);
  r = await api(U, 'GET', `/api/v1/repairs/${id}`, undefined, ana.token);
  assert.equal(r.json.repair.me.reflection.reality, 'from the phone');
  assert.equal(r.json.repair.partner.reflection.version, undefined, 'the partner\'s entry has no version');

  const c = new Client(U);
  c.cookies.set('duet_session', ana.token);
  const page = await c.get(`/repairs/${id}/reflection`);
  assert.match(page.text, /name="version" value="4"/);
  await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt', 'alone'], reality: 'meanwhile', my_part: 'I went quiet', version: 4 }, ana.token);
  r = await c.post(`/repairs/${id}/reflection`, { csrf: Client.csrf(page.text), version: '4', feelings: 'hurt', reality: 'my laptop words' });
  assert.equal(r.status, 409);
  // every part saved now, above what the person just wrote
  const saved = r.text.match(/<strong>Saved now<\/strong><\/p><blockquote class="item-text">(.*?)<\/blockquote>/s);
  assert.ok(saved, r.text);
  assert.match(saved[1], /<dd>hurt, alone<\/dd>/);
  assert.match(saved[1], /<dt>Reality<\/dt><dd class="prose">meanwhile<\/dd>/);
  assert.match(saved[1], /<dt>My part<\/dt><dd class="prose">I went quiet<\/dd>/);
  assert.match(r.text, />my laptop words<\/textarea>/);
  assert.match(r.text, /name="version" value="5"/);
  // the apology's page the same way
  const ap = await c.get(`/repairs/${id}/apology`);
  await api(U, 'PUT', `/api/v1/repairs/${id}/apology`, { text: 'Sorry, from the phone.', version: 1 }, ana.token);
  r = await c.post(`/repairs/${id}/apology`, { csrf: Client.csrf(ap.text), version: '1', action: 'save', text: 'Sorry, from the laptop.' });
  assert.equal(r.status, 409);
  assert.match(r.text, /<blockquote class="item-text">Sorry, from the phone\.<\/blockquote>/);
  assert.match(r.text, />Sorry, from the laptop\.<\/textarea>/);
});

const earlyNews = async (who, level) => (await api(U, 'GET', '/api/v1/noticing', undefined, who.token))
  .json.items.filter((i) => i.kind === 'early' && i.about.level === level);

test('a request to open a level early is news only while the level is closed, however it opens', async () => {
  // opened by answering ten light questions together
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'POST', '/api/v1/decks/levels/2/early', undefined, ben.token);
  assert.equal(r.status, 200);
  assert.equal((await earlyNews(ana, 2)).length, 1);
  for (let i = 0; i < 10; i++) {
    const id = (await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token)).json.prompt.id;
    assert.equal((await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: `a${i}` }, ana.token)).status, 200);
    assert.equal((await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: `b${i}` }, ben.token)).status, 200);
  }
  r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.equal(r.json.levels[1].open, true, 'ten together open Personal');
  assert.deepEqual(await earlyNews(ana, 2), [], 'the request is answered: no longer news');
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.equal(r.json.counts.prompts, r.json.items.filter((i) => i.about.prompt).length, 'nor on the badge');
  const c = new Client(U);
  c.cookies.set('duet_session', ana.token);
  const home = await c.get('/');
  assert.doesNotMatch(home.text, /would like to open/);
  const decks = await c.get('/know/decks');
  assert.doesNotMatch(decks.text, /Open Personal now|would like to open it now/);

  // opened by both asking for a deeper level: a request for Personal is answered too
  const [cy, di] = await couple(U, 'Cy', 'Di');
  await api(U, 'POST', '/api/v1/decks/levels/2/early', undefined, di.token);
  assert.equal((await earlyNews(cy, 2)).length, 1);
  await api(U, 'POST', '/api/v1/decks/levels/3/early', undefined, di.token);
  r = await api(U, 'POST', '/api/v1/decks/levels/3/early', undefined, cy.token);
  assert.deepEqual(r.json.levels.map((l) => l.open), [true, true, true]);
  assert.deepEqual(await earlyNews(cy, 2), []);
  assert.deepEqual(await earlyNews(cy, 3), []);
  assert.doesNotMatch((await c.get('/')).text, /would like to open/);
});

test('an appreciation in a check-in is news for the partner until seen, and says nothing of its words', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const words = 'the soup on Tuesday';
  const stream = openEvents(U, { token: ana.token });
  await stream.ready;
  let r = await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 5, appreciation: words }, ben.token);
  assert.equal(r.status, 200, r.text);
  const checkin = r.json.checkin.period_start;
  await stream.waitFor((e) => e.event === 'checkin', 5000, 'checkin event');
  stream.close();
  assert.ok(!stream.raw().includes('soup'), 'no words in live events');

  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  const item = r.json.items.find((i) => i.kind === 'appreciation');
  assert.ok(item, r.text);
  assert.equal(item.text, 'Ben left you an appreciation in a check-in');
  assert.equal(item.href, '/trends#thanks-h');
  assert.deepEqual(item.about, { checkin });
  assert.ok(!r.text.includes('soup'), 'no words in the news');
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ben.token);
  assert.ok(!r.json.items.some((i) => i.kind === 'appreciation'), 'not news for its author');

  const c = new Client(U);
  c.cookies.set('duet_session', ana.token);
  let home = await c.get('/');
  assert.match(home.text, /<a href="\/trends#thanks-h">Ben left you an appreciation in a check-in<\/a>/);
  assert.ok(!home.text.includes('soup'));
  const trends = await c.get('/trends');
  assert.match(trends.text, /id="thanks-h"/);
  assert.ok(trends.text.includes(words), 'readable where the news links');
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.ok(!r.json.items.some((i) => i.kind === 'appreciation'), 'seen once the trends page was opened');
  home = await c.get('/');
  assert.doesNotMatch(home.text, /left you an appreciation/);

  // a check-in without one is no news; a new one is, until the usual week is over
  await new Promise((ok) => setTimeout(ok, 1100)); // news is kept in whole seconds
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 6, appreciation: '' }, ben.token);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.ok(!r.json.items.some((i) => i.kind === 'appreciation'), r.text);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 6, appreciation: 'the walk' }, ben.token);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.ok(r.json.items.some((i) => i.kind === 'appreciation'), r.text);
  queryDb(server.db, `UPDATE checkins SET updated_at = updated_at - 8 * 86400 WHERE user_id = ${Number(ben.id)}`);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.ok(!r.json.items.some((i) => i.kind === 'appreciation'), 'older than a week: no longer news');
});
