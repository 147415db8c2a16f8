// The public API of every published package, as API Extractor reports (etc/*.api.md), from the
// built type declarations (run `pnpm build` first).
//
//   pnpm api:check    fails when a report differs from the committed one (and prints the diff)
//   pnpm api:update   rewrites the reports; commit them with the change
//
// Packages are found from packages/*/package.json: every package that is not `"private": true`, and
// every entry of its `exports` with a `types` file (`.` → etc/<name>.api.md, `./node` →
// etc/<name>-node.api.md). No release tags (@public, @beta) are required: the report is the review.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CompilerState,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
} from '@microsoft/api-extractor';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportFolder = path.join(root, 'etc');
const tempFolder = path.join(root, 'reports', 'api');
const update = process.argv.includes('--update');

/** `[{ pkg, dir, entry, types, reportName }]` for every public entry point of a published package. */
function entryPoints() {
  const packagesDir = path.join(root, 'packages');
  const entries = [];
  for (const name of readdirSync(packagesDir).sort()) {
    const dir = path.join(packagesDir, name);
    const manifestPath = path.join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private) continue;
    const short = manifest.name.replace(/^@[^/]+\//, '');
    const exportsField =
      typeof manifest.exports === 'object' && manifest.exports !== null
        ? manifest.exports
        : { '.': { types: manifest.types } };
    for (const [subpath, target] of Object.entries(exportsField)) {
      const types = typeof target === 'object' && target !== null ? target.types : undefined;
      if (typeof types !== 'string' || !types.endsWith('.d.ts')) continue;
      const suffix = subpath === '.' ? '' : `-${subpath.replace(/^\.\//, '').replace(/\W+/g, '-')}`;
      entries.push({
        pkg: manifest.name,
        dir,
        manifestPath,
        entry: subpath,
        types: path.join(dir, types),
        reportName: `${short}${suffix}`,
      });
    }
  }
  return entries;
}

// How the declarations are read: as a consumer's bundler reads them (dist, no `source` condition).
const compilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  moduleResolution: 'bundler',
  strict: true,
  skipLibCheck: true,
  types: ['node'],
};

function configFor({ dir, manifestPath, types, reportName }) {
  return ExtractorConfig.prepare({
    configObjectFullPath: path.join(dir, 'api-extractor.json'), // virtual: nothing is read from it
    packageJsonFullPath: manifestPath,
    configObject: {
      projectFolder: dir,
      mainEntryPointFilePath: types,
      bundledPackages: [],
      compiler: { overrideTsconfig: { compilerOptions, include: [types] } },
      apiReport: {
        enabled: true,
        reportFileName: reportName,
        reportFolder,
        reportTempFolder: tempFolder,
        includeForgottenExports: false,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      newlineKind: 'lf',
      messages: {
        // Type errors in the declarations fail the run.
        compilerMessageReporting: { default: { logLevel: 'error' } },
        // Findings about the API itself (a type used but not exported, …) go into the report,
        // where a change shows up in review; none of them is required to be fixed.
        extractorMessageReporting: {
          default: { logLevel: 'none', addToApiReportFile: true },
          // No release tags (@public / @beta / @internal) in this project.
          'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
          'ae-internal-missing-underscore': { logLevel: 'none', addToApiReportFile: false },
          'ae-unresolved-link': { logLevel: 'none', addToApiReportFile: false },
          // Missing doc comments are not an API change (and carry line numbers that churn).
          'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
        },
        // TSDoc syntax in comments is not policed (plain JSDoc is fine).
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
  });
}

const entries = entryPoints();
mkdirSync(reportFolder, { recursive: true });
rmSync(tempFolder, { recursive: true, force: true });
const failed = [];
const changed = [];
const built = entries.filter((entry) => existsSync(entry.types));
// One TypeScript program for every entry point (instead of one each): much faster.
const compilerState =
  built.length > 0
    ? CompilerState.create(configFor(built[0]), {
        additionalEntryPoints: built.map((entry) => entry.types),
      })
    : undefined;
for (const entry of entries) {
  const label = `${entry.pkg}${entry.entry === '.' ? '' : entry.entry.slice(1)}`;
  if (!existsSync(entry.types)) {
    console.error(`api: ${label}: ${path.relative(root, entry.types)} is missing; run pnpm build`);
    failed.push(label);
    continue;
  }
  const result = Extractor.invoke(configFor(entry), {
    compilerState,
    localBuild: update,
    printApiReportDiff: !update,
    messageCallback: (message) => {
      // "Analysis will use the bundled TypeScript version …" on every entry point is noise.
      if (message.messageId === 'console-preamble') {
        message.logLevel = ExtractorLogLevel.None;
      }
      // "You have changed the API signature" says to copy files; say what to run instead.
      if (message.messageId === 'console-api-report-not-copied') {
        const report = `etc/${entry.reportName}.api.md`;
        message.text = existsSync(path.join(root, report))
          ? `The API report ${report} differs from the build; review the diff and run pnpm api:update.`
          : `The API report ${report} is missing (a new entry point?); run pnpm api:update and commit it.`;
      }
    },
  });
  if (result.apiReportChanged) changed.push(label);
  if (!result.succeeded && !(update && result.errorCount === 0)) failed.push(label);
  console.log(
    `api: ${label} → etc/${entry.reportName}.api.md ${
      result.apiReportChanged ? (update ? 'updated' : 'DIFFERS') : 'unchanged'
    }`,
  );
}

// A committed report with no entry point behind it (a removed entry or package) is stale.
const expected = new Set(entries.map((entry) => `${entry.reportName}.api.md`));
for (const file of readdirSync(reportFolder).filter((f) => f.endsWith('.api.md'))) {
  if (expected.has(file)) continue;
  if (update) {
    rmSync(path.join(reportFolder, file));
    console.log(`api: removed etc/${file} (no such entry point any more)`);
  } else {
    console.error(`api: etc/${file} has no entry point any more; run pnpm api:update`);
    failed.push(file);
  }
}

if (failed.length > 0) {
  console.error(
    `api: ${update ? 'could not update' : 'the API changed or the check failed for'}: ${failed.join(', ')}`,
  );
  if (!update && changed.length > 0) {
    console.error(
      'api: if the change is intended, run `pnpm api:update` and commit etc/ with the change.',
    );
  }
  process.exitCode = 1;
}
