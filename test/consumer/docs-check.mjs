// Docs that cannot drift: every ```ts and ```tsx block in README.md, packages/*/README.md and
// stories/docs/*.mdx is type-checked against the *published* types (the packed tarballs installed in
// the consumer app), strict, with skipLibCheck: false. Each block becomes its own module
// (docs/<file>-<line>.ts[x]); test/consumer/docs-globals.d.ts declares the integrator's own names the
// blocks use without defining (customerUuid, queryClient, app, sessionUser…), never a library name:
// what a block uses from a package it imports, as an integrator's file would.
// A fragment that cannot compile is skipped with `<!-- docs-check: skip (why) -->` (Markdown) or
// `{/* docs-check: skip (why) */}` (MDX) on the line right before its fence. Use it sparingly.
//
// Used by test/consumer/run.mjs; alone (after it): node test/consumer/docs-check.mjs [app dir]
import { execFile as execFileCb } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);
const here = path.dirname(fileURLToPath(import.meta.url));
const SKIP = /^\s*(<!--\s*docs-check:\s*skip\b.*-->|\{\/\*\s*docs-check:\s*skip\b.*\*\/\})\s*$/;

/** The documentation files, in a stable order. */
export function docFiles(root) {
  const files = ['README.md'];
  for (const name of readdirSync(path.join(root, 'packages')).sort()) {
    files.push(path.join('packages', name, 'README.md'));
  }
  for (const name of readdirSync(path.join(root, 'stories/docs')).sort()) {
    if (name.endsWith('.mdx')) files.push(path.join('stories/docs', name));
  }
  return files.filter((file) => {
    try {
      readFileSync(path.join(root, file));
      return true;
    } catch {
      return false;
    }
  });
}

/** `{ file, line, lang, code, skipped }` for every ts/tsx fence. */
export function extractBlocks(root) {
  const blocks = [];
  for (const file of docFiles(root)) {
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      const open = /^\s*```(ts|tsx|typescript)\b/.exec(lines[i]);
      if (!open) continue;
      let previous = i - 1;
      while (previous >= 0 && lines[previous].trim() === '') previous -= 1;
      const skipped = previous >= 0 && SKIP.test(lines[previous]);
      const start = i;
      const body = [];
      for (i += 1; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i += 1) body.push(lines[i]);
      blocks.push({
        file,
        line: start + 1,
        lang: open[1] === 'tsx' ? 'tsx' : 'ts',
        code: body.join('\n'),
        skipped,
      });
    }
  }
  return blocks;
}

const slug = (block) =>
  `${block.file.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-L${block.line}.${block.lang}`;

/**
 * Writes the blocks into `<appDir>/docs`, runs tsc once over them, and reports one check per block
 * through `check(title, body)` (the harness of test/e2e/harness.mjs).
 */
export async function checkDocs({ appDir, root, check, label = '' }) {
  const docsDir = path.join(appDir, 'docs');
  rmSync(docsDir, { recursive: true, force: true });
  mkdirSync(docsDir, { recursive: true });
  copyFileSync(path.join(here, 'docs-globals.d.ts'), path.join(docsDir, 'globals.d.ts'));
  // The one framework module a block imports that the app does not install (Next.js is large).
  writeFileSync(
    path.join(docsDir, 'next.d.ts'),
    "declare module 'next/headers' {\n  export function cookies(): Promise<unknown>;\n}\n",
  );
  const blocks = extractBlocks(root);
  for (const block of blocks) {
    if (block.skipped) continue;
    // `export {}` keeps every block a module of its own (no clashes between blocks' names).
    writeFileSync(path.join(docsDir, slug(block)), `${block.code}\nexport {};\n`);
  }
  writeFileSync(
    path.join(appDir, 'tsconfig.docs.json'),
    JSON.stringify(
      {
        extends: './tsconfig.json',
        compilerOptions: { types: ['node'], noUnusedLocals: false },
        include: ['docs'],
      },
      null,
      2,
    ),
  );
  // tsc reports only syntax errors while any file has one: a block that does not parse is taken
  // out and the rest checked again, so one broken fragment cannot hide the others' type errors.
  const errorsByFile = new Map();
  const other = [];
  for (let pass = 0; pass < 2; pass += 1) {
    let syntax = false;
    for (const line of (await runTsc(appDir)).split('\n').filter(Boolean)) {
      const match = /^docs\/([^(]+)\((\d+),\d+\): error TS(\d+): (.*)$/.exec(line);
      if (match) {
        const [, file, row, code, message] = match;
        const list = errorsByFile.get(file) ?? [];
        list.push(`line ${row}: TS${code}: ${message}`);
        errorsByFile.set(file, list);
        if (/^1\d{3}$|^17\d{3}$/.test(code)) {
          syntax = true;
          rmSync(path.join(docsDir, file), { force: true });
        }
      } else if (/error TS/.test(line) && pass === 0) {
        other.push(line);
      }
    }
    if (!syntax) break;
  }
  const skipped = blocks.filter((b) => b.skipped).length;
  for (const block of blocks) {
    if (block.skipped) continue;
    const errors = [...(errorsByFile.get(slug(block)) ?? []), ...unusedImports(block.code)];
    await check(`${label} docs: ${block.file}:${block.line} (${block.lang}) type-checks`, () => {
      if (errors.length > 0) throw new Error(errors.slice(0, 6).join('\n'));
    });
  }
  await check(`${label} docs: the published types themselves check (skipLibCheck false)`, () => {
    if (other.length > 0) throw new Error(other.slice(0, 6).join('\n'));
  });
  console.log(`    docs: ${blocks.length} blocks, ${skipped} marked docs-check: skip`);
}

/** Names a block imports and never uses (tsc's noUnusedLocals would also flag a fragment's locals). */
function unusedImports(code) {
  const imports = [...code.matchAll(/^import\s+(?:type\s+)?([^;'"]*?)\s+from\s+'[^']+';?/gm)];
  const rest = imports.reduce((text, match) => text.replace(match[0], ''), code);
  const names = [];
  for (const [, clause] of imports) {
    const braces = /\{([\s\S]*)\}/.exec(clause);
    for (const part of braces ? braces[1].split(',') : []) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) names.push(name);
    }
    const outside = clause
      .replace(/\{[\s\S]*\}/, '')
      .replace(/,/g, ' ')
      .trim();
    for (const name of outside
      .replace(/\*\s+as\s+/, '')
      .split(/\s+/)
      .filter(Boolean))
      names.push(name);
  }
  return names
    .filter((name) => !new RegExp(`\\b${name}\\b`).test(rest))
    .map((name) => `unused import: ${name}`);
}

async function runTsc(appDir) {
  try {
    await execFile(
      'npx',
      ['--no-install', 'tsc', '-p', 'tsconfig.docs.json', '--pretty', 'false'],
      {
        cwd: appDir,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return '';
  } catch (error) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}`;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Default: the app the consumer job (test/consumer/run.mjs) left in its work folder.
  const work = process.env.CONSUMER_DIR ?? path.join(os.tmpdir(), 'savedcards-consumer');
  const appDir = path.resolve(process.argv[2] ?? path.join(work, 'app'));
  const root = path.resolve(here, '../..');
  const { createHarness } = await import('../e2e/harness.mjs');
  const harness = createHarness('docs', path.join(root, 'reports/docs.json'));
  await checkDocs({ appDir, root, check: harness.check });
  harness.finish();
}
