// HTTP tests of a new couple's first week (issue 18): the invite that stays
// on the Couple page, the join page, the recovery code renewed from the
// account, the name and time zone, and edits from two devices.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, signup, couple, Client, queryDb } from '../lib/server.mjs';

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
  const code = /id="invite-code">([^<]+)</.exec(r.text)[1];
  // leaving the page and coming back: the invite is still there
  page = await ana.get('/couple');
  assert.match(page.text, new RegExp(`<a id="invite-link" href="http://[^"]+/join/${code}"`));
  assert.match(page.text, /data-copy="invite-link"/);
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
