// Bundle sizes (size-limit, min+brotli): the budgets of .size-limit.json, then the figures the
// issue compares (styles included; TanStack Query with the `QueryClient` every app creates) and
// the peers' drop-ins, measured only when their packages are installed here.
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root, run } from './context.mjs';
import { kB, method, results, row } from './report.mjs';

const sizeLimit = (cwd) => {
  let out;
  try {
    // The repository's size-limit (never `pnpm exec` in the scratch folder: that may install one).
    out = run(process.execPath, [path.join(root, 'node_modules/size-limit/bin.js'), '--json'], {
      cwd,
    });
  } catch (error) {
    out = error.stdout; // size-limit exits non-zero when a budget is exceeded; still report.
  }
  return JSON.parse(out.slice(out.indexOf('[')));
};

/** Drop-ins a merchant would otherwise ship, by the package that holds each (none is a dependency). */
const PEERS = [
  ['Adyen Web Drop-in', '@adyen/adyen-web'],
  ['Braintree Drop-in', 'braintree-web-drop-in'],
  ['Primer (primer-js)', '@primer-io/checkout-web'],
];

export async function measureSizes() {
  const entries = sizeLimit(root);
  results.size = entries;
  for (const entry of entries) {
    row(
      'size (min+brotli, budgets)',
      entry.name,
      kB(entry.size),
      entry.passed === false ? 'OVER BUDGET' : 'within budget',
    );
  }

  // Checks that are not budgets, from a scratch size-limit config under reports/ (absolute paths).
  const dir = path.join(root, 'reports/size-extra');
  mkdirSync(dir, { recursive: true });
  const ui = path.join(root, 'packages/ui/dist/index.js');
  const query = realpathSync(
    path.join(root, 'node_modules/@tanstack/react-query/build/modern/index.js'),
  );
  const installed = PEERS.filter(([, pkg]) => existsSync(path.join(root, 'node_modules', pkg)));
  const checks = [
    {
      name: 'all three + TanStack Query incl. QueryClient (react, react-dom external)',
      path: [ui, query],
      import: {
        [ui]: '{ SavedCardList, AddCardFlow, DefaultMethodPicker }',
        [query]: '{ QueryClient, QueryClientProvider }',
      },
      ignore: ['react', 'react-dom'],
    },
    ...installed.map(([name, pkg]) => ({ name, path: path.join(root, 'node_modules', pkg) })),
  ];
  writeFileSync(path.join(dir, '.size-limit.json'), JSON.stringify(checks, null, 2));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ private: true, devDependencies: { '@size-limit/preset-small-lib': '*' } }),
  );
  const extra = sizeLimit(dir);
  results.sizeExtra = extra;
  const by = (list, prefix) => list.find((e) => e.name.startsWith(prefix))?.size ?? Number.NaN;
  const css = by(entries, '@savedcards/ui styles.css');
  const list = by(entries, 'Whole kit: SavedCardList + core');
  const three = by(entries, 'Whole kit: SavedCardList + AddCardFlow');
  const withQuery = by(extra, 'all three + TanStack');
  method(
    'size',
    'size-limit (esbuild, minified, brotli) on the built packages: the budgets of .size-limit.json, plus a scratch config (reports/size-extra) for the kit with TanStack Query and QueryClient; "styles.css included" adds the brotli size of packages/ui/dist/styles.css to the JS bundle; peers are measured only when their packages are in node_modules.',
  );
  const section = 'size (min+brotli, styles.css included)';
  const goal = (bytes, limit) =>
    `goal ≤ ${limit / 1000} kB: ${bytes <= limit ? 'met' : `NOT met (${(bytes / limit).toFixed(2)}×)`}`;
  row(section, 'SavedCardList kit, TanStack external', kB(list + css), goal(list + css, 15_000));
  row(section, 'all three, TanStack external', kB(three + css), goal(three + css, 30_000));
  row(
    section,
    'all three with TanStack Query, QueryClient included',
    kB(withQuery + css),
    `react, react-dom external; QueryClient adds ${kB(withQuery - by(entries, 'Whole kit with TanStack'))}`,
  );
  for (const [name, pkg] of PEERS) {
    const size = by(extra, name);
    row(
      'size (peers, min+brotli)',
      name,
      Number.isFinite(size) ? kB(size) : 'not measurable here',
      Number.isFinite(size)
        ? `SavedCardList kit is ${((list + css) / size).toFixed(2)} of it`
        : `${pkg} is not installed (no dependency added); no published figure quoted`,
    );
  }
}
