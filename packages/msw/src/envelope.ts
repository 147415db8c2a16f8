import type { GatewayErrorDefinition } from './errors.js';
import type { WireToken } from './wire.js';

/**
 * `'A'`: `{"error_code": "", "error_message": "", "data": …}` (newer responses, the default).
 * `'B'`: `{"code": 0, "message": "success", "data": …}` (older responses): tokens then also come in
 * the old shape, see `toOldToken`.
 */
export type GatewayEnvelope = 'A' | 'B';

/** A token as older responses send it: no `default`, two-digit `exp_year`, upper-case brand. */
export function toOldToken(token: WireToken): WireToken {
  const { default: _isDefault, ...rest } = token;
  return {
    ...rest,
    credit_card: {
      ...token.credit_card,
      exp_year: token.credit_card.exp_year.slice(-2),
      brand: token.credit_card.brand.toUpperCase(),
    },
  };
}

/** Rewrites the tokens inside a response's `data` into the old shape. */
function toOldData(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const out: Record<string, unknown> = { ...data };
  if (Array.isArray(out.payment_tokens)) {
    out.payment_tokens = (out.payment_tokens as WireToken[]).map(toOldToken);
  }
  if (isObject(out.payment_token)) out.payment_token = toOldToken(asToken(out.payment_token));
  if (isObject(out.customer)) {
    const customer = { ...out.customer };
    if (isObject(customer.default_payment_token)) {
      customer.default_payment_token = toOldToken(asToken(customer.default_payment_token));
    }
    out.customer = customer;
  }
  return out;
}

/** Only ever called on data the operations built from `WireToken`s. */
function asToken(value: Record<string, unknown>): WireToken {
  return value as unknown as WireToken;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function successBody(envelope: GatewayEnvelope, data: unknown): Record<string, unknown> {
  return envelope === 'B'
    ? { code: 0, message: 'success', data: toOldData(data) }
    : { error_code: '', error_message: '', data };
}

export function errorBody(
  envelope: GatewayEnvelope,
  error: Pick<GatewayErrorDefinition, 'code' | 'message'>,
): Record<string, unknown> {
  return envelope === 'B'
    ? { code: error.code, message: error.message }
    : { error_code: error.code, error_message: error.message, data: null };
}
