import type { PaymentTokenType } from './types.js';

export interface PaymentTokenFilters {
  tokenType?: readonly Exclude<PaymentTokenType, 'unknown'>[];
}

const all = ['savedcards'] as const;

/**
 * Every query key the library uses, general → specific. Invalidate a prefix to refresh everything
 * under it: `savedCardsKeys.paymentTokens(uuid)` covers every filtered list of that customer.
 */
export const savedCardsKeys = {
  all,
  customers: () => [...all, 'customer'] as const,
  customer: (uuid: string) => [...all, 'customer', uuid] as const,
  paymentTokens: (uuid: string) => [...all, 'paymentTokens', uuid] as const,
  /** Every filtered token list of the customer (not the token-status queries). */
  paymentTokenLists: (uuid: string) => [...all, 'paymentTokens', uuid, 'list'] as const,
  paymentTokenList: (uuid: string, filters: PaymentTokenFilters = {}) =>
    [
      ...all,
      'paymentTokens',
      uuid,
      'list',
      { tokenType: filters.tokenType?.length ? [...filters.tokenType].sort() : null },
    ] as const,
  tokenStatus: (uuid: string, token: string) =>
    [...all, 'paymentTokens', uuid, 'status', token] as const,
  /**
   * Mutation keys. The optimistic writes of a customer (set default, remove) share the
   * `mutations(uuid)` prefix: the last of them to settle refetches the server's state.
   */
  mutations: (uuid: string) => [...all, 'mutation', uuid] as const,
  upsertCustomerMutation: (uuid: string) => [...all, 'upsertCustomer', uuid] as const,
  setDefaultMutation: (uuid: string) => [...all, 'mutation', uuid, 'setDefault'] as const,
  deletePaymentTokenMutation: (uuid: string) =>
    [...all, 'mutation', uuid, 'deletePaymentToken'] as const,
  createPaymentTokenMutation: (uuid: string) => [...all, 'createPaymentToken', uuid] as const,
};
