// Browser test of a whole repair between two partners, in two browsers at phone
// width, without any script of ours: start, reflect, apologise with the coach
// alongside (screenshots of the apology step showing it), respond, plan, and
// the plan's agreements. Then the journal and the coach page. Every page is
// checked with axe.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, couple } from '../lib/server.mjs';
import { launch, visit, partnerPages, context, PHONE, DESKTOP } from '../lib/browser.mjs';

test('a whole repair between two partners, the journal and the coach', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben');
    const { anaCtx, benCtx, ana, ben } = await partnerPages(browser, U, a, b);

    // Ana starts a repair
    await visit(ana, U + '/repairs', 'repair-list-empty');
    await ana.getByText('Nothing here yet').waitFor();
    await ana.getByRole('link', { name: 'Start a repair' }).click();
    await visit(ana, null, 'repair-new');
    await ana.getByText('When you both feel calm').waitFor();
    await ana.getByLabel('A short name for it').fill('The phone call at dinner');
    await ana.getByRole('button', { name: 'Start the repair' }).click();
    await ana.getByRole('heading', { level: 1, name: 'The phone call at dinner' }).waitFor();
    await visit(ana, null, 'repair-started');
    const repairUrl = ana.url();

    // 1. reflections, each on their own
    await ana.getByRole('link', { name: 'Write your reflection' }).first().click();
    await ana.getByLabel('hurt').check();
    await ana.getByLabel('lonely').check();
    await ana.getByLabel('Other feelings, in your own words').fill('second place');
    await ana.getByLabel('My reality').fill('We sat down to eat and you took a work call for twenty minutes. I ate alone and it felt like I did not matter.');
    await ana.getByLabel('What it touched in me').fill('Growing up, dinner was the one time my family talked.');
    await visit(ana, null, 'repair-reflection');
    await ana.getByRole('button', { name: 'Save my reflection' }).click();
    await ana.getByText('Once Ben has written a reflection too').waitFor();
    await visit(ana, null, 'repair-waiting');

    await ben.goto(U + '/');
    await ben.getByText('Ana is waiting for your reflection in').waitFor();
    await visit(ben, null, 'repair-home-note');
    await ben.goto(U + '/repairs');
    await ben.getByText('Ana is waiting for you').waitFor();
    await visit(ben, null, 'repair-list-ben');
    await ben.getByRole('link', { name: 'The phone call at dinner' }).click();
    assert.equal(await ben.getByText('I ate alone').count(), 0, 'Ana\'s reflection is hidden until Ben writes his');
    await ben.getByRole('link', { name: 'Write your reflection' }).first().click();
    await ben.getByLabel('tense').check();
    await ben.getByLabel('My reality').fill('My manager called about a deadline and I panicked. I did not see how long it went on.');
    await ben.getByLabel('My part').fill('I answered without asking you first.');
    await ben.getByRole('button', { name: 'Save my reflection' }).click();
    await ben.getByRole('heading', { name: 'Reflections' }).waitFor();
    await ben.getByText('I ate alone').waitFor();
    await visit(ben, null, 'repair-reflections-revealed');

    // 2. apologies, with the coach alongside
    await ana.goto(repairUrl);
    await ana.getByText('Both of you can write your apology now').waitFor();
    await ana.getByRole('link', { name: 'Write your apology' }).first().click();
    await ana.getByLabel('My apology to Ben').fill("I'm sorry if you felt pushed, but you always put work first.");
    await ana.getByRole('button', { name: 'Check with the coach' }).click();
    await ana.getByRole('heading', { name: 'What the coach notices' }).waitFor();
    await ana.getByText('Not saved yet').waitFor();
    assert.ok(await ana.locator('.coach-text mark').count() >= 2, 'findings are marked in the text');
    await ana.getByText('An apology with a catch').waitFor();
    await ana.getByText('Always or never').waitFor();
    await visit(ana, null, 'repair-apology-coach-check');
    await ana.getByLabel('My apology to Ben').fill('I was wrong to snap at you in front of the kids, and I am sorry. I can see it embarrassed you. Next time I will ask to talk after dinner.');
    await ana.getByRole('button', { name: 'Save my apology' }).click();
    await ana.getByText('Saved. The coach').waitFor();
    await ana.locator('ul.coach-parts li.present[data-part="responsibility"]').waitFor();
    await visit(ana, null, 'repair-apology-coach-saved');

    await ben.goto(repairUrl);
    assert.equal(await ben.getByText('snap at you').count(), 0, 'Ana\'s apology is hidden until Ben writes his');
    await ben.getByRole('link', { name: 'Write your apology' }).first().click();
    await ben.getByText('What Ana wrote in the reflection').click();
    await ben.getByText('I ate alone').waitFor();
    await ben.getByLabel('My apology to Ana').fill('I am sorry I took the call. That was on me.');
    await ben.getByRole('button', { name: 'Save my apology' }).click();
    await ben.getByText('You can both read each other').waitFor();
    await visit(ben, null, 'repair-apology-ben');

    // 3. responses
    await ben.goto(repairUrl);
    await ben.getByRole('link', { name: 'Write your response' }).first().click();
    await ben.getByText('snap at you').waitFor();
    await ben.getByLabel('I accept it').check();
    await visit(ben, null, 'repair-response');
    await ben.getByRole('button', { name: 'Save my response' }).click();
    await ana.goto(repairUrl + '/response');
    await ana.getByLabel('Something is still needed').check();
    await ana.getByRole('button', { name: 'Save my response' }).click();
    await ana.getByRole('alert').filter({ hasText: 'what is still needed' }).waitFor();
    await visit(ana, null, 'repair-response-error');
    await ana.getByLabel('What is still needed').fill('To hear that you understand dinner matters to me.');
    await ana.getByRole('button', { name: 'Save my response' }).click();
    await ana.getByRole('heading', { name: 'Responses' }).waitFor();
    await ben.goto(repairUrl);
    await ben.getByText('Ana said something is still needed').waitFor();
    await visit(ben, null, 'repair-still-needed');

    // 4. the plan, then agreements
    await ana.goto(repairUrl + '/plan');
    await ana.getByLabel('One thing I will do next time').fill('I will say when something bothers me, before dinner starts.');
    await ana.getByLabel('One thing I ask of Ben').fill('Phones stay in the hall during dinner.');
    await visit(ana, null, 'repair-plan');
    await ana.getByRole('button', { name: 'Save my plan' }).click();
    await ben.goto(repairUrl + '/plan');
    await ben.getByLabel('One thing I will do next time').fill('I will tell my manager I am offline from seven.');
    await ben.getByRole('button', { name: 'Save my plan' }).click();
    await ben.getByText('Complete. Your plans are now agreements').waitFor();
    await visit(ben, null, 'repair-done');
    await ben.getByRole('link', { name: 'See the agreements' }).click();
    await ben.getByText('Phones stay in the hall during dinner.').waitFor();
    assert.equal(await ben.locator('li.item').count(), 3);
    await visit(ben, null, 'repair-agreements');
    await ben.goto(U + '/repairs');
    await ben.getByText('Complete').waitFor();
    await visit(ben, null, 'repair-list');

    // the journal: private, with a confirmation before deleting
    await ana.goto(U + '/journal');
    await visit(ana, null, 'journal-empty');
    await ana.getByRole('link', { name: 'Write an entry' }).click();
    await ana.getByLabel('What happened').fill('I went cold on Ben all evening after the call.');
    await ana.getByLabel('Distant').check();
    await ana.getByLabel('Withdrew').check();
    await ana.getByLabel('Impact on my partner').fill('Ben did not know what he had done.');
    await ana.getByLabel('What I want to own').fill('I punished him with silence instead of saying I was hurt.');
    await visit(ana, null, 'journal-new');
    await ana.getByRole('button', { name: 'Save' }).click();
    await ana.getByText('Saved.').waitFor();
    await visit(ana, null, 'journal-entry');
    await ana.goto(U + '/journal');
    await ana.getByText('I went cold on Ben').waitFor();
    await visit(ana, null, 'journal-list');
    await ana.locator('li.item a').first().click();
    await ana.getByRole('link', { name: 'Delete…' }).click();
    await ana.getByText('gone for good').waitFor();
    await visit(ana, null, 'journal-delete');
    await ana.getByRole('link', { name: 'No, keep it' }).click();

    // the coach page
    await ana.goto(U + '/coach');
    await visit(ana, null, 'coach-empty');
    await ana.getByLabel('Your message').fill('You never listen. Forget it, I\'m done talking.');
    await ana.getByRole('button', { name: 'Look at it' }).click();
    await ana.getByText('Shutting the talk down').first().waitFor();
    await visit(ana, null, 'coach-result');

    assert.deepEqual(anaCtx.foreign, [], 'requests to other origins');
    assert.deepEqual(benCtx.foreign, [], 'requests to other origins');
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a repair step changed on another device: what is saved now beside what was written, at phone and desktop width', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a] = await couple(U, 'Ana', 'Ben');
    const rep = await api(U, 'POST', '/api/v1/repairs', { title: 'Sunday', happened_on: '2026-01-05' }, a.token);
    const id = rep.json.repair.id;
    await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt'], reality: 'first words', version: 0 }, a.token);
    for (const [label, opts] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      const ctx = await context(browser, U, opts);
      await ctx.addCookies([{ name: 'duet_session', value: a.token, url: U, httpOnly: true, sameSite: 'Strict' }]);
      const laptop = await ctx.newPage();
      // a device that does not update live (asleep, offline): its live script is not loaded
      await laptop.route('**/static/live.js', (route) => route.abort());
      await laptop.goto(U + `/repairs/${id}/reflection`);
      const now = (await api(U, 'GET', `/api/v1/repairs/${id}`, undefined, a.token)).json.repair.me.reflection.version;
      await api(U, 'PUT', `/api/v1/repairs/${id}/reflection`, { feelings: ['hurt', 'alone'], reality: `from the phone ${label}`, my_part: 'I went quiet', version: now }, a.token);
      await laptop.getByLabel('My reality').fill(`from the laptop ${label}`);
      await laptop.getByRole('button', { name: 'Save my reflection' }).click();
      await laptop.getByText('Saved now', { exact: true }).waitFor();
      const saved = laptop.locator('.conflict blockquote');
      assert.match(await saved.textContent(), new RegExp(`from the phone ${label}`));
      assert.match(await saved.textContent(), /I went quiet/);
      assert.equal(await laptop.getByLabel('My reality').inputValue(), `from the laptop ${label}`);
      const box = await laptop.locator('.conflict').boundingBox();
      const form = await laptop.locator('.conflict + form').boundingBox();
      if (label === 'desktop') assert.ok(form.x >= box.x + box.width, `side by side: ${JSON.stringify([box, form])}`);
      else assert.ok(form.y >= box.y + box.height, `one above the other: ${JSON.stringify([box, form])}`);
      assert.equal(await laptop.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
      await visit(laptop, null, `repair-conflict-${label}`);
      await laptop.getByRole('button', { name: 'Save my reflection' }).click();
      await laptop.waitForURL(new RegExp(`/repairs/${id}$`));
      const r = await api(U, 'GET', `/api/v1/repairs/${id}`, undefined, a.token);
      assert.equal(r.json.repair.me.reflection.reality, `from the laptop ${label}`);
      await ctx.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
});
