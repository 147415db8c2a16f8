// Sums every test runner's report into the one line CI reads: `N passed, N failed, N skipped`.
// Vitest JSON reports (numPassedTests…) and our e2e report ({ passed, failed }) are both understood.
// A missing report counts as one failure: a runner that crashed before writing must not pass quietly.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`missing report: ${file}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    passed += report.numPassedTests;
    failed +=
      report.numFailedTests + (report.success === false && report.numFailedTests === 0 ? 1 : 0);
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  } else {
    passed += report.passed;
    failed += report.failed;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) {
  process.exitCode = 1;
}
