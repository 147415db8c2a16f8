// The demo server (examples/checkout/server) as its own process, for the e2e runs through the proxy.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts the demo server as its own process on a free port; collects every line it prints. */
export async function startDemoServer() {
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', SAVEDCARDS_DEMO_TEST_HOOKS: '1' };
  // Always the mock upstream here, even on a machine with real credentials.
  delete env.WONDER_APP_ID;
  delete env.WONDER_PRIVATE_KEY_FILE;
  delete env.PUBLIC_URL;
  const child = spawn(process.execPath, [path.join(root, 'examples/checkout/server/server.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const collect = (stream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
    stream.on('end', () => rest && lines.push(rest));
  };
  collect(child.stdout);
  collect(child.stderr);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL after 30 s:\n${lines.join('\n')}`)),
      30_000,
    );
    const poll = setInterval(() => {
      const match = lines.map((line) => /listening on (http:\/\/\S+)/.exec(line)).find(Boolean);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the demo server exited (${code}):\n${lines.join('\n')}`));
    });
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    // A crash mid-run would otherwise show only as refused connections in the later checks.
    if (!stopping)
      console.log(
        `    the demo server exited (${code ?? signal}):\n${lines.slice(-30).join('\n')}`,
      );
  });
  const stop = () =>
    new Promise((resolve) => {
      stopping = true;
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { url, lines, stop };
}
