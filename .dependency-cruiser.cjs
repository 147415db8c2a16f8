// The layering of ARCHITECTURE.md ("Layers"), checked by dependency-cruiser: `pnpm layers`.
//
//   ui → react → core → wire        server → wire        msw → wire
//
// The layer rules apply to production files (packages/*/src, not tests, not test helpers). Test
// files (*.test.*, *.test-d.*) and test helpers (packages/test-utils, test/, src/test*.ts,
// src/testdata/) may import test utilities and any package. A rule about a package that does not
// exist yet (packages/wire before it lands) matches no file and never fires.

/** Test files: they may import test helpers and reach into other packages. */
const TEST_FILE = '\\.test(-d)?\\.[cm]?[jt]sx?$';
/** Test helpers: the private test-utils package, the root test/ folder, src/test*.ts and testdata. */
const TEST_HELPER =
  '^(packages/test-utils/|test/|packages/[^/]+/src/(test[A-Z][^/]*\\.[cm]?[jt]sx?$|testdata/|test-utils/))';
/** Production files of one package (the `from` of a layer rule). */
const production = (pkg) => ({
  path: `^packages/${pkg}/src/`,
  pathNot: [TEST_FILE, TEST_HELPER],
});
/** Our packages other than the ones listed (a `to` path). */
const packagesExcept = (...allowed) => `^packages/(?!(${allowed.join('|')})/)[^/]+/`;
/** React and its renderers, TanStack Query: what only react and ui may import. */
const REACT_WORLD = 'node_modules/(react|react-dom|@tanstack)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'wire-imports-no-package',
      comment: '@savedcards/wire is the bottom layer: it imports no other @savedcards package.',
      severity: 'error',
      from: production('wire'),
      to: { path: packagesExcept('wire') },
    },
    {
      name: 'wire-is-react-free',
      comment:
        '@savedcards/wire runs in browsers, the proxy and the mock: no React, no TanStack Query.',
      severity: 'error',
      from: production('wire'),
      to: { path: REACT_WORLD },
    },
    {
      name: 'wire-imports-no-node-built-in',
      comment: '@savedcards/wire imports no node built-in (node:fs, node:crypto, …).',
      severity: 'error',
      from: production('wire'),
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-only-wire',
      comment:
        '@savedcards/core imports only @savedcards/wire among ours (never react, ui, server, msw).',
      severity: 'error',
      from: production('core'),
      to: { path: packagesExcept('core', 'wire') },
    },
    {
      name: 'core-is-react-free',
      comment: '@savedcards/core is framework-free: no React, no TanStack Query.',
      severity: 'error',
      from: production('core'),
      to: { path: REACT_WORLD },
    },
    {
      name: 'react-goes-through-core',
      comment:
        '@savedcards/react imports @savedcards/core only (not ui, server, msw, and not wire directly).',
      severity: 'error',
      from: production('react'),
      to: { path: packagesExcept('react', 'core') },
    },
    {
      name: 'ui-imports-react-and-core',
      comment: '@savedcards/ui imports @savedcards/react and core only (not server, msw or wire).',
      severity: 'error',
      from: production('ui'),
      to: { path: packagesExcept('ui', 'react', 'core') },
    },
    {
      name: 'server-imports-only-wire',
      comment:
        '@savedcards/server imports only @savedcards/wire among ours (not core, react, ui, msw).',
      severity: 'error',
      from: production('server'),
      to: { path: packagesExcept('server', 'wire') },
    },
    {
      name: 'server-only-node-built-ins',
      comment:
        '@savedcards/server depends on node built-ins, @savedcards/wire and rate-limiter-flexible (the velocity limits) only.',
      severity: 'error',
      from: production('server'),
      to: { path: '(^|/)node_modules/', pathNot: 'node_modules/.*rate-limiter-flexible/' },
    },
    {
      name: 'msw-imports-only-wire',
      comment:
        '@savedcards/msw imports only @savedcards/wire among ours (not core, react, ui, server).',
      severity: 'error',
      from: production('msw'),
      to: { path: packagesExcept('msw', 'wire') },
    },
    {
      name: 'no-relative-import-of-another-package',
      comment:
        "Another package is imported by its name (@savedcards/…), never by a relative path into its src/ (e.g. '../../msw/src'). Test files may.",
      severity: 'error',
      from: { path: '^packages/([^/]+)/', pathNot: [TEST_FILE] },
      to: {
        dependencyTypes: ['local'],
        path: '^packages/[^/]+/src/',
        pathNot: '^packages/$1/',
      },
    },
    {
      name: 'no-test-helper-in-production',
      comment:
        'Production code never imports a test helper (packages/test-utils, test/, src/test*.ts, testdata).',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: [TEST_FILE, TEST_HELPER] },
      to: { path: TEST_HELPER },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve (a typo, or a package missing from package.json).',
      severity: 'error',
      from: { path: '^packages/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Workspace packages resolve to their sources (the `source` export condition), as in tsc/vitest.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
