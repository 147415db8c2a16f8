// Render cost in Chromium: SavedCardList with 10, 100 and 1000 cards, and which rows re-render
// on a set-default (React's commit hook).
import { fmtMs, results, row } from './report.mjs';

/** `chromium` is `{ browser, site }`. */
export async function measureRender({ browser, site }) {
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
}

export async function measureRerenders({ browser, site }) {
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
}
