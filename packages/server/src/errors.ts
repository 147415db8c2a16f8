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
