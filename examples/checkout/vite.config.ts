import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const dirname = path.dirname(fileURLToPath(import.meta.url));

// The demo merchant checkout. It runs on the mock gateway in a service worker (msw), so it needs
// no credentials; `/mockServiceWorker.js` comes from the repository's `public/`.
export default defineConfig({
  root: dirname,
  publicDir: path.join(dirname, '../../public'),
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: path.join(dirname, 'dist'), emptyOutDir: true },
});
