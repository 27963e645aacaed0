// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and
// the axe-core accessibility check that every browser test runs on every page.
import { after } from 'node:test';
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const shots = path.join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

// Every browser still open when a file's tests end (a test failed before it
// closed its own) is closed then, so that the file ends instead of waiting on it.
const open = new Set();
after(async () => {
  await Promise.all([...open].map((b) => Promise.race([b.close().catch(() => {}),
    new Promise((r) => setTimeout(r, 10000).unref())])));
});

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  open.add(browser);
  browser.on('disconnected', () => open.delete(browser));
  return browser;
}

// A new browser context (its own cookies) that records every request leaving
// the server's origin, so tests can assert that pages make none.
export async function context(browser, base, opts = PHONE) {
  const ctx = await browser.newContext(opts);
  const foreign = [];
  ctx.on('request', (req) => { if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreign.push(req.url()); });
  ctx.foreign = foreign;
  return ctx;
}

// A browser context signed in as `who` (a session made through the API,
// as from signup() in server.mjs): the session cookie as duet sets it.
export async function signedIn(browser, base, who) {
  const ctx = await context(browser, base);
  await ctx.addCookies([{ name: 'duet_session', value: who.token, url: base, httpOnly: true, sameSite: 'Strict' }]);
  return ctx;
}

// Two partners (as from couple() in server.mjs), each signed in in their own
// context with a page open: { anaCtx, benCtx, ana, ben }.
export async function partnerPages(browser, base, a, b) {
  const anaCtx = await signedIn(browser, base, a);
  const benCtx = await signedIn(browser, base, b);
  return { anaCtx, benCtx, ana: await anaCtx.newPage(), ben: await benCtx.newPage() };
}

// Runs axe-core on the page and fails on any violation; then, with the page
// switched to the dark colour scheme, runs axe's colour contrast rule alone
// (the one rule the scheme changes), so that every page a test visits is
// checked in both schemes at little extra cost. Set DUET_AXE_DARK=0 to skip
// the dark pass.
export async function checkA11y(page, label) {
  await page.evaluate(axeSource);
  const run = (only) => page.evaluate(async (rules) => {
    const opts = { resultTypes: ['violations'] };
    if (rules) opts.runOnly = { type: 'rule', values: rules };
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, opts);
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, only);
  const light = await run(null);
  assert.deepEqual(light, [], `accessibility violations on ${label || page.url()}:\n${light.join('\n')}`);
  if (process.env.DUET_AXE_DARK === '0') return;
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    const dark = await run(['color-contrast']);
    assert.deepEqual(dark, [], `contrast violations in dark mode on ${label || page.url()}:\n${dark.join('\n')}`);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

// Navigates (or not), checks accessibility, and saves a full-page screenshot.
export async function visit(page, url, name) {
  if (url) await page.goto(url);
  await checkA11y(page, name);
  if (name) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// Opens the main menu (a <details>) and follows one of its links (or presses
// its Sign out button).
export async function menu(page, name) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const details = nav.locator('details.menu');
  if (!(await details.evaluate((d) => d.open))) await nav.locator('summary').click();
  const target = name === 'Sign out' ? nav.getByRole('button', { name }) : nav.getByRole('link', { name, exact: true });
  await target.click();
}
