// The signing proxy against its floor, in the same run: signing one request (ours vs node:crypto
// alone), and load on loopback (ours vs a minimal node:http signing proxy, bench/proxy/server.mjs),
// each in its own process in front of the same trivial upstream in a third process. Rounds are
// interleaved (the order alternates) and each figure is the median of the per-round ratios.
import { fork } from 'node:child_process';
import { createHmac, createPrivateKey, randomBytes, sign } from 'node:crypto';
import path from 'node:path';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '@savedcards/test-utils';
import autocannon from 'autocannon';
import { root } from './context.mjs';
import { median, method, quick, results, row } from './report.mjs';

const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? (quick ? 2 : 5));
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? (quick ? 2 : 4));
const LOAD_CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);
const ratio = (x) => `${x.toFixed(2)}×`;

export async function measureSigning() {
  const server = await import('@savedcards/server');
  // The test-only key pair of @savedcards/test-utils (never a real credential).
  const privateKey = server.loadPrivateKey(TEST_ONLY_PRIVATE_KEY_PEM);
  const key = createPrivateKey(TEST_ONLY_PRIVATE_KEY_PEM);
  const uri =
    '/svc/payment/api/v1/openapi/customers/00000000-0000-4000-8000-000000000001/payment_tokens';
  const body = JSON.stringify({ card: { number: '4242424242424242', exp_month: '04' } });
  const ours = () =>
    server.signRequest({ appId: TEST_APP_ID, privateKey, method: 'POST', uri, body });
  const floor = () => {
    const nonce = randomBytes(12).toString('base64url');
    const k1 = createHmac('sha256', nonce).update('20261202120000').digest();
    const k2 = createHmac('sha256', k1).update('Wonder-RSA-SHA256').digest();
    const m = createHmac('sha256', k2).update(`POST\n${uri}\n${body}`).digest('hex');
    return sign('sha256', Buffer.from(m), key).toString('base64');
  };
  const time = (fn, n) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) fn();
    return Number(process.hrtime.bigint() - t0) / 1e3 / n; // µs per call
  };
  time(ours, 50);
  time(floor, 50);
  const rounds = [];
  for (let r = 0; r < (quick ? 3 : 7); r += 1) {
    const n = 300;
    // The order alternates per round; each round yields one ratio.
    let oursUs;
    let floorUs;
    if (r % 2) {
      floorUs = time(floor, n);
      oursUs = time(ours, n);
    } else {
      oursUs = time(ours, n);
      floorUs = time(floor, n);
    }
    rounds.push({ oursUs, floorUs });
  }
  const oursUs = median(rounds.map((x) => x.oursUs));
  const floorUs = median(rounds.map((x) => x.floorUs));
  const r = median(rounds.map((x) => x.oursUs / x.floorUs));
  results.signing = { rounds, oursUs, floorUs, ratio: r };
  method(
    'signing',
    'in this process, signRequest (ours) vs the same HMAC chain + RSA-SHA256 with node:crypto alone, 300 calls per side per round, alternating order, median of per-round ratios.',
  );
  row(
    'signing one request (RSA 2048)',
    'ours / node:crypto alone',
    `${oursUs.toFixed(0)} / ${floorUs.toFixed(0)} µs`,
    `${ratio(r)} (goal ≈ 1×, the floor)`,
  );
}

/** Starts one role of bench/proxy/server.mjs; resolves with its URL and a CPU reader. */
function start(role, upstreamUrl) {
  const child = fork(path.join(root, 'bench/proxy/server.mjs'), [role, upstreamUrl ?? ''], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role}: no URL in 20 s`)), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      const match = /listening (http:\/\/\S+)/.exec(chunk);
      if (!match) return;
      clearTimeout(timer);
      const cpu = () =>
        new Promise((ok) => {
          child.once('message', (m) => ok((m.cpu.user + m.cpu.system) / 1000)); // ms
          child.send('cpu');
        });
      resolve({ url: match[1], cpu, close: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`${role} exited ${code}`)));
  });
}

async function load(target, seconds) {
  const url = `${target.url}/api/wonder/svc/payment/api/v1/openapi/customers/00000000-0000-4000-8000-000000000001/payment_tokens`;
  const before = await target.cpu();
  const result = await autocannon({
    url,
    headers: { Cookie: 'sid=bench', 'X-Requested-With': 'savedcards', Accept: 'application/json' },
    connections: LOAD_CONNECTIONS,
    duration: seconds,
  });
  const cpuMs = (await target.cpu()) - before;
  const ok = result.requests.total - result.non2xx - result.errors - result.timeouts;
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUsPerReq: (cpuMs * 1000) / Math.max(result.requests.total, 1),
    total: result.requests.total,
    errors: result.requests.total - ok,
  };
}

export async function measureLoad() {
  const upstream = await start('upstream');
  const ours = await start('ours', upstream.url);
  const baseline = await start('baseline', upstream.url);
  try {
    for (const t of [ours, baseline]) {
      const probe = await fetch(
        `${t.url}/api/wonder/svc/payment/api/v1/openapi/customers/00000000-0000-4000-8000-000000000001/payment_tokens`,
        {
          headers: {
            Cookie: 'sid=bench',
            'X-Requested-With': 'savedcards',
            Accept: 'application/json',
          },
        },
      );
      if (probe.status !== 200)
        throw new Error(`probe answered ${probe.status}: ${await probe.text()}`);
      await load(t, 1); // warm-up (JIT, sockets)
    }
    const rounds = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const round = {};
      for (const [name, t] of r % 2
        ? [
            ['baseline', baseline],
            ['ours', ours],
          ]
        : [
            ['ours', ours],
            ['baseline', baseline],
          ]) {
        round[name] = await load(t, LOAD_SECONDS);
      }
      rounds.push(round);
    }
    const m = (side, k) => median(rounds.map((x) => x[side][k]));
    const rr = (k) => median(rounds.map((x) => x.ours[k] / x.baseline[k]));
    const errors = rounds.reduce((n, x) => n + x.ours.errors + x.baseline.errors, 0);
    results.load = { connections: LOAD_CONNECTIONS, seconds: LOAD_SECONDS, rounds };
    method(
      'proxy',
      'three child processes (child_process.fork of bench/proxy/server.mjs): a trivial node:http upstream, our createWonderProxy + toNodeHandler, and a minimal node:http signing proxy (keep-alive agent, same signature); autocannon from this process on loopback, the two proxies in alternating order per round; CPU per request = process.cpuUsage() (user + system) of the proxy process over the round / requests; p50/p99 from autocannon; medians, ratios medians of per-round ratios. One core each: the figures are per process, not per machine.',
    );
    const section = `proxy, trivial upstream in its own process (${LOAD_CONNECTIONS} conns, ${ROUNDS} × ${LOAD_SECONDS} s interleaved)`;
    row(
      section,
      'req/s ours / minimal node:http signing proxy',
      `${m('ours', 'reqPerSec').toFixed(0)} / ${m('baseline', 'reqPerSec').toFixed(0)}`,
      `${ratio(rr('reqPerSec'))} (goal ≥ 0.9×)`,
    );
    row(
      section,
      'latency p50 ours / baseline',
      `${m('ours', 'p50')} / ${m('baseline', 'p50')} ms`,
      `${ratio(rr('p50'))}`,
    );
    row(
      section,
      'latency p99 ours / baseline',
      `${m('ours', 'p99')} / ${m('baseline', 'p99')} ms`,
      `${ratio(rr('p99'))}`,
    );
    row(
      section,
      'proxy CPU per request ours / baseline',
      `${m('ours', 'cpuUsPerReq').toFixed(0)} / ${m('baseline', 'cpuUsPerReq').toFixed(0)} µs`,
      `${ratio(rr('cpuUsPerReq'))} (goal ≤ 1.2×)`,
    );
    row(
      section,
      'errors (errors + timeouts + non-2xx), both',
      errors,
      errors === 0 ? 'none' : 'SEE reports/bench.json',
    );
  } finally {
    for (const t of [ours, baseline, upstream]) t.close();
  }
}
