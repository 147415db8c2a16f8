#!/usr/bin/env node
import { runConformanceCli } from './conformance.js';

process.exitCode = await runConformanceCli(process.argv.slice(2), process.env, {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
