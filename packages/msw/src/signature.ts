/**
 * Verification of Wonder-RSA-SHA256 request signatures (GATEWAY.md §2), the way Wonder's gateway
 * checks them, so the signing proxy can be tested against this mock end to end. WebCrypto only
 * (`globalThis.crypto.subtle`), so the package entry stays environment-neutral (Node 20+, browsers in
 * a secure context, service-worker pages).
 */
import { HttpResponse } from 'msw';
import type { GatewayEnvelope } from './envelope.js';
import { errorBody } from './envelope.js';
import { gatewayError } from './errors.js';

/** The one algorithm Wonder documents; the last part of `Credential`. */
export const SIGNATURE_ALGORITHM = 'Wonder-RSA-SHA256';

/** Wonder rejects requests more than 30 minutes off (GATEWAY.md §2). */
export const DEFAULT_MAX_SKEW_MS = 30 * 60 * 1000;

export interface VerifySignatureOptions {
  /** The merchant's RSA public key: PEM, SPKI (`-----BEGIN PUBLIC KEY-----`). */
  publicKey: string;
  /** When set, the AppID in `Credential` must be exactly this. */
  appId?: string;
  /** How far `REQUEST_TIME` may be from `now()`, either way. Default 30 minutes. */
  maxSkewMs?: number;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Called once per checked request (counters in tests and demos). */
  onResult?: (result: SignatureCheck) => void;
  /**
   * Refuse a second request with a `Nonce` already used with a good signature inside the skew
   * window (a replay). Default true: the signing proxy makes a fresh nonce for every request.
   */
  rejectReplays?: boolean;
}

/** Why a signature was refused. */
export type SignatureFailure =
  | 'missing-headers'
  | 'malformed-credential'
  | 'wrong-app-id'
  | 'stale-time'
  | 'malformed-nonce'
  | 'malformed-signature'
  | 'bad-signature'
  | 'replayed-nonce';

export interface SignatureCheck {
  ok: boolean;
  /** Set when `ok` is false. */
  reason?: SignatureFailure;
  method: string;
  /** Path and query, as signed. */
  uri: string;
  /** The AppID from `Credential`, when it could be read. */
  appId?: string;
}

/** Human-readable messages for the 401 answer. They never repeat request data. */
export const SIGNATURE_FAILURE_MESSAGES: Readonly<Record<SignatureFailure, string>> = {
  'missing-headers': 'Invalid Credential Format.',
  'malformed-credential': 'Invalid Credential Format.',
  'wrong-app-id': 'Unknown AppID.',
  'stale-time': 'Request time is more than the allowed skew away from the server time.',
  'malformed-nonce': 'Invalid Nonce.',
  'malformed-signature': 'Invalid Signature.',
  'bad-signature': 'Signature verification failed.',
  'replayed-nonce': 'Nonce already used.',
};

const CREDENTIAL = /^(.+)\/(\d{14})\/([A-Za-z0-9-]+)$/;
const NONCE = /^[0-9A-Za-z]{16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const encoder = new TextEncoder();

/** Bytes as a fresh `ArrayBuffer` (avoids cross-realm `Uint8Array` problems in test environments). */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

function utf8(text: string): ArrayBuffer {
  return toArrayBuffer(encoder.encode(text));
}

function base64ToBuffer(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const buffer = new ArrayBuffer(binary.length);
  const view = new Uint8Array(buffer);
  for (let i = 0; i < binary.length; i++) view[i] = binary.charCodeAt(i);
  return buffer;
}

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) {
    throw new Error(
      '@savedcards/msw: verifySignature needs WebCrypto (crypto.subtle): Node 20+, or a browser page in a secure context.',
    );
  }
  return api;
}

/** Imports an SPKI PEM public key for RSASSA-PKCS1-v1_5 with SHA-256. */
async function importPublicKey(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
  if (!match?.[1]) {
    throw new Error(
      '@savedcards/msw: verifySignature.publicKey must be a PEM SPKI public key (-----BEGIN PUBLIC KEY-----).',
    );
  }
  const der = base64ToBuffer(match[1].replace(/\s+/g, ''));
  return subtle().importKey('spki', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'verify',
  ]);
}

async function hmac(key: ArrayBuffer, message: string): Promise<ArrayBuffer> {
  const cryptoKey = await subtle().importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return subtle().sign('HMAC', cryptoKey, utf8(message));
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The string Wonder's signature covers: `UPPER(method) + "\n" + uri [+ "\n" + body]`, the body only
 * when it is not empty.
 */
export function preSignString(method: string, uri: string, body: string): string {
  const head = `${method.toUpperCase()}\n${uri}`;
  return body === '' ? head : `${head}\n${body}`;
}

/** `lowercase_hex(HMAC(HMAC(HMAC(Nonce, REQUEST_TIME), "Wonder-RSA-SHA256"), pre_sign))`. */
async function signatureMessage(
  nonce: string,
  requestTime: string,
  preSign: string,
): Promise<string> {
  const k1 = await hmac(utf8(nonce), requestTime);
  const k2 = await hmac(k1, SIGNATURE_ALGORITHM);
  return hex(await hmac(k2, preSign));
}

/** `yyyyMMddHHmmss` (UTC) to a time, or `undefined` when it is not a real date. */
export function parseRequestTime(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrips =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return roundTrips ? date : undefined;
}

export interface SignedRequestParts {
  method: string;
  /** Path and query of the request as sent (`url.pathname + url.search`). */
  uri: string;
  /** The body exactly as sent; `''` for none. */
  body: string;
  credential: string | null;
  nonce: string | null;
  signature: string | null;
}

export type SignatureVerifier = (parts: SignedRequestParts) => Promise<SignatureCheck>;

/**
 * A verifier bound to one public key and clock. The key is imported once, on first use; a key that
 * cannot be imported rejects every call with an error naming the option.
 */
export function createSignatureVerifier(options: VerifySignatureOptions): SignatureVerifier {
  const {
    appId,
    maxSkewMs = DEFAULT_MAX_SKEW_MS,
    now = () => new Date(),
    rejectReplays = true,
  } = options;
  let key: Promise<CryptoKey> | undefined;
  // A request time may be up to the skew ahead of the clock, so a nonce could come back as late as
  // twice the skew after first use without looking stale.
  const seen = createNonceMemory(2 * maxSkewMs);

  return async ({ method, uri, body, credential, nonce, signature }) => {
    const base = { method: method.toUpperCase(), uri };
    const fail = (reason: SignatureFailure, credentialAppId?: string): SignatureCheck => ({
      ok: false,
      reason,
      ...base,
      ...(credentialAppId === undefined ? {} : { appId: credentialAppId }),
    });
    if (!credential || !nonce || !signature) return fail('missing-headers');
    const parts = CREDENTIAL.exec(credential.trim());
    if (!parts?.[1] || !parts[2] || parts[3] !== SIGNATURE_ALGORITHM) {
      return fail('malformed-credential');
    }
    const credentialAppId = parts[1];
    const requestTime = parts[2];
    if (appId !== undefined && credentialAppId !== appId) {
      return fail('wrong-app-id', credentialAppId);
    }
    const time = parseRequestTime(requestTime);
    if (!time) return fail('malformed-credential', credentialAppId);
    if (Math.abs(now().getTime() - time.getTime()) > maxSkewMs) {
      return fail('stale-time', credentialAppId);
    }
    if (!NONCE.test(nonce)) return fail('malformed-nonce', credentialAppId);
    const compact = signature.trim();
    if (!BASE64.test(compact)) return fail('malformed-signature', credentialAppId);

    key ??= importPublicKey(options.publicKey);
    const publicKey = await key;
    const message = await signatureMessage(nonce, requestTime, preSignString(method, uri, body));
    const valid = await subtle().verify(
      'RSASSA-PKCS1-v1_5',
      publicKey,
      base64ToBuffer(compact),
      utf8(message),
    );
    if (!valid) return fail('bad-signature', credentialAppId);
    // Only a good signature uses up its nonce, so forged requests cannot block a real one.
    if (rejectReplays && !seen.add(`${credentialAppId}/${nonce}`, now())) {
      return fail('replayed-nonce', credentialAppId);
    }
    return { ok: true, ...base, appId: credentialAppId };
  };
}

/**
 * The nonces used in the last `windowMs`: a replay after that is refused as stale anyway, so older
 * nonces are forgotten (memory stays bounded by the request rate times the window).
 */
function createNonceMemory(windowMs: number) {
  const usedAt = new Map<string, number>();
  const forgetOld = (at: number) => {
    // Insertion order is time order: stop at the first nonce still inside the window.
    for (const [nonce, time] of usedAt) {
      if (at - time <= windowMs) break;
      usedAt.delete(nonce);
    }
  };
  return {
    /** False when the nonce was already used inside the window. */
    add(nonce: string, at: Date) {
      forgetOld(at.getTime());
      if (usedAt.has(nonce)) return false;
      usedAt.set(nonce, at.getTime());
      return true;
    },
  };
}

/** Reads the signed parts of a request without consuming its body. */
async function readSignedParts(request: Request): Promise<SignedRequestParts> {
  const url = new URL(request.url);
  const body = request.body === null ? '' : await request.clone().text();
  return {
    method: request.method,
    uri: `${url.pathname}${url.search}`,
    body,
    credential: request.headers.get('Credential'),
    nonce: request.headers.get('Nonce'),
    signature: request.headers.get('Signature'),
  };
}

/**
 * What the handlers call first when `verifySignature` is on: `undefined` for a good signature, else
 * the gateway's 401 answer (`E000002`) in the scenario's envelope. Reports every check to `onResult`.
 */
export function createSignatureGuard(
  options: VerifySignatureOptions,
  envelope: GatewayEnvelope,
): (request: Request) => Promise<Response | undefined> {
  const verify = createSignatureVerifier(options);
  return async (request) => {
    const result = await verify(await readSignedParts(request));
    options.onResult?.(result);
    if (result.ok) return undefined;
    const error = gatewayError(
      'invalidCredential',
      SIGNATURE_FAILURE_MESSAGES[result.reason ?? 'bad-signature'],
    );
    return HttpResponse.json(errorBody(envelope, error), { status: error.status });
  };
}
