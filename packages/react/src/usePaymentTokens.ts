import type { GatewayError, PaymentTokenFilters, SavedCard } from '@savedcards/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { paymentTokensQueryOptions } from './queries.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

export interface UsePaymentTokensOptions<TData> extends PaymentTokenFilters {
  /** Derive what the component needs, e.g. `selectUsableCards` (usable cards, default first). */
  select?: (cards: SavedCard[]) => TData;
  enabled?: boolean;
}

/**
 * The customer's saved tokens, pending and failed included, unless `select` narrows them.
 * `error` is the core's `GatewayError` (kind, status, code, request id), or `null`.
 */
export function usePaymentTokens<TData = SavedCard[]>(
  options: UsePaymentTokensOptions<TData> = {},
): UseQueryResult<TData, GatewayError> {
  const { client, customerUuid, retry } = useSavedCardsContext('usePaymentTokens()');
  const { tokenType, select, enabled } = options;
  // Every core read rejects with a `GatewayError` (a caller's abort never reaches `error`).
  return useQuery({
    ...paymentTokensQueryOptions(client, customerUuid, { tokenType, retry }),
    select,
    enabled,
  }) as UseQueryResult<TData, GatewayError>;
}
