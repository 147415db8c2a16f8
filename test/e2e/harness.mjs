// The small runner both end-to-end scripts share: named checks, a report file for the CI summary
// (`{ passed, failed, results }`), and one closing line `<name>: N passed, N failed`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function createHarness(name, reportFile) {
  const results = [];
  return {
    async check(title, body) {
      try {
        await body();
        results.push({ name: title, ok: true });
        console.log(`  ✓ ${title}`);
      } catch (error) {
        results.push({ name: title, ok: false, error: String(error?.stack ?? error) });
        const message = String(error?.message ?? error)
          .split('\n')
          .join('\n    ');
        console.log(`  ✗ ${title}\n    ${message}`);
      }
    },
    finish() {
      const passed = results.filter((result) => result.ok).length;
      const failed = results.length - passed;
      mkdirSync(path.dirname(reportFile), { recursive: true });
      writeFileSync(reportFile, JSON.stringify({ passed, failed, results }, null, 2));
      console.log(`${name}: ${passed} passed, ${failed} failed`);
      if (failed > 0) process.exitCode = 1;
    },
  };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** What a page logs as errors (console and uncaught), and its responses from the gateway routes. */
export function watchPage(page) {
  const consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  const gatewayResponses = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/wonder/')) gatewayResponses.push(response);
  });
  return { consoleErrors, gatewayResponses };
}
