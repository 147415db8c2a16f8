import { setDefaultPaymentTokenMutationOptions } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';
import { useTokenMutation } from './useTokenMutation.js';

/**
 * Makes a card the customer's default, optimistically, rolling back to the server's state on
 * failure. `mutate({ token })`; a second call for the same token while it runs sends nothing.
 */
export function useSetDefaultPaymentToken() {
  const { client, customerUuid } = useSavedCardsContext('useSetDefaultPaymentToken()');
  return useTokenMutation(setDefaultPaymentTokenMutationOptions(client, customerUuid));
}
