// Browser test of a structured conversation on two phones (two browser
// contexts): Ana starts speaker and listener from the menu; each phone shows
// whose floor it is and that person's own part; Ana passes the floor to Ben; a
// break shows when it can end; they finish with a dream on the table, and the
// weekly meeting's last step offers an agreement. axe runs on every page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, couple, api } from '../lib/server.mjs';
import { launch, partnerPages, visit, menu } from '../lib/browser.mjs';

test('two phones take turns through a conversation', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const [a, b] = await couple(U, 'Ana', 'Ben');
    const { anaCtx, benCtx, ana, ben } = await partnerPages(browser, U, a, b);

    await ana.goto(U + '/');
    await menu(ana, 'Conversations');
    await visit(ana, null, 'conversations-start');
    await ana.getByLabel(/Speaker and listener/).check();
    await ana.getByLabel('Topic (optional)').fill('How we spend Sundays');
    await ana.getByRole('button', { name: 'Start' }).click();
    await ana.getByRole('heading', { name: 'Choose the topic' }).waitFor();
    await visit(ana, null, 'conversation-topic');
    await ana.getByRole('button', { name: 'Next: The floor' }).click();
    await ana.locator('p.floor', { hasText: 'You have the floor.' }).waitFor();
    await ana.getByRole('heading', { name: 'You are speaking' }).waitFor();
    assert.match(await ana.locator('main').textContent(), /so Ben can say back what they heard/);
    await visit(ana, null, 'conversation-speaker');

    // Ben's phone: the open conversation, Ana's floor, the listener's part
    await ben.goto(U + '/conversations');
    await visit(ben, null, 'conversations-open');
    await ben.getByRole('link', { name: 'Continue: Speaker and listener' }).click();
    await ben.locator('p.floor', { hasText: 'Ana has the floor.' }).waitFor();
    await ben.getByRole('heading', { name: 'You are listening' }).waitFor();
    assert.equal(await ben.getByRole('button', { name: /Pass the floor/ }).count(), 0);
    await visit(ben, null, 'conversation-listener');

    await ana.getByRole('button', { name: 'Pass the floor to Ben' }).click();
    await ana.locator('p.floor', { hasText: 'Ben has the floor.' }).waitFor();
    await ben.getByRole('link', { name: 'See where you are now' }).click();
    await ben.locator('p.floor', { hasText: 'You have the floor.' }).waitFor();

    // Ben needs a break: both phones show when it can end
    await ben.getByRole('button', { name: 'I need a break' }).click();
    await ben.getByRole('heading', { name: 'A break' }).waitFor();
    assert.match(await ben.locator('main').textContent(), /You can pick up again at \d\d:\d\d UTC, in 20 minutes\./);
    await visit(ben, null, 'conversation-break');
    await ana.reload();
    assert.match(await ana.locator('main').textContent(), /Ben asked for a break/);

    // (the twenty minutes pass: the API test covers the clock) — Ben stops for today
    await ben.getByRole('button', { name: 'Stop for today' }).click();
    await ben.getByText(/Ended without a decision/).waitFor();
    await visit(ben, null, 'conversation-ended');

    // A weekly meeting, to its last step, ends with a dream on the table
    const id = (await api(U, 'POST', '/api/v1/conversations', { kind: 'weekly' }, a.token)).json.conversation.id;
    await ana.goto(`${U}/conversations/${id}`);
    await ana.getByRole('button', { name: 'Next: Appreciations' }).click();
    await ana.getByRole('heading', { name: 'You are speaking' }).waitFor();
    await visit(ana, null, 'conversation-appreciations');
    await ana.getByRole('button', { name: 'Pass the floor to Ben' }).click();
    await ana.getByRole('button', { name: 'Next: One issue' }).click();
    await ana.locator('p.floor', { hasText: 'Ben has the floor.' }).waitFor();
    await ben.goto(`${U}/conversations/${id}`);
    await ben.getByRole('heading', { name: 'You are speaking' }).waitFor();
    await visit(ben, null, 'conversation-issue');
    await ben.getByRole('button', { name: 'Pass the floor to Ana' }).click();
    await ben.getByRole('button', { name: 'Next: Agree, or dream' }).click();
    await ben.getByRole('heading', { name: 'Make it an agreement' }).waitFor();
    await visit(ben, null, 'conversation-decide');
    await ben.getByLabel('In a few words').fill('A slower Sunday, every Sunday');
    await ben.getByRole('button', { name: 'Put it on the table and end' }).click();
    await ben.getByRole('link', { name: 'a dream on the table' }).click();
    await ben.getByRole('heading', { name: 'A slower Sunday, every Sunday' }).waitFor();

    assert.deepEqual([...anaCtx.foreign, ...benCtx.foreign], []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
