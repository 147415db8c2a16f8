// Render cost in Chromium (SavedCardList with 10, 100 and 1000 cards against a plain-React list,
// on the bench page) and which rows re-render on a set-default (React's commit hook, on the demo).
import { fmtMs, method, median, quick, results, row } from './report.mjs';

const ROUNDS = quick ? 3 : 7;
const x = (r) => `${r.toFixed(2)}×`;

/** Renderer main-thread time so far, in ms (CDP `Performance.getMetrics` TaskDuration). */
async function taskMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

/** JS heap in use after a full GC, in bytes. */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * Render cost in Chromium, ours against plain React in the same page and run: SavedCardList
 * (styles included) and a plain-React list of labels with native radios mount the same `count`
 * cards from memory (ours from a warm QueryClient cache: no fetch in the timing). Each mount is
 * flushSync'd and timed to the next presented frame (requestAnimationFrame, then a MessageChannel
 * task after it: the frame's style, layout and paint are in); CPU is the renderer main thread's
 * TaskDuration (CDP, thread ticks) over the same span. Rounds alternate the order; figures are
 * medians, ratios medians of per-round ratios.
 */
export async function measureRender({ browser, bench }) {
  results.render = {};
  const section = `render (Chromium, ${ROUNDS} interleaved rounds; mount → next presented frame)`;
  method(
    'render',
    'bench page (bench/page), SavedCardList with styles.css vs a plain-React list of labels with native radios, same cards from memory (ours from a warm QueryClient: no fetch timed); createRoot + flushSync render, wall time to the next presented frame (requestAnimationFrame, then a MessageChannel task after it, so style, layout and paint are in); CPU = renderer main-thread TaskDuration (CDP Performance.getMetrics, thread ticks) over the same span; heap = CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, mounted minus before; order alternates per round; values are medians, ratios medians of per-round ratios.',
  );
  for (const count of [10, 100, 1000]) {
    const { context, page } = await bench.open(browser);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.evaluate((n) => window.bench.prepare(n), count);
    const once = async (side, withHeap) => {
      const heap0 = withHeap ? await heapAfterGc(cdp) : 0;
      const cpu0 = await taskMs(cdp);
      const timing = await page.evaluate((name) => window.bench.mount(name), side);
      const cpuMs = (await taskMs(cdp)) - cpu0;
      const heapBytes = withHeap ? (await heapAfterGc(cdp)) - heap0 : undefined;
      await page.evaluate((name) => window.bench.unmount(name), side);
      return { ...timing, cpuMs, heapBytes };
    };
    for (const side of ['ours', 'baseline', 'ours', 'baseline']) await once(side, false); // warm-up
    const rounds = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const round = {};
      for (const side of r % 2 ? ['baseline', 'ours'] : ['ours', 'baseline']) {
        round[side] = await once(side, count === 1000);
      }
      rounds.push(round);
    }
    await context.close();
    const m = (side, k) => median(rounds.map((q) => q[side][k]));
    const rr = (k) => median(rounds.map((q) => q.ours[k] / q.baseline[k]));
    results.render[count] = { rounds };
    const goal = { 10: '', 100: ' (goal ≤ 1.5×)', 1000: ' (goal ≤ 2×)' }[count];
    row(
      section,
      `${count} cards, CPU: ours / plain React, native radios`,
      `${fmtMs(m('ours', 'cpuMs'))} / ${fmtMs(m('baseline', 'cpuMs'))}`,
      `${x(rr('cpuMs'))}${goal}`,
    );
    row(
      section,
      `${count} cards, wall to painted: ours / plain React`,
      `${fmtMs(m('ours', 'paintMs'))} / ${fmtMs(m('baseline', 'paintMs'))}`,
      `${x(rr('paintMs'))}; commit alone ${fmtMs(m('ours', 'commitMs'))} / ${fmtMs(m('baseline', 'commitMs'))}`,
    );
    if (count === 1000) {
      const mib = (b) => `${(b / 1024 ** 2).toFixed(1)} MiB`;
      row(
        section,
        '1000 cards, retained JS heap while mounted (after GC): ours / plain React',
        `${mib(m('ours', 'heapBytes'))} / ${mib(m('baseline', 'heapBytes'))}`,
        `${x(rr('heapBytes'))} (goal ≤ 2×; query cache excluded, it is warm before both)`,
      );
    }
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
