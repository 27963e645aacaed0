// HTTP tests of held event streams (src/http/events.c, "Held streams"): over
// plain HTTP/1.1 an idle stream leaves libmicrohttpd and the stream thread
// writes its chunked body. The bytes on the wire stay one valid chunked body
// from the head to the last chunk; an HTTP/1.0 stream (no chunks) stays in
// libmicrohttpd and works as before; a held stream still counts against its
// address; and streams opened in a burst all stay open (the stream thread once
// read the clock before waiting for its lock, so a stream opened meanwhile
// looked ten minutes old and was ended at once).
import test from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, api, couple, signup } from '../lib/server.mjs';
import { openEvents } from '../lib/events.mjs';

const server = await startServer({ env: { DUET_CONNECTIONS_PER_ADDRESS: '0' } });
const U = server.url;
const port = Number(new URL(U).port);
test.after(() => server.stop());

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A raw connection that sends `request` and gathers every byte that comes back.
function rawStream(request, { localAddress, port: p = port } = {}) {
  const sock = net.connect({ port: p, host: '127.0.0.1', localAddress });
  const st = { bytes: '', closed: false, sock };
  sock.on('connect', () => sock.write(request));
  sock.on('data', (d) => { st.bytes += d.toString('latin1'); });
  sock.on('error', () => {});
  sock.on('close', () => { st.closed = true; });
  st.until = async (pred, ms = 3000, label = 'bytes') => {
    for (const t0 = Date.now(); !pred(st); await sleep(20))
      if (Date.now() - t0 > ms) throw new Error(`no ${label} within ${ms} ms; got ${JSON.stringify(st.bytes)}`);
  };
  return st;
}

const eventsRequest = (token, version = '1.1') =>
  `GET /api/v1/events HTTP/${version}\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`;

// Splits a chunked body into its chunks; throws on anything malformed.
function chunks(body) {
  const out = [];
  let i = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', i);
    if (eol < 0) throw new Error('a chunk size without its line end at ' + i);
    const size = parseInt(body.slice(i, eol), 16);
    assert.ok(/^[0-9a-f]+$/i.test(body.slice(i, eol)), `a chunk size: ${JSON.stringify(body.slice(i, eol))}`);
    const data = body.slice(eol + 2, eol + 2 + size);
    assert.equal(data.length, size, 'a whole chunk');
    assert.equal(body.slice(eol + 2 + size, eol + 4 + size), '\r\n', 'a chunk ends with CRLF');
    i = eol + 4 + size;
    if (size === 0) {
      assert.equal(i, body.length, 'nothing after the last chunk');
      return out;
    }
    out.push(data);
  }
}

test('held stream: one valid chunked body from the head to the last chunk', async () => {
  const ana = await signup(U, 'Ana');
  const c = await api(U, 'POST', '/api/v1/couple', undefined, ana.token);
  assert.equal(c.status, 201, c.text);
  const s = rawStream(eventsRequest(ana.token));
  await s.until((x) => x.bytes.includes('live updates for duet'));
  await sleep(200); // idle: held by the stream thread from here on
  const ben = await signup(U, 'Ben');
  const j = await api(U, 'POST', '/api/v1/couple/join', { code: c.json.invite.code }, ben.token);
  assert.equal(j.status, 200, j.text);
  // the couple event ends the stream: the last chunk, then the server closes
  await s.until((x) => x.closed, 3000, 'the end of the stream');
  const head = s.bytes.slice(0, s.bytes.indexOf('\r\n\r\n'));
  assert.match(head, /^HTTP\/1\.1 200/);
  assert.match(head, /transfer-encoding: chunked/i);
  const text = chunks(s.bytes.slice(head.length + 4)).join('');
  assert.match(text, /^retry: 2000\n/);
  assert.match(text, /event: couple\nid: \d+\ndata: \{[^\n]*"url":"\/couple"[^\n]*\}\n\n$/);
});

test('held stream: an HTTP/1.0 stream (no chunks, not held) still carries events', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const s = rawStream(eventsRequest(ana.token, '1.0'));
  await s.until((x) => x.bytes.includes('live updates for duet'));
  await sleep(200);
  const cur = await api(U, 'GET', '/api/v1/prompts/current', undefined, ben.token);
  const r = await api(U, 'PUT', `/api/v1/prompts/${cur.json.prompt.id}/answer`, { text: 'hi' }, ben.token);
  assert.equal(r.status, 200, r.text);
  await s.until((x) => x.bytes.includes('event: prompt\n'), 3000, 'the prompt event');
  assert.ok(!/transfer-encoding/i.test(s.bytes), 'HTTP/1.0: no chunked body');
  s.sock.destroy();
});

test('held stream: counts against its address until it ends', async (t) => {
  const s2 = await startServer({ env: { DUET_CONNECTIONS_PER_ADDRESS: '3' }, db: server.db });
  t.after(() => s2.stop({ keep: true }));
  const p2 = Number(new URL(s2.url).port);
  const [ana] = await couple(U, 'Ana', 'Ben');
  const from = { localAddress: '127.0.0.4', port: p2 };
  const streams = [0, 1, 2].map(() => rawStream(eventsRequest(ana.token), from));
  for (const s of streams) await s.until((x) => x.bytes.includes('live updates for duet'));
  await sleep(300); // all three held now
  const fourth = rawStream('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', from);
  await fourth.until((x) => x.closed, 3000, 'the refusal');
  assert.equal(fourth.bytes, '', 'a fourth connection from the address is refused');
  for (const s of streams) s.sock.destroy();
  await sleep(1500); // libmicrohttpd lets go of their first connections within a second
  const again = rawStream('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', from);
  await again.until((x) => x.closed, 3000, 'the answer');
  assert.match(again.bytes, /^HTTP\/1\.1 200/);
});

test('held stream: a burst of streams all stay open and all hear the next event', async () => {
  const [ana, ben] = await couple(U, 'Ana', 'Ben');
  const cur = await api(U, 'GET', '/api/v1/prompts/current', undefined, ben.token);
  // Ben keeps writing meanwhile: each write wakes the stream thread, so it
  // looks at the streams many times while they open (the race wants tries).
  let writing = true;
  const writer = (async () => {
    while (writing) await api(U, 'PUT', `/api/v1/prompts/${cur.json.prompt.id}/answer`, { text: 'hm' }, ben.token);
  })();
  const streams = [];
  for (let round = 0; round < 4; round++) {
    const burst = Array.from({ length: 150 }, () => openEvents(U, { token: ana.token }));
    for (const s of burst) assert.equal(await s.status(), 200);
    streams.push(...burst);
  }
  writing = false;
  await writer;
  await sleep(1200);
  assert.equal(streams.filter((s) => s.ended).length, 0, 'no stream ended by itself');
  const before = streams.map((s) => s.events.length);
  const r = await api(U, 'PUT', `/api/v1/prompts/${cur.json.prompt.id}/answer`, { text: 'hi' }, ben.token);
  assert.equal(r.status, 200, r.text);
  await Promise.all(streams.map((s, i) => s.waitFor((e) => e === s.events[before[i]], 5000)));
  for (const s of streams) s.close();
});
