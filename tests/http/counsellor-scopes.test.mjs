// The difference_map scope: a counsellor sees the couple's map (items both
// rated, with both ratings) only when both partners chose to share it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, signup } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

test('a counsellor sees the difference map only when both shared it', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const kim = await signup(U, 'Kim', { kind: 'counsellor' });
  const items = (await api(U, 'GET', '/api/v1/differences/items?category=places', undefined, ana.token)).json.items;
  const [x, y] = items;
  for (const [who, a, b] of [[ana, 2, -2], [ben, 2, 1]]) {
    assert.equal((await api(U, 'PUT', `/api/v1/differences/items/${x.id}/rating`, { rating: a, important: false, guess: null }, who.token)).status, 200);
    assert.equal((await api(U, 'PUT', `/api/v1/differences/items/${y.id}/rating`, { rating: b, important: true, guess: null }, who.token)).status, 200);
  }
  const inv = await api(U, 'POST', '/api/v1/counsellor/invites', undefined, ana.token);
  assert.equal(inv.status, 201, inv.text);
  assert.equal((await api(U, 'POST', '/api/v1/counsellor/accept', { code: inv.json.code }, kim.token)).status, 200);
  const cid = (await api(U, 'GET', '/api/v1/me', undefined, ana.token)).json.couple.id;
  assert.equal((await api(U, 'POST', `/api/v1/counsellor/invites/${inv.json.id}/approve`, { scopes: ['difference_map'] }, ana.token)).status, 200);
  let r = await api(U, 'GET', `/api/v1/counsellor/couples/${cid}/difference_map`, undefined, kim.token);
  assert.notEqual(r.status, 200, 'nothing before both approve');
  assert.equal((await api(U, 'POST', `/api/v1/counsellor/invites/${inv.json.id}/approve`, { scopes: ['difference_map', 'checkins'] }, ben.token)).status, 200);
  r = await api(U, 'GET', `/api/v1/counsellor/couples/${cid}/difference_map`, undefined, kim.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.data.partners, ['Ana', 'Ben']);
  assert.equal(r.json.data.map.overall.items, 2);
  assert.equal(r.json.data.map.shared_loves.length, 1);
  assert.equal(r.json.data.map.conflicts.length, 1);
  // checkins were chosen by Ben only: not shared
  assert.equal((await api(U, 'GET', `/api/v1/counsellor/couples/${cid}/checkins`, undefined, kim.token)).status, 403);
  // ended: nothing
  assert.equal((await api(U, 'DELETE', '/api/v1/counsellor', undefined, ben.token)).status, 204);
  r = await api(U, 'GET', `/api/v1/counsellor/couples/${cid}/difference_map`, undefined, kim.token);
  assert.notEqual(r.status, 200);
});
