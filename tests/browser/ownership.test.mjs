// Browser test of the account page's Export and Delete sections at phone width:
// the delete page says what goes and what stays, a wrong passphrase changes
// nothing, the right one deletes, and the partner's couple page says so.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, signup } from '../lib/server.mjs';
import { launch, context, visit } from '../lib/browser.mjs';

test('export link, deletion with confirmation, and the partner told', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const U = server.url;
    const ana = await signup(U, 'Ana');
    const ben = await signup(U, 'Ben');
    const c = await api(U, 'POST', '/api/v1/couple', undefined, ana.token);
    assert.equal((await api(U, 'POST', '/api/v1/couple/join', { code: c.json.invite.code }, ben.token)).status, 200);
    const actx = await context(browser, U);
    await actx.addCookies([{ name: 'duet_session', value: ana.token, url: U }]);
    const page = await actx.newPage();
    await visit(page, U + '/account', 'account-ownership');
    assert.equal(await page.getByRole('link', { name: 'Download my data' }).getAttribute('href'), '/api/v1/export');
    await page.getByRole('link', { name: 'Delete my account…' }).click();
    await visit(page, null, 'account-delete');
    await page.getByText('What stays for Ben').waitFor();
    await page.getByLabel('Your passphrase').fill('not my passphrase at all');
    await page.getByRole('button', { name: 'Delete my account and everything listed' }).click();
    await page.getByRole('alert').filter({ hasText: "isn't right, so nothing was deleted" }).waitFor();
    await visit(page, null, 'account-delete-wrong');
    await page.getByLabel('Your passphrase').fill(ana.passphrase);
    await page.getByRole('button', { name: 'Delete my account and everything listed' }).click();
    await page.getByRole('heading', { name: 'Your account is deleted' }).waitFor();
    await visit(page, null, 'account-deleted');
    assert.equal((await api(U, 'GET', '/api/v1/me', undefined, ana.token)).status, 401);

    const bctx = await context(browser, U);
    await bctx.addCookies([{ name: 'duet_session', value: ben.token, url: U }]);
    const bp = await bctx.newPage();
    await visit(bp, U + '/couple', 'couple-partner-left');
    await bp.getByRole('heading', { name: "Your partner's account was deleted" }).waitFor();
  } finally {
    await browser.close();
    await server.stop();
  }
});
