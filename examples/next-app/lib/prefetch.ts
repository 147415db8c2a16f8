// Server prefetch of what the checkout's components read on load: the customer and their token list.
// `@savedcards/react/options` is the hooks' query options without 'use client', so a Server
// Component may call them; the keys are the hooks' own, so the browser does not read them again.
import type { GatewayClient } from '@savedcards/core';
import { customerQueryOptions, paymentTokensQueryOptions } from '@savedcards/react/options';
import type { QueryClient } from '@tanstack/react-query';

export async function prefetchSavedCards(
  queryClient: QueryClient,
  client: GatewayClient,
  customerUuid: string,
): Promise<void> {
  await Promise.all([
    queryClient.prefetchQuery(customerQueryOptions(client, customerUuid)),
    // No filter: what SavedCardList, DefaultMethodPicker and AddCardFlow read.
    queryClient.prefetchQuery(paymentTokensQueryOptions(client, customerUuid)),
  ]);
}
