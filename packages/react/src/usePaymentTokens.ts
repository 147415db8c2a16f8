import type { PaymentTokenFilters, SavedCard } from '@savedcards/core';
import { useQuery } from '@tanstack/react-query';
import { paymentTokensQueryOptions } from './queries.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

export interface UsePaymentTokensOptions<TData> extends PaymentTokenFilters {
  /** Derive what the component needs, e.g. `selectUsableCards` (usable cards, default first). */
  select?: (cards: SavedCard[]) => TData;
  enabled?: boolean;
}

/** The customer's saved tokens, pending and failed included, unless `select` narrows them. */
export function usePaymentTokens<TData = SavedCard[]>(
  options: UsePaymentTokensOptions<TData> = {},
) {
  const { client, customerUuid, retry } = useSavedCardsContext('usePaymentTokens()');
  const { tokenType, select, enabled } = options;
  return useQuery({
    ...paymentTokensQueryOptions(client, customerUuid, { tokenType, retry }),
    select,
    enabled,
  });
}
