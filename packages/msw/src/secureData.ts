import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  checkSecureDataEnvelope,
  errorEnvelope,
  INFERRED,
  isRecord,
  KIT_CONFIG_PATH,
  PROXY_ERRORS,
  type SecureDataConfigWire,
  type SecureDataKey,
  successEnvelope,
} from '@savedcards/wire';
import { HttpResponse, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { ChallengeContext } from './challenge.js';
import type { GatewayErrorDefinition } from './errors.js';
import { gatewayError } from './errors.js';
import { MOCK_SECURE_DATA_KEY, MOCK_SECURE_DATA_TEST_PRIVATE_KEY } from './secureDataTestKey.js';

/**
 * **Experimental.** The mock gateway's side of `secure_data` (wonder/SECURE_DATA.md): it opens the
 * envelope with its own TEST key pair (RSA-OAEP-SHA256 unwraps the AES key, AES-256-GCM opens the
 * data) on WebCrypto, so it works in browsers and Node, then creates the token as from `{"card"}`.
 */

/** The key pair the mock decrypts with: its public half's hash and the PKCS #8 private key. */
export interface MockSecureDataKeyPair extends SecureDataKey {
  /** PKCS #8 DER, base64. */
  privateKey: string;
}

/** The committed test pair (see `MOCK_SECURE_DATA_KEY`). */
export const MOCK_SECURE_DATA_KEY_PAIR: MockSecureDataKeyPair = {
  ...MOCK_SECURE_DATA_KEY,
  privateKey: MOCK_SECURE_DATA_TEST_PRIVATE_KEY,
};

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const privateKeys = new Map<string, Promise<CryptoKey>>();

function importPrivateKey(pkcs8: string): Promise<CryptoKey> {
  let key = privateKeys.get(pkcs8);
  if (!key) {
    key = globalThis.crypto.subtle.importKey(
      'pkcs8',
      fromBase64(pkcs8),
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      false,
      ['decrypt'],
    );
    privateKeys.set(pkcs8, key);
  }
  return key;
}

export type OpenSecureDataResult =
  | { ok: true; card: Record<string, unknown> }
  | { ok: false; error: GatewayErrorDefinition };

/**
 * Opens a `secure_data` value: the envelope is checked first (fields, sizes, key hash, time), then
 * decrypted; the plaintext must be a JSON object followed directly by the envelope's `timestamp`.
 */
export async function openSecureData(
  value: unknown,
  pair: MockSecureDataKeyPair,
  nowSeconds: number,
): Promise<OpenSecureDataResult> {
  const envelope = checkSecureDataEnvelope(value, {
    pubKeyHashes: [pair.pubKeyHash],
    nowSeconds,
  });
  if (typeof envelope === 'string') {
    return { ok: false, error: gatewayError('invalidParameter', envelope) };
  }
  const unreadable = {
    ok: false,
    error: gatewayError('invalidParameter', 'secure_data could not be decrypted.'),
  } as const;
  let text: string;
  try {
    const subtle = globalThis.crypto.subtle;
    const rawKey = await subtle.decrypt(
      { name: 'RSA-OAEP' },
      await importPrivateKey(pair.privateKey),
      fromBase64(envelope.enc_key),
    );
    const aes = await subtle.importKey('raw', rawKey, { name: 'AES-GCM' }, false, ['decrypt']);
    const plain = await subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(envelope.nonce), tagLength: 128 },
      aes,
      fromBase64(envelope.data),
    );
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return unreadable;
  }
  if (!text.endsWith(envelope.timestamp)) return unreadable;
  let card: unknown;
  try {
    card = JSON.parse(text.slice(0, -envelope.timestamp.length));
  } catch {
    return unreadable;
  }
  return isRecord(card) ? { ok: true, card } : unreadable;
}

/**
 * Browser-only mode: the kit's config route (`KIT_CONFIG_PATH` below `baseUrl`), answered as the
 * signing proxy answers it with `secureData`, naming the mock's key and its own return pages.
 */
export function createSecureDataConfigHandler(options: {
  baseUrl: string;
  key: SecureDataKey;
  challenge: ChallengeContext;
  /** The served wire profile's `expYearDigits`. Default 4. */
  expYearDigits?: 4 | 2;
}): HttpHandler {
  const root = options.baseUrl.replace(/\/+$/, '');
  return http.get(`${root}${KIT_CONFIG_PATH}`, ({ request }) => {
    if (request.headers.get(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
      return HttpResponse.json(errorEnvelope('A', PROXY_ERRORS.csrf), {
        status: PROXY_ERRORS.csrf.status,
      });
    }
    const data: SecureDataConfigWire = {
      secureData: {
        pubKeyHash: options.key.pubKeyHash,
        spki: options.key.spki,
        returnUrls: options.challenge.defaultReturnUrls(),
        transactionType: INFERRED.defaultTransactionType,
        expYearDigits: options.expYearDigits ?? INFERRED.expYearDigits,
      },
    };
    return HttpResponse.json(successEnvelope('A', data));
  });
}
