/**
 * **Experimental.** Wonder's client-side card encryption (`secure_data`, wonder/SECURE_DATA.md): the
 * envelope's shape and bounds (one check, shared by the proxy and the mock gateway), Wonder's public
 * keys, and the kit's config route that tells the browser what to seal for.
 */
import { isRecord } from './record.js';
import type { TransactionType } from './types.js';

/** A public key to seal for, pinned by `base64(SHA-256(SPKI DER))`. */
export interface SecureDataKey {
  /** Base64 of the SPKI DER (a PEM's body, without the header lines), or the PEM itself. */
  spki: string;
  /** `base64(SHA-256(SPKI DER))`: the key is refused unless it hashes to this. Sent as `pub_key_hash`. */
  pubKeyHash: string;
}

/**
 * Wonder's keys (public, self-signed "Bindo Labs Limited" certificates): sandbox valid to 2035-01-24,
 * production to 2045-02-11.
 */
export const WONDER_SECURE_DATA_KEYS = {
  sandbox: {
    spki: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwEokyU6GLUbNWiHatu64+XgHeLyAXowRav6Ijs6IxlyjtdWF4y/VvgcPgwcLcekZlJHgmGMPcqvmKe74McS1mLu4KTcBckrwksfnVpbk8iA/lnjn7JCUmn30Yu3ghOI7Pyg23h3As7hut9LytddZAxSUqq+rGCZXqvAVcogeQ1fJSk6LS2z3wCkVqrts2agrw6eoMXrDj7f6O0WVfTvaDwui39VBYJpT7b9aYShmHSNxxhMDsOb4mGJsFnA6sKU7hh4NLuP6cL0mqQK6BkSricgM7MxhZqfbKIi/hghRlw8SJhO8uKrSdiSClw+OBVb0YkiCz0OYc0o4avbLVcygOwIDAQAB',
    pubKeyHash: 'UJfxs5BRZQlaAtlLbS1mtKS57L0mVF01hbtbSLKRwMk=',
  },
  production: {
    spki: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2do6d9rIv4zLbVc1+K/y2rUOP+hR7jdHjHw0/tWUMuu1g9Jbu2VMq0VPB0e4DEE9L1UbiohQkbxkQjGKwZ5kgqOxBw0Wf07FNzl9LxLUaEVzZi9J4MuIvamD6I1V4gao6aIG2Cq+1/ZdG2C3XjubwM409R62tLTurNIugsFHJWUWnJzOFpB5Goh1A2ja7qd37piM6HvordTw0sIn2ZxiVYpGzCCudPFGjR7j5GFhFQNUfTf/DoGxAkgmbNTZ5vWiuUjnRz58YJRdFKDoiQcJ3mE0vR/QxPxBQCNel/22oxSbwWvNI34ZVCmIoUDGbD9IJTkKh6R1XfMb65p43dDt0wIDAQAB',
    pubKeyHash: 'kWrR9Z+Cwaxy0GXWOyubKPkF8K1rmcVUavC4F59hzT0=',
  },
} as const satisfies Record<string, SecureDataKey>;

export type SecureDataEnvironment = keyof typeof WONDER_SECURE_DATA_KEYS;

/** The kit's config route below the client's `baseUrl`: `GET` answers {@link SecureDataConfigWire}. */
export const KIT_CONFIG_PATH = '/savedcards/v1/config';

/** The config route's envelope `data` (what the proxy announces for the signed-in session). */
export interface SecureDataConfigWire {
  secureData: {
    environment?: SecureDataEnvironment;
    pubKeyHash: string;
    /** Informational: the browser seals only for a key it already pins by hash. */
    spki?: string;
    returnUrls: { success: string; fail: string };
    transactionType: TransactionType;
    /**
     * How many `exp_year` digits to seal (the proxy's wire profile, `expYearDigits`): the proxy
     * cannot convert a year inside the ciphertext. Absent: 4.
     */
    expYearDigits?: 4 | 2;
  } | null;
}

/** The five fields of `secure_data`, and nothing else. */
export const SECURE_DATA_FIELDS = [
  'data',
  'enc_key',
  'pub_key_hash',
  'timestamp',
  'nonce',
] as const;

export type SecureDataEnvelope = Record<(typeof SECURE_DATA_FIELDS)[number], string>;

/** Bounds of an envelope: a card body is well under 2 KiB, so `data` has room to spare. */
export const SECURE_DATA_LIMITS = {
  /** Largest `data` text (base64). */
  maxDataChars: 8192,
  /** Smallest `data`: the 16-byte GCM tag plus at least one byte. */
  minDataBytes: 17,
  /** `enc_key` is one RSA-2048 block. */
  encKeyBytes: 256,
  /** `nonce` is a 96-bit GCM IV. */
  nonceBytes: 12,
  /** How far `timestamp` may be from the checker's clock (as Wonder's signed requests). */
  maxSkewSeconds: 30 * 60,
} as const;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Bytes a canonical base64 text decodes to, or `undefined` for text that is not base64. */
function base64Bytes(text: string): number | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * Checks a `secure_data` value: exactly the five string fields, base64 where binary, sizes within
 * {@link SECURE_DATA_LIMITS}, `pub_key_hash` one of `pubKeyHashes`, `timestamp` whole seconds near
 * `nowSeconds`. The envelope, or the reason it is refused (naming a field, never echoing a value).
 */
export function checkSecureDataEnvelope(
  value: unknown,
  options: { pubKeyHashes: readonly string[]; nowSeconds: number },
): SecureDataEnvelope | string {
  if (!isRecord(value)) return 'secure_data must be an object.';
  const extra = Object.keys(value).filter(
    (key) => !(SECURE_DATA_FIELDS as readonly string[]).includes(key),
  );
  if (extra.length > 0)
    return `secure_data has fields other than ${SECURE_DATA_FIELDS.join(', ')}.`;
  for (const field of SECURE_DATA_FIELDS) {
    if (typeof value[field] !== 'string') return `secure_data.${field} must be a string.`;
  }
  const envelope = value as SecureDataEnvelope;
  if (envelope.data.length > SECURE_DATA_LIMITS.maxDataChars)
    return 'secure_data.data is too long.';
  const dataBytes = base64Bytes(envelope.data);
  if (dataBytes === undefined || dataBytes < SECURE_DATA_LIMITS.minDataBytes) {
    return 'secure_data.data must be base64 ciphertext.';
  }
  if (base64Bytes(envelope.enc_key) !== SECURE_DATA_LIMITS.encKeyBytes) {
    return 'secure_data.enc_key must be a base64 RSA-2048 ciphertext (256 bytes).';
  }
  if (base64Bytes(envelope.nonce) !== SECURE_DATA_LIMITS.nonceBytes) {
    return 'secure_data.nonce must be a base64 12-byte IV.';
  }
  if (!options.pubKeyHashes.includes(envelope.pub_key_hash)) {
    return 'secure_data.pub_key_hash is not the configured key.';
  }
  if (
    !/^\d{1,12}$/.test(envelope.timestamp) ||
    Math.abs(Number(envelope.timestamp) - options.nowSeconds) > SECURE_DATA_LIMITS.maxSkewSeconds
  ) {
    return 'secure_data.timestamp must be the current Unix time in seconds.';
  }
  return {
    data: envelope.data,
    enc_key: envelope.enc_key,
    pub_key_hash: envelope.pub_key_hash,
    timestamp: envelope.timestamp,
    nonce: envelope.nonce,
  };
}

/** What is sent instead of `{"card": …}`: only ciphertext, the wrapped key and their parameters. */
export interface SecureDataBody {
  secure_data: SecureDataEnvelope;
}

export interface SealSecureDataOptions {
  /** The clock for `timestamp`. Default `() => new Date()`. */
  now?: () => Date;
  /** Default `globalThis.crypto` (browsers in a secure context, Node 20+). */
  crypto?: Crypto;
}

function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function spkiBytes(spki: string): Uint8Array<ArrayBuffer> {
  const body = spki.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  let binary: string;
  try {
    binary = atob(body);
  } catch {
    throw new TypeError('secure data: `key.spki` is not a base64 SPKI public key.');
  }
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Seals a create-token `card` object (wire form: `number`, `exp_year`, `3ds`, …) for `key`, as
 * wonder/SECURE_DATA.md describes: the plaintext is the card's JSON followed directly by the Unix
 * time in seconds, under AES-256-GCM with a random key wrapped by RSA-OAEP-SHA256. Refuses a key
 * whose SPKI does not hash to its pinned `pubKeyHash`. The one sealing used by core (the browser)
 * and the conformance check (Node).
 */
export async function sealSecureData(
  card: Readonly<Record<string, unknown>>,
  key: SecureDataKey,
  options: SealSecureDataOptions = {},
): Promise<SecureDataBody> {
  const webCrypto = options.crypto ?? globalThis.crypto;
  if (!webCrypto?.subtle) {
    throw new Error('secure data needs WebCrypto (a secure context, or Node 20+).');
  }
  const der = spkiBytes(key.spki);
  const hash = toBase64(await webCrypto.subtle.digest('SHA-256', der));
  if (hash !== key.pubKeyHash) {
    throw new Error(
      'secure data: the public key does not match its pinned hash; nothing was sealed.',
    );
  }
  const timestamp = String(Math.floor((options.now?.() ?? new Date()).getTime() / 1000));
  const plaintext = new TextEncoder().encode(`${JSON.stringify(card)}${timestamp}`);
  const aesKey = webCrypto.getRandomValues(new Uint8Array(32));
  const iv = webCrypto.getRandomValues(new Uint8Array(12));
  const aes = await webCrypto.subtle.importKey('raw', aesKey, { name: 'AES-GCM' }, false, [
    'encrypt',
  ]);
  const rsa = await webCrypto.subtle.importKey(
    'spki',
    der,
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['encrypt'],
  );
  const [data, encKey] = await Promise.all([
    webCrypto.subtle.encrypt({ name: 'AES-GCM', iv, tagLength: 128 }, aes, plaintext),
    webCrypto.subtle.encrypt({ name: 'RSA-OAEP' }, rsa, aesKey),
  ]);
  plaintext.fill(0);
  aesKey.fill(0);
  return {
    secure_data: {
      data: toBase64(data),
      enc_key: toBase64(encKey),
      pub_key_hash: key.pubKeyHash,
      timestamp,
      nonce: toBase64(iv),
    },
  };
}
