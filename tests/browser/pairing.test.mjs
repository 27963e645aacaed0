// Browser test of the foundation journey in real headless Chromium at phone
// width: two people sign up in separate browsers, one invites, the other joins,
// both home pages show both names; sign out and in; leaving asks first.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, context, visit, menu } from '../lib/browser.mjs';

test('two partners sign up, invite, join and see each other', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const anaCtx = await context(browser, U);
    const benCtx = await context(browser, U);
    const ana = await anaCtx.newPage();
    const ben = await benCtx.newPage();

    await visit(ana, U + '/', 'welcome');
    await ana.getByRole('link', { name: 'Make an account' }).click();
    await visit(ana, null, 'signup');
    await ana.getByLabel('Your name').fill('Ana');
    await ana.getByLabel('Login name').fill('ana');
    await ana.getByLabel('Passphrase').fill('short');
    await ana.getByRole('button', { name: 'Sign up' }).click();
    await assert.doesNotReject(ana.getByRole('alert').filter({ hasText: 'at least 10 characters' }).waitFor());
    await visit(ana, null, 'signup-error');
    await ana.getByLabel('Passphrase').fill('our first flat had a blue door');
    await ana.getByRole('button', { name: 'Sign up' }).click();
    const code = await ana.locator('#recovery-code').textContent();
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    await visit(ana, null, 'recovery-code');
    await ana.getByRole('link', { name: "I've kept it, continue" }).click();
    await ana.getByRole('link', { name: 'Invite or join' }).click();
    await visit(ana, null, 'couple-empty');
    await ana.getByRole('button', { name: 'Make a couple space and invite my partner' }).click();
    const link = (await ana.locator('#invite-link').textContent()).trim();
    assert.match(link, /\/join\/[0-9A-Z-]+$/);
    await visit(ana, null, 'invite');

    await ben.goto(link);
    await visit(ben, null, 'join-signed-out');
    await ben.getByRole('link', { name: 'Make an account' }).click();
    await ben.getByLabel('Your name').fill('Ben');
    await ben.getByLabel('Login name').fill('ben');
    await ben.getByLabel('Passphrase').fill('the cat sleeps on the piano');
    await ben.getByRole('button', { name: 'Sign up' }).click();
    await ben.getByRole('link', { name: "I've kept it, continue" }).click();
    await visit(ben, null, 'join-confirm');
    await ben.getByRole('button', { name: 'Join' }).click();
    await ben.locator('#names').waitFor();
    assert.equal((await ben.locator('#names').textContent()).trim(), 'Ben & Ana');
    await visit(ben, null, 'home-ben');

    await ana.goto(U + '/');
    assert.equal((await ana.locator('#names').textContent()).trim(), 'Ana & Ben');
    await visit(ana, null, 'home-ana');

    // sign out and back in, with one wrong try
    await menu(ana, 'Sign out');
    await ana.getByRole('link', { name: 'Sign in' }).first().click();
    await ana.getByLabel('Login name').fill('ana');
    await ana.getByLabel('Passphrase').fill('not my passphrase');
    await ana.getByRole('button', { name: 'Sign in' }).click();
    await ana.getByRole('alert').filter({ hasText: "don't match" }).waitFor();
    await visit(ana, null, 'signin-error');
    await ana.getByLabel('Passphrase').fill('our first flat had a blue door');
    await ana.getByRole('button', { name: 'Sign in' }).click();
    assert.equal((await ana.locator('#names').textContent()).trim(), 'Ana & Ben');

    // leaving asks for confirmation and says what happens
    await menu(ana, 'Couple');
    await ana.getByRole('link', { name: 'Leave…' }).click();
    await visit(ana, null, 'leave-confirm');
    await assert.doesNotReject(ana.getByText('deleted for both of you').waitFor());
    await ana.getByRole('link', { name: 'No, keep it' }).click();
    assert.match(ana.url(), /\/couple$/);

    assert.deepEqual(anaCtx.foreign, [], 'requests to other origins');
    assert.deepEqual(benCtx.foreign, [], 'requests to other origins');
  } finally {
    await browser.close();
    await server.stop();
  }
});
