import type { CreatePaymentTokenOptions } from '@savedcards/core';
import { useMutation } from '@tanstack/react-query';
import { createPaymentTokenMutationOptions } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

/**
 * Saves a new card: `mutateAsync(sealCard(card))`. Resolves with the token, which may still need
 * 3-D Secure (`state: 'pending'` with a `verifyUrl`); `useAddCard` runs the whole flow.
 */
export function useCreatePaymentToken(options?: Omit<CreatePaymentTokenOptions, 'signal'>) {
  const { client, customerUuid } = useSavedCardsContext('useCreatePaymentToken()');
  return useMutation(createPaymentTokenMutationOptions(client, customerUuid, options));
}
