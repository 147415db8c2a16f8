/**
 * Test-only helpers (not exported, not bundled): the mock gateway as the proxy's upstream, verifying
 * every signature with the test-only public key, and a recorder of what the proxy sent and logged.
 */
import { server } from '../../../test/server.js';
// Relative: vitest's node environment resolves @savedcards/* to dist, not to the sources.
import type { GatewayScenario, GatewayScenarioName, SignatureCheck } from '../../msw/src/index.js';
import { createGatewayDb, createGatewayHandlers, DEMO_CUSTOMER } from '../../msw/src/index.js';
import type { ProxyLogEntry, WonderProxyOptions } from './proxy.js';
import { createWonderProxy } from './proxy.js';
import {
  TEST_APP_ID,
  TEST_ONLY_PRIVATE_KEY_PEM,
  TEST_ONLY_PUBLIC_KEY_PEM,
} from './testdata/keys.js';

export const SANDBOX = 'https://gateway-stg.wonder.today';
export const OPENAPI = '/svc/payment/api/v1/openapi';
export const SHOP = 'http://shop.test';
export const DEMO_UUID = DEMO_CUSTOMER.uuid;
export const DEMO_REFERENCE = DEMO_CUSTOMER.referenceNumber;
export const OTHER_UUID = '00000000-0000-4000-8000-000000000999';
export const RETURN_URLS = {
  success: 'https://shop.test/3ds/return?ok=1',
  fail: 'https://shop.test/3ds/return?ok=0',
};
/** Wonder's documented test cards (Visa, Mastercard, Amex, UnionPay). */
export const TEST_PANS = [
  '4242424242424242',
  '5555555555554444',
  '378282246310005',
  '6250941006528599',
];

/** Mounts the mock gateway on the sandbox URL with signature verification; returns its state. */
export function mockUpstream(scenario?: GatewayScenarioName | GatewayScenario) {
  const db = createGatewayDb();
  const checks: SignatureCheck[] = [];
  server.use(
    ...createGatewayHandlers({
      baseUrl: SANDBOX,
      db,
      ...(scenario === undefined ? {} : { scenario }),
      verifySignature: {
        publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
        appId: TEST_APP_ID,
        onResult: (check) => checks.push(check),
      },
    }),
  );
  return { db, checks };
}

interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** A `fetch` that records what the proxy sends, then calls `next` (default: the global fetch). */
export function recordingFetch(next?: typeof fetch) {
  const sent: SentRequest[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.clone().text(),
    });
    return (next ?? globalThis.fetch)(request);
  };
  return { fetch: fetchImpl, sent };
}

/** A logger that keeps entries and their JSON lines. */
function captureLogs() {
  const entries: ProxyLogEntry[] = [];
  const lines: string[] = [];
  return {
    entries,
    lines,
    logger: (entry: ProxyLogEntry) => {
      entries.push(entry);
      lines.push(JSON.stringify(entry));
    },
  };
}

/** The proxy as a merchant would set it up, signed in as the demo customer, recording upstream. */
export function testProxy(
  overrides: Partial<WonderProxyOptions> = {},
  upstreamFetch?: typeof fetch,
) {
  const recorder = recordingFetch(upstreamFetch);
  const logs = captureLogs();
  const proxy = createWonderProxy({
    appId: TEST_APP_ID,
    privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
    environment: 'sandbox',
    resolveCustomer: () => ({ uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }),
    returnUrls: RETURN_URLS,
    fetch: recorder.fetch,
    logger: logs.logger,
    ...overrides,
  });
  return { proxy, sent: recorder.sent, logs };
}

export interface BrowserRequestInit {
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the `X-Requested-With: savedcards` marker. */
  noMarker?: boolean;
}

/** A request as `@savedcards/core` sends it to `/api/wonder` + Wonder's path. */
export function browserRequest(method: string, path: string, init: BrowserRequestInit = {}) {
  const headers = new Headers({ Accept: 'application/json' });
  if (!init.noMarker) headers.set('X-Requested-With', 'savedcards');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
  const url = path.startsWith('http') ? path : `${SHOP}/api/wonder${OPENAPI}${path}`;
  return new Request(url, {
    method,
    headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

export interface EnvelopeA {
  error_code: string;
  error_message: string;
  data: unknown;
}

export async function readJson(response: Response): Promise<EnvelopeA> {
  return (await response.json()) as EnvelopeA;
}
