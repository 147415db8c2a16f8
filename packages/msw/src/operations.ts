import type { CustomerInput, GatewayDb } from './db.js';
import type { GatewayErrorDefinition } from './errors.js';
import { gatewayError } from './errors.js';
import type { GatewayOperation } from './scenarios.js';

/** What an operation receives: the db, the path parameters, the URL and the parsed JSON body. */
export interface OperationRequest {
  db: GatewayDb;
  params: Readonly<Record<string, string>>;
  url: URL;
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown;
}

/** Success: `data` goes into the envelope with HTTP 200. Failure: an envelope error. */
export type OperationResult =
  | { ok: true; data: unknown }
  | { ok: false; error: GatewayErrorDefinition };

export type Operation = (request: OperationRequest) => OperationResult;

const ok = (data: unknown): OperationResult => ({ ok: true, data });
const fail = (error: GatewayErrorDefinition): OperationResult => ({ ok: false, error });

const MAX_LENGTH = 255;
const CUSTOMER_FIELDS = [
  'name',
  'email',
  'dial_code',
  'phone',
  'company_name',
  'reference_number',
  'default_payment_method',
  'default_payment_token',
] as const;
const REQUIRED_FIELDS = ['name', 'phone', 'reference_number'] as const;
const MAX_LENGTHS: Partial<Record<(typeof CUSTOMER_FIELDS)[number], number>> = { dial_code: 6 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function codePoints(value: string): number {
  return [...value].length;
}

/** `POST P/customers`: create or update by `reference_number` (GATEWAY.md §4). */
const upsertCustomer: Operation = ({ db, body }) => {
  const raw = isRecord(body) ? body.customer : undefined;
  if (!isRecord(raw)) return fail(gatewayError('invalidParameter', 'customer is required.'));

  const input: Partial<Record<(typeof CUSTOMER_FIELDS)[number], string>> = {};
  for (const field of CUSTOMER_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      return fail(gatewayError('invalidParameter', `customer.${field} must be a string.`));
    }
    const max = MAX_LENGTHS[field] ?? MAX_LENGTH;
    if (codePoints(value) > max) {
      return fail(
        gatewayError('invalidParameter', `customer.${field} must be at most ${max} characters.`),
      );
    }
    input[field] = value;
  }
  for (const field of REQUIRED_FIELDS) {
    if (!input[field]?.trim()) {
      return fail(gatewayError('invalidParameter', `customer.${field} is required.`));
    }
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
const listTokens: Operation = ({ db, params, url }) => {
  const uuid = customerUuid(params);
  if (!db.getCustomer(uuid)) return fail(gatewayError('customerNotFound'));
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

/** `DELETE P/customers/{uuid}/payment_tokens` with `{"token": "…"}`; clears the default if it was. */
const deleteToken: Operation = ({ db, params, body }) => {
  const uuid = customerUuid(params);
  if (!db.getCustomer(uuid)) return fail(gatewayError('customerNotFound'));
  const token = isRecord(body) ? body.token : undefined;
  if (typeof token !== 'string' || token === '') {
    return fail(gatewayError('invalidParameter', 'token is required.'));
  }
  if (!db.deleteToken(uuid, token)) return fail(gatewayError('tokenNotFound'));
  return ok({ success: true });
};

function notImplemented(route: string): Operation {
  return () =>
    fail(gatewayError('notImplemented', `${route} is not implemented in this mock yet.`));
}

/** Every operation the handlers route to. To implement one, replace its entry here. */
export const operations: Record<GatewayOperation, Operation> = {
  upsertCustomer,
  getCustomer,
  listTokens,
  createToken: notImplemented('POST /customers/{uuid}/payment_tokens'),
  checkToken: notImplemented('POST /customers/{uuid}/payment_tokens/check'),
  deleteToken,
};
