// The signing proxy: the cost of one signature, and load on loopback through the demo server.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '@savedcards/test-utils';
import autocannon from 'autocannon';
import { root } from './context.mjs';
import { results, row } from './report.mjs';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const LOAD_CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);

export async function measureSigning() {
  const server = await import('@savedcards/server');
  // The test-only key pair of @savedcards/test-utils (never a real credential).
  const privateKey = server.loadPrivateKey(TEST_ONLY_PRIVATE_KEY_PEM);
  const input = {
    appId: TEST_APP_ID,
    privateKey,
    method: 'POST',
    uri: '/svc/payment/api/v1/openapi/customers/00000000-0000-4000-8000-000000000001/payment_tokens',
    body: JSON.stringify({
      card: { number: '4242424242424242', exp_month: '04', exp_year: '2031' },
    }),
  };
  for (let i = 0; i < 50; i += 1) server.signRequest(input);
  const n = 2000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) server.signRequest(input);
  const perCall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  results.signing = { iterations: n, msPerRequest: perCall, key: 'RSA 2048 (test-only key)' };
  row(
    'proxy',
    'signRequest cost (RSA-SHA256, 2048-bit)',
    `${(perCall * 1000).toFixed(0)} µs`,
    `${n} iterations`,
  );
}

export async function measureLoad() {
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  delete env.WONDER_APP_ID;
  delete env.WONDER_PRIVATE_KEY_FILE;
  delete env.PUBLIC_URL;
  const child = spawn(process.execPath, [path.join(root, 'examples/checkout/server/server.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    if (output.length < 100_000) output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    if (output.length < 100_000) output += chunk;
  });
  try {
    const base = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 30 s:\n${output}`)), 30_000);
      const poll = setInterval(() => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(match[1].replace(/\/$/, ''));
        }
      }, 50);
    });
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`not loopback: ${base}`);
    const session = await fetch(`${base}/api/session`, { headers: { Accept: 'application/json' } });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
    const { customerUuid } = await session.json();
    const url = `${base}/api/wonder/svc/payment/api/v1/openapi/customers/${customerUuid}/payment_tokens`;
    const headers = {
      Cookie: cookie,
      'X-Requested-With': 'savedcards',
      Accept: 'application/json',
    };
    const probe = await fetch(url, { headers });
    if (probe.status !== 200)
      throw new Error(`probe answered ${probe.status}: ${await probe.text()}`);
    const result = await autocannon({
      url,
      headers,
      connections: LOAD_CONNECTIONS,
      duration: LOAD_SECONDS,
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    results.load = {
      target:
        'GET list of payment tokens through the demo server proxy → mock upstream (in process, loopback)',
      connections: LOAD_CONNECTIONS,
      seconds: LOAD_SECONDS,
      requests: result.requests.total,
      reqPerSec: result.requests.average,
      latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
    const label = `proxy load (127.0.0.1, ${LOAD_CONNECTIONS} conns × ${LOAD_SECONDS} s, GET list)`;
    row(
      label,
      'requests/s (mean)',
      result.requests.average.toFixed(0),
      `${result.requests.total} requests`,
    );
    row(
      label,
      'latency p50 / p99 / max',
      `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms`,
    );
    row(
      label,
      'errors (errors + timeouts + non-2xx)',
      errors,
      errors === 0 ? 'none' : 'SEE reports/bench.json',
    );
  } finally {
    child.kill('SIGTERM');
  }
}
