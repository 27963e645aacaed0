// HTTP tests of "Know each other": the reciprocal reveal rule through every
// route and page (and for outsiders), validation, editing, levels, own prompts,
// together mode, and that a bad deck stops the server from starting.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, api, couple, signup, Client } from '../lib/server.mjs';

// The rounds test walks all 636 prompts in together mode: more additions in an
// hour than the per-person limit allows a real couple (tested in abuse.test.mjs).
const server = await startServer({ env: { DUET_ADDS_PER_HOUR: '0' } });
const U = server.url;
test.after(() => server.stop());

// News times are whole seconds; a look marks the partner's news up to its
// second as seen, so a test waits a second before the partner's next act.
const tick = () => new Promise((resolve) => setTimeout(resolve, 1100));

const bearer = (who) => ({ authorization: 'Bearer ' + who.token });

// A page fetched as `who` (Bearer works for pages too).
async function page(who, p) {
  const c = new Client(U);
  return c.get(p, bearer(who));
}

// Posts a page form as `who`, with the CSRF token of the page `from`.
async function form(who, from, action, fields) {
  const c = new Client(U);
  const g = await c.get(from, bearer(who));
  const csrf = Client.csrf(g.text);
  assert.ok(csrf, `no form on ${from}: ${g.status}`);
  return c.post(action, { csrf, ...fields }, bearer(who));
}

// Every way Ben could try to read a prompt's answers, with the texts returned.
async function everything(who, id) {
  const out = [];
  const add = (label, r) => out.push({ label, status: r.status, text: r.text });
  add('current', await api(U, 'GET', '/api/v1/prompts/current', undefined, who.token));
  add('get', await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, who.token));
  for (const s of ['', 'new', 'waiting', 'answered'])
    add(`list ${s}`, await api(U, 'GET', `/api/v1/prompts${s ? '?state=' + s : ''}`, undefined, who.token));
  add('more', await api(U, 'POST', `/api/v1/prompts/${id}/more`, { note: 'please' }, who.token));
  add('additions', await api(U, 'POST', `/api/v1/prompts/${id}/additions`, { text: 'and' }, who.token));
  add('decks', await api(U, 'GET', '/api/v1/decks', undefined, who.token));
  add('noticing', await api(U, 'GET', '/api/v1/noticing', undefined, who.token));
  for (const p of ['/', '/know', `/know/prompts/${id}`, '/know/browse', '/know/browse?state=waiting',
    '/know/browse?state=answered', '/know/decks', '/together'])
    add(`page ${p}`, await page(who, p));
  return out;
}

test('reveal: Ben cannot read what Ana wrote before answering, through any route', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  let r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  assert.equal(r.status, 200, r.text);
  const id = r.json.prompt.id;
  assert.deepEqual(Object.keys(r.json.prompt).sort(), ['id', 'level', 'own', 'text', 'topic']);
  assert.equal(r.json.mine, null);
  assert.deepEqual(r.json.partner, { answered: false, text: null, name: 'Ben', edited: false, reaction: null });

  const secret = 'Ana-secret-tangerines-' + Date.now();
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: secret }, ana.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.mine.text, secret);
  assert.equal(r.json.partner.answered, false);

  // Noticing says that Ana answered, never what.
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ben.token);
  assert.equal(r.json.counts.prompts, 1);
  assert.deepEqual([r.json.items[0].kind, r.json.items[0].about], ['answered', { prompt: id }]);
  r = await page(ben, '/');
  assert.match(r.text, /Know each other <span class="badge">1<span class="vh"> new/);
  assert.match(r.text, /Ana answered “/);

  // The same prompt is current for Ben, and everything he can reach hides it.
  const seen = await everything(ben, id);
  for (const s of seen) assert.ok(!s.text.includes(secret), `${s.label} (${s.status}) shows Ana's answer`);
  const byLabel = Object.fromEntries(seen.map((s) => [s.label, s]));
  const cur = JSON.parse(byLabel.current.text);
  assert.equal(cur.prompt.id, id);
  assert.deepEqual(cur.partner, { answered: true, text: null, name: 'Ana', edited: false, reaction: null });
  assert.equal(cur.state, 'waiting');
  assert.equal(byLabel.more.status, 409);
  assert.equal(byLabel.additions.status, 409);
  assert.match(JSON.parse(byLabel.more.text).error.message, /Answer this question first/);
  assert.match(byLabel['page /know'].text, /Ana has answered\. Answer to see what Ana wrote\./);
  const waiting = JSON.parse(byLabel['list waiting'].text).prompts;
  assert.equal(waiting.length, 1);
  assert.equal(waiting[0].partner.text, null);
  assert.equal(JSON.parse(byLabel.noticing.text).counts.prompts, 0, 'seen once opened');

  // Once Ben answers, each sees the other.
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Ben: warm bread' }, ben.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.partner.text, secret);
  assert.equal(r.json.state, 'answered');
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ana.token);
  assert.equal(r.json.partner.text, 'Ben: warm bread');
  r = await api(U, 'GET', '/api/v1/prompts?state=answered', undefined, ben.token);
  assert.equal(r.json.prompts[0].partner.text, secret);

  // "Tell me more" and additions, as a thread under the answers.
  await tick();
  r = await api(U, 'POST', `/api/v1/prompts/${id}/more`, { note: 'Which kind?' }, ben.token);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.thread.map((t) => [t.kind, t.by, t.text]), [['more', 'me', 'Which kind?']]);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.ok(r.json.items.some((i) => i.kind === 'more' && i.about.prompt === id), r.text);
  r = await api(U, 'POST', `/api/v1/prompts/${id}/additions`, { text: 'Blood oranges, mostly.' }, ana.token);
  assert.equal(r.status, 201);
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ben.token);
  assert.deepEqual(r.json.thread.map((t) => [t.kind, t.by]), [['more', 'me'], ['addition', 'partner']]);
  r = await api(U, 'POST', `/api/v1/prompts/${id}/more`, {}, ana.token);
  assert.equal(r.status, 201, 'the note is optional');

  // The current prompt moved on once both answered.
  r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ben.token);
  assert.notEqual(r.json.prompt.id, id);
  r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  assert.equal(r.json.current, true);
});

test('reveal: a prompt picked while browsing, and additions before both answered', async () => {
  const [ana, ben] = await couple(U, 'Cy', 'Dee');
  let r = await api(U, 'GET', '/api/v1/prompts?state=new&topic=dreams&level=1', undefined, ana.token);
  assert.equal(r.status, 200);
  assert.ok(r.json.prompts.length >= 5);
  assert.ok(r.json.prompts.every((p) => p.prompt.topic === 'dreams' && p.prompt.level === 1));
  const id = r.json.prompts[3].prompt.id;
  const secret = 'Cy-wrote-about-lighthouses';
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: secret }, ana.token);
  assert.equal(r.status, 200);
  r = await api(U, 'POST', `/api/v1/prompts/${id}/additions`, { text: 'more from me' }, ana.token);
  assert.equal(r.status, 409, 'additions wait until both answered');
  assert.match(r.json.error.message, /Dee hasn't answered yet/);
  for (const p of [`/api/v1/prompts/${id}`, '/api/v1/prompts', '/api/v1/prompts?state=waiting', '/api/v1/prompts/current']) {
    r = await api(U, 'GET', p, undefined, ben.token);
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(secret), p);
  }
  r = await page(ben, `/know/prompts/${id}`);
  assert.ok(!r.text.includes(secret));
  assert.match(r.text, /Cy has answered\. Answer to see what Cy wrote\./);
});

test('reveal: outsiders get 404 for everything of the couple, and never see its answers', async () => {
  const [ana, ben] = await couple(U, 'Eve', 'Fay');
  const [out] = await couple(U, 'Gus', 'Hal');
  const alone = await signup(U, 'Ivy');
  let r = await api(U, 'POST', '/api/v1/prompts', { text: 'What did our first flat smell like?', level: 1 }, ana.token);
  assert.equal(r.status, 201, r.text);
  const own = r.json.prompt.id;
  assert.match(own, /^own-\d+$/);
  assert.equal(r.json.prompt.own, true);
  const secret = 'Eve-remembers-cinnamon';
  r = await api(U, 'PUT', `/api/v1/prompts/${own}/answer`, { text: secret }, ana.token);
  assert.equal(r.status, 200);
  r = await api(U, 'PUT', `/api/v1/prompts/${own}/answer`, { text: 'Fay: paint' }, ben.token);
  assert.equal(r.status, 200);
  r = await api(U, 'POST', '/api/v1/dreams', { title: 'Eve-dream-title', text: 'A boat', kind: 'idea' }, ana.token);
  const dream = r.json.dream.id;

  for (const [m, p, body] of [
    ['GET', `/api/v1/prompts/${own}`], ['PUT', `/api/v1/prompts/${own}/answer`, { text: 'x' }],
    ['POST', `/api/v1/prompts/${own}/more`, { note: 'x' }], ['POST', `/api/v1/prompts/${own}/additions`, { text: 'x' }],
    ['GET', `/api/v1/dreams/${dream}`], ['PATCH', `/api/v1/dreams/${dream}`, { status: 'planning' }],
    ['POST', `/api/v1/dreams/${dream}/replies`, { text: 'x' }], ['GET', '/api/v1/prompts/own-999999'],
    ['GET', '/api/v1/prompts/not-a-prompt'], ['GET', '/api/v1/prompts/BAD%20ID'],
  ]) {
    r = await api(U, m, p, body, out.token);
    assert.equal(r.status, 404, `${m} ${p}: ${r.text}`);
    assert.ok(!r.text.includes(secret) && !r.text.includes('Eve-dream-title'));
  }
  for (const p of [`/know/prompts/${own}`, `/dreams/${dream}`]) {
    r = await page(out, p);
    assert.equal(r.status, 404, p);
  }
  // Deck prompts are shared by everyone, but an outsider sees only their own couple's answers.
  for (const p of ['/api/v1/prompts', '/api/v1/prompts?state=answered', '/api/v1/dreams', '/api/v1/noticing', '/api/v1/decks']) {
    r = await api(U, 'GET', p, undefined, out.token);
    assert.equal(r.status, 200, p);
    assert.ok(!r.text.includes(secret) && !r.text.includes('Eve-dream-title') && !r.text.includes(own + '"'), p);
  }
  r = await api(U, 'GET', '/api/v1/dreams', undefined, out.token);
  assert.deepEqual(r.json.dreams, []);
  // Without a couple of two: 409, asking to invite the partner first.
  for (const p of ['/api/v1/prompts/current', '/api/v1/prompts', '/api/v1/dreams', '/api/v1/decks', '/api/v1/noticing']) {
    r = await api(U, 'GET', p, undefined, alone.token);
    assert.equal(r.status, 409, p);
    assert.match(r.json.error.message, /invite/i);
  }
  r = await api(U, 'PUT', `/api/v1/prompts/${own}/answer`, { text: 'x' }, alone.token);
  assert.equal(r.status, 409);
  r = await api(U, 'GET', '/api/v1/prompts/current');
  assert.equal(r.status, 401);
});

test('validation: answers, notes, additions, own prompts and filters', async () => {
  const [ana, ben] = await couple(U, 'Jo', 'Kai');
  const id = (await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token)).json.prompt.id;
  for (const body of [{}, { text: '' }, { text: '   \n ' }, { text: 'x'.repeat(4001) }, { text: 42 }]) {
    const r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, body, ana.token);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 40));
    assert.ok(r.json.error.message.length > 10);
  }
  let r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ana.token);
  assert.equal(r.json.mine, null, 'nothing half-written');
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'é'.repeat(4000) }, ana.token);
  assert.equal(r.status, 200, '4,000 characters is fine, whatever their bytes');
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Kai here' }, ben.token);
  r = await api(U, 'POST', `/api/v1/prompts/${id}/more`, { note: 'x'.repeat(1001) }, ben.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', `/api/v1/prompts/${id}/additions`, { text: '' }, ana.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', `/api/v1/prompts/${id}/additions`, { text: 'x'.repeat(4001) }, ana.token);
  assert.equal(r.status, 400);
  for (const body of [{ text: '', level: 1 }, { text: 'x'.repeat(301), level: 1 }, { text: 'What now?' },
    { text: 'What now?', level: 4 }, { text: 'What now?', level: '2' }, { text: 'What now?', level: 1, topic: 'weather' }]) {
    r = await api(U, 'POST', '/api/v1/prompts', body, ana.token);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 60));
  }
  for (const q of ['state=maybe', 'level=4', 'level=x', 'topic=weather']) {
    r = await api(U, 'GET', `/api/v1/prompts?${q}`, undefined, ana.token);
    assert.equal(r.status, 400, q);
  }
  r = await api(U, 'PUT', '/api/v1/prompts/no-such-prompt/answer', { text: 'hello' }, ana.token);
  assert.equal(r.status, 404);
});

test('editing: silent until the partner has seen it, then shown as edited', async () => {
  const [ana, ben] = await couple(U, 'Lou', 'Max');
  const id = (await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token)).json.prompt.id;
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'first' }, ana.token);
  let r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'second' }, ana.token);
  assert.deepEqual([r.json.mine.text, r.json.mine.edited], ['second', false]);
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Max answers' }, ben.token);
  assert.deepEqual([r.json.partner.text, r.json.partner.edited], ['second', false]);
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'third' }, ana.token);
  assert.deepEqual([r.json.mine.text, r.json.mine.edited], ['third', true]);
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ben.token);
  assert.deepEqual([r.json.partner.text, r.json.partner.edited], ['third', true]);
  r = await page(ben, `/know/prompts/${id}`);
  assert.match(r.text, /third<\/p><p class="hint">[^<]* · edited/);
});

test('levels: closed until ten together or both ask; own prompts join the rotation', async () => {
  const [ana, ben] = await couple(U, 'Ned', 'Oli');
  let r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.deepEqual(r.json.levels.map((l) => [l.level, l.open, l.to_open]), [[1, true, 0], [2, false, 10], [3, false, 10]]);
  assert.equal(r.json.total, 636);
  const deep = (await api(U, 'GET', '/api/v1/prompts?level=2', undefined, ana.token)).json.prompts;
  assert.equal(deep.length, 0, 'closed levels are not listed');
  r = await api(U, 'PUT', '/api/v1/prompts/dreams-2-01/answer', { text: 'too soon' }, ana.token);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'level_closed');
  r = await api(U, 'POST', '/api/v1/decks/levels/2/early', undefined, ana.token);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.levels[1].early, { me: true, partner: false });
  assert.equal(r.json.levels[1].open, false);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ben.token);
  assert.ok(r.json.items.some((i) => i.kind === 'early' && i.about.level === 2), r.text);
  r = await api(U, 'POST', '/api/v1/decks/levels/2/early', undefined, ben.token);
  assert.deepEqual([r.json.levels[1].open, r.json.levels[2].open], [true, false]);
  // once it opened, neither is told any more that the other would like to open it
  for (const who of [ana, ben]) {
    r = await api(U, 'GET', '/api/v1/noticing', undefined, who.token);
    assert.ok(!r.json.items.some((i) => i.kind === 'early' && i.about.level === 2), r.text);
  }
  r = await api(U, 'POST', '/api/v1/decks/levels/2/early', undefined, ben.token);
  assert.equal(r.status, 409);
  r = await api(U, 'POST', '/api/v1/decks/levels/1/early', undefined, ben.token);
  assert.equal(r.status, 404);
  r = await api(U, 'PUT', '/api/v1/prompts/dreams-2-01/answer', { text: 'now it is open' }, ana.token);
  assert.equal(r.status, 200);
  r = await api(U, 'POST', '/api/v1/decks/levels/3/early', undefined, ana.token);
  r = await api(U, 'DELETE', '/api/v1/decks/levels/3/early', undefined, ana.token);
  assert.deepEqual(r.json.levels[2].early, { me: false, partner: false });

  r = await api(U, 'POST', '/api/v1/prompts', { text: 'What would our perfect Sunday\nlook like?', level: 1, topic: 'us' }, ben.token);
  assert.equal(r.status, 201);
  assert.equal(r.json.prompt.text, 'What would our perfect Sunday look like?');
  assert.equal(r.json.state, 'new');
  r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.equal(r.json.total, 637);
  r = await api(U, 'GET', '/api/v1/prompts?level=1&topic=us', undefined, ana.token);
  assert.ok(r.json.prompts.some((p) => p.prompt.own), 'own prompts are listed with the deck');
});

test('the current prompt stays until both answered, and ten together open level 2', async () => {
  const [ana, ben] = await couple(U, 'Pia', 'Quin');
  const seen = new Set();
  for (let i = 0; i < 10; i++) {
    const a = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
    const b = await api(U, 'GET', '/api/v1/prompts/current', undefined, ben.token);
    assert.equal(a.json.prompt.id, b.json.prompt.id, 'the same for both');
    const id = a.json.prompt.id;
    assert.ok(!seen.has(id), 'no repeats');
    seen.add(id);
    assert.equal(a.json.prompt.level, 1);
    await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: `Pia ${i}` }, ana.token);
    const still = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
    assert.equal(still.json.prompt.id, id, 'stays until both answered');
    await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: `Quin ${i}` }, ben.token);
  }
  const r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.deepEqual(r.json.levels.map((l) => l.open), [true, true, false]);
  const cur = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  assert.equal(cur.json.prompt.level, 2, 'the next comes from the deepest open level');
});

test('together mode: alternates, records talked-about prompts, ends gently', async () => {
  const [ana, ben] = await couple(U, 'Ray', 'Sol');
  let r = await api(U, 'POST', '/api/v1/together', { first: 'neighbour' }, ana.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/together', { first: 'partner' }, ana.token);
  assert.equal(r.status, 201, r.text);
  const s = r.json.session;
  assert.equal(s.first.name, 'Sol');
  assert.equal(s.set.suggested_minutes, 15);
  const used = [];
  let firsts = [s.first.name];
  let cur = s;
  for (let i = 0; i < 4; i++) {
    used.push(cur.prompt.id);
    r = await api(U, 'POST', `/api/v1/together/${s.id}/next`, i === 0 ? { note: 'we laughed' } : {}, ben.token);
    assert.equal(r.status, 200, r.text);
    cur = r.json.session;
    firsts.push(cur.first.name);
  }
  assert.deepEqual(firsts, ['Sol', 'Ray', 'Sol', 'Ray', 'Sol']);
  assert.equal(new Set(used).size, 4, 'no prompt twice in a session');
  assert.deepEqual([cur.set.number, cur.set.position, cur.full_round], [2, 2, true]);
  assert.equal(cur.used[0].note, 'we laughed');
  // Sol recorded them: they count once Ray confirms (issue 15).
  assert.deepEqual(cur.to_confirm, { by_me: 0, by_partner: 4 });
  r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.equal(r.json.levels[0].answered, 0);
  r = await api(U, 'POST', `/api/v1/together/${s.id}/confirm`, undefined, ana.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.session.to_confirm, { by_me: 0, by_partner: 0 });
  // Talked-about prompts count as answered and do not come back.
  r = await api(U, 'GET', `/api/v1/prompts/${used[0]}`, undefined, ana.token);
  assert.equal(r.json.state, 'answered');
  assert.equal(r.json.together[0].note, 'we laughed');
  r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  assert.ok(!used.includes(r.json.prompt.id));
  r = await api(U, 'GET', '/api/v1/decks', undefined, ana.token);
  assert.equal(r.json.levels[0].answered, 4);
  const [other] = await couple(U, 'Tam', 'Uma');
  r = await api(U, 'GET', `/api/v1/together/${s.id}`, undefined, other.token);
  assert.equal(r.status, 404);
  r = await api(U, 'POST', `/api/v1/together/${s.id}/end`, undefined, ana.token);
  assert.equal(r.status, 200);
  assert.ok(r.json.session.ended_at);
  assert.equal(r.json.session.prompt, null);
  r = await api(U, 'POST', `/api/v1/together/${s.id}/next`, {}, ana.token);
  assert.equal(r.status, 409);
  r = await page(ana, `/together/${s.id}`);
  assert.match(r.text, /Thank you for this time together/);
  assert.match(r.text, /You talked about 4 questions/);
});

test('rounds: once every open prompt is done, prompts come round again under the same rule', async () => {
  const [ana, ben] = await couple(U, 'Ada', 'Bo');
  // Both open every level, then talk through every prompt in together mode.
  await api(U, 'POST', '/api/v1/decks/levels/3/early', undefined, ana.token);
  await api(U, 'POST', '/api/v1/decks/levels/3/early', undefined, ben.token);
  const all = [];
  for (let page = 1; ; page++) {
    const r = await api(U, 'GET', `/api/v1/prompts?page=${page}`, undefined, ana.token);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.page, page);
    assert.ok(r.json.prompts.length <= 50, 'at most 50 a page');
    all.push(...r.json.prompts.map((p) => p.prompt.id));
    if (!r.json.more) break;
  }
  assert.equal(all.length, 636);
  assert.equal(new Set(all).size, 636, 'no prompt on two pages');
  // Ada writes a first answer to every vulnerable prompt; Bo writes none.
  for (const id of all.filter((x) => /-3-/.test(x))) {
    const r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: `Ada round one ${id}` }, ana.token);
    assert.equal(r.status, 200);
  }
  // Each session walks three of each level; Bo confirms what Ada recorded.
  for (let n = 0; n < all.length / 9; n++) {
    let session = (await api(U, 'POST', '/api/v1/together', { first: 'me' }, ana.token)).json.session;
    for (let i = 0; i < 9; i++) {
      const r = await api(U, 'POST', `/api/v1/together/${session.id}/next`, { prompt: session.prompt.id }, ana.token);
      assert.equal(r.status, 200, r.text);
      session = r.json.session;
    }
    assert.equal((await api(U, 'POST', `/api/v1/together/${session.id}/confirm`, undefined, ben.token)).status, 200);
  }
  let r = await api(U, 'GET', '/api/v1/decks', undefined, ben.token);
  assert.deepEqual([r.json.answered, r.json.total], [636, 636]);
  assert.deepEqual(r.json.levels.map((l) => l.open), [true, true, true]);
  r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
  const id = r.json.prompt.id;
  assert.equal(r.json.round, 2, 'a prompt comes round again');
  assert.equal(r.json.prompt.level, 3, 'from the deepest open level');
  assert.equal(r.json.state, 'new');
  assert.deepEqual(r.json.earlier.map((e) => [e.round, e.mine.text]), [[1, `Ada round one ${id}`]]);
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ben.token);
  assert.deepEqual(r.json.earlier.map((e) => [e.round, e.mine, e.partner]), [[1, null, { answered: true, text: null, name: 'Ada', edited: false, reaction: null }]]);
  r = await page(ben, `/know/prompts/${id}`);
  assert.ok(!r.text.includes('Ada round one'), 'an earlier round keeps the rule too');
  assert.match(r.text, /Ada answered that time; you didn't, so Ada's answer stays private\./);
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Ada, the second time' }, ana.token);
  assert.equal(r.status, 200);
  r = await api(U, 'GET', `/api/v1/prompts/${id}`, undefined, ben.token);
  assert.deepEqual([r.json.round, r.json.partner.answered, r.json.partner.text], [2, true, null]);
  assert.ok(!r.text.includes('Ada, the second time'));
  r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Bo, again' }, ben.token);
  assert.equal(r.json.partner.text, 'Ada, the second time');
  r = await api(U, 'GET', '/api/v1/prompts/current', undefined, ben.token);
  assert.notEqual(r.json.prompt.id, id);
  assert.equal(r.json.round, 2);
});

test('dream table: create, list, reply, status by either, noticing and validation', async () => {
  const [ana, ben] = await couple(U, 'Vi', 'Wyn');
  let r = await api(U, 'POST', '/api/v1/dreams', { title: 'A year by the sea', text: 'Mornings on the beach.', kind: 'dream' }, ana.token);
  assert.equal(r.status, 201, r.text);
  const d = r.json.dream;
  assert.ok(d.id > 0);
  assert.deepEqual([d.title, d.kind, d.status, d.mine, d.by.name, d.reply_count], ['A year by the sea', 'dream', 'new', true, 'Vi', 0]);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ben.token);
  assert.equal(r.json.counts.dreams, 1);
  r = await page(ben, '/');
  assert.match(r.text, /Vi put “A year by the sea” on the dream table/);
  assert.match(r.text, /Dream table <span class="badge">1<span class="vh"> new<\/span><\/span>/);
  r = await api(U, 'GET', `/api/v1/dreams/${d.id}`, undefined, ben.token);
  assert.equal(r.json.dream.mine, false);
  assert.ok(r.json.dream.questions.length >= 3);
  assert.deepEqual(r.json.dream.replies, []);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ben.token);
  assert.equal(r.json.counts.dreams, 0, 'seen once opened');
  r = await api(U, 'POST', `/api/v1/dreams/${d.id}/replies`, { text: 'What does this mean to you?' }, ben.token);
  assert.equal(r.status, 201);
  assert.equal(r.json.reply.by.name, 'Wyn');
  r = await api(U, 'PATCH', `/api/v1/dreams/${d.id}`, { status: 'exploring' }, ben.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.dream.status, 'exploring');
  assert.equal(r.json.dream.status_by.name, 'Wyn');
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.deepEqual(r.json.items.map((i) => i.kind).sort(), ['reply', 'status']);
  assert.ok(r.json.items.some((i) => i.text === 'Wyn marked “A year by the sea” as Exploring'), r.text);
  r = await api(U, 'PATCH', `/api/v1/dreams/${d.id}`, { status: 'living_it' }, ana.token);
  assert.equal(r.json.dream.status, 'living_it');
  r = await api(U, 'POST', '/api/v1/noticing/seen', undefined, ana.token);
  assert.equal(r.status, 204);
  r = await api(U, 'GET', '/api/v1/noticing', undefined, ana.token);
  assert.equal(r.json.items.length, 0);
  assert.ok(r.json.since);
  r = await api(U, 'GET', '/api/v1/dreams', undefined, ben.token);
  assert.equal(r.json.dreams.length, 1);
  assert.equal(r.json.dreams[0].reply_count, 1);

  for (const body of [{ title: '', kind: 'dream' }, { title: 'x'.repeat(121), kind: 'dream' }, { title: 'ok', kind: 'plan' },
    { title: 'ok' }, { title: 'ok', kind: 'idea', text: 'x'.repeat(4001) }]) {
    r = await api(U, 'POST', '/api/v1/dreams', body, ana.token);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 50));
  }
  r = await api(U, 'PATCH', `/api/v1/dreams/${d.id}`, { status: 'done' }, ana.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', `/api/v1/dreams/${d.id}/replies`, { text: '' }, ana.token);
  assert.equal(r.status, 400);
  r = await api(U, 'GET', '/api/v1/dreams/999999', undefined, ana.token);
  assert.equal(r.status, 404);
});

test('pages: forms answer, ask for more, add, write own prompts and dreams', async () => {
  const [ana, ben] = await couple(U, 'Xan', 'Yu');
  let r = await page(ana, '/know');
  assert.equal(r.status, 200);
  const id = /action="\/know\/prompts\/([a-z0-9-]+)\/answer"/.exec(r.text)[1];
  r = await form(ana, '/know', `/know/prompts/${id}/answer`, { text: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /role="alert"/);
  r = await form(ana, '/know', `/know/prompts/${id}/answer`, { text: 'Xan answers' });
  assert.equal(r.status, 303);
  assert.equal(r.res.headers.get('location'), `/know/prompts/${id}#prompt-text`);
  r = await form(ben, `/know/prompts/${id}`, `/know/prompts/${id}/answer`, { text: 'Yu answers' });
  assert.equal(r.status, 303);
  r = await page(ben, `/know/prompts/${id}`);
  assert.match(r.text, /Xan answers/);
  r = await form(ben, `/know/prompts/${id}`, `/know/prompts/${id}/more`, { note: 'go on' });
  assert.equal(r.status, 303);
  r = await form(ana, `/know/prompts/${id}`, `/know/prompts/${id}/additions`, { addition: 'And more.' });
  assert.equal(r.status, 303);
  r = await page(ben, `/know/prompts/${id}`);
  assert.match(r.text, /Xan<\/strong> added:/);
  r = await form(ana, '/know/own', '/know/own', { text: 'Is this closed?', level: '1', topic: 'us' });
  assert.equal(r.status, 303);
  r = await page(ana, r.res.headers.get('location'));
  assert.match(r.text, /can be answered with a yes or a no/);
  r = await form(ana, '/know/own', '/know/own', { text: '', level: '1', topic: 'us' });
  assert.equal(r.status, 400);
  r = await form(ana, '/dreams/new', '/dreams', { title: 'Learn to sail', text: '', kind: 'idea' });
  assert.equal(r.status, 303);
  const dream = r.res.headers.get('location');
  r = await page(ben, dream + '?ask=3');
  assert.match(r.text, />What would a first small step look like\?<\/textarea>/);
  r = await form(ben, dream, dream + '/status', { status: 'planning' });
  assert.equal(r.status, 303);
  r = await form(ben, dream, dream + '/replies', { text: 'Yes, let us.' });
  assert.equal(r.status, 303);
  r = await page(ana, dream);
  assert.match(r.text, /Yes, let us\./);
  assert.match(r.text, /value="planning" checked/);
  r = await form(ana, '/know/decks', '/know/decks/levels/2/early', {});
  assert.equal(r.status, 303);
  r = await page(ben, '/know/decks');
  assert.match(r.text, /Xan would like to open it now/);
  r = await form(ana, '/together', '/together', { first: 'me' });
  assert.equal(r.status, 303);
  const session = r.res.headers.get('location');
  r = await page(ana, session);
  assert.match(r.text, /<strong>Xan<\/strong> answers first, then Yu\./);
  assert.match(r.text, /This set has just begun/);
  r = await form(ana, session, session + '/next', { note: '' });
  assert.equal(r.status, 303);
  r = await page(ana, session);
  assert.match(r.text, /<strong>Yu<\/strong> answers first, then Xan\./);
  r = await form(ana, session, session + '/end', {});
  r = await page(ana, session);
  assert.match(r.text, /Thank you for this time together/);
});

test('a bad deck file stops the server from starting, naming the file and line', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-deck-'));
  try {
    mkdirSync(path.join(dir, 'decks'));
    writeFileSync(path.join(dir, 'decks', 'ours.deck'),
      'ours-1-01 | 1 | us | What made you smile today?\nours-1-02 | 4 | us | What else?\n');
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
    const bin = process.env.DUET_BIN || path.join(root, 'build', 'asan', 'duet');
    const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--db', path.join(dir, 'x.db')], {
      env: { ...process.env, DUET_DATA: dir, DUET_STATIC: path.join(root, 'static') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => { err += c; });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.notEqual(code, 0);
    assert.match(err, /decks\/ours\.deck line 2: /);
    assert.doesNotMatch(err, /listening on/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the prompt list comes a page at a time, with texts only for that page', async () => {
  const [ana, ben] = await couple(U, 'Pagina', 'Seite');
  let r = await api(U, 'GET', '/api/v1/prompts', undefined, ana.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.page, 1);
  assert.equal(r.json.prompts.length, 50);
  assert.equal(r.json.more, true);
  const first = r.json.prompts.map((p) => p.prompt.id);
  // Both answer a prompt of page 2: its texts come with page 2 (after both answered).
  r = await api(U, 'GET', '/api/v1/prompts?page=2', undefined, ana.token);
  assert.equal(r.json.page, 2);
  const id = r.json.prompts[0].prompt.id;
  assert.ok(!first.includes(id), 'page 2 starts after page 1');
  for (const [who, text] of [[ana, 'Pagina on page two'], [ben, 'Seite on page two']])
    assert.equal((await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text }, who.token)).status, 200);
  r = await api(U, 'GET', '/api/v1/prompts?page=2', undefined, ana.token);
  const item = r.json.prompts.find((p) => p.prompt.id === id);
  assert.equal(item.mine.text, 'Pagina on page two');
  assert.equal(item.partner.text, 'Seite on page two');
  r = await api(U, 'GET', '/api/v1/prompts?page=100', undefined, ana.token);
  assert.equal(r.status, 200);
  assert.deepEqual([r.json.prompts, r.json.more], [[], false]);
  for (const bad of ['0', '-1', 'x', '100001'])
    assert.equal((await api(U, 'GET', `/api/v1/prompts?page=${bad}`, undefined, ana.token)).status, 400, bad);
  // The page of all questions still lists every open one (it shows states, not answers).
  const c = await fetch(U + '/know/browse?level=', { headers: { cookie: 'duet_session=' + ana.token } });
  const html = await c.text();
  assert.equal(c.status, 200);
  assert.match(html, /\d+ questions\./);
  assert.doesNotMatch(html, /on page two/);
});
