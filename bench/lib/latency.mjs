// Optimistic updates in Chromium with a slow gateway: click → first DOM change → next frame.
import { demoPage } from './browser.mjs';
import { fmtMs, results, row } from './report.mjs';

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

export async function measureOptimistic(chromium) {
  const samples = { setDefault: [], remove: [] };
  for (let i = 0; i < 5; i += 1) {
    const { context, page, gateway } = await demoPage(chromium, '?scenario=slow');
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
}
