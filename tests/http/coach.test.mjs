// HTTP tests of the message coach: POST /api/v1/coach returns the same object
// as `duet coach`, refuses what the CLI refuses with a clear 400, works for one
// partner alone, and the /coach page marks the findings in the escaped text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer, api, signup, couple, Client } from '../lib/server.mjs';

const server = await startServer();
const U = server.url;
test.after(() => server.stop());

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const bin = process.env.DUET_BIN || path.join(root, 'build', 'asan', 'duet');

function cli(text) {
  const r = spawnSync(bin, ['coach'], { input: Buffer.from(text, 'utf8'), env: { ...process.env, DUET_DATA: path.join(root, 'data') } });
  assert.equal(r.status, 0, r.stderr.toString());
  return JSON.parse(r.stdout.toString('utf8'));
}

test('coach: the same object as `duet coach`, for one partner alone', async () => {
  const alone = await signup(U, 'Ana');
  const texts = [
    'You always leave me waiting. I\'m sorry if you felt hurt, but it was your fault.',
    'I was wrong to shout at you, and I\'m sorry. I know it hurt you. Next time I will take a break. Can you forgive me?',
    'Café first — then “quiet”. Well, you’re so selfish, you never listen.',
    'I felt lonely when you were late. Could we plan the evening together?',
    'Forget it. I\'m done talking.',
  ];
  for (const text of texts) {
    const r = await api(U, 'POST', '/api/v1/coach', { text }, alone.token);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, cli(text), text);
    assert.deepEqual(Object.keys(r.json), ['findings', 'apology']);
    for (const f of r.json.findings) {
      assert.deepEqual(Object.keys(f), ['kind', 'start', 'end', 'excerpt', 'advice', 'rewrite']);
      assert.equal(Buffer.from(text, 'utf8').subarray(f.start, f.end).toString('utf8'), f.excerpt);
    }
  }
  // a plain statement about oneself gets nothing
  const plain = await api(U, 'POST', '/api/v1/coach', { text: texts[3] }, alone.token);
  assert.deepEqual(plain.json.findings, []);
});

test('coach: 400 with a clear message for too long, invalid UTF-8 and bad input; 401 signed out', async () => {
  const [a] = await couple(U, 'Cy', 'Di');
  // 16 KiB in bytes, even when fewer characters: 6000 three-byte characters
  let r = await api(U, 'POST', '/api/v1/coach', { text: '—'.repeat(6000) }, a.token);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'too_long');
  assert.match(r.json.error.message, /16 KiB/);
  r = await api(U, 'POST', '/api/v1/coach', { text: 'a'.repeat(16384) }, a.token);
  assert.equal(r.status, 200);
  r = await api(U, 'POST', '/api/v1/coach', { text: 'a'.repeat(16385) }, a.token);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /too long/);
  // raw bytes that are not UTF-8
  r = await api(U, 'POST', '/api/v1/coach', Buffer.concat([Buffer.from('{"text":"you always '), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), a.token);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /not valid UTF-8/);
  // an escaped lone surrogate is not text either
  r = await api(U, 'POST', '/api/v1/coach', '{"text":"\\ud800 you never"}', a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/coach', { text: 'a\u0000b' }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/coach', {}, a.token);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /message/);
  r = await api(U, 'POST', '/api/v1/coach', { text: 42 }, a.token);
  assert.equal(r.status, 400);
  r = await api(U, 'POST', '/api/v1/coach', { text: 'You never listen.' });
  assert.equal(r.status, 401);
});

test('coach page: findings marked in the escaped text, advice and apology parts', async () => {
  const c = new Client(U);
  let p = await c.get('/signup');
  p = await c.post('/signup', { csrf: Client.csrf(p.text), name: 'Eve', login: `eve${process.pid}`, passphrase: 'a long enough passphrase' });
  assert.ok(p.status === 200 || p.status === 303, p.text.slice(0, 200));
  p = await c.get('/coach');
  assert.equal(p.status, 200);
  assert.match(p.text, /Nothing you paste here is saved/);
  const text = '<b>You always</b> do this & I\'m sorry if you felt bad.';
  p = await c.post('/coach', { csrf: Client.csrf(p.text), text });
  assert.equal(p.status, 200);
  assert.match(p.text, /&lt;b&gt;You <mark>always<\/mark><sup><a href="#coach-note-1">1<\/a><\/sup>&lt;\/b&gt; do this &amp; I&#39;m <mark>sorry if<\/mark>/);
  assert.ok(!p.text.includes('<b>You'), 'the text is escaped');
  assert.match(p.text, /Always or never/);
  assert.match(p.text, /An apology with a catch/);
  assert.match(p.text, /Another way to say it/);
  assert.match(p.text, /Owning your part/);
  assert.doesNotMatch(p.text, /score|toxic/i);
  // too long: the form comes back with the message and the text
  p = await c.post('/coach', { csrf: Client.csrf(p.text), text: '—'.repeat(6000) });
  assert.equal(p.status, 400);
  assert.match(p.text, /too long for the coach/);
});

test('the server refuses to start with a broken lexicon, and says where', async () => {
  const { mkdtempSync, cpSync, appendFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const data = mkdtempSync(path.join(tmpdir(), 'duet-data-'));
  try {
    cpSync(path.join(root, 'data'), data, { recursive: true });
    appendFileSync(path.join(data, 'coach', 'en', 'findings.tsv'), 'rule\tnot_a_kind\tyou always\n');
    await assert.rejects(startServer({ env: { DUET_DATA: data, DUET_STATIC: path.join(root, 'static') } }),
      (err) => /message coach's lexicon could not be loaded: .*findings\.tsv:\d+/.test(err.message));
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('coach: German and Spanish, by "language" or the person\'s own language', async () => {
  const p = await signup(U, 'Lena');
  const de = 'Du hörst mir nie zu. Es tut mir leid, dass ich dich verletzt habe.';
  const es = 'Nunca me escuchas. Perdóname, fue mi culpa.';
  const kinds = (r) => r.json.findings.map((f) => f.kind);

  // Without "language" and without a chosen language: English, which finds nothing here.
  let r = await api(U, 'POST', '/api/v1/coach', { text: de }, p.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(kinds(r), []);

  r = await api(U, 'POST', '/api/v1/coach', { text: de, language: 'de' }, p.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(kinds(r), ['absolute']);
  assert.equal(r.json.findings[0].excerpt, 'nie');
  assert.match(r.json.findings[0].advice, /„immer“ und „nie“/);
  assert.deepEqual(r.json.apology.components, ['impact', 'regret']);

  r = await api(U, 'POST', '/api/v1/coach', { text: es, language: 'es' }, p.token);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(kinds(r), ['absolute']);
  assert.equal(r.json.findings[0].excerpt, 'Nunca');
  assert.match(r.json.findings[0].advice, /«siempre» y «nunca»/);
  assert.deepEqual(r.json.apology.components, ['responsibility', 'forgiveness']);

  // The person's own language is the default; "language" still wins over it.
  r = await api(U, 'PATCH', '/api/v1/me', { language: 'es' }, p.token);
  assert.equal(r.status, 200, r.text);
  r = await api(U, 'POST', '/api/v1/coach', { text: es }, p.token);
  assert.deepEqual(kinds(r), ['absolute']);
  r = await api(U, 'POST', '/api/v1/coach', { text: de }, p.token);
  assert.deepEqual(kinds(r), []);
  r = await api(U, 'POST', '/api/v1/coach', { text: de, language: 'de' }, p.token);
  assert.deepEqual(kinds(r), ['absolute']);
  r = await api(U, 'POST', '/api/v1/coach', { text: 'You never call.', language: 'en' }, p.token);
  assert.deepEqual(kinds(r), ['absolute']);

  for (const language of ['fr', 'DE', '', 7]) {
    r = await api(U, 'POST', '/api/v1/coach', { text: de, language }, p.token);
    assert.equal(r.status, 400, `${language}: ${r.text}`);
    assert.equal(r.json.error.code, 'invalid_language');
  }
});
