/// <reference types="vite/client" />
import type { SecureDataKey } from '@savedcards/core';
import type { GatewayScenarioName } from '@savedcards/msw';

/** The merchant's order as its own records say (never the browser's word). */
export interface DemoOrder {
  id: string;
  reference_number: string;
  amount: string;
  currency: string;
  /** `paid` once the merchant's server heard so: from Wonder's webhook in server mode. */
  status: 'unpaid' | 'paid';
}

/** The demo's cart, priced by "the merchant": the demo server in server mode, the mock's order book otherwise. */
export const CART_PRICES = ['168.00', '220.00'] as const;
const CART_TOTAL = '388.00';

export interface DemoGateway {
  /** Where the browser sends gateway requests. */
  baseUrl: string;
  /** The customer the page shows (a real page gets it from its own server). */
  customerUuid: string;
  /**
   * What answers: `'mock'`, the mock gateway in a service worker; `'server'`, the demo server's
   * signing proxy (`examples/checkout/server`), in front of the mock gateway or Wonder's sandbox.
   */
  mode: 'mock' | 'server';
  /** Keys besides Wonder's that `?encryption=secure-data` may seal for: the mock gateway's test key. */
  secureDataKeys: SecureDataKey[];
  /** The mock's scenario; always `'default'` in server mode (the server picks its upstream). */
  scenario: GatewayScenarioName;
  /** Mock mode: puts the sample customer and cards back. */
  reset?: () => void;
  /** A new order for the cart, created by the merchant (amount and currency are the merchant's). */
  createOrder: () => Promise<DemoOrder>;
  /** The order as the merchant's records say. */
  readOrder: (id: string) => Promise<DemoOrder>;
}

const BASE_URL = '/api/wonder';
const SCENARIO_KEY = 'savedcards-demo:scenario';

/**
 * Connects the demo to a gateway.
 *
 * - Built with `--mode server`: asks the demo server who is signed in (`GET /api/session`, which
 *   also sets the session cookie) and sends every gateway request to its signing proxy. No service
 *   worker, no mock code in the bundle.
 * - Otherwise (the default): msw's service worker plays Wonder at `/api/wonder`. `?scenario=slow` (or
 *   empty, server-error, network-error, malformed-json, envelope-b) picks how it behaves.
 */
export async function connectGateway(): Promise<DemoGateway> {
  if (import.meta.env.MODE === 'server') {
    return connectServer();
  }
  const [
    { createGatewayDb, DEMO_CUSTOMER, gatewayScenarios, MOCK_SECURE_DATA_KEY },
    { startGatewayWorker },
  ] = await Promise.all([import('@savedcards/msw'), import('@savedcards/msw/browser')]);
  const requested = new URLSearchParams(window.location.search).get('scenario') ?? 'default';
  const scenario = (
    Object.hasOwn(gatewayScenarios, requested) ? requested : 'default'
  ) as GatewayScenarioName;
  // The mock's state lives in sessionStorage, so a full-page 3-D Secure redirect comes back to it.
  const db = createGatewayDb({ persist: window.sessionStorage });
  // A scenario that re-seeds (`empty`) changes the tab's state: leaving it brings the samples back.
  const previous = window.sessionStorage.getItem(SCENARIO_KEY);
  if (
    previous !== null &&
    previous !== scenario &&
    gatewayScenarios[previous as GatewayScenarioName]?.seed
  ) {
    db.reset();
  }
  window.sessionStorage.setItem(SCENARIO_KEY, scenario);
  await startGatewayWorker({ baseUrl: BASE_URL, db, scenario, quiet: true });
  return {
    baseUrl: BASE_URL,
    customerUuid: DEMO_CUSTOMER.uuid,
    mode: 'mock',
    secureDataKeys: [MOCK_SECURE_DATA_KEY],
    scenario,
    reset: () => db.reset(),
    // In mock mode the mock's order book plays the merchant's server (its `resolveOrder`).
    async createOrder() {
      const order = db.putMerchantOrder({
        // getRandomValues works on plain http too (randomUUID needs a secure context).
        id: `order-${crypto.getRandomValues(new Uint32Array(1))[0]?.toString(36)}`,
        amount: CART_TOTAL,
        currency: 'HKD',
      });
      return { ...order, status: 'unpaid' };
    },
    async readOrder(id) {
      const order = db.merchantOrder(id);
      if (!order) throw new Error(`No order ${id}`);
      const wonder = db.orders().find((o) => o.reference_number === order.reference_number);
      return { ...order, status: wonder?.correspondence_state === 'paid' ? 'paid' : 'unpaid' };
    },
  };
}

async function orderFrom(response: Response): Promise<DemoOrder> {
  const order = (await response.json().catch(() => null)) as DemoOrder | null;
  if (!response.ok || typeof order?.id !== 'string') {
    throw new Error(`The demo server gave no order (HTTP ${response.status}).`);
  }
  return order;
}

async function connectServer(): Promise<DemoGateway> {
  // A mock-mode visit on this origin may have left msw's worker registered: it must not answer here.
  const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
  await Promise.all(
    registrations
      .filter((registration) => registration.active?.scriptURL.endsWith('/mockServiceWorker.js'))
      .map((registration) => registration.unregister()),
  );
  const response = await fetch('/api/session', {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });
  const session = (await response.json().catch(() => null)) as {
    customerUuid?: unknown;
    testSecureDataKey?: { spki?: unknown; pubKeyHash?: unknown };
  } | null;
  if (!response.ok || typeof session?.customerUuid !== 'string') {
    throw new Error(`The demo server gave no session (HTTP ${response.status}).`);
  }
  return {
    baseUrl: BASE_URL,
    customerUuid: session.customerUuid,
    mode: 'server',
    secureDataKeys: testKeyOf(session.testSecureDataKey),
    scenario: 'default',
    // The demo server prices its own cart; the browser sends nothing about amounts.
    createOrder: async () =>
      orderFrom(
        await fetch('/api/orders', {
          method: 'POST',
          headers: { Accept: 'application/json', 'X-Requested-With': 'savedcards' },
          credentials: 'same-origin',
        }),
      ),
    readOrder: async (id) =>
      orderFrom(
        await fetch(`/api/orders/${encodeURIComponent(id)}`, {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        }),
      ),
  };
}

/** The demo server's mock test key, when its upstream is the mock (demo only). */
function testKeyOf(key: { spki?: unknown; pubKeyHash?: unknown } | undefined): SecureDataKey[] {
  return typeof key?.spki === 'string' && typeof key.pubKeyHash === 'string'
    ? [{ spki: key.spki, pubKeyHash: key.pubKeyHash }]
    : [];
}
