// Ownership: the export (GET /api/v1/export) and account deletion
// (DELETE /api/v1/account). The deletion test writes a marker into every text a
// person can write, deletes the account, stops the server and reads the raw
// bytes of duet.db and duet.db-wal (SQLite only): the marker must be gone.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startServer, api, couple, Client, usingPostgres } from '../lib/server.mjs';

const M = 'zqxmark'; // in every text the leaving person writes

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };

// a writes something everywhere; b writes a little too. Returns ids used.
async function writeEverything(U, a, b, tag) {
  const cur = ok(await api(U, 'GET', '/api/v1/prompts/current', undefined, a.token)).prompt.id;
  ok(await api(U, 'PUT', `/api/v1/prompts/${cur}/answer`, { text: `${tag} answer of mine` }, a.token));
  ok(await api(U, 'PUT', `/api/v1/prompts/${cur}/answer`, { text: 'Ben answered the current one' }, b.token));
  ok(await api(U, 'POST', `/api/v1/prompts/${cur}/additions`, { text: `${tag} addition` }, a.token), 201);
  const own = ok(await api(U, 'POST', '/api/v1/prompts', { text: `${tag} own prompt?`, level: 1 }, a.token), 201).prompt.id;
  ok(await api(U, 'PUT', `/api/v1/prompts/${own}/answer`, { text: 'Ben secret unrevealed answer' }, b.token));
  const d = ok(await api(U, 'POST', '/api/v1/dreams', { title: `${tag} dream title`, text: `${tag} dream text`, kind: 'dream' }, a.token), 201).dream.id;
  const bd = ok(await api(U, 'POST', '/api/v1/dreams', { title: 'Ben dream', kind: 'idea' }, b.token), 201).dream.id;
  ok(await api(U, 'POST', `/api/v1/dreams/${bd}/replies`, { text: `${tag} reply to Ben` }, a.token), 201);
  ok(await api(U, 'POST', `/api/v1/dreams/${d}/replies`, { text: 'Ben reply to the dream' }, b.token), 201);
  ok(await api(U, 'POST', '/api/v1/agreements', { text: `${tag} agreement` }, a.token), 201);
  ok(await api(U, 'POST', '/api/v1/agreements', { text: 'Ben agreement' }, b.token), 201);
  ok(await api(U, 'POST', '/api/v1/negotiations', { topic: `${tag} topic`, items: [`${tag} item`, 'other'] }, a.token), 201);
  const n = ok(await api(U, 'POST', '/api/v1/negotiations', { topic: 'Ben topic', items: ['dishes'] }, b.token), 201).negotiation.id;
  ok(await api(U, 'POST', `/api/v1/negotiations/${n}/items`, { name: `${tag} added` }, a.token), 201);
  ok(await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 5, trust: 4, appreciation: `${tag} thanks` }, a.token));
  ok(await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 3, appreciation: 'Ben private thanks' }, b.token));
  const item = ok(await api(U, 'POST', '/api/v1/differences/items', { category: 'interests', text: `${tag} own item` }, a.token), 201).item.id;
  ok(await api(U, 'PUT', `/api/v1/differences/items/${item}/rating`, { rating: 2, important: true }, a.token));
  ok(await api(U, 'PUT', `/api/v1/differences/items/${item}/rating`, { rating: 1 }, b.token));
  ok(await api(U, 'PUT', '/api/v1/differences/items/long-walks/rating', { rating: -2 }, b.token));
  ok(await api(U, 'POST', '/api/v1/journal', { text: `${tag} journal entry`, impact: `${tag} impact` }, a.token), 201);
  ok(await api(U, 'POST', '/api/v1/journal', { text: 'Ben journal never shared' }, b.token), 201);
  const rp = ok(await api(U, 'POST', '/api/v1/repairs', { title: `${tag} repair title` }, a.token), 201).repair.id;
  ok(await api(U, 'PUT', `/api/v1/repairs/${rp}/reflection`, { feelings: [`${tag} hurt`], reality: `${tag} reality` }, a.token));
  const brp = ok(await api(U, 'POST', '/api/v1/repairs', { title: 'Ben repair' }, b.token), 201).repair.id;
  ok(await api(U, 'PUT', `/api/v1/repairs/${brp}/reflection`, { feelings: ['sad'], reality: 'Ben reality unrevealed' }, b.token));
  return { cur, own, item };
}

test('the export holds what is mine and what I can see, never the partner\'s unrevealed words', async () => {
  const s = await startServer();
  const U = s.url;
  try {
    const [a, b] = await couple(U, 'Ana', 'Ben');
    await writeEverything(U, a, b, 'Anatext');
    const r = await api(U, 'GET', '/api/v1/export', undefined, a.token);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.match(r.headers.get('content-disposition'), /^attachment; filename="duet-export-\d{4}-\d\d-\d\d\.json"$/);
    const doc = JSON.parse(r.text);
    assert.equal(doc.format, 'duet-export');
    assert.equal(doc.version, 1);
    assert.equal(doc.account.login, a.login);
    assert.equal(doc.account.name, 'Ana');
    assert.equal(doc.couple.partner_name, 'Ben');
    const texts = (list) => list.map((x) => x.text);
    assert.ok(texts(doc.answers).includes('Anatext answer of mine'));
    assert.ok(texts(doc.answers).includes('Ben answered the current one'), 'revealed partner answer');
    assert.ok(!r.text.includes('Ben secret unrevealed answer'), 'unrevealed partner answer leaked');
    assert.ok(!r.text.includes('Ben private thanks'), 'partner appreciation leaked');
    assert.ok(doc.journal.some((j) => j.text === 'Anatext journal entry' && j.impact === 'Anatext impact'), 'journal decrypted');
    assert.ok(!r.text.includes('Ben journal'), 'partner journal leaked');
    assert.ok(!r.text.includes('Ben reality unrevealed'), 'unrevealed reflection leaked');
    assert.ok(doc.repair_reflections.some((x) => x.by === 'me' && x.reality === 'Anatext reality'));
    assert.ok(doc.repairs.some((x) => x.title === 'Ben repair' && x.by === 'partner'));
    assert.ok(doc.checkins.some((c) => c.by === 'partner' && c.closeness === 3));
    assert.ok(doc.checkins.some((c) => c.by === 'me' && c.appreciation === 'Anatext thanks'));
    assert.ok(doc.dreams.some((d) => d.by === 'partner' && d.title === 'Ben dream'));
    assert.ok(doc.agreements.some((g) => g.text === 'Ben agreement'));
    assert.ok(doc.own_prompts.some((p) => p.text === 'Anatext own prompt?' && p.by === 'me'));
    assert.ok(doc.negotiations.some((n) => n.topic === 'Anatext topic'));
    assert.ok(doc.ratings.some((x) => x.by === 'me' && x.rating === 2 && x.own_text === 'Anatext own item'));
    assert.ok(doc.ratings.some((x) => x.by === 'partner' && x.rating === 1), 'partner rating where both rated');
    assert.ok(!doc.ratings.some((x) => x.by === 'partner' && x.item === 'long-walks'), 'partner rating I did not rate leaked');
    // the page links to it
    const c = new Client(U);
    c.cookies.set('duet_session', a.token);
    const page = await c.get('/account');
    assert.match(page.text, /href="\/api\/v1\/export"/);
    // signed out: 401
    assert.equal((await api(U, 'GET', '/api/v1/export')).status, 401);
  } finally {
    await s.stop();
  }
});

test('deleting my account removes everything of mine, even from the database file', async () => {
  const s = await startServer();
  const U = s.url;
  let stopped = false;
  try {
    const [a, b] = await couple(U, 'Zqxmarkname', 'Ben');
    assert.ok(a.login.includes(M));
    await writeEverything(U, a, b, M);
    // the confirmation page says what goes and what stays
    const c = new Client(U);
    c.cookies.set('duet_session', a.token);
    const page = await c.get('/account/delete');
    assert.equal(page.status, 200);
    assert.match(page.text, /What goes/);
    assert.match(page.text, /What stays for Ben/);
    // a wrong passphrase deletes nothing
    let r = await api(U, 'DELETE', '/api/v1/account', { passphrase: 'not the passphrase' }, a.token);
    assert.equal(r.status, 401, r.text);
    r = await api(U, 'DELETE', '/api/v1/account', {}, a.token);
    assert.equal(r.status, 400, r.text);
    r = await api(U, 'DELETE', '/api/v1/account', { passphrase: a.passphrase }, a.token);
    assert.equal(r.status, 204, r.text);
    assert.equal((await api(U, 'GET', '/api/v1/me', undefined, a.token)).status, 401);
    // Ben keeps his own things; the space takes in no new partner
    const me = ok(await api(U, 'GET', '/api/v1/me', undefined, b.token));
    assert.ok(me.couple, JSON.stringify(me));
    r = await api(U, 'POST', '/api/v1/couple/invites', undefined, b.token);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, 'partner_left');
    const exp = await api(U, 'GET', '/api/v1/export', undefined, b.token);
    assert.equal(exp.status, 200, exp.text);
    assert.ok(!exp.text.toLowerCase().includes(M), 'the deleted person is still in the partner\'s export');
    const bdoc = JSON.parse(exp.text);
    assert.equal(bdoc.couple.partner_left, true);
    assert.ok(bdoc.dreams.some((d) => d.title === 'Ben dream'));
    assert.ok(bdoc.agreements.some((g) => g.text === 'Ben agreement'));
    assert.ok(bdoc.checkins.some((x) => x.appreciation === 'Ben private thanks'));
    const bc = new Client(U);
    bc.cookies.set('duet_session', b.token);
    assert.match((await bc.get('/couple')).text, /account was deleted/);
    // Ben can leave and start fresh
    assert.equal((await api(U, 'DELETE', '/api/v1/couple', undefined, b.token)).status, 204);
    assert.equal((await api(U, 'POST', '/api/v1/couple', undefined, b.token)).status, 201);
    const noMarker = () => {
      for (const f of [s.db, s.db + '-wal']) {
        if (!existsSync(f)) continue;
        const bytes = readFileSync(f).toString('latin1').toLowerCase();
        const at = bytes.indexOf(M);
        assert.ok(at < 0, `${f} still holds the deleted person's words at ${at}: ${JSON.stringify(bytes.slice(Math.max(0, at - 80), at + 40))}`);
      }
    };
    // while the server still runs (its log is live), and after it stopped
    if (!usingPostgres()) noMarker();
    await s.stop({ keep: true });
    stopped = true;
    if (!usingPostgres()) noMarker();
  } finally {
    if (!stopped) await s.stop();
  }
});
