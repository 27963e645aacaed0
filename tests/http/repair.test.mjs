// HTTP tests of repairs after a hurt: the stages and who waits for whom, the
// reveal rule on every route (the partner sees nothing of a step until both
// have written it; an outsider sees nothing at all), validation, the "edited"
// mark, and the plan becoming agreements exactly once.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, signup } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

// Fails when any of the markers appears anywhere in a response.
function noLeak(r, markers, what) {
  for (const m of markers) assert.ok(!r.text.includes(m), `${what} leaks ${m}: ${r.text.slice(0, 400)}`);
}

function has(r, markers, what) {
  for (const m of markers) assert.ok(r.text.includes(m), `${what} lacks ${m}`);
}

const put = (id, step, body, who) => api(U, 'PUT', `/api/v1/repairs/${id}/${step}`, body, who.token);
const get = (id, who) => api(U, 'GET', `/api/v1/repairs/${id}`, undefined, who.token);

test('repair: stages, waiting, and the reveal rule on every route', async () => {
  const [a, b] = await couple(U, 'Ana', 'Ben');
  const [c] = await couple(U, 'Cy', 'Di');
  const alone = await signup(U, 'Eve');

  let r = await api(U, 'POST', '/api/v1/repairs', { title: 'The phone call at dinner', happened_on: '2026-01-05' }, a.token);
  assert.equal(r.status, 201, r.text);
  const rep = r.json.repair;
  const id = rep.id;
  assert.equal(rep.title, 'The phone call at dinner');
  assert.equal(rep.happened_on, '2026-01-05');
  assert.deepEqual(rep.started_by, { id: a.id, name: 'Ana' });
  assert.equal(rep.stage, 'reflect');
  assert.equal(rep.waiting_for, 'both');
  assert.equal(rep.completed_at, null);
  assert.deepEqual(rep.me, { reflection: { written: false }, apology: { written: false }, response: { written: false }, plan: { written: false } });
  assert.deepEqual(rep.partner, { id: b.id, name: 'Ben', reflection: { written: false }, apology: { written: false }, response: { written: false }, plan: { written: false } });

  // outsiders: another couple gets 404 everywhere and an empty list; one alone, 409
  const outsider = async (what) => {
    for (const [m, p, body] of [['GET', `/api/v1/repairs/${id}`], ['PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt'], reality: 'x' }],
      ['PUT', `/api/v1/repairs/${id}/apology`, { text: 'x' }], ['PUT', `/api/v1/repairs/${id}/response`, { accepted: true }],
      ['PUT', `/api/v1/repairs/${id}/plan`, { mine: 'x' }]]) {
      const o = await api(U, m, p, body, c.token);
      assert.equal(o.status, 404, `${what}: ${m} ${p} → ${o.status}`);
      noLeak(o, ['dinner', 'MA-', 'MB-'], `${what} outsider ${p}`);
    }
    const l = await api(U, 'GET', '/api/v1/repairs', undefined, c.token);
    assert.deepEqual(l.json.repairs, []);
    assert.equal((await api(U, 'GET', `/api/v1/repairs/${id}`, undefined, alone.token)).status, 409);
  };
  await outsider('at the start');

  // 1. Ana reflects; Ben sees only that she has
  const reflA = { feelings: ['hurt', 'MA-feel-own'], reality: 'MA-reality', triggers: 'MA-triggers', my_part: 'MA-part' };
  r = await put(id, 'reflection', reflA, a);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.repair.me.reflection.feelings, ['hurt', 'MA-feel-own']);
  assert.equal(r.json.repair.me.reflection.reality, 'MA-reality');
  assert.equal(r.json.repair.waiting_for, 'partner');
  const markA1 = ['MA-feel-own', 'MA-reality', 'MA-triggers', 'MA-part'];
  r = await get(id, b);
  noLeak(r, markA1, 'Ben GET after Ana reflected');
  assert.deepEqual(r.json.repair.partner.reflection, { written: true });
  assert.equal(r.json.repair.waiting_for, 'me');
  r = await api(U, 'GET', '/api/v1/repairs', undefined, b.token);
  noLeak(r, markA1, 'Ben list');
  assert.equal(r.json.repairs[0].waiting_for, 'me');
  assert.equal(r.json.repairs[0].stage, 'reflect');
  // steps not open yet: 409, saying why, and still nothing of Ana's
  for (const [step, body] of [['apology', { text: 'MB-early' }], ['response', { accepted: true }], ['plan', { mine: 'MB-early' }]]) {
    r = await put(id, step, body, b);
    assert.equal(r.status, 409, `${step} before reflecting`);
    assert.equal(r.json.error.code, 'not_yet');
    noLeak(r, markA1, `Ben early ${step}`);
  }
  r = await put(id, 'apology', { text: 'MA-early' }, a);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /once Ben has written a reflection too/);
  await outsider('after one reflection');

  // Ben's reflection reveals both
  const reflB = { feelings: ['lonely'], reality: 'MB-reality', triggers: '', my_part: '' };
  r = await put(id, 'reflection', reflB, b);
  assert.equal(r.status, 200);
  has(r, markA1, 'Ben once both reflected');
  assert.equal(r.json.repair.stage, 'apologise');
  assert.equal(r.json.repair.waiting_for, 'both');
  assert.equal(r.json.repair.partner.reflection.edited, false);
  r = await get(id, a);
  has(r, ['MB-reality'], 'Ana once both reflected');

  // 2. apologies: Ana's (with the coach for her alone), hidden from Ben until his
  r = await put(id, 'apology', { text: 'MA-apology: I was wrong to take the call. I am sorry. You always matter.' }, a);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.coach.apology.components.includes('responsibility'));
  assert.ok(r.json.coach.findings.some((f) => f.kind === 'absolute'));
  assert.deepEqual(r.json.repair.me.apology.coach, r.json.coach);
  r = await get(id, b);
  noLeak(r, ['MA-apology'], 'Ben GET after Ana apologised');
  assert.deepEqual(r.json.repair.partner.apology, { written: true });
  for (const [step, body] of [['response', { accepted: true }], ['plan', { mine: 'x' }]]) {
    r = await put(id, step, body, b);
    assert.equal(r.status, 409);
    noLeak(r, ['MA-apology'], `Ben early ${step}`);
  }
  r = await put(id, 'reflection', { ...reflB, reality: 'MB-reality changed' }, b); // earlier steps stay open
  assert.equal(r.status, 200);
  noLeak(r, ['MA-apology'], 'Ben changing his reflection');
  await outsider('after one apology');
  r = await put(id, 'apology', { text: 'MB-apology: I am sorry I went quiet.' }, b);
  assert.equal(r.status, 200);
  has(r, ['MA-apology'], 'Ben once both apologised');
  assert.equal(r.json.repair.partner.apology.coach, undefined, 'the coach is for the writer alone');
  assert.ok(!('coach' in r.json.repair.partner.apology));
  assert.equal(r.json.repair.stage, 'respond');

  // 3. responses
  r = await put(id, 'response', { accepted: false }, a);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /what is still needed/);
  r = await put(id, 'response', { still_needed: 'x' }, a);
  assert.equal(r.status, 400);
  r = await put(id, 'response', { accepted: 'yes' }, a);
  assert.equal(r.status, 400);
  r = await put(id, 'response', { accepted: false, still_needed: 'MA-still-needed' }, a);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.repair.me.response.accepted, false);
  r = await get(id, b);
  noLeak(r, ['MA-still-needed'], 'Ben GET after Ana responded');
  assert.deepEqual(r.json.repair.partner.response, { written: true });
  assert.equal(r.json.repair.waiting_for, 'me');
  r = await put(id, 'response', { accepted: true }, b);
  has(r, ['MA-still-needed'], 'Ben once both responded');
  assert.equal(r.json.repair.partner.response.accepted, false);
  assert.equal(r.json.repair.me.response.still_needed, '');
  assert.equal(r.json.repair.stage, 'plan');

  // 4. plans: hidden until both; then agreements
  r = await put(id, 'plan', { mine: 'MA-mine: I will text before I take a call at dinner', partners: 'MA-ask: tell me when it bothers you' }, a);
  assert.equal(r.status, 200);
  assert.equal(r.json.agreements_made, false);
  r = await get(id, b);
  noLeak(r, ['MA-mine', 'MA-ask'], 'Ben GET after Ana planned');
  assert.deepEqual(r.json.repair.partner.plan, { written: true });
  r = await api(U, 'GET', '/api/v1/agreements', undefined, a.token);
  assert.equal(r.json.agreements.filter((g) => g.source.kind === 'repair').length, 0);
  await outsider('after one plan');

  r = await put(id, 'plan', { mine: 'MB-mine: I will say when I need a pause' }, b);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.agreements_made, true);
  assert.equal(r.json.repair.stage, 'done');
  assert.equal(r.json.repair.waiting_for, null);
  assert.match(r.json.repair.completed_at, /^\d{4}-\d\d-\d\dT/);
  has(r, ['MA-mine', 'MA-ask'], 'Ben once both planned');
  assert.equal(r.json.repair.partner.plan.partners, 'MA-ask: tell me when it bothers you');

  r = await api(U, 'GET', '/api/v1/agreements', undefined, a.token);
  const made = r.json.agreements.filter((g) => g.source.kind === 'repair' && g.source.id === id);
  assert.equal(made.length, 3);
  const byText = Object.fromEntries(made.map((g) => [g.text.split(':')[0], g]));
  assert.equal(byText['MA-mine'].who, 'me');
  assert.equal(byText['MA-ask'].who, 'partner');
  assert.equal(byText['MB-mine'].who, 'partner');
  for (const g of made) {
    const days = (Date.parse(g.review_on) - Date.now()) / 86400000;
    assert.ok(days > 12 && days <= 14, `review in ${days} days`);
    assert.equal(g.status, 'active');
  }
  r = await api(U, 'GET', '/api/v1/agreements', undefined, b.token);
  assert.equal(r.json.agreements.filter((g) => g.source.id === id && g.text.startsWith('MB-mine'))[0].who, 'me');

  // done: closed, and the agreements are never made again
  for (const who of [a, b]) {
    for (const [step, body] of [['plan', { mine: 'again' }], ['reflection', reflA], ['apology', { text: 'again' }], ['response', { accepted: true }]]) {
      r = await put(id, step, body, who);
      assert.equal(r.status, 409, `${step} after done`);
      assert.equal(r.json.error.code, 'finished');
      assert.match(r.json.error.message, /agreements page/);
    }
  }
  r = await api(U, 'GET', '/api/v1/agreements', undefined, a.token);
  assert.equal(r.json.agreements.filter((g) => g.source.id === id).length, 3);
  await outsider('when done');
  r = await api(U, 'GET', '/api/v1/agreements', undefined, c.token);
  assert.equal(r.json.agreements.length, 0);
});

// Walks a repair to its plan step.
async function toPlan(a, b, title) {
  const r = await api(U, 'POST', '/api/v1/repairs', { title }, a.token);
  const id = r.json.repair.id;
  for (const who of [a, b]) assert.equal((await put(id, 'reflection', { feelings: ['sad'], reality: 'r' }, who)).status, 200);
  for (const who of [a, b]) assert.equal((await put(id, 'apology', { text: 'I am sorry.' }, who)).status, 200);
  for (const who of [a, b]) assert.equal((await put(id, 'response', { accepted: true }, who)).status, 200);
  return id;
}

test('repair: both plans at the same moment still make the agreements exactly once', async () => {
  const [a, b] = await couple(U, 'Flo', 'Gus');
  for (let round = 0; round < 4; round++) {
    const id = await toPlan(a, b, `Round ${round}`);
    const [ra, rb] = await Promise.all([
      put(id, 'plan', { mine: `A${round} will`, partners: `A${round} asks` }, a),
      put(id, 'plan', { mine: `B${round} will`, partners: `B${round} asks` }, b),
    ]);
    assert.equal(ra.status, 200, ra.text);
    assert.equal(rb.status, 200, rb.text);
    assert.equal(Number(ra.json.agreements_made) + Number(rb.json.agreements_made), 1);
    // the later one may also be refused as finished if it came after; here both saved
    const list = await api(U, 'GET', '/api/v1/agreements', undefined, a.token);
    const made = list.json.agreements.filter((g) => g.source.id === id);
    assert.equal(made.length, 4, JSON.stringify(made));
    assert.deepEqual(made.map((g) => g.text).sort(), [`A${round} asks`, `A${round} will`, `B${round} asks`, `B${round} will`]);
  }
  // a plan may change until the partner's completes it; the final text is used
  const id = await toPlan(a, b, 'Changing a plan');
  assert.equal((await put(id, 'plan', { mine: 'first idea' }, a)).status, 200);
  assert.equal((await put(id, 'plan', { mine: 'better idea', partners: '' }, a)).status, 200);
  const r = await put(id, 'plan', { mine: 'mine' }, b);
  assert.equal(r.json.agreements_made, true);
  const list = await api(U, 'GET', '/api/v1/agreements', undefined, a.token);
  assert.deepEqual(list.json.agreements.filter((g) => g.source.id === id).map((g) => g.text).sort(), ['better idea', 'mine']);
});

test('repair: a change after the partner has read it is marked edited', async () => {
  const [a, b] = await couple(U, 'Hal', 'Ida');
  const id = (await api(U, 'POST', '/api/v1/repairs', { title: 'Edits' }, a.token)).json.repair.id;
  await put(id, 'reflection', { feelings: ['tense'], reality: 'first' }, a);
  await put(id, 'reflection', { feelings: ['tense'], reality: 'second' }, a); // unseen: silent
  await put(id, 'reflection', { feelings: ['tired'], reality: 'Ben' }, b);
  let r = await get(id, a);
  assert.equal(r.json.repair.me.reflection.edited, false);
  // Ben's PUT answered with Ana's reflection in full: that counts as seen
  r = await put(id, 'reflection', { feelings: ['tense'], reality: 'second' }, a); // no change: not edited
  assert.equal(r.json.repair.me.reflection.edited, false);
  r = await put(id, 'reflection', { feelings: ['tense', 'sad'], reality: 'third' }, a);
  assert.equal(r.json.repair.me.reflection.edited, true);
  r = await get(id, b);
  assert.equal(r.json.repair.partner.reflection.edited, true);
  assert.equal(r.json.repair.partner.reflection.reality, 'third');
});

test('repair: bad input is refused with a clear message, nothing half-written', async () => {
  const [a, b] = await couple(U, 'Jo', 'Kit');
  const bad = [
    [{}, /name for what happened/],
    [{ title: '   ' }, /name for what happened/],
    [{ title: 'x'.repeat(121) }, /too long/],
    [{ title: 'ok', happened_on: '2026-02-30' }, /real date/],
    [{ title: 'ok', happened_on: 'yesterday' }, /.+/],
    [{ title: 'ok', happened_on: '2999-01-01' }, /future/],
    [{ title: 42 }, /text/],
  ];
  for (const [body, msg] of bad) {
    const r = await api(U, 'POST', '/api/v1/repairs', body, a.token);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(r.json.error.message, msg);
  }
  assert.equal((await api(U, 'GET', '/api/v1/repairs', undefined, a.token)).json.repairs.length, 0);
  let r = await api(U, 'POST', '/api/v1/repairs', { title: 'Today' }, a.token);
  assert.equal(r.json.repair.happened_on, new Date().toISOString().slice(0, 10));
  const id = r.json.repair.id;
  const badRefl = [
    [{ reality: 'x' }, /at least one feeling/],
    [{ feelings: [], reality: 'x' }, /at least one feeling/],
    [{ feelings: ['  '], reality: 'x' }, /at least one feeling/],
    [{ feelings: 'hurt', reality: 'x' }, /list/],
    [{ feelings: [1], reality: 'x' }, /list/],
    [{ feelings: ['a\nb'], reality: 'x' }, /one line/],
    [{ feelings: ['x'.repeat(41)], reality: 'x' }, /at most 40/],
    [{ feelings: Array.from({ length: 17 }, (_, i) => `f${i}`), reality: 'x' }, /at most 16/],
    [{ feelings: ['hurt'] }, /reality/],
    [{ feelings: ['hurt'], reality: 'x'.repeat(4001) }, /too long/],
    [{ feelings: ['hurt'], reality: 'x', my_part: 'x'.repeat(4001) }, /too long/],
  ];
  for (const [body, msg] of badRefl) {
    r = await put(id, 'reflection', body, a);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
    assert.match(r.json.error.message, msg);
  }
  r = await get(id, a);
  assert.equal(r.json.repair.me.reflection.written, false);
  // repeats are dropped, case aside
  r = await put(id, 'reflection', { feelings: ['hurt', 'Hurt', ' sad '], reality: 'x' }, a);
  assert.deepEqual(r.json.repair.me.reflection.feelings, ['hurt', 'sad']);
  await put(id, 'reflection', { feelings: ['sad'], reality: 'y' }, b);
  r = await put(id, 'apology', { text: 'x'.repeat(4001) }, a);
  assert.equal(r.status, 400);
  r = await put(id, 'apology', {}, a);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /apology/);
  for (const p of ['/api/v1/repairs/999999', '/api/v1/repairs/abc', '/api/v1/repairs/0', '/api/v1/repairs/-1']) {
    assert.equal((await api(U, 'GET', p, undefined, a.token)).status, 404, p);
  }
  assert.equal((await api(U, 'PUT', '/api/v1/repairs/999999/reflection', { feelings: ['x'], reality: 'y' }, a.token)).status, 404);
  assert.equal((await api(U, 'GET', '/api/v1/repairs')).status, 401);
});

test('repair: a counsellor shown repair plans sees finished plans only, never the rest', async () => {
  const [a, b] = await couple(U, 'Pia', 'Quin');
  const kim = await signup(U, 'Kim Lee', { kind: 'counsellor' });
  const cid = (await api(U, 'GET', '/api/v1/me', undefined, a.token)).json.couple.id;
  const inv = await api(U, 'POST', '/api/v1/counsellor/invites', undefined, a.token);
  assert.equal((await api(U, 'POST', '/api/v1/counsellor/accept', { code: inv.json.code }, kim.token)).status, 200);
  for (const who of [a, b]) {
    const r = await api(U, 'POST', `/api/v1/counsellor/invites/${inv.json.id}/approve`, { scopes: ['repair_plans'] }, who.token);
    assert.equal(r.status, 200, r.text);
  }
  // one finished repair, and one where only Pia has written a plan
  const done = (await api(U, 'POST', '/api/v1/repairs', { title: 'The late train', happened_on: '2026-02-01' }, a.token)).json.repair.id;
  for (const who of [a, b]) await put(done, 'reflection', { feelings: ['hurt'], reality: 'SECRET-reality' }, who);
  for (const who of [a, b]) await put(done, 'apology', { text: 'SECRET-apology, I am sorry' }, who);
  for (const who of [a, b]) await put(done, 'response', { accepted: false, still_needed: 'SECRET-needed' }, who);
  await put(done, 'plan', { mine: 'Pia will call ahead', partners: 'Quin asks first' }, a);
  await put(done, 'plan', { mine: 'Quin will check the timetable' }, b);
  const half = await toPlan(a, b, 'Half planned');
  await put(half, 'plan', { mine: 'LONE-plan' }, a);

  const r = await api(U, 'GET', `/api/v1/counsellor/couples/${cid}/repair_plans`, undefined, kim.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.data, {
    repairs: [{
      title: 'The late train', happened_on: '2026-02-01',
      plans: [{ name: 'Pia', mine: 'Pia will call ahead', partners: 'Quin asks first' },
        { name: 'Quin', mine: 'Quin will check the timetable', partners: '' }],
    }],
  });
  noLeak(r, ['SECRET', 'LONE-plan', 'Half planned'], 'the counsellor');
  const page = await fetch(`${U}/counsellor/couples/${cid}/repair_plans`, { headers: { cookie: `duet_session=${kim.token}` } });
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /Pia will call ahead/);
  assert.ok(!/SECRET|LONE-plan/.test(html));
  // a partner's account cannot use the counsellor's route
  assert.equal((await api(U, 'GET', `/api/v1/counsellor/couples/${cid}/repair_plans`, undefined, a.token)).status, 403);
});
