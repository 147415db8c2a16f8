import type { WebhookAction } from '@savedcards/wire';
import {
  NONCE_PATTERN,
  parseCredential,
  parseRequestTime,
  SIGNATURE_ALGORITHM,
  WEBHOOK_ACTIONS,
} from '@savedcards/wire';
import type { KeyObject } from 'node:crypto';
import { createHmac, verify } from 'node:crypto';
import type { PublicKeyInput } from './keys.js';
import { loadPublicKey } from './keys.js';
import type { WebhookNonceStore } from './webhookNonceStore.js';
import { createMemoryWebhookNonceStore } from './webhookNonceStore.js';

// TYPES

/** Why a webhook was refused. */
export type WebhookRefusalReason =
  /** `Credential`, `Nonce`, `Signature` or `X-Action` is absent. */
  | 'missing_headers'
  /** `Credential` is not `{AppID}/{yyyyMMddHHmmss}/Wonder-RSA-SHA256`, or `Nonce` not 16 of `[0-9a-zA-Z]`. */
  | 'bad_credential'
  /** The time in `Credential` is further from the clock than the tolerance. */
  | 'stale'
  /** The body is larger than `maxBodyBytes`. */
  | 'too_large'
  /** The signature does not verify with the Webhook Public Key over these exact bytes. */
  | 'bad_signature'
  /** The nonce was accepted before, within the tolerance window. */
  | 'replayed'
  /** Signed, but not a JSON object in UTF-8 (or the body could not be read to its end). */
  | 'malformed_body';

/** One transaction of the order, read tolerantly (Wonder's fields beyond these pass through). */
export interface WonderWebhookTransaction {
  uuid?: string;
  [field: string]: unknown;
}

/** A verified webhook. */
export interface WonderWebhookEvent {
  /** `X-Action`: one of `WEBHOOK_ACTIONS`, or whatever new action Wonder sends. Not signed. */
  action: WebhookAction | (string & {});
  /** Whether `action` is one of `WEBHOOK_ACTIONS`. */
  knownAction: boolean;
  /** `data.order.reference_number`: your order at Wonder. */
  referenceNumber: string | undefined;
  /** `data.order.correspondence_state`, e.g. `paid` or `unpaid` (signed, unlike `action`). */
  correspondenceState: string | undefined;
  /** `data.transactions` (or `data.order.transactions`); empty when absent. */
  transactions: WonderWebhookTransaction[];
  /** The order object as sent, `{}` when absent. */
  order: Record<string, unknown>;
  /** The whole parsed body. */
  payload: Record<string, unknown>;
  /** The AppID in `Credential` (Wonder's, not yours). */
  appId: string;
  /** The time Wonder signed it (from `Credential`). */
  signedAt: Date;
  /** The `Nonce` header: unique per delivery. */
  nonce: string;
}

export type WebhookVerification =
  | { ok: true; event: WonderWebhookEvent }
  | { ok: false; reason: WebhookRefusalReason };

/** A webhook taken apart already (when you do not have a Fetch `Request`). */
export interface WebhookRequestParts {
  method: string;
  /** Path and query as Wonder sent them, e.g. `/wonder/webhook`. */
  path: string;
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The raw body exactly as received: bytes, or a string that is those bytes decoded as UTF-8. */
  body: Uint8Array | string;
}

export interface VerifyWonderWebhookOptions {
  /** Wonder's "Webhook Public Key" (PEM string, `{ file }` or `KeyObject`), from the dashboard. */
  publicKey: PublicKeyInput;
  /** The clock. Default: now. */
  now?: () => Date;
  /** How far `Credential`'s time may be from the clock. Default 300 (5 minutes). */
  toleranceSeconds?: number;
  /**
   * Where accepted nonces are remembered (for `tolerance × 2`). Default: one in-memory store shared
   * by every call that passes none.
   */
  nonceStore?: WebhookNonceStore;
  /** Larger bodies are refused (`too_large`) without being read whole. Default 262 144 (256 KiB). */
  maxBodyBytes?: number;
  /**
   * The path Wonder signed, when it is not the `Request`'s (a reverse proxy rewrote it). Default:
   * the `Request` URL's path and query.
   */
  path?: string;
}

/** Default `toleranceSeconds`. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;
/** Default `maxBodyBytes`: 256 KiB. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

// VERIFY

let sharedNonceStore: WebhookNonceStore | undefined;

function defaultNonceStore(): WebhookNonceStore {
  if (!sharedNonceStore) sharedNonceStore = createMemoryWebhookNonceStore();
  return sharedNonceStore;
}

/**
 * Verifies a webhook from Wonder (GATEWAY.md §2, §8): signed like an API request (Wonder-RSA-SHA256)
 * but with Wonder's key, over `POST\n{path}\n{raw body}`. Checks, in order: the headers are there,
 * `Credential` and `Nonce` are well formed, the time is within the tolerance, the body fits, the
 * signature verifies over the raw bytes, the body is a JSON object, and the nonce is new (claimed
 * last, so only a verified webhook uses up a nonce). Never throws for a bad webhook; throws a
 * `TypeError` for a bad `publicKey`, and whatever the nonce store throws.
 *
 * *(inferred)* The signed URI is the path (and query) of your webhook URL, as for API requests.
 */
export async function verifyWonderWebhook(
  request: Request | WebhookRequestParts,
  options: VerifyWonderWebhookOptions,
): Promise<WebhookVerification> {
  const key = loadPublicKey(options.publicKey);
  const toleranceMs = toleranceOf(options.toleranceSeconds) * 1000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const headers =
    request instanceof Request
      ? request.headers
      : toHeaders((request as WebhookRequestParts).headers);

  const credential = headers.get('Credential');
  const nonce = headers.get('Nonce');
  const signature = headers.get('Signature');
  const action = headers.get('X-Action');
  if (!credential || !nonce || !signature || !action) return refuse('missing_headers');

  const parts = parseCredential(credential);
  const signedAt = parts ? parseRequestTime(parts.requestTime) : undefined;
  if (!parts || !signedAt || !NONCE_PATTERN.test(nonce)) return refuse('bad_credential');

  const now = (options.now ?? (() => new Date()))().getTime();
  if (Math.abs(now - signedAt.getTime()) > toleranceMs) return refuse('stale');

  const body =
    request instanceof Request
      ? await readLimited(request, maxBodyBytes)
      : toBytes((request as WebhookRequestParts).body, maxBodyBytes);
  if (!body) return refuse('too_large');
  if (body === 'unreadable') return refuse('malformed_body');

  const method = request.method;
  const path = options.path ?? (request instanceof Request ? pathOf(request.url) : request.path);
  const message = messageOverBytes(nonce, parts.requestTime, method, path, body);
  if (!verifyBase64(key, message, signature)) return refuse('bad_signature');

  const payload = parseObject(body);
  if (!payload) return refuse('malformed_body');

  const store = options.nonceStore ?? defaultNonceStore();
  if (!(await store.claim(nonce, toleranceMs * 2))) return refuse('replayed');

  return { ok: true, event: toEvent(action, payload, parts.appId, signedAt, nonce) };
}

// HELPERS

function refuse(reason: WebhookRefusalReason): WebhookVerification {
  return { ok: false, reason };
}

function toleranceOf(seconds: number | undefined): number {
  const value = seconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError('@savedcards/server: `toleranceSeconds` must be a positive number.');
  }
  return value;
}

function toHeaders(input: WebhookRequestParts['headers']): Headers {
  if (input instanceof Headers) return input;
  const headers = new Headers();
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

function toBytes(body: Uint8Array | string, max: number): Uint8Array | undefined {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return bytes.byteLength > max ? undefined : bytes;
}

/** The body's bytes, or `undefined` as soon as it passes `max` (the rest is never read). */
async function readLimited(
  request: Request,
  max: number,
): Promise<Uint8Array | 'unreadable' | undefined> {
  const declared = Number(request.headers.get('Content-Length') ?? Number.NaN);
  if (declared > max) return undefined;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The sender went away mid-body: nothing that could verify.
      return 'unreadable';
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * `signatureMessage` over bytes: `lowercase_hex(HMAC_SHA256(k2, METHOD\nPATH[\nBODY]))`, with the
 * body fed as received, so no decoding can change what is checked.
 */
function messageOverBytes(
  nonce: string,
  requestTime: string,
  method: string,
  path: string,
  body: Uint8Array,
): string {
  const k1 = createHmac('sha256', nonce).update(requestTime, 'utf8').digest();
  const k2 = createHmac('sha256', k1).update(SIGNATURE_ALGORITHM, 'utf8').digest();
  const hmac = createHmac('sha256', k2).update(`${method.toUpperCase()}\n${path}`, 'utf8');
  if (body.byteLength > 0) hmac.update('\n', 'utf8').update(body);
  return hmac.digest('hex');
}

function verifyBase64(key: KeyObject, message: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  // Buffer.from(…, 'base64') skips junk characters: insist the signature round-trips.
  if (bytes.byteLength === 0 || bytes.toString('base64') !== signature.replace(/\s+/g, '')) {
    return false;
  }
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), key, bytes);
  } catch {
    return false;
  }
}

function parseObject(body: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(value: Record<string, unknown>, key: string): string | undefined {
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(WEBHOOK_ACTIONS);

/** Reads the payload like the order-status answer: `data.order`, `data.transactions` (or unwrapped). */
function toEvent(
  action: string,
  payload: Record<string, unknown>,
  appId: string,
  signedAt: Date,
  nonce: string,
): WonderWebhookEvent {
  const data = isObject(payload.data) ? payload.data : payload;
  const order = isObject(data.order) ? data.order : {};
  const list = Array.isArray(data.transactions)
    ? data.transactions
    : Array.isArray(order.transactions)
      ? order.transactions
      : [];
  const transactions = list.filter(isObject) as WonderWebhookTransaction[];
  return {
    action,
    knownAction: KNOWN_ACTIONS.has(action),
    referenceNumber: stringAt(order, 'reference_number'),
    correspondenceState: stringAt(order, 'correspondence_state'),
    transactions,
    order,
    payload,
    appId,
    signedAt,
    nonce,
  };
}
