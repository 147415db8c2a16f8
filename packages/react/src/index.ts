'use client';

export type { ReadOptions, TokenVariables } from './options.js';
export {
  createPaymentTokenMutationOptions,
  customerQueryOptions,
  deletePaymentTokenMutationOptions,
  paymentTokensQueryOptions,
  setDefaultPaymentTokenMutationOptions,
  tokenStatusQueryOptions,
  upsertCustomerMutationOptions,
} from './options.js';
export {
  SavedCardsContext,
  SavedCardsProvider,
  useOnCardAdded,
  useSavedCardsContext,
} from './SavedCardsProvider.js';
export type {
  CardAddedChannel,
  SavedCardsContextValue,
  SavedCardsProviderProps,
} from './SavedCardsProvider.js';
export { useAddCard } from './useAddCard.js';
export { usePayWithSavedCard } from './usePayWithSavedCard.js';
export type {
  UsePayWithSavedCardOptions,
  UsePayWithSavedCardResult,
} from './usePayWithSavedCard.js';
export type { UseAddCardOptions, UseAddCardResult } from './useAddCard.js';
export { useCardManagement } from './useCardManagement.js';
export type {
  CardManagementFocus,
  CardManagementOutcome,
  PendingRemoval,
  UseCardManagementOptions,
  UseCardManagementResult,
} from './useCardManagement.js';
export { useCreatePaymentToken } from './useCreatePaymentToken.js';
export { useCustomer } from './useCustomer.js';
export { useDeletePaymentToken } from './useDeletePaymentToken.js';
export { useOnlineStatus } from './useOnlineStatus.js';
export { usePaymentTokens } from './usePaymentTokens.js';
export type { UsePaymentTokensOptions } from './usePaymentTokens.js';
export { useSetDefaultPaymentToken } from './useSetDefaultPaymentToken.js';
export { useTokenStatus } from './useTokenStatus.js';
export type { TokenStatus, UseTokenStatusOptions } from './useTokenStatus.js';
export { useVerificationWindow, VERIFICATION_FRAME_SANDBOX } from './useVerificationWindow.js';
export type {
  UseVerificationWindowOptions,
  VerificationChallenge,
  VerificationFlow,
  VerificationFrameProps,
  VerificationMode,
  VerificationView,
  VerificationWindow,
} from './useVerificationWindow.js';
export { useUpsertCustomer } from './useUpsertCustomer.js';
