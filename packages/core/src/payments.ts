import {
  isRecord,
  KIT_PAY_PATHS,
  PAYMENT_FAILURE_REASONS,
  PAYMENT_INFERRED,
  PAYMENT_STATES,
  type PaymentFailureReason,
  type PaymentOrder,
  type PaymentResult,
  type PaymentState,
} from '@savedcards/wire';
import type { GatewayClient } from './client.js';
import type { CallOptions } from './customers.js';
import { GatewayError } from './errors.js';

/**
 * Paying with a saved card (issue 16): the browser's side of the kit's payment routes
 * (`KIT_PAY_PATHS`, served by the proxy, and by the mock gateway in browser-only mode). The browser
 * names its order and the token; the amount comes from the merchant's server.
 */

export interface PayWithSavedCardInput {
  /** The merchant's own order id; the server resolves what it costs. */
  orderId: string;
  /** The saved card's payment token. */
  token: string;
}

const text = (value: unknown, max = 2048): string | undefined =>
  typeof value === 'string' && value !== '' && value.length <= max ? value : undefined;

function readOrder(value: unknown): PaymentOrder | undefined {
  if (!isRecord(value)) return undefined;
  const id = text(value.id, 255);
  const reference = text(value.reference_number, 255);
  const amount = text(value.amount, 32);
  const currency = text(value.currency, 3);
  if (!id || !reference || !amount || !currency) return undefined;
  if (!PAYMENT_INFERRED.amountFormat.test(amount) || !/^[A-Z]{3}$/.test(currency)) return undefined;
  return { id, reference_number: reference, amount, currency };
}

function readFailure(value: unknown): PaymentResult['failure'] {
  const failure = isRecord(value) ? value : {};
  const reason = PAYMENT_FAILURE_REASONS.includes(failure.reason as PaymentFailureReason)
    ? (failure.reason as PaymentFailureReason)
    : 'unknown';
  const code = text(failure.code, 64);
  const message = text(failure.message, 500);
  return { reason, ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

/**
 * A payment answer (`data` of the kit's pay and status routes) read tolerantly into a
 * `PaymentResult`, or `undefined` when it is not one (unknown state, no order, a `requires_action`
 * without its URL).
 */
export function readPaymentResult(data: unknown): PaymentResult | undefined {
  if (!isRecord(data)) return undefined;
  const state = data.state as PaymentState;
  if (!PAYMENT_STATES.includes(state)) return undefined;
  const order = readOrder(data.order);
  const token = text(data.token, 255);
  if (!order || !token) return undefined;
  const uuid = text(data.transaction_uuid, 255);
  const result: PaymentResult = {
    state,
    order,
    token,
    ...(uuid ? { transaction_uuid: uuid } : {}),
  };
  if (state === 'requires_action') {
    const url = text(data.redirect_url);
    if (!url) return undefined;
    result.redirect_url = url;
  }
  if (state === 'failed') result.failure = readFailure(data.failure);
  return result;
}

function toResult(data: unknown, where: string): PaymentResult {
  const result = readPaymentResult(data);
  if (!result) {
    throw new GatewayError({
      kind: 'invalid-response',
      status: 200,
      message: `${where} returned no payment result`,
    });
  }
  return result;
}

/**
 * `POST {baseUrl}/savedcards/v1/payments`: pays the order with the token. Idempotent per order on
 * the server (a second call never charges twice). Rejects with a `GatewayError` when the request
 * was refused or its answer was lost: after a `network`, `timeout` or 5xx error the card may have
 * been charged, so read `readPaymentStatus`, never pay again.
 */
export async function payWithSavedCard(
  client: GatewayClient,
  input: PayWithSavedCardInput,
  options: CallOptions = {},
): Promise<PaymentResult> {
  const data = await client.request({
    method: 'POST',
    path: KIT_PAY_PATHS.pay,
    body: { order_id: input.orderId, token: input.token },
    signal: options.signal,
  });
  return toResult(data, 'pay');
}

/** `POST {baseUrl}/savedcards/v1/payments/status`: the order's payment as Wonder knows it. */
export async function readPaymentStatus(
  client: GatewayClient,
  orderId: string,
  options: CallOptions = {},
): Promise<PaymentResult> {
  const data = await client.request({
    method: 'POST',
    path: KIT_PAY_PATHS.status,
    body: { order_id: orderId },
    signal: options.signal,
  });
  return toResult(data, 'payment status');
}
