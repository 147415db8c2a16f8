import type { TransactionType } from './types.js';

/**
 * Every choice this project makes that Wonder's documentation does not settle, in one place, each
 * with the evidence it rests on (GATEWAY.md §9). Correct them here once a sandbox call proves
 * otherwise; the browser client, the proxy and the mock all read them from this module.
 *
 * The wire-level ones (bodyless signature, `exp_year` digits, list filter, delete form,
 * `default_payment_method`) are also switches of a `WireProfile` (`wireProfile.ts`):
 * `DEFAULT_WIRE_PROFILE` is built from this object, and `savedcards-conformance`
 * (@savedcards/server) probes a real gateway and writes the profile it answers to, which the proxy
 * loads (`wireProfile`) and the mock gateway serves strictly. A profile overrides these upstream
 * only; the browser always speaks this object's defaults to the proxy.
 */
export const INFERRED = {
  /**
   * `GET /customers/{uuid}` reads a customer. Evidence: the iOS SDK's public twin of the route;
   * Wonder's docs show only the upsert.
   */
  getCustomerRoute: 'GET /customers/{uuid}',
  /**
   * The payment-token routes sit under the customer: `/customers/{uuid}/payment_tokens` (list,
   * create, delete) and `…/payment_tokens/check`. Evidence: the iOS SDK; the docs name the
   * operations, not all the paths.
   */
  paymentTokenRoutes: '/customers/{uuid}/payment_tokens',
  /**
   * DELETE of a token carries a JSON body `{"token": "…"}`. Evidence: the iOS SDK. The profile's
   * alternative is `deleteToken: 'query'` (`?token=…`, no body).
   */
  deleteTokenBody: 'json' as const,
  /**
   * A request without a body signs `METHOD\nURI` (nothing for the body). Evidence: Wonder's Node
   * samples; the PHP SDK's private request helper would sign `[]` for an empty array (profile
   * `bodylessSignature: 'empty-array'`).
   */
  bodylessSignature: 'nothing' as const,
  /**
   * `exp_year` is sent with four digits (`"2027"`). Evidence: the docs' create example. Wonder's iOS
   * SDK sends two digits and also `exp_date` as `MMYY`; answers may carry either, both are read.
   */
  expYearDigits: 4 as const,
  /**
   * The token list is read without a `token_type` query and filtered locally. Evidence: the iOS SDK
   * does exactly this; the docs describe a comma-separated filter, but not how it is encoded.
   */
  tokenTypeFilter: 'local' as const,
  /** `transaction_type` of a saved card: a customer-initiated card-on-file without a schedule. */
  defaultTransactionType: 'unscheduled_cof' satisfies TransactionType,
  /**
   * Token states: `success`, `pending`, `failed`. Evidence: the iOS SDK; the enum is undocumented.
   * Other strings are read as unknown and never usable. A conformance run records the states and
   * envelope it saw in the profile's `observed`.
   */
  tokenStates: 'success | pending | failed',
} as const;

/**
 * Hosts a `verify_url` may point to, per environment *(inferred)*: Wonder's gateways live on
 * `wonder.today` (`gateway-stg.` and `gateway.`), so its 3-D Secure pages are taken to be there too;
 * a verify page may then send the cardholder on to the issuer inside the same window. The mock's
 * host is on `.invalid`, a top-level domain reserved never to resolve (RFC 2606), so allowing it
 * costs nothing outside tests. `*.` matches subdomains on a dot boundary only.
 */
export const WONDER_VERIFY_HOSTS = {
  sandbox: ['*.wonder.today', '3ds.savedcards-mock.invalid'],
  production: ['*.wonder.today'],
} as const;

/**
 * The `default_payment_method` to send with a new default card. Evidence: Wonder's iOS SDK sends
 * `"credit_card"` with `default_payment_token`; other sources show `"Credit Card"`. So the value
 * keeps the casing family the customer already uses: a title-case value with spaces (`"Alipay"`,
 * `"Wechat Pay"`, `"Credit Card"`) gives `"Credit Card"`; anything else (`"credit_card"`,
 * `"alipay"`, none) gives `"credit_card"`.
 */
export function cardPaymentMethodValue(current: string | undefined): string {
  const value = current?.trim() ?? '';
  return /^[A-Z][a-z]*( [A-Z][a-z]*)*$/.test(value) ? 'Credit Card' : 'credit_card';
}
