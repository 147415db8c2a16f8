import { randomUUID } from 'node:crypto';
import type { ReadEnvelope } from './envelope.js';
import { readEnvelope } from './envelope.js';
import type { UpstreamTarget } from './environments.js';
import { ECHO_PATH, OPENAPI_PREFIX, resolveBaseUrl } from './environments.js';
import { WonderRequestError } from './errors.js';
import type { PrivateKeyInput } from './keys.js';
import { checkAppId, loadPrivateKey } from './keys.js';
import { redact } from './redact.js';
import { signRequest } from './signature.js';

/** How to reach and sign for Wonder. */
export interface WonderConnectionOptions extends UpstreamTarget {
  /** The AppID Wonder issued for your uploaded public key. */
  appId: string;
  /** Your RSA private key: PEM string, `{ file }` or `KeyObject`. Read and checked once. */
  privateKey: PrivateKeyInput;
  /** A `fetch` to use. Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Give up on a gateway call after this long. Default 15 000 ms. */
  timeoutMs?: number;
}

export type WonderMethod = 'GET' | 'POST' | 'DELETE';

export interface WonderCall {
  method: WonderMethod;
  /** Path (and query) below the base URL, e.g. `/svc/payment/api/v1/openapi/customers`. */
  path: string;
  /** The exact JSON text to send (and sign). */
  body?: string;
  requestId?: string;
  /** `x-i18n-lang`: `en`, `zh-HK` or `zh-CN`. */
  lang?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What came back: a response (any status), or why none did. */
export type WonderCallResult =
  | {
      kind: 'response';
      status: number;
      /** Raw body text. */
      text: string;
      /** Parsed JSON, or `undefined` when the body is not JSON. */
      json: unknown;
      envelope: ReadEnvelope | undefined;
      requestId: string;
      durationMs: number;
    }
  | { kind: 'timeout' | 'network' | 'aborted'; requestId: string; durationMs: number };

/** A customer's profile, for `ensureCustomer` (GATEWAY.md §4: name, phone, reference number required). */
export interface CustomerProfile {
  /** Your own id for the customer; Wonder's upsert is idempotent on it. */
  referenceNumber: string;
  name: string;
  phone: string;
  email?: string;
  /** E.g. `+852`. */
  dialCode?: string;
  companyName?: string;
}

export interface WonderClient {
  readonly baseUrl: string;
  readonly appId: string;
  readonly timeoutMs: number;
  /** Signs and sends one request. Never throws for HTTP errors, timeouts or network failures. */
  call(call: WonderCall): Promise<WonderCallResult>;
  /** Creates or updates the customer (idempotent on `referenceNumber`) and returns its uuid. */
  ensureCustomer(profile: CustomerProfile): Promise<string>;
  /** Wonder's signature self-test; resolves with the echoed message. */
  echo(message?: string): Promise<string>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const WHO = '@savedcards/server';

/** A signed client for Wonder Gateway, for server-side calls. Checks the AppID and key at once. */
export function createWonderClient(options: WonderConnectionOptions): WonderClient {
  const appId = checkAppId(options.appId, WHO);
  const privateKey = loadPrivateKey(options.privateKey, WHO);
  const baseUrl = resolveBaseUrl(options, WHO);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`${WHO}: \`timeoutMs\` must be a positive number.`);
  }

  async function call(request: WonderCall): Promise<WonderCallResult> {
    const started = performance.now();
    const requestId = request.requestId ?? randomUUID();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(`${baseUrl}${request.path}`);
    const body = request.body ?? '';
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Request-ID': requestId,
      ...signRequest({
        appId,
        privateKey,
        method: request.method,
        uri: `${url.pathname}${url.search}`,
        body,
      }),
    };
    if (request.lang) headers['x-i18n-lang'] = request.lang;

    const controller = new AbortController();
    let timedOut = false;
    const limit = request.timeoutMs ?? timeoutMs;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limit);
    const onAbort = () => controller.abort();
    if (request.signal?.aborted) controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const fetchImpl = options.fetch ?? globalThis.fetch;
    try {
      const response = await fetchImpl(url, {
        method: request.method,
        headers,
        ...(body === '' ? {} : { body }),
        signal: controller.signal,
        redirect: 'manual',
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return {
        kind: 'response',
        status: response.status,
        text,
        json,
        envelope: readEnvelope(json),
        requestId,
        durationMs: elapsed(),
      };
    } catch {
      // The error is not kept: some fetch implementations put the request (and its body) on it.
      const kind = timedOut ? 'timeout' : request.signal?.aborted ? 'aborted' : 'network';
      return { kind, requestId, durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  function failure(result: WonderCallResult, what: string): WonderRequestError {
    const { requestId } = result;
    if (result.kind === 'timeout') {
      return new WonderRequestError({
        kind: 'timeout',
        requestId,
        message: `${what}: Wonder Gateway did not answer within ${timeoutMs} ms.`,
      });
    }
    if (result.kind !== 'response') {
      return new WonderRequestError({
        kind: 'network',
        requestId,
        message: `${what}: could not reach Wonder Gateway at ${baseUrl}.`,
      });
    }
    const { status, envelope } = result;
    if (envelope && !envelope.ok) {
      const hint =
        status === 401 || status === 403
          ? ' The signature was refused: check that the AppID belongs to the public key uploaded to Wonder, that the private key is its pair, and that the server clock is right.'
          : '';
      return new WonderRequestError({
        kind: 'gateway',
        status,
        code: envelope.code,
        requestId,
        message: redact(
          `${what}: Wonder Gateway answered HTTP ${status} ${envelope.code}${envelope.message ? `: ${envelope.message}` : ''}.${hint}`,
        ),
      });
    }
    if (status < 200 || status >= 300) {
      return new WonderRequestError({
        kind: 'http',
        status,
        requestId,
        message: `${what}: Wonder Gateway answered HTTP ${status}.`,
      });
    }
    return new WonderRequestError({
      kind: 'invalid-response',
      status,
      requestId,
      message: `${what}: Wonder Gateway answered with an unexpected body.`,
    });
  }

  const isOk = (
    result: WonderCallResult,
  ): result is Extract<WonderCallResult, { kind: 'response' }> =>
    result.kind === 'response' &&
    result.status >= 200 &&
    result.status < 300 &&
    result.envelope?.ok === true;

  async function ensureCustomer(profile: CustomerProfile): Promise<string> {
    const customer = customerBody(profile);
    const result = await call({
      method: 'POST',
      path: `${OPENAPI_PREFIX}/customers`,
      body: JSON.stringify({ customer }),
    });
    if (!isOk(result)) throw failure(result, 'ensureCustomer');
    const data = result.envelope?.data;
    const uuid =
      typeof data === 'object' && data !== null && 'customer' in data
        ? (data.customer as { uuid?: unknown } | null)?.uuid
        : undefined;
    if (typeof uuid !== 'string' || uuid === '') {
      throw new WonderRequestError({
        kind: 'invalid-response',
        status: result.status,
        requestId: result.requestId,
        message: 'ensureCustomer: Wonder Gateway answered without data.customer.uuid.',
      });
    }
    return uuid;
  }

  async function echo(message = 'Hello,Wonder!'): Promise<string> {
    const result = await call({
      method: 'POST',
      path: ECHO_PATH,
      body: JSON.stringify({ message }),
    });
    if (!isOk(result)) throw failure(result, 'echo');
    const data = result.envelope?.data;
    const echoed =
      typeof data === 'object' && data !== null && 'message' in data ? data.message : data;
    return typeof echoed === 'string' ? echoed : JSON.stringify(echoed ?? null);
  }

  return { baseUrl, appId, timeoutMs, call, ensureCustomer, echo };
}

function customerBody(profile: CustomerProfile): Record<string, string> {
  if (typeof profile !== 'object' || profile === null) {
    throw new TypeError(`${WHO}: ensureCustomer needs a profile object.`);
  }
  for (const field of ['referenceNumber', 'name', 'phone'] as const) {
    if (typeof profile[field] !== 'string' || profile[field].trim() === '') {
      throw new TypeError(`${WHO}: ensureCustomer: \`${field}\` is required.`);
    }
  }
  const body: Record<string, string> = {
    reference_number: profile.referenceNumber,
    name: profile.name,
    phone: profile.phone,
  };
  if (profile.email !== undefined) body.email = profile.email;
  if (profile.dialCode !== undefined) body.dial_code = profile.dialCode;
  if (profile.companyName !== undefined) body.company_name = profile.companyName;
  return body;
}

/**
 * Creates or updates the customer with this reference number (Wonder's upsert is idempotent on it)
 * and returns its uuid: call it when the merchant's page renders, and hand the uuid to
 * `SavedCardsProvider` (and keep it in the session for `resolveCustomer`).
 */
export function ensureCustomer(
  options: WonderConnectionOptions | WonderClient,
  profile: CustomerProfile,
): Promise<string> {
  const client = 'ensureCustomer' in options ? options : createWonderClient(options);
  return client.ensureCustomer(profile);
}
