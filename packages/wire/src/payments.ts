/**
 * Paying with a saved card (issue 16): the kit's own browser ↔ proxy contract, and Wonder's payment
 * routes the proxy calls. The browser names only the merchant's order and the token; the amount,
 * currency and Wonder reference come from the merchant's own records on the server.
 */
import { OPENAPI_PREFIX } from './paths.js';

/**
 * The kit's payment routes, below the client's `baseUrl` (the proxy's mount path). They are not
 * Wonder's: the proxy serves them (and the mock gateway, in browser-only mode).
 */
export const KIT_PAY_PATHS = {
  /** POST {@link PayRequestBody}: pay the order with the token. Idempotent per order. */
  pay: '/savedcards/v1/payments',
  /** POST {@link PaymentStatusRequestBody}: the order's payment as Wonder knows it (after 3-D Secure, or a lost answer). */
  status: '/savedcards/v1/payments/status',
} as const;

/** What the browser sends to pay. Never an amount or a currency. */
export interface PayRequestBody {
  /** The merchant's own order id, resolved on the server by `resolveOrder`. */
  order_id: string;
  /** The saved card's payment token; must be one of the signed-in customer's. */
  token: string;
}

/** What the browser sends to read an order's payment. */
export interface PaymentStatusRequestBody {
  order_id: string;
}

/** A payment's state as the kit reports it. */
export const PAYMENT_STATES = [
  /** Wonder charged the card. */
  'succeeded',
  /** The issuer wants 3-D Secure on this payment: open `redirect_url`, then read the status. */
  'requires_action',
  /** Wonder has the payment but no outcome yet (read the status again). */
  'processing',
  /** Declined or failed: see `failure`. */
  'failed',
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** Why a payment failed, in words the UI can turn into a message. */
export const PAYMENT_FAILURE_REASONS = [
  'declined',
  'insufficient_funds',
  'authentication_failed',
  'expired_card',
  'unknown',
] as const;
export type PaymentFailureReason = (typeof PAYMENT_FAILURE_REASONS)[number];

/** The order as the server resolved it: the only source of the amount. */
export interface PaymentOrder {
  /** The merchant's order id (as the browser sent it). */
  id: string;
  /** Wonder's `reference_number` for the order. */
  reference_number: string;
  /** Decimal string in major units, e.g. `"12.50"`. */
  amount: string;
  /** ISO 4217, e.g. `"HKD"`. */
  currency: string;
}

/** The proxy's answer to {@link KIT_PAY_PATHS} (envelope `data`). */
export interface PaymentResult {
  state: PaymentState;
  order: PaymentOrder;
  /** The token charged. */
  token: string;
  /** Wonder's transaction uuid, when it gave one. */
  transaction_uuid?: string;
  /** Present when `state` is `requires_action`: the bank's page (checked like a verify URL). */
  redirect_url?: string;
  /** Present when `state` is `failed`. `message` is the gateway's text, redacted. */
  failure?: { reason: PaymentFailureReason; code?: string; message?: string };
}

/** Wonder's payment routes (issue 16; outside GATEWAY.md's customer-management list). */
export const paymentGatewayPaths = {
  /** POST: pay with a saved token (`payment.payment_token`), with an inline `order` or its `reference_number`. */
  openPayments: () => `${OPENAPI_PREFIX}/open_payments`,
  /** POST `{"order":{"reference_number":…}}`: the order and its transactions (PHP SDK `queryOrder`). */
  checkOrder: () => `${OPENAPI_PREFIX}/orders/check`,
  /** POST: void an order's transaction. */
  voidOrder: () => `${OPENAPI_PREFIX}/orders/void`,
  /** POST: refund an order's transaction. */
  refundOrder: () => `${OPENAPI_PREFIX}/orders/refund`,
} as const;

/** Wonder's `consume_mode` for a token payment. */
export const CONSUME_MODES = ['sales', 'pre_authorize'] as const;
export type ConsumeMode = (typeof CONSUME_MODES)[number];

/** Wonder's `entry_type`: customer-initiated (at checkout) or merchant-initiated. */
export const ENTRY_TYPES = ['cit', 'mit'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/**
 * Webhook `X-Action` values Wonder documents (GATEWAY.md §8); others are passed through as strings.
 * The action header is not covered by the signature: trust the signed payload's state.
 */
export const WEBHOOK_ACTIONS = [
  'order.created',
  'order.paid',
  'order.payment_failure',
  'order.voided',
  'order.refunded',
  'transaction.voided',
] as const;
export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];

/** The proxy's payment refusals (envelope A, like `PROXY_ERRORS`). */
export const PAYMENT_ERRORS = {
  /** `resolveOrder` knows no such order for this customer. */
  orderNotFound: { code: 'E_ORDER_NOT_FOUND', status: 404, message: 'No such order.' },
  /** The merchant's records say the order is already paid (by another route). */
  orderAlreadyPaid: {
    code: 'E_ORDER_ALREADY_PAID',
    status: 409,
    message: 'This order is already paid.',
  },
} as const;
