/**
 * Helpers around the signing proxy (@savedcards/server): a recorder of what it sends upstream and
 * logs, the proxy as a merchant sets it up for the demo customer, and requests as the browser sends
 * them.
 */
import type { ProxyLogEntry, WonderProxyOptions } from '@savedcards/server';
import { createWonderProxy } from '@savedcards/server';
import { DEMO_REFERENCE, DEMO_UUID, OPENAPI, RETURN_URLS, SHOP } from './constants.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from './keys.js';

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
