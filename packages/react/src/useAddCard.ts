import {
  AddCardObserver,
  type AddCardObserverOptions,
  type GatewayClient,
  isUsableCard,
  type SavedCard,
  savedCardsKeys,
  type TokenLifecycleState,
} from '@savedcards/core';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { removeCachedCard, upsertCachedCard } from './mutations.js';
import { customerQueryOptions } from './queries.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';
import { useSetDefaultPaymentToken } from './useSetDefaultPaymentToken.js';
import { NO_CHALLENGE, type VerificationChallenge } from './useVerificationWindow.js';

export interface UseAddCardOptions
  extends Omit<AddCardObserverOptions, 'client' | 'customerUuid' | 'onTokenChanged'> {
  /** Pick up a verification left by a full-page redirect (sessionStorage). Default true. */
  resume?: boolean;
}

/** What `useAddCard` returns: the engine's state and its commands (stable functions). */
export type UseAddCardResult = Pick<
  AddCardObserver,
  | 'submit'
  | 'verificationOpened'
  | 'verificationBlocked'
  | 'verificationReturned'
  | 'rememberForRedirect'
  | 'checkNow'
  | 'cancel'
  | 'reset'
> & {
  state: TokenLifecycleState;
  /** The flow's 3-D Secure step, for `useVerificationWindow`. */
  challenge: VerificationChallenge;
};

/** Where an add-card flow is with its challenge. */
function tokenChallenge(state: TokenLifecycleState): VerificationChallenge {
  switch (state.status) {
    case 'creating':
      return { step: 'starting' };
    case 'requires_verification':
      return state.popupBlocked
        ? { step: 'open', verifyUrl: state.verifyUrl, popupBlocked: true }
        : { step: 'open', verifyUrl: state.verifyUrl };
    case 'verifying':
      return { step: 'verifying', verifyUrl: state.verifyUrl };
    case 'polling':
      return { step: 'checking' };
    default:
      return NO_CHALLENGE;
  }
}

/**
 * The add-a-card flow: a view of `AddCardObserver` from `@savedcards/core`. `submit(card)`
 * creates the token; if it needs 3-D Secure the state is `requires_verification` with a
 * `verifyUrl` to open (`useVerificationWindow` does it), then the token is checked until it ends in
 * `success`, `failed`, `cancelled` or `timed_out`. The cache follows the engine: every token the
 * gateway answers with goes into the cached lists, the lists are read again when the flow ends, and
 * a card saved with `setAsDefault` becomes the default.
 *
 * **Experimental:** `useAddCard({ encryption: 'secure-data' })` seals the card in the browser for
 * Wonder's public key, so your server (the signing proxy, with its `secureData` option) receives only
 * ciphertext. Default `'none'`: the proxy receives the card as `{"card": …}`.
 */
export function useAddCard(options: UseAddCardOptions = {}): UseAddCardResult {
  const { resume = true, onSaved, onFinished, ...rest } = options;
  const { client, customerUuid, cardAdded } = useSavedCardsContext('useAddCard()');
  const queryClient = useQueryClient();
  const { mutate: setDefault } = useSetDefaultPaymentToken();
  const observerOptions: AddCardObserverOptions = {
    ...rest,
    client,
    customerUuid,
    onTokenChanged: (card) => upsertCachedCard(queryClient, customerUuid, card),
    onTokenDiscarded: (token) => {
      removeCachedCard(queryClient, customerUuid, token);
      // A list read sent before the delete (the flow's end refreshes the lists) may answer after
      // it with the token still there: read again, which cancels that stale read.
      void queryClient.invalidateQueries({
        queryKey: savedCardsKeys.paymentTokenLists(customerUuid),
      });
      rest.onTokenDiscarded?.(token);
    },
    onFinished: (state) => {
      void queryClient.invalidateQueries({
        queryKey: savedCardsKeys.paymentTokenLists(customerUuid),
      });
      onFinished?.(state);
    },
    onSaved: (card, saved) => {
      cardAdded.emit(card);
      if (saved.setAsDefault) {
        setDefault({ token: card.token });
      } else {
        // A customer's first card becomes the default.
        void isFirstCard(queryClient, client, customerUuid, card.token).then((first) => {
          if (first) setDefault({ token: card.token });
        });
      }
      onSaved?.(card, saved);
    },
  };
  const [observer] = useState(() => new AddCardObserver(observerOptions));
  useEffect(() => observer.setOptions(observerOptions));
  const state = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getSnapshot,
  );
  useEffect(() => {
    if (resume) observer.resume();
  }, [observer, resume]);
  const challenge = useMemo(() => tokenChallenge(state), [state]);

  return {
    state,
    challenge,
    submit: observer.submit,
    verificationOpened: observer.verificationOpened,
    verificationBlocked: observer.verificationBlocked,
    verificationReturned: observer.verificationReturned,
    rememberForRedirect: observer.rememberForRedirect,
    checkNow: observer.checkNow,
    cancel: observer.cancel,
    reset: observer.reset,
  };
}

/**
 * Whether the customer has no other usable card: decided from the cached lists when a list is on
 * the page, else from the customer's default (one read).
 */
async function isFirstCard(
  queryClient: QueryClient,
  client: GatewayClient,
  customerUuid: string,
  token: string,
): Promise<boolean> {
  const lists = queryClient.getQueriesData<SavedCard[]>({
    queryKey: savedCardsKeys.paymentTokenLists(customerUuid),
  });
  const cached = lists.flatMap(([, cards]) => cards ?? []);
  if (lists.some(([, cards]) => cards !== undefined)) {
    return !cached.some((other) => other.token !== token && isUsableCard(other));
  }
  try {
    const customer = await queryClient.ensureQueryData(customerQueryOptions(client, customerUuid));
    return !customer.defaultToken;
  } catch {
    return false;
  }
}
