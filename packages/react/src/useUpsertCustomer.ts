import { useMutation } from '@tanstack/react-query';
import { upsertCustomerMutationOptions } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

/** Creates or updates the provider's customer (idempotent on `referenceNumber`). */
export function useUpsertCustomer() {
  const { client, customerUuid } = useSavedCardsContext('useUpsertCustomer()');
  return useMutation(upsertCustomerMutationOptions(client, customerUuid));
}
