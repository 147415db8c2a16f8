import { randomUUID } from 'node:crypto';
import type { BodylessSignature, EnvelopeReading, WireProfile } from '@savedcards/wire';
import {
  CUSTOMER_FIELDS,
  ECHO_PATH,
  gatewayPaths,
  isRecord,
  parseJsonBody,
  parseWireProfile,
  readEnvelope,
  redactCardData,
} from '@savedcards/wire';
import type { UpstreamTarget } from './environments.js';
import { resolveBaseUrl } from './environments.js';
import { WonderRequestError } from './errors.js';
import type { PrivateKeyInput } from './keys.js';
import { checkAppId, loadPrivateKey } from './keys.js';
import { signRequest } from './signature.js';
import type { HttpTransport } from './transport.js';
import { createHttpTransport, replacedGlobalFetch } from './transport.js';

/** Default `maxResponseBytes`: far more than any customer or token list answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

/** The body as text, or `undefined` once it passes `max` bytes (the rest is not read). */
async function readBounded(response: Response, max: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('Content-Length') ?? '0');
  if (Number.isFinite(declared) && declared > max) {
    response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Not awaited: the rest is dropped with the connection (the call's controller aborts it).
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** How to reach and sign for Wonder. */
export interface WonderConnectionOptions extends UpstreamTarget {
  /** The AppID Wonder issued for your uploaded public key. */
  appId: string;
  /** Your RSA private key: PEM string, `{ file }` or `KeyObject`. Read and checked once. */
  privateKey: PrivateKeyInput;
  /**
   * A `fetch` to use. Default: Node's own HTTP client over a keep-alive agent, or the global
   * `fetch` when something replaced it after this package loaded (msw, a test stub), looked up at
   * call time.
   */
  fetch?: typeof fetch;
  /** Give up on a gateway call after this long. Default 15 000 ms. */
  timeoutMs?: number;
  /** Largest answer read from Wonder; a larger one is a failure (the proxy answers 502). Default 256 KiB. */
  maxResponseBytes?: number;
  /**
   * The gateway's answers to the open wire points (issue 17), as `savedcards-conformance` wrote
   * them (`loadWireProfile(path)`): checked at creation. The client signs bodyless requests by it;
   * the proxy also applies its upstream forms. Default: none (this project's inferred defaults).
   */
  wireProfile?: WireProfile;
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
  /** Sign a bodyless request this way for this call (the conformance probe); default: the profile's. */
  bodylessSignature?: BodylessSignature;
}

/** What came back: a response (any status), or why none did. */
export type WonderCallResult =
  | {
      kind: 'response';
      status: number;
      /** Raw body text. */
      text: string;
      /** Parsed JSON, or `undefined` when the body is empty or not JSON. */
      json: unknown;
      /** The answer read by the one envelope rule (`readEnvelope(status, json)` of @savedcards/wire). */
      envelope: EnvelopeReading;
      requestId: string;
      durationMs: number;
    }
  | {
      kind: 'timeout' | 'network' | 'aborted' | 'too-large';
      requestId: string;
      durationMs: number;
    };

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
  /** The wire profile the client was created with, checked; `undefined` for the defaults. */
  readonly wireProfile: WireProfile | undefined;
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
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw new TypeError(`${WHO}: \`maxResponseBytes\` must be a positive integer.`);
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`${WHO}: \`timeoutMs\` must be a positive number.`);
  }
  let wireProfile: WireProfile | undefined;
  try {
    wireProfile =
      options.wireProfile === undefined ? undefined : parseWireProfile(options.wireProfile);
  } catch (error) {
    throw new TypeError(`${WHO}: \`wireProfile\`: ${(error as Error).message}`);
  }

  let transport: HttpTransport | undefined;

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
        bodylessSignature: request.bodylessSignature ?? wireProfile?.bodylessSignature ?? 'nothing',
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
    const fetchImpl = options.fetch ?? replacedGlobalFetch();
    try {
      let status: number;
      let text: string | undefined;
      if (fetchImpl) {
        const response = await fetchImpl(url, {
          method: request.method,
          headers,
          ...(body === '' ? {} : { body }),
          signal: controller.signal,
          redirect: 'manual',
        });
        status = response.status;
        text = await readBounded(response, maxResponseBytes);
      } else {
        transport ??= createHttpTransport();
        ({ status, text } = await transport(url, {
          method: request.method,
          headers,
          body,
          maxBytes: maxResponseBytes,
          signal: controller.signal,
        }));
      }
      if (text === undefined) {
        controller.abort();
        return { kind: 'too-large', requestId, durationMs: elapsed() };
      }
      const json = parseJsonBody(text);
      return {
        kind: 'response',
        status,
        text,
        json,
        envelope: readEnvelope(status, json),
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
    if (result.kind === 'too-large') {
      return new WonderRequestError({
        kind: 'invalid-response',
        requestId,
        message: `${what}: Wonder Gateway answered with more than ${maxResponseBytes} bytes.`,
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
    if (envelope.ok) {
      // Not reached: callers only ask for a failure when the answer was not a success.
      return new WonderRequestError({
        kind: 'invalid-response',
        status,
        requestId,
        message: `${what}: Wonder Gateway answered without the expected data.`,
      });
    }
    if (envelope.failure === 'gateway') {
      const hint =
        status === 401 || status === 403
          ? ' The signature was refused: check that the AppID belongs to the public key uploaded to Wonder, that the private key is its pair, and that the server clock is right.'
          : '';
      return new WonderRequestError({
        kind: 'gateway',
        status,
        code: envelope.code,
        requestId,
        message: redactCardData(
          `${what}: Wonder Gateway answered HTTP ${status} ${envelope.code}${envelope.message ? `: ${envelope.message}` : ''}.${hint}`,
        ),
      });
    }
    if (envelope.failure === 'http') {
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
    result.kind === 'response' && result.envelope.ok;

  async function ensureCustomer(profile: CustomerProfile): Promise<string> {
    const customer = customerBody(profile);
    const result = await call({
      method: 'POST',
      path: gatewayPaths.customers(),
      body: JSON.stringify({ customer }),
    });
    if (!isOk(result)) throw failure(result, 'ensureCustomer');
    const data = result.envelope.ok ? result.envelope.data : undefined;
    const uuid = isRecord(data) && isRecord(data.customer) ? data.customer.uuid : undefined;
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
    const data = result.envelope.ok ? result.envelope.data : undefined;
    const echoed = isRecord(data) && 'message' in data ? data.message : data;
    return typeof echoed === 'string' ? echoed : JSON.stringify(echoed ?? null);
  }

  return { baseUrl, appId, timeoutMs, wireProfile, call, ensureCustomer, echo };
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
  // Wire names from @savedcards/wire's CUSTOMER_FIELDS; a profile has no default card fields.
  const body: Record<string, string> = {};
  for (const [wire, domain] of Object.entries(CUSTOMER_FIELDS)) {
    const value = (profile as unknown as Record<string, unknown>)[domain];
    if (typeof value === 'string') body[wire] = value;
  }
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
