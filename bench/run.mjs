// `pnpm bench`: builds what it needs, measures, prints ONE table and writes reports/bench.json.
// Sizes are checked against budgets by size-limit in CI; every timing here is reported, never asserted.
//
// `pnpm bench --quick` (or BENCH_QUICK=1): fewer rounds and shorter loads, for a look only.
// BENCH_SKIP_BUILD=1 reuses existing builds (packages/*/dist, examples/checkout/dist and the server demo).
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
import { measureLoad, measureSigning } from './lib/proxy.mjs';
import { measureRender, measureRerenders } from './lib/render.mjs';
import { printReport, results, step } from './lib/report.mjs';
import { measureAddCardRequests, measureRequests } from './lib/requests.mjs';
import { measureSizes } from './lib/sizes.mjs';

const machine = describeMachine();
results.machine = machine;
if (!process.env.BENCH_SKIP_BUILD) buildAll();

await step('size', measureSizes);

// Chromium on the demo checkout (mock mode): request counts, optimistic latency, render time.
const browser = await chromium.launch(chromiumLaunchOptions);
const site = await serveStatic(path.join(root, 'examples/checkout/dist'));
const page = { browser, site };
await step('requests', () => measureRequests(page));
await step('add-card requests', () => measureAddCardRequests(page));
await step('optimistic', () => measureOptimistic(page));
await step('render', () => measureRender(page));
await step('rerenders', () => measureRerenders(page));
await site.close?.();
await browser.close();

// The signing proxy: signing cost and loopback load.
await step('signing', measureSigning);
await step('load', measureLoad);

printReport(machine);
