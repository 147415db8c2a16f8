import { useQuery } from '@tanstack/react-query';
import { customerQueryOptions } from './queries.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

/** The provider's customer (name, reference number, default token). */
export function useCustomer() {
  const { client, customerUuid, retry } = useSavedCardsContext('useCustomer()');
  return useQuery(customerQueryOptions(client, customerUuid, { retry }));
}
