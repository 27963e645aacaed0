// CLI tests of `duet serve --config FILE`: the command line wins over the
// environment, which wins over the file; a wrong file stops the start with
// its name, the line and what was wrong.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';

const bin = process.env.DUET_BIN;
const dir = mkdtempSync(path.join(tmpdir(), 'duet-config-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function conf(name, text) {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

// Runs `duet serve` that is expected to stop before serving.
function serveFails(args, env = {}) {
  return spawnSync(bin, ['serve', '--db', path.join(dir, 'never.db'), ...args],
    { encoding: 'utf8', env: { ...process.env, DUET_DATA: path.resolve('data'), ...env }, timeout: 20000 });
}

const jsonLines = (log) => log.split('\n').filter((l) => l.startsWith('{"time"'));

test('settings from the file apply; the environment wins over the file; the command line wins over both', async () => {
  const f = conf('json.conf', '# how duet logs\nlog-format = json\npage-cache-mb = 4\n');
  let server = await startServer({ args: ['--config', f] });
  await fetch(server.url + '/healthz');
  assert.ok(jsonLines(await server.waitLog(/"path":"\/healthz"/)).length >= 1, 'file: JSON lines');
  await server.stop();

  server = await startServer({ args: ['--config', f], env: { DUET_LOG_FORMAT: 'text' } });
  await fetch(server.url + '/healthz');
  let log = await server.waitLog(/^GET \/healthz 200/m);
  assert.match(log, /^GET \/healthz 200 \d+us$/m, 'environment over file: text lines');
  assert.equal(jsonLines(log).length, 0);
  await server.stop();

  server = await startServer({ args: ['--config', f, '--log-format', 'json'], env: { DUET_LOG_FORMAT: 'text' } });
  await fetch(server.url + '/healthz');
  log = await server.waitLog(/"path":"\/healthz"/);
  assert.ok(jsonLines(log).length >= 1, 'command line over environment: JSON lines');
  await server.stop();
});

test('listen and db come from the file when the command line leaves them out', async () => {
  const db = path.join(dir, 'from-file.db');
  const f = conf('listen.conf', `listen = 127.0.0.1:0\ndb = ${db}\n`);
  const child = spawn(bin, ['serve', '--config', f],
    { env: { ...process.env, DUET_DATA: path.resolve('data'), DUET_DB: '', DUET_LISTEN: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => { log += c; const m = /listening on (http:\/\/\S+)/.exec(log); if (m) resolve(m[1]); });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
  child.removeAllListeners('exit');
  assert.equal((await fetch(url + '/healthz')).status, 200);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.equal(spawnSync('sqlite3', [db, 'select count(*) > 0 from sqlite_master'], { encoding: 'utf8' }).stdout.trim(), '1');
});

test('an unknown key, a bad value or a missing file stops the start with file and line', () => {
  let f = conf('typo.conf', 'listen = 127.0.0.1:0\n\nlisen = 127.0.0.1:9090\n');
  let r = serveFails(['--config', f]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim(), `duet serve: ${f}:3: 'lisen' is not a setting duet knows`);

  f = conf('bad.conf', 'threads = lots\n');
  r = serveFails(['--config', f]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim(), `duet serve: ${f}:1: threads wants a whole number from 1 to 256, not 'lots'`);

  f = conf('env.conf', 'DUET_PAGE_CACHE_MB = 4\n');
  r = serveFails(['--config', f]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /env\.conf:1: 'DUET_PAGE_CACHE_MB' is not a setting duet knows \(write it in lower case without DUET_/);

  r = serveFails(['--config', path.join(dir, 'missing.conf')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing\.conf: No such file or directory/);

  r = serveFails(['--config']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--config wants a value/);
});

test('a bad value in the environment is named too', () => {
  const r = serveFails(['--listen', '127.0.0.1:0'], { DUET_THREADS: '0' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim(), "duet serve: DUET_THREADS: threads wants a whole number from 1 to 256, not '0'");
  const o = serveFails(['--listen', '127.0.0.1:0', '--log-format', 'xml']);
  assert.equal(o.status, 2);
  assert.match(o.stderr, /--log-format: log-format wants text or json, not 'xml'/);
});

test('duet serve --help names the config file and its precedence', () => {
  const r = spawnSync(bin, ['serve', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--config FILE/);
  assert.match(r.stdout, /command\s+line wins over the environment, which wins over the file/);
  assert.match(r.stdout, /--tls-cert FILE/);
  assert.match(r.stdout, /--metrics-listen ADDR:PORT/);
});

test('every DUET_ setting duet reads can be set in the file and is documented', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const root = new URL('../../', import.meta.url);
  const files = readdirSync(new URL('src/', root), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(new URL(`src/${d.name}/`, root)).map((f) => `src/${d.name}/${f}`))
    .filter((f) => f.endsWith('.c'));
  const read = new Set();
  for (const f of files) {
    for (const m of readFileSync(new URL(f, root), 'utf8').matchAll(/"(DUET_[A-Z0-9_]+)"/g)) read.add(m[1]);
  }
  const table = readFileSync(new URL('src/cli/config.c', root), 'utf8');
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const man = readFileSync(new URL('docs/duet.1', root), 'utf8');
  const missing = [];
  for (const v of [...read].sort()) {
    // test hooks (a fake clock, a slow disk, a short keep-alive) and the build's own
    if (/TEST/.test(v) || ['DUET_VERSION', 'DUET_SYNC_DELAY_MS', 'DUET_EVENTS_KEEPALIVE_MS'].includes(v)) continue;
    if (!table.includes(`"${v}"`)) missing.push(`${v}: no key in src/cli/config.c`);
    if (!readme.includes(v)) missing.push(`${v}: not in README.md`);
    if (!man.includes(v)) missing.push(`${v}: not in docs/duet.1`);
  }
  assert.deepEqual(missing, []);
});
