import type { GatewayOperation } from '@savedcards/wire';
import { redact } from '../redact.js';
import type { ProxyAnswer } from './answer.js';
import { refuse } from './answer.js';

/**
 * What the `limits` hook sees of a request: who and what, never the body (a card number must not
 * reach it). It runs after the session is known and before anything is sent upstream.
 */
/** The kit's own payment routes, as the `limits` hook names them: paying, and reading a payment. */
export type PaymentRouteOperation = 'pay' | 'paymentStatus';

export interface LimitContext {
  /** The request's URL, method and headers (a copy without its body). */
  request: Request;
  requestId: string;
  operation: GatewayOperation | PaymentRouteOperation;
  /**
   * Route template below the OpenAPI prefix, e.g. `/customers/{uuid}/payment_tokens`; for the
   * payment routes their path below the mount path (`/savedcards/v1/payments`).
   */
  route: string;
  /** The signed-in customer, from `resolveCustomer`. */
  customer: { referenceNumber: string; uuid?: string };
  /** The client's address (proxy option `clientAddress`; by default the TCP peer seen by the Node adapters). */
  clientAddress: string | undefined;
}

/** A refusal from the `limits` hook: answered 429 with `Retry-After`. */
export interface LimitRefusal {
  /** Seconds until the customer may try again (rounded up; `Retry-After`). */
  retryAfterSeconds: number;
  /** Replaces the default message of `E_RATE_LIMITED` (redacted like every message). */
  message?: string;
}

/**
 * The merchant's velocity limits (card-testing attacks target add-card endpoints): resolve
 * `undefined` to let the request through, or a `LimitRefusal`. Default: none.
 */
export type ProxyLimits = (
  context: LimitContext,
) => LimitRefusal | undefined | Promise<LimitRefusal | undefined>;

/** The limits step: 429 `E_RATE_LIMITED` with `Retry-After` when the hook refuses. */
export async function checkLimits(
  limits: ProxyLimits | undefined,
  context: LimitContext,
): Promise<ProxyAnswer | undefined> {
  if (!limits) return undefined;
  const { request } = context;
  const refusal = await limits({ ...context, request: withoutBody(request) });
  if (refusal === undefined || refusal === null) return undefined;
  const seconds = refusal.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new TypeError('limits: `retryAfterSeconds` must be a number of seconds ≥ 0.');
  }
  return refuse(
    'rateLimited',
    { level: 'warn', headers: { 'Retry-After': String(Math.ceil(seconds)) } },
    typeof refusal.message === 'string' && refusal.message !== ''
      ? redact(refusal.message)
      : undefined,
  );
}

/** What `beforeCreateToken` sees: who, from where, with the request's headers (never the card). */
export type BeforeCreateTokenContext = Omit<LimitContext, 'operation' | 'route'>;

/** `beforeCreateToken`'s answer: `undefined` lets the card through, a refusal is a 403. */
export interface CreateTokenRefusal {
  /** Replaces the default message of `E_CREATE_REFUSED` (redacted like every message). */
  message?: string;
}

/**
 * A hook before every card creation, after the limits: a captcha check, a risk score. Resolve
 * `undefined` to go on, or a refusal (403 `E_CREATE_REFUSED`). It never sees the card's fields.
 */
export type BeforeCreateToken = (
  context: BeforeCreateTokenContext,
) => CreateTokenRefusal | undefined | Promise<CreateTokenRefusal | undefined>;

/** The before-create step: only for `createToken`, with a body-less copy of the request. */
export async function checkBeforeCreate(
  hook: BeforeCreateToken | undefined,
  context: LimitContext,
): Promise<ProxyAnswer | undefined> {
  if (!hook || context.operation !== 'createToken') return undefined;
  const { operation: _operation, route: _route, request, ...rest } = context;
  const refusal = await hook({ ...rest, request: withoutBody(request) });
  if (refusal === undefined || refusal === null) return undefined;
  return refuse(
    'createRefused',
    { level: 'warn' },
    typeof refusal.message === 'string' && refusal.message !== ''
      ? redact(refusal.message)
      : undefined,
  );
}

/** A copy without the body: a hook can read headers (cookies, client address) but never the card. */
function withoutBody(request: Request): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
  });
}
