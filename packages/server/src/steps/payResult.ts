import type { PaymentFailureReason, PaymentOrder, PaymentResult } from '@savedcards/wire';
import { isRecord, PAYMENT_GATEWAY_ERRORS } from '@savedcards/wire';
import { redact } from '../redact.js';

/**
 * Wonder's payment answers read into the kit's `PaymentResult` (issue 16). Everything from the
 * gateway is untrusted: only the fields the kit needs are read, as strings, with messages redacted
 * and the 3-D Secure `redirect_url` checked like a `verify_url`.
 */

/** The gateway's failure codes (`PAYMENT_GATEWAY_ERRORS`, inferred) as the kit's reasons. */
const REASONS: ReadonlyMap<string, PaymentFailureReason> = new Map([
  [PAYMENT_GATEWAY_ERRORS.transactionDeclined.code, 'declined'],
  [PAYMENT_GATEWAY_ERRORS.transactionInsufficientFunds.code, 'insufficient_funds'],
  [PAYMENT_GATEWAY_ERRORS.transactionExpiredCard.code, 'expired_card'],
  [PAYMENT_GATEWAY_ERRORS.transactionAuthenticationFailed.code, 'authentication_failed'],
]);

export function failureReasonOf(code: string): PaymentFailureReason {
  return REASONS.get(code) ?? 'unknown';
}

const MAX_URL_LENGTH = 2048;
// As core's `checkVerifyUrl`: control characters by code, then whitespace, backslashes and
// invisible formatting characters (zero-width, bidi controls).
const INVISIBLE = /[\s\\\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

function hasUnsafeCharacters(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return INVISIBLE.test(url);
}

/**
 * The rule of core's `checkVerifyUrl`, on the server: an absolute `https:` URL without credentials,
 * control or invisible characters, or a punycode host, on one of `hosts` (`*.x` for subdomains).
 * An entry that is an origin (`http://localhost:8787`) allows exactly that origin, over http too.
 * Returns the normalised href, or why not.
 */
export function checkRedirectUrl(
  url: unknown,
  hosts: readonly string[],
): { ok: true; url: string } | { ok: false; reason: string } {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH || hasUnsafeCharacters(url)) {
    return { ok: false, reason: 'not a clean string' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not absolute' };
  }
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, reason: 'credentials' };
  // An exact origin in the list (development: the mock bank on http://localhost) is allowed as is.
  if (hosts.includes(parsed.origin)) return { ok: true, url: parsed.href };
  if (parsed.protocol !== 'https:' || !/^https:\/\/[^/]/i.test(url)) {
    return { ok: false, reason: 'not https' };
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host.split('.').some((label) => label.startsWith('xn--'))) {
    return { ok: false, reason: 'punycode host' };
  }
  const allowed = hosts.some((pattern) => {
    const wanted = pattern.toLowerCase();
    return wanted.startsWith('*.')
      ? host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1
      : host === wanted;
  });
  return allowed ? { ok: true, url: parsed.href } : { ok: false, reason: 'host not allowed' };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A transaction read into a result; `refused` names a `redirect_url` that may not be opened. */
export type TransactionReading =
  | { ok: true; result: PaymentResult }
  | { ok: false; refused: string; transactionUuid: string };

/** One Wonder transaction as the kit's result for `order`. */
export function resultFromTransaction(
  order: PaymentOrder,
  token: string,
  transaction: Record<string, unknown>,
  redirectHosts: readonly string[],
): TransactionReading {
  const uuid = text(transaction.uuid);
  const base: PaymentResult = {
    state: 'processing',
    order,
    token: text(transaction.payment_token) || token,
    ...(uuid ? { transaction_uuid: uuid } : {}),
  };
  switch (transaction.state) {
    case 'success':
      return { ok: true, result: { ...base, state: 'succeeded' } };
    case 'failed': {
      const code = redact(text(transaction.error_code));
      const message = redact(text(transaction.error_msg));
      return {
        ok: true,
        result: {
          ...base,
          state: 'failed',
          failure: {
            reason: failureReasonOf(code),
            ...(code ? { code } : {}),
            ...(message ? { message } : {}),
          },
        },
      };
    }
    case 'pending': {
      const threeDS = transaction['3ds'];
      if (!isRecord(threeDS) || threeDS.redirect_url === undefined)
        return { ok: true, result: base };
      const checked = checkRedirectUrl(threeDS.redirect_url, redirectHosts);
      if (!checked.ok) return { ok: false, refused: checked.reason, transactionUuid: uuid };
      return { ok: true, result: { ...base, state: 'requires_action', redirect_url: checked.url } };
    }
    default:
      return { ok: true, result: base };
  }
}

/**
 * The order's payment from `orders/check` (`data`): a successful transaction wins, then one
 * waiting for 3-D Secure, then the latest failure. `none` when Wonder has no transaction;
 * `paidElsewhere` when the order is paid without a successful transaction here.
 */
export function resultFromCheck(
  order: PaymentOrder,
  token: string,
  data: unknown,
  redirectHosts: readonly string[],
): TransactionReading | { ok: 'none' } | { ok: 'paidElsewhere' } {
  const raw = isRecord(data) && Array.isArray(data.transactions) ? data.transactions : [];
  const transactions = raw.filter(isRecord);
  const pick =
    transactions.find((t) => t.state === 'success') ??
    [...transactions].reverse().find((t) => t.state === 'pending') ??
    transactions.at(-1);
  const paid = isRecord(data) && isRecord(data.order) && data.order.correspondence_state === 'paid';
  if (paid && pick?.state !== 'success') return { ok: 'paidElsewhere' };
  if (!pick) return { ok: 'none' };
  return resultFromTransaction(order, token, pick, redirectHosts);
}
