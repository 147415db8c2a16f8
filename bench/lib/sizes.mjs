// Bundle sizes (size-limit, min+brotli) and published figures of other vendors' drop-ins.
import { run } from './context.mjs';
import { kB, results, row } from './report.mjs';

export async function measureSizes() {
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
}
