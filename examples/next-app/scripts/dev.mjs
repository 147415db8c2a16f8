// Runs the Next app against the mock Wonder Gateway (mock-upstream.mjs) in one command:
//   node scripts/dev.mjs            # next dev  (pnpm --filter next-app dev)
//   node scripts/dev.mjs --start    # next start, after `next build` (pnpm --filter next-app start)
// PORT (default 3000) and HOST (default 127.0.0.1) pick where Next listens.
// With WONDER_APP_ID and WONDER_PRIVATE_KEY (or WONDER_PRIVATE_KEY_FILE) already set, no mock is
// started and Next signs for Wonder's sandbox (or WONDER_BASE_URL) instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockUpstream } from '../mock-upstream.mjs';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const command = process.argv.includes('--start') ? 'start' : 'dev';

const real = Boolean(process.env.WONDER_APP_ID);
const mock = real ? undefined : await startMockUpstream();
if (mock) console.log(`mock Wonder Gateway on ${mock.url}, checking every signature`);

const child = spawn(
  process.execPath,
  [
    nextBin,
    command,
    '--port',
    process.env.PORT ?? '3000',
    '--hostname',
    process.env.HOST ?? '127.0.0.1',
  ],
  {
    cwd: app,
    stdio: 'inherit',
    env: { ...process.env, ...mock?.env, NEXT_TELEMETRY_DISABLED: '1' },
  },
);
const stop = () => child.kill('SIGTERM');
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
child.once('exit', async (code) => {
  await mock?.close();
  process.exit(code ?? 0);
});
