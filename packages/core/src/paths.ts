import type { PaymentTokenType } from './types.js';

/**
 * Wonder's routes, in one place. Items marked "inferred" are not in Wonder's text (GATEWAY.md) and
 * are kept here so they are easy to correct once checked against the sandbox.
 */
export const OPENAPI_PREFIX = '/svc/payment/api/v1/openapi';

const segment = (value: string) => encodeURIComponent(value);

export const gatewayPaths = {
  /** POST: create or update a customer (idempotent on `reference_number`). */
  customers: () => `${OPENAPI_PREFIX}/customers`,
  /** GET a customer by uuid (inferred from the iOS SDK's public twin). */
  customer: (uuid: string) => `${OPENAPI_PREFIX}/customers/${segment(uuid)}`,
  /** GET (list), POST (create), DELETE (JSON body): payment tokens (inferred paths). */
  paymentTokens: (uuid: string) => `${OPENAPI_PREFIX}/customers/${segment(uuid)}/payment_tokens`,
  /** POST: check a token's state after 3-D Secure. */
  checkPaymentToken: (uuid: string) =>
    `${OPENAPI_PREFIX}/customers/${segment(uuid)}/payment_tokens/check`,
} as const;

/** `token_type` values sent in the list filter (the newer enum; inferred that the filter takes it). */
export const wireTokenTypes: Record<Exclude<PaymentTokenType, 'unknown'>, string> = {
  card: 'CreditCard',
  alipay: 'AlipayAutoDebit',
  wechatpay: 'WechatPayAutoDebit',
};
