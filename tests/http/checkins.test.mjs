// HTTP tests of check-ins: saving and changing the current one, validation
// (out of range → 400, nothing half-written), one partner alone, what the
// partner sees, the rhythm, the summary, and other couples seeing nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple, signup } from '../lib/server.mjs';
import { seedCheckins } from '../lib/checkins.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

const full = { closeness: 5, satisfaction: 4, trust: 5, safety: 6, appreciation: 'You made soup when I was tired.' };

test('check-ins: one person alone, before any couple space', async () => {
  const a = await signup(U, 'Ana');
  let r = await api(U, 'PUT', '/api/v1/checkins/current', full, a.token);
  assert.equal(r.status, 200, r.text);
  const c = r.json.checkin;
  assert.equal(c.closeness, 5);
  assert.equal(c.satisfaction, 4);
  assert.equal(c.trust, 5);
  assert.equal(c.safety, 6);
  assert.equal(c.appreciation, full.appreciation);
  assert.equal(c.current, true);
  assert.match(c.period_start, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(new Date(c.period_start + 'T00:00:00Z').getUTCDay(), 1, 'periods start on Monday');
  assert.equal(r.json.period.rhythm, 'weekly');
  assert.equal(r.json.period.start, c.period_start);
  assert.equal((Date.parse(r.json.period.end) - Date.parse(r.json.period.start)) / 86400000, 6);

  r = await api(U, 'GET', '/api/v1/checkins', undefined, a.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.weeks, 12);
  assert.equal(r.json.mine.name, 'Ana');
  assert.equal(r.json.mine.checkins.length, 1);
  assert.equal(r.json.partner, null);

  r = await api(U, 'GET', '/api/v1/summary', undefined, a.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.findings[0].rule, 'not_enough_data');
  assert.equal(r.json.based_on.weeks, 8);

  // after making a couple space, the solo check-in is still hers, and editable
  r = await api(U, 'POST', '/api/v1/couple', undefined, a.token);
  assert.equal(r.status, 201);
  r = await api(U, 'PUT', '/api/v1/checkins/current', { ...full, closeness: 6 }, a.token);
  assert.equal(r.status, 200);
  r = await api(U, 'GET', '/api/v1/checkins', undefined, a.token);
  assert.equal(r.json.mine.checkins.length, 1);
  assert.equal(r.json.mine.checkins[0].closeness, 6);
});

test('check-ins: values out of range and bad input → 400, nothing half-written', async () => {
  const a = await signup(U, 'Cy');
  let r = await api(U, 'PUT', '/api/v1/checkins/current', full, a.token);
  assert.equal(r.status, 200);
  const bad = [
    { closeness: 0 }, { closeness: 8 }, { satisfaction: 7 }, { trust: -1 }, { safety: 99 },
    { closeness: '5' }, { trust: 3.5 }, { safety: true },
    { closeness: 3, appreciation: 'x'.repeat(501) }, { closeness: 3, appreciation: 42 },
  ];
  for (const body of bad) {
    r = await api(U, 'PUT', '/api/v1/checkins/current', body, a.token);
    assert.equal(r.status, 400, JSON.stringify(body) + ' ' + r.text);
    assert.ok(r.json.error.message.length > 10);
  }
  r = await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 8, trust: 2 }, a.token);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /closeness picture must be from 1 to 7/);
  r = await api(U, 'PUT', '/api/v1/checkins/current', {}, a.token);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'empty_checkin');
  r = await api(U, 'PUT', '/api/v1/checkins/current', { appreciation: 'only words' }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'PUT', '/api/v1/checkins/current', '{"closeness": 5', a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'GET', '/api/v1/checkins', undefined, a.token);
  assert.deepEqual(
    [r.json.mine.checkins.length, r.json.mine.checkins[0].closeness, r.json.mine.checkins[0].trust],
    [1, 5, 5], 'the earlier check-in is untouched');

  // skipping items is fine; PUT replaces the whole check-in
  r = await api(U, 'PUT', '/api/v1/checkins/current', { trust: 0 }, a.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.checkin.closeness, null);
  assert.equal(r.json.checkin.trust, 0);
  assert.equal(r.json.checkin.appreciation, null);

  for (const q of ['weeks=0', 'weeks=521', 'weeks=abc', 'weeks=', 'weeks=3x']) {
    r = await api(U, 'GET', '/api/v1/checkins?' + q, undefined, a.token);
    assert.equal(r.status, 400, q);
  }
  r = await api(U, 'GET', '/api/v1/checkins?weeks=520', undefined, a.token);
  assert.equal(r.status, 200);
  r = await api(U, 'GET', '/api/v1/checkins');
  assert.equal(r.status, 401);
});

test('check-ins: partners see each other, other couples see nothing', async () => {
  const [a, b] = await couple(U, 'Ana', 'Ben');
  const [c] = await couple(U, 'Cat', 'Dan');
  let r = await api(U, 'PUT', '/api/v1/checkins/current', full, a.token);
  assert.equal(r.status, 200);
  r = await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 3, trust: 4 }, b.token);
  assert.equal(r.status, 200);
  r = await api(U, 'GET', '/api/v1/checkins', undefined, b.token);
  assert.equal(r.json.mine.name, 'Ben');
  assert.equal(r.json.partner.name, 'Ana');
  assert.equal(r.json.partner.id, a.id);
  assert.equal(r.json.partner.checkins.length, 1);
  assert.equal(r.json.partner.checkins[0].appreciation, full.appreciation, 'the appreciation as it comes');
  r = await api(U, 'GET', '/api/v1/checkins', undefined, c.token);
  assert.equal(r.json.mine.checkins.length, 0);
  assert.equal(r.json.partner.checkins.length, 0);
  assert.ok(!r.text.includes('soup'));
});

test('check-ins: the rhythm is the couple\'s, and counsellors do not check in', async () => {
  const [a, b] = await couple(U, 'Eve', 'Fin');
  let r = await api(U, 'PUT', '/api/v1/checkins/rhythm', { rhythm: 'monthly' }, a.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rhythm, 'monthly');
  r = await api(U, 'GET', '/api/v1/checkins', undefined, b.token);
  assert.equal(r.json.period.rhythm, 'monthly');
  assert.equal((Date.parse(r.json.period.end) - Date.parse(r.json.period.start)) / 86400000, 27);
  r = await api(U, 'PUT', '/api/v1/checkins/rhythm', { rhythm: 'daily' }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'PUT', '/api/v1/checkins/rhythm', { rhythm: 'every_2_weeks' }, b.token);
  assert.equal(r.status, 200);
  r = await api(U, 'GET', '/api/v1/summary', undefined, a.token);
  assert.equal(r.json.based_on.rhythm, 'every_2_weeks');
  assert.equal(r.json.based_on.weeks, 16);
  const solo = await signup(U, 'Gus');
  r = await api(U, 'PUT', '/api/v1/checkins/rhythm', { rhythm: 'weekly' }, solo.token);
  assert.equal(r.status, 409);
  const kim = await signup(U, 'Kim', { kind: 'counsellor' });
  r = await api(U, 'PUT', '/api/v1/checkins/current', full, kim.token);
  assert.equal(r.status, 409);
  r = await api(U, 'GET', '/api/v1/summary', undefined, kim.token);
  assert.equal(r.status, 409);
});

test('summary: rules over weeks of history, with suggestions that link into duet', async () => {
  const [a, b] = await couple(U, 'Hal', 'Ida');
  const me = (await api(U, 'GET', '/api/v1/me', undefined, a.token)).json;
  const coupleId = me.couple.id;
  // trust falling three check-ins in a row for Hal; Ida steady
  seedCheckins(server.db, a.id, coupleId, [
    { ago: 3, closeness: 5, satisfaction: 4, trust: 5, safety: 5 },
    { ago: 2, closeness: 5, satisfaction: 4, trust: 4, safety: 5 },
    { ago: 1, closeness: 5, satisfaction: 4, trust: 3, safety: 5 },
  ]);
  seedCheckins(server.db, b.id, coupleId, [
    { ago: 2, closeness: 5, satisfaction: 5, trust: 5, safety: 5 },
    { ago: 1, closeness: 5, satisfaction: 5, trust: 5, safety: 5 },
  ]);
  let r = await api(U, 'GET', '/api/v1/summary', undefined, b.token);
  assert.equal(r.status, 200, r.text);
  const f = r.json.findings.find((x) => x.rule === 'trust_falling');
  assert.ok(f, JSON.stringify(r.json));
  assert.equal(f.about, 'partner', 'from Ida\'s side, Hal is the partner');
  assert.match(f.text, /Hal's trust went from 5 to 4 to 3/);
  assert.equal(f.suggestion.area, 'repair');
  assert.equal(f.suggestion.href, '/repairs');
  assert.equal(f.counselling, false);
  r = await api(U, 'GET', '/api/v1/summary', undefined, a.token);
  assert.equal(r.json.findings.find((x) => x.rule === 'trust_falling').about, 'me');

  r = await api(U, 'GET', '/api/v1/checkins?weeks=2', undefined, a.token);
  assert.equal(r.json.mine.checkins.length, 1, 'only last week and this week');
  r = await api(U, 'GET', '/api/v1/checkins?weeks=4', undefined, a.token);
  assert.equal(r.json.mine.checkins.length, 3);
  assert.equal(r.json.partner.checkins.length, 2);
  assert.ok(r.json.mine.checkins.every((c) => c.current === false));
});

test('summary: both low on trust or safety three times suggests counselling', async () => {
  const [a, b] = await couple(U, 'Jo', 'Lu');
  const coupleId = (await api(U, 'GET', '/api/v1/me', undefined, a.token)).json.couple.id;
  for (const p of [a, b])
    seedCheckins(server.db, p.id, coupleId, [3, 2, 1].map((ago) => ({ ago, closeness: 3, satisfaction: 2, trust: 2, safety: 1 })));
  const r = await api(U, 'GET', '/api/v1/summary', undefined, a.token);
  const f = r.json.findings.find((x) => x.rule === 'counselling');
  assert.ok(f, JSON.stringify(r.json));
  assert.equal(f.counselling, true);
  assert.equal(f.suggestion.href, '/resources');
  assert.equal(f.about, 'both');
});

test('check-ins: after a change to a longer rhythm, this period\'s check-in is changed, not doubled', async () => {
  const [a] = await couple(U, 'Max', 'Nia');
  const coupleId = (await api(U, 'GET', '/api/v1/me', undefined, a.token)).json.couple.id;
  seedCheckins(server.db, a.id, coupleId, [5, 6, 7].map((ago) => ({ ago, closeness: 4, trust: 4 })));
  let r = await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 5, trust: 5 }, a.token);
  assert.equal(r.status, 200);
  r = await api(U, 'PUT', '/api/v1/checkins/rhythm', { rhythm: 'monthly' }, a.token);
  assert.equal(r.status, 200);
  r = await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 6, trust: 6 }, a.token);
  assert.equal(r.status, 200);
  assert.equal(r.json.period.rhythm, 'monthly');
  r = await api(U, 'GET', '/api/v1/checkins?weeks=4', undefined, a.token);
  const current = r.json.mine.checkins.filter((c) => c.current);
  assert.equal(current.length, 1, JSON.stringify(r.json.mine.checkins));
  assert.equal(current[0].closeness, 6);
  r = await api(U, 'GET', '/api/v1/summary', undefined, a.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.based_on.weeks, 32);
});
