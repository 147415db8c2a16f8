#!/usr/bin/env node
// savedcards-msw init <public dir> [--no-worker]
// Copies the mock gateway's simulated 3-D Secure pages (mock-3ds/challenge.html and return.html) into
// the folder your dev server serves at the site root, and msw's service worker script next to them
// (what `msw init` writes), so a pending token's challenge opens your copy instead of your app.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pages = path.join(path.dirname(fileURLToPath(import.meta.url)), '../mock-3ds');
const [command, target, ...flags] = process.argv.slice(2);

if (command !== 'init' || !target || flags.some((flag) => flag !== '--no-worker')) {
  console.error('Usage: savedcards-msw init <public dir> [--no-worker]');
  console.error('  e.g. npx savedcards-msw init public   (Vite, Next.js: public/)');
  process.exit(command === '--help' || command === '-h' ? 0 : 1);
}

const out = path.resolve(target);
mkdirSync(path.join(out, 'mock-3ds'), { recursive: true });
for (const name of readdirSync(pages).filter((file) => file.endsWith('.html'))) {
  copyFileSync(path.join(pages, name), path.join(out, 'mock-3ds', name));
  console.log(`savedcards-msw: wrote ${path.join(target, 'mock-3ds', name)}`);
}

if (!flags.includes('--no-worker')) {
  let worker;
  try {
    worker = createRequire(path.join(process.cwd(), 'package.json')).resolve(
      'msw/mockServiceWorker.js',
    );
  } catch {
    console.error(
      'savedcards-msw: msw is not installed here (npm install -D msw), so no worker was written.',
    );
    process.exit(1);
  }
  copyFileSync(worker, path.join(out, 'mockServiceWorker.js'));
  console.log(`savedcards-msw: wrote ${path.join(target, 'mockServiceWorker.js')} (msw's worker)`);
}
