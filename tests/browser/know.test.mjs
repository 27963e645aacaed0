// Browser test of "Know each other" and the dream table at phone width, in two
// browsers: Ana and Ben answer the same prompt and each sees the other's answer
// only after answering; Ben asks "tell me more" and Ana adds to her answer;
// Ana puts a dream on the table and Ben asks about it. Every page is checked
// with axe and kept as a screenshot.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, couple } from '../lib/server.mjs';
import { launch, visit, menu, partnerPages } from '../lib/browser.mjs';

test('two partners answer, reveal, ask for more, and share a dream', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben');
    const { anaCtx, benCtx, ana, ben } = await partnerPages(browser, U, a, b);

    // Ana answers the current prompt first.
    await visit(ana, U + '/', 'know-home');
    await ana.getByRole('link', { name: 'Answer it' }).click();
    await visit(ana, null, 'know-prompt-new');
    const question = (await ana.locator('#prompt-text').textContent()).trim();
    const anaAnswer = 'Fresh tangerines, peeled in one long spiral.';
    await ana.getByLabel('Your answer').fill(anaAnswer);
    await ana.getByRole('button', { name: 'Save my answer' }).click();
    await ana.getByText("Ben hasn't answered yet.").waitFor();
    await visit(ana, null, 'know-prompt-waiting-for-partner');
    // Ana leaves the question (left open, the page would show Ben's moves as
    // they happen, tests/browser/live.test.mjs, and they would not be news).
    await ana.goto(U + '/');

    // Ben notices, opens the same prompt and sees only that Ana has answered.
    await ben.goto(U + '/');
    await ben.getByRole('link', { name: `Ana answered “${question}”` }).waitFor();
    await visit(ben, null, 'know-home-noticing');
    // the menu button carries the count, and so does the item inside it
    const navBar = ben.getByRole('navigation', { name: 'Main' });
    assert.match(await navBar.locator('summary').textContent(), /1 new/);
    await navBar.locator('summary').click();
    assert.match(await navBar.getByRole('link', { name: /Know each other/ }).textContent(), /1 new/);
    await navBar.locator('summary').click();
    await ben.getByRole('link', { name: `Ana answered “${question}”` }).click();
    await ben.getByText('Ana has answered. Answer to see what Ana wrote.').waitFor();
    assert.equal(await ben.getByText(anaAnswer).count(), 0, "Ana's answer must stay hidden");
    assert.ok(!(await ben.content()).includes(anaAnswer));
    await visit(ben, null, 'know-prompt');
    await ben.getByLabel('Your answer').fill('Warm bread from the bakery on the corner.');
    await ben.getByRole('button', { name: 'Save my answer' }).click();
    await ben.getByText(anaAnswer).waitFor();
    await visit(ben, null, 'know-prompt-both');

    // Ben asks for more; Ana sees both answers and the request, and adds.
    await ben.getByLabel('Ask Ana to tell you more').fill('Where did you first have them?');
    await ben.getByRole('button', { name: 'Tell me more' }).click();
    await ben.getByText('You asked Ana to tell you more.').waitFor();
    await ana.goto(U + '/');
    await ana.getByRole('link', { name: /Ben would like to hear more about your answer/ }).click();
    await ana.getByText('Warm bread from the bakery on the corner.').waitFor();
    await ana.getByText('Where did you first have them?').waitFor();
    await ana.getByLabel('Add to your answer').fill("At my grandmother's, every winter.");
    await ana.getByRole('button', { name: 'Add', exact: true }).click();
    await ana.getByText('You added:').waitFor();
    await visit(ana, null, 'know-prompt-thread');
    await ben.reload();
    await ben.getByText("At my grandmother's, every winter.").waitFor();

    // The other "Know each other" pages.
    await visit(ana, U + '/know/browse', 'know-browse');
    await visit(ana, U + '/know/decks', 'know-decks');
    await visit(ana, U + '/know/own', 'know-own');
    await ana.getByLabel('Your question').fill('What song takes you straight back to being sixteen?');
    await ana.getByRole('button', { name: 'Add our question' }).click();
    await ana.getByText('one of your own').waitFor();
    await visit(ana, U + '/together', 'together-intro');
    await ana.getByRole('button', { name: 'Begin' }).click();
    await ana.getByText('answers first, then').waitFor();
    await visit(ana, null, 'together-step');
    await ana.getByRole('button', { name: "We've talked about it: next question" }).click();
    await ana.getByText('question 2 of 3').waitFor();
    await ana.getByRole('button', { name: 'End here' }).click();
    await ana.getByText('Thank you for this time together').waitFor();
    await visit(ana, null, 'together-end');

    // Ana puts a dream on the table; Ben asks about it and moves it on.
    await menu(ana, 'Dream table');
    await visit(ana, null, 'dreams-empty');
    await ana.getByRole('link', { name: 'Put something on the table' }).click();
    await visit(ana, null, 'dreams-new');
    await ana.getByLabel('A dream: something I long for, near or far').check();
    await ana.getByLabel('In a few words').fill('A year by the sea');
    await ana.getByLabel('A few lines about it (optional)').fill('Mornings on the beach, a small house, fewer things.');
    await ana.getByRole('button', { name: 'Put it on the table' }).click();
    await ana.getByRole('heading', { name: 'A year by the sea' }).waitFor();
    await ana.goto(U + '/'); // away from the dream's page, so Ben's reply is news

    await ben.goto(U + '/dreams');
    await ben.getByRole('link', { name: 'A year by the sea' }).waitFor();
    await visit(ben, null, 'dreams-table');
    await ben.getByRole('link', { name: 'A year by the sea' }).click();
    await ben.getByRole('link', { name: 'Where does it come from? When did you first feel it?' }).click();
    assert.equal(await ben.getByLabel('Your reply').inputValue(), 'Where does it come from? When did you first feel it?');
    await ben.getByRole('button', { name: 'Reply' }).click();
    await ben.getByLabel('Exploring').check();
    await ben.getByRole('button', { name: 'Save where it stands' }).click();
    await ben.getByText('marked Exploring by you').waitFor();
    await visit(ben, null, 'dreams-page');
    await ana.goto(U + '/');
    await ana.getByRole('link', { name: 'Ben replied about “A year by the sea”' }).waitFor();
    await visit(ana, null, 'know-home-dream-news');

    assert.deepEqual(anaCtx.foreign, [], 'requests to other origins');
    assert.deepEqual(benCtx.foreign, [], 'requests to other origins');
  } finally {
    await browser.close();
    await server.stop();
  }
});
