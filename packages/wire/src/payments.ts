/**
 * Paying with a saved card (issue 16): the kit's own browser ↔ proxy contract, and Wonder's payment
 * routes the proxy calls. The browser names only the merchant's order and the token; the amount,
 * currency and Wonder reference come from the merchant's own records on the server.
 */
import type { WireErrorDefinition } from './errors.js';
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

/* -------------------------------------------------------------------------------------------------
 * Wonder's upstream wire (GATEWAY.md §8). Anything §8 does not show is marked *(inferred)* here and
 * listed in `PAYMENT_INFERRED`, to correct against the sandbox.
 * -----------------------------------------------------------------------------------------------*/

/** `payment.payment_token` of `POST P/open_payments` (GATEWAY.md §8). */
export interface WonderTokenPayment {
  /** Decimal string in major units, e.g. `"1.00"`. At most two decimals *(inferred)*. */
  amount: string;
  token: string;
  consume_mode: ConsumeMode;
  entry_type: EntryType;
}

/** An inline `order` of `open_payments` (GATEWAY.md §8 lists the field names only). */
export interface WonderOrderInput {
  /** ISO 4217, three letters *(inferred: the format)*. */
  currency: string;
  reference_number: string;
  charge_fee?: string;
  note?: string;
  /** Shape undocumented *(inferred: an array)*; the mock keeps it as sent. */
  line_items?: unknown[];
  due_date?: string;
}

/**
 * `POST P/open_payments`: pay with a saved token, either creating the order inline or naming an
 * existing one by its top-level `reference_number`.
 */
export type OpenPaymentsRequestBody = { payment: { payment_token: WonderTokenPayment } } & (
  | { order: WonderOrderInput; reference_number?: never }
  | { reference_number: string; order?: never }
);

/** `POST P/orders/check` (Wonder's PHP SDK `queryOrder`). */
export interface CheckOrderRequestBody {
  order: { reference_number: string };
}

/**
 * An order's `correspondence_state`. §8 shows `unpaid`; `paid` is inferred from the webhook
 * `order.paid`. Read tolerantly: other strings may come.
 */
export const ORDER_CORRESPONDENCE_STATES = ['unpaid', 'paid'] as const;
export type OrderCorrespondenceState = (typeof ORDER_CORRESPONDENCE_STATES)[number];

/**
 * A transaction's `state` *(inferred: the token states of the iOS SDK; §8 names no enum)*. A
 * `pending` one with `3ds.redirect_url` waits for the cardholder's 3-D Secure.
 */
export const WONDER_TRANSACTION_STATES = ['success', 'pending', 'failed'] as const;
export type WonderTransactionState = (typeof WONDER_TRANSACTION_STATES)[number];

/** The order as `open_payments` and `orders/check` answer it (`data.order`). */
export interface WonderOrder {
  reference_number: string;
  correspondence_state: OrderCorrespondenceState;
  currency: string;
  /** *(inferred)*: the order's total, a decimal string. */
  amount: string;
  note?: string;
  due_date?: string;
}

/** One of `data.transactions[]` (§8 shows `uuid`, `allowed_void`; the rest is inferred). */
export interface WonderTransaction {
  uuid: string;
  /** *(inferred)* */
  state: WonderTransactionState;
  /** *(inferred)*: decimal string, as sent. */
  amount: string;
  /** *(inferred)* */
  currency: string;
  allowed_void: boolean;
  /** *(inferred)*: the token charged. */
  payment_token: string;
  /** *(inferred)* */
  consume_mode: ConsumeMode;
  /** *(inferred)* */
  entry_type: EntryType;
  /** *(inferred, like tokens)*: set on a failed transaction. */
  error_code: string;
  error_msg: string;
  /** Present on a pending transaction that needs 3-D Secure (Wonder's iOS SDK). */
  '3ds'?: { redirect_url: string };
}

/** `data` of the `open_payments` answer *(inferred: the order and the transaction it made)*. */
export interface OpenPaymentsAnswer {
  order: WonderOrder;
  transaction: WonderTransaction;
}

/** `data` of the `orders/check` answer. */
export interface CheckOrderAnswer {
  order: WonderOrder;
  transactions: WonderTransaction[];
}

/**
 * Payment error codes as the mock answers them *(all inferred: Wonder documents no catalogue)*.
 * Refusals of the request itself come back as envelope errors; an issuer's decline comes back as a
 * `failed` transaction carrying one of the `transaction*` codes as `error_code`/`error_msg`.
 */
export const PAYMENT_GATEWAY_ERRORS = {
  orderAlreadyPaid: { code: 'E400001', status: 400, message: 'The order is already paid.' },
  /** Another transaction of the order is still pending (3-D Secure). */
  paymentInProgress: {
    code: 'E400002',
    status: 400,
    message: 'The order has a payment waiting for 3-D Secure.',
  },
  /** The amount or currency differs from the order's. */
  orderMismatch: {
    code: 'E400003',
    status: 400,
    message: 'The amount or currency does not match the order.',
  },
  orderNotFound: { code: 'E400004', status: 404, message: 'Order not found.' },
  transactionDeclined: { code: 'E300005', status: 400, message: 'Payment declined by the issuer.' },
  transactionInsufficientFunds: { code: 'E300061', status: 400, message: 'Insufficient funds.' },
  transactionExpiredCard: { code: 'E300054', status: 400, message: 'The card has expired.' },
  transactionAuthenticationFailed: {
    code: 'E300065',
    status: 400,
    message: '3-D Secure authentication failed.',
  },
} as const satisfies Record<string, WireErrorDefinition>;
export type PaymentGatewayErrorName = keyof typeof PAYMENT_GATEWAY_ERRORS;

/** The payment-side choices Wonder's documents do not settle (like `INFERRED`), in one place. */
export const PAYMENT_INFERRED = {
  /** `open_payments` answers `data.order` and `data.transaction`. Evidence: none yet. */
  openPaymentsAnswer: 'data.order + data.transaction',
  /** Transaction states are the token states. Evidence: the iOS SDK reads `pending`. */
  transactionStates: 'success | pending | failed',
  /** An issuer decline is HTTP 200 with a `failed` transaction, not an envelope error. */
  declineShape: 'failed transaction' as const,
  /** `paid` is the paid `correspondence_state`. Evidence: the webhook `order.paid`. */
  paidState: 'paid' as const,
  /** Amounts are decimal strings with at most two decimals; currencies three letters. */
  amountFormat: /^(0|[1-9]\d*)(\.\d{1,2})?$/,
  /** The payment error codes of `PAYMENT_GATEWAY_ERRORS`. */
  errorCodes: 'PAYMENT_GATEWAY_ERRORS',
} as const;
