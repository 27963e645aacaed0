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

// Live events for a counsellor: only of couples that invited them, only of
// kinds in areas both partners share with them, and sharing starting and
// ending; never anything else, never text.
test('a counsellor hears only what a couple shares with them, live', async () => {
  const { openEvents } = await import('../lib/events.mjs');
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const [cy, di] = await couple(U, 'Cy', 'Di'); // never invites Kim
  const kim = await signup(U, 'Kim', { kind: 'counsellor' });
  const cid = (await api(U, 'GET', '/api/v1/me', undefined, ana.token)).json.couple.id;
  const url = `/counsellor/couples/${cid}`;
  const inv = await api(U, 'POST', '/api/v1/counsellor/invites', undefined, ana.token);
  assert.equal((await api(U, 'POST', '/api/v1/counsellor/accept', { code: inv.json.code }, kim.token)).status, 200);
  const approve = async (who, scopes) => assert.equal((await api(U, 'POST',
    `/api/v1/counsellor/invites/${inv.json.id}/approve`, { scopes }, who.token)).status, 200);
  const checkin = async (who) => assert.equal((await api(U, 'PUT', '/api/v1/checkins/current',
    { closeness: 5, appreciation: 'Kim-must-not-read-this' }, who.token)).status, 200);

  // Waiting for approval: sharing news only; a check-in is not shared yet.
  let s = openEvents(U, { token: kim.token });
  assert.equal(await s.status(), 200);
  await checkin(ben);
  await approve(ana, ['checkins', 'agreements']);
  let ev = await s.waitFor((e) => e.event === 'counsellor', 10000, 'sharing news');
  assert.deepEqual(Object.keys(ev.data).sort(), ['at', 'id', 'kind', 'url']);
  assert.equal(ev.data.url, url);
  assert.deepEqual(s.events.map((e) => e.event), ['counsellor'], 'no check-in before both approved');
  for (let i = 0; i < 30 && !s.ended; i++) await new Promise((res) => setTimeout(res, 100));
  assert.ok(s.ended, 'a sharing change ends the stream, to be set up again');
  s.close();

  // Ben shares check-ins only: agreements (Ana's choice alone), answers and the
  // other couple stay out; a check-in comes through.
  await approve(ben, ['checkins']);
  s = openEvents(U, { token: kim.token });
  assert.equal(await s.status(), 200);
  const pid = (await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token)).json.prompt.id;
  assert.equal((await api(U, 'PUT', `/api/v1/prompts/${pid}/answer`, { text: 'Kim-must-not-read-this' }, ana.token)).status, 200);
  assert.equal((await api(U, 'POST', '/api/v1/agreements', { text: 'Kim-must-not-read-this', who: 'me' }, ana.token)).status, 201);
  await checkin(cy);
  await checkin(di);
  await checkin(ana);
  ev = await s.waitFor((e) => e.event === 'checkin', 10000, 'the shared check-in');
  assert.equal(ev.data.url, url);
  assert.deepEqual(Object.keys(ev.data).sort(), ['at', 'id', 'kind', 'url']);
  await new Promise((res) => setTimeout(res, 500));
  assert.deepEqual(s.events.map((e) => e.event), ['checkin'], 'nothing unshared, nothing of another couple');
  assert.ok(!s.raw().includes('Kim-must-not-read-this') && !s.raw().includes('Ana'), 'no text, no names');

  // Ended: the news, then nothing more from this couple.
  assert.equal((await api(U, 'DELETE', '/api/v1/counsellor', undefined, ben.token)).status, 204);
  ev = await s.waitFor((e) => e.event === 'counsellor', 10000, 'sharing ended');
  s.close();
  s = openEvents(U, { token: kim.token, lastEventId: ev.id });
  assert.equal(await s.status(), 200);
  await checkin(ana);
  await new Promise((res) => setTimeout(res, 800));
  assert.deepEqual(s.events, [], 'nothing after sharing ended');
  s.close();

  // A partner's stream is as before: every kind of their own couple.
  const p = openEvents(U, { token: ben.token });
  await p.ready;
  await checkin(ana);
  assert.equal((await p.waitFor((e) => e.event === 'checkin', 10000, 'the check-in, on the partner stream')).data.url, '/checkin');
  p.close();
});
