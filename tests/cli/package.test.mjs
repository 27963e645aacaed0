// The Debian packaging, checked from the source tree without building the
// package (`make deb` does that, with lintian): one version everywhere, a
// conffile duet accepts, and a unit that systemd rates as hardened.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const bin = process.env.DUET_BIN;
const version = readFileSync('VERSION', 'utf8').trim();

test('duet --version, debian/changelog and VERSION agree', () => {
  assert.match(version, /^\d+\.\d+\.\d+$/);
  assert.equal(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim(), `duet ${version}`);
  const first = readFileSync('debian/changelog', 'utf8').split('\n')[0];
  assert.match(first, new RegExp(`^duet \\(${version.replace(/\./g, '\\.')}\\) `));
});

test('the packaged /etc/duet/duet.conf is one duet accepts, with state in /var/lib/duet', () => {
  const text = readFileSync('debian/duet.conf', 'utf8');
  assert.match(text, /^db = \/var\/lib\/duet\/duet\.db$/m);
  assert.match(text, /^listen = 127\.0\.0\.1:8080$/m);
  const r = spawnSync(bin, ['admin', '--config', 'debian/duet.conf', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('duet.service is hardened', () => {
  const unit = readFileSync('debian/duet.service', 'utf8');
  for (const line of ['ProtectSystem=strict', 'StateDirectory=duet', 'PrivateTmp=yes', 'NoNewPrivileges=yes',
    'MemoryDenyWriteExecute=yes', 'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6',
    'SystemCallFilter=@system-service', 'CapabilityBoundingSet=', 'UMask=0077', 'User=duet',
    'ExecStart=/usr/bin/duet serve --config /etc/duet/duet.conf', 'ExecReload=/bin/kill -HUP $MAINPID']) {
    assert.ok(unit.split('\n').includes(line), `duet.service lacks ${line}`);
  }
});

const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;

test('systemd-analyze security rates the units 2.0 or lower', { skip: !analyze && 'no systemd-analyze' }, () => {
  for (const unit of ['debian/duet.service', 'debian/duet-backup.service']) {
    const r = spawnSync('systemd-analyze', ['security', '--offline=yes', '--no-pager', unit], { encoding: 'utf8' });
    const m = /Overall exposure level for \S+: (\d+\.\d+)/.exec(r.stdout + r.stderr);
    assert.ok(m, r.stdout + r.stderr);
    assert.ok(Number(m[1]) <= 2.0, `${unit} rated ${m[1]}`);
  }
});
