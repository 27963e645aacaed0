// Browser test of "Not a mirror image" at phone width: two partners each rate
// a category on the form (five steps or skip, a mark, a guess), add an item of
// their own, and see the map: the circles, the bars, the groups and how well
// each knows the other; then one tap puts a difference on the dream table, and
// a link starts a negotiation about another.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, couple } from '../lib/server.mjs';
import { launch, context, visit, menu } from '../lib/browser.mjs';

async function signIn(page, U, who) {
  await page.goto(U + '/signin');
  await page.getByLabel('Login name').fill(who.login);
  await page.getByLabel('Passphrase').fill(who.passphrase);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#names').waitFor();
}

// Rates one item on the open rating form: value is '-2'..'+2' or 'Skip'.
async function rate(page, item, value, { important = false, guess = null } = {}) {
  const group = page.getByRole('group', { name: item });
  const label = { '-2': '−2 strongly dislike', '-1': '−1 dislike', 0: '0 neutral', '+1': '+1 like', '+2': '+2 love it', Skip: 'Skip' }[value];
  await group.getByRole('radio', { name: label, exact: true }).check();
  if (important) await group.getByLabel('This matters a lot to me').check();
  if (guess) await group.getByRole('combobox').selectOption({ label: guess });
}

test('two partners rate a category and see their map', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben');
    const anaCtx = await context(browser, U);
    const benCtx = await context(browser, U);
    const ana = await anaCtx.newPage();
    const ben = await benCtx.newPage();
    await signIn(ana, U, a);
    await signIn(ben, U, b);

    // Before anything is rated by both, the map says what to do.
    await menu(ana, 'Differences');
    await visit(ana, null, 'differences-categories');
    await ana.getByRole('link', { name: 'See your map' }).click();
    await ana.getByRole('heading', { name: 'Nothing to compare yet' }).waitFor();
    await visit(ana, null, 'differences-map-empty');
    await ana.getByRole('link', { name: 'Rate some items' }).click();

    // Ana rates "Interests and activities" and adds an item of her own.
    await ana.getByRole('link', { name: 'Interests and activities' }).click();
    await visit(ana, null, 'differences-rate-empty');
    await ana.getByLabel('Your item').fill('Salsa classes with Jo');
    await ana.getByRole('button', { name: 'Add item' }).click();
    assert.match(ana.url(), /\/differences\/rate\/interests#item-\d+$/);
    await ana.getByRole('button', { name: 'Show all items' }).click(); // the whole list at once
    await rate(ana, 'Long walks or hikes in the countryside', '+2', { guess: '+1 (like)' });
    await rate(ana, 'Going to live music', '+1', { guess: '+2 (love it)' });
    await rate(ana, 'Cooking something new together', '-2', { important: true, guess: '-2 (strongly dislike)'.replace('-', '−') });
    await rate(ana, 'Watching a whole series over a weekend', '+2');
    await rate(ana, 'Board games and card games', 'Skip');
    await rate(ana, 'Salsa classes with Jo', '+2');
    await visit(ana, null, 'differences-rate');
    await ana.getByRole('button', { name: 'Save and go on to the next category' }).click();
    await ana.getByRole('status').filter({ hasText: 'Saved your ratings for Interests and activities' }).waitFor();
    await ana.goto(U + '/differences');
    assert.match(await ana.locator('main').textContent(), /You: 6 of 21 done · Ben: 0 of 21/);

    // Ben sees that Ana has rated, never what.
    await ben.goto(U + '/differences/rate/interests');
    await ben.getByRole('button', { name: 'Show all items' }).click();
    const walks = ben.getByRole('group', { name: 'Long walks or hikes in the countryside' });
    await walks.getByText('Ana has rated this.').waitFor();
    assert.equal(await ben.getByRole('group', { name: 'Going to live music' }).getByRole('radio', { checked: true }).count(), 0);
    await rate(ben, 'Long walks or hikes in the countryside', '+1', { guess: '+2 (love it)' });
    await rate(ben, 'Going to live music', '-1', { guess: '+1 (like)' });
    await rate(ben, 'Cooking something new together', '+2');
    await rate(ben, 'Watching a whole series over a weekend', '0', { important: true });
    await rate(ben, 'Board games and card games', '+2');
    await rate(ben, 'Salsa classes with Jo', '-2');
    await ben.getByRole('button', { name: 'Save and go on to the next category' }).click();
    await ben.getByRole('status').first().waitFor();

    // The form shows what was saved when Ben comes back.
    await ben.goto(U + '/differences/rate/interests');
    await ben.getByRole('button', { name: 'Show all items' }).click();
    const cooking = ben.getByRole('group', { name: 'Cooking something new together' });
    assert.equal(await cooking.getByRole('radio', { name: '+2 love it' }).isChecked(), true);
    assert.equal(await ben.getByRole('group', { name: 'Watching a whole series over a weekend' }).getByLabel('This matters a lot to me').isChecked(), true);

    // Ana's map.
    await ana.goto(U + '/differences/map');
    await ana.getByRole('heading', { name: 'How alike you are' }).waitFor();
    const main = ana.locator('main');
    // five items rated by both (the skipped one does not count): d = 1, 2, 4, 2, 4
    // similarity = 1 - 13 / 20 = 35%
    assert.match(await main.textContent(), /Over the 5 items you have both rated, your ratings are 35% alike/);
    await ana.getByRole('img', { name: 'Ana and Ben as two circles that share 35% of their area' }).waitFor();
    const loves = ana.locator('section', { has: ana.getByRole('heading', { name: /You both love/ }) });
    assert.match(await loves.textContent(), /Long walks or hikes in the countryside/);
    const diffs = ana.locator('section', { has: ana.getByRole('heading', { name: /^Differences/ }) });
    assert.match(await diffs.textContent(), /Going to live music.*You: \+1 \(like\) · Ben: −1 \(dislike\)/);
    const strong = ana.locator('section', { has: ana.getByRole('heading', { name: /Strong differences/ }) });
    const text = await strong.textContent();
    assert.match(text, /Cooking something new together.*Matters a lot to you/);
    assert.match(text, /Watching a whole series over a weekend.*Matters a lot to Ben/);
    assert.match(text, /Salsa classes with Jo/);
    const talk = new URL(await strong.getByRole('link', { name: 'Negotiate “Salsa classes with Jo”' }).getAttribute('href'), U);
    assert.equal(talk.pathname, '/negotiations/new');
    assert.equal(talk.searchParams.get('topic'), 'Salsa classes with Jo');
    assert.match(await main.textContent(), /You guessed 3 of Ben's ratings: 1 exactly right, and on average 2.3 steps away/);
    assert.match(await main.textContent(), /Ben guessed 2 of your ratings, all exactly right/);
    await visit(ana, null, 'differences-map');

    // One tap puts a strong difference on the dream table, with both ratings.
    await strong.getByRole('button', { name: 'Put “Cooking something new together” on the dream table' }).click();
    await ana.waitForURL(/\/dreams\/\d+$/);
    const dream = await ana.locator('main').textContent();
    assert.match(dream, /Cooking something new together/);
    assert.match(dream, /From our difference map: Ana −2 \(strongly dislike\), Ben \+2 \(love it\)\./);
    // and a link starts a negotiation about another, its topic filled in
    await ana.goto(U + '/differences/map');
    await ana.getByRole('link', { name: 'Negotiate “Salsa classes with Jo”' }).click();
    assert.equal(await ana.getByLabel('What is it about?').inputValue(), 'Salsa classes with Jo');

    // Ben's map is the same picture from the other side.
    await ben.goto(U + '/differences/map');
    assert.match(await ben.locator('main').textContent(), /your ratings are 35% alike/);
    assert.match(await ben.locator('main').textContent(), /You: \+2 \(love it\) · Ana: −2 \(strongly dislike\)/);
    await visit(ben, null, 'differences-map-ben');

    // Ana deletes the item she added, after a confirmation; Ben is offered no such link.
    await ben.goto(U + '/differences/rate/interests');
    await ben.getByRole('button', { name: 'Show all items' }).click();
    assert.equal(await ben.getByRole('group', { name: 'Salsa classes with Jo' }).getByRole('link', { name: 'Delete it…' }).count(), 0);
    await ana.goto(U + '/differences/rate/interests');
    await ana.getByRole('button', { name: 'Show all items' }).click();
    await ana.getByRole('group', { name: 'Salsa classes with Jo' }).getByRole('link', { name: 'Delete it…' }).click();
    await ana.getByRole('heading', { name: 'Delete this item?' }).waitFor();
    await visit(ana, null, 'differences-delete-confirm');
    await ana.getByRole('link', { name: 'No, keep it' }).click();
    await ana.waitForURL(/\/differences\/rate\/interests$/);
    await ana.getByRole('button', { name: 'Show all items' }).click();
    await ana.getByRole('group', { name: 'Salsa classes with Jo' }).getByRole('link', { name: 'Delete it…' }).click();
    await ana.getByRole('button', { name: 'Delete it' }).click();
    await ana.getByRole('status').filter({ hasText: 'Your item is deleted' }).waitFor();
    assert.doesNotMatch(await ana.locator('main').textContent(), /Salsa classes with Jo/);
    await ben.goto(U + '/differences/map');
    await ben.getByRole('heading', { name: 'How alike you are' }).waitFor();
    assert.doesNotMatch(await ben.locator('main').textContent(), /Salsa classes with Jo/);

    assert.deepEqual(anaCtx.foreign, [], 'requests to other origins');
    assert.deepEqual(benCtx.foreign, [], 'requests to other origins');
  } finally {
    await browser.close();
    await server.stop();
  }
});
