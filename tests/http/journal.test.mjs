// HTTP tests of the private journal: the API for one person alone, that
// nobody else (the partner, another couple) can read, change or delete an
// entry (404), that neither the SQLite file nor its WAL holds an entry's text,
// and the pages: new, edit, delete after a confirmation, and starting an
// apology from an entry.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { startServer, api, signup, couple, Client, usingPostgres } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

test('journal: create, list, read, change and delete, alone before any partner', async () => {
  const a = await signup(U, 'Ana');
  let r = await api(U, 'POST', '/api/v1/journal', { text: 'I was cold to Ben all evening.', tags: ['distant', 'withdrew'], impact: 'He felt shut out.', own: 'I sulked instead of saying I was hurt.' }, a.token);
  assert.equal(r.status, 201, r.text);
  const e = r.json.entry;
  assert.ok(e.id > 0);
  assert.deepEqual(Object.keys(e), ['id', 'text', 'tags', 'impact', 'own', 'created_at', 'updated_at', 'version']);
  assert.equal(e.text, 'I was cold to Ben all evening.');
  assert.deepEqual(e.tags, ['distant', 'withdrew']);
  assert.equal(e.impact, 'He felt shut out.');
  assert.equal(e.own, 'I sulked instead of saying I was hurt.');

  r = await api(U, 'POST', '/api/v1/journal', { text: 'Only text' }, a.token);
  assert.equal(r.status, 201);
  assert.deepEqual(r.json.entry.tags, []);
  assert.equal(r.json.entry.impact, '');
  const second = r.json.entry.id;

  r = await api(U, 'GET', '/api/v1/journal', undefined, a.token);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.entries.map((x) => x.id), [second, e.id]);

  r = await api(U, 'PUT', `/api/v1/journal/${e.id}`, { text: 'Changed', tags: ['mean', 'other', 'mean'], impact: '', own: 'All of it' }, a.token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.entry.text, 'Changed');
  assert.deepEqual(r.json.entry.tags, ['mean', 'other']);
  assert.equal(r.json.entry.created_at, e.created_at);
  r = await api(U, 'GET', `/api/v1/journal/${e.id}`, undefined, a.token);
  assert.equal(r.json.entry.own, 'All of it');

  assert.equal((await api(U, 'DELETE', `/api/v1/journal/${e.id}`, undefined, a.token)).status, 204);
  assert.equal((await api(U, 'GET', `/api/v1/journal/${e.id}`, undefined, a.token)).status, 404);
  assert.equal((await api(U, 'DELETE', `/api/v1/journal/${e.id}`, undefined, a.token)).status, 404);
  assert.equal((await api(U, 'GET', '/api/v1/journal', undefined, a.token)).json.entries.length, 1);
  assert.equal((await api(U, 'GET', '/api/v1/journal')).status, 401);
});

test('journal: bad input is refused clearly and nothing is written', async () => {
  const a = await signup(U, 'Cy');
  for (const [body, msg] of [
    [{}, /entry/],
    [{ text: '  ' }, /entry/],
    [{ text: 'x'.repeat(8001) }, /too long/],
    [{ text: 'ok', tags: ['grumpy'] }, /hostile, distant, defensive, mean, withdrew, grateful, worried, later or other/],
    [{ text: 'ok', tags: 'mean' }, /list/],
    [{ text: 'ok', impact: 'x'.repeat(4001) }, /too long/],
    [{ text: 'ok', own: 7 }, /text/],
  ]) {
    const r = await api(U, 'POST', '/api/v1/journal', body, a.token);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 60));
    assert.match(r.json.error.message, msg);
  }
  assert.equal((await api(U, 'GET', '/api/v1/journal', undefined, a.token)).json.entries.length, 0);
  assert.equal((await api(U, 'GET', '/api/v1/journal/abc', undefined, a.token)).status, 404);
  assert.equal((await api(U, 'PUT', '/api/v1/journal/99999', { text: 'x' }, a.token)).status, 404);
});

test('journal: the partner and everyone else get 404, and change nothing', async () => {
  const [a, b] = await couple(U, 'Dee', 'Eli');
  const [c] = await couple(U, 'Fay', 'Gil');
  const alone = await signup(U, 'Hap');
  const r = await api(U, 'POST', '/api/v1/journal', { text: 'PRIVATE-dee', tags: ['hostile'], impact: 'PRIVATE-impact', own: 'PRIVATE-own' }, a.token);
  const id = r.json.entry.id;
  for (const other of [b, c, alone]) {
    for (const [m, body] of [['GET'], ['PUT', { text: 'overwritten' }], ['DELETE']]) {
      const o = await api(U, m, `/api/v1/journal/${id}`, body, other.token);
      assert.equal(o.status, 404, `${m} by someone else`);
      assert.ok(!o.text.includes('PRIVATE'), o.text);
    }
    const l = await api(U, 'GET', '/api/v1/journal', undefined, other.token);
    assert.deepEqual(l.json.entries, []);
  }
  const mine = await api(U, 'GET', `/api/v1/journal/${id}`, undefined, a.token);
  assert.equal(mine.json.entry.text, 'PRIVATE-dee');
  // the partner's pages do not show it either
  const bc = new Client(U);
  bc.cookies.set('duet_session', b.token);
  for (const p of [`/journal/${id}`, `/journal/${id}/delete`]) {
    const page = await bc.get(p);
    assert.equal(page.status, 404, p);
    assert.ok(!page.text.includes('PRIVATE'));
  }
  const list = await bc.get('/journal');
  assert.ok(!list.text.includes('PRIVATE'));
});

test('journal: neither the database file nor its WAL holds an entry in the clear', { skip: usingPostgres() && 'PostgreSQL: no SQLite file' }, async () => {
  const [a] = await couple(U, 'Ivo', 'Jan');
  const marks = { text: 'ZQX-TEXT-7f3a91', impact: 'ZQX-IMPACT-7f3a91', own: 'ZQX-OWN-7f3a91' };
  for (let i = 0; i < 3; i++) {
    const r = await api(U, 'POST', '/api/v1/journal', { text: `${marks.text} ${i}`, tags: ['mean'], impact: marks.impact, own: marks.own }, a.token);
    assert.equal(r.status, 201);
  }
  const id = (await api(U, 'GET', '/api/v1/journal', undefined, a.token)).json.entries[0].id;
  await api(U, 'PUT', `/api/v1/journal/${id}`, { text: `${marks.text} changed`, impact: marks.impact, own: marks.own }, a.token);
  // shared content, for contrast: the check can see plain text when it is there
  const shared = 'ZQX-SHARED-TITLE-7f3a91';
  assert.equal((await api(U, 'POST', '/api/v1/repairs', { title: shared }, a.token)).status, 201);

  const files = [server.db, server.db + '-wal'].filter((f) => existsSync(f));
  assert.ok(files.length >= 1);
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  for (const m of ['ZQX-TEXT', 'ZQX-IMPACT', 'ZQX-OWN']) {
    assert.equal(bytes.indexOf(m), -1, `${m} found in ${files.join(', ')}`);
  }
  assert.notEqual(bytes.indexOf(shared), -1, 'the shared title should be readable in the file (sanity check)');
});

test('journal pages: new, change, delete after saying what happens', async () => {
  const c = new Client(U);
  let p = await c.get('/signup');
  p = await c.post('/signup', { csrf: Client.csrf(p.text), name: 'Kim', login: `kim${process.pid}`, passphrase: 'a long enough passphrase' });
  p = await c.get('/');
  assert.match(p.text, /On your own for now/, 'the home page points someone alone to the journal');
  assert.match(p.text, /href="\/journal"/);
  p = await c.get('/journal');
  assert.equal(p.status, 200);
  assert.match(p.text, /Nothing here yet/);
  assert.match(p.text, /not your partner, not a counsellor, not whoever runs this server/);
  p = await c.get('/journal/new');
  const csrf = Client.csrf(p.text);
  // a mistake comes back on the form, with what was typed
  p = await c.post('/journal', { csrf, text: '', impact: 'kept <impact>', tags: 'mean' });
  assert.equal(p.status, 400);
  assert.match(p.text, /Please fill in the entry/);
  assert.match(p.text, /kept &lt;impact&gt;/);
  assert.match(p.text, /value="mean" checked/);
  const body = new URLSearchParams({ csrf, text: 'Snapped at <Lee>', impact: 'Lee went quiet', own: 'My tone' });
  body.append('tags', 'mean');
  body.append('tags', 'defensive');
  p = await c.post('/journal', body);
  assert.equal(p.status, 303);
  const loc = p.res.headers.get('location');
  assert.match(loc, /^\/journal\/\d+\?saved=1$/);
  const id = loc.match(/\d+/)[0];
  p = await c.get(loc);
  assert.match(p.text, /Saved\./);
  assert.match(p.text, /Snapped at &lt;Lee&gt;/);
  assert.match(p.text, /value="mean" checked/);
  assert.match(p.text, /value="defensive" checked/);
  assert.doesNotMatch(p.text, /Start an apology/, 'no partner yet: no repairs to offer');
  p = await c.post(`/journal/${id}`, { csrf, text: 'Snapped, then said sorry', impact: '', own: '' });
  assert.equal(p.status, 303);
  p = await c.get('/journal');
  assert.match(p.text, /Snapped, then said sorry/);
  p = await c.get(`/journal/${id}/delete`);
  assert.match(p.text, /gone for good/);
  assert.match(p.text, /No, keep it/);
  p = await c.post(`/journal/${id}/delete`, { csrf });
  assert.equal(p.status, 303);
  assert.equal(p.res.headers.get('location'), '/journal');
  assert.equal((await c.get(`/journal/${id}`)).status, 404);
});

test('journal: an entry starts an apology in an open repair, and nothing is shared until saved', async () => {
  const [a, b] = await couple(U, 'Lou', 'Max');
  const e = (await api(U, 'POST', '/api/v1/journal', { text: 'raw text', impact: 'Max felt alone at the party.', own: 'I left without a word.' }, a.token)).json.entry;
  const ac = new Client(U);
  ac.cookies.set('duet_session', a.token);
  const rid = (await api(U, 'POST', '/api/v1/repairs', { title: 'The party' }, a.token)).json.repair.id;
  let p = await ac.get(`/journal/${e.id}`);
  assert.match(p.text, /When a repair reaches its apology step/);
  for (const who of [a, b]) await api(U, 'PUT', `/api/v1/repairs/${rid}/reflection`, { feelings: ['sad'], reality: 'r' }, who.token);
  p = await ac.get(`/journal/${e.id}`);
  assert.match(p.text, /Start an apology from this/);
  assert.match(p.text, new RegExp(`<option value="${rid}">The party</option>`));
  p = await ac.get(`/journal/${e.id}/apology?repair=${rid}`);
  assert.equal(p.status, 200);
  assert.match(p.text, /I left without a word\.\n\nMax felt alone at the party\.<\/textarea>/);
  assert.match(p.text, /Nothing is shared until you save it here/);
  assert.match(p.text, /What the coach notices/);
  assert.match(p.text, /action="\/repairs\/\d+\/apology"/);
  let r = await api(U, 'GET', `/api/v1/repairs/${rid}`, undefined, a.token);
  assert.equal(r.json.repair.me.apology.written, false);
  r = await api(U, 'GET', `/api/v1/repairs/${rid}`, undefined, b.token);
  assert.ok(!r.text.includes('left without'));
  // another person's entry, or a repair not theirs, is not found
  const [c] = await couple(U, 'Ned', 'Oli');
  const cc = new Client(U);
  cc.cookies.set('duet_session', c.token);
  assert.equal((await cc.get(`/journal/${e.id}/apology?repair=${rid}`)).status, 404);
  assert.equal((await ac.get(`/journal/${e.id}/apology?repair=999999`)).status, 404);
  assert.equal((await ac.get(`/journal/${e.id}/apology`)).status, 400);
});
