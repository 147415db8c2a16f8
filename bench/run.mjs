// `pnpm bench`: builds what it needs, measures, prints ONE table and writes reports/bench.json.
// Sizes are checked against budgets by size-limit in CI; every timing here is reported, never asserted.
//
// BENCH_SKIP_BUILD=1 reuses existing builds (packages/*/dist, examples/checkout/dist and the server demo).
// BENCH_LOAD_SECONDS (default 10) and BENCH_LOAD_CONNECTIONS (default 50) bound the proxy load.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { buildServerDemo } from '../examples/checkout/server/build.mjs';
import { chromiumLaunchOptions } from '../test/e2e/chromium.mjs';
import { serveStatic } from '../test/e2e/staticServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });
const skipBuild = Boolean(process.env.BENCH_SKIP_BUILD);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const LOAD_CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);

const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
  });
const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** Rows of the one table: [section, measure, value, note]. */
const rows = [];
const results = {};
const row = (section, measure, value, note = '') =>
  rows.push([section, measure, String(value), note]);
const fmtMs = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a');
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

async function step(name, body) {
  try {
    await body();
  } catch (error) {
    log(`${name} failed: ${error?.stack ?? error}`);
    row(
      name,
      'FAILED',
      'n/a',
      String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 80),
    );
    results[name] = { error: String(error?.message ?? error) };
    process.exitCode = 1; // a measurement that could not be taken fails the run; slow figures do not
  }
}

// ── Machine ─────────────────────────────────────────────────────────────────────────────────────
const chromiumVersion = (() => {
  try {
    return run(chromiumLaunchOptions.executablePath, ['--version']).trim();
  } catch {
    return 'unknown';
  }
})();
const machine = {
  cpus: os.cpus().length,
  nproc: (() => {
    try {
      return Number(run('nproc', []).trim());
    } catch {
      return os.cpus().length;
    }
  })(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
  node: process.version,
  chromium: chromiumVersion,
  os: `${os.type()} ${os.release()}`,
  date: new Date().toISOString(),
};
results.machine = machine;

// ── Builds ──────────────────────────────────────────────────────────────────────────────────────
if (!skipBuild) {
  log('building packages, the demo (mock mode) and the server demo…');
  run('pnpm', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  run(
    'pnpm',
    ['exec', 'vite', 'build', '--config', 'examples/checkout/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  buildServerDemo({ stdio: ['ignore', 'ignore', 'inherit'], packages: false });
}

// ── Bundle sizes ────────────────────────────────────────────────────────────────────────────────
await step('size', async () => {
  let out;
  try {
    out = run('pnpm', ['exec', 'size-limit', '--json']);
  } catch (error) {
    out = error.stdout; // size-limit exits non-zero when a budget is exceeded; still report.
  }
  const entries = JSON.parse(out.slice(out.indexOf('[')));
  results.size = entries;
  for (const entry of entries) {
    row(
      'size (min+brotli)',
      entry.name,
      kB(entry.size),
      entry.passed === false ? 'OVER BUDGET' : 'within budget',
    );
  }
  // Published figures (not measured here): vendors' docs, bundlephobia and community comparisons.
  for (const [name, figure] of [
    ['Adyen Web (Drop-in)', '≈80 kB gz'],
    ['Braintree Drop-in', '≈80 kB gz'],
    ['Stripe.js', '≈55–75 kB'],
  ]) {
    row('size (published, not measured)', name, figure, 'published figure');
  }
});

// ── Chromium: requests, optimistic latency, render time ─────────────────────────────────────────
const browser = await chromium.launch(chromiumLaunchOptions);
const site = await serveStatic(path.join(root, 'examples/checkout/dist'));

/** The page's gateway calls as `METHOD /path` (not the simulated bank page's `/__mock__/3ds/…`). */
function recordGateway(page) {
  const gateway = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.includes('/api/wonder/') && !url.includes('/__mock__/')) {
      gateway.push(`${request.method()} ${new URL(url).pathname.replace(/^.*\/openapi/, '')}`);
    }
  });
  return gateway;
}

async function demoPage(query = '') {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  const gateway = recordGateway(page);
  await page.goto(`${site.url}${query}#/manage`);
  await page
    .getByRole('button', { name: /^Remove: Mastercard ending in 4444$/ })
    .waitFor({ timeout: 20_000 });
  return { context, page, gateway };
}

await step('requests', async () => {
  const { context, page, gateway } = await demoPage();
  await page.getByRole('radiogroup', { name: 'Default card' }).waitFor();
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
    'requests (demo #/manage: list, picker, add card)',
    'list requests on load',
    lists,
    'want exactly 1',
  );
  row(
    'requests (demo #/manage: list, picker, add card)',
    'customer requests on load',
    customers,
    'want ≤ 1',
  );
  row(
    'requests (demo #/manage: list, picker, add card)',
    'requests for one set-default',
    perWrite.length,
    perWrite.map((r) => r.replace(/[0-9a-f-]{36}/g, '{uuid}')).join(', '),
  );
  row(
    'requests (demo #/manage: list, picker, add card)',
    'requests for one remove',
    perRemove.length,
    perRemove.map((r) => r.replace(/[0-9a-f-]{36}/g, '{uuid}')).join(', '),
  );
  await context.close();
});

await step('add-card requests', async () => {
  const section = 'requests (demo, add a card, 3-D Secure in an iframe)';
  const short = (list) => list.map((r) => r.replace(/[0-9a-f-]{36}/g, '{uuid}')).join(', ');
  const isCheck = (r) => r.endsWith('/payment_tokens/check');
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
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
    await page.goto(`${site.url}/?verify=iframe`);
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
});

/**
 * Click → first DOM change (MutationObserver) and → the next frame after it. `until` is either
 * `{ defaultRadio: 'UnionPay ending in 8599' }` (that card's radio reads "…, default") or
 * `{ gone: 'Remove: Mastercard ending in 4444' }` (no button with that label any more).
 */
async function clickToVisible(page, clickSelector, until) {
  return page.evaluate(
    ([selector, want]) =>
      new Promise((resolve, reject) => {
        const changed = () =>
          want.defaultRadio
            ? [...document.querySelectorAll('[role=radio]')].some((r) => {
                const label = r.getAttribute('aria-label') ?? '';
                return label.startsWith(want.defaultRadio) && label.endsWith('default');
              })
            : ![...document.querySelectorAll('button')].some(
                (b) => b.getAttribute('aria-label') === want.gone,
              );
        const button = document.querySelector(selector);
        if (!button) return reject(new Error(`no ${selector}`));
        let t0 = 0;
        const observer = new MutationObserver(() => {
          if (!changed()) return;
          observer.disconnect();
          const dom = performance.now() - t0;
          requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
        });
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        t0 = performance.now();
        button.click();
        setTimeout(() => reject(new Error('no visible change within 5 s')), 5000);
      }),
    [clickSelector, until],
  );
}

await step('optimistic', async () => {
  const samples = { setDefault: [], remove: [] };
  for (let i = 0; i < 5; i += 1) {
    const { context, page, gateway } = await demoPage('?scenario=slow');
    const writes = () => gateway.filter((r) => !r.startsWith('GET')).length;
    const setDefault = await clickToVisible(
      page,
      'button[aria-label="Make default: UnionPay ending in 8599"]',
      { defaultRadio: 'UnionPay ending in 8599' },
    );
    samples.setDefault.push({ ...setDefault, writesSent: writes() });
    await page
      .getByText('UnionPay ending in 8599 is now your default card.')
      .waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Remove: Mastercard ending in 4444' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.evaluate(() =>
      [...document.querySelectorAll('[role=alertdialog] button')]
        .find((b) => b.textContent === 'Remove card')
        ?.setAttribute('data-bench', 'confirm'),
    );
    const remove = await clickToVisible(page, 'button[data-bench="confirm"]', {
      gone: 'Remove: Mastercard ending in 4444',
    });
    samples.remove.push(remove);
    await context.close();
  }
  results.optimistic = samples;
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const [name, list] of Object.entries(samples)) {
    row(
      'optimistic (Chromium, gateway 1.5 s, median of 5)',
      `${name === 'setDefault' ? 'set default' : 'remove'}: click → DOM / → next frame`,
      `${fmtMs(median(list.map((s) => s.dom)))} / ${fmtMs(median(list.map((s) => s.frame)))}`,
      `max frame ${fmtMs(Math.max(...list.map((s) => s.frame)))}`,
    );
  }
});

await step('render', async () => {
  results.render = {};
  for (const count of [10, 100, 1000]) {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${site.url}#/`);
    await page.getByRole('radiogroup').first().waitFor({ timeout: 20_000 });
    // Seed the persisted mock db (sessionStorage) with `count` valid cards for the demo customer.
    await page.evaluate((n) => {
      const key = 'savedcards-mock-gateway';
      const state = JSON.parse(sessionStorage.getItem(key));
      const [uuid, tokens] = state.tokens[0];
      const template = tokens.find((t) => t.state === 'success');
      const many = Array.from({ length: n }, (_, i) => ({
        ...template,
        token: `bench-${String(i).padStart(6, '0')}`,
        credit_card: {
          ...template.credit_card,
          number: `424242******${String(i % 10000).padStart(4, '0')}`,
        },
      }));
      state.tokens[0] = [uuid, many];
      state.customers = state.customers.map(([id, c]) =>
        id === uuid ? [id, { ...c, default_payment_token: many[0].token }] : [id, c],
      );
      sessionStorage.setItem(key, JSON.stringify(state));
    }, count);
    await page.addInitScript((n) => {
      window.__bench = {};
      const observer = new MutationObserver(() => {
        if (
          document.querySelectorAll('[data-slot="saved-card-list-row"]').length >= n &&
          !window.__bench.rows
        ) {
          window.__bench.rows = performance.now();
          requestAnimationFrame(() => {
            window.__bench.frame = performance.now();
          });
          observer.disconnect();
        }
      });
      document.addEventListener('DOMContentLoaded', () =>
        observer.observe(document.body, { subtree: true, childList: true }),
      );
    }, count);
    await page.reload();
    await page.waitForFunction(() => window.__bench?.frame, null, { timeout: 60_000 });
    const timing = await page.evaluate(() => {
      const list = performance
        .getEntriesByType('resource')
        .filter((e) => /\/payment_tokens(\?|$)/.test(e.name))
        .at(0);
      return { responseEnd: list?.responseEnd ?? Number.NaN, ...window.__bench };
    });
    const render = timing.frame - timing.responseEnd;
    results.render[count] = { ...timing, renderMs: render };
    row(
      'render (Chromium, SavedCardList)',
      `${count} cards: list response → rows painted`,
      fmtMs(render),
      `rows in DOM ${fmtMs(timing.rows - timing.responseEnd)}`,
    );
    await context.close();
  }
});

await step('rerenders', async () => {
  // React commit hook (what React DevTools uses; it works on production builds): for every commit,
  // which SavedCardList rows' components rendered. A row component is the nearest function,
  // forwardRef or memo fiber above a `[data-slot=saved-card-list-row]` element; it rendered in a
  // commit when its fiber was re-created (not an untouched subtree) with the PerformedWork flag.
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  await context.addInitScript(() => {
    const seen = new Map(); // row key → fiber object in the previous commit
    window.__rowRenders = [];
    const rowFibers = (root) => {
      const out = [];
      const stack = [root.current];
      while (stack.length) {
        const fiber = stack.pop();
        if (fiber.tag === 5 && fiber.stateNode?.dataset?.slot === 'saved-card-list-row') {
          let owner = fiber.return;
          while (owner && ![0, 11, 14, 15].includes(owner.tag)) owner = owner.return;
          const last4 = fiber.stateNode.textContent.match(/(\d{4})/)?.[1] ?? '?';
          // Two lists on the page (SavedCardList and DefaultMethodPicker): key rows by list too.
          const list =
            fiber.stateNode.closest('[role=radiogroup]')?.getAttribute('aria-labelledby') ?? '';
          if (owner) out.push([`${last4}@${list}`, owner]);
        }
        if (fiber.sibling) stack.push(fiber.sibling);
        if (fiber.child) stack.push(fiber.child);
      }
      return out;
    };
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject(renderer) {
        this.renderers.set(1, renderer);
        return 1;
      },
      checkDCE() {},
      onScheduleFiberRoot() {},
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onCommitFiberRoot(_id, root) {
        if (!window.__countRows) {
          for (const [label, fiber] of rowFibers(root)) seen.set(label, fiber);
          return;
        }
        const rendered = [];
        const rows = rowFibers(root);
        for (const [label, fiber] of rows) {
          const previous = seen.get(label);
          if (previous !== fiber && (fiber.flags & 1) === 1) rendered.push(label);
          seen.set(label, fiber);
        }
        if (rows.length) window.__rowRenders.push({ rows: rows.length, rendered });
      },
    };
  });
  const page = await context.newPage();
  await page.goto(`${site.url}#/manage`);
  await page
    .getByRole('button', { name: 'Remove: Mastercard ending in 4444' })
    .waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    window.__countRows = true;
  });
  await page.getByRole('button', { name: 'Make default: UnionPay ending in 8599' }).click();
  await page.getByText('UnionPay ending in 8599 is now your default card.').waitFor();
  await page.waitForTimeout(1000);
  const commits = await page.evaluate(() => window.__rowRenders);
  await context.close();
  if (!commits.length) throw new Error('no React commit with rows seen (hook not picked up?)');
  // The list on #/manage: rows whose content did not change are every row except the old and the
  // new default (Visa 4242, UnionPay 8599).
  const changed = new Set(['4242', '8599']);
  const unchangedRenders = commits.flatMap((c) =>
    c.rendered.filter((key) => !changed.has(key.split('@')[0])),
  );
  const totalRenders = commits.reduce((n, c) => n + c.rendered.length, 0);
  results.rerenders = { commits };
  row(
    'rerenders (Chromium, React commit hook)',
    'set default: renders of rows that did not change',
    unchangedRenders.length,
    `${commits.length} commits, ${commits[0].rows} rows in 2 lists, ${totalRenders} row renders in all; see reports/bench.json`,
  );
});

await site.close?.();
await browser.close();

// ── Proxy: signing cost and loopback load ───────────────────────────────────────────────────────
await step('signing', async () => {
  const server = await import(pathToFileURL(path.join(root, 'packages/server/dist/index.js')).href);
  // The test-only key pair of packages/server/src/testdata (never a real credential).
  const pem = readFileSync(
    path.join(root, 'packages/server/src/testdata/test-only-private-key.pem'),
    'utf8',
  );
  const privateKey = server.loadPrivateKey(pem);
  const input = {
    appId: 'test-only-app-id',
    privateKey,
    method: 'POST',
    uri: '/svc/payment/api/v1/openapi/customers/00000000-0000-4000-8000-000000000001/payment_tokens',
    body: JSON.stringify({
      card: { number: '4242424242424242', exp_month: '04', exp_year: '2031' },
    }),
  };
  for (let i = 0; i < 50; i += 1) server.signRequest(input);
  const n = 2000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) server.signRequest(input);
  const perCall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  results.signing = { iterations: n, msPerRequest: perCall, key: 'RSA 2048 (test-only key)' };
  row(
    'proxy',
    'signRequest cost (RSA-SHA256, 2048-bit)',
    `${(perCall * 1000).toFixed(0)} µs`,
    `${n} iterations`,
  );
});

await step('load', async () => {
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  delete env.WONDER_APP_ID;
  delete env.WONDER_PRIVATE_KEY_FILE;
  delete env.PUBLIC_URL;
  const child = spawn(process.execPath, [path.join(root, 'examples/checkout/server/server.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    if (output.length < 100_000) output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    if (output.length < 100_000) output += chunk;
  });
  try {
    const base = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 30 s:\n${output}`)), 30_000);
      const poll = setInterval(() => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(match[1].replace(/\/$/, ''));
        }
      }, 50);
    });
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`not loopback: ${base}`);
    const session = await fetch(`${base}/api/session`, { headers: { Accept: 'application/json' } });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
    const { customerUuid } = await session.json();
    const url = `${base}/api/wonder/svc/payment/api/v1/openapi/customers/${customerUuid}/payment_tokens`;
    const headers = {
      Cookie: cookie,
      'X-Requested-With': 'savedcards',
      Accept: 'application/json',
    };
    const probe = await fetch(url, { headers });
    if (probe.status !== 200)
      throw new Error(`probe answered ${probe.status}: ${await probe.text()}`);
    const result = await autocannon({
      url,
      headers,
      connections: LOAD_CONNECTIONS,
      duration: LOAD_SECONDS,
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    results.load = {
      target:
        'GET list of payment tokens through the demo server proxy → mock upstream (in process)',
      connections: LOAD_CONNECTIONS,
      seconds: LOAD_SECONDS,
      requests: result.requests.total,
      reqPerSec: result.requests.average,
      latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
    const label = `proxy load (127.0.0.1, ${LOAD_CONNECTIONS} conns × ${LOAD_SECONDS} s, GET list)`;
    row(
      label,
      'requests/s (mean)',
      result.requests.average.toFixed(0),
      `${result.requests.total} requests`,
    );
    row(
      label,
      'latency p50 / p99 / max',
      `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms`,
    );
    row(
      label,
      'errors (errors + timeouts + non-2xx)',
      errors,
      errors === 0 ? 'none' : 'SEE reports/bench.json',
    );
  } finally {
    child.kill('SIGTERM');
  }
});

// ── Output ──────────────────────────────────────────────────────────────────────────────────────
row(
  'machine',
  `${machine.nproc} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB`,
  machine.node,
  machine.chromium,
);
const widths = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((r) => r[i].length), ['section', 'measure', 'value', 'note'][i].length),
);
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log(line(['section', 'measure', 'value', 'note']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
writeFileSync(
  path.join(reports, 'bench.json'),
  `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`,
);
console.log(`\nbench: wrote reports/bench.json`);
