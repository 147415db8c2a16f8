'use client';

export { customerQueryOptions, paymentTokensQueryOptions } from './queries.js';
export type { ReadOptions } from './queries.js';
export {
  SavedCardsContext,
  SavedCardsProvider,
  useSavedCardsContext,
} from './SavedCardsProvider.js';
export type { SavedCardsContextValue, SavedCardsProviderProps } from './SavedCardsProvider.js';
export { useCustomer } from './useCustomer.js';
export { usePaymentTokens } from './usePaymentTokens.js';
export type { UsePaymentTokensOptions } from './usePaymentTokens.js';
