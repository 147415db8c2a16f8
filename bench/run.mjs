// `pnpm bench`: builds what it needs, measures, prints ONE table and writes reports/bench.json.
// Sizes are checked against budgets by size-limit in CI; every timing here is reported, never asserted.
//
// `pnpm bench --quick` (or BENCH_QUICK=1): fewer rounds and shorter loads, for a look only.
// BENCH_SKIP_BUILD=1 reuses existing builds (packages/*/dist, examples/checkout/dist and the server demo).
// BENCH_ONLY=render,optimistic runs only those steps (names as in `step(…)` below), for a look.
// BENCH_LOAD_ROUNDS (5), BENCH_LOAD_SECONDS (4 per side per round), BENCH_LOAD_CONNECTIONS (50): proxy load.
//
// One module per concern, in bench/lib: sizes, requests (counts), latency (optimistic updates),
// render (and re-renders), proxy (signing cost and load), report (the table); the measurements run
// in this order and their rows print in it.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/chromium.mjs';
import { serveStatic } from '../test/e2e/staticServer.mjs';
import { buildAll } from './lib/build.mjs';
import { root } from './lib/context.mjs';
import { measureOptimistic } from './lib/latency.mjs';
import { describeMachine } from './lib/machine.mjs';
import { buildPage, servePage } from './lib/page.mjs';
import { measureLoad, measureSigning } from './lib/proxy.mjs';
import { measureRender, measureRerenders } from './lib/render.mjs';
import { printReport, results, step } from './lib/report.mjs';
import { measureAddCardRequests, measureRequests } from './lib/requests.mjs';
import { measureSizes } from './lib/sizes.mjs';

const machine = describeMachine();
results.machine = machine;
if (!process.env.BENCH_SKIP_BUILD) {
  buildAll();
  await buildPage();
}
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name) => !only || only.includes(name);
const maybe = (name, body) => (wanted(name) ? step(name, body) : undefined);

await maybe('size', measureSizes);

// Chromium: request counts and re-renders on the demo checkout (mock mode); render and
// click → painted on the bench page (bench/page), each against its baseline in the same page.
const browser = await chromium.launch(chromiumLaunchOptions);
const site = await serveStatic(path.join(root, 'examples/checkout/dist'));
const bench = await servePage();
const page = { browser, site, bench };
await maybe('requests', () => measureRequests(page));
await maybe('add-card requests', () => measureAddCardRequests(page));
await maybe('render', () => measureRender(page));
await maybe('optimistic', () => measureOptimistic(page));
await maybe('rerenders', () => measureRerenders(page));
await bench.site.close();
await site.close?.();
await browser.close();

// The signing proxy: signing cost and loopback load.
await maybe('signing', measureSigning);
await maybe('load', measureLoad);

printReport(machine);
