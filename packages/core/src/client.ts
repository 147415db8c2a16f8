import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  LANG_HEADER,
  parseJsonBody,
  readEnvelope,
} from '@savedcards/wire';
import { GatewayError } from './errors.js';
import { createRequestId } from './requestId.js';
import type { GatewayLang } from './types.js';

export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

export interface GatewayClientOptions {
  /**
   * The merchant's base URL: the signing proxy (e.g. `/api/wonder`) or a mock gateway. Wonder's
   * paths (`/svc/payment/api/v1/openapi/…`) are appended to it. Relative URLs resolve against the page.
   */
  baseUrl: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Extra headers for every request, or a function returning them (e.g. a CSRF token). */
  headers?: HeadersOption;
  /** Cookie policy for the proxy. Default `'same-origin'`. */
  credentials?: RequestCredentials;
  /** Asks the gateway to answer in this language (`x-i18n-lang`). */
  lang?: GatewayLang;
  /** Give up on a request after this long. Default 20 000 ms. */
  timeoutMs?: number;
  /** The clock used for expiry status. Default `() => new Date()`. */
  now?: () => Date;
  /** A card counts as "expiring" this many days before its expiry. Default 60. */
  expiringWithinDays?: number;
}

export type GatewayMethod = 'GET' | 'POST' | 'DELETE';

export interface GatewayRequest {
  method: GatewayMethod;
  /** A path from `gatewayPaths`. */
  path: string;
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface GatewayClient {
  readonly baseUrl: string;
  readonly lang: GatewayLang | undefined;
  readonly now: () => Date;
  readonly expiringWithinDays: number;
  /**
   * Sends one request and resolves with the envelope's `data`. Rejects with a `GatewayError`, or
   * with the signal's reason when the caller aborts.
   */
  request(request: GatewayRequest): Promise<unknown>;
}

/** The header the signing proxy requires on every call, as a same-origin (CSRF) marker. */
export { CSRF_HEADER, CSRF_HEADER_VALUE };

const DEFAULT_TIMEOUT_MS = 20_000;

function resolveUrl(baseUrl: string, path: string, query: GatewayRequest['query']): URL {
  const base = baseUrl.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base}${path}`, globalThis.location?.href);
  } catch {
    throw new TypeError(
      `createGatewayClient: baseUrl "${baseUrl}" is not a URL. Outside a browser page pass an absolute URL.`,
    );
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      url.searchParams.set(key, value);
    }
  }
  return url;
}

/** Creates the thin fetch adapter every `@savedcards/core` call goes through. */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const {
    baseUrl,
    headers,
    credentials = 'same-origin',
    lang,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    now = () => new Date(),
    expiringWithinDays = 60,
  } = options;
  if (typeof baseUrl !== 'string' || baseUrl === '') {
    throw new TypeError('createGatewayClient: `baseUrl` is required (e.g. "/api/wonder").');
  }

  async function request({ method, path, query, body, signal, ...rest }: GatewayRequest) {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const url = resolveUrl(baseUrl, path, query);
    const requestId = createRequestId();
    const where = `${method} ${url.pathname}`;
    const fail = (init: Omit<ConstructorParameters<typeof GatewayError>[0], 'requestId'>) =>
      new GatewayError({ ...init, requestId });

    const requestHeaders = new Headers(typeof headers === 'function' ? await headers() : headers);
    requestHeaders.set('Accept', 'application/json');
    requestHeaders.set('X-Request-ID', requestId);
    requestHeaders.set(CSRF_HEADER, CSRF_HEADER_VALUE);
    if (lang) {
      requestHeaders.set(LANG_HEADER, lang);
    }
    if (body !== undefined) {
      requestHeaders.set('Content-Type', 'application/json');
    }

    // Before the timer is set, so an already-aborted call leaves no timer behind.
    signal?.throwIfAborted();
    const controller = new AbortController();
    const limit = rest.timeoutMs ?? timeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limit);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    let status = 0;
    let raw: string;
    try {
      const response = await fetchImpl(url, {
        method,
        headers: requestHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials,
        signal: controller.signal,
      });
      status = response.status;
      raw = await response.text();
    } catch {
      if (timedOut) {
        throw fail({ kind: 'timeout', message: `${where} timed out after ${limit} ms`, status });
      }
      if (signal?.aborted) {
        throw signal.reason;
      }
      // The cause is not kept: some fetch implementations put the request (and its body) on it.
      throw fail({ kind: 'network', message: `${where} failed: no response from the server` });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }

    // One rule for every answer (`@savedcards/wire`): the proxy and the mock read them the same way.
    const reading = readEnvelope(status, parseJsonBody(raw));
    if (reading.ok) {
      return reading.data;
    }
    if (reading.failure === 'gateway') {
      throw fail({
        kind: 'gateway',
        status,
        code: reading.code,
        message: `${where} was refused by the gateway (${reading.code}${reading.message ? `: ${reading.message}` : ''})`,
      });
    }
    if (reading.failure === 'http') {
      throw fail({ kind: 'http', status, message: `${where} failed with HTTP ${status}` });
    }
    throw fail({
      kind: 'invalid-response',
      status,
      message:
        parseJsonBody(raw) === undefined
          ? `${where} returned a body that is not JSON`
          : `${where} returned an unknown response shape`,
    });
  }

  return { baseUrl, lang, now, expiringWithinDays, request };
}
