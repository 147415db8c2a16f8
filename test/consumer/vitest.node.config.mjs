// Core's and server's unit tests without the DOM setup of the unit project (no Testing Library),
// for the Node matrix of test/consumer/run.mjs: every test file of the two packages, run on each
// tested Node version. The files about a page (a relative baseUrl, the 3-D Secure return page's
// window messages, the page a full-page redirect returns to) keep jsdom.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultServerConditions, defineConfig } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BROWSER = [
  'packages/core/src/addCardObserver.test.ts',
  'packages/core/src/client.test.ts',
  'packages/core/src/threeDSReturn.test.ts',
];

export default defineConfig({
  root,
  resolve: { conditions: ['source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    setupFiles: ['test/consumer/node-setup.mjs'],
    // A property test may take a few seconds on a loaded 2-core machine.
    testTimeout: 30_000,
    // One module graph for all files: the mock gateway and msw load once, not once per file.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/core/src/**/*.test.ts', 'packages/server/src/**/*.test.ts'],
          exclude: BROWSER,
        },
      },
      {
        extends: true,
        test: {
          name: 'page',
          environment: 'jsdom',
          environmentOptions: { jsdom: { url: 'http://localhost:3000/' } },
          include: BROWSER,
        },
      },
    ],
  },
});
