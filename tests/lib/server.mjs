// Starts a real `duet serve` (the ASan build from $DUET_BIN) on an ephemeral
// loopback port with a fresh database, for HTTP and browser tests.
// stop() sends SIGTERM and fails if the server did not exit cleanly or if a
// sanitizer reported anything.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after } from 'node:test';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

// With DUET_TEST_PG set to a PostgreSQL socket folder (tests/pg.sh), each server
// gets a fresh database there instead of a SQLite file.
let pgCount = 0;
function freshPostgres() {
  const host = process.env.DUET_TEST_PG;
  const bins = readdirSync('/usr/lib/postgresql').sort().reverse();
  const createdb = `/usr/lib/postgresql/${bins[0]}/bin/createdb`;
  pgCount += 1;
  const name = `duet_${process.pid}_${pgCount}`;
  const r = spawnSync(createdb, ['-h', host, '-U', 'duet', name], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('createdb failed: ' + r.stderr);
  return `postgresql://duet@/${name}?host=${host}`;
}

export const usingPostgres = () => Boolean(process.env.DUET_TEST_PG);

// Runs SQL on a test database directly (sqlite3 for a file, psql for PostgreSQL)
// and returns the output rows as arrays of strings ('|' separates columns).
export function queryDb(db, sql) {
  let r;
  if (db.startsWith('postgres')) {
    const bins = readdirSync('/usr/lib/postgresql').sort().reverse();
    r = spawnSync(`/usr/lib/postgresql/${bins[0]}/bin/psql`, ['-At', '-v', 'ON_ERROR_STOP=1', db, '-c', sql], { encoding: 'utf8', maxBuffer: 1 << 28 });
  } else {
    r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8', maxBuffer: 1 << 28 });
  }
  if (r.status !== 0) throw new Error(`query failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('|'));
}

// Every server still running when a file's tests end (a test failed before it
// stopped its own) is stopped then (SIGTERM, SIGKILL after STOP_MS), so that the
// file ends instead of waiting on it. Stopped, not killed at once: this hook runs
// before a file's own test.after(() => server.stop()), which then sees the clean
// exit it checks for. Each child maps to the promise of its exit.
const running = new Map();
after(() => Promise.all([...running].map(async ([c, exited]) => {
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), STOP_MS);
  await exited;
  clearTimeout(timer);
})));
process.on('exit', () => { for (const c of running.keys()) c.kill('SIGKILL'); });

// duet bounds its own stopping (30 s, util/watchdog.h); should it still be
// running 45 s after SIGTERM, its threads' stacks (when gdb is there) go into
// the failure, it is killed, and the test fails instead of hanging.
const STOP_MS = 45000;
async function exitedWithin(child, exited, log) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), STOP_MS); });
  const done = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (done) return done;
  const gdb = spawnSync('gdb', ['-p', String(child.pid), '-batch', '-ex', 'thread apply all bt'],
    { encoding: 'utf8', timeout: 30000 });
  child.kill('SIGKILL');
  await exited;
  throw new Error(`duet did not stop within ${STOP_MS / 1000} s of SIGTERM:\n${log().slice(-3000)}\n` +
    (gdb.stdout ? gdb.stdout.slice(-8000) : '(no gdb for its stacks)'));
}

export async function startServer(opts = {}) {
  const bin = process.env.DUET_BIN || path.join(root, 'build', 'asan', 'duet');
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-test-'));
  const db = opts.db || (process.env.DUET_TEST_PG && !opts.sqlite ? freshPostgres() : path.join(dir, 'duet.db'));
  // Tests sign up many people from one address; the sign-up limit has tests of its own.
  const env = { ...process.env, DUET_DATA: path.join(root, 'data'), DUET_SIGNUPS_PER_HOUR: '0', ...(opts.env || {}) };
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--db', db, ...(opts.args || [])], {
    cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('duet did not start in 20 s:\n' + stderr)), 20000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /listening on (https?:\/\/\S+)/.exec(stderr);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`duet exited (${code}):\n${stderr}`)); });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => { running.delete(child); resolve({ code, sig }); }));
  running.set(child, exited);
  return {
    url, dir, db, pid: child.pid,
    log: () => stderr,
    // Waits (up to 5 s) until the server's log matches re; returns the log.
    async waitLog(re) {
      for (let i = 0; i < 100 && !re.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
      return stderr;
    },
    async stop({ keep = false } = {}) {
      child.kill('SIGTERM');
      const { code, sig } = await exitedWithin(child, exited, () => stderr);
      if (!keep) rmSync(dir, { recursive: true, force: true });
      assert.ok(!/AddressSanitizer|LeakSanitizer|runtime error:/.test(stderr),
        'sanitizer report in server output:\n' + stderr.slice(-6000));
      assert.equal(code, 0, `duet exited with ${code} (${sig}):\n${stderr.slice(-3000)}`);
    },
    async kill() { child.kill('SIGKILL'); await exited; },
  };
}

// The Set-Cookie headers of a response (Node 18's fetch has no getSetCookie).
export function setCookies(res) {
  if (typeof res.headers.getSetCookie === 'function') return res.headers.getSetCookie();
  const joined = res.headers.get('set-cookie');
  return joined ? joined.split(/,(?=\s*[A-Za-z0-9_]+=)/).map((c) => c.trim()) : [];
}

// A tiny client that keeps cookies, for HTML form flows.
export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  keep(res) {
    for (const c of setCookies(res)) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i), v = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c)) this.cookies.delete(k); else this.cookies.set(k, v);
    }
  }
  async get(p, headers = {}) {
    const res = await fetch(this.base + p, { redirect: 'manual', headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    return { res, status: res.status, text: await res.text() };
  }
  async post(p, form, headers = {}) {
    const res = await fetch(this.base + p, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
    this.keep(res);
    return { res, status: res.status, text: await res.text() };
  }
  // The CSRF token from a page's form.
  static csrf(html) {
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    return m ? m[1] : null;
  }
}

// JSON API calls. token: a Bearer token or null.
export async function api(base, method, p, body, token, extraHeaders = {}) {
  const headers = { ...extraHeaders };
  if (token) headers.authorization = 'Bearer ' + token;
  let payload;
  if (body !== undefined) {
    headers['content-type'] = headers['content-type'] || 'application/json';
    payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  }
  const res = await fetch(base + p, { method, headers, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

// Signs up a partner through the API and returns { token, id, name, recovery_code }.
let counter = 0;
export async function signup(base, name = 'Ana', extra = {}) {
  counter += 1;
  const login = `${name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 16) || 'p'}${process.pid}${counter}`;
  const r = await api(base, 'POST', '/api/v1/accounts', { login, name, passphrase: 'a long enough passphrase', ...extra });
  assert.equal(r.status, 201, r.text);
  return { ...r.json, login, passphrase: 'a long enough passphrase' };
}

// Two partners joined in one couple; returns [a, b] as from signup().
export async function couple(base, nameA = 'Ana', nameB = 'Ben') {
  const a = await signup(base, nameA);
  const b = await signup(base, nameB);
  const c = await api(base, 'POST', '/api/v1/couple', undefined, a.token);
  assert.equal(c.status, 201, c.text);
  const j = await api(base, 'POST', '/api/v1/couple/join', { code: c.json.invite.code }, b.token);
  assert.equal(j.status, 200, j.text);
  return [a, b];
}
