import type { GatewayRoute, TransactionType } from '@savedcards/wire';
import {
  BILLING_ADDRESS_FIELDS,
  CARD_FIELDS,
  checkSecureDataEnvelope,
  CUSTOMER_FIELD_NAMES,
  isRecord,
  OPENAPI_PREFIX,
} from '@savedcards/wire';
import { ProxyAnswer, refuse } from './answer.js';
import type { ReturnUrls, SessionCustomer } from './options.js';
import type { MatchedRoute } from './route.js';
import type { SecureDataConfig } from './secureData.js';

/** The body step's result: what exactly goes upstream. */
export interface Outgoing {
  route: GatewayRoute;
  /** Path and query below the gateway's base URL, as signed: `/svc/…/payment_tokens?token_type=A,B`. */
  path: string;
  /** The exact JSON text to sign and send (body routes only). */
  body?: string;
  /**
   * The body as an object, bound and checked (body routes only): what the ownership step reads.
   * The wire profile step may rewrite `body` after it; this stays the browser's form.
   */
  bound?: Record<string, unknown>;
}

/** What the body policy needs besides the request. */
export interface BodyPolicy {
  maxBodyBytes: number;
  /** How long the whole body may take to arrive. */
  bodyTimeoutMs: number;
  transactionType: TransactionType;
  returnUrls: (request: Request, customer: SessionCustomer) => Promise<ReturnUrls>;
  /** Set when the proxy accepts `{"secure_data": …}` create bodies (experimental). */
  secureData?: SecureDataConfig | undefined;
}

function isJsonContentType(value: string | null): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Before the session is looked up: a body route needs `Content-Type: application/json` (415) and a
 * declared `Content-Length` within the limit (413).
 */
export function checkBodyHeaders(
  route: GatewayRoute,
  request: Request,
  maxBodyBytes: number,
): ProxyAnswer | undefined {
  if (!route.hasBody) return undefined;
  if (!isJsonContentType(request.headers.get('Content-Type')))
    return refuse('unsupportedMediaType');
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBodyBytes) return refuse('bodyTooLarge');
  return undefined;
}

class BodyTooLarge extends Error {}
class BodyTooSlow extends Error {}

/**
 * Reads at most `max` bytes of the body as UTF-8 within `timeoutMs`; throws `BodyTooLarge` beyond
 * the size and `BodyTooSlow` past the time (a client sending a byte a second never holds a request).
 */
async function readText(request: Request, max: number, timeoutMs: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTooSlow()), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      size += value.byteLength;
      if (size > max) throw new BodyTooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Invalid UTF-8 throws a TypeError, answered as invalid JSON.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Deepest nesting any accepted body has (`{"card": {"billing_address": {…}}}` is 3). */
const MAX_JSON_DEPTH = 8;

/**
 * Whether JSON text nests no deeper than `max` (objects and arrays), counted on the text before it
 * is parsed, so a 5,000-deep body is a 400 and never reaches a recursive walk.
 */
export function jsonDepthWithin(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      depth++;
      if (depth > max) return false;
    } else if (char === '}' || char === ']') depth--;
  }
  return true;
}

/** The body as a JSON object: 413 beyond `max` bytes (counted while reading), 400 otherwise. */
async function readJsonObject(
  request: Request,
  max: number,
  timeoutMs: number,
): Promise<Record<string, unknown> | ProxyAnswer> {
  let parsed: unknown;
  try {
    const text = await readText(request, max, timeoutMs);
    if (!jsonDepthWithin(text, MAX_JSON_DEPTH)) {
      return refuse('invalidBody', {}, 'The body is nested too deeply.');
    }
    parsed = JSON.parse(text);
  } catch (error) {
    if (error instanceof BodyTooSlow) return refuse('requestTimeout');
    return refuse(error instanceof BodyTooLarge ? 'bodyTooLarge' : 'invalidJson');
  }
  if (!isRecord(parsed)) return refuse('invalidBody', {}, 'The body must be a JSON object.');
  return parsed;
}

/**
 * Only the listed keys of `source` that are set, each a string (`null` too where `nullable`): a
 * field of another type (`{"$ne": null}`, an array) is a 400, named in the answer.
 */
function pickStrings(
  source: Record<string, unknown>,
  keys: readonly string[],
  where: string,
): Record<string, unknown> | ProxyAnswer {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' && !(value === null && key === 'default_payment_token')) {
      return refuse('invalidBody', {}, `${where}.${key} must be a string.`);
    }
    out[key] = value;
  }
  return out;
}

const BILLING_ADDRESS_FIELD_NAMES = Object.keys(BILLING_ADDRESS_FIELDS);

/**
 * The body sent upstream for each operation, bound to the session: exactly one documented shape
 * (GATEWAY.md §4–§5), built from wire's field lists; anything else the browser sent is dropped.
 * - upsert: `customer.*` from `CUSTOMER_FIELDS`, `reference_number` forced to the session's (another
 *   one is 403);
 * - create token: `card.*` from `CARD_FIELDS` (`billing_address.*` from `BILLING_ADDRESS_FIELDS`),
 *   with `3ds` and `transaction_type` set by the proxy;
 * - create token with `secureData` on: exactly `{"secure_data": {…}}`, its five fields checked
 *   (`checkSecureDataEnvelope`) and forwarded unchanged; anything beside it (a `card`) is a 400;
 * - check: `payment_token.token` and `verify_uuid`; delete: `token`.
 */
export async function outgoingBody(
  route: GatewayRoute,
  body: Record<string, unknown>,
  session: SessionCustomer,
  request: Request,
  policy: Omit<BodyPolicy, 'maxBodyBytes' | 'bodyTimeoutMs'>,
): Promise<Record<string, unknown> | ProxyAnswer> {
  switch (route.operation) {
    case 'upsertCustomer': {
      const customer = body.customer;
      if (!isRecord(customer)) {
        return refuse('invalidBody', {}, 'The body must be {"customer": {…}}.');
      }
      const given = customer.reference_number;
      if (given !== undefined && given !== null && given !== session.referenceNumber) {
        return refuse('forbiddenCustomer', { level: 'warn' });
      }
      const fields = pickStrings(customer, CUSTOMER_FIELD_NAMES, 'customer');
      if (fields instanceof ProxyAnswer) return fields;
      return { customer: { ...fields, reference_number: session.referenceNumber } };
    }
    case 'createToken': {
      if (body.secure_data !== undefined) return secureDataBody(body, policy.secureData);
      if (policy.secureData?.required) {
        return refuse('invalidBody', {}, 'This server accepts only {"secure_data": {…}}.');
      }
      const card = body.card;
      if (!isRecord(card)) return refuse('invalidBody', {}, 'The body must be {"card": {…}}.');
      const { billing_address: billing } = card;
      if (billing !== undefined && !isRecord(billing)) {
        return refuse('invalidBody', {}, 'card.billing_address must be an object.');
      }
      const fields = pickStrings(
        card,
        CARD_FIELDS.filter((field) => field !== 'billing_address'),
        'card',
      );
      if (fields instanceof ProxyAnswer) return fields;
      const address = billing
        ? pickStrings(billing, BILLING_ADDRESS_FIELD_NAMES, 'card.billing_address')
        : undefined;
      if (address instanceof ProxyAnswer) return address;
      const urls = await policy.returnUrls(request, session);
      return {
        card: {
          ...fields,
          ...(address ? { billing_address: address } : {}),
          '3ds': { success_return_url: urls.success, fail_return_url: urls.fail },
          transaction_type: policy.transactionType,
        },
      };
    }
    case 'checkToken': {
      const paymentToken = body.payment_token;
      if (!isRecord(paymentToken) || typeof paymentToken.token !== 'string') {
        return refuse(
          'invalidBody',
          {},
          'The body must be {"payment_token": {"token": "…", "verify_uuid": "…"}}.',
        );
      }
      return {
        payment_token: {
          token: paymentToken.token,
          ...(typeof paymentToken.verify_uuid === 'string'
            ? { verify_uuid: paymentToken.verify_uuid }
            : {}),
        },
      };
    }
    case 'deleteToken': {
      if (typeof body.token !== 'string' || body.token === '') {
        return refuse('invalidBody', {}, 'The body must be {"token": "…"}.');
      }
      return { token: body.token };
    }
    default:
      return body;
  }
}

/**
 * A sealed create body (experimental): only `secure_data`, and only with `secureData` on (else the
 * 400 a body without `card` always got). The proxy cannot read it: it checks the envelope's shape,
 * sizes, key hash and time, and forwards the five fields as they came.
 */
function secureDataBody(
  body: Record<string, unknown>,
  secureData: SecureDataConfig | undefined,
): Record<string, unknown> | ProxyAnswer {
  if (!secureData) return refuse('invalidBody', {}, 'The body must be {"card": {…}}.');
  if (Object.keys(body).some((key) => key !== 'secure_data')) {
    return refuse(
      'invalidBody',
      { level: 'warn' },
      'A {"secure_data": {…}} body has nothing beside it (no card).',
    );
  }
  const envelope = checkSecureDataEnvelope(body.secure_data, {
    pubKeyHashes: [secureData.key.pubKeyHash],
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  if (typeof envelope === 'string') return refuse('invalidBody', {}, envelope);
  return { secure_data: envelope };
}

const TOKEN_TYPE_QUERY = /^[A-Za-z_]{1,64}(,[A-Za-z_]{1,64}){0,15}$/;

/**
 * The query sent upstream: only a list's `token_type`, with a literal comma as Wonder documents it
 * (the signature covers the exact URI; `URLSearchParams` would send `%2C`). The browser client
 * filters locally and no longer sends it (`INFERRED.tokenTypeFilter`). Malformed → 400.
 */
export function outgoingQuery(matched: MatchedRoute): string | ProxyAnswer {
  if (matched.route.operation !== 'listTokens') return '';
  const tokenType = matched.url.searchParams.get('token_type');
  if (tokenType === null) return '';
  if (!TOKEN_TYPE_QUERY.test(tokenType)) return refuse('invalidQuery');
  // Letters, `_` and `,` only: nothing to encode.
  return `?token_type=${tokenType}`;
}

/** The body policy step: the exact path, query and body to sign and send. */
export async function prepareOutgoing(
  matched: MatchedRoute,
  request: Request,
  session: SessionCustomer,
  policy: BodyPolicy,
): Promise<Outgoing | ProxyAnswer> {
  const { route } = matched;
  let bound: Record<string, unknown> | undefined;
  if (route.hasBody) {
    const parsed = await readJsonObject(request, policy.maxBodyBytes, policy.bodyTimeoutMs);
    if (parsed instanceof ProxyAnswer) return parsed;
    const outgoing = await outgoingBody(route, parsed, session, request, policy);
    if (outgoing instanceof ProxyAnswer) return outgoing;
    bound = outgoing;
  }
  const query = outgoingQuery(matched);
  if (query instanceof ProxyAnswer) return query;
  return {
    route,
    path: `${OPENAPI_PREFIX}${matched.path}${query}`,
    ...(bound === undefined ? {} : { body: JSON.stringify(bound), bound }),
  };
}
