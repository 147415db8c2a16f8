import {
  CUSTOMER_FIELD_NAMES,
  CUSTOMER_REQUIRED_FIELDS,
  customerFieldMaxLength,
  isCardPaymentMethod,
  isRecord,
  passesLuhn,
  type WireCustomerField,
  type WireProfile,
} from '@savedcards/wire';
import { maskCardNumber } from './card.js';
import type { ChallengeContext } from './challenge.js';
import type { CustomerInput, GatewayDb } from './db.js';
import type { GatewayErrorDefinition } from './errors.js';
import { gatewayError } from './errors.js';
import type { GatewayOperation } from './scenarios.js';
import { findScenarioCard, SLOW_CREATE_MS, wireBrandOf } from './scenarioCards.js';

/** What an operation receives: the db, the path parameters, the URL and the parsed JSON body. */
interface OperationRequest {
  db: GatewayDb;
  params: Readonly<Record<string, string>>;
  url: URL;
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown;
  /** Verify and return URLs, challenge decisions (create and check). */
  challenge: ChallengeContext;
  /** Served strictly when set (`GatewayHandlersOptions.wireProfile`); else the lenient defaults. */
  profile?: WireProfile;
}

/**
 * Success: `data` goes into the envelope with HTTP 200. Failure: an envelope error. `delayMs`
 * answers that much later; `networkError` answers with no response at all.
 */
export type OperationResult =
  | { ok: true; data: unknown; delayMs?: number }
  | { ok: false; error: GatewayErrorDefinition }
  | { ok: false; networkError: true };

export type Operation = (request: OperationRequest) => OperationResult;

const ok = (data: unknown): OperationResult => ({ ok: true, data });
const fail = (error: GatewayErrorDefinition): OperationResult => ({ ok: false, error });

function codePoints(value: string): number {
  return [...value].length;
}

/** `POST P/customers`: create or update by `reference_number` (GATEWAY.md §4). */
const upsertCustomer: Operation = ({ db, body, profile: wireProfile }) => {
  const raw = isRecord(body) ? body.customer : undefined;
  if (!isRecord(raw)) return fail(gatewayError('invalidParameter', 'customer is required.'));

  const input: Partial<Record<WireCustomerField, string>> = {};
  for (const field of CUSTOMER_FIELD_NAMES) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      return fail(gatewayError('invalidParameter', `customer.${field} must be a string.`));
    }
    const max = customerFieldMaxLength(field);
    if (codePoints(value) > max) {
      return fail(
        gatewayError('invalidParameter', `customer.${field} must be at most ${max} characters.`),
      );
    }
    input[field] = value;
  }
  for (const field of CUSTOMER_REQUIRED_FIELDS) {
    if (!input[field]?.trim()) {
      return fail(gatewayError('invalidParameter', `customer.${field} is required.`));
    }
  }
  const method = wireProfile?.defaultPaymentMethod;
  if (
    method !== undefined &&
    method !== 'match-customer' &&
    isCardPaymentMethod(input.default_payment_method) &&
    input.default_payment_method !== method
  ) {
    return fail(
      gatewayError('invalidParameter', 'customer.default_payment_method is not supported.'),
    );
  }
  const {
    reference_number: referenceNumber,
    default_payment_token: defaultToken,
    ...profile
  } = input;
  if (referenceNumber === undefined) {
    return fail(gatewayError('invalidParameter', 'customer.reference_number is required.'));
  }

  const customerInput: CustomerInput = { reference_number: referenceNumber, ...profile };
  if (defaultToken) {
    const existing = db.findCustomerByReference(referenceNumber);
    const token = existing ? db.getToken(existing.uuid, defaultToken) : undefined;
    if (!token) {
      return fail(
        gatewayError('tokenNotFound', 'default_payment_token is not a token of this customer.'),
      );
    }
    if (token.state !== 'success') return fail(gatewayError('tokenNotUsable'));
    customerInput.default_payment_token = defaultToken;
  }
  return ok({ customer: db.upsertCustomer(customerInput) });
};

function customerUuid(params: OperationRequest['params']): string {
  return params.uuid ?? '';
}

/** `GET P/customers/{uuid}`. */
const getCustomer: Operation = ({ db, params }) => {
  const customer = db.getCustomer(customerUuid(params));
  return customer ? ok({ customer }) : fail(gatewayError('customerNotFound'));
};

/** `GET P/customers/{uuid}/payment_tokens[?token_type=A,B]`. */
const listTokens: Operation = ({ db, params, url, profile }) => {
  const uuid = customerUuid(params);
  if (!db.getCustomer(uuid)) return fail(gatewayError('customerNotFound'));
  if (profile?.tokenTypeFilter === 'local' && url.searchParams.has('token_type')) {
    return fail(gatewayError('invalidParameter', 'token_type is not supported.'));
  }
  const types = (url.searchParams.get('token_type') ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  const tokens = db.listTokens(uuid);
  return ok({
    payment_tokens:
      types.length === 0 ? tokens : tokens.filter((token) => types.includes(token.token_type)),
  });
};

/**
 * `DELETE P/customers/{uuid}/payment_tokens` with `{"token": "…"}` (or, in a profile's `'query'`
 * form, `?token=…` and no body); clears the default if it was.
 */
const deleteToken: Operation = ({ db, params, body, url, profile }) => {
  const uuid = customerUuid(params);
  if (!db.getCustomer(uuid)) return fail(gatewayError('customerNotFound'));
  const token =
    profile?.deleteToken === 'query'
      ? url.searchParams.get('token')
      : isRecord(body)
        ? body.token
        : undefined;
  if (typeof token !== 'string' || token === '') {
    return fail(gatewayError('invalidParameter', 'token is required.'));
  }
  if (!db.deleteToken(uuid, token)) return fail(gatewayError('tokenNotFound'));
  return ok({ success: true });
};

const MAX_URL_LENGTH = 2048;
const TRANSACTION_TYPES = new Set([
  'partial_split_shipment',
  'delayed_charges',
  'no_show',
  'recurring_payment',
  'unscheduled_cof',
  'unscheduled_cof_subsequent',
]);
const BILLING_FIELDS = [
  'first_name',
  'last_name',
  'phone_number',
  'email',
  'address',
  'city',
  'state',
  'zip_code',
  'country_code',
] as const;

/** A string field of `record`, checked for type and length; never quotes the value. */
function readString(
  record: Record<string, unknown>,
  field: string,
  where: string,
  options: { required?: boolean; max?: number } = {},
): { ok: true; value: string | undefined } | { ok: false; error: GatewayErrorDefinition } {
  const value = record[field];
  if (value === undefined || value === null || value === '') {
    return options.required
      ? { ok: false, error: gatewayError('invalidParameter', `${where}.${field} is required.`) }
      : { ok: true, value: undefined };
  }
  if (typeof value !== 'string') {
    return {
      ok: false,
      error: gatewayError('invalidParameter', `${where}.${field} must be a string.`),
    };
  }
  const max = options.max ?? 255;
  if (codePoints(value) > max) {
    return {
      ok: false,
      error: gatewayError(
        'invalidParameter',
        `${where}.${field} must be at most ${max} characters.`,
      ),
    };
  }
  return { ok: true, value };
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Last day of the expiry month has passed (local time of the db's clock). */
function isExpired(month: number, year: number, now: Date): boolean {
  return year * 12 + month < now.getFullYear() * 12 + now.getMonth() + 1;
}

/**
 * `POST P/customers/{uuid}/payment_tokens` with `{"card": {…}}` (GATEWAY.md §5). Validates like the
 * gateway, masks the number at once (the full number and CVC are never stored or repeated), then
 * behaves by the number: see `SCENARIO_CARDS`. `3ds` and `transaction_type` are optional here (the
 * signing proxy adds them in production); when `3ds` is given its URLs are the token's return URLs.
 */
const createToken: Operation = ({ db, params, body, challenge, profile }) => {
  const uuid = customerUuid(params);
  if (!db.getCustomer(uuid)) return fail(gatewayError('customerNotFound'));
  const card = isRecord(body) ? body.card : undefined;
  if (!isRecord(card)) return fail(gatewayError('invalidParameter', 'card is required.'));

  const fields: Record<string, string | undefined> = {};
  for (const [field, required] of [
    ['number', true],
    ['exp_month', true],
    ['exp_year', true],
    ['holder_name', true],
    ['cvv', false],
    ['nickname', false],
    ['transaction_type', false],
  ] as const) {
    const read = readString(card, field, 'card', { required });
    if (!read.ok) return fail(read.error);
    fields[field] = read.value;
  }
  const number = fields.number ?? '';
  if (!/^\d{12,19}$/.test(number)) {
    return fail(gatewayError('invalidParameter', 'card.number must be 12 to 19 digits.'));
  }
  // UnionPay (62…) numbers do not all carry a Luhn check digit; card-validator skips them too.
  if (!number.startsWith('62') && !passesLuhn(number)) {
    return fail(gatewayError('invalidParameter', 'card.number is not a valid card number.'));
  }
  if (!fields.holder_name?.trim()) {
    return fail(gatewayError('invalidParameter', 'card.holder_name is required.'));
  }
  const month = /^\d{1,2}$/.test(fields.exp_month ?? '') ? Number(fields.exp_month) : 0;
  if (month < 1 || month > 12) {
    return fail(gatewayError('invalidParameter', 'card.exp_month must be a month, 01 to 12.'));
  }
  const yearText = fields.exp_year ?? '';
  const digits = profile?.expYearDigits;
  const yearForm = digits === 2 ? /^\d{2}$/ : digits === 4 ? /^\d{4}$/ : /^(\d{2}|\d{4})$/;
  if (!yearForm.test(yearText)) {
    return fail(gatewayError('invalidParameter', `card.exp_year must have ${digits ?? 4} digits.`));
  }
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (isExpired(month, year, db.now())) {
    return fail(gatewayError('invalidParameter', 'card has expired.'));
  }
  if (fields.cvv !== undefined && !/^\d{3,4}$/.test(fields.cvv)) {
    return fail(gatewayError('invalidParameter', 'card.cvv must be 3 or 4 digits.'));
  }
  if (fields.transaction_type !== undefined && !TRANSACTION_TYPES.has(fields.transaction_type)) {
    return fail(gatewayError('invalidParameter', 'card.transaction_type is not supported.'));
  }
  if (card.billing_address !== undefined) {
    if (!isRecord(card.billing_address)) {
      return fail(gatewayError('invalidParameter', 'card.billing_address must be an object.'));
    }
    for (const field of BILLING_FIELDS) {
      const read = readString(card.billing_address, field, 'card.billing_address');
      if (!read.ok) return fail(read.error);
    }
  }
  let returnUrls = challenge.defaultReturnUrls();
  if (card['3ds'] !== undefined) {
    const threeDS = card['3ds'];
    if (!isRecord(threeDS))
      return fail(gatewayError('invalidParameter', 'card.3ds must be an object.'));
    const urls: string[] = [];
    for (const field of ['success_return_url', 'fail_return_url']) {
      const read = readString(threeDS, field, 'card.3ds', { required: true, max: MAX_URL_LENGTH });
      if (!read.ok) return fail(read.error);
      if (!isWebUrl(read.value ?? '')) {
        return fail(gatewayError('invalidParameter', `card.3ds.${field} must be an http(s) URL.`));
      }
      urls.push(read.value ?? '');
    }
    returnUrls = { success: urls[0] ?? returnUrls.success, fail: urls[1] ?? returnUrls.fail };
  }

  // From here on only the masked number exists; the full one is dropped with the request.
  const behaviour = findScenarioCard(number)?.behaviour ?? 'frictionless';
  const init = {
    number: maskCardNumber(number),
    brand: wireBrandOf(number),
    exp_month: String(month).padStart(2, '0'),
    exp_year: String(year),
    holder_name: fields.holder_name.trim(),
  };
  switch (behaviour) {
    case 'decline-at-create':
      return fail(gatewayError('cardDeclined'));
    case 'server-error':
      return fail(gatewayError('internalError'));
    case 'network-error':
      return { ok: false, networkError: true };
    case 'frictionless':
    case 'slow': {
      const token = db.addToken(uuid, { ...init, state: 'success' });
      return behaviour === 'slow'
        ? { ok: true, data: { payment_token: token }, delayMs: SLOW_CREATE_MS }
        : ok({ payment_token: token });
    }
    default: {
      const pending = db.addToken(uuid, { ...init, state: 'pending', verify_url: null });
      const verifyUuid = pending.verify_uuid ?? '';
      challenge.forgetDecision(verifyUuid);
      const token = db.updateToken(uuid, pending.token, {
        verify_url: challenge.verifyUrl({
          verifyUuid,
          successReturnUrl: returnUrls.success,
          failReturnUrl: returnUrls.fail,
        }),
      });
      return ok({ payment_token: token });
    }
  }
};

/**
 * `POST P/customers/{uuid}/payment_tokens/check` with `{"payment_token": {"token", "verify_uuid"}}`:
 * the token's current state, after applying a challenge decision waiting in the mailbox.
 */
const checkToken: Operation = ({ db, params, body, challenge }) => {
  const uuid = customerUuid(params);
  if (!db.getCustomer(uuid)) return fail(gatewayError('customerNotFound'));
  const input = isRecord(body) ? body.payment_token : undefined;
  if (!isRecord(input)) return fail(gatewayError('invalidParameter', 'payment_token is required.'));
  const token = readString(input, 'token', 'payment_token', { required: true });
  if (!token.ok) return fail(token.error);
  const stored = db.getToken(uuid, String(token.value));
  // A token the gateway gave a verify uuid is checked with it; one without is checked alone.
  const verifyUuid = readString(input, 'verify_uuid', 'payment_token', {
    required: stored?.verify_uuid != null,
  });
  if (!verifyUuid.ok) return fail(verifyUuid.error);
  if (!stored || (stored.verify_uuid ?? undefined) !== verifyUuid.value) {
    return fail(gatewayError('tokenNotFound', 'No payment token has this token and verify_uuid.'));
  }
  challenge.applyMailbox(db, uuid, stored);
  return ok({ payment_token: db.getToken(uuid, stored.token) ?? stored });
};

/** Every operation the handlers route to. To implement one, replace its entry here. */
export const operations: Record<GatewayOperation, Operation> = {
  upsertCustomer,
  getCustomer,
  listTokens,
  createToken,
  checkToken,
  deleteToken,
};
