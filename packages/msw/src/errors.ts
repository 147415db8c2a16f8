/**
 * Error codes the mock answers with. Wonder documents no error catalogue (GATEWAY.md §3): only the
 * shape `E` + six digits and one example, `E000002` "Invalid Credential Format.". The other codes are
 * *(inferred)* and kept here, in one table, so they are easy to correct against the sandbox.
 */
export interface GatewayErrorDefinition {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

export const GATEWAY_ERROR_CODES = {
  /** Missing or invalid field, bad JSON body: HTTP 400. */
  invalidParameter: { code: 'E000001', status: 400, message: 'Invalid parameter.' },
  /** Signature problems (scenario failure `unauthorized`): HTTP 401. Documented by Wonder. */
  invalidCredential: { code: 'E000002', status: 401, message: 'Invalid Credential Format.' },
  /** Scenario failure `server-error`: HTTP 500. */
  internalError: { code: 'E000500', status: 500, message: 'Internal server error.' },
  /** Routes this mock does not implement yet: HTTP 501. */
  notImplemented: { code: 'E000501', status: 501, message: 'Not implemented in this mock yet.' },
  /** Unknown customer uuid: HTTP 404. */
  customerNotFound: { code: 'E100001', status: 404, message: 'Customer not found.' },
  /** Unknown token for this customer (delete, default_payment_token): HTTP 400. */
  tokenNotFound: { code: 'E200001', status: 400, message: 'Payment token not found.' },
  /** `default_payment_token` is not in state success: HTTP 400. */
  tokenNotUsable: {
    code: 'E200002',
    status: 400,
    message: 'Payment token cannot be used: its state is not success.',
  },
  /** Issuer declined the card (carried by failed tokens as `error_code`/`error_msg`): HTTP 400. */
  cardDeclined: { code: 'E300051', status: 400, message: 'Card declined by the issuer.' },
} as const satisfies Record<string, GatewayErrorDefinition>;

export type GatewayErrorName = keyof typeof GATEWAY_ERROR_CODES;

/** An error answer: a table entry, optionally with a more specific message. */
export function gatewayError(name: GatewayErrorName, message?: string): GatewayErrorDefinition {
  const definition = GATEWAY_ERROR_CODES[name];
  return message === undefined ? definition : { ...definition, message };
}
