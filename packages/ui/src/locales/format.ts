import { isGatewayError, type SavedCard, type TokenFailureReason } from '@savedcards/core';

/** "04/27", or `null` when the gateway sent no usable expiry. */
export function formatExpiry(card: Pick<SavedCard, 'expMonth' | 'expYear'>): string | null {
  if (card.expMonth === null || card.expYear === null) {
    return null;
  }
  return `${String(card.expMonth).padStart(2, '0')}/${String(card.expYear % 100).padStart(2, '0')}`;
}

/**
 * The expiry month in words for `locale` through `Intl.DateTimeFormat` ("2027年4月" in zh-HK and
 * zh-CN, "April 2027" in en), or `null` when the gateway sent no usable expiry.
 */
export function formatExpiryMonth(
  card: Pick<SavedCard, 'expMonth' | 'expYear'>,
  locale: string,
): string | null {
  if (card.expMonth === null || card.expYear === null) {
    return null;
  }
  // UTC on both sides so the month never shifts with the time zone.
  const date = new Date(Date.UTC(card.expYear, card.expMonth - 1, 1));
  return monthFormat(locale).format(date);
}

// Formatters are costly to build (a new one per row was +25% of a list's render in zh-HK): one
// per locale, kept.
const monthFormats = new Map<string, Intl.DateTimeFormat>();
const countFormats = new Map<string, Intl.NumberFormat>();

function monthFormat(locale: string): Intl.DateTimeFormat {
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  return format;
}

/** A whole number for `locale` through `Intl.NumberFormat`. */
export function formatCount(value: number, locale: string): string {
  let format = countFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    countFormats.set(locale, format);
  }
  return format.format(value);
}

/** Why adding a card ended without a saved card, as the messages word it. */
export type AddFailure =
  | 'not-approved'
  | 'unsafe-url'
  | 'unconfirmed'
  | 'card-declined'
  /** The proxy's velocity limits refused it (HTTP 429): too many cards tried too quickly. */
  | 'too-many-attempts'
  | 'not-saved';

/**
 * The one place that decides how a failed add-card flow is described, so every language says the
 * same thing. A decline is the gateway refusing the card (400/402), not refusing the merchant
 * (401/403); a failed check after the challenge leaves the outcome unconfirmed.
 */
export function classifyAddFailure(reason: TokenFailureReason, error: unknown): AddFailure {
  if (reason === 'declined' || reason === 'verification_failed') {
    return 'not-approved';
  }
  if (reason === 'unsafe_verify_url') {
    return 'unsafe-url';
  }
  if (reason === 'check_error') {
    return 'unconfirmed';
  }
  if (isGatewayError(error) && error.status === 429) {
    return 'too-many-attempts';
  }
  if (
    isGatewayError(error) &&
    error.kind === 'gateway' &&
    (error.status === 400 || error.status === 402)
  ) {
    return 'card-declined';
  }
  return 'not-saved';
}

/** No response, or none in time: worth telling the customer to check their connection. */
export function isConnectionFailure(error: unknown): boolean {
  return isGatewayError(error) && (error.kind === 'network' || error.kind === 'timeout');
}

/** An amount to show: `Intl` currency format, or "HKD 12.50" where `Intl` does not know the code. */
export function formatAmount(order: { amount: string; currency: string }, locale: string): string {
  const key = `${locale} ${order.currency}`;
  let format = amountFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency: order.currency });
    } catch {
      return `${order.currency} ${order.amount}`;
    }
    amountFormats.set(key, format);
  }
  return format.format(Number(order.amount));
}

const amountFormats = new Map<string, Intl.NumberFormat>();
