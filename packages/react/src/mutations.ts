import {
  type CreatePaymentTokenOptions,
  type Customer,
  type CustomerProfileInput,
  createPaymentToken,
  deletePaymentToken,
  type GatewayClient,
  type SavedCard,
  type SealedCard,
  savedCardsKeys,
  setDefaultPaymentToken,
  upsertCustomer,
} from '@savedcards/core';
import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import {
  rollbackCustomerCache,
  settleCustomerCache,
  snapshotCustomerCache,
  writeCustomerCache,
} from './optimistic.js';
import { customerQueryOptions } from './queries.js';

export interface TokenVariables {
  token: string;
}

/** Create or update the customer; the cached customer is replaced with the gateway's answer. */
export function upsertCustomerMutationOptions(client: GatewayClient, customerUuid: string) {
  return mutationOptions({
    mutationKey: savedCardsKeys.upsertCustomerMutation(customerUuid),
    mutationFn: (profile: CustomerProfileInput) => upsertCustomer(client, profile),
    onSuccess: (customer, _profile, _result, { client: queryClient }) => {
      queryClient.setQueryData<Customer>(savedCardsKeys.customer(customer.uuid), customer);
    },
  });
}

/**
 * Make a card the default, optimistically. Writes for one customer run one after another (a
 * mutation scope), so two quick choices reach the gateway in order and the last one wins.
 */
export function setDefaultPaymentTokenMutationOptions(client: GatewayClient, customerUuid: string) {
  return mutationOptions({
    mutationKey: savedCardsKeys.setDefaultMutation(customerUuid),
    scope: { id: `savedcards:default:${customerUuid}` },
    mutationFn: async ({ token }: TokenVariables, { client: queryClient }) => {
      const customer = await queryClient.ensureQueryData(
        customerQueryOptions(client, customerUuid),
      );
      return setDefaultPaymentToken(client, customer, token);
    },
    onMutate: async ({ token }, { client: queryClient }) => {
      const snapshot = await snapshotCustomerCache(queryClient, customerUuid);
      writeCustomerCache(queryClient, customerUuid, {
        // The cache's structural sharing keeps the identity of every card this leaves equal.
        cards: (cards) => cards.map((card) => ({ ...card, isDefault: card.token === token })),
        customer: (customer) => ({ ...customer, defaultToken: token }),
      });
      return snapshot;
    },
    onError: (_error, _variables, snapshot, { client: queryClient }) =>
      rollbackCustomerCache(queryClient, customerUuid, snapshot),
    // The gateway answers the write with the customer: that is the server's truth for it, so only
    // the token lists are read again.
    onSettled: (customer, _error, _variables, _snapshot, { client: queryClient }) =>
      settleCustomerCache(queryClient, customerUuid, customer),
  });
}

/** Remove a saved card, optimistically: it leaves every cached list at once. */
export function deletePaymentTokenMutationOptions(client: GatewayClient, customerUuid: string) {
  return mutationOptions({
    mutationKey: savedCardsKeys.deletePaymentTokenMutation(customerUuid),
    mutationFn: ({ token }: TokenVariables) => deletePaymentToken(client, customerUuid, token),
    onMutate: async ({ token }, { client: queryClient }) => {
      const snapshot = await snapshotCustomerCache(queryClient, customerUuid);
      writeCustomerCache(queryClient, customerUuid, {
        cards: (cards) => cards.filter((card) => card.token !== token),
        customer: ({ defaultToken, ...customer }) =>
          defaultToken === token ? customer : { ...customer, defaultToken },
      });
      return snapshot;
    },
    onError: (_error, _variables, snapshot, { client: queryClient }) =>
      rollbackCustomerCache(queryClient, customerUuid, snapshot),
    onSettled: (_data, _error, _variables, _snapshot, { client: queryClient }) =>
      settleCustomerCache(queryClient, customerUuid),
  });
}

/** Takes a card out of every cached token list of the customer. */
export function removeCachedCard(queryClient: QueryClient, customerUuid: string, token: string) {
  writeCustomerCache(queryClient, customerUuid, {
    cards: (cards) => cards.filter((card) => card.token !== token),
    customer: (customer) => customer,
  });
}

/** Puts a card into every cached token list of the customer, replacing the same token. */
export function upsertCachedCard(queryClient: QueryClient, customerUuid: string, card: SavedCard) {
  writeCustomerCache(queryClient, customerUuid, {
    cards: (cards) =>
      cards.some((candidate) => candidate.token === card.token)
        ? cards.map((candidate) => (candidate.token === card.token ? card : candidate))
        : [...cards, card],
    customer: (customer) => customer,
  });
}

/**
 * Save a new card. Its variables are a `SealedCard` (`sealCard(card)`): the mutation cache only
 * ever holds its brand and last four digits, and the number and CVC leave it in the one request.
 */
export function createPaymentTokenMutationOptions(
  client: GatewayClient,
  customerUuid: string,
  options: Omit<CreatePaymentTokenOptions, 'signal'> = {},
) {
  return mutationOptions({
    mutationKey: savedCardsKeys.createPaymentTokenMutation(customerUuid),
    gcTime: 0,
    mutationFn: (card: SealedCard) =>
      createPaymentToken(client, customerUuid, card.take(), options),
    onSuccess: (card, _card, _result, { client: queryClient }) =>
      upsertCachedCard(queryClient, customerUuid, card),
    onSettled: (_data, _error, _card, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: savedCardsKeys.paymentTokenLists(customerUuid) }),
  });
}
