// Operating duet: built-in HTTPS (with a throwaway self-signed certificate,
// reloaded on SIGHUP), Prometheus metrics on their own address, and log lines
// that a client cannot forge.
import test from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import tls from 'node:tls';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, signup, setCookies } from '../lib/server.mjs';

// A self-signed certificate for 127.0.0.1 named cn, written to dir/NAME.pem.
function selfSigned(dir, cn, name = 'cert') {
  const cert = path.join(dir, `${name}.pem`), key = path.join(dir, `${name}-key.pem`);
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
    '-nodes', '-days', '2', '-subj', `/CN=${cn}`, '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { cert, key };
}

// GET over HTTPS trusting only ca; resolves { status, headers, body }.
function httpsGet(url, ca) {
  return new Promise((resolve, reject) => {
    https.get(url, { ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}

// The common name of the certificate the server presents now.
function peerName(url) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => {
      const cn = s.getPeerCertificate().subject.CN;
      s.end();
      resolve(cn);
    });
    s.on('error', reject);
  });
}

test('with --tls-cert and --tls-key duet serves HTTPS, Secure cookies and HSTS', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-tls-'));
  const { cert, key } = selfSigned(dir, 'duet-first');
  const server = await startServer({ args: ['--tls-cert', cert, '--tls-key', key] });
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert);
    const health = await httpsGet(server.url + '/healthz', ca);
    assert.equal(health.status, 200);
    assert.equal(health.headers['strict-transport-security'], 'max-age=31536000');
    const signin = await httpsGet(server.url + '/signin', ca);
    assert.equal(signin.status, 200);
    const cookie = signin.headers['set-cookie'].find((c) => c.startsWith('__Host-duet_csrf='));
    assert.ok(cookie, 'a Secure cookie carries the __Host- prefix');
    assert.match(cookie, /; Secure/);
    assert.match(cookie, /HttpOnly; SameSite=Strict/);
    // Someone who does not trust this certificate cannot talk to it by accident.
    await assert.rejects(httpsGet(server.url + '/healthz', undefined), /self.signed|certificate/i);

    // SIGHUP puts a renewed certificate in place without a restart.
    assert.equal(await peerName(server.url), 'duet-first');
    const renewed = selfSigned(dir, 'duet-renewed', 'next');
    writeFileSync(cert, readFileSync(renewed.cert));
    writeFileSync(key, readFileSync(renewed.key));
    process.kill(server.pid, 'SIGHUP');
    assert.match(await server.waitLog(/reloaded the TLS certificate/), /reloaded the TLS certificate/);
    assert.equal(await peerName(server.url), 'duet-renewed');
    assert.equal((await httpsGet(server.url + '/healthz', readFileSync(renewed.cert))).status, 200);

    // A broken certificate on reload leaves the working one in place.
    writeFileSync(cert, 'not a certificate\n');
    process.kill(server.pid, 'SIGHUP');
    assert.match(await server.waitLog(/kept the TLS certificate in use/),
      /kept the TLS certificate in use, since .*no PEM certificate/);
    assert.equal(await peerName(server.url), 'duet-renewed');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without TLS cookies are not Secure and no HSTS is sent, unless DUET_COOKIE_SECURE=1', async () => {
  let server = await startServer();
  let res = await fetch(server.url + '/signin');
  assert.equal(res.headers.get('strict-transport-security'), null);
  assert.doesNotMatch(setCookies(res).join('\n'), /Secure/);
  await server.stop();
  server = await startServer({ env: { DUET_COOKIE_SECURE: '1' } });
  res = await fetch(server.url + '/signin');
  assert.match(setCookies(res).join('\n'), /duet_csrf=[^;]+;.*Secure/);
  await server.stop();
});

test('DUET_COOKIE_SECURE=0 turns Secure off even on TLS', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-tls-'));
  const { cert, key } = selfSigned(dir, 'duet-plain');
  const server = await startServer({ args: ['--tls-cert', cert, '--tls-key', key], env: { DUET_COOKIE_SECURE: '0' } });
  const res = await httpsGet(server.url + '/signin', readFileSync(cert));
  assert.doesNotMatch(res.headers['set-cookie'].join('\n'), /Secure/);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a certificate without its key, or a key that does not match, stops the start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-tls-'));
  const a = selfSigned(dir, 'a', 'a');
  const b = selfSigned(dir, 'b', 'b');
  const run = (...args) => spawnSync(process.env.DUET_BIN, ['serve', '--listen', '127.0.0.1:0', '--db', path.join(dir, 'x.db'), ...args],
    { encoding: 'utf8', env: { ...process.env, DUET_DATA: path.resolve('data') } });
  let r = run('--tls-cert', a.cert);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /TLS wants both a certificate \(tls-cert\) and its key \(tls-key\)/);
  r = run('--tls-cert', a.cert, '--tls-key', b.key);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /do not work together/);
  r = run('--tls-cert', a.cert, '--tls-key', path.join(dir, 'missing.pem'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /could not read the TLS key .*missing\.pem/);
  rmSync(dir, { recursive: true, force: true });
});

test('metrics are served on their own address only, and name no one', async () => {
  const server = await startServer({ args: ['--metrics-listen', '127.0.0.1:0'] });
  const metricsUrl = /metrics on (http:\/\/\S+)/.exec(await server.waitLog(/metrics on/))[1];
  assert.match(metricsUrl, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  assert.equal((await fetch(server.url + '/metrics')).status, 404);
  const ana = await signup(server.url, 'Anastasia');
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
  assert.equal((await fetch(server.url + '/no/such/' + ana.login)).status, 404);
  // A request is counted when its answer has gone out, which may be just after
  // the client has read it: read again until the last one is in (at most 2 s).
  let res;
  let text = '';
  for (let i = 0; i < 40; i++) {
    res = await fetch(metricsUrl);
    text = await res.text();
    if (/^duet_http_requests_total\{route_group="other",status="404"\} 2$/m.test(text)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  assert.match(text, /^duet_http_requests_total\{route_group="\/healthz",status="200"\} 1$/m);
  assert.match(text, /^duet_http_requests_total\{route_group="\/api\/v1\/accounts",status="201"\} 1$/m);
  assert.match(text, /^duet_http_requests_total\{route_group="other",status="404"\} 2$/m);
  assert.match(text, /^# TYPE duet_http_request_duration_seconds histogram$/m);
  assert.match(text, /^duet_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
  assert.match(text, /^duet_http_request_duration_seconds_count \d+$/m);
  for (const name of ['duet_page_cache_hits_total', 'duet_page_cache_misses_total', 'duet_db_errors_total',
    'duet_db_reconnects_total', 'duet_event_streams_open', 'duet_push_queue_length', 'duet_signin_hashes_waiting']) {
    assert.match(text, new RegExp(`^${name} \\d+$`, 'm'), name);
  }
  assert.doesNotMatch(text, /Anastasia|anastasia|127\.0\.0\.1/);
  assert.equal((await fetch(metricsUrl.replace('/metrics', '/'))).status, 404);
  await server.stop();
});

test('metrics are off by default', async () => {
  const server = await startServer();
  assert.doesNotMatch(server.log(), /metrics on/);
  assert.equal((await fetch(server.url + '/metrics')).status, 404);
  await server.stop();
});

test('a %0A in a path cannot forge a log line; JSON lines carry no query or private data', async () => {
  let server = await startServer();
  await fetch(server.url + '/know/x%0AGET%20/forged%20200', { redirect: 'manual' });
  let log = await server.waitLog(/forged/);
  assert.doesNotMatch(log, /^GET \/forged/m);
  assert.match(log, /^GET \/know\/x\\x0aGET \/forged 200 \d{3} \d+us$/m);
  await server.stop();

  server = await startServer({ args: ['--log-format', 'json'] });
  const ana = await signup(server.url, 'Ana');
  await fetch(server.url + '/healthz?who=' + ana.login);
  await fetch(server.url + '/x%0Ay');
  log = await server.waitLog(/x\\\\x0ay/);
  const lines = log.split('\n').filter((l) => l.startsWith('{'));
  assert.ok(lines.length >= 3, log);
  const rows = lines.map((l) => JSON.parse(l));
  const health = rows.find((r) => r.path === '/healthz');
  assert.deepEqual(Object.keys(health).sort(), ['cached', 'duration_us', 'method', 'path', 'status', 'time']);
  assert.equal(health.status, 200);
  assert.match(health.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(rows.some((r) => r.path === '/x\\x0ay' && r.status === 404));
  assert.doesNotMatch(log, new RegExp(ana.login));
  assert.doesNotMatch(log, /passphrase/);
  await server.stop();
});
