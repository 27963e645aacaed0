// HTTP tests of structured conversations: starting one, the floor (only its
// holder passes it, 409 for the other), moving on only after each had the floor,
// the flooding break of at least twenty minutes (on a clock the test moves
// forward through DUET_TEST_CLOCK), endings in an agreement or a dream, the
// shared screen, other couples (404), pages, export and deletion.
import test from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, api, couple, signup, Client } from '../lib/server.mjs';

const clock = path.join(mkdtempSync(path.join(tmpdir(), 'duet-clock-')), 'skew');
writeFileSync(clock, '0');
const server = await startServer({ env: { DUET_TEST_CLOCK: clock } });
const U = server.url;
test.after(() => server.stop());

const post = (who, id, what, body) => api(U, 'POST', `/api/v1/conversations/${id}/${what}`, body, who.token);

test('speaker and listener: the floor passes only from its holder, then the next step', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'POST', '/api/v1/conversations', { kind: 'speaker_listener', topic: 'Weekends' }, ana.token);
  assert.equal(r.status, 201, r.text);
  const c = r.json.conversation;
  assert.equal(c.kind, 'speaker_listener');
  assert.equal(c.step, 'topic');
  assert.equal(c.floor.holder, ana.id);
  assert.equal(c.topic, 'Weekends');
  assert.equal(c.role, 'both');
  assert.equal(c.break, null);

  // a second conversation waits until this one ends
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'stress' }, ben.token);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'conversation_open');

  // the first step is for both: no floor to pass yet
  r = await post(ana, c.id, 'floor');
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'no_floor');
  r = await post(ben, c.id, 'next');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.conversation.step, 'floor');
  assert.equal(r.json.conversation.role, 'listener');
  assert.match(r.json.conversation.guidance.you, /^Listen to Ana, then say back/);

  // Ana holds the floor: on Ana's phone the speaker's part, naming Ben
  r = await api(U, 'GET', `/api/v1/conversations/${c.id}`, undefined, ana.token);
  assert.equal(r.json.conversation.role, 'speaker');
  assert.equal(r.json.conversation.floor.mine, true);
  assert.match(r.json.conversation.guidance.you, /so Ben can say back/);
  assert.equal(r.json.conversation.can.pass, true);

  // Ben is not the holder: 409, and nothing changes
  r = await post(ben, c.id, 'floor');
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'not_your_floor');
  assert.match(r.json.error.message, /Ana has the floor/);
  r = await post(ben, c.id, 'next');
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'turns_first');

  r = await post(ana, c.id, 'floor');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.conversation.floor.holder, ben.id);
  assert.equal(r.json.conversation.role, 'listener');
  r = await post(ana, c.id, 'floor');
  assert.equal(r.status, 409, 'Ana no longer holds it');
  r = await post(ben, c.id, 'floor');
  assert.equal(r.json.conversation.floor.holder, ana.id);

  // the last step: no step after it; it ends, here without a decision
  r = await post(ana, c.id, 'next');
  assert.equal(r.json.conversation.step, 'close');
  r = await post(ana, c.id, 'next');
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'last_step');
  r = await post(ben, c.id, 'end', {});
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.conversation.ended_at);
  assert.deepEqual(r.json.conversation.outcome, { kind: 'none', id: null });
  r = await post(ana, c.id, 'floor');
  assert.equal(r.json.error.code, 'ended');
});

test('the flooding break: either partner, at least twenty minutes, nothing moves meanwhile', async () => {
  const [cy, di] = await couple(U, 'Cy', 'Di');
  let r = await api(U, 'POST', '/api/v1/conversations', { kind: 'stress', first: 'partner' }, cy.token);
  const id = r.json.conversation.id;
  assert.equal(r.json.conversation.floor.holder, di.id, 'the partner starts');
  await post(cy, id, 'next');
  // the listener may call the break
  r = await post(cy, id, 'break');
  assert.equal(r.status, 200, r.text);
  const brk = r.json.conversation.break;
  assert.deepEqual(brk.by, { id: cy.id, name: 'Cy' });
  assert.equal(brk.can_resume, false);
  assert.ok(brk.seconds_left > 1190 && brk.seconds_left <= 1200, `${brk.seconds_left}`);
  assert.equal(r.json.conversation.role, 'both');
  r = await post(di, id, 'floor');
  assert.equal(r.json.error.code, 'on_break');
  r = await post(di, id, 'break');
  assert.equal(r.json.error.code, 'on_break');

  // nineteen minutes later: not yet, with the time it can end
  writeFileSync(clock, String(19 * 60));
  r = await post(di, id, 'resume');
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'break_not_over');
  assert.match(r.json.error.message, /at least twenty minutes\. You can pick up again in 1 minute, at \d\d:\d\d UTC/);
  assert.ok(Number(r.headers.get('retry-after')) <= 60);
  let page = await fetch(`${U}/conversations/${id}`, { headers: { cookie: `duet_session=${di.token}` } });
  assert.match(await page.text(), /You can pick up again at \d\d:\d\d UTC, in 1 minute\./);

  // twenty minutes: either may pick up again, and the floor is where it was
  writeFileSync(clock, String(20 * 60));
  r = await post(di, id, 'resume');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.conversation.break, null);
  assert.equal(r.json.conversation.floor.holder, di.id);
  r = await post(cy, id, 'resume');
  assert.equal(r.json.error.code, 'no_break');
  writeFileSync(clock, '0');
});

test('the weekly meeting ends in an agreement with a review day, or a dream on the table', async () => {
  const [ed, flo] = await couple(U, 'Ed', 'Flo');
  let r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly' }, ed.token);
  const id = r.json.conversation.id;
  assert.deepEqual(r.json.conversation.steps.map((s) => s.slug), ['settle', 'appreciations', 'issue', 'decide']);
  // no agreement before the last step
  r = await post(ed, id, 'end', { outcome: 'agreement', text: 'too soon' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'not_yet');
  await post(flo, id, 'next');
  assert.equal((await post(ed, id, 'floor')).status, 200);
  await post(flo, id, 'next');
  assert.equal((await post(flo, id, 'floor')).status, 200);
  r = await post(ed, id, 'next');
  assert.equal(r.json.conversation.step, 'decide');
  assert.equal(r.json.conversation.can.decide, true);
  r = await post(flo, id, 'end', { outcome: 'agreement', text: 'x'.repeat(501) });
  assert.equal(r.status, 400);
  r = await post(flo, id, 'end', { outcome: 'promise' });
  assert.equal(r.status, 400);
  r = await post(flo, id, 'end', { outcome: 'agreement', text: 'A slow breakfast together on Sundays', who: 'both', review_on: '2030-01-06' });
  assert.equal(r.status, 200, r.text);
  const out = r.json.conversation.outcome;
  assert.equal(out.kind, 'agreement');
  r = await api(U, 'GET', '/api/v1/agreements', undefined, ed.token);
  const g = r.json.agreements.find((x) => x.id === out.id);
  assert.equal(g.text, 'A slow breakfast together on Sundays');
  assert.equal(g.review_on, '2030-01-06');
  assert.deepEqual(g.source, { kind: 'conversation', id });

  // a second one ends with a dream
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly' }, flo.token);
  const id2 = r.json.conversation.id;
  await post(ed, id2, 'next');
  assert.equal((await post(flo, id2, 'floor')).status, 200);
  await post(ed, id2, 'next');
  assert.equal((await post(ed, id2, 'floor')).status, 200, 'the floor stays with Ed into the next step');
  await post(ed, id2, 'next');
  r = await post(ed, id2, 'end', { outcome: 'dream', title: 'A month by the sea' });
  assert.equal(r.status, 200, r.text);
  r = await api(U, 'GET', `/api/v1/dreams/${r.json.conversation.outcome.id}`, undefined, flo.token);
  assert.equal(r.json.dream.title, 'A month by the sea');
  r = await api(U, 'GET', '/api/v1/conversations', undefined, flo.token);
  assert.deepEqual(r.json.conversations.map((x) => x.outcome.kind), ['dream', 'agreement']);
});

test('one shared screen: either partner passes the floor', async () => {
  const [gus, hal] = await couple(U, 'Gus', 'Hal');
  let r = await api(U, 'POST', '/api/v1/conversations', { kind: 'speaker_listener', screen: 'shared' }, gus.token);
  const id = r.json.conversation.id;
  assert.equal(r.json.conversation.screen, 'shared');
  await post(gus, id, 'next');
  r = await post(hal, id, 'floor');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.conversation.floor.holder, hal.id);
  const page = await fetch(`${U}/conversations/${id}`, { headers: { cookie: `duet_session=${gus.token}` } });
  const html = await page.text();
  assert.match(html, /Hal has the floor\./);
  assert.match(html, /Hal speaks<\/h2>/);
  assert.match(html, /Gus listens<\/h2>/);
  assert.match(html, /Pass the floor to Gus/);
});

test('a double tap passes the floor once; the other tap is told why', async () => {
  const [pia, quin] = await couple(U, 'Pia', 'Quin');
  const id = (await api(U, 'POST', '/api/v1/conversations', { kind: 'speaker_listener' }, pia.token)).json.conversation.id;
  await post(quin, id, 'next');
  const taps = await Promise.all([1, 2, 3, 4].map(() => post(pia, id, 'floor')));
  assert.deepEqual(taps.map((t) => t.status).sort(), [200, 409, 409, 409]);
  for (const t of taps.filter((x) => x.status === 409)) assert.match(t.json.error.code, /^(not_your_floor|changed)$/);
  const r = await api(U, 'GET', `/api/v1/conversations/${id}`, undefined, quin.token);
  assert.equal(r.json.conversation.floor.holder, quin.id);
  assert.equal(r.json.conversation.floor.passes, 1);
});

test('bad input, other couples and people alone', async () => {
  const [ivy] = await couple(U, 'Ivy', 'Jo');
  const [kit] = await couple(U, 'Kit', 'Lou');
  const alone = await signup(U, 'Max');
  let r = await api(U, 'POST', '/api/v1/conversations', { kind: 'argument' }, ivy.token);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_kind');
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly', topic: 'x'.repeat(121) }, ivy.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly', first: 'neighbour' }, ivy.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly', screen: 'tv' }, ivy.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/conversations', 'kind=weekly&topic=%FF%FE', ivy.token, { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 400, 'a topic that is not UTF-8');
  assert.equal(r.json.error.code, 'invalid_utf8');
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly', topic: 'one\ntwo' }, ivy.token);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_topic');
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly' }, ivy.token);
  const id = r.json.conversation.id;
  for (const [m, p] of [['GET', ''], ['POST', '/floor'], ['POST', '/next'], ['POST', '/break'], ['POST', '/resume'], ['POST', '/end']]) {
    r = await api(U, m, `/api/v1/conversations/${id}${p}`, m === 'POST' ? {} : undefined, kit.token);
    assert.equal(r.status, 404, `${m} ${p}`);
  }
  r = await api(U, 'GET', '/api/v1/conversations', undefined, kit.token);
  assert.deepEqual(r.json.conversations, []);
  r = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly' }, alone.token);
  assert.equal(r.status, 409);
  r = await api(U, 'GET', '/api/v1/conversations/999999', undefined, ivy.token);
  assert.equal(r.status, 404);
});

test('pages: start, take turns and end through forms; export and deletion', async () => {
  const [nia, oz] = await couple(U, 'Nia', 'Oz');
  const a = new Client(U);
  a.cookies.set('duet_session', nia.token);
  let r = await a.get('/conversations');
  assert.equal(r.status, 200);
  assert.match(r.text, /Talking it through/);
  assert.match(r.text, /href="\/conversations" aria-current="page">Conversations/);
  const csrf = Client.csrf(r.text);
  r = await a.post('/conversations', { csrf, kind: 'stress', topic: 'Work deadlines', first: 'me', screen: 'two' });
  assert.equal(r.status, 303, r.text);
  const loc = r.res.headers.get('location');
  const id = Number(/\/conversations\/(\d+)$/.exec(loc)[1]);
  r = await a.get(loc);
  assert.match(r.text, /Settle in/);
  assert.match(r.text, /Topic: Work deadlines/);
  r = await a.post(`${loc}/next`, { csrf });
  assert.equal(r.status, 303);
  r = await a.get(loc);
  assert.match(r.text, /You have the floor\./);
  assert.match(r.text, /Tell Oz what is weighing on you today/);
  assert.match(r.text, /Pass the floor to Oz/);
  // Oz, on the other phone, listens and cannot pass the floor
  const b = new Client(U);
  b.cookies.set('duet_session', oz.token);
  r = await b.get(loc);
  assert.match(r.text, /Nia has the floor\./);
  assert.match(r.text, /Be on Nia&#39;s side|Be on Nia's side/);
  assert.doesNotMatch(r.text, /Pass the floor/);
  r = await b.post(`${loc}/floor`, { csrf: Client.csrf(r.text) });
  assert.equal(r.status, 409);
  assert.match(r.text, /Nia has the floor, so only Nia can pass it/);
  r = await a.post(`${loc}/floor`, { csrf });
  assert.equal(r.status, 303);
  r = await b.get(loc);
  assert.match(r.text, /You have the floor\./);
  r = await a.post(`${loc}/end`, { csrf });
  assert.equal(r.status, 303);
  r = await a.get('/conversations');
  assert.match(r.text, /Earlier conversations/);
  assert.match(r.text, /Ended without a decision/);

  const doc = (await api(U, 'GET', '/api/v1/export', undefined, oz.token)).json;
  const mine = doc.conversations.find((x) => x.id === id);
  assert.equal(mine.topic, 'Work deadlines');
  assert.equal(mine.by, 'partner');
  assert.equal(mine.outcome, 'none');
  // Nia deletes the account: the conversation Nia started (with its topic) goes too
  r = await api(U, 'DELETE', '/api/v1/account', { passphrase: nia.passphrase }, nia.token);
  assert.equal(r.status, 204, r.text);
  r = await api(U, 'GET', '/api/v1/export', undefined, oz.token);
  assert.equal(r.json.conversations.find((x) => x.id === id), undefined);
});
