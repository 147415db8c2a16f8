import type { Customer, CustomerProfileInput, GatewayError } from '@savedcards/core';
import { useMutation } from '@tanstack/react-query';
import { upsertCustomerMutationOptions } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

/**
 * Creates or updates the provider's customer (idempotent on `referenceNumber`). `error` is the
 * core's `GatewayError`, or `null`.
 */
export function useUpsertCustomer() {
  const { client, customerUuid } = useSavedCardsContext('useUpsertCustomer()');
  return useMutation<Customer, GatewayError, CustomerProfileInput>(
    upsertCustomerMutationOptions(client, customerUuid),
  );
}
