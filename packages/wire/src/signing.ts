/**
 * The text parts of Wonder-RSA-SHA256 (GATEWAY.md §2), shared by the signer (the proxy, on
 * node:crypto) and the verifier (the mock, on WebCrypto). The cryptography itself stays with each.
 */
import type { BodylessSignature } from './wireProfile.js';

/** The one algorithm Wonder documents: the last part of `Credential`, and the HMAC chain's second message. */
export const SIGNATURE_ALGORITHM = 'Wonder-RSA-SHA256';

/** Wonder rejects requests whose time is more than 30 minutes off. */
export const DEFAULT_MAX_SKEW_MS = 30 * 60 * 1000;

/** `Nonce`: 16 characters from `[0-9a-zA-Z]`. */
export const NONCE_PATTERN = /^[0-9A-Za-z]{16}$/;

const CREDENTIAL_PATTERN = /^(.+)\/(\d{14})\/([A-Za-z0-9-]+)$/;

/**
 * The string the signature covers: `UPPER(method) + "\n" + uri [+ "\n" + body]`, the body only when
 * it is not empty. A request without a body signs nothing more (`bodyless` `'nothing'`, the default),
 * or the literal `[]` (`'empty-array'`): see `INFERRED.bodylessSignature` and `WireProfile`.
 */
export function preSignString(
  method: string,
  uri: string,
  body = '',
  bodyless: BodylessSignature = 'nothing',
): string {
  const head = `${method.toUpperCase()}\n${uri}`;
  if (body !== '') return `${head}\n${body}`;
  return bodyless === 'empty-array' ? `${head}\n[]` : head;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** UTC `yyyyMMddHHmmss`, e.g. `20240501120123`. */
export function formatRequestTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError('Wonder-RSA-SHA256: the signing time is not a valid Date.');
  }
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
}

/** `yyyyMMddHHmmss` (UTC) back to a time, or `undefined` when it is not a real date. */
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
  return formatRequestTime(date) === value ? date : undefined;
}

/** `{AppID}/{REQUEST_TIME}/Wonder-RSA-SHA256`. */
export function formatCredential(appId: string, requestTime: string): string {
  return `${appId}/${requestTime}/${SIGNATURE_ALGORITHM}`;
}

/** The parts of a `Credential` header, or `undefined` when it is malformed or names another algorithm. */
export function parseCredential(
  credential: string,
): { appId: string; requestTime: string } | undefined {
  const parts = CREDENTIAL_PATTERN.exec(credential.trim());
  if (!parts?.[1] || !parts[2] || parts[3] !== SIGNATURE_ALGORITHM) return undefined;
  return { appId: parts[1], requestTime: parts[2] };
}
