'use client';

export {
  deletePaymentTokenMutationOptions,
  setDefaultPaymentTokenMutationOptions,
  upsertCustomerMutationOptions,
} from './mutations.js';
export type { TokenVariables } from './mutations.js';
export { customerQueryOptions, paymentTokensQueryOptions } from './queries.js';
export type { ReadOptions } from './queries.js';
export {
  SavedCardsContext,
  SavedCardsProvider,
  useSavedCardsContext,
} from './SavedCardsProvider.js';
export type { SavedCardsContextValue, SavedCardsProviderProps } from './SavedCardsProvider.js';
export { useCustomer } from './useCustomer.js';
export { useDeletePaymentToken } from './useDeletePaymentToken.js';
export { useOnlineStatus } from './useOnlineStatus.js';
export { usePaymentTokens } from './usePaymentTokens.js';
export type { UsePaymentTokensOptions } from './usePaymentTokens.js';
export { useSetDefaultPaymentToken } from './useSetDefaultPaymentToken.js';
export { useUpsertCustomer } from './useUpsertCustomer.js';
