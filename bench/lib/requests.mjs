// Request counts in Chromium: the demo's reads on load and per write, and the add-card flow
// (frictionless, and a 3-D Secure challenge: checks while open, none while hidden or after).
import { demoPage, recordGateway } from './browser.mjs';
import { results, row } from './report.mjs';

/** `chromium` is `{ browser, site }`. */
export async function measureRequests(chromium) {
  const { context, page, gateway } = await demoPage(chromium);
  await page.getByRole('button', { name: 'Add a card' }).first().waitFor();
  await page.waitForTimeout(1500); // anything late (polls, refetches) would show up here
  const lists = gateway.filter((r) => /^GET \/customers\/[^/]+\/payment_tokens/.test(r)).length;
  const customers = gateway.filter((r) => /^GET \/customers\/[^/]+$/.test(r)).length;
  const onLoad = [...gateway];
  gateway.length = 0;
  await page.getByRole('button', { name: 'Make default: UnionPay ending in 8599' }).click();
  await page.getByText('UnionPay ending in 8599 is now your default card.').waitFor();
  await page.waitForTimeout(1000);
  const perWrite = [...gateway];
  gateway.length = 0;
  await page.getByRole('button', { name: 'Remove: Mastercard ending in 4444' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove card' }).click();
  await page.getByText('Mastercard ending in 4444 removed.').waitFor();
  await page.waitForTimeout(1000);
  const perRemove = [...gateway];
  results.requests = { onLoad, perSetDefault: perWrite, perRemove };
  row(
    'requests (demo #/manage: managed list, add card)',
    'list requests on load',
    lists,
    'want exactly 1',
  );
  row(
    'requests (demo #/manage: managed list, add card)',
    'customer requests on load',
    customers,
    'want ≤ 1',
  );
  row(
    'requests (demo #/manage: managed list, add card)',
    'requests for one set-default',
    perWrite.length,
    perWrite.map((r) => r.replace(/[0-9a-f-]{36}/g, '{uuid}')).join(', '),
  );
  row(
    'requests (demo #/manage: managed list, add card)',
    'requests for one remove',
    perRemove.length,
    perRemove.map((r) => r.replace(/[0-9a-f-]{36}/g, '{uuid}')).join(', '),
  );
  await context.close();
}

export async function measureAddCardRequests(chromium) {
  const section = 'requests (demo, add a card, 3-D Secure in an iframe)';
  const short = (list) => list.map((r) => r.replace(/[0-9a-f-]{36}/g, '{uuid}')).join(', ');
  const isCheck = (r) => r.endsWith('/payment_tokens/check');
  const context = await chromium.browser.newContext({ viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  const gateway = recordGateway(page);
  // The page's visibility as TanStack Query's focus manager reads it (`visibilitychange`).
  const setHidden = (hidden) =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => (value ? 'hidden' : 'visible'),
      });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  async function addCard(number, expiry) {
    await page.goto(`${chromium.site.url}/?verify=iframe`);
    await page.getByRole('button', { name: 'Add a card' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').fill(number);
    await dialog.getByLabel('Expiry date (MM / YY)').fill(expiry);
    await dialog.getByLabel('Security code (CVC)').fill('737');
    await dialog.getByLabel('Name on card').fill('Bench Runner');
    gateway.length = 0;
    await dialog.getByRole('button', { name: 'Save card' }).click();
  }
  const saved = (last4) =>
    page
      .getByRole('status')
      .filter({ hasText: new RegExp(`ending in ${last4} saved\\.`) })
      .waitFor({ timeout: 20_000 });

  // Frictionless: the create answers `success`; nothing to check.
  await addCard('5555555555554444', '07/32');
  await saved('4444');
  await page.waitForTimeout(1500);
  const frictionless = [...gateway];

  // Challenge: checks while the challenge is open, none while hidden, none after the final state.
  await addCard('4000000000003220', '08/32');
  const frame = page.frameLocator('iframe[title="3-D Secure verification with your bank"]');
  await frame.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(6000);
  const checksVisible = gateway.filter(isCheck).length;
  await setHidden(true);
  const hiddenFrom = gateway.length;
  await page.waitForTimeout(10_000);
  const checksHidden = gateway.slice(hiddenFrom).filter(isCheck).length;
  await setHidden(false);
  await frame.getByRole('button', { name: 'Approve' }).click();
  await saved('3220');
  const settledAt = gateway.length;
  await page.waitForTimeout(10_000);
  const afterFinal = gateway.slice(settledAt);
  const challenge = gateway.slice(0, settledAt);
  await context.close();

  results.addCardRequests = { frictionless, challenge, checksVisible, checksHidden, afterFinal };
  row(section, 'frictionless card: requests', frictionless.length, short(frictionless));
  row(
    section,
    'challenge card: requests, Save → saved',
    challenge.length,
    `${challenge.filter((r) => r.startsWith('POST') && !isCheck(r)).length} create, ${challenge.filter(isCheck).length} checks, ${challenge.filter((r) => r.startsWith('GET')).length} list reads`,
  );
  row(section, 'checks in 6 s with the challenge open', checksVisible, 'backoff from 1 s');
  row(section, 'checks in 10 s while the page is hidden', checksHidden, 'want 0');
  row(
    section,
    'requests in 10 s after the token is final',
    afterFinal.length,
    afterFinal.length ? short(afterFinal) : 'want 0',
  );
}
