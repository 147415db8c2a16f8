import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The merchant's RSA private key: a PEM string (`-----BEGIN PRIVATE KEY-----` or
 * `-----BEGIN RSA PRIVATE KEY-----`), `{ file: 'path/to/key.pem' }`, or a `KeyObject`.
 */
export type PrivateKeyInput = string | { file: string } | KeyObject;

/** A public key, for `verifySignature`: PEM string, `{ file }` or `KeyObject`. */
export type PublicKeyInput = string | { file: string } | KeyObject;

const MIN_MODULUS_BITS = 2048;

function isKeyObject(value: unknown): value is KeyObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    'asymmetricKeyType' in value &&
    'export' in value &&
    typeof value.export === 'function'
  );
}

function readPem(input: string | { file: string }, what: string, who: string): string {
  if (typeof input === 'string') {
    // Keys kept in environment variables often carry literal "\n" instead of line breaks.
    const pem =
      !input.includes('\n') && input.includes('\\n') ? input.replace(/\\n/g, '\n') : input;
    if (!pem.includes('-----BEGIN')) {
      throw new TypeError(
        `${who}: \`${what}\` is not a PEM string (it should start with "-----BEGIN"). To read a file, pass { file: 'path/to/key.pem' }.`,
      );
    }
    return pem;
  }
  if (typeof input !== 'object' || input === null || typeof input.file !== 'string') {
    throw new TypeError(
      `${who}: \`${what}\` must be a PEM string, { file: 'path/to/key.pem' } or a KeyObject.`,
    );
  }
  try {
    return readFileSync(input.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `${who}: could not read the ${what} file "${input.file}"${code ? ` (${code})` : ''}.`,
    );
  }
}

/**
 * Loads and checks the merchant's private key once: RSA, at least 2048 bits. Fails with a message
 * that names the problem and never contains key material.
 */
export function loadPrivateKey(input: PrivateKeyInput, who = '@savedcards/server'): KeyObject {
  if (input === undefined || input === null || input === '') {
    throw new TypeError(
      `${who}: \`privateKey\` is required (a PEM string, { file: 'path/to/key.pem' } or a KeyObject).`,
    );
  }
  let key: KeyObject;
  if (isKeyObject(input)) {
    key = input;
  } else {
    const pem = readPem(input, 'privateKey', who);
    try {
      key = createPrivateKey({ key: pem, format: 'pem' });
    } catch (error) {
      const reason = (error as { code?: string }).code ?? 'unreadable key';
      throw new TypeError(
        `${who}: \`privateKey\` is not a readable PEM private key (${reason}). Encrypted keys are not supported: decrypt it first.`,
      );
    }
  }
  if (key.type !== 'private') {
    throw new TypeError(`${who}: \`privateKey\` is a ${key.type} key; the private key is needed.`);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new TypeError(
      `${who}: \`privateKey\` must be an RSA key (Wonder-RSA-SHA256), got ${key.asymmetricKeyType ?? 'unknown'}.`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) {
    throw new TypeError(
      `${who}: \`privateKey\` is ${bits}-bit RSA; Wonder needs at least ${MIN_MODULUS_BITS} bits.`,
    );
  }
  return key;
}

/** Loads a public key (or derives it from a private key) for signature verification. */
export function loadPublicKey(input: PublicKeyInput, who = '@savedcards/server'): KeyObject {
  const key = isKeyObject(input)
    ? input
    : (() => {
        const pem = readPem(input, 'publicKey', who);
        try {
          return createPublicKey({ key: pem, format: 'pem' });
        } catch (error) {
          const reason = (error as { code?: string }).code ?? 'unreadable key';
          throw new TypeError(`${who}: \`publicKey\` is not a readable PEM key (${reason}).`);
        }
      })();
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'rsa') {
    throw new TypeError(`${who}: \`publicKey\` must be an RSA key.`);
  }
  return publicKey;
}

/** Checks the AppID Wonder issued for the uploaded public key. */
export function checkAppId(appId: unknown, who = '@savedcards/server'): string {
  if (typeof appId !== 'string' || appId.trim() === '') {
    throw new TypeError(
      `${who}: \`appId\` is required: the AppID Wonder issued when you uploaded your public key.`,
    );
  }
  if (appId !== appId.trim() || /[/\s]/.test(appId)) {
    throw new TypeError(`${who}: \`appId\` must not contain "/" or whitespace.`);
  }
  return appId;
}
