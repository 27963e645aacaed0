// HTTP tests of negotiations: the whole flow to agreements, that a partner's
// numbers stay hidden on every route until both are done, validation, the
// forms without JavaScript, and that other couples see nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, signup, Client } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

// The published divorce example (Brams and Taylor).
const ITEMS = ['Retirement', 'Home', 'Cottage', 'Investments', 'Other'];
const FIRST = { Retirement: 50, Home: 20, Cottage: 15, Investments: 10, Other: 5 };
const SECOND = { Retirement: 40, Home: 30, Cottage: 10, Investments: 10, Other: 10 };

// Pages and forms with a Bearer token (the CSRF field comes from the page).
async function page(token, p) {
  const res = await fetch(U + p, { redirect: 'manual', headers: { authorization: 'Bearer ' + token } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}
async function form(token, p, fields, from) {
  const csrf = Client.csrf((await page(token, from || p.replace(/\/[^/]+$/, ''))).text);
  const res = await fetch(U + p, {
    method: 'POST', redirect: 'manual',
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, ...fields }).toString(),
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

// The partner whose user id is lower is partner "a" of the methods.
function ordered(x, y) { return x.id < y.id ? [x, y] : [y, x]; }

async function split(a, topic = 'Dividing our things', items = ITEMS) {
  const r = await api(U, 'POST', '/api/v1/negotiations', { topic, kind: 'split', items }, a.token);
  assert.equal(r.status, 201, r.text);
  return r.json.negotiation;
}

const put = (n, body, who) => api(U, 'PUT', `/api/v1/negotiations/${n.id}/allocation`, body, who.token);

test('a split from start to agreements', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const [a, b] = ordered(ana, ben);
  const n = await split(ben);
  assert.equal(n.state, 'open');
  assert.equal(n.kind, 'split');
  assert.deepEqual(n.items.map((i) => i.name), ITEMS);
  assert.equal(n.items[0].added_by, 'me');
  assert.equal(n.can_add_items, true);
  assert.equal(n.proposal, null);

  let r = await put(n, { points: FIRST }, a);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.negotiation.state, 'open', 'one has started: the list is still open');
  assert.deepEqual(r.json.negotiation.me.allocation, { points: FIRST });
  r = await put(n, { points: SECOND }, b);
  assert.equal(r.status, 200, r.text);
  const p = r.json.negotiation;
  assert.equal(p.state, 'proposed');
  assert.deepEqual(p.partner.allocation, { points: FIRST });
  assert.equal(p.proposal.method, 'adjusted_winner');
  assert.equal(p.proposal.me_total, '170/3');
  assert.equal(p.proposal.partner_total, '170/3');
  assert.equal(p.proposal.me_points, 56.666667);
  assert.equal(p.proposal.split, 'Retirement');
  // b's view: b gets 1/6 of Retirement, Home, Investments and Other
  assert.deepEqual(p.proposal.allocation.map((x) => [x.name, x.me, x.partner]), [
    ['Retirement', '1/6', '5/6'], ['Home', '1', '0'], ['Cottage', '0', '1'],
    ['Investments', '1', '0'], ['Other', '1', '0']]);
  assert.match(p.proposal.explanation, /same share/);
  assert.match(p.proposal.explanation, /neither of you would want to swap/);

  // a sees the same proposal from the other side
  r = await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, a.token);
  assert.deepEqual(r.json.negotiation.proposal.allocation[0], {
    name: 'Retirement', me: '5/6', partner: '1/6', me_share: 0.833333, partner_share: 0.166667 });

  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/accept`, undefined, a.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.negotiation.state, 'proposed');
  assert.equal(r.json.negotiation.me.accepted, true);
  assert.equal(r.json.negotiation.agreements.length, 0);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/accept`, undefined, a.token);
  assert.equal(r.status, 200, 'accepting twice changes nothing');
  r = await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, b.token);
  assert.equal(r.json.negotiation.partner.accepted, true);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/accept`, undefined, b.token);
  assert.equal(r.status, 200, r.text);
  const done = r.json.negotiation;
  assert.equal(done.state, 'accepted');
  assert.ok(done.accepted_at);
  assert.equal(done.agreements.length, 5);

  // one agreement per issue, done by whoever takes it, reviewed in two weeks
  r = await api(U, 'GET', '/api/v1/agreements', undefined, a.token);
  const mine = r.json.agreements.filter((g) => g.source.kind === 'negotiation' && g.source.id === n.id);
  assert.equal(mine.length, 5);
  const byText = Object.fromEntries(mine.map((g) => [g.text, g]));
  const retire = `Dividing our things: ${a.name} and ${b.name} share Retirement: take turns: ${a.name} 5 times in 6 and ${b.name} 1 in 6 (5 years in 6 for something yearly), or split the time the same way.`;
  assert.equal(byText[retire].who, 'both');
  assert.equal(byText[`Dividing our things: ${a.name} decides about Cottage.`].who, 'me');
  assert.equal(byText[`Dividing our things: ${b.name} decides about Home.`].who, 'partner');
  const days = (Date.parse(mine[0].review_on) - Date.now()) / 86400000;
  assert.ok(days > 12 && days <= 14, `review in ${days} days`);

  // settled: nothing changes any more
  r = await put(n, { points: FIRST }, a);
  assert.equal(r.status, 409);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/reopen`, undefined, a.token);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /talk again/);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: 'Car' }, a.token);
  assert.equal(r.status, 409);

  r = await api(U, 'GET', '/api/v1/negotiations', undefined, b.token);
  assert.equal(r.json.negotiations.length, 1);
  assert.equal(r.json.negotiations[0].state, 'accepted');
  assert.equal(r.json.negotiations[0].item_count, 5);
  assert.deepEqual(r.json.negotiations[0].me, { started: true, done: true, accepted: true });
});

test('allocations stay hidden until both are done, on every route', async () => {
  const [ana, ben] = await couple(U, 'Cleo', 'Dev');
  const n = await split(ana, 'Chores', ['Cooking', 'Dishes', 'Laundry']);
  const secret = { Cooking: 83, Dishes: 11, Laundry: 6 };
  let r = await put(n, { points: secret }, ana);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.negotiation.me.done, true);

  // Everything Dev can ask for says only that Cleo is done, never the numbers.
  const leaks = (text, label) => {
    assert.ok(!/\b83\b/.test(text.replace(/name="csrf" value="[^"]*"/g, '')), `${label} shows Cleo's 83:\n${text.slice(0, 2000)}`);
  };
  r = await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, ben.token);
  assert.equal(r.json.negotiation.partner.done, true);
  assert.equal(r.json.negotiation.partner.allocation, null);
  assert.equal(r.json.negotiation.proposal, null);
  leaks(r.text, 'GET one');
  r = await api(U, 'GET', '/api/v1/negotiations', undefined, ben.token);
  assert.deepEqual(r.json.negotiations[0].partner, { started: true, done: true, accepted: false });
  leaks(r.text, 'GET list');
  r = await put(n, { points: { Cooking: 10, Dishes: 10 }, done: false }, ben);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.negotiation.partner.allocation, null);
  assert.equal(r.json.negotiation.me.done, false);
  assert.deepEqual(r.json.negotiation.me.allocation, { points: { Cooking: 10, Dishes: 10 } });
  leaks(r.text, 'PUT draft');
  r = await put(n, { points: { Cooking: 10, Dishes: 10 } }, ben);
  assert.equal(r.status, 400);
  leaks(r.text, 'PUT refused');
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/accept`, undefined, ben.token);
  assert.equal(r.status, 409);
  leaks(r.text, 'accept');
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: 'Garden' }, ben.token);
  assert.equal(r.status, 409, 'both have started: the list is fixed');
  leaks(r.text, 'add item');
  r = await api(U, 'DELETE', `/api/v1/negotiations/${n.id}/items/${n.items[0].id}`, undefined, ben.token);
  assert.equal(r.status, 409);
  leaks(r.text, 'remove item');
  r = await page(ben.token, `/negotiations/${n.id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Cleo<\/p>|Cleo is done/);
  leaks(r.text, 'page');
  r = await page(ben.token, '/negotiations');
  leaks(r.text, 'list page');
  r = await form(ben.token, `/negotiations/${n.id}/allocation`, { [`v${n.items[0].id}`]: '50', done: '1' }, `/negotiations/${n.id}`);
  assert.equal(r.status, 400);
  leaks(r.text, 'form refused');

  // Reopening after both started: values stay as drafts, flags are cleared.
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/reopen`, undefined, ben.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.negotiation.state, 'open');
  assert.equal(r.json.negotiation.partner.done, false);
  leaks(r.text, 'reopen');
  r = await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, ana.token);
  assert.deepEqual(r.json.negotiation.me.allocation, { points: secret }, 'the draft stays');

  // Both done: now each sees the other's points.
  await put(n, { points: secret }, ana);
  r = await put(n, { points: { Cooking: 30, Dishes: 40, Laundry: 30 } }, ben);
  assert.equal(r.json.negotiation.state, 'proposed');
  assert.deepEqual(r.json.negotiation.partner.allocation, { points: secret });
  r = await page(ben.token, `/negotiations/${n.id}`);
  assert.match(r.text, /<td>83<\/td>/);

  // Reopened after the proposal, the numbers are hidden again until both are done.
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/reopen`, undefined, ana.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.negotiation.partner.allocation, null);
  assert.equal(r.json.negotiation.proposal, null);
  r = await put(n, { points: secret }, ana);
  r = await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, ben.token);
  assert.equal(r.json.negotiation.partner.allocation, null);
  leaks(r.text, 'GET after reopen');
});

test('validation: totals, ranges, unknown items, a fixed list', async () => {
  const [ana, ben] = await couple(U, 'Eve', 'Finn');
  const n = await split(ana, 'Weekend', ['Hike', 'Museum', 'Sleep in']);
  const msg = (r) => r.json && r.json.error && r.json.error.message;

  let r = await put(n, { points: { Hike: 50, Museum: 40 } }, ana);
  assert.equal(r.status, 400);
  assert.match(msg(r), /add up to 90\b.*exactly 100.*10 more/);
  r = await put(n, { points: { Hike: 80, Museum: 40, 'Sleep in': 10 } }, ana);
  assert.equal(r.status, 400);
  assert.match(msg(r), /add up to 130\b.*take 30 away/);
  r = await put(n, { points: { Hike: 101, Museum: 0, 'Sleep in': 0 } }, ana);
  assert.equal(r.status, 400);
  assert.match(msg(r), /from 0 to 100/);
  r = await put(n, { points: { Hike: -5, Museum: 100, 'Sleep in': 5 } }, ana);
  assert.equal(r.status, 400);
  r = await put(n, { points: { Hike: 50.5, Museum: 49.5 } }, ana);
  assert.equal(r.status, 400);
  assert.match(msg(r), /whole number/);
  r = await put(n, { points: { Hike: 50, Beach: 50 } }, ana);
  assert.equal(r.status, 400);
  assert.match(msg(r), /no issue called "Beach"/);
  r = await put(n, { ratings: { Hike: 5 }, status_quo: 1 }, ana);
  assert.equal(r.status, 400, 'a split takes points');
  r = await put(n, { points: [50, 50] }, ana);
  assert.equal(r.status, 400);
  r = await put(n, { points: { Hike: 50, Museum: 50 }, done: 'yes' }, ana);
  assert.equal(r.status, 400);
  r = await api(U, 'PUT', `/api/v1/negotiations/${n.id}/allocation`, '[1]', ana.token);
  assert.equal(r.status, 400);

  // Nothing half-written: the refused attempts left no allocation behind.
  r = await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, ana.token);
  assert.equal(r.json.negotiation.me.started, false);

  // Items: either can add until both have started; then 409.
  r = await put(n, { points: { Hike: 50, Museum: 50 } }, ana);
  assert.equal(r.status, 200);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: 'Beach' }, ben.token);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.negotiation.partner.done, false, 'a new issue asks Eve to look again');
  assert.equal(r.json.negotiation.partner.started, true);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: 'Beach' }, ana.token);
  assert.equal(r.status, 400);
  assert.match(msg(r), /already an issue with that name/);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: '  ' }, ana.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: 'x'.repeat(51) }, ana.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: 'two\nlines' }, ana.token);
  assert.equal(r.status, 400);
  r = await put(n, { points: { Hike: 25, Museum: 25, 'Sleep in': 25, Beach: 25 } }, ben);
  assert.equal(r.status, 200);
  assert.equal(r.json.negotiation.state, 'allocating');
  assert.equal(r.json.negotiation.can_add_items, false);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/items`, { name: 'Cinema' }, ana.token);
  assert.equal(r.status, 409);
  assert.match(msg(r), /both started/);
  r = await api(U, 'DELETE', `/api/v1/negotiations/${n.id}/items/${n.items[0].id}`, undefined, ana.token);
  assert.equal(r.status, 409);

  // A choice: ratings 0..10 for every option, and the status quo.
  const c = await api(U, 'POST', '/api/v1/negotiations', { topic: 'Holidays', kind: 'choice', items: ['Lisbon', 'Porto'] }, ana.token);
  const cid = c.json.negotiation.id;
  const rate = (body, who = ana) => api(U, 'PUT', `/api/v1/negotiations/${cid}/allocation`, body, who.token);
  r = await rate({ ratings: { Lisbon: 11, Porto: 3 }, status_quo: 0 });
  assert.equal(r.status, 400);
  assert.match(msg(r), /"Lisbon".*from 0 to 10, not 11/);
  r = await rate({ ratings: { Lisbon: 5, Porto: 3 }, status_quo: 12 });
  assert.equal(r.status, 400);
  assert.match(msg(r), /no agreement.*0 to 10/);
  r = await rate({ ratings: { Lisbon: 5 }, status_quo: 1 });
  assert.equal(r.status, 400);
  assert.match(msg(r), /rate "Porto" too/);
  r = await rate({ ratings: { Lisbon: 5, Porto: 3 } });
  assert.equal(r.status, 400);
  assert.match(msg(r), /having no agreement/);
  r = await rate({ ratings: { Lisbon: 5, Faro: 3 }, status_quo: 1 });
  assert.equal(r.status, 400);
  assert.match(msg(r), /no option called "Faro"/);
  r = await rate({ ratings: { Lisbon: 5 }, status_quo: 1, done: false });
  assert.equal(r.status, 200, 'a draft may leave ratings out');

  // Creating: topic, kind, items.
  const create = (body) => api(U, 'POST', '/api/v1/negotiations', body, ana.token);
  r = await create({ kind: 'split', items: ['a', 'b'] });
  assert.equal(r.status, 400);
  r = await create({ topic: 'x'.repeat(121) });
  assert.equal(r.status, 400);
  r = await create({ topic: 'Fine', kind: 'auction' });
  assert.equal(r.status, 400);
  assert.match(msg(r), /split.*choice/);
  r = await create({ topic: 'Fine', items: ['a', 'a'] });
  assert.equal(r.status, 400);
  r = await create({ topic: 'Fine', items: 'a, b' });
  assert.equal(r.status, 400);
  r = await create({ topic: 'Fine', items: ['a', 7] });
  assert.equal(r.status, 400);
  r = await create({ topic: 'Fine', kind: 'choice', items: Array.from({ length: 21 }, (_, i) => `o${i}`) });
  assert.equal(r.status, 400);
  assert.match(msg(r), /at most 20 options/);
  r = await create({ topic: 'Fine', items: Array.from({ length: 50 }, (_, i) => `i${i}`) });
  assert.equal(r.status, 201);
  r = await create({ topic: 'Alone' });
  assert.equal(r.status, 201);
  const lone = r.json.negotiation;
  r = await put(lone, { points: {} }, ana);
  assert.equal(r.status, 409);
  assert.match(msg(r), /at least two issues/);
});

test('a choice: the Nash proposal, one agreement, and no option where both gain', async () => {
  const [ana, ben] = await couple(U, 'Gus', 'Hal');
  const [a, b] = ordered(ana, ben);
  let r = await api(U, 'POST', '/api/v1/negotiations', { topic: 'Holidays', kind: 'choice', items: ['A', 'B', 'C'] }, a.token);
  const n = r.json.negotiation;
  r = await put(n, { ratings: { A: 8, B: 5, C: 3 }, status_quo: 2 }, a);
  assert.equal(r.status, 200, r.text);
  r = await put(n, { ratings: { A: 2, B: 5, C: 7 }, status_quo: 1 }, b);
  const p = r.json.negotiation.proposal;
  assert.equal(p.method, 'nash');
  assert.equal(p.choice, 'B');
  assert.equal(p.product, 12);
  assert.deepEqual(p.gains, { me: 4, partner: 3 });
  assert.deepEqual(r.json.negotiation.me.allocation, { ratings: { A: 2, B: 5, C: 7 }, status_quo: 1 });
  await api(U, 'POST', `/api/v1/negotiations/${n.id}/accept`, undefined, a.token);
  r = await api(U, 'POST', `/api/v1/negotiations/${n.id}/accept`, undefined, b.token);
  assert.equal(r.json.negotiation.state, 'accepted');
  assert.deepEqual(r.json.negotiation.agreements.map((g) => [g.text, g.who]), [['Holidays: we go with B.', 'both']]);

  r = await api(U, 'POST', '/api/v1/negotiations', { topic: 'Moving', kind: 'choice', items: ['Town', 'Country'] }, a.token);
  const m = r.json.negotiation;
  await put(m, { ratings: { Town: 3, Country: 9 }, status_quo: 5 }, a);
  r = await put(m, { ratings: { Town: 8, Country: 2 }, status_quo: 5 }, b);
  assert.equal(r.json.negotiation.proposal.choice, null);
  assert.match(r.json.negotiation.proposal.reason, /dream table/);
  r = await api(U, 'POST', `/api/v1/negotiations/${m.id}/accept`, undefined, a.token);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'no_choice');
  r = await page(a.token, `/negotiations/${m.id}`);
  assert.match(r.text, /href="\/dreams"/);
  assert.match(r.text, /href="\/resources"/);
  r = await api(U, 'POST', `/api/v1/negotiations/${m.id}/reopen`, undefined, b.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.negotiation.can_add_items, true);
});

test('outsiders get 404 everywhere; alone, the API answers 409', async () => {
  const [ana] = await couple(U, 'Ida', 'Jo');
  const [other] = await couple(U, 'Kim', 'Lou');
  const n = await split(ana, 'Ours', ['x', 'y']);
  const routes = [
    ['GET', `/api/v1/negotiations/${n.id}`],
    ['PUT', `/api/v1/negotiations/${n.id}/allocation`, { points: { x: 50, y: 50 } }],
    ['POST', `/api/v1/negotiations/${n.id}/items`, { name: 'z' }],
    ['DELETE', `/api/v1/negotiations/${n.id}/items/${n.items[0].id}`],
    ['POST', `/api/v1/negotiations/${n.id}/accept`],
    ['POST', `/api/v1/negotiations/${n.id}/reopen`],
    ['GET', '/api/v1/negotiations/999999'],
    ['GET', '/api/v1/negotiations/abc'],
  ];
  for (const [m, p, body] of routes) {
    const r = await api(U, m, p, body, other.token);
    assert.equal(r.status, 404, `${m} ${p}: ${r.text}`);
  }
  let r = await api(U, 'GET', '/api/v1/negotiations', undefined, other.token);
  assert.deepEqual(r.json.negotiations, []);
  r = await page(other.token, `/negotiations/${n.id}`);
  assert.equal(r.status, 404);
  assert.ok(!r.text.includes('Ours'));
  r = await form(other.token, `/negotiations/${n.id}/items`, { name: 'z' }, '/negotiations');
  assert.equal(r.status, 404);
  r = await api(U, 'GET', `/api/v1/negotiations/${n.id}`, undefined, ana.token);
  assert.deepEqual(r.json.negotiation.items.map((i) => i.name), ['x', 'y'], 'nothing changed');

  const alone = await signup(U, 'Max');
  r = await api(U, 'GET', '/api/v1/negotiations', undefined, alone.token);
  assert.equal(r.status, 409);
  r = await api(U, 'POST', '/api/v1/negotiations', { topic: 'x' }, alone.token);
  assert.equal(r.status, 409);
  r = await page(alone.token, '/negotiations');
  assert.equal(r.status, 303);
  r = await api(U, 'GET', '/api/v1/negotiations');
  assert.equal(r.status, 401);
});

test('forms work without JavaScript: prefill, create, points with a wrong total, the home note', async () => {
  const [ana, ben] = await couple(U, 'Nia', 'Oli');
  let r = await page(ana.token, '/negotiations');
  assert.match(r.text, /Nothing here yet/);
  r = await page(ana.token, '/negotiations/new?topic=Weekends%20%26%20friends&kind=choice&items=Beach%0AHills%0A%3Cb%3E');
  assert.equal(r.status, 200);
  assert.match(r.text, /value="Weekends &amp; friends"/);
  assert.match(r.text, /value="choice" checked/);
  assert.match(r.text, />Beach\nHills\n&lt;b&gt;<\/textarea>/);

  r = await form(ana.token, '/negotiations', { topic: '', kind: 'split', items: 'a\nb' }, '/negotiations/new');
  assert.equal(r.status, 400);
  assert.match(r.text, /Please fill in the topic/);
  assert.match(r.text, />a\nb<\/textarea>/, 'what was typed comes back');
  r = await form(ana.token, '/negotiations', { topic: 'Chores', kind: 'split', items: 'Cooking\r\n\r\n Dishes \r\n' }, '/negotiations/new');
  assert.equal(r.status, 303);
  const id = Number(/\/negotiations\/(\d+)$/.exec(r.location)[1]);
  r = await api(U, 'GET', `/api/v1/negotiations/${id}`, undefined, ana.token);
  const items = r.json.negotiation.items;
  assert.deepEqual(items.map((i) => i.name), ['Cooking', 'Dishes']);

  r = await form(ben.token, `/negotiations/${id}/items`, { name: 'Laundry' }, `/negotiations/${id}`);
  assert.equal(r.status, 303);
  r = await api(U, 'GET', `/api/v1/negotiations/${id}`, undefined, ana.token);
  const laundry = r.json.negotiation.items[2];
  assert.equal(laundry.added_by, 'partner');
  r = await form(ben.token, `/negotiations/${id}/items/${laundry.id}/remove`, {}, `/negotiations/${id}`);
  assert.equal(r.status, 303);

  r = await page(ana.token, '/');
  assert.match(r.text, /1 negotiation is ready for you/);

  const v = (i) => `v${items[i].id}`;
  r = await form(ana.token, `/negotiations/${id}/allocation`, { [v(0)]: '70', [v(1)]: '20', done: '1' }, `/negotiations/${id}`);
  assert.equal(r.status, 400);
  assert.match(r.text, /add up to 90\. They need to come to exactly 100: 10 more to give/);
  assert.match(r.text, /value="70"/, 'the numbers typed come back');
  assert.match(r.text, /Points left to give: <strong>10<\/strong>/);
  r = await form(ana.token, `/negotiations/${id}/allocation`, { [v(0)]: 'lots', [v(1)]: '20', done: '1' }, `/negotiations/${id}`);
  assert.equal(r.status, 400);
  assert.match(r.text, /whole number/);
  r = await form(ana.token, `/negotiations/${id}/allocation`, { [v(0)]: '70', [v(1)]: '20', done: '0' }, `/negotiations/${id}`);
  assert.equal(r.status, 303, 'a draft may be saved with any total');
  r = await page(ana.token, `/negotiations/${id}`);
  assert.match(r.text, /saved as a draft/);
  r = await form(ana.token, `/negotiations/${id}/allocation`, { [v(0)]: '60', [v(1)]: '40', done: '1' }, `/negotiations/${id}`);
  assert.equal(r.status, 303);
  r = await page(ana.token, '/');
  assert.ok(!/negotiation is ready/.test(r.text));
  r = await page(ben.token, '/');
  assert.match(r.text, /1 negotiation is ready for you/);
  r = await form(ben.token, `/negotiations/${id}/allocation`, { [v(0)]: '40', [v(1)]: '60', done: '1' }, `/negotiations/${id}`);
  assert.equal(r.status, 303);
  assert.match(r.location, /#proposal$/);
  r = await page(ben.token, `/negotiations/${id}`);
  assert.match(r.text, /<svg[^>]*class="pairbars"/);
  assert.match(r.text, /Why this is fair/);
  r = await form(ben.token, `/negotiations/${id}/accept`, {}, `/negotiations/${id}`);
  assert.equal(r.status, 303);
  r = await form(ana.token, `/negotiations/${id}/accept`, {}, `/negotiations/${id}`);
  assert.match(r.location, /#agreements$/);
  r = await page(ana.token, `/negotiations/${id}`);
  assert.match(r.text, /Chores: Nia decides about Cooking\./);
  assert.match(r.text, /Chores: Oli decides about Dishes\./);
  r = await page(ana.token, '/agreements');
  assert.match(r.text, /Chores: Nia decides about Cooking\./);
});

test('a form re-shown after an error shows what was typed, and huge numbers do not break the page', async () => {
  const [ana] = await couple(U, 'Ana', 'Ben');
  const n = await split(ana, 'Weekends', ['Saturday', 'Sunday']);
  const big = '9223372036854775807';
  const r = await form(ana.token, `/negotiations/${n.id}/allocation`,
    { [`v${n.items[0].id}`]: big, [`v${n.items[1].id}`]: big, done: '1' }, `/negotiations/${n.id}`);
  assert.equal(r.status, 400, r.text.slice(0, 500));
  assert.match(r.text, /must be a whole number/);
  assert.ok(r.text.includes(`value="${big}"`), 'what was typed is shown again');
  assert.match(r.text, /Give 100 points in all/, 'the page is whole, with its points line');
  const ok = await form(ana.token, `/negotiations/${n.id}/allocation`,
    { [`v${n.items[0].id}`]: '70', [`v${n.items[1].id}`]: '70', done: '1' }, `/negotiations/${n.id}`);
  assert.equal(ok.status, 400);
  assert.ok(ok.text.includes('value="70"'), 'numbers read are shown again');
});
