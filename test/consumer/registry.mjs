// The shadcn registry (registry.json, written by registry/generate.mjs) as a design-system team
// uses it: `shadcn build`, the JSON served on loopback, `shadcn add <url>` into a fresh app that has
// only a components.json, then strict tsc (skipLibCheck: false) over the copied source.
// Offline notes (this machine reaches only the npm registry):
//   - @savedcards/* are not on the registry yet, so the served copy of each item names the packed
//     tarballs (`@savedcards/core@file:…tgz`) where the built JSON says `@savedcards/core@^0.1.0`;
//   - `shadcn add` reads the base colour from REGISTRY_URL (default ui.shadcn.com), so the same
//     loopback server answers `colors/neutral.json` with an empty palette (the items use none).
import { execFile as execFileCb } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);
export const SHADCN_VERSION = '4.23.1';

async function run(command, args, options = {}) {
  try {
    const { stdout, stderr } = await execFile(command, args, {
      maxBuffer: 64 * 1024 * 1024,
      ...options,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    // A command that could not start (ENOENT) has no output: its message says why.
    const text = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || String(error.message);
    const output = text.split('\n').slice(-30);
    throw new Error(`${command} ${args.join(' ')} failed:\n${output.join('\n')}`);
  }
}

const EMPTY_BASE_COLOR = {
  inlineColors: { light: {}, dark: {} },
  cssVars: { light: {}, dark: {} },
  inlineColorsTemplate: '',
  cssVarsTemplate: '',
};

function serve(dir) {
  const server = createServer((request, response) => {
    const file = path.join(dir, path.normalize(new URL(request.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    );
  });
}

export async function checkRegistry({ root, work, packed, npmFlags, check, versions }) {
  const tools = path.join(work, 'shadcn');
  const out = path.join(work, 'registry', 'r');
  const app = path.join(work, 'registry-app');
  const shadcn = path.join(tools, 'node_modules/.bin/shadcn');
  const env = { npm_config_cache: npmFlags[npmFlags.indexOf('--cache') + 1] };

  let built = false;
  await check(`registry: registry.json is current and shadcn build succeeds`, async () => {
    await run('node', [path.join(root, 'registry/generate.mjs'), '--check']);
    if (!existsSync(shadcn)) {
      await run('npm', ['install', '--prefix', tools, ...npmFlags, `shadcn@${SHADCN_VERSION}`]);
    }
    rmSync(path.dirname(out), { recursive: true, force: true });
    await run(shadcn, ['build', path.join(root, 'registry.json'), '-o', out], { cwd: root });
    const items = JSON.parse(readFileSync(path.join(root, 'registry.json'), 'utf8')).items;
    for (const item of items) {
      if (!existsSync(path.join(out, `${item.name}.json`))) throw new Error(`no ${item.name}.json`);
    }
    built = true;
  });
  if (!built) return;

  // The served copy: unpublished packages point at their tarballs.
  for (const name of readdirSync(out).filter((f) => f.endsWith('.json'))) {
    let text = readFileSync(path.join(out, name), 'utf8');
    for (const [pkg, file] of Object.entries(packed)) {
      text = text.replace(new RegExp(`"${pkg}@[^"]*"`, 'g'), `"${pkg}@file:${file}"`);
    }
    writeFileSync(path.join(out, name), text);
  }
  mkdirSync(path.join(out, 'colors'), { recursive: true });
  writeFileSync(path.join(out, 'colors/neutral.json'), JSON.stringify(EMPTY_BASE_COLOR));

  rmSync(app, { recursive: true, force: true });
  mkdirSync(path.join(app, 'src'), { recursive: true });
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'savedcards-registry-app',
      private: true,
      type: 'module',
      dependencies: {
        react: versions.react,
        'react-dom': versions.react,
        '@tanstack/react-query': versions['@tanstack/react-query'],
      },
      // The tarballs' own @savedcards/* dependencies (core → wire) are not on the registry either.
      // (Only the ones no item names: npm refuses an override of a direct dependency.)
      overrides: Object.fromEntries(
        Object.entries(packed)
          .filter(([pkg]) => pkg === '@savedcards/wire')
          .map(([pkg, file]) => [pkg, `file:${file}`]),
      ),
      devDependencies: {
        typescript: '5.9.3',
        '@types/react': `~${versions.react.split('.').slice(0, 2).join('.')}.0`,
        '@types/react-dom': `~${versions.react.split('.').slice(0, 2).join('.')}.0`,
      },
    }),
  );
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        isolatedModules: true,
        verbatimModuleSyntax: true,
        baseUrl: '.',
        paths: { '@/*': ['./src/*'] },
      },
      include: ['src'],
    }),
  );
  // The smallest components.json the CLI accepts (no Tailwind: the items bring their own CSS).
  writeFileSync(
    path.join(app, 'components.json'),
    JSON.stringify({
      $schema: 'https://ui.shadcn.com/schema.json',
      style: 'new-york',
      rsc: false,
      tsx: true,
      tailwind: { config: '', css: 'src/index.css', baseColor: 'neutral', cssVariables: true },
      aliases: {
        components: '@/components',
        utils: '@/lib/utils',
        ui: '@/components/ui',
        lib: '@/lib',
        hooks: '@/hooks',
      },
    }),
  );
  writeFileSync(path.join(app, 'src/index.css'), '');
  writeFileSync(path.join(app, 'src/css.d.ts'), "declare module '*.css';\n");
  writeFileSync(
    path.join(app, 'src/App.tsx'),
    `import { createGatewayClient } from '@savedcards/core';
import { SavedCardsProvider } from '@savedcards/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AddCardFlow } from '@/components/savedcards/AddCardFlow/AddCardFlow';
import { PayButton } from '@/components/savedcards/PayButton/PayButton';
import { SavedCardList } from '@/components/savedcards/SavedCardList/SavedCardList';
import { rowActions } from '@/components/savedcards/SavedCardList/rowActions';
import '@/components/savedcards/styles.css';

const client = createGatewayClient({ baseUrl: '/api/wonder' });
const queryClient = new QueryClient();

export function App({ customerUuid }: { customerUuid: string }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={customerUuid}>
        <SavedCardList actions={rowActions(['make-default', 'remove'])} />
        {/* @ts-expect-error not a prop: the copied source is typed */}
        <SavedCardList.Root notAProp />
        <AddCardFlow verification="popup" />
        <PayButton orderId="order-1" token={undefined} amount={{ amount: '12.50', currency: 'HKD' }} />
      </SavedCardsProvider>
    </QueryClientProvider>
  );
}
`,
  );

  const site = await serve(out);
  try {
    let added = false;
    await check('registry: shadcn add <loopback url> into a fresh app', async () => {
      await run('npm', ['install', ...npmFlags], { cwd: app });
      for (const item of ['saved-card-list', 'add-card-flow', 'pay-button']) {
        await run(shadcn, ['add', `${site.url}/${item}.json`, '--yes', '--overwrite'], {
          cwd: app,
          env: { ...env, REGISTRY_URL: site.url },
        });
      }
      for (const file of [
        'SavedCardList/SavedCardList.tsx',
        'AddCardFlow/AddCardFlow.tsx',
        'PayButton/PayButton.tsx',
      ]) {
        if (!existsSync(path.join(app, 'src/components/savedcards', file))) {
          throw new Error(`src/components/savedcards/${file} was not written`);
        }
      }
      added = true;
    });
    if (added) {
      await check('registry: the copied components type-check (strict, skipLibCheck false)', () =>
        run(path.join(app, 'node_modules/.bin/tsc'), ['-p', '.', '--pretty', 'false'], {
          cwd: app,
        }),
      );
    }
  } finally {
    site.close();
  }
}
