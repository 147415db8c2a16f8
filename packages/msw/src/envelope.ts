import {
  type EnvelopeStyle,
  errorEnvelope,
  isRecord,
  successEnvelope,
  type WireToken,
} from '@savedcards/wire';
import type { GatewayErrorDefinition } from './errors.js';

/** `'A'` (newer responses, the default) or `'B'` (older ones, whose tokens also come in the old shape). */
export type GatewayEnvelope = EnvelopeStyle;

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
  if (isRecord(out.payment_token)) out.payment_token = toOldToken(asToken(out.payment_token));
  if (isRecord(out.customer)) {
    const customer = { ...out.customer };
    if (isRecord(customer.default_payment_token)) {
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

export function successBody(envelope: GatewayEnvelope, data: unknown): Record<string, unknown> {
  return successEnvelope(envelope, envelope === 'B' ? toOldData(data) : data);
}

export function errorBody(
  envelope: GatewayEnvelope,
  error: Pick<GatewayErrorDefinition, 'code' | 'message'>,
): Record<string, unknown> {
  return errorEnvelope(envelope, error);
}
