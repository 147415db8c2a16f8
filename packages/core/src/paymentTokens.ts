import type { GatewayClient } from './client.js';
import { type CallOptions, getCustomer } from './customers.js';
import { GatewayError } from './errors.js';
import { hasDefaultFlag, isRecord, normalizeSavedCard } from './normalize.js';
import { gatewayPaths } from './paths.js';
import type { PaymentTokenType, SavedCard } from './types.js';

export interface ListPaymentTokensOptions extends CallOptions {
  /**
   * Only these kinds of token. Filtered here, after reading the whole list, as Wonder's iOS SDK
   * does (`INFERRED.tokenTypeFilter` in `@savedcards/wire`).
   */
  tokenType?: readonly Exclude<PaymentTokenType, 'unknown'>[];
  /**
   * How to learn the customer's default token when the gateway's tokens carry no `default` flag
   * (older responses). Defaults to `getCustomer`; the React layer passes its cached customer.
   */
  resolveDefaultToken?: () => Promise<string | undefined>;
}

/**
 * `GET …/customers/{uuid}/payment_tokens`: every token of the customer, including pending and
 * failed ones, normalised. Tokens without an id are dropped.
 */
export async function listPaymentTokens(
  client: GatewayClient,
  uuid: string,
  options: ListPaymentTokensOptions = {},
): Promise<SavedCard[]> {
  const { signal } = options;
  // An empty filter means no filter, as in the query key.
  const tokenType = options.tokenType?.length ? options.tokenType : undefined;
  const data = await client.request({
    method: 'GET',
    path: gatewayPaths.paymentTokens(uuid),
    signal,
  });
  const rawTokens = isRecord(data) ? data.payment_tokens : undefined;
  if (!Array.isArray(rawTokens)) {
    throw new GatewayError({
      kind: 'invalid-response',
      status: 200,
      message: 'GET payment tokens returned no token list',
    });
  }
  let defaultToken: string | undefined;
  if (!rawTokens.every(hasDefaultFlag)) {
    defaultToken = await (options.resolveDefaultToken
      ? options.resolveDefaultToken()
      : getCustomer(client, uuid, { signal }).then((customer) => customer.defaultToken));
  }
  const context = {
    defaultToken,
    now: client.now(),
    expiringWithinDays: client.expiringWithinDays,
  };
  const cards: SavedCard[] = [];
  const seen = new Set<string>();
  for (const raw of rawTokens) {
    const card = normalizeSavedCard(raw, context);
    if (card && !seen.has(card.token) && (!tokenType || tokenType.some((t) => t === card.type))) {
      seen.add(card.token);
      cards.push(card);
    }
  }
  return cards;
}

/**
 * `DELETE …/customers/{uuid}/payment_tokens` with `{"token": …}`. Resolves when the gateway
 * confirms (`data.success: true`); anything else is a `GatewayError`.
 */
export async function deletePaymentToken(
  client: GatewayClient,
  customerUuid: string,
  token: string,
  options: CallOptions = {},
): Promise<void> {
  const data = await client.request({
    method: 'DELETE',
    path: gatewayPaths.paymentTokens(customerUuid),
    body: { token },
    signal: options.signal,
  });
  if (!isRecord(data) || data.success !== true) {
    throw new GatewayError({
      kind: 'invalid-response',
      status: 200,
      message: 'DELETE payment token was not confirmed by the gateway',
    });
  }
}
