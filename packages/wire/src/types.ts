/**
 * Wire shapes of Wonder Gateway's Customer Management API (GATEWAY.md §4–§6) and their enums. The
 * mock writes exactly these; real answers vary more, which is why `@savedcards/core` reads tolerantly.
 */

/** Token states. Wonder's enum is undocumented; these are the iOS SDK's *(inferred)*. */
export const TOKEN_STATES = ['success', 'pending', 'failed'] as const;
export type WireTokenState = (typeof TOKEN_STATES)[number];

/**
 * `token_type` values, by kind. Wonder's old docs say `CreditCard | Alipay | Wechatpay`, the new
 * ones `CreditCard | AlipayAutoDebit | WechatPayAutoDebit`; both are read, the newer is written.
 */
export const WIRE_TOKEN_TYPES = {
  card: ['CreditCard'],
  alipay: ['AlipayAutoDebit', 'Alipay'],
  wechatpay: ['WechatPayAutoDebit', 'Wechatpay'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

export type WireTokenKind = keyof typeof WIRE_TOKEN_TYPES;

/** `card.transaction_type` for saving a card (GATEWAY.md §5). The proxy sets it. */
export const TRANSACTION_TYPES = [
  'partial_split_shipment',
  'delayed_charges',
  'no_show',
  'recurring_payment',
  'unscheduled_cof',
  'unscheduled_cof_subsequent',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/** `credit_card` inside a token. `number` is masked by the gateway (`424242******4242`). */
export interface WireCreditCard {
  number: string;
  exp_month: string;
  exp_year: string;
  holder_name: string;
  brand: string;
  billing_currency: string;
}

/** A payment token as sent in envelope A (newer responses). */
export interface WireToken {
  token_type: string;
  token: string;
  state: WireTokenState | (string & {});
  /** Absent in older responses: compare with `customer.default_payment_token.token` then. */
  default?: boolean;
  verify_url: string | null;
  verify_uuid: string | null;
  error_code: string;
  error_msg: string;
  credit_card: WireCreditCard;
}

/** `data.customer` of customer responses. Optional profile fields are `''` when never set. */
export interface WireCustomer {
  uuid: string;
  reference_number: string;
  name: string;
  email: string;
  dial_code: string;
  phone: string;
  company_name: string;
  default_payment_method: string;
  default_payment_token: WireToken | null;
}
