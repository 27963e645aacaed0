// Browser test of a full split negotiation at phone width: Ana opens it, Ben
// adds an issue, each gives points in private (with the live counter and the
// server's check of the total), the proposal shows its picture, both accept,
// and the results are agreements. Screenshots of every step.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, couple } from '../lib/server.mjs';
import { launch, visit, menu, partnerPages } from '../lib/browser.mjs';

async function givePoints(page, points) {
  for (const [name, n] of Object.entries(points))
    await page.getByLabel(name, { exact: true }).fill(String(n));
}

test('a split negotiation from the first issue to agreements', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben'); // Ana signed up first: partner a
    const { anaCtx, benCtx, ana, ben } = await partnerPages(browser, U, a, b);

    await ana.goto(U + '/');
    await menu(ana, 'Negotiate');
    await visit(ana, null, 'negotiate-empty');
    await ana.getByRole('link', { name: 'Start a negotiation' }).click();
    await ana.getByLabel('What is it about?').fill('Dividing our things');
    await ana.getByLabel('Share out several issues').check();
    await ana.getByLabel('The issues or options, one a line').fill('Retirement\nHome\nCottage\nInvestments');
    await visit(ana, null, 'negotiate-new');
    await ana.getByRole('button', { name: 'Start' }).click();
    await ana.getByRole('heading', { name: 'Dividing our things' }).waitFor();
    await visit(ana, null, 'negotiate-open');
    const url = ana.url();

    // Ben adds the last issue; either may, until both have started.
    await ben.goto(url);
    await ben.getByLabel('Add an issue').fill('Other');
    await ben.getByRole('button', { name: 'Add', exact: true }).click();
    await ben.getByRole('button', { name: 'Remove Other' }).waitFor();

    // Ana gives her points; the counter follows as she types.
    await ana.reload();
    await givePoints(ana, { Retirement: 50, Home: 20, Cottage: 15, Investments: 10 });
    await ana.locator('#remaining', { hasText: /^Points left to give: 5$/ }).waitFor(); // the counter's script may load after the typing
    await ana.getByRole('button', { name: "I'm done" }).click();
    await ana.getByRole('alert').filter({ hasText: 'Your points add up to 95' }).waitFor();
    await visit(ana, null, 'negotiate-allocate-error');
    await givePoints(ana, { Other: 5 });
    await ana.locator('#remaining', { hasText: /^Points left to give: 0$/ }).waitFor(); // the counter's script may load after the typing
    await visit(ana, null, 'negotiate-allocate');
    await ana.getByRole('button', { name: "I'm done" }).click();
    await ana.getByText('You are done.').waitFor();

    // Ben sees that Ana is done, not her points.
    await ben.reload();
    await ben.getByText('Ana is done.').waitFor();
    assert.equal(await ben.locator('text=/\\b50\\b/').count(), 0);
    await givePoints(ben, { Retirement: 40, Home: 30, Cottage: 10, Investments: 10, Other: 10 });
    await visit(ben, null, 'negotiate-allocate-ben');
    await ben.getByRole('button', { name: "I'm done" }).click();
    await ben.getByRole('heading', { name: 'The proposal' }).waitFor();
    assert.match(await ben.locator('svg.pairbars title').textContent(), /How the issues are shared/);
    await assert.doesNotReject(ben.getByText('Only Retirement is shared: 5/6 of it for Ana and 1/6 for Ben.').waitFor());
    await ben.getByText('Ana decides about Cottage.').waitFor();
    await ben.getByText('Retirement is shared. In real life you could take turns: Ana 5 times in 6 and Ben 1 in 6').waitFor();
    await visit(ben, null, 'negotiate-proposal');
    await ben.getByRole('button', { name: 'Accept' }).click();
    await ben.getByText('You have accepted.').waitFor();

    await ana.reload();
    await ana.getByText('Ben has accepted.').waitFor();
    await ana.getByText('Both of your points').click();
    await visit(ana, null, 'negotiate-proposal-ana');
    await ana.getByRole('button', { name: 'Accept' }).click();
    await ana.getByRole('heading', { name: 'Your agreements' }).waitFor();
    await visit(ana, null, 'negotiate-agreed');
    await ana.getByRole('link', { name: 'Dividing our things: Ana decides about Cottage.' }).click();
    await ana.getByRole('heading', { name: 'Agreements' }).waitFor();
    assert.equal(await ana.locator('li.item').filter({ hasText: 'Dividing our things' }).count(), 5);
    await visit(ana, null, 'negotiate-agreements-list');

    await ben.goto(U + '/negotiations');
    await ben.getByText('Agreed by both of you').waitFor();
    await visit(ben, null, 'negotiate-list');

    assert.deepEqual(anaCtx.foreign, [], 'requests to other origins');
    assert.deepEqual(benCtx.foreign, [], 'requests to other origins');
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a choice: prefilled from a link, rated in private, proposed, and a kind word when nothing fits', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben');
    const { anaCtx, benCtx, ana, ben } = await partnerPages(browser, U, a, b);

    await ana.goto(U + '/negotiations/new?topic=Summer%20holidays&kind=choice&items=Lisbon%0APorto%0AFaro');
    assert.equal(await ana.getByLabel('What is it about?').inputValue(), 'Summer holidays');
    assert.ok(await ana.getByLabel('Choose one option').isChecked());
    await ana.getByRole('button', { name: 'Start' }).click();
    await ana.getByRole('heading', { name: 'Your ratings' }).waitFor();
    await givePoints(ana, { Lisbon: 8, Porto: 5, Faro: 3, 'Having no agreement': 0 });
    await visit(ana, null, 'negotiate-choice-rate');
    await ana.getByRole('button', { name: "I'm done" }).click();
    await ana.getByText('You are done.').waitFor();
    const url = ana.url().replace(/#.*$/, '');

    await ben.goto(U + '/');
    await ben.getByRole('link', { name: '1 negotiation is ready for you' }).waitFor();
    await visit(ben, null, 'negotiate-home');
    await ben.goto(url);
    await givePoints(ben, { Lisbon: 2, Porto: 5, Faro: 7 });
    await ben.getByRole('button', { name: 'Save for later' }).click(); // a draft may leave one out
    await ben.getByText('Your ratings are saved as a draft.').waitFor();
    await givePoints(ben, { 'Having no agreement': 0 });
    await ben.getByRole('button', { name: "I'm done" }).click();
    await ben.getByText('duet proposes: Porto').waitFor();
    await visit(ben, null, 'negotiate-choice-proposal');

    // Nothing better than no agreement for both: said kindly, with a way on.
    await ana.goto(U + '/negotiations/new?kind=choice');
    await ana.getByLabel('What is it about?').fill('Where to live');
    await ana.getByLabel('The issues or options, one a line').fill('Town\nCountry');
    await ana.getByRole('button', { name: 'Start' }).click();
    await givePoints(ana, { Town: 3, Country: 9, 'Having no agreement': 5 });
    await ana.getByRole('button', { name: "I'm done" }).click();
    await ana.getByText('You are done.').waitFor();
    await ben.goto(ana.url().replace(/#.*$/, ''));
    await givePoints(ben, { Town: 8, Country: 2, 'Having no agreement': 5 });
    await ben.getByRole('button', { name: "I'm done" }).click();
    await ben.getByRole('link', { name: 'dream table' }).waitFor();
    assert.equal(await ben.getByRole('button', { name: 'Accept' }).count(), 0);
    await visit(ben, null, 'negotiate-choice-none');
    await ben.getByRole('button', { name: 'Reopen and rethink the options' }).click();
    await ben.getByLabel('Add an option').waitFor();

    assert.deepEqual(anaCtx.foreign, [], 'requests to other origins');
    assert.deepEqual(benCtx.foreign, [], 'requests to other origins');
  } finally {
    await browser.close();
    await server.stop();
  }
});
