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

test('agreements are paginated, 50 a page, on the API and the page; a bad page number is 400', async () => {
  const [a, b] = await couple(U, 'Pia', 'Quin');
  for (let i = 0; i < 55; i++) {
    const r = await api(U, 'POST', '/api/v1/agreements', { text: `Agreement ${i}`, who: 'both' }, a.token);
    assert.equal(r.status, 201, r.text);
  }
  let r = await api(U, 'GET', '/api/v1/agreements', undefined, b.token);
  assert.deepEqual([r.status, r.json.agreements.length, r.json.page, r.json.more], [200, 50, 1, true]);
  const first = new Set(r.json.agreements.map((g) => g.id));
  r = await api(U, 'GET', '/api/v1/agreements?page=2', undefined, b.token);
  assert.deepEqual([r.status, r.json.agreements.length, r.json.page, r.json.more], [200, 5, 2, false]);
  assert.ok(r.json.agreements.every((g) => !first.has(g.id)), 'page 2 repeats none of page 1');
  r = await api(U, 'GET', '/api/v1/agreements?page=3', undefined, b.token);
  assert.deepEqual([r.status, r.json.agreements.length, r.json.more], [200, 0, false]);
  for (const bad of ['0', '-1', 'x', '100001', '1.5']) {
    r = await api(U, 'GET', `/api/v1/agreements?page=${bad}`, undefined, b.token);
    assert.equal(r.status, 400, bad);
  }
  const get = (p) => fetch(U + p, { headers: { cookie: `duet_session=${a.token}` } });
  let p = await get('/agreements');
  let html = await p.text();
  assert.equal(p.status, 200);
  assert.match(html, /href="\/agreements\?page=2">More agreements/);
  assert.equal((html.match(/id="agreement-/g) || []).length, 50);
  p = await get('/agreements?page=2');
  html = await p.text();
  assert.equal(p.status, 200);
  assert.match(html, /Back to page 1/);
  assert.doesNotMatch(html, /More agreements/);
  assert.equal((html.match(/id="agreement-/g) || []).length, 5);
  p = await get('/agreements?page=3');
  assert.equal(p.status, 200);
  assert.match(await p.text(), /There are no more agreements/);
  assert.equal((await get('/agreements?page=0')).status, 400);
});
