// AddCardFlow loads lazily (issue 15): a real `vite build` of a page that imports `SavedCardList`
// from `@savedcards/ui` statically and `lazy(() => import('@savedcards/ui/add-card-flow'))`, then
// the chunks are read: CardForm's code (its `data-slot="card-form"`) must be in the lazy chunk only,
// SavedCardList's (`data-slot="saved-cards"`) in the entry, which loads the lazy chunk by dynamic
// import. The consumer job (test/consumer/run.mjs) runs it on the packed tarballs it installed, so
// the subpath must be in the published files; alone it builds against the workspace's dist:
//
//   pnpm build && node test/consumer/lazy-split.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { assert } from '../e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

// Plain `createElement`, so the build needs no JSX plugin.
const PAGE = `import { createElement, lazy, Suspense } from 'react';
import { SavedCardList } from '@savedcards/ui';

const AddCardFlow = lazy(() =>
  import('@savedcards/ui/add-card-flow').then((module) => ({ default: module.AddCardFlow })),
);

export function Page() {
  return createElement(
    'main',
    null,
    createElement(SavedCardList, null),
    createElement(Suspense, { fallback: null }, createElement(AddCardFlow, null)),
  );
}
`;

/** The marker of a module, as it survives minification (a string literal of its markup). */
const CARD_FORM = '"card-form"';
const SAVED_CARD_LIST = '"saved-cards"';

/**
 * Builds the page in `<appDir>/lazy-split` (bare imports resolve from `appDir`'s node_modules) and
 * reports one check through `check(title, body)` (the harness of test/e2e/harness.mjs).
 */
export async function checkLazySplit({ appDir, check, label = '' }) {
  const dir = path.join(appDir, 'lazy-split');
  await check(`${label} AddCardFlow from @savedcards/ui/add-card-flow is a lazy chunk`.trim(), () =>
    buildAndInspect(dir),
  );
}

async function buildAndInspect(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'page.js');
  writeFileSync(entry, PAGE);
  // Vite's build() sets process.env.NODE_ENV to 'production' in this process, and every later
  // `npm install` of the job inherited it and left out devDependencies (@vitejs/plugin-react,
  // typescript): give it back afterwards.
  const nodeEnv = process.env.NODE_ENV;
  const output = await build({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'page' },
      rolldownOptions: {
        // The peers stay out: only where the kit's own modules land matters.
        external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^radix-ui($|\/)/],
      },
    },
  }).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((result) => result.output)
    .filter((file) => file.type === 'chunk');
  const [page] = chunks.filter((chunk) => chunk.isEntry);
  assert(page, `no entry chunk among ${chunks.map((chunk) => chunk.fileName).join(', ')}`);
  const lazy = chunks.filter((chunk) => chunk.isDynamicEntry);
  assert(
    lazy.length === 1,
    `expected one lazy chunk, got ${lazy.map((chunk) => chunk.fileName).join(', ') || 'none'}`,
  );
  const [flow] = lazy;
  assert(page.code.includes(SAVED_CARD_LIST), 'SavedCardList is not in the entry chunk');
  assert(page.dynamicImports.includes(flow.fileName), `the entry does not import ${flow.fileName}`);
  assert(flow.code.includes(CARD_FORM), `CardForm is not in the lazy chunk ${flow.fileName}`);
  const eager = chunks.filter((chunk) => chunk !== flow && chunk.code.includes(CARD_FORM));
  assert(
    eager.length === 0,
    `CardForm is also in ${eager.map((chunk) => chunk.fileName).join(', ')}, loaded eagerly`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Alone: against the workspace's packages (their dist, as a bundler without `source` sees them).
  const root = path.resolve(here, '../..');
  const { createHarness } = await import('../e2e/harness.mjs');
  const harness = createHarness('lazy-split', path.join(root, 'reports/lazy-split.json'));
  await checkLazySplit({ appDir: path.join(root, 'reports'), check: harness.check });
  harness.finish();
}
