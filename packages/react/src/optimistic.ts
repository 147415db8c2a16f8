import { type Customer, type SavedCard, savedCardsKeys } from '@savedcards/core';
import type { QueryClient, QueryKey } from '@tanstack/react-query';

/** What the cache held for a customer before an optimistic write. */
export interface CacheSnapshot {
  lists: Array<[QueryKey, SavedCard[] | undefined]>;
  customer: Customer | undefined;
}

/**
 * Step one of every optimistic write: stop in-flight reads of this customer (so a late refetch
 * cannot overwrite the optimistic state), then snapshot what the cache holds.
 */
export async function snapshotCustomerCache(
  queryClient: QueryClient,
  customerUuid: string,
): Promise<CacheSnapshot> {
  await Promise.all([
    queryClient.cancelQueries({ queryKey: savedCardsKeys.paymentTokenLists(customerUuid) }),
    queryClient.cancelQueries({ queryKey: savedCardsKeys.customer(customerUuid) }),
  ]);
  return {
    lists: queryClient.getQueriesData<SavedCard[]>({
      queryKey: savedCardsKeys.paymentTokenLists(customerUuid),
    }),
    customer: queryClient.getQueryData<Customer>(savedCardsKeys.customer(customerUuid)),
  };
}

/** Applies one change to every cached token list and to the cached customer. */
export function writeCustomerCache(
  queryClient: QueryClient,
  customerUuid: string,
  change: {
    cards: (cards: SavedCard[]) => SavedCard[];
    customer: (customer: Customer) => Customer;
  },
): void {
  queryClient.setQueriesData<SavedCard[]>(
    { queryKey: savedCardsKeys.paymentTokenLists(customerUuid) },
    (cards) => (cards ? change.cards(cards) : cards),
  );
  queryClient.setQueryData<Customer>(savedCardsKeys.customer(customerUuid), (customer) =>
    customer ? change.customer(customer) : customer,
  );
}

/** Whether `self` is the only write of this customer still running (it counts itself). */
function isLastWrite(queryClient: QueryClient, customerUuid: string): boolean {
  return queryClient.isMutating({ mutationKey: savedCardsKeys.mutations(customerUuid) }) <= 1;
}

/**
 * On failure: restore the snapshot, unless other writes of this customer are still running (their
 * own optimistic state stands until the last one settles and the cache is refetched).
 */
export function rollbackCustomerCache(
  queryClient: QueryClient,
  customerUuid: string,
  snapshot: CacheSnapshot | undefined,
): void {
  if (!snapshot || !isLastWrite(queryClient, customerUuid)) {
    return;
  }
  for (const [key, cards] of snapshot.lists) {
    queryClient.setQueryData(key, cards);
  }
  queryClient.setQueryData(savedCardsKeys.customer(customerUuid), snapshot.customer);
}

/**
 * When the last write of a customer settles, refetch its data: the server's truth wins. A write
 * that answered with the customer (`confirmed`) puts that answer in the cache instead of reading
 * the customer again.
 */
export function settleCustomerCache(
  queryClient: QueryClient,
  customerUuid: string,
  confirmed?: Customer,
) {
  if (!isLastWrite(queryClient, customerUuid)) {
    return undefined;
  }
  const customerKey = savedCardsKeys.customer(customerUuid);
  const answered = confirmed?.uuid === customerUuid;
  if (answered) {
    queryClient.setQueryData(customerKey, confirmed);
  }
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: savedCardsKeys.paymentTokens(customerUuid) }),
    answered ? undefined : queryClient.invalidateQueries({ queryKey: customerKey }),
  ]);
}
