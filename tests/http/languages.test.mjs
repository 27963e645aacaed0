// HTTP tests of duet in German and Spanish: the catalogues are complete and
// well formed, a person's language (PATCH /api/v1/me, the Account page,
// Accept-Language before sign-in), <html lang>, Content-Language and Vary,
// errors, dates and plurals in the person's language, and pages that show no
// English outside what people wrote.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, api, couple, signup, Client } from '../lib/server.mjs';
import { makePot } from '../../scripts/po.mjs';

// (import.meta.dirname is Node 20's; Debian 12 has Node 18)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LANGS = ['de', 'es'];

// msgid -> { fuzzy, translated } of a .po or .pot file.
function entries(file) {
  const out = new Map();
  for (const block of readFileSync(file, 'utf8').split(/\n\n/)) {
    const str = (k) => {
      const m = new RegExp('^' + k + ' ((?:".*"\\n?)+)', 'm').exec(block + '\n');
      return m ? m[1].split('\n').filter(Boolean).map((l) => JSON.parse(l)).join('') : null;
    };
    const id = str('msgid');
    if (id === null || id === '' || /^#~/m.test(block)) continue;
    const strs = [str('msgstr'), str('msgstr\\[0\\]'), str('msgstr\\[1\\]')].filter((s) => s !== null);
    out.set(id, { fuzzy: /^#,.*fuzzy/m.test(block), translated: strs.length > 0 && strs.every((s) => s !== '') });
  }
  return out;
}

test('every string duet shows has a translation in every catalogue, none fuzzy', () => {
  // A fresh template from the source, so a string added without `make po` counts too.
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-pot-'));
  const pot = path.join(dir, 'duet.pot');
  makePot(pot);
  const want = entries(pot);
  assert.ok(want.size > 900, `only ${want.size} strings extracted`);
  for (const lang of LANGS) {
    const have = entries(path.join(root, 'po', `${lang}.po`));
    const missing = [...want.keys()].filter((id) => !have.get(id)?.translated);
    const fuzzy = [...have].filter(([, e]) => e.fuzzy).map(([id]) => id);
    assert.deepEqual(missing.slice(0, 10), [], `${lang}.po lacks ${missing.length} of ${want.size} strings (run make po, then translate)`);
    assert.deepEqual(fuzzy.slice(0, 10), [], `${lang}.po has fuzzy entries`);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('msgfmt -c --check-format accepts every catalogue', () => {
  for (const lang of LANGS)
    execFileSync('msgfmt', ['-c', '--check-format', '-o', '/dev/null', path.join(root, 'po', `${lang}.po`)]);
});

const server = await startServer();
const U = server.url;
test.after(() => server.stop());
const bearer = (who, lang) => ({ authorization: 'Bearer ' + who.token, ...(lang ? { 'accept-language': lang } : {}) });

test('before sign-in, pages follow Accept-Language, with lang, Content-Language and Vary', async () => {
  const cases = [['de-DE,de;q=0.9,en;q=0.5', 'de', 'Ein ruhiger Ort für euch zwei'],
    ['fr;q=1, es;q=0.8', 'es', 'Un lugar tranquilo para los dos'],
    ['fr', 'en', 'A quiet place for the two of you'],
    ['de;q=0, en', 'en', 'A quiet place for the two of you']];
  for (const [accept, lang, words] of cases) {
    const res = await fetch(U + '/', { headers: { 'accept-language': accept } });
    const html = await res.text();
    assert.match(html, new RegExp(`<html lang="${lang}">`), accept);
    assert.ok(html.includes(words), `${accept}: ${html.slice(0, 600)}`);
    assert.equal(res.headers.get('content-language'), lang);
    assert.match(res.headers.get('vary') || '', /Accept-Language/);
  }
});

test('PATCH /api/v1/me sets the language; unknown ones are refused in the reader\'s language', async () => {
  const a = await signup(U, 'Greta');
  let r = await api(U, 'GET', '/api/v1/me', undefined, a.token, { 'accept-language': 'es' });
  assert.equal(r.json.language, 'es');
  assert.equal(r.json.language_chosen, false);
  r = await api(U, 'PATCH', '/api/v1/me', { language: 'de' }, a.token, { 'accept-language': 'es' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.language, 'de');
  assert.equal(r.json.language_chosen, true);
  // The choice beats the browser from now on.
  r = await api(U, 'GET', '/api/v1/me', undefined, a.token, { 'accept-language': 'es' });
  assert.equal(r.json.language, 'de');
  for (const bad of ['fr', 'DE', 'de-AT', '', 7, true, ['de']]) {
    r = await api(U, 'PATCH', '/api/v1/me', { language: bad }, a.token);
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.match(r.json.error.message, /duet spricht Englisch/, 'the error is German, as Greta chose');
  }
  r = await api(U, 'POST', '/api/v1/dreams/999999/replies', { text: 'x' }, a.token);
  assert.ok(r.json?.error?.message && !/ the /.test(r.json.error.message), r.text);
  r = await api(U, 'PATCH', '/api/v1/me', { language: null }, a.token, { 'accept-language': 'en' });
  assert.equal(r.json.language, 'en');
  assert.equal(r.json.language_chosen, false);
  r = await api(U, 'PATCH', '/api/v1/me', {}, a.token);
  assert.equal(r.status, 400);
});

test('the Account page offers the choice and saves it; the page then speaks it', async () => {
  const a = await signup(U, 'Sofia');
  const c = new Client(U);
  let g = await c.get('/account', bearer(a, 'en'));
  assert.match(g.text, /<span lang="es">Español<\/span>/);
  const csrf = Client.csrf(g.text);
  const p = await c.post('/account/language', { csrf, language: 'es' }, bearer(a, 'en'));
  assert.equal(p.status, 200, p.text);
  assert.match(p.text, /<html lang="es">/);
  assert.ok(p.text.includes('Se guardó tu idioma.'), p.text.slice(0, 2000));
  g = await c.get('/account', bearer(a, 'de'));
  assert.match(g.text, /<html lang="es">/);
  assert.match(g.text, /value="es" checked/);
  const bad = await c.post('/account/language', { csrf, language: 'xx' }, bearer(a));
  assert.equal(bad.status, 400);
});

// Words that give away English on a page. Checked on the text outside tags,
// with what people wrote (names, their entries) removed.
const ENGLISH = /\b(the|and|your|you|with|what|this|that|here|there|for|from|please|nothing|yet|each|both|other|have|sign|save|back|home|write|add|when|who|how|our|not)\b/i;

function visibleText(html, names) {
  let t = html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<cite>[\s\S]*?<\/cite>/g, ' ').replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
  for (const n of names) t = t.split(n).join(' ');
  return t.replace(/\s+/g, ' ');
}

// Pages of `pages` that someone (`headers`) does not get with 200, or that show
// English outside `names`; each as a line saying where. `check(p, html)` may
// assert more of each page.
async function englishOn(c, headers, pages, names, check = () => {}) {
  const found = [];
  for (const p of pages) {
    const g = await c.get(p, headers);
    if (g.status !== 200) { found.push(`${p}: status ${g.status}`); continue; }
    check(p, g.text);
    const text = visibleText(g.text, names);
    const m = ENGLISH.exec(text);
    if (m) found.push(`${p}: "${text.slice(Math.max(0, m.index - 60), m.index + 60)}"`);
  }
  return found;
}

const PAGES = ['/', '/know', '/know/browse', '/know/decks', '/dreams', '/dreams/new', '/differences',
  '/differences/map', '/repairs', '/repairs/new', '/negotiations', '/negotiations/new', '/checkin', '/trends',
  '/account', '/journal', '/journal/new', '/coach', '/resources', '/safety', '/couple', '/agreements',
  '/together', '/conversations', '/counsellor', '/reminders'];

for (const lang of LANGS) {
  test(`a couple in ${lang} sees no English on any page`, async () => {
    const [a, b] = await couple(U, 'Lena', 'Tomas');
    for (const who of [a, b])
      assert.equal((await api(U, 'PATCH', '/api/v1/me', { language: lang }, who.token)).status, 200);
    const c = new Client(U);
    const found = [];
    // Book authors are names too.
    found.push(...await englishOn(c, bearer(a), PAGES, ['Lena', 'Tomas', 'duet', 'John Gottman and Nan Silver'],
      (p, html) => assert.match(html, new RegExp(`<html lang="${lang}">`), p)));
    // Pages with something on them: a question, a rating page, a dream, a
    // repair and a negotiation (what they are called is removed like names).
    const own = ['Meer', 'Streit', 'Urlaub', 'Berge', 'Stadt'];
    const cur = await api(U, 'GET', '/api/v1/prompts/current', undefined, a.token);
    const dream = await api(U, 'POST', '/api/v1/dreams', { title: 'Meer', kind: 'dream' }, a.token);
    const rep = await api(U, 'POST', '/api/v1/repairs', { title: 'Streit' }, a.token);
    const neg = await api(U, 'POST', '/api/v1/negotiations', { topic: 'Urlaub', kind: 'choice', items: ['Berge', 'Stadt'] }, a.token);
    for (const r of [dream, rep, neg]) assert.equal(r.status, 201, r.text);
    const filled = [`/know/prompts/${cur.json.prompt.id}`, '/differences/rate/interests', `/dreams/${dream.json.dream.id}`,
      `/dreams/${dream.json.dream.id}/delete`, `/repairs/${rep.json.repair.id}`, `/negotiations/${neg.json.negotiation.id}`, '/dreams', '/repairs', '/negotiations'];
    // The prompt's own text is the deck's, translated elsewhere (checked below).
    found.push(...await englishOn(c, bearer(a), filled, ['Lena', 'Tomas', 'duet', ...own]));
    assert.deepEqual(found, []);
  });
}

test('dates and plurals follow the language', async () => {
  const [a] = await couple(U, 'Marta', 'Jonas');
  await api(U, 'PATCH', '/api/v1/me', { language: 'es' }, a.token);
  const r = await api(U, 'POST', '/api/v1/dreams', { kind: 'dream', title: 'Un viaje' }, a.token);
  assert.equal(r.status, 201, r.text);
  const c = new Client(U);
  const g = await c.get(`/dreams/${r.json.dream?.id ?? r.json.id}`, bearer(a));
  const months = /\b(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b/;
  assert.match(g.text, months, g.text.slice(0, 3000));
  await api(U, 'PATCH', '/api/v1/me', { language: 'de' }, a.token);
  const d = await c.get(`/dreams/${r.json.dream?.id ?? r.json.id}`, bearer(a));
  assert.match(d.text, /\b(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b/);
});

test('each partner reads the same prompt in their own language; every deck prompt is translated', async () => {
  const [a, b] = await couple(U, 'Uwe', 'Pilar');
  await api(U, 'PATCH', '/api/v1/me', { language: 'de' }, a.token);
  await api(U, 'PATCH', '/api/v1/me', { language: 'es' }, b.token);
  const c = new Client(U);
  const de = await c.get('/know/prompts/us-1-01', bearer(a));
  const es = await c.get('/know/prompts/us-1-01', bearer(b));
  assert.ok(de.text.includes('Was war dein erster Eindruck von mir?'), de.text.slice(0, 1500));
  assert.ok(es.text.includes('¿Cuál fue tu primera impresión de mí?'), es.text.slice(0, 1500));
  // Coverage: the same ids, levels and topics as the English decks, none missing.
  const read = (dir) => {
    const m = new Map();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.deck')))
      for (const l of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        const x = /^([a-z][a-z0-9-]*) \| (\d) \| ([a-z]+) \| (.+)$/.exec(l);
        if (x) m.set(x[1], `${x[2]}|${x[3]}`);
      }
    return m;
  };
  const en = read(path.join(root, 'data', 'decks'));
  for (const lang of LANGS) {
    const t = read(path.join(root, 'data', lang, 'decks'));
    const missing = [...en.keys()].filter((id) => !t.has(id));
    const moved = [...t].filter(([id, lt]) => en.get(id) !== lt).map(([id]) => id);
    assert.deepEqual(missing, [], `${lang}: ${t.size} of ${en.size} prompts translated`);
    assert.deepEqual(moved, [], `${lang}: prompts with another level or topic than English`);
  }
});

test('news on the home page is written in the reader\'s language', async () => {
  const server = await startServer();
  const U = server.url;
  const [a, b] = await couple(U, 'Anastasia', 'Benedikt');
  let r = await api(U, 'PATCH', '/api/v1/me', { language: 'de' }, b.token);
  assert.equal(r.status, 200, r.text);
  r = await api(U, 'POST', '/api/v1/dreams', { title: 'Segeln lernen', kind: 'dream' }, a.token);
  assert.equal(r.status, 201, r.text);
  const home = await fetch(U + '/', { headers: { cookie: 'duet_session=' + b.token } });
  const html = await home.text();
  assert.match(html, /Anastasia hat „Segeln lernen“ auf den Traum-Tisch gelegt/);
  assert.match(html, /<p>Willkommen, Benedikt\.<\/p>/, 'the greeting too');
  const again = await (await fetch(U + '/', { headers: { cookie: 'duet_session=' + b.token } })).text();
  assert.match(again, /<p>Willkommen zurück, Benedikt\.<\/p>/);
  assert.doesNotMatch(html, /on the dream table/);
  await server.stop();
});

// Pages as they look once a couple has used them: marked agreements, both
// check-ins, a conversation under way, a dream with a reply, a journal entry;
// read by both partners (what is "yours" on one phone is the partner's on the other).
for (const lang of LANGS) {
  test(`a couple in ${lang} who have used duet for a while still sees no English`, async () => {
    const [a, b] = await couple(U, 'Lena', 'Tomas');
    for (const who of [a, b])
      assert.equal((await api(U, 'PATCH', '/api/v1/me', { language: lang }, who.token)).status, 200);
    const ag = await api(U, 'POST', '/api/v1/agreements', { text: 'Meer' }, a.token);
    assert.equal(ag.status, 201, ag.text);
    assert.equal((await api(U, 'PATCH', `/api/v1/agreements/${ag.json.agreement.id}`, { status: 'kept' }, a.token)).status, 200);
    await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 4, satisfaction: 3, trust: 3, safety: 4, appreciation: 'Meer' }, a.token);
    await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 5, satisfaction: 3, trust: 3, safety: 4 }, b.token);
    const conv = await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly', topic: 'Meer' }, a.token);
    assert.equal(conv.status, 201, conv.text);
    const d = await api(U, 'POST', '/api/v1/dreams', { title: 'Meer', kind: 'dream' }, b.token);
    assert.equal((await api(U, 'POST', `/api/v1/dreams/${d.json.dream.id}/replies`, { text: 'Meer' }, a.token)).status, 201);
    const pages = ['/', '/agreements', '/trends', '/checkin', `/conversations/${conv.json.conversation.id}`, '/conversations',
      `/dreams/${d.json.dream.id}`, '/journal', '/know', '/differences/map'];
    const c = new Client(U);
    const found = [];
    for (const who of [a, b]) found.push(...await englishOn(c, bearer(who), pages, ['Lena', 'Tomas', 'duet', 'Meer']));
    assert.deepEqual(found, []);
  });
}
