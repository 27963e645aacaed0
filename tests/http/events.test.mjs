// HTTP tests of live updates (GET /api/v1/events): who may listen, what an
// event says (never what anyone wrote), ids, replay after a reconnect, the
// keep-alive comment, and events written by a second server process.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, signup } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const server = await startServer({ env: { DUET_EVENTS_KEEPALIVE_MS: '300' } });
const U = server.url;
test.after(() => server.stop());

async function currentPrompt(who) {
  const r = await api(U, 'GET', '/api/v1/prompts/current', undefined, who.token);
  assert.equal(r.status, 200, r.text);
  return r.json.prompt.id;
}

test('events: signing in is needed, with a JSON error a person can read', async () => {
  const r = await api(U, 'GET', '/api/v1/events');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
  assert.match(r.json.error.message, /sign in/i);
});

test('events: Ana hears that Ben answered, never what; the outsider hears nothing', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const [olga] = await couple(U, 'Olga', 'Omar');
  const s = openEvents(U, { token: ana.token });
  const outsider = openEvents(U, { token: olga.token });
  assert.equal(await s.status(), 200);
  const h = await s.headers();
  assert.match(h['content-type'], /^text\/event-stream/);
  assert.equal(h['cache-control'], 'no-store');
  await outsider.ready;

  const id = await currentPrompt(ben);
  const secret = 'Ben-secret-marmalade-' + Date.now();
  const t0 = Date.now();
  const r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: secret }, ben.token);
  assert.equal(r.status, 200, r.text);
  const ev = await s.waitFor((e) => e.event === 'prompt', 10000, 'prompt event');
  console.log(`report: the partner's event arrived ${ev.at - t0} ms after the write was sent`);
  assert.deepEqual(Object.keys(ev.data).sort(), ['at', 'id', 'kind', 'url']);
  assert.equal(ev.data.kind, 'prompt');
  assert.equal(ev.data.url, `/know/prompts/${id}`);
  assert.equal(ev.data.id, ev.id);
  assert.match(ev.data.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  // Ben's own stream and a second answer: ids go up one by one.
  const r2 = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'Ana-secret-figs' }, ana.token);
  assert.equal(r2.status, 200, r2.text);
  const ev2 = await s.waitFor((e) => e.id > ev.id, 10000);
  assert.equal(ev2.id, ev.id + 1);
  // Ana's own move is marked so on Ana's stream (her page need not fetch itself
  // again); Ben's, on her stream, is not.
  assert.equal(ev2.data.mine, true);
  assert.deepEqual(Object.keys(ev2.data).sort(), ['at', 'id', 'kind', 'mine', 'url']);
  assert.equal(ev.data.mine, undefined);

  await new Promise((res) => setTimeout(res, 400));
  for (const st of [s, outsider]) {
    assert.ok(!st.raw().includes('secret'), 'no answer text in the stream: ' + st.raw());
    assert.ok(!st.raw().includes('Ben') && !st.raw().includes('Ana'), 'no names in the stream');
  }
  assert.equal(outsider.events.length, 0, 'the other couple hears nothing: ' + outsider.raw());
  s.close();
  outsider.close();
});

test('events: a session cookie works as well as a Bearer token', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const s = openEvents(U, { cookie: 'duet_session=' + ana.token });
  assert.equal(await s.status(), 200);
  const id = await currentPrompt(ben);
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'hello' }, ben.token);
  await s.waitFor((e) => e.event === 'prompt', 10000);
  s.close();
});

test('events: a comment line keeps a quiet stream open', async () => {
  const [ana] = await couple(U, 'Ana', 'Ben');
  const s = openEvents(U, { token: ana.token });
  await s.ready;
  const a = await s.waitComment(2000);
  const b = await s.waitComment(2000);
  assert.ok(b.at - a.at >= 200, 'comments come at the configured interval');
  assert.equal(s.events.length, 0);
  s.close();
});

test('events: Last-Event-ID replays what was missed, or says reset', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const id = await currentPrompt(ben);
  const first = openEvents(U, { token: ana.token });
  await first.ready;
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'one' }, ben.token);
  const e1 = await first.waitFor((e) => e.event === 'prompt', 10000);
  first.close();
  // While Ana is away, two more things happen.
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'two' }, ben.token);
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'three' }, ana.token);
  const again = openEvents(U, { token: ana.token, lastEventId: e1.id });
  const e3 = await again.waitFor((e) => e.id === e1.id + 2, 10000);
  assert.deepEqual(again.events.map((e) => e.id), [e1.id + 1, e1.id + 2]);
  assert.equal(e3.event, 'prompt');
  again.close();

  // An id from the future (another database, say), or one long gone: reset.
  const future = openEvents(U, { token: ana.token, lastEventId: 999999 });
  const reset = await future.waitFor((e) => e.event === 'reset', 10000);
  assert.equal(reset.id, e1.id + 2);
  future.close();
  // Nothing missed: nothing replayed.
  const current = openEvents(U, { token: ana.token, lastEventId: e1.id + 2 });
  await current.waitComment(2000);
  assert.equal(current.events.length, 0);
  current.close();
});

test('events: old events leave the window; asking for them gives a reset', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const id = await currentPrompt(ben);
  for (let i = 0; i < 215; i++) {
    const r = await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'n' + i }, ben.token);
    assert.equal(r.status, 200, r.text);
  }
  const s = openEvents(U, { token: ana.token, lastEventId: 1 });
  const reset = await s.waitFor(() => true, 10000);
  assert.equal(reset.event, 'reset');
  const last = reset.id; // Ben joining was event 1, then 215 answers
  assert.equal(last, 216);
  s.close();
  const t = openEvents(U, { token: ana.token, lastEventId: last - 5 });
  await t.waitFor((e) => e.id === last, 10000);
  assert.deepEqual(t.events.map((e) => e.id), [last - 4, last - 3, last - 2, last - 1, last]);
  t.close();
});

test('events: a page opened at a time gets what happened since (?since=)', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const since = Math.floor(Date.now() / 1000);
  const id = await currentPrompt(ben);
  await api(U, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'x' }, ben.token);
  const s = openEvents(U, { token: ana.token, query: `?since=${since}` });
  await s.waitFor((e) => e.event === 'prompt', 10000);
  s.close();
  // Ben's own page, made after he answered, shows his answer already.
  const own = openEvents(U, { token: ben.token, query: `?since=${since}` });
  await own.waitComment(2000);
  assert.deepEqual(own.events, []);
  own.close();
});

test('events: someone alone may listen; joining ends the stream so it reconnects', async () => {
  const ana = await signup(U, 'Ana');
  const c = await api(U, 'POST', '/api/v1/couple', undefined, ana.token);
  assert.equal(c.status, 201, c.text);
  const s = openEvents(U, { token: ana.token });
  assert.equal(await s.status(), 200);
  const ben = await signup(U, 'Ben');
  const j = await api(U, 'POST', '/api/v1/couple/join', { code: c.json.invite.code }, ben.token);
  assert.equal(j.status, 200, j.text);
  const ev = await s.waitFor((e) => e.event === 'couple', 10000);
  assert.equal(ev.data.url, '/couple');
  await s.waitEnd(2000);
});

test('events: what a second server on the same database records arrives too', async () => {
  const second = await startServer({ db: server.db });
  try {
    const [ana, ben] = await couple(U, 'Ana', 'Ben');
    const s = openEvents(U, { token: ana.token });
    await s.ready;
    const id = await currentPrompt(ben);
    const t0 = Date.now();
    const r = await api(second.url, 'PUT', `/api/v1/prompts/${id}/answer`, { text: 'far away' }, ben.token);
    assert.equal(r.status, 200, r.text);
    // well before the 25 s keep-alive: the other process's write woke this one
    const ev = await s.waitFor((e) => e.event === 'prompt', 10000);
    assert.ok(ev.at - t0 < 8000, `arrived after ${ev.at - t0} ms`);
    s.close();
  } finally {
    await second.stop({ keep: true });
  }
});

test('events: every area tells the partner that something changed, and where', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const s = openEvents(U, { token: ben.token });
  await s.ready;
  const secret = 'private-words-' + Date.now();
  const ok = async (r, status = [200, 201, 204]) => { assert.ok(status.includes(r.status), r.text); return r.json; };
  const kinds = [];
  const expect = async (kind, url) => {
    const ev = await s.waitFor((e) => e.event === kind && !kinds.includes(e.id), 10000, kind);
    kinds.push(ev.id);
    if (url) assert.match(ev.data.url, url);
    return ev;
  };

  const dream = await ok(await api(U, 'POST', '/api/v1/dreams', { title: secret, kind: 'dream', text: secret }, ana.token));
  await expect('dream', new RegExp(`^/dreams/${dream.dream.id}$`));
  await ok(await api(U, 'POST', `/api/v1/dreams/${dream.dream.id}/replies`, { text: secret }, ana.token));
  await expect('dream');
  await ok(await api(U, 'PATCH', `/api/v1/dreams/${dream.dream.id}`, { status: 'exploring' }, ana.token));
  await expect('dream');

  const ag = await ok(await api(U, 'POST', '/api/v1/agreements', { text: secret }, ana.token));
  await expect('agreement', /^\/agreements$/);
  await ok(await api(U, 'PATCH', `/api/v1/agreements/${ag.agreement.id}`, { status: 'kept' }, ana.token));
  await expect('agreement');

  await ok(await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 5, appreciation: secret }, ana.token));
  await expect('checkin', /^\/checkin$/);

  const neg = await ok(await api(U, 'POST', '/api/v1/negotiations', { topic: secret, items: ['Holidays', 'Weekends'] }, ana.token));
  await expect('negotiation', new RegExp(`^/negotiations/${neg.negotiation.id}$`));

  const rep = await ok(await api(U, 'POST', '/api/v1/repairs', { title: secret }, ana.token));
  await expect('repair', new RegExp(`^/repairs/${rep.repair.id}$`));
  await ok(await api(U, 'PUT', `/api/v1/repairs/${rep.repair.id}/reflection`, { feelings: ['hurt'], reality: secret }, ana.token));
  await expect('repair', new RegExp(`^/repairs/${rep.repair.id}$`));

  const t = await ok(await api(U, 'POST', '/api/v1/together', { first: 'me' }, ana.token));
  await expect('together', new RegExp(`^/together/${t.session.id}$`));
  await ok(await api(U, 'POST', `/api/v1/together/${t.session.id}/next`, { note: secret }, ana.token));
  await expect('together');
  await ok(await api(U, 'POST', `/api/v1/together/${t.session.id}/end`, {}, ana.token));
  await expect('together');

  await ok(await api(U, 'POST', '/api/v1/counsellor/invites', undefined, ana.token));
  await expect('counsellor', /^\/counsellor$/);

  const items = await ok(await api(U, 'GET', '/api/v1/differences/items', undefined, ana.token));
  const item = items.items[0];
  await ok(await api(U, 'PUT', `/api/v1/differences/items/${item.id}/rating`, { rating: 1 }, ana.token));
  await expect('difference', /^\/differences$/);

  const ids = s.events.map((e) => e.id);
  assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'ids increase');
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(!s.raw().includes(secret), 'nothing anyone wrote is in the stream');
  s.close();
});
