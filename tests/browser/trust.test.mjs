// Browser test of trust and closeness at phone width: weeks of check-ins (the
// earlier weeks seeded, this week's made through the page by both partners),
// the trends page with its charts, the whole counsellor flow in three
// browsers, resources, feeling unsafe and the quick exit. axe runs on every
// page; screenshots land in test-output/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple } from '../lib/server.mjs';
import { launch, context, visit } from '../lib/browser.mjs';
import { seedCheckins } from '../lib/checkins.mjs';

async function signin(page, U, who) {
  await page.goto(U + '/signin');
  await page.getByLabel('Login name').fill(who.login);
  await page.getByLabel('Passphrase').fill(who.passphrase);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#names').waitFor();
}

test('check-ins over weeks, trends, and a counsellor brought in and let go', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [ana, ben] = await couple(U, 'Ana', 'Ben');
    const cid = (await api(U, 'GET', '/api/v1/me', undefined, ana.token)).json.couple.id;
    const weeks = [
      [6, 5, 4, 5, 5, 'You listened to the whole story.'], [5, 5, 4, 5, 4, null], [4, 6, 5, 5, 5, null],
      [3, 4, 3, 4, 4, 'Thank you for the walk on Sunday.'], [2, 5, 4, 4, 5, null], [1, 6, 5, 5, 5, null],
    ];
    seedCheckins(server.db, ana.id, cid, weeks.map(([ago, c, s, t, f, words]) => ({ ago, closeness: c, satisfaction: s, trust: t, safety: f, appreciation: words })));
    seedCheckins(server.db, ben.id, cid, weeks.filter(([ago]) => ago !== 4).map(([ago, c, s, t, f, words]) => ({ ago, closeness: Math.max(1, c - 1), satisfaction: s, trust: t, safety: Math.min(6, f + 1), appreciation: words && 'Ben: ' + words })));
    await api(U, 'POST', '/api/v1/agreements', { text: 'Phones away at dinner', who: 'both' }, ana.token);
    const g = (await api(U, 'POST', '/api/v1/agreements', { text: 'Ben plans one Saturday a month', who: 'partner' }, ana.token)).json.agreement;
    await api(U, 'PATCH', `/api/v1/agreements/${g.id}`, { status: 'kept' }, ben.token);

    const anaCtx = await context(browser, U);
    const benCtx = await context(browser, U);
    const kimCtx = await context(browser, U);
    const a = await anaCtx.newPage();
    const b = await benCtx.newPage();
    const k = await kimCtx.newPage();

    // Ana's check-in for this week
    await signin(a, U, ana);
    await visit(a, null, 'home-checkin-open');
    await a.getByRole('link', { name: 'Your check-in for this week is open' }).click();
    await visit(a, null, 'checkin');
    await a.getByRole('button', { name: 'Save my check-in' }).click();
    await a.getByRole('alert').filter({ hasText: 'Answer at least one' }).waitFor();
    await visit(a, null, 'checkin-empty');
    await a.getByLabel('6 · overlapping by about two thirds').check();
    await a.getByRole('group', { name: /How satisfied/ }).getByLabel('5', { exact: true }).check();
    await a.getByRole('group', { name: /How much do you trust Ben/ }).getByLabel('5', { exact: true }).check();
    await a.getByRole('group', { name: /How safe do you feel/ }).getByLabel('4', { exact: true }).check();
    await a.getByLabel(/One thing you appreciated about Ben/).fill('You fixed the bike without being asked.');
    await a.getByRole('button', { name: 'Save my check-in' }).click();
    await a.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    assert.equal(await a.getByLabel('6 · overlapping by about two thirds').isChecked(), true);
    await visit(a, null, 'checkin-saved');
    // change it during the week
    await a.getByRole('group', { name: /How much do you trust Ben/ }).getByLabel('6', { exact: true }).check();
    await a.getByRole('button', { name: 'Save changes' }).click();
    await a.getByRole('status').waitFor();

    // Ben checks in too, and sees Ana's appreciation on the trends page
    await signin(b, U, ben);
    await b.goto(U + '/checkin');
    await b.getByLabel('5 · overlapping by about half').check();
    await b.getByRole('group', { name: /How much do you trust Ana/ }).getByLabel('5', { exact: true }).check();
    await b.getByRole('button', { name: 'Save my check-in' }).click();
    await b.getByRole('status').waitFor();
    await b.goto(U + '/trends');
    await b.getByText('You fixed the bike without being asked.').waitFor();

    await a.goto(U + '/trends');
    assert.equal(await a.locator('figure.chart-box svg').count(), 5, 'four measures and the agreements');
    const desc = await a.locator('#chart-2 desc').textContent();
    assert.match(desc, /Ana: 5, 5, 5, 4, 4, 5, 6\./, desc);
    assert.match(desc, /Ben: 5, 5, gap, 4, 4, 5, 5\./, desc);
    await a.getByRole('heading', { name: 'Where you seem to be' }).waitFor();
    await a.getByText('Thank you for the walk on Sunday.').first().waitFor();
    assert.equal(await a.locator('text=streak').count(), 0);
    await visit(a, null, 'trends');
    await a.locator('#chart-0').screenshot({ path: 'test-output/screenshots/trends-closeness-chart.png' });
    await a.locator('#chart-agreements').screenshot({ path: 'test-output/screenshots/trends-agreements-chart.png' });

    // the counsellor flow: Kim signs up as a counsellor
    await k.goto(U + '/signup');
    await k.getByLabel('Your name').fill('Kim Lee');
    await k.getByLabel('Login name').fill('kimlee');
    await k.getByLabel('Passphrase').fill('a quiet room with two chairs');
    await k.getByLabel('me, as a counsellor a couple invites').check();
    await k.getByRole('button', { name: 'Sign up' }).click();
    await k.getByRole('link', { name: "I've kept it, continue" }).click();
    await k.getByRole('link', { name: 'Your couples' }).click();
    await visit(k, null, 'counsellor-dashboard-empty');

    await a.getByRole('link', { name: 'Share with your counsellor' }).click();
    await visit(a, null, 'counsellor-couple-start');
    await a.getByRole('button', { name: 'Make an invitation code' }).click();
    const code = (await a.locator('#counsellor-code').textContent()).trim();
    await visit(a, null, 'counsellor-code');

    await k.getByLabel("A couple's invitation code").fill('WRONG-CODE');
    await k.getByRole('button', { name: 'Enter code' }).click();
    await k.getByRole('alert').waitFor();
    await visit(k, null, 'counsellor-code-wrong');
    await k.getByLabel("A couple's invitation code").fill(code);
    await k.getByRole('button', { name: 'Enter code' }).click();
    await k.getByText('Nothing is shared yet').waitFor();
    await visit(k, null, 'counsellor-couple-waiting');

    await a.goto(U + '/counsellor');
    await a.getByText('Kim Lee entered your code').waitFor();
    await a.getByLabel('Check-in trends').check();
    await a.getByLabel('Agreements').check();
    await visit(a, null, 'counsellor-approve');
    await a.getByRole('button', { name: 'Approve and share' }).click();
    await a.getByText('Ben hasn\'t approved yet.').waitFor();

    await b.goto(U + '/');
    await b.getByRole('link', { name: /Kim Lee entered your invitation code/ }).click();
    await b.getByLabel('Check-in trends').check();
    await b.getByRole('button', { name: 'Approve and share' }).click();
    await b.getByText(/Kim Lee can see: Check-in trends\./).waitFor();
    await visit(b, null, 'counsellor-active');

    await k.goto(U + '/counsellor');
    assert.equal(await k.locator('.sparks svg').count(), 2);
    await visit(k, null, 'counsellor-dashboard');
    await k.getByRole('link', { name: 'Ana & Ben' }).click();
    await k.getByText('Agreements (not shared)').waitFor();
    await visit(k, null, 'counsellor-shared');
    await k.getByRole('link', { name: 'Check-in trends' }).click();
    assert.equal(await k.locator('figure.chart-box svg').count(), 4);
    assert.equal(await k.getByText('You fixed the bike').count(), 0, 'no appreciations');
    await visit(k, null, 'counsellor-checkins');
    const shared = k.url();

    await a.goto(U + '/counsellor');
    await a.getByText('Kim Lee opened Check-in trends').waitFor();
    await a.getByRole('link', { name: 'End sharing…' }).click();
    await visit(a, null, 'counsellor-end-confirm');
    await a.getByRole('button', { name: 'Yes, stop sharing' }).click();
    await a.getByRole('button', { name: 'Make an invitation code' }).waitFor();
    await visit(a, null, 'counsellor-ended');
    const gone = await k.goto(shared);
    assert.equal(gone.status(), 404);
    await visit(k, null, 'counsellor-after-end');

    // resources, feeling unsafe, reminders, and the quick exit from the footer
    await a.getByRole('link', { name: 'Resources' }).click();
    await a.getByText('The Dance of Intimacy').waitFor();
    await visit(a, null, 'resources');
    await a.getByRole('link', { name: 'Feeling unsafe?' }).first().click();
    await visit(a, null, 'safety');
    await a.goto(U + '/reminders');
    await visit(a, null, 'reminders');
    await a.getByRole('contentinfo').getByRole('link', { name: 'Quick exit' }).click();
    await a.waitForURL(U + '/kitchen');
    await visit(a, null, 'quick-exit');
    assert.equal(await a.getByText('duet').count(), 0, 'nothing of duet on the neutral page');

    for (const ctx of [anaCtx, benCtx, kimCtx]) assert.deepEqual(ctx.foreign, [], 'requests to other origins');
  } finally {
    await browser.close();
    await server.stop();
  }
});
