// @vitest-environment node
/**
 * The demo server as the merchant (issue 16), over real TCP, without a browser: it makes the order
 * from its own cart, the proxy charges what the order book says, and only Wonder's verified webhook
 * (here the mock gateway's, signed with the test-only stand-in for Wonder's key) marks it paid.
 */
import type { Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GatewayDb } from '@savedcards/msw';
import { DEMO_CUSTOMER, DEMO_TOKENS, PAYMENT_SCENARIO_CARDS } from '@savedcards/msw';
import { signWonderWebhook } from '@savedcards/server';
import {
  TEST_ONLY_PRIVATE_KEY_PEM,
  TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM,
  TEST_WONDER_WEBHOOK_APP_ID,
} from '@savedcards/test-utils';
import { passesLuhn } from '@savedcards/wire';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { server as msw } from '../server.js';

// What the tests use of examples/checkout/server/server.mjs (plain JavaScript).

interface DemoOrder {
  id: string;
  reference_number: string;
  amount: string;
  currency: string;
  lines: Array<{
    sku: string;
    name: string;
    quantity: number;
    unit_amount: string;
    amount: string;
  }>;
  status: 'unpaid' | 'paid';
  paid_at: string | null;
  transaction_uuid: string | null;
}

interface DemoServer {
  url: string;
  server: Server;
  upstream: {
    kind: 'mock' | 'sandbox';
    /** The mock's webhook emitter (mock mode only). */
    webhooks?: { idle(): Promise<void>; readonly deliveries: readonly unknown[] };
    webhookPublicKey?: unknown;
    /** The mock gateway's db (mock mode only). */
    db?: GatewayDb;
  };
  close(): Promise<void>;
}

type StartDemoServer = (options?: {
  env?: Record<string, string | undefined>;
  port?: number;
  host?: string;
  /** A folder holding index.html (the built checkout). */
  dist?: string;
  log?: (line: string) => void;
  testHooks?: boolean;
}) => Promise<DemoServer>;

// A computed specifier: TypeScript does not look for the plain-JavaScript module's types.
const SERVER_MODULE = '../../examples/checkout/server/server.mjs';
const { startDemoServer } = (await import(/* @vite-ignore */ SERVER_MODULE)) as {
  startDemoServer: StartDemoServer;
};

const dist = mkdtempSync(path.join(tmpdir(), 'savedcards-demo-'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>checkout</title>');
const lines: string[] = [];
let demo: DemoServer;
// The demo server, its mock upstream and the webhooks between them are real TCP on loopback; the
// tests' msw server (reset after each test) lets them through.
const loopback = () => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));

beforeAll(async () => {
  loopback();
  demo = await startDemoServer({
    env: {},
    port: 0,
    host: '127.0.0.1',
    dist,
    log: (line) => void lines.push(line),
  });
}, 30_000);
beforeEach(loopback);
afterAll(async () => {
  await demo?.close();
  rmSync(dist, { recursive: true, force: true });
});

async function signIn(): Promise<string> {
  const response = await fetch(`${demo.url}/api/session`);
  const cookie = response.headers.get('Set-Cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

const signedIn = (cookie: string) => ({ Cookie: cookie, 'X-Requested-With': 'savedcards' });

async function createOrder(cookie: string): Promise<DemoOrder> {
  const response = await fetch(`${demo.url}/api/orders`, {
    method: 'POST',
    headers: { ...signedIn(cookie), 'Content-Type': 'application/json' },
    // Ignored: the server's cart decides.
    body: JSON.stringify({ amount: '0.01', currency: 'USD' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as DemoOrder;
}

async function readOrder(cookie: string, id: string) {
  const response = await fetch(`${demo.url}/api/orders/${id}`, { headers: { Cookie: cookie } });
  return { status: response.status, order: (await response.json()) as DemoOrder };
}

async function pay(cookie: string, body: Record<string, unknown>) {
  const response = await fetch(`${demo.url}/api/wonder/savedcards/v1/payments`, {
    method: 'POST',
    headers: { ...signedIn(cookie), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data: {
        state: string;
        order: { amount: string; currency: string };
        transaction_uuid?: string;
      } | null;
    },
  };
}

function webhook(order: DemoOrder, privateKey: string, state = 'paid') {
  const body = JSON.stringify({
    data: {
      order: {
        reference_number: order.reference_number,
        correspondence_state: state,
        amount: order.amount,
        currency: order.currency,
      },
      transactions: [{ uuid: '00000000-0000-4000-b000-999999999999', state: 'success' }],
    },
  });
  const headers = signWonderWebhook({
    privateKey,
    action: 'order.paid',
    path: '/api/wonder/webhook',
    body,
    appId: TEST_WONDER_WEBHOOK_APP_ID,
  });
  return () => fetch(`${demo.url}/api/wonder/webhook`, { method: 'POST', headers, body });
}

describe('the demo server as the merchant', () => {
  it('makes the order from its own cart, for the session only', async () => {
    const cookie = await signIn();
    const order = await createOrder(cookie);
    expect(order).toMatchObject({
      id: expect.stringMatching(/^ord_[\w-]+$/),
      reference_number: `demo-${order.id}`,
      amount: '388.00',
      currency: 'HKD',
      status: 'unpaid',
      paid_at: null,
      transaction_uuid: null,
    });
    expect(order.lines.map((line) => line.amount)).toEqual(['168.00', '220.00']);
    expect(await readOrder(cookie, order.id)).toEqual({ status: 200, order });

    const stranger = await signIn();
    expect((await readOrder(stranger, order.id)).status).toBe(404);
    expect((await readOrder(cookie, 'ord_nope')).status).toBe(404);
    const anonymous = await fetch(`${demo.url}/api/orders/${order.id}`);
    expect(anonymous.status).toBe(401);
    const noMarker = await fetch(`${demo.url}/api/orders`, {
      method: 'POST',
      headers: { Cookie: cookie },
    });
    expect(noMarker.status).toBe(403);
    // The page's security headers are kept on the new routes.
    expect(anonymous.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
  });

  it('pays with the default card; the webhook arrives; the order is paid', async () => {
    const cookie = await signIn();
    const order = await createOrder(cookie);
    const paid = await pay(cookie, {
      order_id: order.id,
      token: DEMO_TOKENS.visa,
      // Tampering: neither is read.
      amount: '0.01',
      currency: 'USD',
    });
    expect(paid.status).toBe(200);
    expect(paid.body.data).toMatchObject({
      state: 'succeeded',
      order: { amount: '388.00', currency: 'HKD' },
    });
    await demo.upstream.webhooks?.idle();
    const { order: after } = await readOrder(cookie, order.id);
    expect(after).toMatchObject({
      status: 'paid',
      paid_at: expect.any(String),
      transaction_uuid: paid.body.data?.transaction_uuid,
    });
    expect(demo.upstream.webhooks?.deliveries.at(-1)).toMatchObject({
      action: 'order.paid',
      reference_number: order.reference_number,
      outcome: 'delivered',
    });
    // Another session cannot pay it (or see it).
    const stranger = await signIn();
    expect((await pay(stranger, { order_id: order.id, token: DEMO_TOKENS.visa })).status).toBe(404);
  });

  it('a declined payment: order.payment_failure, the order stays unpaid', async () => {
    const decline = PAYMENT_SCENARIO_CARDS.find((card) => card.payment === 'decline');
    const token = demo.upstream.db?.addToken(DEMO_CUSTOMER.uuid, { number: decline?.number }).token;
    const cookie = await signIn();
    const order = await createOrder(cookie);
    const failed = await pay(cookie, { order_id: order.id, token });
    expect(failed.body.data?.state).toBe('failed');
    await demo.upstream.webhooks?.idle();
    expect(demo.upstream.webhooks?.deliveries.at(-1)).toMatchObject({
      action: 'order.payment_failure',
      outcome: 'delivered',
    });
    expect((await readOrder(cookie, order.id)).order.status).toBe('unpaid');
  });

  it('refuses a webhook signed with another key, and does not mark the order paid', async () => {
    const cookie = await signIn();
    const order = await createOrder(cookie);
    // The merchant's own API key is not Wonder's webhook key.
    const forged = await webhook(order, TEST_ONLY_PRIVATE_KEY_PEM)();
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: 'bad_signature' });
    expect((await readOrder(cookie, order.id)).order.status).toBe('unpaid');
    expect(lines.some((line) => line.includes('"reason":"bad_signature"'))).toBe(true);
  });

  it('refuses a replayed webhook', async () => {
    const cookie = await signIn();
    const order = await createOrder(cookie);
    const send = webhook(order, TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM);
    expect((await send()).status).toBe(200);
    const first = (await readOrder(cookie, order.id)).order;
    expect(first.status).toBe('paid');
    const replayed = await send();
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual({ error: 'replayed' });
    expect((await readOrder(cookie, order.id)).order).toEqual(first);
  });

  it('does not mark paid a signed webhook whose order is not paid as ordered', async () => {
    const cookie = await signIn();
    const order = await createOrder(cookie);
    expect(
      (await webhook(order, TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM, 'unpaid')()).status,
    ).toBe(200);
    const cheap = { ...order, amount: '1.00' };
    expect((await webhook(cheap, TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM)()).status).toBe(200);
    expect((await readOrder(cookie, order.id)).order.status).toBe('unpaid');
    expect(lines.filter((line) => line.includes('not_paid_as_ordered'))).toHaveLength(2);
  });

  it('logs no card number', () => {
    const runs = lines.join('\n').match(/\d[\d -]{11,}\d/g) ?? [];
    expect(runs.map((run) => run.replace(/\D/g, '')).filter(passesLuhn)).toEqual([]);
  });
});
