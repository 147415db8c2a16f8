/// <reference types="vitest/config" />
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';
import { defaultExclude } from 'vitest/config';
// Debian's Chromium (apt-get install chromium): Playwright cannot download its own browser here.
import { chromiumLaunchOptions } from './test/e2e/chromium.mjs';

const dirname = path.dirname(fileURLToPath(import.meta.url));
const visualViewport = { width: 800, height: 900 };

export default defineConfig({
  plugins: [react()],
  // Workspace packages resolve to their TypeScript sources via the "source" export condition.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Tests in the node environment (`// @vitest-environment node`) resolve through `ssr`.
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          // Visual regression runs in Chromium, in the `visual` project below.
          exclude: [...defaultExclude, 'test/visual/**'],
          setupFiles: ['test/setup.ts'],
          restoreMocks: true,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: path.join(dirname, '.storybook') })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Visual regression: key stories in light, dark, zh-HK and RTL, compared with the baselines
        // in test/visual/__screenshots__ (Debian Chromium on Linux, fonts-wqy-microhei for CJK).
        // Update them after an intended change with `pnpm test:visual:update`.
        extends: true,
        test: {
          name: 'visual',
          include: ['test/visual/**/*.test.tsx'],
          setupFiles: ['test/visual/setup.ts'],
          // Failed comparisons attach their images to the report; keep those copies in reports/.
          attachmentsDir: 'reports/visual/attachments',
          browser: {
            enabled: true,
            headless: true,
            // The page as large as the test iframe, so Vitest does not scale the iframe down
            // (it fits the iframe into Playwright's default 1280×720 page otherwise).
            provider: playwright({
              launchOptions: chromiumLaunchOptions,
              contextOptions: { viewport: visualViewport, deviceScaleFactor: 1 },
            }),
            instances: [{ browser: 'chromium' }],
            viewport: visualViewport,
            // toMatchScreenshot writes the actual and diff images itself; a page screenshot on
            // failure would land among the baselines.
            screenshotFailures: false,
            expect: {
              toMatchScreenshot: {
                comparatorName: 'pixelmatch',
                comparatorOptions: {
                  // Anti-aliased pixels (glyph and curve edges, where Chromium builds differ) are
                  // not counted (pixelmatch's includeAA: false, the default).
                  // Per pixel: a colour counts as changed past 0.05 (YIQ distance, 0–1). At the
                  // default 0.1, swapping the accent #0b57d0 for #1a73e8 changed no pixel at all.
                  threshold: 0.05,
                  // Per image: up to 0.05% of the pixels may differ (about 130 on a card list, 30
                  // on the remove dialog). That accent swap moves 2,000–2,900 pixels, a masked
                  // number wrapping onto the next line 367 (at 0.2% that passed); spacing or size
                  // changes alter the dimensions and always fail.
                  allowedMismatchedPixelRatio: 0.0005,
                },
                // Actual, diff and (in CI) would-be baselines go to reports/, never beside the
                // committed baselines.
                resolveDiffPath: ({ arg, ext, root, browserName, platform, testFileName }) =>
                  path.join(
                    root,
                    'reports/visual',
                    testFileName,
                    `${arg}-${browserName}-${platform}${ext}`,
                  ),
              },
            },
          },
        },
      },
    ],
  },
});
