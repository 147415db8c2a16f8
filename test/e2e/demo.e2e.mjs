// End to end in Debian's Chromium: the demo checkout, built, on the mock gateway in a service worker.
// Prints `e2e: N passed, N failed` and writes reports/e2e.json for the CI summary.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { assert, createHarness, watchPage } from './harness.mjs';
import { serveStatic } from './staticServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'examples/checkout/dist');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });

if (!process.env.E2E_SKIP_BUILD) {
  execFileSync(
    'pnpm',
    ['exec', 'vite', 'build', '--config', 'examples/checkout/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

const { check, finish } = createHarness('e2e', path.join(reports, 'e2e.json'));

const site = await serveStatic(dist);
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ viewport: { width: 720, height: 900 } });
  const page = await context.newPage();
  const { consoleErrors, gatewayResponses } = watchPage(page);

  await page.goto(site.url);
  const visa = page.getByRole('radio', {
    name: /Visa ending in 4242, expires \d\d\/\d\d, default/,
  });

  await check('lists the saved cards, default first and pre-selected', async () => {
    await visa.waitFor({ timeout: 20_000 });
    assert(await visa.isChecked(), 'the default Visa is not checked');
    const names = await page
      .getByRole('radio')
      .evaluateAll((radios) => radios.map((r) => r.getAttribute('aria-label')));
    assert(
      names.length === 5,
      `expected 5 cards without the expired one, got ${names.length}: ${names}`,
    );
  });

  await check('the gateway requests were answered by the mock in the service worker', async () => {
    assert(gatewayResponses.length > 0, 'no gateway request seen');
    for (const response of gatewayResponses) {
      assert(
        response.fromServiceWorker(),
        `${response.url()} did not come from the service worker`,
      );
      assert(response.status() === 200, `${response.url()} answered ${response.status()}`);
    }
  });

  await check(
    'on load: exactly one token list request and at most one customer request',
    async () => {
      const paths = gatewayResponses.map((r) =>
        new URL(r.url()).pathname.replace(/^.*\/openapi/, ''),
      );
      const lists = paths.filter((p) => /\/payment_tokens$/.test(p)).length;
      const customers = paths.filter((p) => /^\/customers\/[^/]+$/.test(p)).length;
      console.log(`    requests on load: ${lists} list, ${customers} customer`);
      assert(lists === 1, `${lists} list requests`);
      assert(customers <= 1, `${customers} customer requests`);
    },
  );

  await check('axe finds no violations on the checkout page', async () => {
    const axe = await new AxeBuilder({ page }).analyze();
    assert(
      axe.violations.length === 0,
      `axe: ${axe.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`,
    );
  });

  await check(
    'keyboard only with real key events: Tab in, ArrowDown selects the next usable card, Pay',
    async () => {
      await page.getByRole('heading', { name: 'Pay with' }).click();
      await page.keyboard.press('Tab');
      assert(
        await visa.evaluate((el) => el === document.activeElement),
        'Tab did not land on the checked card',
      );
      await page.keyboard.press('ArrowDown');
      const mastercard = page.getByRole('radio', { name: /Mastercard ending in 4444/ });
      await page.waitForFunction(() =>
        document.activeElement?.getAttribute('aria-label')?.includes('4444'),
      );
      assert(await mastercard.isChecked(), 'ArrowDown did not select the next card');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() =>
        document.activeElement?.getAttribute('aria-label')?.includes('8599'),
      );
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => document.activeElement?.textContent);
      assert(next === 'Add a card', `after the list, focus is on ${next}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      const status = page.getByRole('status').filter({ hasText: 'Paid' });
      await status.waitFor({ timeout: 5000 });
      const text = await status.textContent();
      assert(text?.includes('UnionPay ending in 8599'), `status says: ${text}`);
    },
  );

  await page.screenshot({ path: path.join(reports, 'demo-checkout.png'), fullPage: true });

  await check('no console errors', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'));
  });

  await check(
    'manage cards: make default and remove with the keyboard, one request per write',
    async () => {
      await page.getByRole('link', { name: 'Manage cards' }).click();
      await page.getByRole('heading', { name: 'Your saved cards' }).waitFor();
      const writes = [];
      const onRequest = (request) => {
        if (request.url().includes('/api/wonder/') && request.method() !== 'GET')
          writes.push(request.method());
      };
      page.on('request', onRequest);
      const makeDefault = page.getByRole('button', {
        name: 'Make default: Mastercard ending in 4444',
      });
      await makeDefault.focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: 'Mastercard ending in 4444 is now your default card.' })
        .first()
        .waitFor();
      const remove = page.getByRole('button', { name: 'Remove: UnionPay ending in 8599' });
      await remove.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'Remove UnionPay ending in 8599?' });
      await dialog.waitFor();
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      assert(focused === 'Keep card', `focus starts on ${focused}`);
      const axe = await new AxeBuilder({ page }).analyze();
      assert(
        axe.violations.length === 0,
        `axe with the dialog open: ${axe.violations.map((v) => v.id).join(', ')}`,
      );
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: 'UnionPay ending in 8599 removed.' })
        .waitFor();
      assert(
        (await page.getByRole('group', { name: /UnionPay/ }).count()) === 0,
        'UnionPay is still listed',
      );
      page.off('request', onRequest);
      assert(JSON.stringify(writes) === '["POST","DELETE"]', `writes sent: ${writes}`);
      await page.screenshot({ path: path.join(reports, 'demo-manage.png'), fullPage: true });
    },
  );

  await check('axe finds no violations on the manage page', async () => {
    const axe = await new AxeBuilder({ page }).analyze();
    assert(
      axe.violations.length === 0,
      `axe: ${axe.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`,
    );
  });

  // Add a card through the simulated 3-D Secure challenge, in each verification mode.
  const PAN = '4000000000003220';
  const CVC = '737';
  const carriers = [];
  page.on('request', (request) => {
    const body = request.postData() ?? '';
    if (body.includes(PAN) || body.includes(CVC) || request.url().includes(PAN)) {
      carriers.push(`${request.method()} ${new URL(request.url()).pathname}`);
    }
  });
  // A different expiry each time: the same card with the same expiry would (rightly) warn first.
  const expiries = { iframe: '04/31', popup: '05/31', redirect: '06/31' };
  async function addCard(mode, decide) {
    await page.goto(`${site.url}/?verify=${mode}`);
    await page.getByRole('button', { name: 'Add a card' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').fill(PAN);
    await dialog.getByLabel('Expiry date (MM / YY)').fill(expiries[mode]);
    await dialog.getByLabel('Security code (CVC)').fill(CVC);
    await dialog.getByLabel('Name on card').fill('Tai Man Chan');
    await decide(() => dialog.getByRole('button', { name: 'Save card' }).click());
    await page
      .getByRole('status')
      .filter({ hasText: 'Visa ending in 3220 saved.' })
      .waitFor({ timeout: 20_000 });
  }
  const approveIn = async (frameOrPage) => {
    const approve = frameOrPage.getByRole('button', { name: 'Approve' });
    await approve.waitFor({ timeout: 10_000 });
    await approve.click();
  };

  await check('add a card: 3-D Secure in an iframe inside the dialog', async () => {
    await addCard('iframe', async (save) => {
      await save();
      await approveIn(page.frameLocator('iframe[title="3-D Secure verification with your bank"]'));
    });
  });

  await check('add a card: 3-D Secure in a popup opened by the click', async () => {
    await addCard('popup', async (save) => {
      const [popup] = await Promise.all([page.waitForEvent('popup'), save()]);
      await approveIn(popup);
      await popup.waitForEvent('close', { timeout: 10_000 }).catch(() => {});
    });
  });

  await check('add a card: 3-D Secure by a full-page redirect, resumed on return', async () => {
    await addCard('redirect', async (save) => {
      await save();
      await page.waitForURL(/mock-3ds\/challenge\.html/, { timeout: 10_000 });
      await approveIn(page);
      await page.waitForURL((url) => !url.pathname.startsWith('/mock-3ds/'), { timeout: 10_000 });
    });
    const saved = await page.getByRole('radio', { name: /Visa ending in 3220/ }).count();
    assert(saved >= 3, `expected the three added cards in the list, found ${saved}`);
  });

  await check(
    'card data: the number and CVC went out in the create calls only, and are kept nowhere',
    async () => {
      assert(
        carriers.length === 3 &&
          carriers.every((c) => /^POST \/api\/wonder\/.*\/payment_tokens$/.test(c)),
        `requests carrying card data: ${carriers.join(', ')}`,
      );
      const kept = await page.evaluate(() =>
        JSON.stringify({
          local: { ...localStorage },
          session: { ...sessionStorage },
          cookie: document.cookie,
          url: location.href,
          // The demo's footer lists the test cards on purpose; everything else must be free of them.
          html: (() => {
            const copy = document.documentElement.cloneNode(true);
            copy.querySelector('.demo-footer')?.remove();
            return copy.outerHTML;
          })(),
        }),
      );
      const where = Object.entries(JSON.parse(kept))
        .filter(
          ([, value]) =>
            JSON.stringify(value).includes(PAN) ||
            JSON.stringify(value).includes('4000 0000 0000 3220'),
        )
        .map(
          ([place, value]) =>
            `${place}: ${JSON.stringify(value).slice(Math.max(0, JSON.stringify(value).indexOf('3220') - 200), JSON.stringify(value).indexOf('3220') + 60)}`,
        );
      assert(where.length === 0, `the card number is kept in the page: ${where.join('; ')}`);
      assert(
        !new RegExp(`\\b${CVC}\\b`).test(kept.replace(/[0-9a-f-]{36}/g, '')),
        'the CVC is kept in the page',
      );
      const databases = await page.evaluate(
        async () => (await indexedDB.databases?.())?.length ?? 0,
      );
      assert(databases === 0, `IndexedDB has ${databases} databases`);
      assert(!consoleErrors.join('\n').includes(PAN), 'the card number reached the console');
    },
  );

  await check('a failing gateway shows an alert with a retry, not an empty list', async () => {
    await page.goto(`${site.url}/?scenario=server-error`);
    const alert = page.getByRole('alert').filter({ hasText: 'We could not load your saved cards' });
    await alert.waitFor({ timeout: 20_000 });
    assert(
      (await alert.textContent())?.includes('We could not load your saved cards'),
      'no load error text',
    );
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    assert(
      await page.getByRole('button', { name: /^Pay/ }).isDisabled(),
      'Pay is enabled without a card',
    );
  });
} finally {
  await browser.close();
  await site.close();
}

finish();
