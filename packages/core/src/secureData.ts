import {
  expYearWithDigits,
  isRecord,
  KIT_CONFIG_PATH,
  type SealSecureDataOptions,
  type SecureDataBody,
  type SecureDataKey,
  sealSecureData,
  TRANSACTION_TYPES,
  WONDER_SECURE_DATA_KEYS,
} from '@savedcards/wire';
import type { GatewayClient } from './client.js';
import type { CallOptions } from './customers.js';
import { GatewayError } from './errors.js';
import {
  type CardTransactionType,
  cardDigits,
  createBody,
  type CreatePaymentTokenOptions,
  type NewCardInput,
  readCreatedToken,
  type ThreeDSReturnUrls,
} from './paymentTokenWrites.js';
import { gatewayPaths } from './paths.js';
import type { SavedCard } from './types.js';

export type { SecureDataBody, SecureDataKey };
export { WONDER_SECURE_DATA_KEYS };

/**
 * **Experimental.** Wonder's client-side card encryption (`secure_data`), as Wonder's iOS SDK does it
 * (AES-256-GCM under a random key, the key wrapped with RSA-OAEP-SHA256 for Wonder's public key), on
 * WebCrypto. The card leaves the browser only as ciphertext, so the merchant's server never sees the
 * number. Whether Wonder's *signed* create-token route accepts it is not confirmed yet: run
 * `savedcards-conformance` against the sandbox before relying on it.
 */

export interface SealCardOptions
  extends Pick<CreatePaymentTokenOptions, 'returnUrls' | 'transactionType'>,
    SealSecureDataOptions {
  /** Whose key: Wonder's `'sandbox'` or `'production'` key, or your own `key`. */
  environment?: keyof typeof WONDER_SECURE_DATA_KEYS;
  key?: SecureDataKey;
  /** `exp_year` with 4 digits (default) or 2, as the gateway's wire profile wants it. */
  expYearDigits?: 4 | 2;
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
  const key = options.key ?? WONDER_SECURE_DATA_KEYS[options.environment ?? 'sandbox'];
  if (!key) {
    throw new TypeError("sealCardForWonder: `environment` must be 'sandbox' or 'production'.");
  }
  const number = cardDigits(card);
  const wire = createBody(card, number, options).card;
  if (options.expYearDigits === 2) wire.exp_year = expYearWithDigits(String(wire.exp_year), 2);
  return sealSecureData(wire, key, options);
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
  /** The `exp_year` digits the proxy's wire profile wants (it cannot convert a sealed year). */
  expYearDigits: 4 | 2;
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
  const digits = config.expYearDigits ?? 4;
  if (digits !== 4 && digits !== 2) throw refuse('asks for exp_year digits other than 4 or 2');
  return {
    key: { spki: key.spki, pubKeyHash: key.pubKeyHash },
    returnUrls: { successUrl: success, failUrl: fail },
    transactionType: transactionType as CardTransactionType,
    expYearDigits: digits,
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
  const number = cardDigits(card);
  const body = await sealCardForWonder(card, {
    key: config.key,
    returnUrls: config.returnUrls,
    transactionType: config.transactionType,
    expYearDigits: config.expYearDigits,
  });
  const data = await client.request({
    method: 'POST',
    path: gatewayPaths.paymentTokens(customerUuid),
    body,
    signal: options.signal,
  });
  return readCreatedToken(client, data, number);
}
