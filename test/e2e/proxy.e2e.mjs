// End to end through the signing proxy, in Debian's Chromium: the demo checkout built in server mode,
// served by examples/checkout/server (the proxy at /api/wonder, a fake session), with the mock
// gateway as the proxy's upstream verifying every signature.
// Prints `e2e-proxy: N passed, N failed` and writes reports/e2e-proxy.json for the CI summary.
// E2E_SKIP_BUILD=1 reuses every existing build (packages/msw, packages/server, packages/test-utils and
// examples/checkout/server/dist); E2E_SKIP_PACKAGE_BUILD=1 only the packages' dist/ (CI builds them
// just before).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHALLENGE_PAN, DEMO_UUID, OTHER_UUID, TEST_PANS } from '@savedcards/test-utils';
import { chromium } from 'playwright-core';
import { buildServerDemo } from '../../examples/checkout/server/build.mjs';
import { chromiumLaunchOptions } from './chromium.mjs';
import { startDemoServer } from './demoServer.mjs';
import { assert, createHarness, watchPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });

const OPENAPI = '/api/wonder/svc/payment/api/v1/openapi';
const MASTERCARD_TOKEN = '00000000-0000-4000-a000-000000000002';
const UNIONPAY_TOKEN = '00000000-0000-4000-a000-000000000006';
/** Cards the payment checks save (frictionless to save; the payment follows the number). */
const PAY_PANS = {
  plain: '4111111111111111',
  challenge: '4000002500003155',
  lost: '4000000000006280',
};
/** Every card number the checks type in; none may show up in a log line or an answer. */
const PANS = [...TEST_PANS, CHALLENGE_PAN, ...Object.values(PAY_PANS)];

if (!process.env.E2E_SKIP_BUILD) {
  buildServerDemo({
    stdio: ['ignore', 'ignore', 'inherit'],
    packages: !process.env.E2E_SKIP_PACKAGE_BUILD,
  });
}

const { check, finish } = createHarness('e2e-proxy', path.join(reports, 'e2e-proxy.json'));
function containsPan(text) {
  const digitsOnly = text.replace(/[\s-]/g, '');
  return PANS.some((pan) => digitsOnly.includes(pan));
}

const demo = await startDemoServer();
console.log(`    demo server: ${demo.url}`);
const upstream = async () => (await fetch(`${demo.url}/__test__/upstream`)).json();

/** Calls the proxy from the page (same origin, the session cookie attached), as a script there could. */
function fetchFromPage(page, { method = 'GET', path, body, marker = true, rawBody }) {
  return page.evaluate(
    async ({ method, path, body, marker, rawBody }) => {
      const headers = { Accept: 'application/json' };
      if (marker) headers['X-Requested-With'] = 'savedcards';
      if (body !== undefined || rawBody !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(path, {
        method,
        headers,
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body, marker, rawBody },
  );
}

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ viewport: { width: 720, height: 900 } });
  const page = await context.newPage();
  const { consoleErrors, gatewayResponses } = watchPage(page);

  const before = await upstream();
  await page.goto(demo.url);
  const visa = page.getByRole('radio', {
    name: /Visa ending in 4242, expires \d\d\/\d\d, default/,
  });

  await check('the checkout lists the saved cards through the proxy', async () => {
    await visa.waitFor({ timeout: 20_000 });
    assert(await visa.isChecked(), 'the default Visa is not checked');
    const count = await page.getByRole('radio').count();
    assert(count === 5, `expected 5 cards without the expired one, got ${count}`);
  });

  await check('gateway responses came from the proxy, not from a service worker', async () => {
    assert(gatewayResponses.length > 0, 'no gateway request seen');
    for (const response of gatewayResponses) {
      assert(!response.fromServiceWorker(), `${response.url()} came from a service worker`);
      assert(response.status() === 200, `${response.url()} answered ${response.status()}`);
      const id = (await response.allHeaders())['x-request-id'];
      assert(/^[0-9a-f-]{36}$/.test(id ?? ''), `${response.url()} has no X-Request-ID`);
    }
    const workers = await page.evaluate(async () =>
      (await navigator.serviceWorker.getRegistrations()).map((r) => r.active?.scriptURL),
    );
    assert(workers.length === 0, `service workers registered: ${workers}`);
  });

  await check('each browser request reached the mock once, with a verified signature', async () => {
    const after = await upstream();
    const seen = after.requests.slice(before.requests.length);
    assert(
      seen.length === gatewayResponses.length,
      `${gatewayResponses.length} browser requests but ${seen.length} upstream`,
    );
    assert(
      seen.every((request) => request.ok),
      `rejected: ${JSON.stringify(seen.filter((r) => !r.ok))}`,
    );
    console.log(`    upstream so far: ${after.verified} verified, ${after.rejected} rejected`);
  });

  await page.screenshot({ path: path.join(reports, 'e2e-proxy-checkout.png'), fullPage: true });

  await check('no console errors on the checkout', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'));
  });

  await check('Manage cards: make Mastercard ending in 4444 the default', async () => {
    const upstreamBefore = (await upstream()).requests.length;
    await page.getByRole('navigation').getByRole('link', { name: 'Manage cards' }).click({
      timeout: 10_000,
    });
    await page.getByRole('heading', { name: 'Your saved cards' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Make default: Mastercard ending in 4444' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Mastercard ending in 4444 is now your default card.' })
      .first()
      .waitFor({ timeout: 10_000 });
    const writes = (await upstream()).requests
      .slice(upstreamBefore)
      .filter((r) => r.method === 'POST' && r.uri.endsWith('/openapi/customers'));
    assert(
      writes.length >= 1 && writes.every((r) => r.ok),
      `upstream writes: ${JSON.stringify(writes)}`,
    );
  });

  await check('Manage cards: remove UnionPay ending in 8599 after confirming', async () => {
    const upstreamBefore = (await upstream()).requests.length;
    await page.getByRole('button', { name: 'Remove: UnionPay ending in 8599' }).click({
      timeout: 10_000,
    });
    const dialog = page.getByRole('alertdialog', { name: 'Remove UnionPay ending in 8599?' });
    await dialog.waitFor({ timeout: 5000 });
    assert(await dialog.getByRole('button', { name: 'Keep card' }).isVisible(), 'no Keep card');
    await dialog.getByRole('button', { name: 'Remove card' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'UnionPay ending in 8599 removed.' })
      .first()
      .waitFor({ timeout: 10_000 });
    await page
      .getByRole('button', { name: 'Remove: UnionPay ending in 8599' })
      .waitFor({ state: 'detached', timeout: 5000 });
    const deletes = (await upstream()).requests
      .slice(upstreamBefore)
      .filter((r) => r.method === 'DELETE');
    assert(deletes.length === 1 && deletes[0].ok, `upstream deletes: ${JSON.stringify(deletes)}`);
  });

  await check('the mock gateway holds both changes (read back through the proxy)', async () => {
    const { status, text } = await fetchFromPage(page, {
      path: `${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`,
    });
    assert(status === 200, `list answered ${status}`);
    const tokens = JSON.parse(text).data.payment_tokens;
    const mastercard = tokens.find((t) => t.token === MASTERCARD_TOKEN);
    assert(mastercard?.default === true, 'Mastercard ending in 4444 is not the default upstream');
    assert(
      !tokens.some((t) => t.token === UNIONPAY_TOKEN),
      'UnionPay ending in 8599 is still there',
    );
  });

  await check('no console errors after managing cards', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'));
  });

  // Add a card with a 3-D Secure challenge, through the proxy: the mock's bank page is served by
  // the demo server and tells the mock upstream the decision; the flow's checks are signed too.
  const CHALLENGE_PAN = '4000000000003220';
  async function addCardThroughProxy(mode, expiry, decide) {
    await page.goto(`${demo.url}/?verify=${mode}`);
    await page.getByRole('button', { name: 'Add a card' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').fill(CHALLENGE_PAN);
    await dialog.getByLabel('Expiry date (MM / YY)').fill(expiry);
    await dialog.getByLabel('Security code (CVC)').fill('737');
    await dialog.getByLabel('Name on card').fill('Tai Man Chan');
    await decide(() => dialog.getByRole('button', { name: 'Save card' }).click());
    await page
      .getByRole('status')
      .filter({ hasText: 'Visa ending in 3220 saved.' })
      .waitFor({ timeout: 20_000 });
  }

  await check('add a card through the proxy: 3-D Secure in an iframe, approved', async () => {
    await addCardThroughProxy('iframe', '04/31', async (save) => {
      await save();
      const frame = page.frameLocator('iframe[title="3-D Secure verification with your bank"]');
      await frame.getByRole('button', { name: 'Approve' }).click({ timeout: 10_000 });
    });
  });

  await check('add a card through the proxy: 3-D Secure in a popup, approved', async () => {
    await addCardThroughProxy('popup', '06/31', async (save) => {
      const [popup] = await Promise.all([page.waitForEvent('popup'), save()]);
      await popup.getByRole('button', { name: 'Approve' }).click();
      await popup.waitForEvent('close', { timeout: 10_000 }).catch(() => {});
    });
  });

  await check(
    'add a card through the proxy: 3-D Secure by a full-page redirect, resumed',
    async () => {
      await addCardThroughProxy('redirect', '05/31', async (save) => {
        await save();
        await page.waitForURL(/\/mock-3ds\/challenge\.html/, { timeout: 10_000 });
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
      });
      const stats = await upstream();
      const checks = stats.requests.filter((r) => r.uri.endsWith('/payment_tokens/check'));
      assert(checks.length >= 2 && checks.every((r) => r.ok), `status checks: ${checks.length}`);
      const saved = await page.getByRole('radio', { name: /Visa ending in 3220/ }).count();
      assert(saved === 3, `expected the three added cards in the list, found ${saved}`);
    },
  );

  await check('no console errors after adding cards', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'));
  });

  // Paying through the proxy: the demo server prices its own cart (388.00 HKD), the proxy charges
  // what its order book says, and the mock gateway's signed webhook marks the order paid.
  const PAY_BUTTON = 'Pay HK$388.00';
  /** Opens the checkout; resolves with the order the demo server holds for this visit. */
  async function openCheckout(query = '') {
    await page.goto(`${demo.url}/${query}`);
    await page.getByRole('button', { name: PAY_BUTTON }).waitFor({ timeout: 10_000 });
    // The checkout keeps its order's id in the tab (a reload or a redirect comes back to it).
    const id = await page.evaluate(() => sessionStorage.getItem('savedcards-demo:order'));
    const { status, text } = await fetchFromPage(page, { path: `/api/orders/${id}` });
    assert(status === 200, `order ${id}: ${status}`);
    return JSON.parse(text);
  }

  /** The mock gateway's payment ledger: every transaction it made. */
  const ledger = async () => (await upstream()).transactions;
  async function waitForPaidReceipt() {
    await page
      .locator('[data-order-status="paid"]')
      .waitFor({ timeout: 15_000 })
      .catch(async () => {
        throw new Error(
          `the receipt never turned paid: ${await page.locator('.receipt').textContent()}`,
        );
      });
  }
  async function addCardAtCheckout(number, expiry) {
    await page.getByRole('button', { name: 'Add a card' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').fill(number);
    await dialog.getByLabel('Expiry date (MM / YY)').fill(expiry);
    await dialog.getByLabel('Security code (CVC)').fill('737');
    await dialog.getByLabel('Name on card').fill('Tai Man Chan');
    await dialog.getByRole('button', { name: 'Save card' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `ending in ${number.slice(-4)} saved.` })
      .waitFor({ timeout: 15_000 });
  }
  const paidStatus = (text) => page.getByRole('status').filter({ hasText: text });

  await check(
    'pay with the default card through the proxy; the webhook marks the order paid',
    async () => {
      const order = await openCheckout();
      assert(order.amount === '388.00' && order.currency === 'HKD', JSON.stringify(order));
      await page.getByRole('button', { name: PAY_BUTTON }).click();
      await paidStatus('Paid HK$388.00 with Mastercard ending in 4444.').waitFor({
        timeout: 15_000,
      });
      await waitForPaidReceipt();
      const stored = await fetchFromPage(page, { path: `/api/orders/${order.id}` });
      assert(JSON.parse(stored.text).status === 'paid', `order: ${stored.text}`);
      const charged = (await ledger()).filter((t) => t.amount === '388.00');
      assert(charged.length >= 1, 'no 388.00 transaction in the mock ledger');
    },
  );

  await check(
    'a double click and a retry of the same order charge once (the ledger has one transaction)',
    async () => {
      const order = await openCheckout();
      const before = (await ledger()).length;
      await page.getByRole('button', { name: PAY_BUTTON }).dblclick();
      await paidStatus('Paid HK$388.00').waitFor({ timeout: 15_000 });
      // A retry after a "timeout", and a second tab: the same order, paid again.
      const retry = await fetchFromPage(page, {
        method: 'POST',
        path: '/api/wonder/savedcards/v1/payments',
        body: { order_id: order.id, token: MASTERCARD_TOKEN },
      });
      assert(retry.status === 200, `retry answered ${retry.status}: ${retry.text}`);
      assert(JSON.parse(retry.text).data.state === 'succeeded', retry.text);
      const second = await context.newPage();
      const again = await second
        .evaluate(
          async ({ id, token }) =>
            (
              await fetch('/api/wonder/savedcards/v1/payments', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'savedcards' },
                body: JSON.stringify({ order_id: id, token }),
              }).catch(() => null)
            )?.status ?? 0,
          { id: order.id, token: MASTERCARD_TOKEN },
        )
        .catch(() => 0);
      await second.close();
      const added = (await ledger()).length - before;
      assert(added === 1, `${added} transactions for one order (second tab answered ${again})`);
    },
  );

  await check('a tampered amount and currency from the browser are ignored', async () => {
    const created = await fetchFromPage(page, { method: 'POST', path: '/api/orders' });
    const order = JSON.parse(created.text);
    const paid = await fetchFromPage(page, {
      method: 'POST',
      path: '/api/wonder/savedcards/v1/payments',
      body: { order_id: order.id, token: MASTERCARD_TOKEN, amount: '0.01', currency: 'USD' },
    });
    assert(paid.status === 200, `pay answered ${paid.status}: ${paid.text}`);
    const result = JSON.parse(paid.text).data;
    assert(
      result.state === 'succeeded' && result.order.amount === '388.00',
      `charged: ${paid.text}`,
    );
    assert(
      !(await ledger()).some((t) => t.amount === '0.01' || t.currency === 'USD'),
      'the tampered amount reached the gateway',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert(
      demo.lines.some((line) => /tamper/.test(line) && /amount/.test(line)),
      'the tamper attempt was not logged',
    );
  });

  await check('pay with a card just added at checkout: it is selected and charged', async () => {
    await openCheckout();
    await addCardAtCheckout(PAY_PANS.plain, '08/32');
    await page.getByRole('button', { name: PAY_BUTTON }).click();
    await paidStatus('Paid HK$388.00 with Visa ending in 1111.').waitFor({ timeout: 15_000 });
    await waitForPaidReceipt();
  });

  await check(
    '3-D Secure on the payment (iframe): approve pays; decline says nothing was charged',
    async () => {
      await openCheckout('?verify=iframe');
      await addCardAtCheckout(PAY_PANS.challenge, '09/32');
      const frameSelector = 'iframe[title="Confirm the payment with your bank"]';
      await page.getByRole('button', { name: PAY_BUTTON }).click();
      await page
        .frameLocator(frameSelector)
        .getByRole('button', { name: 'Approve' })
        .click({ timeout: 15_000 });
      await paidStatus('Paid HK$388.00 with Visa ending in 3155.').waitFor({ timeout: 15_000 });
      await waitForPaidReceipt();

      await page.getByRole('button', { name: 'Start a new order' }).click();
      await page.getByRole('button', { name: PAY_BUTTON }).click({ timeout: 10_000 });
      await page
        .frameLocator(frameSelector)
        .getByRole('button', { name: 'Decline' })
        .click({ timeout: 15_000 });
      await page
        .getByRole('alert')
        .filter({ hasText: 'Your bank could not verify the payment. You were not charged.' })
        .waitFor({ timeout: 15_000 });
    },
  );

  await check(
    '3-D Secure on the payment by full-page redirect: back on the same page and order, resumed, paid once',
    async () => {
      const order = await openCheckout('?verify=redirect');
      await page.getByRole('radio', { name: /Visa ending in 3155/ }).click();
      const before = (await ledger()).length;
      await page.getByRole('button', { name: PAY_BUTTON }).click();
      await page.waitForURL(/\/mock-3ds\/challenge\.html/, { timeout: 15_000 });
      await page.getByRole('button', { name: 'Approve' }).click();
      // Back on the checkout's own route and query (the demo's settings live in the query).
      await page.waitForURL(
        (url) => url.pathname === '/' && url.searchParams.get('verify') === 'redirect',
        { timeout: 15_000 },
      );
      await paidStatus('Paid HK$388.00').waitFor({ timeout: 15_000 });
      await waitForPaidReceipt();
      const receipt = await page.locator('.receipt').textContent();
      assert(receipt?.includes(order.reference_number), `receipt: ${receipt}`);
      const added = (await ledger()).length - before;
      assert(added === 1, `${added} transactions for one order`);
    },
  );

  await check(
    'the answer lost after the charge: confirmed from the order, never paid again',
    async () => {
      const order = await openCheckout();
      await addCardAtCheckout(PAY_PANS.lost, '10/32');
      const pays = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/savedcards/v1/payments')) pays.push(request.url());
      });
      const before = (await ledger()).length;
      await page.getByRole('button', { name: PAY_BUTTON }).click();
      await paidStatus('Paid HK$388.00 with Visa ending in 6280.').waitFor({ timeout: 20_000 });
      assert(pays.length === 1, `${pays.length} pay requests`);
      const added = (await ledger()).length - before;
      assert(added === 1, `${added} transactions for order ${order.id}`);
    },
  );

  await check('no console errors after paying', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'));
  });

  await check("another customer's cards: 403, and nothing reaches the gateway", async () => {
    const upstreamBefore = (await upstream()).requests.length;
    const attempts = [
      { path: `${OPENAPI}/customers/${OTHER_UUID}/payment_tokens` },
      { path: `${OPENAPI}/customers/${OTHER_UUID}` },
      {
        method: 'DELETE',
        path: `${OPENAPI}/customers/${OTHER_UUID}/payment_tokens`,
        body: { token: MASTERCARD_TOKEN },
      },
      {
        method: 'POST',
        path: `${OPENAPI}/customers`,
        body: { customer: { name: 'X', phone: '1', reference_number: 'someone-else' } },
      },
    ];
    for (const attempt of attempts) {
      const { status, text } = await fetchFromPage(page, attempt);
      assert(status === 403, `${attempt.method ?? 'GET'} ${attempt.path} answered ${status}`);
      assert(JSON.parse(text).error_code === 'E_FORBIDDEN_CUSTOMER', text);
    }
    const after = (await upstream()).requests.length;
    assert(after === upstreamBefore, `${after - upstreamBefore} request(s) reached the gateway`);
  });

  await check(
    'without the X-Requested-With marker: 403, nothing sent; unknown routes: 404',
    async () => {
      const upstreamBefore = (await upstream()).requests.length;
      const forged = await fetchFromPage(page, {
        path: `${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`,
        marker: false,
      });
      assert(forged.status === 403, `no marker answered ${forged.status}`);
      const unknown = await fetchFromPage(page, { path: '/api/wonder/svc/payment/api/v1/echo' });
      assert(unknown.status === 404, `echo through the proxy answered ${unknown.status}`);
      const after = (await upstream()).requests.length;
      assert(after === upstreamBefore, `${after - upstreamBefore} request(s) reached the gateway`);
    },
  );

  await check(
    'card numbers sent through the proxy appear in no log line and no answer',
    async () => {
      const answers = [];
      for (const pan of PANS) {
        const card = {
          number: pan,
          exp_month: '04',
          exp_year: '2031',
          holder_name: 'Tai Man Chan',
          cvv: '123',
        };
        const path = `${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`;
        answers.push(await fetchFromPage(page, { method: 'POST', path, body: { card } }));
        answers.push(
          await fetchFromPage(page, {
            method: 'POST',
            path,
            rawBody: JSON.stringify({ card }).slice(0, -3),
          }),
        );
        answers.push(
          await fetchFromPage(page, {
            method: 'POST',
            path: `${OPENAPI}/customers/${OTHER_UUID}/payment_tokens`,
            body: { card },
          }),
        );
        answers.push(
          await fetchFromPage(page, { method: 'POST', path, body: { card }, marker: false }),
        );
      }
      for (const answer of answers) {
        assert(!containsPan(answer.text), `an answer carries a card number: ${answer.text}`);
      }
      // Give the server a moment to flush its last log lines.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const proxyLines = demo.lines.filter((line) => line.includes('"msg":"wonder proxy request"'));
      assert(proxyLines.length >= answers.length, `only ${proxyLines.length} proxy log lines`);
      const leaking = demo.lines.filter(containsPan);
      assert(leaking.length === 0, `log lines with a card number:\n${leaking.join('\n')}`);
      assert(!demo.lines.some((line) => /"cvv"\s*:\s*"123"/.test(line)), 'a log line has the CVV');
      console.log(`    ${proxyLines.length} proxy log lines checked`);
    },
  );

  await check('every upstream request had a valid signature: none rejected', async () => {
    const stats = await upstream();
    console.log(`    upstream total: ${stats.verified} verified, ${stats.rejected} rejected`);
    assert(stats.verified > 0, 'nothing was verified');
    assert(
      stats.rejected === 0,
      `${stats.rejected} rejected: ${JSON.stringify(stats.requests.filter((r) => !r.ok))}`,
    );
    assert(stats.verified === stats.requests.length, 'counters disagree with the request list');
  });
} finally {
  await browser.close();
  await demo.stop();
}

finish();
