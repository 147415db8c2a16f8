// Writes registry.json: a shadcn registry (https://ui.shadcn.com/docs/registry) of the styled
// components of @savedcards/ui, for design-system teams who copy the source into their app instead
// of installing the package. Each item is one component with every file it imports (its relative
// import closure in packages/ui/src) and the stylesheet, kept under components/savedcards/ in the
// same layout, so the relative imports hold. The data layer stays a package: items depend on
// @savedcards/core and @savedcards/react.
//   node registry/generate.mjs          # rewrite registry.json
//   node registry/generate.mjs --check  # exit 1 if registry.json is out of date
// Build the JSON the CLI serves with `npx shadcn@4.23.1 build -o registry/r` (test/registry/run.mjs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'packages/ui/src');
const ui = JSON.parse(readFileSync(path.join(root, 'packages/ui/package.json'), 'utf8'));
const TARGET = 'components/savedcards';

const ITEMS = [
  {
    name: 'saved-card-list',
    title: 'Saved card list',
    description:
      'The saved cards as an accessible radio group of native radios (checkout) or, with rowActions, a managed list with make-default and remove (account page, Radix AlertDialog), with live-region announcements.',
    // rowActions imports SavedCardList (and through it the checkout's parts): both variants.
    entry: 'SavedCardList/rowActions.tsx',
  },
  {
    name: 'default-method-picker',
    title: 'Default method picker',
    description: 'Choose the default saved card, optimistic with rollback.',
    entry: 'DefaultMethodPicker/DefaultMethodPicker.tsx',
  },
  {
    name: 'add-card-flow',
    title: 'Add card flow',
    description:
      'The card form and the 3-D Secure verification (popup, iframe in a dialog, or full-page redirect), with the add-card state machine from @savedcards/react.',
    entry: 'AddCardFlow/AddCardFlow.tsx',
  },
  {
    name: 'pay-button',
    title: 'Pay button',
    description:
      'Pay your order with the chosen saved card: Intl-formatted amount, 3-D Secure on the payment, a double click pays once, a lost answer is confirmed from the order, every outcome announced.',
    entry: 'PayButton/PayButton.tsx',
  },
];

/** The file and every file it imports by a relative path, sorted. */
function closure(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(src, file), 'utf8');
    for (const match of code.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const base = path.join(path.dirname(file), match[1]).replace(/\.js$/, '');
      const found = ['.tsx', '.ts']
        .map((ext) => base + ext)
        .find((f) => existsSync(path.join(src, f)));
      if (!found) throw new Error(`${file}: cannot resolve ${match[1]}`);
      stack.push(found);
    }
  }
  return [...seen].sort();
}

/** External packages the files import (bare specifiers), with the ranges @savedcards/ui uses. */
function dependencies(files) {
  const names = new Set();
  for (const file of files) {
    const code = readFileSync(path.join(src, file), 'utf8');
    for (const match of code.matchAll(/from '([^.'][^']*)'/g)) {
      const parts = match[1].split('/');
      names.add(match[1].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  const peers = new Set(Object.keys(ui.peerDependencies ?? {}));
  return [...names]
    .filter((name) => !peers.has(name))
    .sort()
    .map((name) => {
      const range = ui.dependencies?.[name];
      if (!range) throw new Error(`@savedcards/ui does not depend on ${name}`);
      return range.startsWith('workspace:') ? `${name}@^${ui.version}` : `${name}@${range}`;
    });
}

const registry = {
  $schema: 'https://ui.shadcn.com/schema/registry.json',
  name: 'savedcards',
  homepage: ui.homepage,
  items: ITEMS.map(({ entry, ...item }) => {
    const files = closure(entry);
    return {
      ...item,
      type: 'registry:component',
      dependencies: dependencies(files),
      files: [
        ...files.map((file) => ({
          path: `packages/ui/src/${file}`,
          type: 'registry:component',
          target: `${TARGET}/${file}`,
        })),
        {
          path: 'packages/ui/src/styles.css',
          type: 'registry:file',
          target: `${TARGET}/styles.css`,
        },
      ],
    };
  }),
};

const text = `${JSON.stringify(registry, null, 2)}\n`;
const file = path.join(root, 'registry.json');
if (process.argv.includes('--check')) {
  // Compared as data: Biome formats the file (short arrays on one line).
  const current = existsSync(file) ? JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) : '';
  if (current !== JSON.stringify(registry)) {
    console.error('registry.json is out of date: run node registry/generate.mjs');
    process.exit(1);
  }
  console.log('registry.json is up to date');
} else {
  writeFileSync(file, text);
  console.log(`wrote registry.json (${registry.items.length} items)`);
}
