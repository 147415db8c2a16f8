import { INFERRED } from './inferred.js';
import { isRecord } from './record.js';

/**
 * How a request without a body is signed: `METHOD\nURI` (`'nothing'`, ours) or `METHOD\nURI\n[]`
 * (`'empty-array'`, what Wonder's PHP SDK's request helper would sign for an empty array).
 */
export type BodylessSignature = 'nothing' | 'empty-array';

/** How a token is named on `DELETE …/payment_tokens`: a JSON body `{"token"}`, or `?token=` with no body. */
export type DeleteTokenForm = 'json-body' | 'query';

/**
 * The `default_payment_method` sent with a new default card: always `credit_card`, always
 * `Credit Card`, or the casing family the customer already uses (`cardPaymentMethodValue`).
 */
export type DefaultPaymentMethodValue = 'credit_card' | 'Credit Card' | 'match-customer';

/** What a conformance run saw the gateway answer (recorded, not switched on). */
export interface ObservedWire {
  /** The envelope style of the answers: A (`error_code`) or B (`code`). */
  envelope?: 'A' | 'B';
  /** Every token `state` string seen, sorted. */
  tokenStates?: string[];
  /** The customer's `default_payment_method` as read back after setting a default card. */
  defaultPaymentMethodRead?: string;
  /**
   * Whether the signed create-token route took a `{"secure_data": …}` body sealed for the
   * environment's key (a token came back), or refused it. Absent: not probed.
   */
  secureData?: 'accepted' | 'refused';
}

/**
 * The wire details Wonder's documentation leaves open (`INFERRED`), as one JSON-serialisable
 * object: written by `savedcards-conformance` after probing a gateway, loaded by the signing proxy
 * (`wireProfile`) and served by the mock gateway in the same mode. `version` is always 1.
 */
export interface WireProfile {
  version: 1;
  bodylessSignature: BodylessSignature;
  /** Digits of `exp_year` on create token; the browser always sends 4, the proxy converts. */
  expYearDigits: 4 | 2;
  /** `'local'`: the list is read whole and filtered; `'query'`: `?token_type=A,B` is sent. */
  tokenTypeFilter: 'local' | 'query';
  deleteToken: DeleteTokenForm;
  defaultPaymentMethod: DefaultPaymentMethodValue;
  observed?: ObservedWire;
  /** When the profile was checked, ISO 8601. */
  checkedAt?: string;
  /** Which gateway it was checked against. */
  environment?: 'sandbox' | 'production' | 'custom';
}

/**
 * The profile of this project's inferences (`INFERRED`). Without a loaded profile the proxy passes
 * the browser's forms through unchanged and the mock accepts every alternative; with this one both
 * hold to these choices.
 */
export const DEFAULT_WIRE_PROFILE: WireProfile = Object.freeze({
  version: 1,
  bodylessSignature: INFERRED.bodylessSignature,
  expYearDigits: INFERRED.expYearDigits,
  tokenTypeFilter: INFERRED.tokenTypeFilter,
  deleteToken: INFERRED.deleteTokenBody === 'json' ? 'json-body' : 'query',
  defaultPaymentMethod: 'match-customer',
}) as WireProfile;

const CHOICES = {
  bodylessSignature: ['nothing', 'empty-array'],
  expYearDigits: [4, 2],
  tokenTypeFilter: ['local', 'query'],
  deleteToken: ['json-body', 'query'],
  defaultPaymentMethod: ['credit_card', 'Credit Card', 'match-customer'],
} as const;

const OPTIONAL_KEYS = ['observed', 'checkedAt', 'environment'] as const;
const ENVIRONMENTS = ['sandbox', 'production', 'custom'] as const;
const OBSERVED_KEYS = [
  'envelope',
  'tokenStates',
  'defaultPaymentMethodRead',
  'secureData',
] as const;

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

function fail(message: string): never {
  throw new TypeError(`wire profile: ${message}`);
}

function checkKeys(record: Record<string, unknown>, allowed: readonly string[], where: string) {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      fail(`unknown field ${where}${key} (allowed: ${allowed.join(', ')}).`);
    }
  }
}

function parseObserved(value: unknown): ObservedWire {
  if (!isRecord(value)) fail('`observed` must be an object.');
  checkKeys(value, OBSERVED_KEYS, 'observed.');
  const observed: ObservedWire = {};
  if (value.envelope !== undefined) {
    if (value.envelope !== 'A' && value.envelope !== 'B') {
      fail(`\`observed.envelope\` must be "A" or "B", got ${show(value.envelope)}.`);
    }
    observed.envelope = value.envelope;
  }
  if (value.tokenStates !== undefined) {
    const states = value.tokenStates;
    if (!Array.isArray(states) || !states.every((state) => typeof state === 'string')) {
      fail('`observed.tokenStates` must be a list of strings.');
    }
    observed.tokenStates = [...states];
  }
  if (value.defaultPaymentMethodRead !== undefined) {
    if (typeof value.defaultPaymentMethodRead !== 'string') {
      fail('`observed.defaultPaymentMethodRead` must be a string.');
    }
    observed.defaultPaymentMethodRead = value.defaultPaymentMethodRead;
  }
  if (value.secureData !== undefined) {
    if (value.secureData !== 'accepted' && value.secureData !== 'refused') {
      fail(
        `\`observed.secureData\` must be "accepted" or "refused", got ${show(value.secureData)}.`,
      );
    }
    observed.secureData = value.secureData;
  }
  return observed;
}

/**
 * Reads a wire profile (the parsed JSON of a `wonder-profile.json`), strictly: every switch is
 * required and must be one of its values, unknown fields are refused. Throws a `TypeError` that
 * names the field.
 */
export function parseWireProfile(json: unknown): WireProfile {
  if (!isRecord(json)) fail('must be a JSON object.');
  checkKeys(json, ['version', ...Object.keys(CHOICES), ...OPTIONAL_KEYS], '');
  if (json.version !== 1) fail(`\`version\` must be 1, got ${show(json.version)}.`);
  const profile: Record<string, unknown> = { version: 1 };
  for (const [field, allowed] of Object.entries(CHOICES)) {
    const value = json[field];
    if (!(allowed as readonly unknown[]).includes(value)) {
      fail(
        `\`${field}\` must be one of ${allowed.map((choice) => JSON.stringify(choice)).join(', ')}, got ${show(value)}.`,
      );
    }
    profile[field] = value;
  }
  if (json.observed !== undefined) profile.observed = parseObserved(json.observed);
  if (json.checkedAt !== undefined) {
    if (typeof json.checkedAt !== 'string' || Number.isNaN(Date.parse(json.checkedAt))) {
      fail('`checkedAt` must be an ISO 8601 date string.');
    }
    profile.checkedAt = json.checkedAt;
  }
  if (json.environment !== undefined) {
    if (!(ENVIRONMENTS as readonly unknown[]).includes(json.environment)) {
      fail(
        `\`environment\` must be one of ${ENVIRONMENTS.map((e) => `"${e}"`).join(', ')}, got ${show(json.environment)}.`,
      );
    }
    profile.environment = json.environment;
  }
  return profile as unknown as WireProfile;
}

/**
 * `exp_year` with the profile's digits: `"2027"` ↔ `"27"` (a 2-digit year is taken as 20xx).
 * Anything that is not 2 or 4 digits is returned as it is, for the gateway to refuse.
 */
export function expYearWithDigits(year: string, digits: 4 | 2): string {
  if (digits === 2 && /^\d{4}$/.test(year)) return year.slice(-2);
  if (digits === 4 && /^\d{2}$/.test(year)) return `20${year}`;
  return year;
}

/** Whether a `default_payment_method` value is one of the card spellings (`credit_card`, `Credit Card`). */
export function isCardPaymentMethod(value: unknown): boolean {
  return typeof value === 'string' && /^credit[ _]card$/i.test(value.trim());
}
