// CLI tests for `duet fair-split` and `duet choose`: the published example
// printed exactly, every refusal with its message, and --help.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const BIN = process.env.DUET_BIN || 'build/asan/duet';

function duet(args, input) {
	const r = spawnSync(BIN, args, { input, cwd: process.cwd(), encoding: 'utf8' });
	return { code: r.status, out: r.stdout, err: r.stderr };
}

const divorce = {
	items: [
		{ name: 'Retirement', a: 50, b: 40 },
		{ name: 'Home', a: 20, b: 30 },
		{ name: 'Cottage', a: 15, b: 10 },
		{ name: 'Investments', a: 10, b: 10 },
		{ name: 'Other', a: 5, b: 10 },
	],
};

function split(input) {
	return duet(['fair-split'], typeof input === 'string' ? input : JSON.stringify(input));
}

function choose(input) {
	return duet(['choose'], typeof input === 'string' ? input : JSON.stringify(input));
}

function refused(r, words) {
	assert.equal(r.code, 1, `exit code (stderr: ${r.err})`);
	assert.equal(r.out, '');
	assert.ok(r.err.includes(words), `expected "${words}" in: ${r.err}`);
}

test('fair-split prints the published example exactly', () => {
	const r = split(divorce);
	assert.equal(r.code, 0, r.err);
	assert.equal(
		r.out,
		'{"allocation":[' +
			'{"name":"Retirement","a":"5/6","b":"1/6","a_share":0.833333,"b_share":0.166667},' +
			'{"name":"Home","a":"0","b":"1","a_share":0.0,"b_share":1.0},' +
			'{"name":"Cottage","a":"1","b":"0","a_share":1.0,"b_share":0.0},' +
			'{"name":"Investments","a":"0","b":"1","a_share":0.0,"b_share":1.0},' +
			'{"name":"Other","a":"0","b":"1","a_share":0.0,"b_share":1.0}],' +
			'"a_total":"170/3","b_total":"170/3","a_points":56.666667,"b_points":56.666667,' +
			'"split":"Retirement"}\n',
	);
});

test('fair-split says split is null when nothing is shared', () => {
	const r = split({ items: [{ name: 'x', a: 60, b: 40 }, { name: 'y', a: 40, b: 60 }] });
	assert.equal(r.code, 0, r.err);
	const out = JSON.parse(r.out);
	assert.equal(out.split, null);
	assert.equal(out.a_total, '60');
	assert.equal(out.b_points, 60);
});

test('fair-split keeps UTF-8 names as they are', () => {
	const r = split({ items: [{ name: 'Maison à Lyon', a: 70, b: 30 }, { name: '猫', a: 30, b: 70 }] });
	assert.equal(r.code, 0, r.err);
	assert.deepEqual(JSON.parse(r.out).allocation.map((x) => x.name), ['Maison à Lyon', '猫']);
});

const two = (x, y) => ({ items: [x, y] });
const splitErrors = [
	['a sum that is not 100', two({ name: 'x', a: 50, b: 60 }, { name: 'y', a: 40, b: 40 }),
		"partner a's points sum to 90, not 100"],
	['b sum that is not 100', two({ name: 'x', a: 60, b: 60 }, { name: 'y', a: 40, b: 50 }),
		"partner b's points sum to 110, not 100"],
	['a negative value', two({ name: 'x', a: 110, b: -10 }, { name: 'y', a: -10, b: 110 }),
		'"x": partner a\'s points must be a whole number from 0 to 100, not 110'],
	['a negative value', two({ name: 'x', a: 50, b: -10 }, { name: 'y', a: 50, b: 110 }),
		'"x": partner b\'s points must be a whole number from 0 to 100, not -10'],
	['a non-integer value', two({ name: 'x', a: 50.5, b: 50 }, { name: 'y', a: 49.5, b: 50 }),
		'"x": partner a\'s points must be a whole number from 0 to 100, not 50.5'],
	['points given as text', two({ name: 'x', a: '50', b: 50 }, { name: 'y', a: 50, b: 50 }),
		'"x": partner a\'s points must be a whole number from 0 to 100, not text'],
	['a duplicate name', two({ name: 'x', a: 50, b: 50 }, { name: 'x', a: 50, b: 50 }),
		'issues 1 and 2 are both called "x"'],
	['an empty name', two({ name: '', a: 50, b: 50 }, { name: 'x', a: 50, b: 50 }),
		'issue 1 has no name'],
	['a missing name', two({ a: 50, b: 50 }, { name: 'x', a: 50, b: 50 }), 'issue 1 has no name'],
	['a name that is not text', two({ name: ['x'], a: 50, b: 50 }, { name: 'y', a: 50, b: 50 }),
		"issue 1's name must be text, not a list"],
	['a name over 200 bytes', two({ name: 'é'.repeat(101), a: 50, b: 50 }, { name: 'x', a: 50, b: 50 }),
		"issue 1's name is 202 bytes long; keep names to 200 bytes or fewer"],
	['missing points', two({ name: 'x', a: 50 }, { name: 'y', a: 50, b: 100 }),
		'"x": partner b\'s points must be given'],
	['fewer than 2 issues', { items: [{ name: 'x', a: 100, b: 100 }] },
		'a split needs at least 2 issues, and there is only 1'],
	['no issues', { items: [] }, 'a split needs at least 2 issues, and there are 0'],
	['more than 50 issues',
		{ items: Array.from({ length: 51 }, (_, i) => ({ name: `i${i}`, a: i < 50 ? 2 : 0, b: i < 50 ? 2 : 0 })) },
		'a split can have at most 50 issues, and there are 51'],
	['a missing items list', { issues: [] }, '"items" is missing'],
	['items that are not a list', { items: 'x' }, '"items" must be a list, not text'],
	['an issue that is not an object', { items: [1, 2] }, 'issue 1 must be an object'],
	['input that is not an object', '[1,2]', 'the input must be a JSON object with an "items" list'],
	['malformed JSON', '{"items": [', 'the input is not valid JSON'],
	['empty input', '', 'the input is not valid JSON'],
	['a duplicate key', '{"items":[],"items":[]}', 'duplicate object key'],
	['a NUL in a name', '{"items":[{"name":"a\\u0000b","a":50,"b":50},{"name":"y","a":50,"b":50}]}',
		"issue 1's name holds a NUL character"],
];

for (const [what, input, words] of splitErrors) {
	test(`fair-split refuses ${what}`, () => refused(split(input), words));
}

test('fair-split refuses input over 64 KiB', () => {
	const big = JSON.stringify(divorce) + ' '.repeat(64 * 1024);
	refused(split(big), 'the input is longer than 65536 bytes');
});

test('fair-split accepts input just under 64 KiB', () => {
	const text = JSON.stringify(divorce);
	const r = split(text + ' '.repeat(64 * 1024 - text.length));
	assert.equal(r.code, 0, r.err);
});

test('fair-split refuses invalid UTF-8', () => {
	const bytes = Buffer.concat([Buffer.from('{"items":[{"name":"'), Buffer.from([0xc3, 0x28]),
		Buffer.from('","a":50,"b":50},{"name":"y","a":50,"b":50}]}')]);
	refused(duet(['fair-split'], bytes), 'the input is not valid UTF-8 text');
});

test('choose proposes B in both examples', () => {
	const options = [{ name: 'A', a: 8, b: 2 }, { name: 'B', a: 5, b: 5 }, { name: 'C', a: 3, b: 7 }];
	let r = choose({ options, status_quo: { a: 0, b: 0 } });
	assert.equal(r.code, 0, r.err);
	let out = JSON.parse(r.out);
	assert.equal(out.choice, 'B');
	assert.deepEqual(out.gains, { a: 5, b: 5 });
	assert.equal(out.product, 25);
	assert.deepEqual(out.ranking, [{ name: 'B', product: 25 }, { name: 'C', product: 21 }, { name: 'A', product: 16 }]);
	assert.match(out.reason, /^B is better than no agreement for both of you/);

	r = choose({ options, status_quo: { a: 2, b: 1 } });
	assert.equal(r.code, 0, r.err);
	out = JSON.parse(r.out);
	assert.equal(out.choice, 'B');
	assert.deepEqual(out.gains, { a: 3, b: 4 });
	assert.equal(out.product, 12);
	assert.deepEqual(out.ranking.map((x) => x.name), ['B', 'A', 'C']);
	assert.deepEqual(Object.keys(out), ['choice', 'gains', 'product', 'ranking', 'reason']);
});

test('choose says when no option gains for both', () => {
	const r = choose({ options: [{ name: 'Stay', a: 3, b: 9 }, { name: 'Go', a: 9, b: 3 }], status_quo: { a: 5, b: 5 } });
	assert.equal(r.code, 0, r.err);
	const out = JSON.parse(r.out);
	assert.equal(out.choice, null);
	assert.equal(out.gains, null);
	assert.equal(out.product, null);
	assert.deepEqual(out.ranking, []);
	assert.match(out.reason, /dream table/);
	assert.match(out.reason, /counsellor/);
});

const opts2 = [{ name: 'A', a: 1, b: 2 }, { name: 'B', a: 2, b: 1 }];
const chooseErrors = [
	['fewer than 2 options', { options: [opts2[0]], status_quo: { a: 0, b: 0 } },
		'a choice needs at least 2 options, and there is only 1'],
	['more than 20 options',
		{ options: Array.from({ length: 21 }, (_, i) => ({ name: `o${i}`, a: 1, b: 1 })), status_quo: { a: 0, b: 0 } },
		'a choice can have at most 20 options, and there are 21'],
	['a rating over 10', { options: [{ name: 'A', a: 11, b: 2 }, opts2[1]], status_quo: { a: 0, b: 0 } },
		'"A": partner a\'s rating must be a whole number from 0 to 10, not 11'],
	['a negative rating', { options: [{ name: 'A', a: 1, b: -2 }, opts2[1]], status_quo: { a: 0, b: 0 } },
		'"A": partner b\'s rating must be a whole number from 0 to 10, not -2'],
	['a non-integer rating', { options: [{ name: 'A', a: 1.5, b: 2 }, opts2[1]], status_quo: { a: 0, b: 0 } },
		'"A": partner a\'s rating must be a whole number from 0 to 10, not 1.5'],
	['a duplicate name', { options: [opts2[0], opts2[0]], status_quo: { a: 0, b: 0 } },
		'options 1 and 2 are both called "A"'],
	['an empty name', { options: [{ name: '', a: 1, b: 1 }, opts2[1]], status_quo: { a: 0, b: 0 } },
		'option 1 has no name'],
	['a missing status quo', { options: opts2 }, '"status_quo" is missing'],
	['a status quo out of range', { options: opts2, status_quo: { a: 0, b: 11 } },
		"partner b's rating of no agreement must be a whole number from 0 to 10, not 11"],
	['a missing options list', { status_quo: { a: 0, b: 0 } }, '"options" is missing'],
	['malformed JSON', '{"options":', 'the input is not valid JSON'],
];

for (const [what, input, words] of chooseErrors) {
	test(`choose refuses ${what}`, () => refused(choose(input), words));
}

test('choose refuses input over 64 KiB and invalid UTF-8', () => {
	refused(choose(' '.repeat(64 * 1024 + 1)), 'the input is longer than 65536 bytes');
	refused(duet(['choose'], Buffer.from([0x7b, 0xff, 0x7d])), 'the input is not valid UTF-8 text');
});

for (const cmd of ['fair-split', 'choose']) {
	test(`${cmd} --help describes the command`, () => {
		const r = duet([cmd, '--help'], '');
		assert.equal(r.code, 0);
		assert.match(r.out, new RegExp(`^usage: duet ${cmd}`));
		assert.match(r.out, cmd === 'fair-split' ? /Adjusted Winner/ : /Nash bargaining/);
		assert.equal(r.err, '');
	});

	test(`${cmd} refuses an unexpected argument`, () => {
		const r = duet([cmd, '--frobnicate'], '');
		assert.equal(r.code, 2);
		assert.match(r.err, /unexpected argument '--frobnicate'/);
	});
}

test('duet --help lists both commands', () => {
	const r = duet(['--help'], '');
	assert.equal(r.code, 0);
	assert.match(r.out, /fair-split/);
	assert.match(r.out, /choose/);
});
