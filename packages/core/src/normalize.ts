import { isRecord, TOKEN_STATES, WIRE_TOKEN_TYPES } from '@savedcards/wire';
import { getExpiryStatus } from './expiry.js';
import { redactCardData } from './redact.js';
import type {
  CardBrand,
  Customer,
  PaymentTokenState,
  PaymentTokenType,
  SavedCard,
} from './types.js';

// Everything read from the gateway is untrusted: these helpers never throw on a wrong type.

const MAX_TEXT = 255;
const MAX_URL = 2048;
// C0/C1 control characters, bidi overrides and isolates: never meaningful in a name, and a spoofing
// aid. Also the bare direction marks (LRM, RLM, ALM): alone they make a name that shows nothing but
// reorders what follows it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined;

/** At most `max` characters, never cutting inside an emoji or an accented letter (a grapheme). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (!segmenter) return Array.from(text).slice(0, max).join('');
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

export { isRecord };

function readText(value: unknown, max = MAX_TEXT): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return truncateText(String(value), max);
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const cleaned = value.replace(UNSAFE_CHARS, '').trim();
  return cleaned === '' ? undefined : truncateText(cleaned, max);
}

/** Free text shown to people: also stripped of anything that looks like card data. */
function readDisplayText(value: unknown): string | undefined {
  const text = readText(value);
  return text === undefined ? undefined : redactCardData(text);
}

const BRANDS: Record<string, CardBrand> = {
  visa: 'visa',
  mastercard: 'mastercard',
  master: 'mastercard',
  mc: 'mastercard',
  amex: 'amex',
  americanexpress: 'amex',
  unionpay: 'unionpay',
  chinaunionpay: 'unionpay',
  cup: 'unionpay',
  jcb: 'jcb',
  discover: 'discover',
  diners: 'diners',
  dinersclub: 'diners',
  dinersclubinternational: 'diners',
};

/** Maps the gateway's free-text brand (`VISA`, `MasterCard`, `American Express`…) to a `CardBrand`. */
export function normalizeBrand(value: unknown): CardBrand {
  const key = typeof value === 'string' ? value.toLowerCase().replace(/[^a-z]/g, '') : '';
  return (Object.hasOwn(BRANDS, key) ? BRANDS[key] : undefined) ?? 'unknown';
}

const slug = (value: string) => value.toLowerCase().replace(/[^a-z]/g, '');

// Both of Wonder's enums (`Alipay` / `AlipayAutoDebit`, …) plus the plain `card`.
const TOKEN_TYPES: Record<string, PaymentTokenType> = Object.fromEntries([
  ['card', 'card'],
  ...Object.entries(WIRE_TOKEN_TYPES).flatMap(([kind, names]) =>
    names.map((name) => [slug(name), kind as PaymentTokenType]),
  ),
]);

/** Accepts both of Wonder's `token_type` enums (`Alipay` / `AlipayAutoDebit`, …). */
export function normalizeTokenType(value: unknown): PaymentTokenType {
  const key = typeof value === 'string' ? value.toLowerCase().replace(/[^a-z]/g, '') : '';
  return (Object.hasOwn(TOKEN_TYPES, key) ? TOKEN_TYPES[key] : undefined) ?? 'unknown';
}

const STATES: ReadonlySet<string> = new Set(TOKEN_STATES);

export function normalizeTokenState(value: unknown): PaymentTokenState {
  const key = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return STATES.has(key) ? (key as PaymentTokenState) : 'unknown';
}

/**
 * The last four digits of a (masked) card number, or `null`. Only a number that *ends* in four
 * digits qualifies, so `4242********` gives nothing rather than the first four digits.
 */
export function readLast4(value: unknown): string | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') {
    return null;
  }
  const match = /(\d{4})\s*$/.exec(text);
  return match?.[1] ?? null;
}

function readInteger(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\s*\d{1,4}\s*$/.test(text)) {
    return null;
  }
  return Number.parseInt(text, 10);
}

export function normalizeExpMonth(value: unknown): number | null {
  const month = readInteger(value);
  return month !== null && month >= 1 && month <= 12 ? month : null;
}

/** `27` and `2027` both give 2027. */
export function normalizeExpYear(value: unknown): number | null {
  const year = readInteger(value);
  if (year === null) {
    return null;
  }
  if (year < 100) {
    return 2000 + year;
  }
  return year >= 2000 && year <= 2199 ? year : null;
}

function readCurrency(value: unknown): string | undefined {
  const text = readText(value)?.toUpperCase();
  return text && /^[A-Z]{3}$/.test(text) ? text : undefined;
}

export interface NormalizeCardContext {
  /** The customer's default token, for responses whose tokens lack a `default` flag. */
  defaultToken?: string;
  now: Date;
  expiringWithinDays: number;
}

/** Whether the wire token says itself if it is the default (newer responses do). */
export function hasDefaultFlag(raw: unknown): boolean {
  return isRecord(raw) && typeof raw.default === 'boolean';
}

/**
 * One wire token to a `SavedCard`, or `null` when it has no usable token id. Keeps only the last
 * four digits of the card number.
 */
export function normalizeSavedCard(raw: unknown, context: NormalizeCardContext): SavedCard | null {
  if (!isRecord(raw)) {
    return null;
  }
  const token = readText(raw.token);
  if (token === undefined) {
    return null;
  }
  const card = isRecord(raw.credit_card) ? raw.credit_card : {};
  const expMonth = normalizeExpMonth(card.exp_month);
  const expYear = normalizeExpYear(card.exp_year);
  let type = normalizeTokenType(raw.token_type);
  if (type === 'unknown' && raw.token_type === undefined && isRecord(raw.credit_card)) {
    type = 'card';
  }
  const result: SavedCard = {
    token,
    type,
    state: normalizeTokenState(raw.state),
    isDefault:
      typeof raw.default === 'boolean'
        ? raw.default
        : context.defaultToken !== undefined && context.defaultToken === token,
    brand: normalizeBrand(card.brand),
    last4: readLast4(card.number ?? card.last4 ?? card.last_four),
    expMonth,
    expYear,
    expiry: getExpiryStatus(expMonth, expYear, context.now, context.expiringWithinDays),
    holderName: readDisplayText(card.holder_name) ?? '',
  };
  const optional = {
    nickname: readDisplayText(raw.nickname ?? card.nickname),
    billingCurrency: readCurrency(card.billing_currency),
    verifyUrl: readText(raw.verify_url, MAX_URL),
    verifyUuid: readText(raw.verify_uuid),
    errorCode: readDisplayText(raw.error_code),
    errorMessage: readDisplayText(raw.error_msg) ?? readDisplayText(raw.error_message),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      Object.assign(result, { [key]: value });
    }
  }
  return result;
}

/** The `token` of a customer's `default_payment_token`, which may be a token object or a string. */
function readDefaultToken(value: unknown): string | undefined {
  return readText(isRecord(value) ? value.token : value);
}

/** A wire customer to a `Customer`, or `null` when it has no uuid. */
export function normalizeCustomer(raw: unknown): Customer | null {
  if (!isRecord(raw)) {
    return null;
  }
  const uuid = readText(raw.uuid);
  if (uuid === undefined) {
    return null;
  }
  const customer: Customer = {
    uuid,
    referenceNumber: readText(raw.reference_number) ?? '',
    name: readDisplayText(raw.name) ?? '',
    phone: readText(raw.phone) ?? '',
  };
  const optional = {
    email: readText(raw.email),
    dialCode: readText(raw.dial_code, 6),
    companyName: readDisplayText(raw.company_name),
    defaultPaymentMethod: readText(raw.default_payment_method),
    defaultToken: readDefaultToken(raw.default_payment_token),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      Object.assign(customer, { [key]: value });
    }
  }
  return customer;
}
