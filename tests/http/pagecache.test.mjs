// The page cache never serves a page that a fresh render would not give.
//
// Two servers share one database: `kept` with the page cache on, `fresh` with
// it off (DUET_PAGE_CACHE_MB=0). The couple's actions go through either
// server; after each one, every cached page of both partners is fetched from
// both servers and must be byte for byte the same. Changes made through
// `fresh` are invisible to `kept`'s memory, so this also shows that the
// versions in the database (not the process) decide what is stale.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, signup, couple } from '../lib/server.mjs';

const PAGES = ['/', '/know', '/api/v1/prompts/current', '/differences', '/differences/map',
  '/api/v1/differences/map'];

let kept, fresh;
test.before(async () => {
  kept = await startServer();
  fresh = await startServer({ db: kept.db, env: { DUET_PAGE_CACHE_MB: '0' } });
});
test.after(async () => {
  await fresh.stop({ keep: true });
  await kept.stop();
});

async function page(base, p, who) {
  const res = await fetch(base + p, { redirect: 'manual', headers: { cookie: `duet_session=${who.token}` } });
  // The time a page was made (for its live updates, static/live.js) differs
  // between a kept copy and a fresh page by design: a kept page is served only
  // while nothing of the couple changed since that time.
  const text = (await res.text()).replace(/ data-since="\d+"/, '');
  return `${res.status} ${res.headers.get('location') || ''}\n${text}`;
}

// Every page, for each person, twice from `kept` (the second may be a kept
// copy) and once from `fresh`.
async function agree(step, people) {
  for (const who of people) {
    for (const p of PAGES) {
      await page(kept.url, p, who);
      const again = await page(kept.url, p, who);
      const now = await page(fresh.url, p, who);
      assert.equal(again, now, `after "${step}", ${who.name}'s ${p} from the cache differs from a fresh one`);
    }
  }
}

const hits = () => (kept.log().match(/ cached\n/g) || []).length;

test('page cache: every change a couple makes, through either server, shows at once', async () => {
  const K = kept.url, F = fresh.url;
  // Long names, so that no random token on a page can contain one by chance.
  const [ana, ben] = await couple(K, 'Annelie', 'Bartholomew');
  const people = [ana, ben];
  await agree('joining', people);
  const before = hits();
  await agree('nothing', people);
  assert.ok(hits() - before >= PAGES.length * 2, 'pages looked at again unchanged come from the cache');

  const cur = (await api(K, 'GET', '/api/v1/prompts/current', undefined, ana.token)).json.prompt.id;
  const steps = [
    ['Ana answers (other server)', () => api(F, 'PUT', `/api/v1/prompts/${cur}/answer`, { text: 'Ana: the sea at dawn' }, ana.token)],
    ['Ben answers', () => api(K, 'PUT', `/api/v1/prompts/${cur}/answer`, { text: 'Ben: warm bread' }, ben.token)],
    ['Ben asks to hear more (other server)', () => api(F, 'POST', `/api/v1/prompts/${cur}/more`, { note: 'Which beach?' }, ben.token)],
    ['Ana rates an interest', () => api(K, 'PUT', '/api/v1/differences/items/long-walks/rating', { rating: 2, important: true, guess: 1 }, ana.token)],
    ['Ben rates it (other server)', () => api(F, 'PUT', '/api/v1/differences/items/long-walks/rating', { rating: -1, guess: 2 }, ben.token)],
    ['Ana checks in (other server)', () => api(F, 'PUT', '/api/v1/checkins/current', { closeness: 5, satisfaction: 4, trust: 5, safety: 6 }, ana.token)],
    ['Ben makes an agreement due today', () => api(K, 'POST', '/api/v1/agreements', { text: 'I text when I am late', who: 'me', review_on: new Date().toISOString().slice(0, 10) }, ben.token)],
    ['Ana puts a dream on the table (other server)', () => api(F, 'POST', '/api/v1/dreams', { title: 'A year by the sea', text: 'Somewhere with a harbour', kind: 'dream' }, ana.token)],
    ['Ben starts a repair (other server)', () => api(F, 'POST', '/api/v1/repairs', { title: 'The phone call at dinner', happened_on: '2026-01-05' }, ben.token)],
    ['Ana opens a negotiation', () => api(K, 'POST', '/api/v1/negotiations', { topic: 'Holidays', kind: 'choice', items: ['Lisbon', 'Porto'] }, ana.token)],
  ];
  for (const [step, act] of steps) {
    const r = await act();
    assert.ok(r.status < 300, `${step}: ${r.status} ${r.text}`);
    await agree(step, people);
  }

  // A counsellor's actions change the couple's pages too.
  const kim = await signup(K, 'Kim', { kind: 'counsellor' });
  const inv = await api(F, 'POST', '/api/v1/counsellor/invites', undefined, ana.token);
  assert.equal(inv.status, 201, inv.text);
  await agree('Ana invites a counsellor', people);
  const acc = await api(F, 'POST', '/api/v1/counsellor/accept', { code: inv.json.code }, kim.token);
  assert.equal(acc.status, 200, acc.text);
  await agree('the counsellor enters the code (other server)', people);

  // Signing out ends the kept pages of that session at once.
  const out = await api(F, 'DELETE', '/api/v1/sessions/current', undefined, ben.token);
  assert.ok(out.status < 300, out.text);
  const gone = await page(K, '/', ben);
  assert.ok(!gone.includes('Welcome back'), 'a signed-out session gets no kept page');
  await agree('Ben signs out (other server)', [ana]);

  // Leaving: Ana's pages no longer show Ben.
  const ben2 = { ...ben, token: (await api(K, 'POST', '/api/v1/sessions', { login: ben.login, passphrase: ben.passphrase })).json.token };
  await agree('Ben signs in again', [ana, ben2]);
  const left = await api(F, 'DELETE', '/api/v1/couple', undefined, ben2.token);
  assert.ok(left.status < 300, left.text);
  await agree('Ben leaves the couple (other server)', [ana, ben2]);
  assert.ok(!(await page(K, '/', ana)).includes('Bartholomew'), 'Ana\'s home page no longer names Ben');
});

test('page cache: a query string, another person or another page is never served a kept page', async () => {
  const [cy, di] = await couple(kept.url, 'Cyprian', 'Dorotea');
  await page(kept.url, '/', cy); // the very first look says "Welcome", later ones "Welcome back"
  const home = await page(kept.url, '/', cy);
  assert.equal(await page(kept.url, '/', cy), home);
  assert.notEqual(await page(kept.url, '/', di), home, 'the partner gets their own page');
  const before = hits();
  await page(kept.url, '/differences?category=places', cy);
  await page(kept.url, '/differences?category=places', cy);
  assert.equal(hits(), before, 'pages with a query string are made afresh');
  const eve = await signup(kept.url, 'Eve');
  const alone = await page(kept.url, '/', eve);
  assert.ok(!alone.includes('Cyprian') && !alone.includes('Dorotea'));
});
