// A throwaway PostgreSQL server a test can restart and stop (tests/pg.sh: a
// Unix socket only, in a temporary folder), and control of the suite's own
// server (DUET_TEST_PG) for tests that restart it under load.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export function pgBin(name) {
  if (!existsSync('/usr/lib/postgresql')) return null;
  const v = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0];
  return v ? `/usr/lib/postgresql/${v}/bin/${name}` : null;
}

export const havePostgres = () => Boolean(pgBin('pg_ctl') && existsSync(pgBin('pg_ctl')));

function command(cmd, args) {
  return process.getuid && process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function run(cmd, args) {
  const [c, a] = command(cmd, args);
  const r = spawnSync(c, a, { encoding: 'utf8', timeout: 90000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

// A PostgreSQL server in its own folder; dir is the socket folder.
export class Postgres {
  static start() {
    const dir = mkdtempSync(path.join(tmpdir(), 'duet-pgt-'));
    const r = spawnSync('sh', [path.join(root, 'tests/pg.sh'), 'start', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error('could not start PostgreSQL: ' + r.stderr);
    return new Postgres(dir);
  }
  constructor(dir) { this.dir = dir; this.count = 0; }
  // A new empty database; its URL.
  createdb() {
    this.count += 1;
    const name = `duet_f${process.pid}_${this.count}`;
    const r = spawnSync(pgBin('createdb'), ['-h', this.dir, '-U', 'duet', name], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error('createdb failed: ' + r.stderr);
    return `postgresql://duet@/${name}?host=${this.dir}`;
  }
  ctl(...args) { return run(pgBin('pg_ctl'), ['-D', path.join(this.dir, 'data'), '-w', '-t', '60', ...args]); }
  // (-l: a server started without a log file would hold our output pipe open)
  restart() { this.ctl('-l', path.join(this.dir, 'server.log'), '-m', 'fast', 'restart'); }
  // The same without blocking this process, so that a load keeps running.
  restartInBackground() {
    const [c, a] = command(pgBin('pg_ctl'), ['-D', path.join(this.dir, 'data'), '-w', '-t', '60',
      '-l', path.join(this.dir, 'server.log'), '-m', 'fast', 'restart']);
    const child = spawn(c, a, { stdio: 'ignore' });
    return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl restart: ${code}`)))));
  }
  stopServer() { this.ctl('-m', 'fast', 'stop'); }
  // (the options of tests/pg.sh again: pg_ctl start does not remember them)
  startServer() {
    this.ctl('-l', path.join(this.dir, 'server.log'), '-o',
      `-k ${this.dir} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c max_connections=200`, 'start');
  }
  remove() { spawnSync('sh', [path.join(root, 'tests/pg.sh'), 'stop', this.dir]); }
}
