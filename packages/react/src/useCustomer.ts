import type { Customer, GatewayError } from '@savedcards/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { customerQueryOptions } from './queries.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

/**
 * The provider's customer (name, reference number, default token). `error` is the core's
 * `GatewayError` (kind, status, code, request id), or `null`.
 */
export function useCustomer(): UseQueryResult<Customer, GatewayError> {
  const { client, customerUuid, retry } = useSavedCardsContext('useCustomer()');
  // Every core read rejects with a `GatewayError` (a caller's abort never reaches `error`).
  return useQuery(customerQueryOptions(client, customerUuid, { retry })) as UseQueryResult<
    Customer,
    GatewayError
  >;
}
