import { redactCardData } from './redact.js';

/**
 * Where a request failed:
 * - `network`: no response (offline, DNS, CORS, connection reset);
 * - `timeout`: no response within the client's `timeoutMs`;
 * - `http`: a non-2xx status without a gateway error body;
 * - `gateway`: the gateway answered with an error envelope (any status);
 * - `invalid-response`: a 2xx whose body is not JSON, not an envelope, or misses required data.
 */
export type GatewayErrorKind = 'network' | 'timeout' | 'http' | 'gateway' | 'invalid-response';

export interface GatewayErrorInit {
  kind: GatewayErrorKind;
  message: string;
  status?: number;
  code?: string;
  requestId?: string;
  cause?: unknown;
}

/** The one error every `@savedcards/core` call rejects with (except a caller's own abort). */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly kind: GatewayErrorKind;
  /** HTTP status, or 0 when there was no response. */
  readonly status: number;
  /** The gateway's error code (`error_code` or `code`), when it sent one. */
  readonly code: string | undefined;
  /** The `X-Request-ID` this client sent, to quote to Wonder's support. */
  readonly requestId: string | undefined;

  constructor(init: GatewayErrorInit) {
    super(
      redactCardData(init.message),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code === undefined ? undefined : redactCardData(init.code);
    this.requestId = init.requestId;
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** Worth retrying a read: no response, a timeout, or a 5xx. Never a 4xx or a malformed answer. */
export function isRetryableError(error: unknown): boolean {
  if (!isGatewayError(error)) {
    return false;
  }
  return error.kind === 'network' || error.kind === 'timeout' || error.status >= 500;
}
