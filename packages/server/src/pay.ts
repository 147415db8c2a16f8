import type { OpenPaymentsRequestBody, PaymentOrder, PaymentResult } from '@savedcards/wire';
import {
  errorEnvelope,
  isRecord,
  KIT_PAY_PATHS,
  PAYMENT_ERRORS,
  PAYMENT_GATEWAY_ERRORS,
  PAYMENT_INFERRED,
  paymentGatewayPaths,
  successEnvelope,
} from '@savedcards/wire';
import type { WonderCallResult } from './client.js';
import { redact } from './redact.js';
import type { AnswerLevel } from './steps/answer.js';
import { answerUpstream, ProxyAnswer, refuse } from './steps/answer.js';
import type { RequestTrace } from './steps/log.js';
import type { ProxyConfig, SessionCustomer } from './steps/options.js';
import type { TokenOwnership } from './steps/ownership.js';
import type { PaymentConfig } from './steps/payOptions.js';
import type { PayRouteKind } from './steps/payRequest.js';
import { readPayBody } from './steps/payRequest.js';
import type { TransactionReading } from './steps/payResult.js';
import { resultFromCheck, resultFromTransaction } from './steps/payResult.js';
import { checkSameOrigin } from './steps/route.js';
import { checkLimits } from './steps/limits.js';
import type { CustomerBinding } from './steps/session.js';

/** How long an order's payment is remembered. */
const RECORD_TTL_MS = 24 * 60 * 60 * 1000;
/** How often a request waiting for another process's payment of the same order looks again. */
const POLL_MS = 100;

type Upstream = { status?: number; code?: string; ms: number };

/** What one payment (or status read) came to; shared by every request waiting for it. */
type Outcome =
  | { result: PaymentResult; level?: AnswerLevel; detail?: string; upstream?: Upstream }
  | { answer: ProxyAnswer };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function refusePayment(name: keyof typeof PAYMENT_ERRORS, message?: string): ProxyAnswer {
  const error = PAYMENT_ERRORS[name];
  return new ProxyAnswer({
    status: error.status,
    body: JSON.stringify(
      errorEnvelope('A', { code: error.code, message: message ?? error.message }),
    ),
    level: 'info',
    code: error.code,
  });
}

/** A fresh answer per request (a log step may change its level or detail). */
function toAnswer(outcome: Outcome): ProxyAnswer {
  if ('answer' in outcome) return new ProxyAnswer({ ...outcome.answer });
  return new ProxyAnswer({
    status: 200,
    body: JSON.stringify(successEnvelope('A', outcome.result)),
    level: outcome.level ?? 'info',
    ...(outcome.detail ? { detail: outcome.detail } : {}),
    ...(outcome.upstream ? { upstream: outcome.upstream } : {}),
  });
}

function upstreamOf(result: WonderCallResult): Upstream {
  if (result.kind !== 'response') return { ms: result.durationMs };
  return {
    ms: result.durationMs,
    status: result.status,
    ...(result.envelope.ok || result.envelope.code === '' ? {} : { code: result.envelope.code }),
  };
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= 255;

/** `resolveOrder`'s answer checked: what is charged must be a clean amount, currency and reference. */
function checkOrder(order: unknown, orderId: string): PaymentOrder | string {
  if (!isRecord(order)) return 'resolveOrder returned no order object';
  const { reference_number: reference, amount, currency } = order;
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
  return { id: orderId, reference_number: reference, amount, currency };
}

/** The proxy's payment routes (`KIT_PAY_PATHS`): the pipeline for one pay or status request. */
export interface PaymentRoutes {
  run(kind: PayRouteKind, request: Request, trace: RequestTrace): Promise<ProxyAnswer>;
}

/**
 * Pay with a saved card (issue 16). The browser names its order and a token; the session says who
 * pays, `resolveOrder` what is charged; the token must be the customer's (403 before anything is
 * paid). One payment per customer + order at a time: a second request while one is in flight
 * gets its outcome (in this process at once, across processes through the store's lock); a
 * success is answered again without a second charge; when Wonder's answer was lost, Wonder's
 * `orders/check` says what happened before anything is paid again.
 */
export function createPaymentRoutes(
  config: ProxyConfig,
  payments: PaymentConfig,
  customers: CustomerBinding,
  ownership: TokenOwnership,
): PaymentRoutes {
  const { client } = config;
  const { store, redirectHosts } = payments;
  const inflight = new Map<string, Promise<Outcome>>();
  const lockTtlMs = client.timeoutMs * 2 + 5000;

  async function remember(
    key: string,
    reading: TransactionReading,
    upstream: Upstream,
  ): Promise<Outcome> {
    if (!reading.ok) {
      return {
        answer: refuse('upstreamInvalidResponse', {
          level: 'error',
          upstream,
          detail: `refused the redirect_url of transaction ${reading.transactionUuid}: ${reading.refused}`,
        }),
      };
    }
    await store.set(
      key,
      { status: 'answered', result: reading.result, at: Date.now() },
      RECORD_TTL_MS,
    );
    return { result: reading.result, upstream };
  }

  /** Wonder's `orders/check`: the order's payment as Wonder knows it, or `none`. */
  async function readWonder(
    key: string,
    order: PaymentOrder,
    token: string,
    requestId: string,
  ): Promise<Outcome | 'none'> {
    const result = await client.call({
      method: 'POST',
      path: paymentGatewayPaths.checkOrder(),
      body: JSON.stringify({ order: { reference_number: order.reference_number } }),
      requestId,
    });
    if (result.kind === 'response' && !result.envelope.ok) {
      if (result.envelope.code === PAYMENT_GATEWAY_ERRORS.orderNotFound.code) return 'none';
    }
    if (result.kind !== 'response' || !result.envelope.ok) {
      return { answer: answerUpstream(result, client.timeoutMs) };
    }
    const reading = resultFromCheck(order, token, result.envelope.data, redirectHosts);
    if (reading.ok === 'none') return 'none';
    if (reading.ok === 'paidElsewhere') return { answer: refusePayment('orderAlreadyPaid') };
    return remember(key, reading, upstreamOf(result));
  }

  /** `open_payments`, signed, with the server's amount, currency and reference. */
  async function send(
    key: string,
    order: PaymentOrder,
    token: string,
    requestId: string,
  ): Promise<Outcome> {
    await store.set(key, { status: 'sent', token, at: Date.now() }, RECORD_TTL_MS);
    const body: OpenPaymentsRequestBody = {
      payment: {
        payment_token: {
          amount: order.amount,
          token,
          consume_mode: payments.consumeMode,
          entry_type: payments.entryType,
        },
      },
      order: { currency: order.currency, reference_number: order.reference_number },
    };
    // No abort signal: a browser going away must not cut a payment off halfway.
    const result = await client.call({
      method: 'POST',
      path: paymentGatewayPaths.openPayments(),
      body: JSON.stringify(body),
      requestId,
    });
    const upstream = upstreamOf(result);
    if (result.kind !== 'response') {
      // Sent, no answer: Wonder may have charged. The record stays `sent`: the next pay or status
      // reads orders/check instead of paying again.
      return {
        result: { state: 'processing', order, token },
        level: 'warn',
        detail: `open_payments answer lost (${result.kind}); the next pay or status reads orders/check`,
        upstream,
      };
    }
    const { envelope } = result;
    if (envelope.ok) {
      const data = envelope.data;
      if (!isRecord(data) || !isRecord(data.transaction)) {
        return {
          answer: refuse('upstreamInvalidResponse', {
            upstream,
            detail: 'open_payments answered without data.transaction',
          }),
        };
      }
      return remember(
        key,
        resultFromTransaction(order, token, data.transaction, redirectHosts),
        upstream,
      );
    }
    if (
      envelope.code === PAYMENT_GATEWAY_ERRORS.orderAlreadyPaid.code ||
      envelope.code === PAYMENT_GATEWAY_ERRORS.paymentInProgress.code
    ) {
      const known = await readWonder(key, order, token, requestId);
      if (known !== 'none') return known;
    }
    // A refusal (4xx) charged nothing: forget the attempt. A 5xx may have: keep it `sent`.
    if (result.status < 500) await store.delete(key);
    return { answer: answerUpstream(result, client.timeoutMs) };
  }

  async function payLocked(
    key: string,
    order: PaymentOrder,
    token: string,
    requestId: string,
    waited: boolean,
  ): Promise<Outcome> {
    const record = await store.get(key);
    if (record?.status === 'answered' && (record.result.state === 'succeeded' || waited)) {
      return { result: record.result };
    }
    if (record && !(record.status === 'answered' && record.result.state === 'failed')) {
      // Sent without a known answer, or waiting for 3-D Secure: Wonder says what happened.
      const known = await readWonder(
        key,
        order,
        record.status === 'sent' ? record.token : token,
        requestId,
      );
      if (known !== 'none') return known;
    }
    return send(key, order, token, requestId);
  }

  async function payOnce(
    key: string,
    order: PaymentOrder,
    token: string,
    requestId: string,
  ): Promise<Outcome> {
    const deadline = Date.now() + lockTtlMs;
    let waited = false;
    while (!(await store.lock(key, lockTtlMs))) {
      // Another process is paying this order: wait for its outcome.
      if (Date.now() >= deadline) return status(key, order, requestId);
      waited = true;
      await sleep(POLL_MS);
    }
    try {
      return await payLocked(key, order, token, requestId, waited);
    } finally {
      await store.unlock(key);
    }
  }

  async function status(key: string, order: PaymentOrder, requestId: string): Promise<Outcome> {
    const record = await store.get(key);
    if (record?.status === 'answered' && record.result.state === 'succeeded') {
      return { result: record.result };
    }
    const token =
      record?.status === 'sent'
        ? record.token
        : record?.status === 'answered'
          ? record.result.token
          : '';
    const known = await readWonder(key, order, token, requestId);
    if (known !== 'none') return known;
    if (record?.status === 'answered') return { result: record.result };
    return {
      answer: refusePayment(
        'orderNotFound',
        'No payment of this order has reached Wonder Gateway.',
      ),
    };
  }

  /** One outcome per key in this process: a request arriving while one runs shares it. */
  function shared(key: string, start: () => Promise<Outcome>): Promise<Outcome> {
    let running = inflight.get(key);
    if (!running) {
      running = start().finally(() => inflight.delete(key));
      inflight.set(key, running);
    }
    return running;
  }

  async function handle(
    kind: PayRouteKind,
    request: Request,
    requestId: string,
    session: SessionCustomer,
    orderId: string,
    token: string | undefined,
  ): Promise<ProxyAnswer> {
    const resolved = await payments.resolveOrder(request, session, orderId);
    if (resolved === null || resolved === undefined) return refusePayment('orderNotFound');
    const order = checkOrder(resolved, orderId);
    if (typeof order === 'string') return refuse('internal', { detail: order });
    const key = JSON.stringify([session.referenceNumber, order.id]);
    if (kind === 'status' || token === undefined) {
      const running = inflight.get(key);
      return toAnswer(await (running ?? status(key, order, requestId)));
    }
    const foreign = await ownership.check(
      // The ownership step reads a token named like a check's body.
      'checkToken',
      { payment_token: { token } },
      customers.knownUuid(session),
      requestId,
    );
    if (foreign) return foreign;
    return toAnswer(await shared(key, () => payOnce(key, order, token, requestId)));
  }

  return {
    async run(kind, request, trace) {
      trace.route = KIT_PAY_PATHS[kind];
      const forged = checkSameOrigin(request, config.allowedOrigins);
      if (forged) return forged;
      const session = await customers.resolve(request);
      if (session instanceof ProxyAnswer) return session;
      const limited = await checkLimits(config.limits, {
        request,
        requestId: trace.requestId,
        operation: kind === 'pay' ? 'pay' : 'paymentStatus',
        route: KIT_PAY_PATHS[kind],
        customer: {
          referenceNumber: session.referenceNumber,
          ...(session.uuid ? { uuid: session.uuid } : {}),
        },
        clientAddress: config.limits ? config.clientAddress(request) : undefined,
      });
      if (limited) return limited;
      const body = await readPayBody(kind, request, config.bodyTimeoutMs);
      if (body instanceof ProxyAnswer) return body;
      const answer = await handle(
        kind,
        request,
        trace.requestId,
        session,
        body.orderId,
        body.token,
      );
      if (body.ignored.length > 0) {
        // Only field names, never values: a tampering browser may send anything.
        const note = `ignored fields from the browser (tamper attempt?): ${redact(body.ignored.join(', '))}`;
        if (answer.level === 'info') answer.level = 'warn';
        answer.detail = answer.detail ? `${note}; ${answer.detail}` : note;
      }
      return answer;
    },
  };
}
