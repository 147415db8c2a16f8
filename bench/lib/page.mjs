// The bench page (bench/page): ours and the baselines in one page, built with Vite from the
// packages' sources and served on loopback.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions } from 'vite';
import { serveStatic } from '../../test/e2e/staticServer.mjs';
import { log, root } from './context.mjs';

const pageRoot = path.join(root, 'bench/page');
const outDir = path.join(pageRoot, 'dist');

export async function buildPage() {
  log('building the bench page…');
  await build({
    root: pageRoot,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
}

/** Serves the built page; `open(browser)` gives a fresh page on it once `window.bench` is ready. */
export async function servePage() {
  const site = await serveStatic(outDir);
  const open = async (browser) => {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    return { context, page };
  };
  return { site, open };
}
