/**
 * Verification of Wonder-RSA-SHA256 request signatures (GATEWAY.md §2), the way Wonder's gateway
 * checks them, so the signing proxy can be tested against this mock end to end. WebCrypto only
 * (`globalThis.crypto.subtle`), so the package entry stays environment-neutral (Node 20+, browsers in
 * a secure context, service-worker pages).
 */
import type { BodylessSignature } from '@savedcards/wire';
import {
  DEFAULT_MAX_SKEW_MS,
  NONCE_PATTERN,
  parseCredential,
  parseRequestTime,
  preSignString,
  SIGNATURE_ALGORITHM,
} from '@savedcards/wire';
import { HttpResponse } from 'msw';
import type { GatewayEnvelope } from './envelope.js';
import { errorBody } from './envelope.js';
import { gatewayError } from './errors.js';

export { DEFAULT_MAX_SKEW_MS, SIGNATURE_ALGORITHM };

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
  /**
   * What a request without a body must be signed over: nothing (`'nothing'`, the default) or the
   * literal `[]` (`'empty-array'`); the other form is refused (a wire profile's `bodylessSignature`).
   */
  bodylessSignature?: BodylessSignature;
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

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const encoder = new TextEncoder();

/** Bytes as a fresh `ArrayBuffer` (avoids cross-realm `Uint8Array` problems in test environments). */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

export function utf8(text: string): ArrayBuffer {
  return toArrayBuffer(encoder.encode(text));
}

export function base64ToBuffer(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const buffer = new ArrayBuffer(binary.length);
  const view = new Uint8Array(buffer);
  for (let i = 0; i < binary.length; i++) view[i] = binary.charCodeAt(i);
  return buffer;
}

export function subtle(): SubtleCrypto {
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
 * `lowercase_hex(HMAC(HMAC(HMAC(Nonce, REQUEST_TIME), "Wonder-RSA-SHA256"), pre_sign))`: what the
 * RSA signature covers (also signed by the webhook emitter, `webhooks.ts`).
 */
export async function signatureMessage(
  nonce: string,
  requestTime: string,
  preSign: string,
): Promise<string> {
  const k1 = await hmac(utf8(nonce), requestTime);
  const k2 = await hmac(k1, SIGNATURE_ALGORITHM);
  return hex(await hmac(k2, preSign));
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
    bodylessSignature = 'nothing',
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
    const parts = parseCredential(credential);
    if (!parts) return fail('malformed-credential');
    const { appId: credentialAppId, requestTime } = parts;
    if (appId !== undefined && credentialAppId !== appId) {
      return fail('wrong-app-id', credentialAppId);
    }
    const time = parseRequestTime(requestTime);
    if (!time) return fail('malformed-credential', credentialAppId);
    if (Math.abs(now().getTime() - time.getTime()) > maxSkewMs) {
      return fail('stale-time', credentialAppId);
    }
    if (!NONCE_PATTERN.test(nonce)) return fail('malformed-nonce', credentialAppId);
    const compact = signature.trim();
    if (!BASE64.test(compact)) return fail('malformed-signature', credentialAppId);

    key ??= importPublicKey(options.publicKey);
    const publicKey = await key;
    const message = await signatureMessage(
      nonce,
      requestTime,
      preSignString(method, uri, body, bodylessSignature),
    );
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
