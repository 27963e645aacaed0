// Browser test of the page scripts' words in the reader's language: a person
// who chose German sees the negotiation's points counter, quick rating's
// progress and saved note, and the offline page in German (and the service
// worker's copy of it follows a change of language), while their partner, in
// English, still sees English. The words come on the scripts' own
// tags (data-words), and the page's Content-Security-Policy blocks nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple } from '../lib/server.mjs';
import { launch, visit, partnerPages } from '../lib/browser.mjs';

// Collects what the browser refused under the Content-Security-Policy.
function refusals(page) {
  const seen = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text()); });
  return seen;
}

test('page scripts speak the reader\'s language', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben');
    assert.equal((await api(U, 'PATCH', '/api/v1/me', { language: 'de' }, a.token)).status, 200);
    const n = await api(U, 'POST', '/api/v1/negotiations', { topic: 'Sommer', kind: 'split', items: ['Urlaub', 'Auto'] }, a.token);
    assert.equal(n.status, 201, n.text);
    const { ana, ben } = await partnerPages(browser, U, a, b);
    const anaRefused = refusals(ana), benRefused = refusals(ben);

    // The points counter, as it follows the typing.
    await ana.goto(U + `/negotiations/${n.json.negotiation.id}`);
    await ana.getByLabel('Urlaub', { exact: true }).fill('60');
    await ana.getByLabel('Auto', { exact: true }).fill('50');
    await ana.locator('#remaining', { hasText: /^Das sind 10 zu viel\.$/ }).waitFor(); // the script may load after the typing
    assert.equal(await ana.locator('#remaining strong').textContent(), '10');
    await ana.getByLabel('Auto', { exact: true }).fill('30');
    await ana.locator('#remaining', { hasText: /^Noch zu vergebende Punkte: 10$/ }).waitFor();
    await visit(ana, null, 'lang-de-negotiate');
    await ben.goto(U + `/negotiations/${n.json.negotiation.id}`);
    await ben.getByLabel('Urlaub', { exact: true }).fill('70');
    await ben.locator('#remaining', { hasText: /^Points left to give: 30$/ }).waitFor();

    // Quick rating: where one is, what was saved, how many are done.
    await ana.goto(U + '/differences/rate/places');
    const total = await ana.locator('fieldset.rate').count();
    await ana.getByText(`Punkt 1 von ${total}`).waitFor();
    await ana.getByRole('button', { name: 'Alle Punkte zeigen' }).waitFor();
    const first = ana.locator('fieldset.rate:visible');
    const name = (await first.locator('legend').textContent()).trim();
    await first.locator('input[type=radio]').first().check();
    await ana.getByText(`Punkt 2 von ${total}`).waitFor();
    await ana.getByText(`Gespeichert: „${name}“.`).waitFor();
    await ana.getByText(`Du hast hier 1 von ${total} erledigt`).waitFor();
    await visit(ana, null, 'lang-de-quick-rate');
    await ben.goto(U + '/differences/rate/places');
    await ben.getByText(`Item 1 of ${total}`).waitFor();
    await ben.getByRole('button', { name: 'Show all items' }).waitFor();

    // The words ride on the script tags, only on the German page.
    assert.match(await ana.locator('script[src="/static/quickrate.js"]').getAttribute('data-words'), /Punkt %d von %d/);
    assert.equal(await ben.locator('script[src="/static/quickrate.js"]').getAttribute('data-words'), null);

    // The offline page the service worker keeps, in each one's language.
    let res = await ana.request.get(U + '/offline');
    assert.equal(res.headers()['content-language'], 'de');
    assert.match(await res.text(), /Gerade keine Verbindung/);
    res = await ben.request.get(U + '/offline');
    assert.equal(res.headers()['content-language'], 'en');
    assert.match(await res.text(), /No connection just now/);

    // The service worker keeps the offline page in Ana's language, and takes
    // it again once her pages come in another.
    await ana.goto(U + '/');
    await ana.evaluate(() => navigator.serviceWorker.ready);
    await ana.reload();
    const kept = (lang) => ana.waitForFunction(async (l) => {
      const res = await caches.match('/offline');
      return Boolean(res) && res.headers.get('Content-Language') === l;
    }, lang, { polling: 100 });
    await kept('de');
    assert.equal((await api(U, 'PATCH', '/api/v1/me', { language: 'es' }, a.token)).status, 200);
    await ana.goto(U + '/know');
    await kept('es');
    await ana.context().setOffline(true);
    await ana.goto(U + '/dreams').catch(() => {});
    await ana.getByRole('heading', { name: 'Ahora mismo no hay conexión' }).waitFor();
    await ana.context().setOffline(false);

    assert.deepEqual(anaRefused, []);
    assert.deepEqual(benRefused, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
