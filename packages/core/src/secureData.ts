import {
  isRecord,
  KIT_CONFIG_PATH,
  type SecureDataKey,
  TRANSACTION_TYPES,
  WONDER_SECURE_DATA_KEYS,
} from '@savedcards/wire';
import type { GatewayClient } from './client.js';
import type { CallOptions } from './customers.js';
import { GatewayError } from './errors.js';
import {
  type CardTransactionType,
  createBody,
  type CreatePaymentTokenOptions,
  type NewCardInput,
  readCreatedToken,
  type ThreeDSReturnUrls,
} from './paymentTokenWrites.js';
import { gatewayPaths } from './paths.js';
import type { SavedCard } from './types.js';

export type { SecureDataKey };
export { WONDER_SECURE_DATA_KEYS };

/**
 * **Experimental.** Wonder's client-side card encryption (`secure_data`), as Wonder's iOS SDK does it
 * (AES-256-GCM under a random key, the key wrapped with RSA-OAEP-SHA256 for Wonder's public key), on
 * WebCrypto. The card leaves the browser only as ciphertext, so the merchant's server never sees the
 * number. Whether Wonder's *signed* create-token route accepts it is not confirmed yet: run
 * `savedcards-conformance` against the sandbox before relying on it.
 */

/** What is sent instead of `{"card": …}`. Only ciphertext, the wrapped key and their parameters. */
export interface SecureDataBody {
  secure_data: {
    data: string;
    enc_key: string;
    pub_key_hash: string;
    timestamp: string;
    nonce: string;
  };
}

export interface SealCardOptions
  extends Pick<CreatePaymentTokenOptions, 'returnUrls' | 'transactionType'> {
  /** Whose key: Wonder's `'sandbox'` or `'production'` key, or your own `key`. */
  environment?: keyof typeof WONDER_SECURE_DATA_KEYS;
  key?: SecureDataKey;
  /** The clock for `timestamp`. Default `() => new Date()`. */
  now?: () => Date;
  /** Default `globalThis.crypto` (browsers in a secure context, Node 20+). */
  crypto?: Crypto;
}

const encoder = new TextEncoder();

function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function spkiBytes(spki: string): Uint8Array<ArrayBuffer> {
  const body = spki.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  try {
    return fromBase64(body);
  } catch {
    throw new TypeError('sealCardForWonder: `key.spki` is not a base64 SPKI public key.');
  }
}

/**
 * Seals a card for Wonder's `secure_data`. The plaintext is the create-token `card` object (with the
 * 3-D Secure return URLs and `transaction_type` inside, which the proxy can then no longer change)
 * followed directly by the Unix time in seconds. Refuses a key whose hash is not the pinned one.
 */
export async function sealCardForWonder(
  card: NewCardInput,
  options: SealCardOptions = {},
): Promise<SecureDataBody> {
  const webCrypto = options.crypto ?? globalThis.crypto;
  if (!webCrypto?.subtle) {
    throw new Error('sealCardForWonder needs WebCrypto (a secure context, or Node 20+).');
  }
  const key = options.key ?? WONDER_SECURE_DATA_KEYS[options.environment ?? 'sandbox'];
  if (!key) {
    throw new TypeError("sealCardForWonder: `environment` must be 'sandbox' or 'production'.");
  }
  const der = spkiBytes(key.spki);
  const hash = toBase64(await webCrypto.subtle.digest('SHA-256', der));
  if (hash !== key.pubKeyHash) {
    throw new Error(
      'sealCardForWonder: the public key does not match its pinned hash; nothing was sealed.',
    );
  }
  const number = typeof card.number === 'string' ? card.number.replace(/[\s-]/g, '') : '';
  const timestamp = String(Math.floor((options.now?.() ?? new Date()).getTime() / 1000));
  const plaintext = encoder.encode(
    `${JSON.stringify(createBody(card, number, options).card)}${timestamp}`,
  );
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

/**
 * **Experimental.** What to seal a card with, as the signing proxy announces it for the session
 * (`readSecureDataConfig`): the key (one the browser pins) and the values that go inside the
 * ciphertext, where the proxy can no longer set them.
 */
export interface SecureDataConfig {
  key: SecureDataKey;
  returnUrls: ThreeDSReturnUrls;
  transactionType: CardTransactionType;
}

export interface ReadSecureDataConfigOptions extends CallOptions {
  /**
   * Keys besides Wonder's (`WONDER_SECURE_DATA_KEYS`) that may be sealed for, e.g. the mock
   * gateway's test key. The announced key is used only when its hash is one of these or Wonder's:
   * a server (or anything between) cannot make the browser seal for a key it chose.
   */
  trustedKeys?: readonly SecureDataKey[];
}

function absoluteHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * **Experimental.** `GET {baseUrl}/savedcards/v1/config`: the signing proxy's secure-data settings
 * for the signed-in customer (its `secureData` option). Read tolerantly; rejects with a
 * `GatewayError` (`invalid-response`) when the proxy has secure data off, announces something
 * unusable, or names a key whose hash is not pinned (Wonder's keys and `trustedKeys`).
 */
export async function readSecureDataConfig(
  client: GatewayClient,
  options: ReadSecureDataConfigOptions = {},
): Promise<SecureDataConfig> {
  const data = await client.request({
    method: 'GET',
    path: KIT_CONFIG_PATH,
    signal: options.signal,
  });
  const refuse = (why: string) =>
    new GatewayError({
      kind: 'invalid-response',
      status: 200,
      message: `secure-data config ${why}`,
    });
  const config = isRecord(data) ? data.secureData : undefined;
  if (!isRecord(config)) throw refuse('is off on this server (no secureData)');
  const hash = typeof config.pubKeyHash === 'string' ? config.pubKeyHash : '';
  const key = [...Object.values(WONDER_SECURE_DATA_KEYS), ...(options.trustedKeys ?? [])].find(
    (candidate) => candidate.pubKeyHash === hash,
  );
  if (!key) throw refuse('names a public key that is not pinned');
  const urls = isRecord(config.returnUrls) ? config.returnUrls : {};
  const success = absoluteHttpUrl(urls.success);
  const fail = absoluteHttpUrl(urls.fail);
  if (!success || !fail) throw refuse('has no usable 3-D Secure return URLs');
  const transactionType = config.transactionType;
  if (
    typeof transactionType !== 'string' ||
    !(TRANSACTION_TYPES as readonly string[]).includes(transactionType)
  ) {
    throw refuse('has no known transaction type');
  }
  return {
    key: { spki: key.spki, pubKeyHash: key.pubKeyHash },
    returnUrls: { successUrl: success, failUrl: fail },
    transactionType: transactionType as CardTransactionType,
  };
}

/**
 * `POST …/customers/{uuid}/payment_tokens` with only `{"secure_data": {…}}`: the card sealed for
 * `config.key` with the announced return URLs and transaction type inside. Like
 * `createPaymentToken`, only the brand, last four digits and expiry come back.
 */
export async function createPaymentTokenFromSecureData(
  client: GatewayClient,
  customerUuid: string,
  card: NewCardInput,
  config: SecureDataConfig,
  options: CallOptions = {},
): Promise<SavedCard> {
  const number = typeof card.number === 'string' ? card.number.replace(/[\s-]/g, '') : '';
  const body = await sealCardForWonder(card, {
    key: config.key,
    returnUrls: config.returnUrls,
    transactionType: config.transactionType,
  });
  const data = await client.request({
    method: 'POST',
    path: gatewayPaths.paymentTokens(customerUuid),
    body,
    signal: options.signal,
  });
  return readCreatedToken(client, data, number);
}
