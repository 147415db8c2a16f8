import { deletePaymentTokenMutationOptions } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';
import { useTokenMutation } from './useTokenMutation.js';

/**
 * Removes a saved card, optimistically, rolling back to the server's state on failure.
 * `mutate({ token })`; a second call for the same token while it runs sends nothing.
 */
export function useDeletePaymentToken() {
  const { client, customerUuid } = useSavedCardsContext('useDeletePaymentToken()');
  return useTokenMutation(deletePaymentTokenMutationOptions(client, customerUuid));
}
