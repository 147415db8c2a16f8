// The builds the measurements need: packages, the demo (mock mode) and the server demo.
import { buildServerDemo } from '../../examples/checkout/server/build.mjs';
import { log, run } from './context.mjs';

export function buildAll() {
  log('building packages, the demo (mock mode) and the server demo…');
  run('pnpm', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  run(
    'pnpm',
    ['exec', 'vite', 'build', '--config', 'examples/checkout/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  buildServerDemo({ stdio: ['ignore', 'ignore', 'inherit'], packages: false });
}
