#!/usr/bin/env node
// po.mjs: duet's own words out of the source into po/duet.pot, and into each
// language's catalogue (make po). GNU gettext does the work: xgettext with the
// writers as keywords (and t() and tn() in the page scripts, static/words.js),
// then msgmerge. Strings that are only markup (no words
// once tags, entities and printf conversions are taken out) are left out: they
// read the same in every language.
//   node scripts/po.mjs            regenerate po/duet.pot, merge into po/*.po
//   node scripts/po.mjs --pot FILE write the template to FILE only (tests)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The functions that take our text, and which argument (web/page.h, util/err.h).
// xgettext takes one argument per function in a run: the hints (a second
// argument of page_field and page_textarea) come from a second run.
export const KEYWORDS = [
  'h:2', 'hf:2', 'hn:3,4', 'page_begin:3', 'page_alert:2', 'page_field:3',
  'page_button_form:3', 'page_textarea:3', 'page_tr:2', 'req_text:3', 'req_int:3', 'req_bool:3', 'select_field:3', 'say:2', 'suggest:3',
  'req_fail:4', 'err_set:4', 'N_', '_', 'i18n_ntr:2,3', 'i18n_tr:2',
];

function sources() {
  const out = [];
  for (const dir of readdirSync(join(root, 'src'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(root, 'src', dir.name)).sort())
      if (f.endsWith('.c')) out.push(join('src', dir.name, f));
  }
  return out.sort();
}

// Words in a msgid once markup is taken out.
export function hasWords(id) {
  const text = id
    .replace(/<[^>]*>?/g, ' ')
    .replace(/^[^<]*>/, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/%(\d+\$)?[-+ #0-9.*']*[hlLqjzt]*[a-zA-Z%]/g, ' ');
  return /\p{L}{2,}/u.test(text);
}

// Drops the entries of a .pot whose msgid has no words.
function filter(pot) {
  const blocks = pot.split(/\n\n/);
  const keep = blocks.filter((b, i) => {
    if (i === 0) return true;
    const m = /^msgid ((?:".*"\n?)+)/m.exec(b);
    if (!m) return true;
    const id = m[1].split('\n').filter(Boolean).map((l) => JSON.parse(l)).join('');
    return hasWords(id);
  });
  return keep.join('\n\n');
}

const HINT_KEYWORDS = ['page_field:7', 'page_textarea:5'];
// The page scripts' words (static/words.js; the server hands them over: src/web/words.h).
export const SCRIPT_KEYWORDS = ['t', 'tn:1,2'];

function scripts() {
  return readdirSync(join(root, 'static')).filter((f) => f.endsWith('.js')).sort()
    .map((f) => join('static', f));
}

// Runs xgettext with these keywords over files in language into file
// (joining what is there when join).
function xgettext(keywords, file, join, language = 'C', files = sources()) {
  const args = ['--from-code=UTF-8', `--language=${language}`, '--no-wrap', '--sort-by-file',
    '--add-comments=TRANSLATORS:', '--package-name=duet', '--msgid-bugs-address=duet',
    '-k', ...keywords.map((k) => `-k${k}`), ...(join ? ['-j'] : []), '-o', file, ...files];
  execFileSync('xgettext', args, { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
}

export function makePot(out) {
  const tmp = out + '.tmp';
  xgettext(KEYWORDS, tmp, false);
  writeFileSync(tmp, readFileSync(tmp, 'utf8').replace('charset=CHARSET', 'charset=UTF-8'));
  xgettext(HINT_KEYWORDS, tmp, true);
  xgettext(SCRIPT_KEYWORDS, tmp, true, 'JavaScript', scripts());
  const pot = readFileSync(tmp, 'utf8');
  unlinkSync(tmp);
  writeFileSync(out, filter(pot));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--pot');
  if (i > 0) {
    makePot(process.argv[i + 1]);
  } else {
    const pot = join(root, 'po', 'duet.pot');
    makePot(pot);
    for (const f of readdirSync(join(root, 'po')).filter((f) => f.endsWith('.po'))) {
      execFileSync('msgmerge', ['--quiet', '--update', '--backup=none', '--no-wrap',
        '--no-fuzzy-matching', join(root, 'po', f), pot], { stdio: 'inherit' });
    }
    console.log(`po: ${readFileSync(pot, 'utf8').match(/^msgid /gm).length - 1} strings in po/duet.pot`);
  }
}
