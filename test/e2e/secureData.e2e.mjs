// Experimental secure data (issue 17), end to end in Debian's Chromium: the demo checkout built in
// server mode with `?encryption=secure-data`, served by examples/checkout/server (the signing proxy
// with `secureData`), the mock gateway upstream opening the ciphertext with its TEST key. A card is
// added in each 3-D Secure mode (popup, iframe, redirect), and the plain card number (spaced or
// digits only) and CVC must be in NO request URL, header or body the merchant's server receives,
// nor in anything it logs.
// Prints `e2e-secure-data: N passed, N failed` and writes reports/e2e-secure-data.json.
// E2E_SKIP_BUILD=1 reuses every existing build; E2E_SKIP_PACKAGE_BUILD=1 only the packages' dist/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildServerDemo } from '../../examples/checkout/server/build.mjs';
import { chromiumLaunchOptions } from './chromium.mjs';
import { startDemoServer } from './demoServer.mjs';
import { assert, createHarness, watchPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });

const PAN = '4000000000003220';
const SPACED = '4000 0000 0000 3220';
const CVC = '737';

if (!process.env.E2E_SKIP_BUILD) {
  buildServerDemo({
    stdio: ['ignore', 'ignore', 'inherit'],
    packages: !process.env.E2E_SKIP_PACKAGE_BUILD,
  });
}

const { check, finish } = createHarness(
  'e2e-secure-data',
  path.join(reports, 'e2e-secure-data.json'),
);

/** Whether text carries the card number (any spacing) or the CVC as a JSON value. */
function leaks(text) {
  const digits = text.replace(/[\s-]|%20/g, '');
  return digits.includes(PAN) || text.includes(SPACED) || text.includes(`"${CVC}"`);
}

const started = Date.now();
const demo = await startDemoServer();
console.log(`    demo server: ${demo.url}`);
const upstream = async () => (await fetch(`${demo.url}/__test__/upstream`)).json();

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ viewport: { width: 720, height: 900 } });
  /** Everything the merchant's server received from the browser (every page, popups included). */
  const received = [];
  context.on('request', async (request) => {
    if (!request.url().startsWith(demo.url)) return;
    const entry = {
      method: request.method(),
      url: request.url(),
      headers: request.headers(),
      body: request.postData() ?? '',
    };
    received.push(entry);
    // All headers (cookies included) once known; a popup that closes first keeps the provisional ones.
    entry.headers = await request.allHeaders().catch(() => entry.headers);
  });
  const page = await context.newPage();
  const { consoleErrors } = watchPage(page);

  async function addCard(mode, expiry, decide) {
    await page.goto(`${demo.url}/?verify=${mode}&encryption=secure-data`);
    await page.getByRole('button', { name: 'Add a card' }).click({ timeout: 20_000 });
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').fill(PAN);
    await dialog.getByLabel('Expiry date (MM / YY)').fill(expiry);
    await dialog.getByLabel('Security code (CVC)').fill(CVC);
    await dialog.getByLabel('Name on card').fill('Tai Man Chan');
    await decide(() => dialog.getByRole('button', { name: 'Save card' }).click());
    await page
      .getByRole('status')
      .filter({ hasText: 'Visa ending in 3220 saved.' })
      .waitFor({ timeout: 20_000 });
  }

  await check('secure data, 3-D Secure in an iframe, approved', async () => {
    await addCard('iframe', '04/31', async (save) => {
      await save();
      const frame = page.frameLocator('iframe[title="3-D Secure verification with your bank"]');
      await frame.getByRole('button', { name: 'Approve' }).click({ timeout: 10_000 });
    });
  });

  await check('secure data, 3-D Secure in a popup, approved', async () => {
    await addCard('popup', '06/31', async (save) => {
      const [popup] = await Promise.all([page.waitForEvent('popup'), save()]);
      await popup.getByRole('button', { name: 'Approve' }).click();
      await popup.waitForEvent('close', { timeout: 10_000 }).catch(() => {});
    });
  });

  await check('secure data, 3-D Secure by a full-page redirect, resumed', async () => {
    await addCard('redirect', '05/31', async (save) => {
      await save();
      await page.waitForURL(/\/mock-3ds\/challenge\.html/, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
    });
    const saved = await page.getByRole('radio', { name: /Visa ending in 3220/ }).count();
    assert(saved === 3, `expected the three added cards in the list, found ${saved}`);
  });

  await check('each create the proxy received was only {"secure_data": …}', async () => {
    const creates = received.filter(
      (request) =>
        request.method === 'POST' && /\/payment_tokens$/.test(new URL(request.url).pathname),
    );
    assert(creates.length === 3, `expected 3 creates, got ${creates.length}`);
    for (const create of creates) {
      const keys = Object.keys(JSON.parse(create.body));
      assert(keys.join() === 'secure_data', `a create body had ${keys.join()}`);
    }
    const configs = received.filter((request) => request.url.endsWith('/savedcards/v1/config'));
    assert(configs.length >= 3, `expected a config read per create, got ${configs.length}`);
  });

  await check('the mock upstream verified every signed create', async () => {
    const stats = await upstream();
    const creates = stats.requests.filter(
      (r) => r.method === 'POST' && r.uri.endsWith('/payment_tokens'),
    );
    assert(creates.length === 3 && creates.every((r) => r.ok), JSON.stringify(creates));
  });

  await check(
    'the card number and CVC are in no request the merchant’s server received',
    async () => {
      assert(received.length > 0, 'no request recorded');
      const found = received.filter((request) => leaks(JSON.stringify(request)));
      assert(
        found.length === 0,
        `card data in: ${found.map((r) => `${r.method} ${r.url}`).join(', ')}`,
      );
    },
  );

  await check('the card number and CVC are in nothing the merchant’s server logged', async () => {
    assert(demo.lines.length > 0, 'the server logged nothing');
    const found = demo.lines.filter(leaks);
    assert(found.length === 0, `card data in ${found.length} log lines`);
  });

  await check('no console errors', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'));
  });
} finally {
  await browser.close();
  await demo.stop();
}
console.log(`    took ${((Date.now() - started) / 1000).toFixed(1)} s (after the build)`);
finish();
