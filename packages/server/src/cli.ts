#!/usr/bin/env node
import { runCheckCredentialsCli } from './checkCredentials.js';

process.exitCode = await runCheckCredentialsCli(process.argv.slice(2), process.env, {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
