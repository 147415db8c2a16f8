/** An error answer: its code, HTTP status and message. */
export interface WireErrorDefinition {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

/**
 * Wonder's error codes as the mock answers them. Wonder documents no catalogue (GATEWAY.md §3):
 * only the shape `E` + six digits and one example, `E000002` "Invalid Credential Format.". The other
 * codes are *(inferred)*, kept in this one table so they are easy to correct against the sandbox.
 */
export const GATEWAY_ERROR_CODES = {
  /** Missing or invalid field, bad JSON body: HTTP 400. */
  invalidParameter: { code: 'E000001', status: 400, message: 'Invalid parameter.' },
  /** Signature problems: HTTP 401. Documented by Wonder. */
  invalidCredential: { code: 'E000002', status: 401, message: 'Invalid Credential Format.' },
  internalError: { code: 'E000500', status: 500, message: 'Internal server error.' },
  notImplemented: { code: 'E000501', status: 501, message: 'Not implemented in this mock yet.' },
  customerNotFound: { code: 'E100001', status: 404, message: 'Customer not found.' },
  /** Unknown token for this customer (delete, default_payment_token). */
  tokenNotFound: { code: 'E200001', status: 400, message: 'Payment token not found.' },
  /** `default_payment_token` is not in state success. */
  tokenNotUsable: {
    code: 'E200002',
    status: 400,
    message: 'Payment token cannot be used: its state is not success.',
  },
  /** Issuer declined the card (failed tokens carry it as `error_code`/`error_msg`). */
  cardDeclined: { code: 'E300051', status: 400, message: 'Card declined by the issuer.' },
} as const satisfies Record<string, WireErrorDefinition>;

export type GatewayErrorName = keyof typeof GATEWAY_ERROR_CODES;

/**
 * The signing proxy's own refusals, answered in envelope A so the browser client reads them like
 * gateway errors. Wonder's codes are `E` + six digits; these never collide with them.
 */
export const PROXY_ERRORS = {
  /** No route with this path under the mount path. */
  notFound: { code: 'E_NOT_FOUND', status: 404, message: 'No such route.' },
  /** The route exists, the method does not (the answer has `Allow`). */
  methodNotAllowed: { code: 'E_METHOD_NOT_ALLOWED', status: 405, message: 'Method not allowed.' },
  /** `X-Requested-With: savedcards` missing, or a cross-site request. */
  csrf: {
    code: 'E_CSRF',
    status: 403,
    message: 'Missing the X-Requested-With: savedcards header, or a cross-site request.',
  },
  /** `resolveCustomer` found no signed-in customer. */
  unauthenticated: { code: 'E_UNAUTHENTICATED', status: 401, message: 'Not signed in.' },
  /** The request names another customer (uuid or reference number) than the session's. */
  forbiddenCustomer: {
    code: 'E_FORBIDDEN_CUSTOMER',
    status: 403,
    message: "This request is not for the signed-in customer's cards.",
  },
  /** The token named (delete, check, new default) is not in the signed-in customer's list. */
  forbiddenToken: {
    code: 'E_FORBIDDEN_TOKEN',
    status: 403,
    message: "This payment token is not one of the signed-in customer's.",
  },
  /** The session has a reference number but no Wonder uuid yet, and no profile to create one. */
  customerUnknown: {
    code: 'E_CUSTOMER_UNKNOWN',
    status: 403,
    message: 'The signed-in customer has no Wonder customer yet.',
  },
  unsupportedMediaType: {
    code: 'E_UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'The body must be Content-Type: application/json.',
  },
  bodyTooLarge: { code: 'E_BODY_TOO_LARGE', status: 413, message: 'The body is too large.' },
  invalidJson: { code: 'E_INVALID_JSON', status: 400, message: 'The body is not valid JSON.' },
  invalidBody: { code: 'E_INVALID_BODY', status: 400, message: 'The body has the wrong shape.' },
  invalidQuery: { code: 'E_INVALID_QUERY', status: 400, message: 'Invalid query parameter.' },
  /** The merchant's `beforeCreateToken` hook (a captcha, a risk check) refused the card. */
  createRefused: {
    code: 'E_CREATE_REFUSED',
    status: 403,
    message: 'This card cannot be added right now.',
  },
  /** The body did not arrive in time (a slow or stalled client). */
  requestTimeout: { code: 'E_REQUEST_TIMEOUT', status: 408, message: 'The body took too long.' },
  /** Wonder's answer was larger than the proxy relays. */
  upstreamTooLarge: {
    code: 'E_UPSTREAM_TOO_LARGE',
    status: 502,
    message: 'Wonder Gateway answered with more than the proxy relays.',
  },
  /** The merchant's `limits` hook refused the request (the answer has `Retry-After`). */
  rateLimited: {
    code: 'E_RATE_LIMITED',
    status: 429,
    message: 'Too many requests: try again later.',
  },
  upstreamTimeout: {
    code: 'E_UPSTREAM_TIMEOUT',
    status: 504,
    message: 'Wonder Gateway did not answer in time.',
  },
  upstreamUnreachable: {
    code: 'E_UPSTREAM_UNREACHABLE',
    status: 502,
    message: 'Could not reach Wonder Gateway.',
  },
  /** Wonder refused the proxy's own signature (HTTP 401/403): a merchant configuration problem. */
  upstreamAuth: {
    code: 'E_UPSTREAM_AUTH',
    status: 502,
    message:
      'Wonder Gateway refused the signature: check the AppID, the private key and the clock.',
  },
  /** Upstream non-2xx without an envelope error to pass on. */
  upstreamError: { code: 'E_UPSTREAM_ERROR', status: 502, message: 'Wonder Gateway failed.' },
  upstreamInvalidResponse: {
    code: 'E_UPSTREAM_INVALID_RESPONSE',
    status: 502,
    message: 'Wonder Gateway answered with something that is not a gateway response.',
  },
  /** The browser went away before the gateway answered. */
  clientClosed: { code: 'E_CLIENT_CLOSED', status: 499, message: 'The client closed the request.' },
  /** `resolveCustomer`, `returnUrls` or the proxy itself threw. */
  internal: { code: 'E_INTERNAL', status: 500, message: 'Internal error in the proxy.' },
} as const satisfies Record<string, WireErrorDefinition>;

export type ProxyErrorName = keyof typeof PROXY_ERRORS;
