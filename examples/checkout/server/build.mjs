// Builds what the demo server runs: @savedcards/wire, @savedcards/msw, @savedcards/server and the
// mock upstream of @savedcards/test-utils (their dist/, which Node loads) and the checkout in server mode (examples/checkout/server/dist: no service worker, the
// browser asks the server for its session and talks to the signing proxy).
//   node examples/checkout/server/build.mjs
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
export const SERVER_DEMO_DIST = path.join(here, 'dist');

/** `packages: false` skips the package builds (when CI has just built every package). */
export function buildServerDemo({ stdio = 'inherit', packages = true } = {}) {
  const run = (args) => execFileSync('pnpm', args, { cwd: root, stdio });
  if (packages) {
    run(['--dir', 'packages/wire', 'run', 'build']);
    run(['--dir', 'packages/msw', 'run', 'build']);
    run(['--dir', 'packages/server', 'run', 'build']);
    run(['--dir', 'packages/test-utils', 'run', 'build']);
  }
  run([
    'exec',
    'vite',
    'build',
    '--config',
    'examples/checkout/vite.config.ts',
    '--mode',
    'server',
    '--outDir',
    SERVER_DEMO_DIST,
    '--logLevel',
    'warn',
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildServerDemo();
}
