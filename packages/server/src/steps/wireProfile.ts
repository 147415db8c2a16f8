import type { WireProfile } from '@savedcards/wire';
import {
  expYearWithDigits,
  isCardPaymentMethod,
  isRecord,
  WIRE_TOKEN_TYPES,
} from '@savedcards/wire';
import type { WonderCallResult } from '../client.js';
import type { Outgoing } from './body.js';

/** The wire profile step's result: what goes upstream, and the list filter to apply on the answer. */
export interface ProfiledOutgoing {
  outgoing: Outgoing;
  /** With `tokenTypeFilter: 'local'`: the `token_type`s the browser asked for, filtered here. */
  localTokenTypes?: readonly string[];
}

/**
 * The wire profile step (issue 17): after the body policy, the upstream form of each open point
 * the profile settles. The browser always speaks the defaults (4-digit `exp_year`, a JSON delete,
 * `token_type` in the query when it filters); without a profile nothing changes.
 * - create token: `exp_year` with the profile's digits;
 * - upsert with a card default: `default_payment_method` set to the profile's spelling (unless
 *   `'match-customer'`: the browser's value, which follows the customer's, goes as it is);
 * - delete: `'query'` sends `?token=…` and no body (then signed as a bodyless request);
 * - list: `'local'` drops `token_type` from the query and filters the answer here.
 */
export function applyWireProfile(
  outgoing: Outgoing,
  profile: WireProfile | undefined,
): ProfiledOutgoing {
  if (!profile) return { outgoing };
  const { bound } = outgoing;
  const { operation } = outgoing.route;
  if (operation === 'createToken' && bound && isRecord(bound.card)) {
    const year = bound.card.exp_year;
    if (typeof year !== 'string') return { outgoing };
    const card = { ...bound.card, exp_year: expYearWithDigits(year, profile.expYearDigits) };
    return { outgoing: { ...outgoing, body: JSON.stringify({ ...bound, card }) } };
  }
  if (
    operation === 'upsertCustomer' &&
    bound &&
    isRecord(bound.customer) &&
    profile.defaultPaymentMethod !== 'match-customer'
  ) {
    const { customer } = bound;
    const setsCard =
      isCardPaymentMethod(customer.default_payment_method) ||
      (customer.default_payment_method === undefined &&
        typeof customer.default_payment_token === 'string' &&
        customer.default_payment_token !== '');
    if (!setsCard) return { outgoing };
    const rewritten = { ...customer, default_payment_method: profile.defaultPaymentMethod };
    return { outgoing: { ...outgoing, body: JSON.stringify({ ...bound, customer: rewritten }) } };
  }
  if (operation === 'deleteToken' && profile.deleteToken === 'query' && bound) {
    const { body: _sent, ...rest } = outgoing;
    return {
      outgoing: {
        ...rest,
        path: `${outgoing.path}?token=${encodeURIComponent(String(bound.token))}`,
      },
    };
  }
  if (operation === 'listTokens' && profile.tokenTypeFilter === 'local') {
    const [path = '', query = ''] = outgoing.path.split('?', 2);
    const types = new URLSearchParams(query).get('token_type');
    if (types === null) return { outgoing };
    return {
      outgoing: { ...outgoing, path },
      localTokenTypes: types.split(',').filter(Boolean),
    };
  }
  return { outgoing };
}

/** A list answer keeping only the tokens of `types` (the `'local'` filter), else as it came. */
export function filterTokenList(
  result: WonderCallResult,
  types: readonly string[] | undefined,
): WonderCallResult {
  if (!types || result.kind !== 'response' || !result.envelope.ok) return result;
  const { json } = result;
  if (!isRecord(json) || !isRecord(json.data) || !Array.isArray(json.data.payment_tokens)) {
    return result;
  }
  const wanted = new Set(types.map(tokenKind));
  const paymentTokens = json.data.payment_tokens.filter(
    (token) =>
      isRecord(token) &&
      typeof token.token_type === 'string' &&
      wanted.has(tokenKind(token.token_type)),
  );
  const data = { ...json.data, payment_tokens: paymentTokens };
  const filtered = { ...json, data };
  return {
    ...result,
    json: filtered,
    text: JSON.stringify(filtered),
    envelope: { ok: true, data },
  };
}

/** A `token_type`'s kind: Wonder's two spellings (`Alipay`, `AlipayAutoDebit`) and any casing are one. */
function tokenKind(type: string): string {
  const lower = type.trim().toLowerCase();
  const found = Object.entries(WIRE_TOKEN_TYPES).find(([, names]) =>
    names.some((name) => name.toLowerCase() === lower),
  );
  return found ? found[0] : lower;
}
