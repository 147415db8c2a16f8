// Server prefetch of what the checkout's components read on load: the customer and their token list.
//
// WORKAROUND (library gap, see README.md "Known gap"): this should be
//   queryClient.prefetchQuery(customerQueryOptions(client, uuid))
//   queryClient.prefetchQuery(paymentTokensQueryOptions(client, uuid))
// with the factories from @savedcards/react. Its only entry starts with 'use client', so in a Server
// Component every export of it is a client reference, and calling one throws "Attempted to call
// customerQueryOptions() from the server but customerQueryOptions is on the client". Until the
// package has a server-safe entry for its options factories, the same key + query function pairs
// are built here from @savedcards/core (the key factory and the read functions the factories use).
// If they ever drift from the factories, the browser refetches on load, and test/e2e/next.e2e.mjs
// fails its "no read requests on load" check.
import {
  type GatewayClient,
  getCustomer,
  listPaymentTokens,
  savedCardsKeys,
} from '@savedcards/core';
import type { QueryClient } from '@tanstack/react-query';

export async function prefetchSavedCards(
  queryClient: QueryClient,
  client: GatewayClient,
  customerUuid: string,
): Promise<void> {
  const customer = {
    queryKey: savedCardsKeys.customer(customerUuid),
    queryFn: ({ signal }: { signal: AbortSignal }) => getCustomer(client, customerUuid, { signal }),
  };
  await Promise.all([
    queryClient.prefetchQuery(customer),
    queryClient.prefetchQuery({
      // `paymentTokensQueryOptions(client, uuid)` with no filter: what SavedCardList,
      // DefaultMethodPicker and AddCardFlow read.
      queryKey: savedCardsKeys.paymentTokenList(customerUuid, {}),
      queryFn: ({ signal }) =>
        listPaymentTokens(client, customerUuid, {
          signal,
          // Older gateways flag no default: the customer query (shared, deduplicated) knows it.
          resolveDefaultToken: async () =>
            (await queryClient.fetchQuery({ ...customer, staleTime: 5_000 })).defaultToken,
        }),
    }),
  ]);
}
