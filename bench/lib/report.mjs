// The one table (rows of [section, measure, value, note]) and reports/bench.json: what each
// measurement adds, and how it is printed at the end.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log, root } from './context.mjs';

/** Rows of the one table: [section, measure, value, note]. */
const rows = [];
/** Everything measured, by section, for reports/bench.json. */
export const results = {};
export const row = (section, measure, value, note = '') =>
  rows.push([section, measure, String(value), note]);
/** How each section was measured, printed under the table. */
const methods = [];
export const method = (section, text) => methods.push([section, text]);
export const fmtMs = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a');
/** `BENCH_QUICK=1` (or `pnpm bench --quick`): fewer rounds, shorter loads; for a look, not for the README. */
export const quick = Boolean(process.env.BENCH_QUICK) || process.argv.includes('--quick');
export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
export const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/** Runs one measurement; a failure becomes a FAILED row and fails the run (slow figures do not). */
export async function step(name, body) {
  try {
    await body();
  } catch (error) {
    log(`${name} failed: ${error?.stack ?? error}`);
    row(
      name,
      'FAILED',
      'n/a',
      String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 80),
    );
    results[name] = { error: String(error?.message ?? error) };
    process.exitCode = 1; // a measurement that could not be taken fails the run; slow figures do not
  }
}

/** Prints the table (with the machine as its last row) and writes reports/bench.json. */
export function printReport(machine) {
  const reports = path.join(root, 'reports');
  mkdirSync(reports, { recursive: true });
  row(
    'machine',
    `${machine.nproc} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB`,
    machine.node,
    machine.chromium,
  );
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...rows.map((r) => r[i].length), ['section', 'measure', 'value', 'note'][i].length),
  );
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(['section', 'measure', 'value', 'note']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  if (methods.length) console.log('\nHow each figure was taken:');
  for (const [section, text] of methods) console.log(`- ${section}: ${text}`);
  writeFileSync(
    path.join(reports, 'bench.json'),
    `${JSON.stringify({ ...results, table: rows, methods }, null, 2)}\n`,
  );
  console.log(`\nbench: wrote reports/bench.json`);
}
