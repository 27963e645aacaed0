// Browser test of the installable app: the manifest and its icons, the root
// icons browsers look for, the service worker (it registers, and after private
// pages have been open its cache holds only the shell, nothing anyone wrote),
// the offline page, and dark mode on a representative set of pages (axe in
// both colour schemes; checkA11y runs the dark contrast pass on every page).
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple } from '../lib/server.mjs';
import { launch, signedIn, visit, checkA11y } from '../lib/browser.mjs';
import { startPushSink, device, decrypt } from '../lib/push-sink.mjs';

const SHELL = ['/offline', '/manifest.webmanifest', '/favicon.ico', '/static/style.css', '/static/exit.js',
  '/static/pwa.js', '/static/together.js', '/static/negotiate.js', '/static/push.js', '/static/icon.svg',
  '/static/icon-192.png', '/static/icon-512.png'];

test('installable: manifest, icons, service worker with only the shell in its cache, dark mode', async () => {
  const sink = await startPushSink();
  const server = await startServer({ env: { DUET_PUSH_ALLOW_HTTP: '1' } });
  const browser = await launch();
  try {
    const U = server.url;
    const [ana, ben] = await couple(U, 'Ana', 'Ben');
    const secret = 'Ana-secret-kumquats-' + Date.now();
    const cur = await api(U, 'GET', '/api/v1/prompts/current', undefined, ana.token);
    const pid = cur.json.prompt.id;
    assert.equal((await api(U, 'PUT', `/api/v1/prompts/${pid}/answer`, { text: secret }, ana.token)).status, 200);
    assert.equal((await api(U, 'PUT', `/api/v1/prompts/${pid}/answer`, { text: 'Ben-words-' + secret }, ben.token)).status, 200);
    assert.equal((await api(U, 'POST', '/api/v1/journal', { text: 'Journal-' + secret }, ana.token)).status, 201);

    const ctx = await signedIn(browser, U, ana);
    const page = await ctx.newPage();
    await page.goto(U + '/');

    // The page's head points at the manifest; the manifest parses and says
    // what an installable app needs.
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    assert.equal(href, '/manifest.webmanifest');
    assert.equal(await page.locator('meta[name=theme-color]').getAttribute('content'), '#8a3b5c');
    const mres = await page.request.get(U + href);
    assert.equal(mres.status(), 200);
    assert.match(mres.headers()['content-type'], /^application\/manifest\+json/);
    const m = await mres.json();
    assert.equal(m.name, 'duet');
    assert.equal(m.short_name, 'duet');
    assert.equal(m.start_url, '/');
    assert.equal(m.display, 'standalone');
    assert.match(m.theme_color, /^#[0-9a-f]{6}$/);
    assert.match(m.background_color, /^#[0-9a-f]{6}$/);
    const pngs = m.icons.filter((i) => i.type === 'image/png');
    for (const size of ['192x192', '512x512'])
      assert.ok(pngs.some((i) => i.sizes === size && /any/.test(i.purpose)), `an icon of ${size}`);
    assert.ok(pngs.some((i) => /maskable/.test(i.purpose)), 'a maskable icon');
    // Each icon loads as an image of the size the manifest says.
    for (const icon of pngs) {
      const [w, h] = await page.evaluate((src) => new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);
        img.onerror = () => reject(new Error('could not load ' + src));
        img.src = src;
      }), icon.src);
      assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    }
    // The icons browsers ask for at the root.
    for (const [p, type, size] of [['/favicon.ico', 'image/x-icon'], ['/apple-touch-icon.png', 'image/png', 180],
      ['/apple-touch-icon-precomposed.png', 'image/png', 180]]) {
      const res = await page.request.get(U + p);
      assert.equal(res.status(), 200, p);
      assert.equal(res.headers()['content-type'], type, p);
      if (size) {
        const body = await res.body();
        assert.equal(body.readUInt32BE(16), size, p + ' width');
        assert.equal(body.readUInt32BE(20), size, p + ' height');
      }
    }

    // The service worker registers (http://127.0.0.1 is a secure context)
    // with the whole site as its scope.
    const sw = await page.request.get(U + '/sw.js');
    assert.match(sw.headers()['content-type'], /javascript/);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, U + '/');

    // Private pages, opened with the worker in charge.
    await page.reload();
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the page is controlled');
    for (const p of ['/', `/know/prompts/${pid}`, '/journal', '/account', '/dreams', '/api/v1/me', `/api/v1/prompts/${pid}`]) {
      const res = await page.goto(U + p);
      assert.equal(res.status(), 200, p);
    }
    await page.goto(U + `/know/prompts/${pid}`);
    assert.ok((await page.content()).includes(secret), 'the answer shows on the page');
    await page.evaluate(() => fetch('/api/v1/journal').then((r) => r.text()));

    // What the cache storage holds: the shell, and nothing anyone wrote.
    const stored = await page.evaluate(async () => {
      const out = [];
      for (const name of await caches.keys()) {
        const c = await caches.open(name);
        for (const req of await c.keys()) {
          const res = await c.match(req);
          out.push({ url: new URL(req.url).pathname, text: (await res.text()).slice(0, 200000) });
        }
      }
      return out;
    });
    const urls = stored.map((s) => s.url).sort();
    assert.deepEqual(urls, [...SHELL].sort(), 'only the shell is kept');
    for (const s of stored) assert.ok(!s.text.includes('kumquats'), `${s.url} holds no private text`);

    // Offline: a page that cannot load shows the offline page.
    await ctx.setOffline(true);
    await page.goto(U + '/dreams').catch(() => {});
    await page.getByRole('heading', { name: 'No connection just now' }).waitFor();
    await ctx.setOffline(false);
    await visit(page, U + '/offline', 'offline');

    // Dark mode: a representative set of pages, screenshots of each; axe
    // runs in both schemes (checkA11y).
    await page.emulateMedia({ colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(23, 20, 26)', 'the dark background');
    for (const [p, name] of [['/', 'dark-home'], [`/know/prompts/${pid}`, 'dark-prompt'], ['/account', 'dark-account'],
      ['/checkin', 'dark-checkin'], ['/differences', 'dark-differences'], ['/journal/new', 'dark-journal-new'],
      ['/negotiations/new', 'dark-negotiation-new'], ['/safety', 'dark-safety']]) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(U + p);
      await page.screenshot({ path: `test-output/screenshots/${name}.png`, fullPage: true });
      await checkA11y(page, name);
    }
    const anon = await (await browser.newContext({ colorScheme: 'dark' })).newPage();
    for (const p of ['/signin', '/signup', '/resources']) {
      await anon.goto(U + p);
      await checkA11y(anon, 'dark ' + p);
    }
    await anon.context().close();

    // The account page's Notifications section: this device's state, and the
    // settings saved through the form.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(U + '/account');
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.getByRole('status').filter({ hasText: 'Notifications are off for this device.' }).waitFor();
    assert.ok(await section.getByRole('button', { name: 'Turn on for this device' }).isVisible());
    assert.ok(!(await section.getByRole('button', { name: 'Turn off for this device' }).isVisible()));
    assert.ok(!(await section.getByRole('button', { name: 'Send a test notification' }).isVisible()));
    const discreet = section.getByLabel('Only "Something new in duet"');
    assert.equal(await discreet.isChecked(), true, 'discreet by default');
    const tz = await page.evaluate(() => 0 - new Date().getTimezoneOffset());
    assert.equal(await page.locator('#utc_offset').inputValue(), String(tz));
    await visit(page, null, 'account-notifications');
    await discreet.uncheck();
    await section.getByLabel('Differences').uncheck();
    await section.getByLabel('From').fill('22:30');
    await section.getByLabel('Until').fill('07:00');
    await section.getByRole('button', { name: 'Save notification settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Notification settings saved.' }).waitFor();
    const saved = await api(U, 'GET', '/api/v1/push/settings', undefined, ana.token);
    assert.equal(saved.json.discreet, false);
    assert.deepEqual(saved.json.quiet_hours, { from: '22:30', to: '07:00' });
    assert.ok(!saved.json.kinds.includes('difference') && saved.json.kinds.includes('prompt'));
    assert.equal(saved.json.utc_offset, tz);

    // Turning notifications on for this device, through static/push.js. The
    // headless browser has no push service, so its PushManager is replaced by
    // one that hands out a subscription whose keys the test holds (as a real
    // browser's are held by the phone); everything else is real.
    const phone = device(sink.origin + '/push/ana-browser');
    const serverKey = (await api(U, 'GET', '/api/v1/push/key', undefined, ana.token)).json.public_key;
    const pushCtx = await signedIn(browser, U, ana);
    await pushCtx.grantPermissions(['notifications'], { origin: U });
    await pushCtx.addInitScript((sub) => {
      let current = null;
      const make = () => ({ endpoint: sub.endpoint, toJSON: () => sub, unsubscribe: async () => { current = null; return true; } });
      PushManager.prototype.getSubscription = async function () { return current; };
      PushManager.prototype.subscribe = async function (opts) {
        const k = new Uint8Array(opts.applicationServerKey);
        window.__appKey = btoa(String.fromCharCode(...k)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        window.__userVisible = opts.userVisibleOnly;
        current = make();
        return current;
      };
    }, phone.json);
    const pp = await pushCtx.newPage();
    await pp.goto(U + '/account');
    const ns = pp.getByRole('region', { name: 'Notifications' });
    await ns.getByRole('button', { name: 'Turn on for this device' }).click();
    await ns.getByRole('status').filter({ hasText: 'Notifications are on for this device.' }).waitFor();
    assert.equal(await pp.evaluate(() => window.__appKey), serverKey, 'subscribed with the server key');
    assert.equal(await pp.evaluate(() => window.__userVisible), true);
    let subs = (await api(U, 'GET', '/api/v1/push/subscriptions', undefined, ana.token)).json.subscriptions;
    assert.deepEqual(subs.map((x) => x.endpoint), [phone.json.endpoint]);
    await visit(pp, null, 'account-notifications-on');
    const before = sink.got.length;
    await ns.getByRole('button', { name: 'Send a test notification' }).click();
    await ns.getByRole('status').filter({ hasText: 'A test notification is on its way.' }).waitFor();
    const sent = await sink.next('/push/ana-browser', before);
    assert.ok(sent, 'the test notification reached the push service');
    assert.deepEqual(JSON.parse(decrypt(phone, sent.body)), { title: 'duet', body: 'Notifications are on for this device.', url: '/account' });
    await ns.getByRole('button', { name: 'Turn off for this device' }).click();
    await ns.getByRole('status').filter({ hasText: 'Notifications are off for this device.' }).waitFor();
    subs = (await api(U, 'GET', '/api/v1/push/subscriptions', undefined, ana.token)).json.subscriptions;
    assert.deepEqual(subs, []);
    await pushCtx.close();

    // Taking a break from reminders, for both.
    await page.goto(U + '/reminders');
    await visit(page, null, 'reminders-pause');
    await page.getByRole('button', { name: "We're taking a break from reminders" }).click();
    await page.getByText('You paused reminders for both of you.').waitFor();
    await visit(page, null, 'reminders-paused');
    const benCtx = await signedIn(browser, U, ben);
    const benPage = await benCtx.newPage();
    await benPage.goto(U + '/reminders');
    await benPage.getByText('Ana paused reminders for both of you.').waitFor();
    await benPage.getByRole('button', { name: 'Start reminders again' }).click();
    await benPage.getByRole('button', { name: "We're taking a break from reminders" }).waitFor();
    await benCtx.close();
    await ctx.close();
  } finally {
    await browser.close();
    await server.stop();
    await sink.stop();
  }
});
