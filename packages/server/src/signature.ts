import type { BodylessSignature } from '@savedcards/wire';
import {
  formatCredential,
  formatRequestTime,
  NONCE_PATTERN,
  parseCredential,
  preSignString,
  SIGNATURE_ALGORITHM,
} from '@savedcards/wire';
import type { KeyObject } from 'node:crypto';
import { createHmac, randomBytes, sign, verify } from 'node:crypto';
import type { PrivateKeyInput, PublicKeyInput } from './keys.js';
import { checkAppId, loadPrivateKey, loadPublicKey } from './keys.js';

export { formatRequestTime, preSignString, SIGNATURE_ALGORITHM };

/** The three headers Wonder checks on every request. */
export interface SignatureHeaders {
  /** `{AppID}/{REQUEST_TIME}/Wonder-RSA-SHA256`, REQUEST_TIME = UTC `yyyyMMddHHmmss`. */
  Credential: string;
  /** 16 random characters from `[0-9a-zA-Z]`. */
  Nonce: string;
  /** base64 RSA-PKCS1-v1_5-SHA256 signature of the HMAC message. */
  Signature: string;
}

export interface SignRequestInput {
  appId: string;
  privateKey: PrivateKeyInput;
  /** HTTP method; upper-cased for signing. */
  method: string;
  /** Path and query exactly as sent, e.g. `/svc/payment/api/v1/openapi/customers?x=1`. */
  uri: string;
  /** The body exactly as sent (byte-identical); omit or `''` for none. */
  body?: string;
  /** Signing time. Default: now. */
  now?: Date;
  /** Default: 16 characters from a CSPRNG. */
  nonce?: string;
  /** What a request without a body is signed over: nothing (default) or `[]` (a wire profile's choice). */
  bodylessSignature?: BodylessSignature;
}

const NONCE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

// CSPRNG bytes for nonces, drawn 4 KiB at a time (as Node's own `randomUUID` caches its entropy)
// instead of one `randomBytes` call per nonce (issue 15). A nonce is public: it is sent as a header.
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function randomByte(): number {
  if (randomOffset >= randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  const byte = randomPool.readUInt8(randomOffset);
  randomOffset += 1;
  return byte;
}

/**
 * 16 characters from `[0-9a-zA-Z]`, uniformly: bytes ≥ 248 are rejected so that `byte % 62` stays
 * uniform. The bytes come from a pool of `randomBytes`, not from 16 `randomInt` calls.
 */
export function createNonce(): string {
  let nonce = '';
  while (nonce.length < 16) {
    const byte = randomByte();
    if (byte >= 248) continue; // 248 = 4 × 62
    nonce += NONCE_ALPHABET[byte % 62];
  }
  return nonce;
}

/**
 * The message that is RSA-signed: `lowercase_hex(HMAC_SHA256(k2, pre_sign))` where
 * `k1 = HMAC_SHA256(key = Nonce, msg = REQUEST_TIME)` and `k2 = HMAC_SHA256(k1, "Wonder-RSA-SHA256")`.
 */
export function signatureMessage(nonce: string, requestTime: string, preSign: string): string {
  const k1 = createHmac('sha256', nonce).update(requestTime, 'utf8').digest();
  const k2 = createHmac('sha256', k1).update(SIGNATURE_ALGORITHM, 'utf8').digest();
  return createHmac('sha256', k2).update(preSign, 'utf8').digest('hex');
}

function checkUri(uri: unknown): string {
  if (typeof uri !== 'string' || !uri.startsWith('/') || uri.startsWith('//')) {
    throw new TypeError(
      '@savedcards/server: `uri` must be the path (and query) as sent, e.g. "/svc/payment/api/v1/openapi/customers".',
    );
  }
  return uri;
}

/**
 * Wonder-RSA-SHA256 (GATEWAY.md §2): the `Credential`, `Nonce` and `Signature` headers for one
 * request. Send exactly `body` (the same bytes) with them, plus `Content-Type: application/json`.
 */
export function signRequest(input: SignRequestInput): SignatureHeaders {
  const appId = checkAppId(input.appId);
  const key: KeyObject = loadPrivateKey(input.privateKey);
  const uri = checkUri(input.uri);
  const nonce = input.nonce ?? createNonce();
  if (!NONCE_PATTERN.test(nonce)) {
    throw new TypeError('@savedcards/server: `nonce` must be 16 characters from [0-9a-zA-Z].');
  }
  const requestTime = formatRequestTime(input.now ?? new Date());
  const message = signatureMessage(
    nonce,
    requestTime,
    preSignString(input.method, uri, input.body ?? '', input.bodylessSignature),
  );
  return {
    Credential: formatCredential(appId, requestTime),
    Nonce: nonce,
    Signature: sign('sha256', Buffer.from(message, 'utf8'), key).toString('base64'),
  };
}

export interface VerifySignatureInput {
  publicKey: PublicKeyInput;
  method: string;
  uri: string;
  body?: string;
  /** What a request without a body was signed over: nothing (default) or `[]`. */
  bodylessSignature?: BodylessSignature;
  headers: { Credential?: string | null; Nonce?: string | null; Signature?: string | null };
}

/**
 * Checks a Wonder-RSA-SHA256 signature against a public key: your own (tests), or Wonder's
 * "Webhook Public Key" for webhooks, which Wonder signs the same way. Checks the signature only:
 * compare the `REQUEST_TIME` in `Credential` with your clock yourself (Wonder allows 30 minutes).
 */
export function verifySignature(input: VerifySignatureInput): boolean {
  const { Credential: credential, Nonce: nonce, Signature: signature } = input.headers;
  if (!credential || !nonce || !signature) return false;
  const parts = parseCredential(credential);
  if (!parts) return false;
  const message = signatureMessage(
    nonce,
    parts.requestTime,
    preSignString(input.method, input.uri, input.body ?? '', input.bodylessSignature),
  );
  const key = loadPublicKey(input.publicKey);
  const bytes = Buffer.from(signature, 'base64');
  // Buffer.from(…, 'base64') skips junk characters: insist the signature round-trips.
  if (bytes.toString('base64') !== signature.replace(/\s+/g, '')) return false;
  return verify('sha256', Buffer.from(message, 'utf8'), key, bytes);
}
