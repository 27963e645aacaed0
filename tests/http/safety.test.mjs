// Resources and safety: open to everyone, the footer on every page, the
// operator's help text and link, the quick exit and its neutral page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api } from '../lib/server.mjs';

test('safety: defaults, the footer everywhere, and the quick exit', async () => {
  const server = await startServer();
  const U = server.url;
  try {
    for (const p of ['/', '/signin', '/signup', '/resources', '/safety', '/nowhere']) {
      const r = await fetch(U + p, { redirect: 'manual' });
      const html = await r.text();
      assert.match(html, /<a href="\/safety">Feeling unsafe\?<\/a>/, p);
      assert.match(html, /<a class="quick-exit" href="\/exit">Quick exit<\/a>/, p);
    }
    let r = await fetch(U + '/safety');
    let html = await r.text();
    assert.equal(r.status, 200);
    assert.match(html, /couples work is not the right first step/);
    assert.match(html, /call your local emergency number/);
    r = await fetch(U + '/resources');
    html = await r.text();
    assert.match(html, /<cite>The Dance of Intimacy<\/cite> by Harriet Lerner/);
    assert.match(html, /What couples counselling is/);
    assert.match(html, /Finding a counsellor/);
    r = await fetch(U + '/exit', { redirect: 'manual' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/kitchen');
    r = await fetch(U + '/kitchen');
    html = await r.text();
    assert.equal(r.status, 200);
    assert.ok(!/duet|safety|exit/i.test(html), 'the neutral page says nothing of duet');
    const j = await api(U, 'GET', '/api/v1/safety');
    assert.equal(j.status, 200);
    assert.equal(j.json.help.url, null);
    assert.match(j.json.help.text, /emergency/);
    assert.equal(j.json.exit_url, '/kitchen');
  } finally {
    await server.stop();
  }
});

test('safety: the operator sets the help line, the link and where the exit goes', async () => {
  const server = await startServer({ env: {
    DUET_HELP_TEXT: 'Call the Riverside help line on 0800 123 456, day or night. <b>free</b>',
    DUET_HELP_URL: 'https://help.example.org/talk',
    DUET_EXIT_URL: 'https://weather.example.org/',
  } });
  const bad = await startServer({ env: { DUET_HELP_URL: 'javascript:alert(1)', DUET_EXIT_URL: 'https://x.example/"><script>' } });
  try {
    let r = await fetch(server.url + '/safety');
    let html = await r.text();
    assert.match(html, /Riverside help line on 0800 123 456, day or night\. &lt;b&gt;free&lt;\/b&gt;/);
    assert.match(html, /<a href="https:\/\/help\.example\.org\/talk" rel="noreferrer">/);
    r = await fetch(server.url + '/exit', { redirect: 'manual' });
    assert.equal(r.headers.get('location'), 'https://weather.example.org/');
    r = await fetch(bad.url + '/exit', { redirect: 'manual' });
    assert.equal(r.headers.get('location'), '/kitchen', 'a malformed exit address is ignored');
    html = await (await fetch(bad.url + '/safety')).text();
    assert.ok(!html.includes('javascript:'));
    assert.match(bad.log(), /DUET_HELP_URL is not an http/);
  } finally {
    await server.stop();
    await bad.stop();
  }
});
