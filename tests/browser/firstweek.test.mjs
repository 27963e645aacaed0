// Browser tests of a new couple's first week (issue 18) at phone width: the
// invite with Copy (and Share only where the browser has it), the recovery
// code's Download, the browser's time zone at sign-up, an answer changed on
// two devices, limits said instead of cut, the quick exit and Back, and pages
// that do not scroll sideways at 200 % text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, api, signup, couple } from '../lib/server.mjs';
import { launch, context, signedIn, visit, PHONE } from '../lib/browser.mjs';

const server = await startServer();
const U = server.url;
const browser = await launch();
test.after(async () => { await browser.close(); await server.stop(); });

test('sign-up takes the browser\'s zone; the recovery code downloads; the invite copies and stays', async () => {
  const ctx = await context(browser, U, { ...PHONE, timezoneId: 'Asia/Tokyo', acceptDownloads: true });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: U });
  const ana = await ctx.newPage();
  await ana.goto(U + '/signup');
  await ana.getByLabel('Your name').fill('Ana');
  await ana.getByLabel('Login name').fill('bwana');
  await ana.getByLabel('Passphrase').fill('our first flat had a blue door');
  await ana.getByRole('button', { name: 'Sign up' }).click();
  const code = (await ana.locator('#recovery-code').textContent()).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  // every group on one line: no group's top differs within itself
  const groupsWhole = await ana.$$eval('#recovery-code .g', (gs) => gs.every((g) => g.getClientRects().length === 1));
  assert.ok(groupsWhole, 'a group of the recovery code broke over two lines');
  await visit(ana, null, 'fw-recovery-code');
  const [download] = await Promise.all([
    ana.waitForEvent('download'),
    ana.getByRole('button', { name: 'Download as a file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'duet-recovery-code.txt');
  const saved = readFileSync(await download.path(), 'utf8');
  assert.ok(saved.includes(code), saved);
  await ana.getByRole('button', { name: 'Copy the code' }).click();
  await ana.getByText('Copied.').waitFor();
  assert.equal(await ana.evaluate(() => navigator.clipboard.readText()), code);

  await ana.goto(U + '/account');
  assert.equal(await ana.getByLabel('Time zone').inputValue(), 'Asia/Tokyo');
  await visit(ana, null, 'fw-account');

  await ana.goto(U + '/couple');
  await ana.getByRole('button', { name: 'Make a couple space and invite my partner' }).click();
  const link = ana.locator('#invite-link');
  const href = await link.getAttribute('href');
  assert.match(href, /\/join\/[0-9A-Z-]+$/);
  // Chromium on Linux has no Web Share API: no Share button, Copy instead
  assert.equal(await ana.evaluate(() => 'share' in navigator), false);
  assert.equal(await ana.getByRole('button', { name: 'Share…' }).count(), 0);
  await ana.getByRole('button', { name: 'Copy the link' }).click();
  await ana.getByText('Copied.').waitFor();
  assert.equal(await ana.evaluate(() => navigator.clipboard.readText()), href);
  await visit(ana, null, 'fw-invite');
  // away and back: the invite is still there
  await ana.goto(U + '/');
  await ana.goto(U + '/couple');
  assert.equal(await ana.locator('#invite-link').getAttribute('href'), href);

  // where the browser can share, Share is offered
  await ana.addInitScript(() => { navigator.share = async () => { window.sharedWith = true; }; });
  await ana.reload();
  await ana.getByRole('button', { name: 'Share…' }).click();
  assert.equal(await ana.evaluate(() => window.sharedWith), true);

  // the partner's join page names Ana
  const benCtx = await context(browser, U);
  const ben = await benCtx.newPage();
  await ben.goto(href);
  await ben.getByText('Ana has invited you to share a couple space.').waitFor();
  await visit(ben, null, 'fw-join');
  await benCtx.close();
  assert.deepEqual(ctx.foreign, []);
  await ctx.close();
});

test('an answer changed on another device: both texts side by side, nothing lost', async () => {
  const [a] = await couple(U, 'Ana', 'Ben');
  const ctx = await signedIn(browser, U, a);
  // An open page gets the other device's answer live (static/live.js), so a
  // conflict needs a laptop that does not update (asleep, offline, or without
  // live updates): here its live script is not loaded.
  const laptop = await ctx.newPage();
  await laptop.route('**/static/live.js', (route) => route.abort());
  await laptop.goto(U + '/know');
  const phone = await ctx.newPage();
  await phone.goto(U + '/know');
  await phone.getByLabel('Your answer').fill('Written on the phone');
  await phone.getByRole('button', { name: 'Save my answer' }).click();
  await phone.getByText('Written on the phone').waitFor();
  await laptop.getByLabel('Your answer').fill('Written on the laptop');
  await laptop.getByRole('button', { name: 'Save my answer' }).click();
  await laptop.getByText('Saved now', { exact: true }).waitFor();
  assert.equal((await laptop.locator('.conflict blockquote').textContent()).trim(), 'Written on the phone');
  assert.equal(await laptop.getByLabel('What you wrote').inputValue(), 'Written on the laptop');
  await visit(laptop, null, 'fw-conflict');
  await laptop.getByRole('button', { name: 'Save changes' }).click();
  await laptop.getByText('Written on the laptop').first().waitFor();
  await ctx.close();
});

test('text past a limit is kept and the limit is said', async () => {
  const a = await signup(U, 'Ana');
  const ctx = await signedIn(browser, U, a);
  const page = await ctx.newPage();
  await page.goto(U + '/journal/new');
  const field = page.locator('textarea[data-max]').first();
  const max = Number(await field.getAttribute('data-max'));
  const long = 'x'.repeat(max + 12);
  await field.fill(long);
  await page.getByText(`This is 12 characters over the limit of ${max.toLocaleString('en')}.`).waitFor();
  assert.equal((await field.inputValue()).length, max + 12);
  await visit(page, null, 'fw-limit');
  await ctx.close();
});

test('the quick exit is on screen at the end of a long page, Escape twice leaves, Back does not return', async () => {
  const a = await signup(U, 'Ana');
  await api(U, 'POST', '/api/v1/journal', { text: 'a private moment' }, a.token);
  const ctx = await signedIn(browser, U, a);
  const page = await ctx.newPage();
  await page.goto(U + '/');
  await page.goto(U + '/journal');
  const exit = page.getByRole('link', { name: 'Quick exit' }).first();
  const box = await exit.boundingBox();
  assert.ok(box && box.y + box.height <= 844 && box.y >= 0, `quick exit is off screen: ${JSON.stringify(box)}`);
  await exit.click();
  await page.waitForURL((u) => !u.pathname.startsWith('/journal'));
  await page.goBack();
  assert.ok(!page.url().includes('/journal'), `Back returned to ${page.url()}`);

  await page.goto(U + '/journal');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForURL((u) => !u.pathname.startsWith('/journal'));
  await ctx.close();
});

test('at 200 % text on a 390 px phone nothing scrolls sideways', async () => {
  const [a, b] = await couple(U, 'Anastasia', 'Benedikt');
  const rid = (await api(U, 'POST', '/api/v1/repairs', { title: 'Sunday', happened_on: '2026-01-05' }, a.token)).json.repair.id;
  const ctx = await signedIn(browser, U, a);
  const page = await ctx.newPage();
  const wide = [];
  for (const p of ['/', '/couple', '/account', '/know', '/checkin', '/differences', '/differences/rate/interests',
    '/repairs/new', '/journal/new', '/negotiations/new', '/coach', '/counsellor', '/trends', '/agreements',
    '/dreams', '/repairs', `/repairs/${rid}/reflection`]) {
    const res = await page.goto(U + p);
    assert.equal(res.status(), 200, p);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const w = await page.evaluate(() => [document.documentElement.scrollWidth, 390]);
    await page.screenshot({ path: `test-output/screenshots/fw-200-${p.replace(/\W+/g, '_')}.png`, fullPage: true });
    if (w[0] > w[1]) wide.push(`${p}: ${w[0]} > ${w[1]}`);
  }
  assert.deepEqual(wide, []);
  void b;
  await ctx.close();
});

test('quick rating: one item at a time, each rating saved as it is made, skip counts, then the next category', async () => {
  const [a] = await couple(U, 'Ana', 'Ben');
  const ctx = await signedIn(browser, U, a);
  const page = await ctx.newPage();
  await page.goto(U + '/differences/rate/places');
  const total = await page.locator('fieldset.rate').count();
  await page.getByText(`Item 1 of ${total}`).waitFor();
  assert.equal(await page.locator('fieldset.rate:visible').count(), 1);
  await visit(page, null, 'fw-quick-rate');
  const first = page.locator('fieldset.rate:visible');
  const firstName = (await first.locator('legend').textContent()).trim();
  await first.getByRole('radio', { name: '+2 love it', exact: true }).check();
  await page.getByText(`Item 2 of ${total}`).waitFor();
  await page.getByText(`Saved: ${firstName}.`).waitFor();
  await page.locator('fieldset.rate:visible').getByRole('radio', { name: 'Skip', exact: true }).check();
  await page.getByText(`Item 3 of ${total}`).waitFor();
  // saved without pressing any save button: leave, and the API has both
  await page.getByText(`You have done 2 of ${total} here`).waitFor();
  const list = await api(U, 'GET', '/api/v1/differences/items?category=places', undefined, a.token);
  const mine = list.json.items.filter((i) => i.category === 'places');
  assert.equal(mine.find((i) => i.text === firstName).mine, 2);
  // swipe back to the one before
  await page.evaluate(() => {
    const form = document.querySelector('form.quick-rate');
    const at = (x, y) => new Touch({ identifier: 1, target: form, clientX: x, clientY: y });
    form.dispatchEvent(new TouchEvent('touchstart', { touches: [at(50, 300)], changedTouches: [at(50, 300)], bubbles: true }));
    form.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [at(300, 305)], bubbles: true }));
  });
  await page.getByText(`Item 2 of ${total}`).waitFor();
  // the overview counts the skip as done
  await page.goto(U + '/differences');
  assert.match(await page.locator('main').textContent(), new RegExp(`You: 2 of ${total} done`));
  // the form's button goes straight on to the next category (the last goes to the list)
  await page.goto(U + '/differences/rate/time');
  await page.getByRole('button', { name: 'Save and go on to the next category' }).click();
  await page.waitForURL(/\/differences\/rate\/affection\?saved=time$/);
  await page.getByText('Saved your ratings for').waitFor();
  await ctx.close();
});

test('the coach beside the reflection: invalidation pointed out, the result where the person reads, nothing saved', async () => {
  const [a] = await couple(U, 'Ana', 'Ben');
  const made = await api(U, 'POST', '/api/v1/repairs', { title: 'Saturday', happened_on: '2026-01-05' }, a.token);
  const id = made.json.repair.id;
  const ctx = await signedIn(browser, U, a);
  const page = await ctx.newPage();
  await page.goto(`${U}/repairs/${id}/reflection`);
  await page.getByLabel('My reality').fill('You always ignore me at parties, and then you say I overreacted.');
  await page.getByLabel('hurt', { exact: true }).check();
  await page.getByRole('button', { name: 'Check with the coach' }).click();
  await page.getByRole('heading', { name: 'What the coach notices' }).waitFor();
  assert.match(page.url(), /#coach$/);
  // the coach's section is in view, not below the fold
  const box = await page.locator('#coach').boundingBox();
  assert.ok(box.y < 844 && box.y + box.height > 0, `coach off screen at y=${box.y}`);
  const unsaved = page.getByText('Not saved yet');
  await unsaved.waitFor();
  const colour = await unsaved.evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(colour, 'rgb(47, 107, 58)', 'not the green of something done');
  await page.getByText('Always or never').waitFor();
  assert.equal(await page.locator('.coach-text mark').filter({ hasText: 'I overreacted' }).count(), 0);
  // "you say I overreacted" reports the partner's words; the coach marks "always"
  // and keeps what was written
  assert.equal(await page.getByLabel('My reality').inputValue(), 'You always ignore me at parties, and then you say I overreacted.');
  assert.equal(await page.getByLabel('hurt', { exact: true }).isChecked(), true);
  // a message that is not an apology gets no list of missing apology parts
  assert.equal(await page.getByRole('heading', { name: 'Parts of an apology' }).count(), 0);
  await visit(page, null, 'fw-reflection-coach');
  const r = await api(U, 'GET', `/api/v1/repairs/${id}`, undefined, a.token);
  assert.deepEqual(r.json.repair.me.reflection, { written: false });

  // the coach page: "you overreacted" is pointed out, and the result is in view
  await page.goto(U + '/coach');
  await page.getByLabel('Your message').fill('Honestly, you overreacted. Calm down.');
  await page.getByRole('button', { name: 'Look at it' }).click();
  await page.getByRole('heading', { name: 'What the coach notices' }).waitFor();
  assert.match(page.url(), /#coach$/);
  assert.ok((await page.locator('.coach-text mark').count()) >= 2);
  assert.equal(await page.getByRole('heading', { name: 'Parts of an apology' }).count(), 0);
  await ctx.close();
});

test('home is a hub: "Welcome" the first time, first steps that can be hidden, every area one tap away', async () => {
  const [a, b] = await couple(U, 'Ana', 'Ben');
  const ctx = await signedIn(browser, U, a);
  const page = await ctx.newPage();
  await page.goto(U + '/');
  await page.getByText('Welcome, Ana.').waitFor();
  await page.getByRole('heading', { name: 'Your first days together here' }).waitFor();
  for (const name of ['Know each other', 'Check-in', 'Differences', 'Dream table', 'Repair', 'Negotiate', 'Counsellor']) {
    assert.equal(await page.locator('ul.tiles').getByRole('link', { name: new RegExp('^' + name) }).count(), 1, name);
  }
  await visit(page, null, 'fw-home-first');
  // a step done is marked so
  await api(U, 'PUT', '/api/v1/checkins/current', { closeness: 5 }, a.token);
  await page.reload();
  await page.getByText('Welcome back, Ana.').waitFor();
  assert.match(await page.locator('#first-week li.done').textContent(), /check-in/);
  await page.getByRole('button', { name: 'Hide these suggestions' }).click();
  await page.waitForURL(U + '/');
  assert.equal(await page.locator('#first-week').count(), 0);
  // the counsellor is in the menu
  await page.getByRole('navigation', { name: 'Main' }).locator('summary').click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Counsellor', exact: true }).click();
  await page.waitForURL(U + '/counsellor');
  void b;
  await ctx.close();
});

test('on a desktop the menu is visible without opening it, and home has two columns', async () => {
  const [a] = await couple(U, 'Ana', 'Ben');
  const ctx = await signedIn(browser, U, a);
  await ctx.close();
  const wide = await context(browser, U, { viewport: { width: 1280, height: 900 } });
  await wide.addCookies([{ name: 'duet_session', value: a.token, url: U, httpOnly: true, sameSite: 'Strict' }]);
  const page = await wide.newPage();
  await page.goto(U + '/');
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Know each other', exact: true });
  assert.equal(await link.isVisible(), true, 'menu links are visible on a desktop');
  const tiles = await page.$$eval('ul.tiles > li', (lis) => new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top))).size < lis.length);
  assert.ok(tiles, 'tiles sit side by side');
  await visit(page, null, 'fw-home-desktop');
  // the other main pages: the menu too, and their first card with the cards
  // that go with it beside it
  const narrow = [];
  for (const p of ['/know', '/differences', '/repairs', '/checkin', '/trends', '/dreams', '/negotiations', '/agreements', '/journal']) {
    await page.goto(U + p);
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Repair', exact: true });
    assert.equal(await nav.isVisible(), true, `menu visible on ${p}`);
    const [first, second] = await page.$$eval('main > .card', (cs) => cs.slice(0, 2).map((c) => c.getBoundingClientRect().toJSON()));
    if (!(second && second.left >= first.right && second.top < first.bottom)) narrow.push(`${p}: ${JSON.stringify([first, second])}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `no sideways scroll on ${p}`);
    await visit(page, null, `fw-desktop${p.replace(/\W+/g, '_')}`);
  }
  assert.deepEqual(narrow, [], 'two columns on a desktop');
  await wide.close();
});
