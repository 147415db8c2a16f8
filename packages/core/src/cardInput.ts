import cardValidator from 'card-validator';
import { getExpiryStatus } from './expiry.js';
import type { CardBrand } from './types.js';

/**
 * Card-form helpers for the add-card flow, on Braintree's card-validator (brand patterns, lengths,
 * gaps, Luhn, CVC sizes). Values are plain strings from the inputs. Nothing here stores, logs or
 * throws with what it is given: results carry error codes, never the card number or CVC.
 */

/**
 * Why a field is not valid. Codes, not messages: the UI maps them to localised text.
 * - `required`: empty;
 * - `invalid`: characters or values that can never be right (letters in a number, month 13);
 * - `incomplete`: too short so far (still being typed);
 * - `too-long`: longer than the brand (or the field) allows;
 * - `luhn`: the right length for its brand but the check digit is wrong;
 * - `unsupported-brand`: a card network this form does not take;
 * - `expired`: an expiry date in the past.
 */
export type CardFieldError =
  | 'required'
  | 'invalid'
  | 'incomplete'
  | 'too-long'
  | 'luhn'
  | 'unsupported-brand'
  | 'expired';

/** The brands a card form can take (every `CardBrand` except `'unknown'`). */
export type SupportedCardBrand = Exclude<CardBrand, 'unknown'>;

export const SUPPORTED_CARD_BRANDS: readonly SupportedCardBrand[] = [
  'visa',
  'mastercard',
  'amex',
  'unionpay',
  'jcb',
  'discover',
  'diners',
];

// card-validator's type ids (credit-card-type) for our brands.
const TYPE_BY_BRAND: Record<SupportedCardBrand, string> = {
  visa: 'visa',
  mastercard: 'mastercard',
  amex: 'american-express',
  unionpay: 'unionpay',
  jcb: 'jcb',
  discover: 'discover',
  diners: 'diners-club',
};

const BRAND_BY_TYPE = new Map<string, SupportedCardBrand>(
  SUPPORTED_CARD_BRANDS.map((brand) => [TYPE_BY_BRAND[brand], brand]),
);

interface CardTypeInfo {
  type: string;
  gaps: number[];
  lengths: number[];
  code: { size: number };
}

type FindCardTypes = (digits: string) => CardTypeInfo[];

// card-validator re-exports credit-card-type through TypeScript's `__importStar`, so at run time
// `creditCardType` is a namespace whose `default` is the function (its typings say it is callable).
const creditCardType = cardValidator.creditCardType as unknown as
  | (FindCardTypes & { default?: FindCardTypes; getTypeInfo(type: string): CardTypeInfo })
  | { default: FindCardTypes; getTypeInfo(type: string): CardTypeInfo };
const findCardTypes: FindCardTypes =
  typeof creditCardType === 'function' ? creditCardType : creditCardType.default;

/** What people type between digit groups. Anything else makes a number `invalid`. */
const SEPARATORS = /[\s-]/g;
const DEFAULT_GAPS = [4, 8, 12];
const MAX_DIGITS = 19;

function compactNumber(input: string): string {
  return typeof input === 'string' ? input.replace(SEPARATORS, '') : '';
}

/**
 * The card's brand from what has been typed so far: as soon as only one of the supported brands
 * can still match (`4` is Visa, `5` Mastercard, `62` UnionPay, `34` Amex), otherwise `'unknown'`
 * (`3` could be Amex, Diners or JCB). Spaces and dashes are ignored.
 */
export function detectCardBrand(number: string): CardBrand {
  const digits = compactNumber(number);
  if (digits === '' || !/^\d+$/.test(digits)) {
    return 'unknown';
  }
  const brands = new Set<SupportedCardBrand>();
  for (const candidate of findCardTypes(digits)) {
    const brand = BRAND_BY_TYPE.get(candidate.type);
    if (brand) {
      brands.add(brand);
    }
  }
  const [only] = brands;
  return brands.size === 1 && only !== undefined ? only : 'unknown';
}

function typeInfoFor(brand: CardBrand): CardTypeInfo | undefined {
  return brand === 'unknown' ? undefined : creditCardType.getTypeInfo(TYPE_BY_BRAND[brand]);
}

/** The most digits a card of this brand has (19 when the brand is not known yet). */
export function maxCardNumberLength(brand: CardBrand): number {
  const info = typeInfoFor(brand);
  return info ? Math.max(...info.lengths) : MAX_DIGITS;
}

/**
 * The brand's gaps; card-validator stops at 12 for 16-digit groupings, so a 19-digit Visa or
 * UnionPay gets its last group after 16 too (`4242 4242 4242 4242 123`), as Stripe shows it.
 */
function gapsOf(info: CardTypeInfo | undefined): number[] {
  const gaps = info?.gaps ?? DEFAULT_GAPS;
  const longest = info ? Math.max(...info.lengths) : MAX_DIGITS;
  return gaps.at(-1) === 12 && longest > 16 ? [...gaps, 16] : gaps;
}

/**
 * Formats a card number as it is typed: digits only, grouped at the brand's gaps (`4242 4242 4242
 * 4242`, Amex `3782 822463 10005`), cut at the brand's longest length. Partial input stays partial.
 */
export function formatCardNumber(input: string): string {
  const digits = typeof input === 'string' ? input.replace(/\D/g, '') : '';
  const info = typeInfoFor(detectCardBrand(digits));
  const capped = digits.slice(0, info ? Math.max(...info.lengths) : MAX_DIGITS);
  const gaps = gapsOf(info);
  let out = '';
  for (let i = 0; i < capped.length; i++) {
    if (i > 0 && gaps.includes(i)) {
      out += ' ';
    }
    out += capped[i];
  }
  return out;
}

export interface CardNumberValidation {
  valid: boolean;
  /** The detected brand (`'unknown'` until one brand is certain). */
  brand: CardBrand;
  /** Set when `valid` is false. */
  error?: CardFieldError;
}

export interface ValidateCardNumberOptions {
  /** Brands the merchant accepts. Default: all seven (`SUPPORTED_CARD_BRANDS`). */
  brands?: readonly SupportedCardBrand[];
}

/**
 * Checks a whole card number (spaces and dashes allowed): a supported brand, one of the brand's
 * lengths and the Luhn check digit (not for UnionPay, some of whose cards do not use it: the gateway
 * decides). Never echoes the number.
 */
export function validateCardNumber(
  number: string,
  options: ValidateCardNumberOptions = {},
): CardNumberValidation {
  const digits = compactNumber(number);
  if (digits === '') {
    return { valid: false, brand: 'unknown', error: 'required' };
  }
  if (!/^\d+$/.test(digits)) {
    return { valid: false, brand: 'unknown', error: 'invalid' };
  }
  const brand = detectCardBrand(digits);
  const fail = (error: CardFieldError): CardNumberValidation => ({ valid: false, brand, error });
  const accepted = options.brands ?? SUPPORTED_CARD_BRANDS;
  if (brand !== 'unknown' && !accepted.includes(brand)) {
    return fail('unsupported-brand');
  }
  const result = cardValidator.number(digits);
  if (!result.card) {
    // Not one network yet: no network starts like this, or several still could.
    const candidates = findCardTypes(digits);
    if (candidates.length === 0) {
      return fail('invalid');
    }
    return candidates.some((candidate) => BRAND_BY_TYPE.has(candidate.type))
      ? fail('incomplete')
      : fail('unsupported-brand');
  }
  const type = BRAND_BY_TYPE.get(result.card.type);
  if (type === undefined || !accepted.includes(type)) {
    return fail('unsupported-brand');
  }
  const lengths = result.card.lengths;
  if (!lengths.includes(digits.length)) {
    return fail(digits.length > Math.max(...lengths) ? 'too-long' : 'incomplete');
  }
  return result.isValid ? { valid: true, brand } : fail('luhn');
}

export interface ExpiryValidation {
  valid: boolean;
  /** Set when `valid` is false. */
  error?: CardFieldError;
  /** 1–12, when the month could be read. */
  month?: number;
  /** Four digits, when the year could be read. */
  year?: number;
}

/** How many years ahead an expiry may be (card-validator uses 19; cards run 3–5 years). */
const MAX_YEARS_AHEAD = 20;

/**
 * Checks an expiry month (`4`, `04`) and year (`27`, `2027`) against `now`: a card is good through
 * the last day of its month (UTC, as `getExpiryStatus`). At most 20 years ahead.
 */
export function validateExpiry(
  month: string,
  year: string,
  now: Date = new Date(),
): ExpiryValidation {
  const m = typeof month === 'string' ? month.trim() : '';
  const y = typeof year === 'string' ? year.trim() : '';
  if (m === '' || y === '') {
    return { valid: false, error: 'required' };
  }
  if (!/^\d{1,2}$/.test(m) || !/^\d{1,4}$/.test(y)) {
    return { valid: false, error: 'invalid' };
  }
  const monthNumber = Number.parseInt(m, 10);
  if (monthNumber < 1 || monthNumber > 12) {
    return { valid: false, error: 'invalid' };
  }
  if (y.length === 1 || y.length === 3) {
    return { valid: false, error: 'incomplete', month: monthNumber };
  }
  const yearNumber = y.length === 2 ? 2000 + Number.parseInt(y, 10) : Number.parseInt(y, 10);
  const parsed = { month: monthNumber, year: yearNumber };
  if (yearNumber > now.getUTCFullYear() + MAX_YEARS_AHEAD || yearNumber < 2000) {
    return { valid: false, error: 'invalid', ...parsed };
  }
  if (getExpiryStatus(monthNumber, yearNumber, now, 0) === 'expired') {
    return { valid: false, error: 'expired', ...parsed };
  }
  return { valid: true, ...parsed };
}

/**
 * Splits an `MM/YY` field (`04/27`, `04 / 2027`, `0427`, `042027`) into month and year strings,
 * as typed (validate with `validateExpiry`).
 */
export function parseExpiryInput(input: string): { month: string; year: string } {
  const text = typeof input === 'string' ? input.trim() : '';
  const parts = text.split(/\s*[/\-.]\s*|\s+/);
  if (parts.length === 2) {
    return { month: parts[0] ?? '', year: parts[1] ?? '' };
  }
  const digits = text.replace(/\D/g, '');
  if (digits.length === text.length) {
    return { month: digits.slice(0, 2), year: digits.slice(2) };
  }
  // Anything else is left for validateExpiry to refuse.
  return { month: text, year: '' };
}

/**
 * Formats an `MM/YY` field as it is typed: digits only, a leading zero when the month cannot be
 * two digits (`4` → `04`), a slash once the year starts (`042` → `04/2`), at most `MM/YYYY`.
 */
export function formatExpiryInput(input: string): string {
  let digits = typeof input === 'string' ? input.replace(/\D/g, '') : '';
  const first = digits[0];
  if (first !== undefined && first > '1') {
    digits = `0${digits}`;
  }
  digits = digits.slice(0, 6);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/** The CVC length(s) of a brand: 4 for Amex, 3 for the others, either when the brand is unknown. */
export function cvcLengths(brand: CardBrand): number[] {
  const info = typeInfoFor(brand);
  return info ? [info.code.size] : [3, 4];
}

/** Checks a CVC for the brand (`cvcLengths`). */
export function validateCvc(
  cvc: string,
  brand: CardBrand,
): { valid: boolean; error?: CardFieldError } {
  const value = typeof cvc === 'string' ? cvc.trim() : '';
  if (value === '') {
    return { valid: false, error: 'required' };
  }
  const lengths = cvcLengths(brand);
  const result = cardValidator.cvv(value, lengths);
  if (result.isValid) {
    return { valid: true };
  }
  if (!/^\d+$/.test(value)) {
    return { valid: false, error: 'invalid' };
  }
  return { valid: false, error: value.length > Math.max(...lengths) ? 'too-long' : 'incomplete' };
}

/** Longest holder name and nickname the gateway takes (GATEWAY.md: strings ≤ 255). */
export const MAX_CARD_TEXT_LENGTH = 255;

/**
 * Checks a cardholder name: not empty once trimmed, at most 255 characters, and not a card number
 * typed into the wrong field (card-validator's rule: digits, spaces and dashes only).
 */
export function validateHolderName(name: string): { valid: boolean; error?: CardFieldError } {
  const value = typeof name === 'string' ? name.trim() : '';
  if (value === '') {
    return { valid: false, error: 'required' };
  }
  if ([...value].length > MAX_CARD_TEXT_LENGTH) {
    return { valid: false, error: 'too-long' };
  }
  // card-validator: "potentially valid but not valid" is a name of digits, spaces and dashes only.
  // (Its own length limit counts UTF-16 units; the one above counts characters.)
  const result = cardValidator.cardholderName(value);
  return !result.isValid && result.isPotentiallyValid
    ? { valid: false, error: 'invalid' }
    : { valid: true };
}

/** The add-card form's fields, as the inputs hold them. */
export interface CardFormValues {
  number: string;
  /** `MM/YY` (or `MM/YYYY`), see `parseExpiryInput`. */
  expiry: string;
  cvc: string;
  holderName: string;
  nickname?: string;
}

export type CardFormField = keyof CardFormValues;

export interface CardFormValidation {
  valid: boolean;
  brand: CardBrand;
  /** One code per invalid field; valid fields are absent. */
  errors: Partial<Record<CardFormField, CardFieldError>>;
}

export interface ValidateCardFormOptions extends ValidateCardNumberOptions {
  /** The clock for the expiry check. Default `new Date()`. */
  now?: Date;
}

/** Checks every field of the add-card form; the UI shows `errors[field]` next to each input. */
export function validateCardForm(
  values: CardFormValues,
  options: ValidateCardFormOptions = {},
): CardFormValidation {
  const errors: Partial<Record<CardFormField, CardFieldError>> = {};
  const number = validateCardNumber(values.number, options);
  if (number.error) {
    errors.number = number.error;
  }
  const { month, year } = parseExpiryInput(values.expiry);
  const expiry = validateExpiry(month, year, options.now);
  if (expiry.error) {
    errors.expiry = expiry.error;
  }
  const cvc = validateCvc(values.cvc, number.brand);
  if (cvc.error) {
    errors.cvc = cvc.error;
  }
  const holderName = validateHolderName(values.holderName);
  if (holderName.error) {
    errors.holderName = holderName.error;
  }
  const nickname = typeof values.nickname === 'string' ? values.nickname.trim() : '';
  if ([...nickname].length > MAX_CARD_TEXT_LENGTH) {
    errors.nickname = 'too-long';
  }
  return { valid: Object.keys(errors).length === 0, brand: number.brand, errors };
}
