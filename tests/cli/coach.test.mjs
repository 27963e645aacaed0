// CLI tests for `duet coach`: the JSON shape, byte offsets, limits and --help.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const bin = process.env.DUET_BIN || 'build/asan/duet';

// Runs `duet coach` on input (a string is sent as UTF-8); stdout and stderr are Buffers.
function coach(input, args = []) {
	const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
	return spawnSync(bin, ['coach', ...args], { input: bytes });
}

function json(result) {
	assert.equal(result.status, 0, result.stderr.toString());
	return JSON.parse(result.stdout.toString('utf8'));
}

test('prints the documented shape for an absolute', () => {
	const out = json(coach('You always leave your shoes in the hallway.'));
	assert.deepEqual(Object.keys(out), ['findings', 'apology']);
	assert.equal(out.findings.length, 1);
	const f = out.findings[0];
	assert.deepEqual(Object.keys(f), ['kind', 'start', 'end', 'excerpt', 'advice', 'rewrite']);
	assert.equal(f.kind, 'absolute');
	assert.equal(f.start, 4);
	assert.equal(f.end, 10);
	assert.equal(f.excerpt, 'always');
	assert.ok(f.advice.length > 20);
	assert.ok(f.rewrite.length > 20);
	assert.equal(out.apology, null, 'not an apology: no list of missing apology parts');
	const sorry = json(coach("I'm sorry I was late."));
	assert.deepEqual(sorry.apology, {
		components: ['regret'],
		missing: ['responsibility', 'repair', 'impact', 'explanation', 'repentance', 'forgiveness'],
	});
});

test('offsets are bytes into the input, past multi-byte characters', () => {
	const text = 'Café first — then “quiet”. Well, you’re so selfish, you never listen.';
	const input = Buffer.from(text, 'utf8');
	const out = json(coach(input));
	assert.deepEqual(out.findings.map((f) => f.kind), ['character', 'absolute']);
	for (const f of out.findings)
		assert.equal(input.subarray(f.start, f.end).toString('utf8'), f.excerpt);
	assert.equal(out.findings[0].excerpt, 'you’re so selfish');
	assert.equal(out.findings[1].excerpt, 'never');
	assert.equal(out.findings[0].start, input.indexOf('you’re'));
});

test('lists apology parts present and missing, most important first', () => {
	const out = json(coach("I'm sorry, I was wrong to read your messages. Will you forgive me?"));
	assert.deepEqual(out.findings, []);
	assert.deepEqual(out.apology.components, ['responsibility', 'regret', 'forgiveness']);
	assert.deepEqual(out.apology.missing, ['repair', 'impact', 'explanation', 'repentance']);
});

test('accepts exactly 16 KiB and refuses one byte more', () => {
	const ok = coach(Buffer.alloc(16384, 'a'));
	assert.equal(ok.status, 0, ok.stderr.toString());
	const big = coach(Buffer.alloc(16385, 'a'));
	assert.equal(big.status, 1);
	assert.equal(big.stdout.length, 0);
	assert.match(big.stderr.toString(), /longer than 16384 bytes/);
});

test('refuses input that is not UTF-8', () => {
	const r = coach(Buffer.from([0x59, 0x6f, 0x75, 0x20, 0xff, 0xfe, 0x0a]));
	assert.equal(r.status, 1);
	assert.equal(r.stdout.length, 0);
	assert.match(r.stderr.toString(), /not valid UTF-8/);
});

test('an empty message has nothing to point out', () => {
	const out = json(coach(''));
	assert.deepEqual(out.findings, []);
	assert.equal(out.apology, null);
});

test('--help prints usage to stdout and exits 0', () => {
	const r = spawnSync(bin, ['coach', '--help'], { encoding: 'utf8' });
	assert.equal(r.status, 0);
	assert.match(r.stdout, /usage: duet coach/);
	assert.equal(r.stderr, '');
});

test('an unknown option or language is a usage error', () => {
	assert.equal(spawnSync(bin, ['coach', '--nope'], { input: '' }).status, 2);
	assert.equal(spawnSync(bin, ['coach', '--lang', '../etc'], { input: '' }).status, 2);
	const missing = spawnSync(bin, ['coach', '--lang', 'xx'], { input: 'hi', encoding: 'utf8' });
	assert.equal(missing.status, 1);
	assert.match(missing.stderr, /could not read .*coach\/xx\/words\.tsv/);
});
