import {
  createBody,
  type CreatePaymentTokenOptions,
  type NewCardInput,
} from './paymentTokenWrites.js';

/**
 * **Experimental.** Wonder's client-side card encryption (`secure_data`), as Wonder's iOS SDK does it
 * (AES-256-GCM under a random key, the key wrapped with RSA-OAEP-SHA256 for Wonder's public key), on
 * WebCrypto. The card leaves the browser only as ciphertext, so the merchant's server never sees the
 * number. Whether Wonder's *signed* create-token route accepts it is not confirmed yet: run
 * `savedcards-conformance` against the sandbox before relying on it.
 */

/** A public key to seal for, pinned by `base64(SHA-256(SPKI DER))`. */
export interface SecureDataKey {
  /** Base64 of the SPKI DER (a PEM's body, without the header lines), or the PEM itself. */
  spki: string;
  /** `base64(SHA-256(SPKI DER))`: the key is refused unless it hashes to this. Sent as `pub_key_hash`. */
  pubKeyHash: string;
}

/**
 * Wonder's keys (public, self-signed "Bindo Labs Limited" certificates): sandbox valid to 2035-01-24,
 * production to 2045-02-11. Pass your own `key` if Wonder rotates them.
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
