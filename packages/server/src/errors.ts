/**
 * The proxy's own error codes, answered in Wonder's envelope A
 * (`{"error_code": "E_…", "error_message": "…", "data": null}`), so the browser client reads them
 * like gateway errors. Wonder's codes are `E` + six digits; these never collide with them.
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
  /** Upstream 5xx without an envelope error to pass on. */
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
} as const satisfies Record<string, { code: string; status: number; message: string }>;

export type ProxyErrorName = keyof typeof PROXY_ERRORS;

/** Why a server-side call to Wonder (`ensureCustomer`, the CLI) failed. */
export type WonderRequestErrorKind =
  | 'timeout'
  | 'network'
  | 'gateway'
  | 'http'
  | 'invalid-response';

/** Thrown by `ensureCustomer` and `createWonderClient` helpers. The message never contains card data. */
export class WonderRequestError extends Error {
  override readonly name = 'WonderRequestError';
  readonly kind: WonderRequestErrorKind;
  /** HTTP status, 0 when there was no response. */
  readonly status: number;
  /** The gateway's error code, when it sent one. */
  readonly code: string | undefined;
  readonly requestId: string;

  constructor(init: {
    kind: WonderRequestErrorKind;
    message: string;
    status?: number;
    code?: string;
    requestId: string;
  }) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code;
    this.requestId = init.requestId;
  }
}
