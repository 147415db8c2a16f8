import {
  AddCardObserver,
  type AddCardObserverOptions,
  savedCardsKeys,
  type TokenLifecycleState,
} from '@savedcards/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { upsertCachedCard } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';
import { useSetDefaultPaymentToken } from './useSetDefaultPaymentToken.js';

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
> & { state: TokenLifecycleState };

/**
 * The add-a-card flow: a view of `AddCardObserver` from `@savedcards/core`. `submit(card)`
 * creates the token; if it needs 3-D Secure the state is `requires_verification` with a
 * `verifyUrl` to open (`useVerificationWindow` does it), then the token is checked until it ends in
 * `success`, `failed`, `cancelled` or `timed_out`. The cache follows the engine: every token the
 * gateway answers with goes into the cached lists, the lists are read again when the flow ends, and
 * a card saved with `setAsDefault` becomes the default.
 */
export function useAddCard(options: UseAddCardOptions = {}): UseAddCardResult {
  const { resume = true, onSaved, onFinished, ...rest } = options;
  const { client, customerUuid } = useSavedCardsContext('useAddCard()');
  const queryClient = useQueryClient();
  const { mutate: setDefault } = useSetDefaultPaymentToken();
  const observerOptions: AddCardObserverOptions = {
    ...rest,
    client,
    customerUuid,
    onTokenChanged: (card) => upsertCachedCard(queryClient, customerUuid, card),
    onFinished: (state) => {
      void queryClient.invalidateQueries({
        queryKey: savedCardsKeys.paymentTokenLists(customerUuid),
      });
      onFinished?.(state);
    },
    onSaved: (card, saved) => {
      if (saved.setAsDefault) setDefault({ token: card.token });
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

  return {
    state,
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
