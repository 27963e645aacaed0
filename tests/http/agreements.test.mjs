// HTTP tests of agreements: create, list from both sides, mark, validation,
// and that another couple can neither see nor mark them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, signup } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

test('agreements: both partners see them, "who" from each side, marks are recorded', async () => {
  const [a, b] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'POST', '/api/v1/agreements', { text: 'I will text when I am late', who: 'me', review_on: '2026-01-02' }, a.token);
  assert.equal(r.status, 201, r.text);
  const g = r.json.agreement;
  assert.equal(g.who, 'me');
  assert.equal(g.status, 'active');
  assert.equal(g.review_on, '2026-01-02');
  assert.equal(g.due, true);
  assert.deepEqual(g.source, { kind: 'own', id: null });

  // a due agreement shows on both home pages
  for (const who of [a, b]) {
    const home = await fetch(U + '/', { headers: { cookie: `duet_session=${who.token}` } });
    assert.match(await home.text(), /1 agreement to look at together/);
  }

  r = await api(U, 'GET', '/api/v1/agreements', undefined, b.token);
  assert.equal(r.json.agreements.length, 1);
  assert.equal(r.json.agreements[0].who, 'partner');

  r = await api(U, 'PATCH', `/api/v1/agreements/${g.id}`, { status: 'kept' }, b.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.agreement.status, 'kept');
  assert.deepEqual(r.json.agreement.marked_by, { id: b.id, name: 'Ben' });
  r = await api(U, 'GET', '/api/v1/agreements', undefined, a.token);
  assert.equal(r.json.agreements[0].marked_by.name, 'Ben');

  // default review date is two weeks out
  r = await api(U, 'POST', '/api/v1/agreements', { text: 'Sunday walks', who: 'both' }, b.token);
  const days = (Date.parse(r.json.agreement.review_on) - Date.now()) / 86400000;
  assert.ok(days > 12 && days <= 14, `review in ${days} days`);
  assert.equal(r.json.agreement.due, false);
});

test('agreements: bad input and other couples', async () => {
  const [a] = await couple(U, 'Cy', 'Di');
  const [c] = await couple(U, 'Ed', 'Flo');
  let r = await api(U, 'POST', '/api/v1/agreements', { text: '' }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/agreements', { text: 'x'.repeat(501) }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/agreements', { text: 'ok', who: 'neighbour' }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/agreements', { text: 'ok', review_on: '2026-02-30' }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/agreements', { text: 'ours' }, a.token);
  const id = r.json.agreement.id;
  r = await api(U, 'PATCH', `/api/v1/agreements/${id}`, { status: 'done-ish' }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'PATCH', `/api/v1/agreements/${id}`, { status: 'kept' }, c.token);
  assert.equal(r.status, 404);
  r = await api(U, 'GET', '/api/v1/agreements', undefined, c.token);
  assert.equal(r.json.agreements.length, 0);
  const alone = await signup(U, 'Gil');
  r = await api(U, 'GET', '/api/v1/agreements', undefined, alone.token);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /invite them/);
});
