// HTTP tests of the counsellor's access: nothing before the counsellor has
// entered the code and both partners approved, only the scopes both chose,
// nothing after either partner ends it, every opening logged for the couple,
// never a journal entry or a partner's private words.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, signup } from '../lib/server.mjs';
import { seedCheckins, sql } from '../lib/checkins.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

const get = (p, who) => api(U, 'GET', p, undefined, who.token);
const post = (p, body, who) => api(U, 'POST', p, body, who.token);

async function coupleId(who) {
  return (await get('/api/v1/me', who)).json.couple.id;
}

test('counsellor: the whole path from invitation to the end of sharing', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const kim = await signup(U, 'Kim Lee', { kind: 'counsellor' });
  const other = await signup(U, 'Zed', { kind: 'counsellor' });
  const cid = await coupleId(ana);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 6, trust: 5, appreciation: 'private words of thanks' }, ana.token);
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 4, trust: 4, appreciation: 'more private words' }, ben.token);
  await post('/api/v1/agreements', { text: 'Phones away at dinner', who: 'both' }, ana);

  // before anything: nothing
  let r = await get(`/api/v1/counsellor/couples/${cid}/checkins`, kim);
  assert.equal(r.status, 404);
  r = await get('/api/v1/counsellor/couples', kim);
  assert.deepEqual(r.json, { couples: [] });
  r = await get('/api/v1/counsellor', ana);
  assert.deepEqual(r.json, { counsellor: null });

  r = await post('/api/v1/counsellor/invites', undefined, ana);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(Object.keys(r.json).sort(), ['code', 'id']);
  const { id, code } = r.json;
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  r = await get('/api/v1/counsellor', ben);
  assert.equal(r.json.counsellor.status, 'invited');
  assert.equal(r.json.counsellor.invite_id, id);
  assert.equal(r.json.counsellor.name, null);
  assert.deepEqual(r.json.counsellor.invited_by, { id: ana.id, name: 'Ana' });

  // approving before the counsellor is known is refused
  r = await post(`/api/v1/counsellor/invites/${id}/approve`, { scopes: ['checkins'] }, ana);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'waiting_for_counsellor');

  // only a counsellor account can enter the code
  r = await post('/api/v1/counsellor/accept', { code }, ben);
  assert.equal(r.status, 403);
  r = await post('/api/v1/counsellor/accept', { code: 'AAAA-BBBB' }, kim);
  assert.equal(r.status, 404);
  r = await post('/api/v1/counsellor/accept', { code: code.toLowerCase() }, kim);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { couple: { id: cid, names: ['Ana', 'Ben'] }, status: 'waiting' });
  r = await post('/api/v1/counsellor/accept', { code }, kim);
  assert.equal(r.status, 200, 'entering it again is harmless');
  r = await post('/api/v1/counsellor/accept', { code }, other);
  assert.equal(r.status, 410);
  assert.equal(r.json.error.code, 'invite_used');

  // joined, but nobody approved: nothing
  r = await get('/api/v1/counsellor/couples', kim);
  assert.equal(r.json.couples.length, 1);
  assert.equal(r.json.couples[0].status, 'waiting');
  assert.deepEqual(r.json.couples[0].shared, []);
  assert.equal(r.json.couples[0].trend, null);
  for (const scope of ['checkins', 'agreements', 'repair_plans', 'difference_map']) {
    r = await get(`/api/v1/counsellor/couples/${cid}/${scope}`, kim);
    assert.equal(r.status, 403, scope);
    assert.equal(r.json.error.code, 'not_approved');
  }

  // bad scopes
  for (const scopes of [['journal'], ['prompt_answers'], [], ['checkins', 7], 'checkins']) {
    r = await post(`/api/v1/counsellor/invites/${id}/approve`, { scopes }, ana);
    assert.equal(r.status, 400, JSON.stringify(scopes));
  }

  // one partner approves: still nothing
  r = await post(`/api/v1/counsellor/invites/${id}/approve`, { scopes: ['checkins', 'agreements', 'repair_plans'] }, ana);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.counsellor.status, 'waiting');
  assert.equal(r.json.counsellor.name, 'Kim Lee');
  assert.deepEqual(r.json.counsellor.approvals.me.scopes, ['checkins', 'agreements', 'repair_plans']);
  assert.equal(r.json.counsellor.approvals.partner, null);
  assert.deepEqual(r.json.counsellor.shared, []);
  r = await get(`/api/v1/counsellor/couples/${cid}/checkins`, kim);
  assert.equal(r.status, 403);

  // both approve: the intersection is shared
  r = await post(`/api/v1/counsellor/invites/${id}/approve`, { scopes: ['repair_plans', 'difference_map', 'checkins'] }, ben);
  assert.equal(r.status, 200);
  assert.equal(r.json.counsellor.status, 'active');
  assert.deepEqual(r.json.counsellor.shared, ['checkins', 'repair_plans']);
  assert.match(r.json.counsellor.active_since, /Z$/);
  assert.deepEqual(r.json.counsellor.approvals.partner.scopes, ['checkins', 'agreements', 'repair_plans']);

  r = await get(`/api/v1/counsellor/couples/${cid}/checkins`, kim);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.scope, 'checkins');
  assert.deepEqual(r.json.couple, { id: cid, names: ['Ana', 'Ben'] });
  assert.deepEqual(r.json.data.people.map((p) => [p.name, p.checkins[0].closeness]), [['Ana', 6], ['Ben', 4]]);
  assert.ok(!r.text.includes('private words'), 'appreciations are never shared');
  assert.ok(!('appreciation' in r.json.data.people[0].checkins[0]));
  r = await get(`/api/v1/counsellor/couples/${cid}/repair_plans`, kim);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.data, { repairs: [] }, 'no repair has reached its plan');
  for (const scope of ['agreements', 'difference_map']) {
    r = await get(`/api/v1/counsellor/couples/${cid}/${scope}`, kim);
    assert.equal(r.status, 403, scope);
    assert.equal(r.json.error.code, 'not_shared');
  }
  for (const scope of ['journal', 'prompt_answers', 'answers', 'CHECKINS']) {
    r = await get(`/api/v1/counsellor/couples/${cid}/${scope}`, kim);
    assert.equal(r.status, 404, scope);
  }
  // another counsellor, a partner, or another couple id: nothing
  r = await get(`/api/v1/counsellor/couples/${cid}/checkins`, other);
  assert.equal(r.status, 404);
  r = await get(`/api/v1/counsellor/couples/${cid}/checkins`, ana);
  assert.equal(r.status, 403);
  r = await get(`/api/v1/counsellor/couples/${cid + 1000}/checkins`, kim);
  assert.equal(r.status, 404);
  r = await get('/api/v1/counsellor/couples/abc/checkins', kim);
  assert.equal(r.status, 404);

  // Ben widens his choice: agreements are now in both sets
  r = await post(`/api/v1/counsellor/invites/${id}/approve`, { scopes: ['checkins', 'agreements'] }, ben);
  assert.deepEqual(r.json.counsellor.shared, ['checkins', 'agreements']);
  r = await get(`/api/v1/counsellor/couples/${cid}/agreements`, kim);
  assert.equal(r.status, 200);
  assert.equal(r.json.data.agreements[0].text, 'Phones away at dinner');
  assert.equal(r.json.data.agreements[0].both_do, true);
  assert.equal(r.json.data.months.length, 6);
  r = await get(`/api/v1/counsellor/couples/${cid}/repair_plans`, kim);
  assert.equal(r.status, 403, 'narrowed: Ben no longer shares repair plans');

  // the list with a small trend
  r = await get('/api/v1/counsellor/couples', kim);
  const row = r.json.couples[0];
  assert.equal(row.status, 'active');
  assert.equal(row.trend.measure, 'closeness');
  assert.deepEqual(row.trend.people.map((p) => [p.name, p.values.at(-1)]), [['Ana', 6], ['Ben', 4]]);

  // every opening is logged, and only openings
  r = await get('/api/v1/counsellor/log', ben);
  assert.equal(r.status, 200);
  const scopes = r.json.log.map((e) => e.scope).reverse();
  assert.deepEqual(scopes, ['checkins', 'repair_plans', 'agreements', 'overview']);
  assert.ok(r.json.log.every((e) => e.counsellor.name === 'Kim Lee' && /Z$/.test(e.opened_at)));

  // either partner ends it: access ends at once
  r = await api(U, 'DELETE', '/api/v1/counsellor', undefined, ben.token);
  assert.equal(r.status, 204);
  for (const scope of ['checkins', 'agreements']) {
    r = await get(`/api/v1/counsellor/couples/${cid}/${scope}`, kim);
    assert.equal(r.status, 404, scope);
  }
  r = await get('/api/v1/counsellor/couples', kim);
  assert.deepEqual(r.json.couples, []);
  r = await post(`/api/v1/counsellor/invites/${id}/approve`, { scopes: ['checkins'] }, ana);
  assert.equal(r.status, 410);
  r = await get('/api/v1/counsellor', ana);
  assert.deepEqual(r.json, { counsellor: null });
  r = await api(U, 'DELETE', '/api/v1/counsellor', undefined, ana.token);
  assert.equal(r.status, 404);
  r = await get('/api/v1/counsellor/log', ana);
  assert.equal(r.json.log.length, 4, 'the log stays with the couple');
  r = await post('/api/v1/counsellor/accept', { code }, kim);
  assert.equal(r.status, 410, 'the old code cannot bring access back');
});

test('counsellor: codes are replaced, expire, and need a couple of two', async () => {
  const [ana, ben] = await couple(U, 'Cy', 'Di');
  const kim = await signup(U, 'Kit', { kind: 'counsellor' });
  const first = (await post('/api/v1/counsellor/invites', undefined, ana)).json;
  const second = (await post('/api/v1/counsellor/invites', undefined, ben)).json;
  assert.notEqual(first.code, second.code);
  let r = await post('/api/v1/counsellor/accept', { code: first.code }, kim);
  assert.equal(r.status, 410);
  assert.equal(r.json.error.code, 'invite_ended');
  sql(server.db, `UPDATE counsellor_links SET expires_at = 1 WHERE id = ${second.id};`);
  r = await post('/api/v1/counsellor/accept', { code: second.code }, kim);
  assert.equal(r.status, 410);
  assert.equal(r.json.error.code, 'invite_expired');
  r = await get('/api/v1/counsellor', ana);
  assert.equal(r.json.counsellor.status, 'expired');

  const third = (await post('/api/v1/counsellor/invites', undefined, ana)).json;
  r = await post('/api/v1/counsellor/accept', { code: third.code }, kim);
  assert.equal(r.status, 200);
  for (const p of [ana, ben])
    await post(`/api/v1/counsellor/invites/${third.id}/approve`, { scopes: ['agreements'] }, p);
  r = await post('/api/v1/counsellor/invites', undefined, ana);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'counsellor_active');
  // another couple cannot approve or see this invitation
  const [eve] = await couple(U, 'Eve', 'Fay');
  r = await post(`/api/v1/counsellor/invites/${third.id}/approve`, { scopes: ['checkins'] }, eve);
  assert.equal(r.status, 404);
  r = await get('/api/v1/counsellor/log', eve);
  assert.deepEqual(r.json.log, []);
  // the small trend is only there when check-ins are shared (and then logged)
  r = await get('/api/v1/counsellor/couples', kim);
  assert.equal(r.json.couples[0].trend, null);
  r = await get('/api/v1/counsellor/log', ana);
  assert.deepEqual(r.json.log, []);

  const solo = await signup(U, 'Gil');
  r = await post('/api/v1/counsellor/invites', undefined, solo);
  assert.equal(r.status, 409);
  r = await get('/api/v1/counsellor/couples', solo);
  assert.equal(r.status, 403);
  r = await api(U, 'GET', '/api/v1/counsellor/couples');
  assert.equal(r.status, 401);
});

test('counsellor: leaving the couple ends everything with it', async () => {
  const [ana, ben] = await couple(U, 'Hu', 'Ivy');
  const kim = await signup(U, 'Kai', { kind: 'counsellor' });
  const cid = await coupleId(ana);
  seedCheckins(server.db, ben.id, cid, [{ ago: 1, closeness: 5, trust: 5 }]);
  const inv = (await post('/api/v1/counsellor/invites', undefined, ana)).json;
  await post('/api/v1/counsellor/accept', { code: inv.code }, kim);
  for (const p of [ana, ben])
    await post(`/api/v1/counsellor/invites/${inv.id}/approve`, { scopes: ['checkins'] }, p);
  let r = await get(`/api/v1/counsellor/couples/${cid}/checkins`, kim);
  assert.equal(r.status, 200);
  r = await api(U, 'DELETE', '/api/v1/couple', undefined, ben.token);
  assert.equal(r.status, 204);
  r = await get(`/api/v1/counsellor/couples/${cid}/checkins`, kim);
  assert.equal(r.status, 404);
  r = await get('/api/v1/counsellor/couples', kim);
  assert.deepEqual(r.json.couples, []);
});
