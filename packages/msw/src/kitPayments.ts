import type {
  CheckOrderAnswer,
  GatewayLang,
  OpenPaymentsAnswer,
  OpenPaymentsRequestBody,
  PaymentFailureReason,
  PaymentOrder,
  PaymentResult,
  WonderTransaction,
  WireErrorDefinition,
} from '@savedcards/wire';
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  errorEnvelope,
  isRecord,
  KIT_PAY_PATHS,
  PAYMENT_ERRORS,
  PAYMENT_GATEWAY_ERRORS,
  PAYMENT_INFERRED,
  PROXY_ERRORS,
  successEnvelope,
} from '@savedcards/wire';
import { delay, HttpResponse, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { ChallengeContext, ChallengeMailbox } from './challenge.js';
import type { GatewayDb, MerchantOrderInput } from './db.js';
import { DEMO_CUSTOMER } from './fixtures.js';
import { requestLang, translateMessage } from './lang.js';
import { paymentOperations, translatePaymentMessage } from './payments.js';
import type { GatewayScenario } from './scenarios.js';
import { failureResponse } from './scenarios.js';

/**
 * The kit's own payment routes in the mock gateway (issue 16): `KIT_PAY_PATHS` below `baseUrl`,
 * answered as the signing proxy answers them (`createWonderProxy`'s `resolveOrder` routes), for
 * browser-only mode (demo, Storybook, unit tests), where the browser's client talks to msw directly.
 *
 * The merchant's order book (`db.merchantOrder`, or the `resolveOrder` option) says what is charged
 * and who may pay it; the payment itself is the mock's `open_payments`, in process, so the ledger and
 * the scenario cards decide the outcome. One payment per order at a time; a success is answered
 * again with no second charge; a failure may be paid again; a lost answer (card …6280) charges, then
 * answers with a network error, and the next pay or status reads the ledger.
 */

/** Where the kit's routes find the merchant's order (the mock's stand-in for `resolveOrder`). */
export type ResolveMerchantOrder = (
  orderId: string,
) => MerchantOrderInput | null | undefined | Promise<MerchantOrderInput | null | undefined>;

export interface KitPaymentHandlersOptions {
  baseUrl: string;
  db: GatewayDb;
  challenge: ChallengeContext;
  mailbox: () => ChallengeMailbox | null;
  scenario: GatewayScenario;
  /** Default: the db's order book (`db.merchantOrder`). */
  resolveOrder?: ResolveMerchantOrder | undefined;
}

type RouteKind = keyof typeof KIT_PAY_PATHS;

/** What one pay or status request came to; shared by every request waiting on the same order. */
type Outcome =
  | { kind: 'result'; result: PaymentResult }
  | { kind: 'error'; error: WireErrorDefinition }
  | { kind: 'lost' };

/** The proxy's limits on a pay body (`readPayBody`): two ids, far below the general limit. */
const MAX_PAY_BODY_BYTES = 2048;
const MAX_ID_LENGTH = 255;

const REASONS: ReadonlyMap<string, PaymentFailureReason> = new Map([
  [PAYMENT_GATEWAY_ERRORS.transactionDeclined.code, 'declined'],
  [PAYMENT_GATEWAY_ERRORS.transactionInsufficientFunds.code, 'insufficient_funds'],
  [PAYMENT_GATEWAY_ERRORS.transactionExpiredCard.code, 'expired_card'],
  [PAYMENT_GATEWAY_ERRORS.transactionAuthenticationFailed.code, 'authentication_failed'],
]);

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ID_LENGTH;

const refusal = (error: WireErrorDefinition, message?: string): Outcome => ({
  kind: 'error',
  error: message === undefined ? error : { ...error, message },
});

/** A transaction as the kit's result, as the proxy reads it (`resultFromTransaction`). */
function resultOf(order: PaymentOrder, token: string, transaction: WonderTransaction): Outcome {
  const base: PaymentResult = {
    state: 'processing',
    order,
    token: transaction.payment_token || token,
    transaction_uuid: transaction.uuid,
  };
  switch (transaction.state) {
    case 'success':
      return { kind: 'result', result: { ...base, state: 'succeeded' } };
    case 'failed': {
      const { error_code: code, error_msg: message } = transaction;
      const failure: NonNullable<PaymentResult['failure']> = {
        reason: REASONS.get(code) ?? 'unknown',
        ...(code ? { code } : {}),
        ...(message ? { message } : {}),
      };
      return { kind: 'result', result: { ...base, state: 'failed', failure } };
    }
    case 'pending': {
      const redirect = transaction['3ds']?.redirect_url;
      if (redirect === undefined) return { kind: 'result', result: base };
      return {
        kind: 'result',
        result: { ...base, state: 'requires_action', redirect_url: redirect },
      };
    }
    default:
      return { kind: 'result', result: base };
  }
}

/** The merchant's order checked as the proxy checks `resolveOrder`'s answer. */
function checkOrder(
  found: unknown,
  orderId: string,
): { order: PaymentOrder; customer: string } | string {
  if (!isRecord(found)) return 'resolveOrder returned no order object';
  const { amount, currency, customer = DEMO_CUSTOMER.referenceNumber } = found;
  const reference = found.reference_number ?? orderId;
  if (!isId(reference)) return 'resolveOrder returned an order without reference_number';
  if (
    typeof amount !== 'string' ||
    !PAYMENT_INFERRED.amountFormat.test(amount) ||
    !/[1-9]/.test(amount)
  ) {
    return 'resolveOrder returned an order whose amount is not a positive decimal string like "12.50"';
  }
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    return 'resolveOrder returned an order whose currency is not an ISO 4217 code like "HKD"';
  }
  if (typeof customer !== 'string')
    return 'resolveOrder returned an order whose customer is not a string';
  return { order: { id: orderId, reference_number: reference, amount, currency }, customer };
}

/** The pay body as the proxy reads it: JSON, ≤ 2 KiB, `order_id` (and `token` to pay); the rest ignored. */
async function readBody(
  kind: RouteKind,
  request: Request,
): Promise<{ orderId: string; token?: string } | Outcome> {
  const type = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return refusal(PROXY_ERRORS.unsupportedMediaType);
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > MAX_PAY_BODY_BYTES) {
    return refusal(PROXY_ERRORS.bodyTooLarge);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refusal(PROXY_ERRORS.invalidJson);
  }
  if (!isRecord(body)) return refusal(PROXY_ERRORS.invalidBody, 'The body must be a JSON object.');
  if (!isId(body.order_id)) {
    return refusal(PROXY_ERRORS.invalidBody, 'order_id must be a non-empty string.');
  }
  if (kind === 'status') return { orderId: body.order_id };
  if (!isId(body.token)) {
    return refusal(PROXY_ERRORS.invalidBody, 'token must be a non-empty string.');
  }
  // Whatever else came (amount, currency, customer…) is ignored, as the proxy ignores it.
  return { orderId: body.order_id, token: body.token };
}

/** The answer, in envelope A, with a failure's gateway message in the request's language. */
function respond(outcome: Outcome, lang: GatewayLang): Response {
  const headers = { 'Cache-Control': 'no-store' };
  if (outcome.kind === 'lost') return HttpResponse.error();
  if (outcome.kind === 'error') {
    const { code, status } = outcome.error;
    const message = translateMessage(
      code,
      translatePaymentMessage(code, outcome.error.message, lang),
      lang,
    );
    return HttpResponse.json(errorEnvelope('A', { code, message }), { status, headers });
  }
  const { result } = outcome;
  const failure = result.failure;
  const translated =
    failure?.code && failure.message
      ? {
          ...result,
          failure: {
            ...failure,
            message: translatePaymentMessage(failure.code, failure.message, lang),
          },
        }
      : result;
  return HttpResponse.json(successEnvelope('A', translated), { headers });
}

/** The kit's payment routes, below `baseUrl` (see the module comment). */
export function createKitPaymentHandlers(options: KitPaymentHandlersOptions): HttpHandler[] {
  const { db, challenge, mailbox, scenario } = options;
  const root = options.baseUrl.replace(/\/+$/, '');
  const resolveOrder: ResolveMerchantOrder =
    options.resolveOrder ?? ((orderId) => db.merchantOrder(orderId));
  const inflight = new Map<string, Promise<Outcome>>();

  /** Wonder's `orders/check` of the order, in process (a challenge decision in the mailbox applies). */
  function readLedger(order: PaymentOrder, token: string): Outcome | 'none' {
    const checked = paymentOperations.checkOrder({
      db,
      body: { order: { reference_number: order.reference_number } },
      challenge,
      mailbox,
    });
    if (!checked.ok) return 'none';
    const data = checked.data as CheckOrderAnswer;
    const { transactions } = data;
    const pick =
      transactions.find((t) => t.state === 'success') ??
      [...transactions].reverse().find((t) => t.state === 'pending') ??
      transactions.at(-1);
    if (data.order.correspondence_state === 'paid' && pick?.state !== 'success') {
      return refusal(PAYMENT_ERRORS.orderAlreadyPaid);
    }
    return pick ? resultOf(order, token, pick) : 'none';
  }

  /** `open_payments` in process, with the order book's amount, currency and reference. */
  async function pay(order: PaymentOrder, token: string): Promise<Outcome> {
    const body: OpenPaymentsRequestBody = {
      payment: {
        payment_token: { amount: order.amount, token, consume_mode: 'sales', entry_type: 'cit' },
      },
      order: { currency: order.currency, reference_number: order.reference_number },
    };
    const paid = paymentOperations.openPayments({ db, body, challenge, mailbox });
    if (paid.ok) {
      if (paid.delayMs) await delay(paid.delayMs);
      const { transaction } = paid.data as OpenPaymentsAnswer;
      return resultOf(order, token, transaction);
    }
    // Charged, then the answer was lost: the browser's fetch fails; the ledger has the payment.
    if ('networkError' in paid) return { kind: 'lost' };
    const { code } = paid.error;
    if (
      code === PAYMENT_GATEWAY_ERRORS.orderAlreadyPaid.code ||
      code === PAYMENT_GATEWAY_ERRORS.paymentInProgress.code
    ) {
      // Paid already (answered again, no second charge) or waiting for 3-D Secure (the same redirect).
      const known = readLedger(order, token);
      if (known !== 'none') return known;
    }
    // Relayed as the proxy relays a gateway refusal (tokenNotUsable, orderMismatch…).
    return { kind: 'error', error: paid.error };
  }

  function status(order: PaymentOrder): Outcome {
    const known = readLedger(order, '');
    if (known !== 'none') return known;
    return refusal(
      PAYMENT_ERRORS.orderNotFound,
      'No payment of this order has reached Wonder Gateway.',
    );
  }

  async function handle(kind: RouteKind, request: Request): Promise<Outcome> {
    if (request.headers.get(CSRF_HEADER) !== CSRF_HEADER_VALUE) return refusal(PROXY_ERRORS.csrf);
    const body = await readBody(kind, request);
    if ('kind' in body) return body;
    const found = await resolveOrder(body.orderId);
    if (found === null || found === undefined) return refusal(PAYMENT_ERRORS.orderNotFound);
    const checked = checkOrder(found, body.orderId);
    if (typeof checked === 'string') return refusal(PROXY_ERRORS.internal, checked);
    const { order } = checked;
    const key = JSON.stringify([order.reference_number, order.id]);
    const running = inflight.get(key);
    if (kind === 'status' || body.token === undefined) return running ?? status(order);
    // The proxy's ownership step: the token must be one of the payer's (the order's customer).
    const payer = db.findCustomerByReference(checked.customer);
    if (!payer || !db.getToken(payer.uuid, body.token)) return refusal(PROXY_ERRORS.forbiddenToken);
    if (running) return running;
    const started = pay(order, body.token).finally(() => inflight.delete(key));
    inflight.set(key, started);
    return started;
  }

  const route = (kind: RouteKind): HttpHandler =>
    http.all(`${root}${KIT_PAY_PATHS[kind]}`, async ({ request }) => {
      if (request.method.toUpperCase() !== 'POST') {
        return HttpResponse.json(errorEnvelope('A', PROXY_ERRORS.methodNotAllowed), {
          status: PROXY_ERRORS.methodNotAllowed.status,
          headers: { Allow: 'POST' },
        });
      }
      if (scenario.latencyMs !== undefined) await delay(scenario.latencyMs);
      const lang = requestLang(request);
      const failure = scenario.failure?.operations ? undefined : scenario.failure?.kind;
      if (failure) return failureResponse(failure, 'A', lang);
      return respond(await handle(kind, request), lang);
    });

  return [route('status'), route('pay')];
}
