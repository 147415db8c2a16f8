import {
  checkPaymentToken,
  type GatewayClient,
  getCustomer,
  isRetryableError,
  listPaymentTokens,
  type PaymentTokenFilters,
  savedCardsKeys,
} from '@savedcards/core';
import { queryOptions } from '@tanstack/react-query';

export interface ReadOptions {
  /** Retries for network, timeout and 5xx failures. Default 2. */
  retry?: number;
}

function retryPolicy(maxRetries = 2) {
  return (failureCount: number, error: unknown) =>
    failureCount < maxRetries && isRetryableError(error);
}

/** The customer: `useQuery(customerQueryOptions(client, uuid))`, prefetching, `setQueryData`. */
export function customerQueryOptions(
  client: GatewayClient,
  customerUuid: string,
  { retry }: ReadOptions = {},
) {
  return queryOptions({
    queryKey: savedCardsKeys.customer(customerUuid),
    queryFn: ({ signal }) => getCustomer(client, customerUuid, { signal }),
    retry: retryPolicy(retry),
  });
}

/**
 * Every saved token of the customer, pending and failed included, in the gateway's order. When the
 * gateway's tokens carry no `default` flag the customer query (cached, deduplicated) supplies it.
 */
export function paymentTokensQueryOptions(
  client: GatewayClient,
  customerUuid: string,
  { tokenType, retry }: PaymentTokenFilters & ReadOptions = {},
) {
  return queryOptions({
    queryKey: savedCardsKeys.paymentTokenList(customerUuid, { tokenType }),
    queryFn: ({ signal, client: queryClient }) =>
      listPaymentTokens(client, customerUuid, {
        tokenType,
        signal,
        resolveDefaultToken: async () => {
          const customer = await queryClient.fetchQuery({
            ...customerQueryOptions(client, customerUuid, { retry }),
            staleTime: 5_000,
          });
          return customer.defaultToken;
        },
      }),
    retry: retryPolicy(retry),
  });
}

/**
 * The state of a token waiting for 3-D Secure (`POST …/payment_tokens/check`). Never cached after
 * use: each check is fresh.
 */
export function tokenStatusQueryOptions(
  client: GatewayClient,
  customerUuid: string,
  { token, verifyUuid, retry }: { token: string; verifyUuid?: string } & ReadOptions,
) {
  return queryOptions({
    queryKey: savedCardsKeys.tokenStatus(customerUuid, token),
    queryFn: ({ signal }) =>
      checkPaymentToken(
        client,
        customerUuid,
        verifyUuid === undefined ? { token } : { token, verifyUuid },
        { signal },
      ),
    retry: retryPolicy(retry),
    staleTime: 0,
    gcTime: 0,
  });
}
