// End to end in a real Next.js App Router app (examples/next-app), in Debian's Chromium: the kit's
// BUILT packages (dist, default export conditions) server-rendered by `next start`, the saved cards
// prefetched on the server and hydrated, the signing proxy as a Route Handler, and the mock gateway
// (startMockUpstream of @savedcards/test-utils, as examples/next-app/mock-upstream.mjs runs it, in this
// process, over HTTP) verifying every signature.
// Prints `e2e-next: N passed, N failed` and writes reports/e2e-next.json for the CI summary.
//
// E2E_SKIP_BUILD=1 reuses every existing build (packages/*/dist and examples/next-app/.next);
// E2E_SKIP_PACKAGE_BUILD=1 only the packages' dist/ (CI builds them just before).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockUpstream } from '@savedcards/test-utils';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { assert, createHarness } from './harness.mjs';

const started = performance.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const app = path.join(root, 'examples/next-app');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });
const nextBin = createRequire(path.join(app, 'package.json')).resolve('next/dist/bin/next');

const OPENAPI = '/api/wonder/svc/payment/api/v1/openapi';
const DEMO_UUID = '00000000-0000-4000-8000-000000000001';
const OTHER_UUID = '00000000-0000-4000-8000-000000000002';
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
const nextEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
// Always the mock upstream here, even on a machine with real credentials.
for (const name of [
  'WONDER_APP_ID',
  'WONDER_PRIVATE_KEY',
  'WONDER_PRIVATE_KEY_FILE',
  'PUBLIC_URL',
]) {
  delete nextEnv[name];
}

function run(label, command, args, cwd) {
  const t0 = performance.now();
  const result = spawnSync(command, args, { cwd, env: nextEnv, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`${label} failed (exit ${result.status})`);
  }
  console.log(`    ${label}: ${seconds.toFixed(1)} s`);
  return seconds;
}

if (!process.env.E2E_SKIP_BUILD) {
  if (!process.env.E2E_SKIP_PACKAGE_BUILD) {
    run('package builds', 'pnpm', ['-r', '--filter', './packages/*', 'build'], root);
  }
  run('next build', process.execPath, [nextBin, 'build'], app);
}

const { check, finish } = createHarness('e2e-next', path.join(reports, 'e2e-next.json'));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `next start` as its own process on a free port; collects every line it prints. */
async function startNext(env) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    { cwd: app, env: { ...nextEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => lines.push(...chunk.split('\n').filter(Boolean)));
  }
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  while (true) {
    if (child.exitCode !== null) {
      throw new Error(`next start exited (${child.exitCode}):\n${lines.join('\n')}`);
    }
    try {
      await fetch(`${url}/3ds/return`);
      break;
    } catch {
      if (performance.now() - t0 > 30_000) {
        child.kill('SIGKILL');
        throw new Error(`next start did not answer within 30 s:\n${lines.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url, lines, stop, startup: (performance.now() - t0) / 1000 };
}

/** Signs in like a browser (GET /api/session sets the cookie), then GETs `/` as plain HTML. */
async function serverHtml(url) {
  const signIn = await fetch(`${url}/api/session?next=/`, { redirect: 'manual' });
  const cookie = signIn.headers.getSetCookie().map((value) => value.split(';')[0]);
  assert(cookie.length === 1, `no session cookie from /api/session (${signIn.status})`);
  const response = await fetch(`${url}/`, { headers: { Cookie: cookie[0] }, redirect: 'manual' });
  return { status: response.status, html: await response.text(), cookie: cookie[0] };
}

/** Calls the proxy from the page (same origin, the session cookie attached). */
function fetchFromPage(page, { method = 'GET', path }) {
  return page.evaluate(
    async ({ method, path }) => {
      const response = await fetch(path, {
        method,
        headers: { Accept: 'application/json', 'X-Requested-With': 'savedcards' },
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path },
  );
}

const mock = await startMockUpstream();
const upstream = () => structuredClone(mock.stats);
let next;
let browser;
try {
  next = await startNext(mock.env);
  console.log(`    next start: ${next.url}, ready in ${next.startup.toFixed(1)} s`);

  await check('a visit without a session is sent to the fake sign-in', async () => {
    const response = await fetch(`${next.url}/`, { redirect: 'manual' });
    assert(
      response.status >= 300 && response.status < 400,
      `expected a redirect, got ${response.status}`,
    );
    const location = response.headers.get('location') ?? '';
    assert(location.includes('/api/session'), `redirected to ${location}`);
  });

  await check(
    'the server HTML already lists the saved cards (prefetched, no skeleton)',
    async () => {
      const { status, html } = await serverHtml(next.url);
      assert(status === 200, `GET / answered ${status}`);
      for (const name of [
        /aria-label="Visa ending in 4242, expires \d\d\/\d\d, default"/,
        /aria-label="Mastercard ending in 4444, expires \d\d\/\d\d"/,
        /aria-label="UnionPay ending in 8599, expires \d\d\/\d\d"/,
      ]) {
        assert(name.test(html), `the HTML has no radio named ${name}`);
      }
      assert(!html.includes('Loading saved cards'), 'the HTML shows the loading skeleton');
      assert(/role="radiogroup"/.test(html), 'no radiogroup in the HTML');
      for (const bad of ['window is not defined', 'document is not defined', 'localStorage']) {
        assert(!html.includes(bad), `the HTML mentions "${bad}"`);
      }
      assert(!/BEGIN (RSA )?PRIVATE KEY/.test(html), 'the private key is in the HTML');
    },
  );

  await check('the Next server logged no errors while rendering', async () => {
    const errors = next.lines.filter((line) =>
      /⨯|Error:|is not defined|use client|Attempted to call/.test(line),
    );
    assert(errors.length === 0, errors.join('\n'));
  });

  browser = await chromium.launch(chromiumLaunchOptions);
  const context = await browser.newContext({ viewport: { width: 720, height: 1100 } });
  const page = await context.newPage();
  const consoleProblems = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /hydrat/i.test(text)) {
      const where = message.location()?.url;
      consoleProblems.push(`${message.type()}: ${text}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  const gatewayRequests = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/wonder/')) {
      gatewayRequests.push({ method: request.method(), path: url.pathname });
    }
  });

  await check(
    'the page hydrates in Chromium with no console errors or hydration warnings',
    async () => {
      await page.goto(`${next.url}/`);
      await page
        .locator('html[data-hydrated="true"]')
        .waitFor({ state: 'attached', timeout: 15_000 });
      // Give a refetch-on-mount (if any) time to start and the page time to complain.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      assert(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  );

  await check('on load the browser reads no token list and at most one customer', async () => {
    const lists = gatewayRequests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/payment_tokens'),
    );
    const customers = gatewayRequests.filter(
      (r) => r.method === 'GET' && /\/customers\/[^/]+$/.test(r.path),
    );
    console.log(
      `    requests on load: ${gatewayRequests.length} (${lists.length} token lists, ${customers.length} customers)`,
    );
    assert(lists.length === 0, `${lists.length} token-list requests on load`);
    assert(customers.length <= 1, `${customers.length} customer requests on load`);
  });

  await page.screenshot({ path: path.join(reports, 'e2e-next.png'), fullPage: true });

  const payWith = page.getByRole('radiogroup', { name: 'Pay with' });
  await check('choosing a card works by keyboard (Tab into the group, arrows select)', async () => {
    const visa = payWith.getByRole('radio', { name: /Visa ending in 4242, .*default/ });
    assert(await visa.isChecked(), 'the default card is not chosen');
    await page.getByRole('heading', { name: 'Checkout' }).click();
    await page.keyboard.press('Tab');
    assert(
      await visa.evaluate((element) => element === document.activeElement),
      'Tab did not land on the chosen card',
    );
    await page.keyboard.press('ArrowDown');
    const mastercard = payWith.getByRole('radio', { name: /Mastercard ending in 4444/ });
    assert(await mastercard.isChecked(), 'ArrowDown did not choose the next card');
    assert(
      await mastercard.evaluate((element) => element === document.activeElement),
      'focus did not follow the choice',
    );
    const selected = await page.getByTestId('selected-card').textContent();
    assert(selected?.includes('4444'), `the page says "${selected}"`);
  });

  await check(
    'set default through the picker: one request via the route handler, signature verified',
    async () => {
      const before = gatewayRequests.length;
      const upstreamBefore = upstream().requests.length;
      await page
        .getByRole('radiogroup', { name: 'Default card' })
        .getByRole('radio', { name: /Mastercard ending in 4444/ })
        .click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Mastercard ending in 4444 is now your default card.' })
        .first()
        .waitFor({ timeout: 10_000 });
      const writes = gatewayRequests
        .slice(before)
        .filter((r) => r.method === 'POST' && r.path === `${OPENAPI}/customers`);
      assert(writes.length === 1, `${writes.length} set-default requests`);
      await page.waitForLoadState('networkidle');
      const seen = upstream().requests.slice(upstreamBefore);
      const upstreamWrites = seen.filter(
        (r) => r.method === 'POST' && r.uri.endsWith('/openapi/customers'),
      );
      assert(upstreamWrites.length === 1, `upstream writes: ${JSON.stringify(upstreamWrites)}`);
      assert(
        seen.every((r) => r.ok),
        `rejected upstream: ${JSON.stringify(seen.filter((r) => !r.ok))}`,
      );
      const mastercard = mock.db
        .listTokens(DEMO_UUID)
        .find((t) => t.credit_card?.number?.endsWith('4444'));
      assert(mastercard?.default === true, 'the mock gateway does not hold the new default');
    },
  );

  await check('Add a card opens its form in a dialog (and Esc closes it)', async () => {
    await page.getByRole('button', { name: 'Add a card' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 5000 });
    const number = dialog.locator('input[autocomplete="cc-number"]');
    assert((await number.count()) === 1, 'no card-number input in the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5000 });
  });

  await check('no console errors after the interactions', async () => {
    assert(consoleProblems.length === 0, consoleProblems.join('\n'));
  });

  await check("another customer's uuid gets 403 and nothing reaches the gateway", async () => {
    const upstreamBefore = upstream().requests.length;
    for (const path of [
      `${OPENAPI}/customers/${OTHER_UUID}/payment_tokens`,
      `${OPENAPI}/customers/${OTHER_UUID}`,
    ]) {
      const { status } = await fetchFromPage(page, { path });
      assert(status === 403, `${path} answered ${status}`);
    }
    const anonymous = await fetch(`${next.url}${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`, {
      headers: { 'X-Requested-With': 'savedcards' },
    });
    assert(anonymous.status === 401, `without a session: ${anonymous.status}`);
    const seen = upstream().requests.length - upstreamBefore;
    assert(seen === 0, `${seen} requests reached the gateway`);
  });

  await check('every upstream request carried a valid signature', async () => {
    const { verified, rejected } = upstream();
    console.log(`    upstream: ${verified} verified, ${rejected} rejected`);
    assert(verified > 0 && rejected === 0, `${verified} verified, ${rejected} rejected`);
  });

  await check('hostile gateway data is rendered as text, never as markup', async () => {
    mock.db.addToken(DEMO_UUID, { number: '4000056655665556', holder_name: HOSTILE });
    const { status, html } = await serverHtml(next.url);
    assert(status === 200, `GET / answered ${status}`);
    assert(!html.includes('<script>window.__pwned'), 'a <script> from gateway data is in the HTML');
    assert(!html.includes('<img src=x'), 'an <img> from gateway data is in the HTML');
    const fresh = await context.newPage();
    try {
      await fresh.goto(`${next.url}/`);
      await fresh.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
      await fresh.waitForTimeout(300);
      const state = await fresh.evaluate(() => ({
        pwned: window.__pwned,
        shown: document.body.textContent?.includes('<script>window.__pwned=1</script>'),
      }));
      assert(state.pwned === undefined, `the injected script ran (${state.pwned})`);
      assert(state.shown, 'the hostile holder name is not shown as text');
    } finally {
      await fresh.close();
    }
  });

  await check('the Next server logged no errors', async () => {
    const errors = next.lines.filter((line) => /⨯|Error:|is not defined/.test(line));
    assert(errors.length === 0, errors.join('\n'));
  });
} finally {
  await browser?.close();
  await next?.stop();
  await mock.close();
}

console.log(`    total: ${((performance.now() - started) / 1000).toFixed(1)} s`);
finish();
