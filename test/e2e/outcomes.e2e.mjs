// End to end in Debian's Chromium, at phones of 320 and 375 px and a desktop's 1280 px: every outcome of
// the built demo (issue 12). A card added at checkout is selected and paid with; a declined or
// cancelled add leaves no row behind; a full-page redirect comes back to the same route and query;
// the first card becomes the default; announcements are heard each time, in order; focus goes to
// the first field to fix; nothing overflows. Run after demo.e2e.mjs (it builds the demo).
// Prints `e2e-outcomes: N passed, N failed`, writes reports/e2e-outcomes.json and screenshots.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { assert, createHarness, watchPage } from './harness.mjs';
import { serveStatic } from './staticServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'examples/checkout/dist');
const reports = path.join(root, 'reports');
const screens = path.join(reports, 'screens');
mkdirSync(screens, { recursive: true });

if (!process.env.E2E_SKIP_BUILD) {
  execFileSync(
    'pnpm',
    ['exec', 'vite', 'build', '--config', 'examples/checkout/vite.config.ts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
}

const { check, finish } = createHarness('e2e-outcomes', path.join(reports, 'e2e-outcomes.json'));
const site = await serveStatic(dist);
const browser = await chromium.launch(chromiumLaunchOptions);

// Every text a live region (status, alert, aria-live) shows, in order, each time it shows it.
function recordAnnouncements() {
  window.__announced = [];
  const seen = new WeakMap();
  const read = () => {
    for (const region of document.querySelectorAll(
      '[role="status"], [role="alert"], [aria-live]',
    )) {
      const text = region.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      if (text && seen.get(region) !== text) window.__announced.push(text);
      seen.set(region, text);
    }
  };
  new MutationObserver(read).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
  });
}

const CHALLENGE = '4000000000003220';
const NO_CHALLENGE = '4242424242424242';
const BANK_FRAME = 'iframe[title="3-D Secure verification with your bank"]';

async function openPage(context, query = '', hash = '') {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.addInitScript(recordAnnouncements);
  await page.goto(`${site.url}/${query}${hash}`);
  await page
    .locator('[data-slot="saved-card-list"], [data-slot="saved-card-list-empty"]')
    .first()
    .waitFor({
      timeout: 20_000,
    });
  return { page, ...watch };
}

async function fillCard(page, number, expiry) {
  await page.getByRole('button', { name: 'Add a card' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a card' });
  await dialog.getByLabel('Card number').fill(number);
  await dialog.getByLabel('Expiry date (MM / YY)').fill(expiry);
  await dialog.getByLabel('Security code (CVC)').fill('737');
  await dialog.getByLabel('Name on card').fill('Tai Man Chan');
  return dialog;
}

const announced = (page) => page.evaluate(() => window.__announced);
const waitForAnnouncement = (page, pattern) =>
  page.waitForFunction(
    (source) => window.__announced.some((text) => new RegExp(source).test(text)),
    pattern.source,
    { timeout: 20_000 },
  );

/**
 * Waits (10 s at most) until no row of the card ending in `last4` is left unfinished or failed (issue
 * 12 found them piling up). The samples' own stale rows (1091 pending, 0008 failed) do not count.
 */
async function assertNoLeftoverRows(page, last4, what) {
  const leftover = (digits) =>
    [...document.querySelectorAll('[data-slot="saved-card-list-row"]')]
      .filter((row) => row.textContent?.includes(digits))
      .map((row) => row.textContent)
      .filter((text) => /Verification failed|Pending verification/.test(text ?? ''));
  try {
    await page.waitForFunction(
      ([source, digits]) => new Function(`return (${source})`)()(digits).length === 0,
      [leftover.toString(), last4],
      // The delete is best effort with retries: a loaded machine may need a few seconds.
      { timeout: 10_000 },
    );
  } catch {
    throw new Error(`${what}: rows left: ${JSON.stringify(await page.evaluate(leftover, last4))}`);
  }
}

async function assertFits(page, what) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    }
    for (const element of document.querySelectorAll(
      '[data-slot^="saved-card-list-row"] *, [role="dialog"], [role="alertdialog"]',
    )) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.left < -0.5 || box.right > width + 0.5)) {
        found.push(
          `${element.getAttribute('data-slot') ?? element.tagName} spans ${box.left}…${box.right}`,
        );
      }
      if (
        element.scrollWidth > element.clientWidth + 1 &&
        getComputedStyle(element).overflowX === 'visible'
      ) {
        found.push(`${element.getAttribute('data-slot') ?? element.tagName} overflows its box`);
      }
    }
    return found.slice(0, 5);
  });
  assert(overflow.length === 0, `${what}: ${overflow.join('; ')}`);
}

try {
  for (const width of [320, 375, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const shot = (page, name) =>
      page.screenshot({ path: path.join(screens, `demo-${name}-${width}.png`), fullPage: true });

    await check(
      `${width} px: a card added at checkout is selected and paid with; no popup without a challenge`,
      async () => {
        const { page, consoleErrors } = await openPage(context, '?verify=popup');
        const popups = [];
        page.on('popup', (popup) => popups.push(popup));
        await shot(page, 'checkout');
        await assertFits(page, 'checkout');
        const dialog = await fillCard(page, NO_CHALLENGE, '09/33');
        await shot(page, 'add-dialog');
        await assertFits(page, 'the add dialog');
        await dialog.getByRole('button', { name: 'Save card' }).click();
        await waitForAnnouncement(page, /Visa ending in 4242 saved\./);
        const added = page.getByRole('radio', { name: /Visa ending in 4242, expires 09\/33/ });
        await added.waitFor();
        assert(await added.isChecked(), 'the new card is not selected');
        assert(
          popups.length === 0,
          `${popups.length} window(s) opened for a card without a challenge`,
        );
        await page.getByRole('button', { name: /^Pay/ }).click();
        const paid = await page.getByRole('status').filter({ hasText: 'Paid' }).textContent();
        assert(/Visa ending in 4242/.test(paid ?? ''), `paid with: ${paid}`);
        assert(consoleErrors.length === 0, consoleErrors.join('\n'));
        await page.close();
      },
    );

    await check(
      `${width} px: a declined challenge (iframe) leaves no row, says so, focuses the card number`,
      async () => {
        const { page } = await openPage(context, '?verify=iframe');
        const before = await page.getByRole('radio').count();
        const dialog = await fillCard(page, CHALLENGE, '04/31');
        await dialog.getByRole('button', { name: 'Save card' }).click();
        const frame = page.frameLocator(BANK_FRAME);
        await frame.getByRole('button', { name: 'Decline' }).waitFor({ timeout: 10_000 });
        const frameBox = await page.locator(BANK_FRAME).boundingBox();
        assert(
          frameBox && frameBox.height >= Math.min(400, 800 - 40),
          `the bank frame is ${frameBox?.height} px tall`,
        );
        assert(frameBox.width <= width, `the bank frame is ${frameBox.width} px wide`);
        await shot(page, 'challenge');
        await frame.getByRole('button', { name: 'Decline' }).click();
        await waitForAnnouncement(page, /did not approve this card.*Nothing was saved\./);
        const focused = await page.evaluate(
          () =>
            document.activeElement?.getAttribute('aria-label') ??
            document.activeElement?.labels?.[0]?.textContent,
        );
        assert(/Card number/.test(focused ?? ''), `focus is on ${focused}`);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog', { name: 'Add a card' }).waitFor({ state: 'detached' });
        await assertNoLeftoverRows(page, '3220', 'after the decline');
        assert((await page.getByRole('radio').count()) === before, 'the list changed');
        await page.getByRole('button', { name: 'Add a card' }).click();
        const dialog2 = page.getByRole('dialog', { name: 'Add a card' });
        await dialog2.waitFor();
        const alerts = (await dialog2.getByRole('alert').allTextContents()).filter((t) => t.trim());
        assert(alerts.length === 0, `the reopened dialog still shows: ${alerts.join(' | ')}`);
        const number = await dialog2.getByLabel('Card number').inputValue();
        assert(number === '', 'the reopened form still holds the old card number');
        await page.close();
      },
    );

    await check(
      `${width} px: cancelling while the bank window is open leaves nothing, and is heard each time`,
      async () => {
        const { page } = await openPage(context, '?verify=popup');
        for (const expiry of ['05/31', '05/32']) {
          const dialog = await fillCard(page, CHALLENGE, expiry);
          const [popup] = await Promise.all([
            page.waitForEvent('popup', { timeout: 10_000 }),
            dialog.getByRole('button', { name: 'Save card' }).click(),
          ]);
          await popup.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 10_000 });
          await dialog.getByRole('button', { name: 'Cancel' }).click();
          await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => {});
          await page.getByRole('dialog', { name: 'Add a card' }).waitFor({ state: 'detached' });
        }
        await assertNoLeftoverRows(page, '3220', 'after the cancellations');
        const cancelled = (await announced(page)).filter((text) =>
          /was cancelled\. Nothing was saved\./.test(text),
        );
        assert(
          cancelled.length === 2,
          `the cancellation was announced ${cancelled.length} time(s)`,
        );
        assert(
          (await page.getByRole('radio', { name: /3220/ }).count()) === 0,
          'a 3220 row is listed',
        );
        await page.close();
      },
    );

    await check(
      `${width} px: decline in a popup, decline after a redirect, cancel beside the iframe: nothing left, each said`,
      async () => {
        const notApproved = /did not approve this card.*Nothing was saved\./;
        // Popup: the bank declines.
        let { page } = await openPage(context, '?verify=popup');
        let dialog = await fillCard(page, CHALLENGE, '07/31');
        const [popup] = await Promise.all([
          page.waitForEvent('popup', { timeout: 10_000 }),
          dialog.getByRole('button', { name: 'Save card' }).click(),
        ]);
        await popup.getByRole('button', { name: 'Decline' }).click();
        await waitForAnnouncement(page, notApproved);
        await assertNoLeftoverRows(page, '3220', 'after the popup decline');
        await page.close();
        // Redirect: the bank declines, the page comes back and says so.
        ({ page } = await openPage(context, '?verify=redirect'));
        dialog = await fillCard(page, CHALLENGE, '07/32');
        await dialog.getByRole('button', { name: 'Save card' }).click();
        await page.waitForURL(/mock-3ds\/challenge\.html/, { timeout: 10_000 });
        await page.getByRole('button', { name: 'Decline' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/mock-3ds/'), { timeout: 10_000 });
        await waitForAnnouncement(page, notApproved);
        await assertNoLeftoverRows(page, '3220', 'after the redirect decline');
        await page.close();
        // Iframe: the customer cancels while the bank's page is open.
        ({ page } = await openPage(context, '?verify=iframe'));
        dialog = await fillCard(page, CHALLENGE, '07/33');
        await dialog.getByRole('button', { name: 'Save card' }).click();
        await page
          .frameLocator(BANK_FRAME)
          .getByRole('button', { name: 'Approve' })
          .waitFor({ timeout: 10_000 });
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await waitForAnnouncement(page, /was cancelled\. Nothing was saved\./);
        await assertNoLeftoverRows(page, '3220', 'after cancelling beside the iframe');
        await page.close();
      },
    );

    await check(
      `${width} px: a full-page redirect from Manage cards comes back to Manage cards with its query`,
      async () => {
        const { page } = await openPage(context, '?verify=redirect&theme=dark&lang=en', '#/manage');
        const dialog = await fillCard(page, CHALLENGE, '06/31');
        await dialog.getByRole('button', { name: 'Save card' }).click();
        await page.waitForURL(/mock-3ds\/challenge\.html/, { timeout: 10_000 });
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/mock-3ds/'), { timeout: 10_000 });
        const url = new URL(page.url());
        assert(url.hash === '#/manage', `came back to ${url.hash || 'no route'}`);
        assert(
          url.searchParams.get('verify') === 'redirect' && url.searchParams.get('theme') === 'dark',
          `came back with ${url.search}`,
        );
        await page.getByRole('heading', { name: 'Your saved cards' }).waitFor();
        await waitForAnnouncement(page, /Visa ending in 3220 saved\./);
        await assertNoLeftoverRows(page, '3220', 'after the redirect');
        await page.close();
      },
    );

    await check(`${width} px: the first card a customer saves becomes the default`, async () => {
      const { page } = await openPage(context, '?scenario=empty&verify=iframe');
      const dialog = await fillCard(page, NO_CHALLENGE, '08/33');
      await dialog.getByRole('button', { name: 'Save card' }).click();
      await waitForAnnouncement(page, /Visa ending in 4242 saved\./);
      const card = page.getByRole('radio', { name: /Visa ending in 4242.*default/ });
      await card.waitFor({ timeout: 10_000 });
      assert(await card.isChecked(), 'the first card is not selected');
      await page.close();
    });

    await check(
      `${width} px: manage cards: removing the default is heard, then the new default, in order`,
      async () => {
        const { page } = await openPage(context, '', '#/manage');
        await page.getByRole('heading', { name: 'Your saved cards' }).waitFor();
        await shot(page, 'manage');
        await assertFits(page, 'manage cards');
        await removeCard(page, 'Visa ending in 4242');
        await waitForAnnouncement(page, /is now your default card\./);
        const texts = await announced(page);
        const removed = texts.findIndex((text) => /Visa ending in 4242 removed\./.test(text));
        const promoted = texts.findIndex((text) => /is now your default card\./.test(text));
        assert(removed >= 0, `the removal was never shown: ${JSON.stringify(texts)}`);
        assert(promoted >= removed, `out of order: ${JSON.stringify(texts)}`);
        await page.close();
      },
    );

    await check(
      `${width} px: manage cards is a list with nothing to choose; failed attempts clear in one go`,
      async () => {
        const { page } = await openPage(context, '', '#/manage');
        const list = page.getByRole('list', { name: 'Your saved cards' });
        await list.waitFor();
        assert((await page.getByRole('radio').count()) === 0, 'manage cards has radios');
        const cards = list.getByRole('group');
        assert((await cards.count()) >= 5, `${await cards.count()} cards listed`);
        // Never squeezed: each card takes (nearly) the row's whole width or all but its actions.
        const squeezed = await page.evaluate(() =>
          [...document.querySelectorAll('[data-slot="saved-card-list-row"]')]
            .map((row) => {
              const card = row.querySelector('[data-variant="card"]');
              return [card?.getBoundingClientRect().width ?? 0, row.getBoundingClientRect().width];
            })
            .filter(([card, row]) => card < Math.min(row, 560) * 0.6),
        );
        assert(squeezed.length === 0, `squeezed cards (card, row px): ${JSON.stringify(squeezed)}`);
        await page.getByRole('button', { name: 'Clear failed attempts' }).click();
        await waitForAnnouncement(page, /Failed attempts cleared\./);
        assert(
          (await list.getByRole('group', { name: /Mastercard ending in 0008/ }).count()) === 0,
          'the failed sample card is still listed',
        );
        await page.close();
      },
    );

    await context.close();
  }

  await check(
    'demo switches keep each other, the route and the theme; reset restores the samples',
    async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
      const { page, consoleErrors } = await openPage(context, '?verify=iframe', '#/manage');
      await page.getByRole('link', { name: 'dark' }).click();
      await page.waitForURL(/theme=dark/);
      let url = new URL(page.url());
      assert(
        url.searchParams.get('verify') === 'iframe' && url.hash === '#/manage',
        `went to ${url}`,
      );
      await page.getByRole('heading', { name: 'Your saved cards' }).waitFor();
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      assert(
        background !== 'rgb(255, 255, 255)' && background !== 'rgb(245, 245, 247)',
        `a light page in dark mode: ${background}`,
      );
      await page.screenshot({
        path: path.join(screens, 'demo-manage-dark-375.png'),
        fullPage: true,
      });
      await page.getByRole('link', { name: '繁體中文' }).click();
      await page.waitForURL(/lang=zh-HK/);
      url = new URL(page.url());
      assert(
        url.searchParams.get('theme') === 'dark',
        `the language link dropped the theme: ${url}`,
      );
      await page.getByRole('link', { name: 'right to left' }).click();
      await page.waitForURL(/dir=rtl/);
      assert(
        (await page.evaluate(() => document.documentElement.dir)) === 'rtl',
        'the page is not RTL',
      );
      await page.screenshot({
        path: path.join(screens, 'demo-manage-zh-HK-rtl-375.png'),
        fullPage: true,
      });
      await page.getByRole('link', { name: 'empty' }).click();
      await page.waitForURL(/scenario=empty/);
      await page.locator('[data-slot="saved-card-list-empty"]').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Reset the demo data' }).click();
      await page.waitForURL((next) => !next.search.includes('scenario='));
      await page.locator('[data-slot="saved-card-list-row"]').first().waitFor({ timeout: 20_000 });
      assert(
        new URL(page.url()).searchParams.get('lang') === 'zh-HK',
        'reset dropped the language',
      );
      assert(
        consoleErrors.length === 0,
        `console errors (a favicon 404?): ${consoleErrors.join('\n')}`,
      );
      await context.close();
    },
  );
} finally {
  await browser.close();
  await site.close();
}

/** Removes a card from Manage cards, whichever way the row offers it (a menu or a button). */
async function removeCard(page, cardName) {
  const menu = page.getByRole('button', { name: `Actions for ${cardName}` });
  if ((await menu.count()) > 0) {
    await menu.first().click();
    await page.getByRole('menuitem', { name: /Remove/ }).click();
  } else {
    await page.getByRole('button', { name: `Remove: ${cardName}` }).click();
  }
  const confirm = page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: /^Remove/ }).click();
}

finish();
