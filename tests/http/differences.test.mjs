// HTTP tests of "Not a mirror image": the items list, ratings, own items and
// the map. Above all, that a partner's rating cannot be seen before one has
// rated the item oneself, through any route (API and pages); then validation,
// other couples, and the groups and scores of the map end to end.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, api, couple, signup, Client } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

const ITEM_KEYS = ['category', 'guess', 'id', 'important', 'mine', 'partner_rated', 'text'];
const rate = (who, id, body) => api(U, 'PUT', `/api/v1/differences/items/${id}/rating`, body, who.token);
const items = async (who, category) =>
  (await api(U, 'GET', '/api/v1/differences/items' + (category ? `?category=${category}` : ''), undefined, who.token)).json.items;
const map = async (who) => (await api(U, 'GET', '/api/v1/differences/map', undefined, who.token)).json;
const find = (list, id) => list.find((x) => x.id === id);

// A client signed in through the form, for the pages.
async function browserOf(who) {
  const c = new Client(U);
  const page = await c.get('/signin');
  const r = await c.post('/signin', { csrf: Client.csrf(page.text), login: who.login, passphrase: who.passphrase });
  assert.equal(r.status, 303, r.text);
  return c;
}

test('items list: the catalogue by category, exact shape, own items after', async () => {
  const [a] = await couple(U, 'Ana', 'Ben');
  const all = await items(a);
  assert.ok(all.length >= 150, `${all.length} items`);
  const money = await items(a, 'money');
  assert.ok(money.length >= 10);
  for (const it of money) {
    assert.deepEqual(Object.keys(it).sort(), ITEM_KEYS);
    assert.equal(it.category, 'money');
    assert.equal(it.mine, null);
    assert.equal(it.guess, null);
    assert.equal(it.important, false);
    assert.equal(it.partner_rated, false);
    assert.match(it.id, /^[a-z][a-z0-9-]*$/);
  }
  const r = await api(U, 'POST', '/api/v1/differences/items', { category: 'money', text: '  A shared savings pot  ' }, a.token);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(Object.keys(r.json.item).sort(), ITEM_KEYS);
  assert.match(r.json.item.id, /^[1-9][0-9]*$/);
  assert.equal(r.json.item.text, 'A shared savings pot'); // spaces at the ends are removed
  const again = await items(a, 'money');
  assert.equal(again.length, money.length + 1);
  assert.deepEqual(again[again.length - 1], r.json.item);
  assert.equal(find(await items(a, 'family'), r.json.item.id), undefined);
  assert.equal((await api(U, 'GET', '/api/v1/differences/items?category=nope', undefined, a.token)).status, 400);
});

test('a partner\'s rating is never in the items list, and on the map only once both have rated', async () => {
  const [a, b] = await couple(U, 'Cy', 'Di');
  let r = await rate(a, 'long-walks', { rating: 2, important: true, guess: 1 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.item, {
    id: 'long-walks', category: 'interests', text: r.json.item.text, mine: 2, important: true, guess: 1, partner_rated: false,
  });

  // Di sees only that Cy has rated it.
  let di = find(await items(b, 'interests'), 'long-walks');
  assert.deepEqual(di, { ...di, mine: null, important: false, guess: null, partner_rated: true });
  assert.deepEqual(Object.keys(di).sort(), ITEM_KEYS);
  // Di's guess before rating does not reveal anything through the scores.
  r = await rate(b, 'long-walks', { rating: null, guess: 2 });
  assert.equal(r.status, 200);
  assert.equal(r.json.item.partner_rated, true);
  for (const who of [a, b]) {
    const m = await map(who);
    assert.deepEqual(m.overall, { similarity: null, items: 0 });
    for (const g of ['shared_loves', 'shared_dislikes', 'differences', 'conflicts']) assert.deepEqual(m[g], []);
    assert.deepEqual(m.knowing, {
      me: { guesses: 0, exact: null, mean_error: null },
      partner: { guesses: 0, exact: null, mean_error: null },
    });
  }
  // The full list and every category say no more.
  for (const it of await items(b)) {
    assert.deepEqual(Object.keys(it).sort(), ITEM_KEYS);
    if (it.id !== 'long-walks') assert.equal(it.partner_rated, false);
  }

  // Once Di rates it, both see both ratings on the map.
  r = await rate(b, 'long-walks', { rating: -1, guess: 2 });
  assert.equal(r.status, 200);
  di = find(await items(b, 'interests'), 'long-walks');
  assert.equal(di.mine, -1);
  assert.equal(di.partner_rated, true);
  assert.equal(Object.hasOwn(di, 'partner'), false); // the list still never carries it
  const cy = await map(a);
  assert.deepEqual(cy.conflicts, [{
    id: 'long-walks', text: di.text, category: 'interests', mine: 2, partner: -1, important_to: ['me'],
  }]);
  assert.deepEqual(cy.overall, { similarity: 25, items: 1 });
  assert.deepEqual(cy.knowing.me, { guesses: 1, exact: 0, mean_error: 2 });
  assert.deepEqual(cy.knowing.partner, { guesses: 1, exact: 1, mean_error: 0 });
  const dm = await map(b);
  assert.deepEqual(dm.conflicts[0].important_to, ['partner']);
  assert.equal(dm.conflicts[0].mine, -1);
  assert.equal(dm.conflicts[0].partner, 2);
  assert.deepEqual(dm.knowing.me, cy.knowing.partner);

  // A skip takes it off the map again for both.
  r = await rate(b, 'long-walks', { rating: null });
  assert.equal(r.json.item.mine, null);
  assert.equal(r.json.item.guess, null); // a PUT replaces the whole row
  assert.equal((await map(a)).overall.items, 0);
  assert.equal(find(await items(a, 'interests'), 'long-walks').partner_rated, false);
});

test('the pages show no partner rating before one has rated too', async () => {
  const [a, b] = await couple(U, 'Eve', 'Fox');
  await rate(a, 'board-games', { rating: -2, important: true, guess: 1 });
  await rate(a, 'live-music', { rating: 1 });
  await rate(b, 'live-music', { rating: 1 });
  const fox = await browserOf(b);
  let page = await fox.get('/differences/rate/interests');
  assert.equal(page.status, 200);
  const field = /<fieldset class="rate" id="item-board-games">[\s\S]*?<\/fieldset>/.exec(page.text)[0];
  assert.match(field, /Eve has rated this\./);
  assert.doesNotMatch(field, /checked|selected/);
  page = await fox.get('/differences/map');
  assert.equal(page.status, 200);
  assert.match(page.text, /Over the 1 item you have both rated/);
  assert.doesNotMatch(page.text, /Board games/);
  assert.doesNotMatch(page.text, /Matters a lot to Eve/);
  page = await fox.get('/differences');
  assert.doesNotMatch(page.text, /Board games/);
  // and Eve's own view of her rating is hers to see
  const eve = await browserOf(a);
  page = await eve.get('/differences/rate/interests');
  const mine = /<fieldset class="rate" id="item-board-games">[\s\S]*?<\/fieldset>/.exec(page.text)[0];
  assert.match(mine, /value="-2" checked/);
  assert.match(mine, /name="i-board-games" checked/);
  assert.match(mine, /<option value="1" selected>/);
});

test('ratings: values out of range are refused, nothing half-written', async () => {
  const [a] = await couple(U, 'Gus', 'Hal');
  const bad = [
    { rating: 3 }, { rating: -3 }, { rating: '2' }, { rating: 1.5 }, { rating: true },
    { rating: 1, guess: 3 }, { rating: 1, guess: -5 }, { rating: 1, important: 'yes' },
  ];
  for (const body of bad) {
    const r = await rate(a, 'long-walks', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(r.json.error.message.length > 10);
  }
  assert.equal(find(await items(a, 'interests'), 'long-walks').mine, null);
  assert.equal((await rate(a, 'no-such-item', { rating: 1 })).status, 404);
  assert.equal((await rate(a, '999999', { rating: 1 })).status, 404);
  assert.equal((await rate(a, '0', { rating: 1 })).status, 404);
  const r = await rate(a, 'long-walks', { rating: 0 });
  assert.equal(r.status, 200);
  assert.equal(r.json.item.mine, 0);
});

test('own items: validation, repeats, a full category, and other couples', async () => {
  const [a, b] = await couple(U, 'Ida', 'Jan');
  const [c] = await couple(U, 'Kim', 'Lou');
  const add = (who, body) => api(U, 'POST', '/api/v1/differences/items', body, who.token);
  assert.equal((await add(a, { text: 'Lisbon' })).status, 400);
  assert.equal((await add(a, { category: 'nowhere', text: 'Lisbon' })).status, 400);
  assert.equal((await add(a, { category: 'places', text: '   ' })).status, 400);
  assert.equal((await add(a, { category: 'places', text: 'x'.repeat(81) })).status, 400);
  assert.equal((await add(a, { category: 'places', text: 'two\nlines' })).status, 400);
  assert.equal((await add(a, { category: 'places', text: 42 })).status, 400);
  let r = await add(a, { category: 'places', text: 'Lisbon' });
  assert.equal(r.status, 201);
  const lisbon = r.json.item;
  r = await add(b, { category: 'places', text: 'LISBON' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /already/);
  // both partners see it and rate it; the other couple neither sees nor rates it
  assert.ok(find(await items(b, 'places'), lisbon.id));
  assert.equal(find(await items(c, 'places'), lisbon.id), undefined);
  assert.equal((await rate(c, lisbon.id, { rating: 2 })).status, 404);
  assert.equal((await rate(c, '0' + lisbon.id, { rating: 2 })).status, 404);
  assert.equal((await rate(a, lisbon.id, { rating: 2 })).status, 200);
  assert.equal((await rate(b, lisbon.id, { rating: 2 })).status, 200);
  const m = await map(a);
  assert.deepEqual(m.shared_loves, [{ id: lisbon.id, text: 'Lisbon', category: 'places', mine: 2, partner: 2, important_to: [] }]);
  assert.equal((await map(c)).overall.items, 0);
  // at most 40 of one's own in a category
  for (let i = 1; i < 40; i++) assert.equal((await add(a, { category: 'places', text: `Place ${i}` })).status, 201);
  r = await add(a, { category: 'places', text: 'One too many' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /40/);
  assert.equal((await add(a, { category: 'money', text: 'One too many' })).status, 201);
});

test('who may use it: signed out 401, without a partner 409', async () => {
  const alone = await signup(U, 'Max');
  await api(U, 'POST', '/api/v1/couple', undefined, alone.token);
  const routes = [
    ['GET', '/api/v1/differences/items'], ['GET', '/api/v1/differences/map'],
    ['POST', '/api/v1/differences/items', { category: 'money', text: 'x' }],
    ['PUT', '/api/v1/differences/items/long-walks/rating', { rating: 1 }],
  ];
  for (const [m, p, body] of routes) {
    assert.equal((await api(U, m, p, body)).status, 401, `${m} ${p}`);
    const r = await api(U, m, p, body, alone.token);
    assert.equal(r.status, 409, `${m} ${p}`);
    assert.equal(r.json.error.code, 'no_partner');
  }
  const nobody = new Client(U);
  assert.equal((await nobody.get('/differences/map')).status, 303);
});

test('the map: groups, similarity per category and overall, exact shape', async () => {
  const [a, b] = await couple(U, 'Ned', 'Oli');
  // d = 0, 1, 2, 2 (marked), 3, 4 and one shared dislike
  const pairs = [
    ['long-walks', 2, 2], ['live-music', 1, 2], ['cooking-new', 1, -1], ['series-weekend', 0, 2, true],
    ['board-games', -1, 2], ['saving-regularly', 2, -2], ['video-games', -2, -1],
  ];
  for (const [id, x, y, imp] of pairs) {
    assert.equal((await rate(a, id, { rating: x, important: !!imp })).status, 200);
    assert.equal((await rate(b, id, { rating: y })).status, 200);
  }
  const m = await map(a);
  assert.deepEqual(Object.keys(m).sort(), ['categories', 'conflicts', 'differences', 'knowing', 'overall', 'shared_dislikes', 'shared_loves']);
  const ids = (g) => m[g].map((x) => x.id);
  assert.deepEqual(ids('shared_loves'), ['long-walks', 'live-music']);
  assert.deepEqual(ids('shared_dislikes'), ['video-games']);
  assert.deepEqual(ids('differences'), ['cooking-new']);
  assert.deepEqual(ids('conflicts'), ['saving-regularly', 'board-games', 'series-weekend']);
  // D = 0+1+2+2+3+4+1 = 13 over 7 items: 1 - 13/28 = 53.6% -> 54
  assert.deepEqual(m.overall, { similarity: 54, items: 7 });
  const cats = Object.fromEntries(m.categories.map((c) => [c.name, c]));
  assert.equal(m.categories.length, 9);
  assert.deepEqual(Object.keys(m.categories[0]).sort(), ['items', 'name', 'similarity']);
  // interests: d = 0,1,2,2,3,1 -> D = 9 over 6: 1 - 9/24 = 62.5% -> 63
  assert.deepEqual(cats['Interests and activities'], { name: 'Interests and activities', similarity: 63, items: 6 });
  assert.deepEqual(cats.Money, { name: 'Money', similarity: 0, items: 1 });
  assert.deepEqual(cats.Family, { name: 'Family', similarity: null, items: 0 });
  for (const g of ['shared_loves', 'shared_dislikes', 'differences', 'conflicts'])
    for (const it of m[g]) assert.deepEqual(Object.keys(it).sort(), ['category', 'id', 'important_to', 'mine', 'partner', 'text']);
  // the partner's view has the same groups, sides swapped
  const n = await map(b);
  assert.deepEqual(n.overall, m.overall);
  assert.deepEqual(n.conflicts.map((x) => [x.id, x.mine, x.partner, x.important_to]),
    m.conflicts.map((x) => [x.id, x.partner, x.mine, x.important_to.map((w) => (w === 'me' ? 'partner' : 'me'))]));
});

test('the rating form saves a whole category; mistakes are explained', async () => {
  const [a] = await couple(U, 'Pia', 'Quin');
  const pia = await browserOf(a);
  let page = await pia.get('/differences/rate/everyday');
  assert.equal(page.status, 200);
  const csrf = Client.csrf(page.text);
  const ids = [...page.text.matchAll(/name="r-([a-z0-9-]+)" value="2"/g)].map((m) => m[1]);
  assert.ok(ids.length >= 10);
  const form = { csrf, [`r-${ids[0]}`]: '2', [`i-${ids[0]}`]: 'on', [`g-${ids[0]}`]: '-1', [`r-${ids[1]}`]: 'skip', [`g-${ids[2]}`]: '1' };
  let r = await pia.post('/differences/rate/everyday', form);
  assert.equal(r.status, 303);
  // straight on to the next category, saying what was saved
  assert.equal(r.res.headers.get('location'), '/differences/rate/social?saved=everyday');
  const next = await pia.get(r.res.headers.get('location'));
  assert.match(next.text, /Saved your ratings for Everyday life\. On to the next\./);
  const list = await items(a, 'everyday');
  assert.deepEqual(find(list, ids[0]), { ...find(list, ids[0]), mine: 2, important: true, guess: -1 });
  assert.deepEqual(find(list, ids[1]), { ...find(list, ids[1]), mine: null, important: false, guess: null });
  assert.deepEqual(find(list, ids[2]), { ...find(list, ids[2]), mine: null, guess: 1 });
  assert.equal(find(list, ids[3]).mine, null);
  page = await pia.get('/differences?saved=everyday');
  assert.match(page.text, /Saved your ratings for Everyday life/);
  assert.match(page.text, /You: 3 of \d+ done/); // a skip (and a guess alone) counts as done

  // the form touches only the items it showed (one rated elsewhere meanwhile stays)
  assert.equal((await rate(a, ids[5], { rating: 1, important: true })).status, 200);
  const form2 = await pia.get('/differences/rate/everyday');
  const shown = /name="shown" value="([^"]*)"/.exec(form2.text)[1].split(' ');
  assert.ok(shown.includes(ids[5]));
  r = await pia.post('/differences/rate/everyday', { csrf, shown: ids.slice(0, 5).join(' '), [`r-${ids[0]}`]: '2', [`i-${ids[0]}`]: 'on', [`g-${ids[0]}`]: '-1' });
  assert.equal(r.status, 303);
  assert.deepEqual(find(await items(a, 'everyday'), ids[5]), { ...find(list, ids[5]), mine: 1, important: true });

  // a value no form offers: 400, the form again with a message, nothing saved
  r = await pia.post('/differences/rate/everyday', { csrf, [`r-${ids[3]}`]: '1', [`r-${ids[4]}`]: '7' });
  assert.equal(r.status, 400);
  assert.match(r.text, /role="alert"/);
  assert.match(r.text, /from -2 to 2/);
  assert.equal(find(await items(a, 'everyday'), ids[3]).mine, null);
  assert.equal((await pia.get('/differences/rate/nowhere')).status, 404);
  assert.equal((await pia.post('/differences/rate/nowhere', { csrf })).status, 404);

  // adding an item from a category's page, and a mistake there
  r = await pia.post('/differences/items', { csrf, back: 'rate', category: 'everyday', text: 'Our Sunday pancakes' });
  assert.equal(r.status, 303);
  assert.match(r.res.headers.get('location'), /^\/differences\/rate\/everyday#item-\d+$/);
  r = await pia.post('/differences/items', { csrf, back: 'rate', category: 'everyday', text: 'our sunday pancakes' });
  assert.equal(r.status, 409);
  assert.match(r.text, /already in Everyday life/);
  assert.match(r.text, /value="our sunday pancakes"/);
  r = await pia.post('/differences/items', { csrf, category: 'everyday', text: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Add an item of your own/);
});

test('the server refuses to start with a broken catalogue, and says where', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-data-'));
  try {
    const data = path.join(dir, 'data');
    cpSync(new URL('../../data', import.meta.url).pathname, data, { recursive: true });
    writeFileSync(path.join(data, 'differences', '20-everyday.tsv'),
      '@category\teveryday\tEveryday life\nearly-mornings\tEarly mornings\nlong-walks\tA repeated id\n');
    await assert.rejects(startServer({ env: { DUET_DATA: data, DUET_STATIC: new URL('../../static', import.meta.url).pathname } }),
      /duet exited \(1\)[\s\S]*the difference catalogue cannot be used: \S*20-everyday\.tsv line 3: [^\n]*long-walks/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an own item has a Delete link for its author only, a confirmation, then a notice; the partner\'s pages stay whole', async () => {
  const [ana, ben] = await couple(U, 'Rae', 'Sol');
  const r = await api(U, 'POST', '/api/v1/differences/items', { category: 'interests', text: 'Night swims' }, ana.token);
  assert.equal(r.status, 201, r.text);
  const id = r.json.item.id;
  await api(U, 'PUT', `/api/v1/differences/items/${id}/rating`, { rating: 2 }, ben.token);
  const a = new Client(U);
  a.cookies.set('duet_session', ana.token);
  const b = new Client(U);
  b.cookies.set('duet_session', ben.token);
  // the link shows on the author's rating page only
  let p = await a.get('/differences/rate/interests');
  assert.match(p.text, new RegExp(`href="/differences/items/${id}/delete">Delete it`));
  p = await b.get('/differences/rate/interests');
  assert.equal(p.status, 200);
  assert.doesNotMatch(p.text, /\/differences\/items\/\d+\/delete/);
  // the partner can neither see the confirmation nor delete; another couple gets 404
  p = await b.get(`/differences/items/${id}/delete`);
  assert.equal(p.status, 403);
  const bp = await b.get('/differences/rate/interests');
  assert.equal((await b.post(`/differences/items/${id}/delete`, { csrf: Client.csrf(bp.text) })).status, 403);
  const [other] = await couple(U, 'Tam', 'Uma');
  const o = new Client(U);
  o.cookies.set('duet_session', other.token);
  assert.equal((await o.get(`/differences/items/${id}/delete`)).status, 404);
  assert.equal((await o.get('/differences/items/nope/delete')).status, 404);
  // the confirmation says what goes, and asks once more
  p = await a.get(`/differences/items/${id}/delete`);
  assert.equal(p.status, 200);
  assert.match(p.text, /Delete this item\?/);
  assert.match(p.text, /Night swims/);
  assert.match(p.text, /with your rating of it and Sol(&#39;|')s/);
  assert.match(p.text, /href="\/differences\/rate\/interests">No, keep it/);
  // without the CSRF token nothing happens
  assert.equal((await a.post(`/differences/items/${id}/delete`, {})).status, 403);
  assert.equal((await api(U, 'GET', '/api/v1/differences/items', undefined, ana.token)).json.items.filter((x) => String(x.id) === String(id)).length, 1);
  const f = await a.post(`/differences/items/${id}/delete`, { csrf: Client.csrf(p.text) });
  assert.equal(f.status, 303);
  assert.equal(f.res.headers.get('location'), '/differences/rate/interests?deleted=1');
  p = await a.get(f.res.headers.get('location'));
  assert.match(p.text, /Your item is deleted/);
  assert.doesNotMatch(p.text, /Night swims/);
  // it is gone for both, and the partner's pages still render
  for (const path of ['/differences', '/differences/rate/interests', '/differences/map']) {
    const q = await b.get(path);
    assert.equal(q.status, 200, path);
    assert.doesNotMatch(q.text, /Night swims/, path);
  }
  assert.equal((await a.get(`/differences/items/${id}/delete`)).status, 404);
});
