import {
  PaymentObserver,
  type PaymentFlowState,
  type PaymentObserverOptions,
} from '@savedcards/core';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useSavedCardsContext } from './SavedCardsProvider.js';
import type {
  UseVerificationWindowOptions,
  VerificationChallenge,
  VerificationWindow,
} from './useVerificationWindow.js';
import { NO_CHALLENGE, useVerificationWindow } from './useVerificationWindow.js';

export interface UsePayWithSavedCardOptions extends Omit<PaymentObserverOptions, 'client'> {
  /** How the 3-D Secure of a payment opens (as for adding a card). Default: a popup. */
  verification?: UseVerificationWindowOptions;
  /** Pick up a payment whose 3-D Secure left by full-page redirect (sessionStorage). Default true. */
  resume?: boolean;
}

/** What `usePayWithSavedCard` returns: the engine's state, its commands and the 3-D Secure window. */
export type UsePayWithSavedCardResult = Pick<
  PaymentObserver,
  'pay' | 'cancel' | 'checkAgain' | 'reset'
> & {
  state: PaymentFlowState;
  /** The payment's 3-D Secure step (what `verification` reads). */
  challenge: VerificationChallenge;
  /** The payment's 3-D Secure window: render `frameProps` in a dialog, or a button for `blocked`. */
  verification: VerificationWindow;
};

/** Where a payment is with its challenge. */
function paymentChallenge(state: PaymentFlowState): VerificationChallenge {
  switch (state.status) {
    case 'paying':
      return { step: 'starting' };
    case 'requires_action':
      return state.popupBlocked
        ? { step: 'open', verifyUrl: state.redirectUrl, popupBlocked: true }
        : { step: 'open', verifyUrl: state.redirectUrl };
    case 'verifying':
      return { step: 'verifying', verifyUrl: state.redirectUrl };
    case 'checking':
      return state.result?.state === 'requires_action' ? { step: 'checking' } : NO_CHALLENGE;
    default:
      return NO_CHALLENGE;
  }
}

/**
 * Pays the merchant's order with a saved card: a view of `PaymentObserver` from `@savedcards/core`.
 * `pay(token)` sends the order id and the token (never an amount: the server resolves it); a double
 * click pays once. 3-D Secure on the payment opens like adding a card's (`verification`); a lost
 * answer is resolved by reading the order's status (`checking`), and an outcome that stays unknown
 * offers `checkAgain()`, never a second payment.
 */
export function usePayWithSavedCard(
  options: UsePayWithSavedCardOptions,
): UsePayWithSavedCardResult {
  const { verification: windowOptions, resume = true, ...rest } = options;
  const { client } = useSavedCardsContext('usePayWithSavedCard()');
  const observerOptions: PaymentObserverOptions = { ...rest, client };
  const [observer] = useState(() => new PaymentObserver(observerOptions));
  useEffect(() => observer.setOptions(observerOptions));
  const state = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getSnapshot,
  );
  useEffect(() => {
    if (resume) observer.resume();
  }, [observer, resume]);

  const challenge = useMemo(() => paymentChallenge(state), [state]);
  const verification = useVerificationWindow(
    {
      challenge,
      verificationOpened: observer.verificationOpened,
      verificationBlocked: observer.verificationBlocked,
      verificationReturned: observer.verificationReturned,
      rememberForRedirect: observer.rememberForRedirect,
    },
    windowOptions,
  );

  return {
    state,
    challenge,
    pay: observer.pay,
    cancel: observer.cancel,
    checkAgain: observer.checkAgain,
    reset: observer.reset,
    verification,
  };
}
