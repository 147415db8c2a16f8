import {
  type CreatePaymentTokenOptions,
  clearPendingVerification,
  IDLE_TOKEN_LIFECYCLE,
  isTerminalTokenLifecycle,
  type NewCardInput,
  readPendingVerification,
  savePendingVerification,
  savedCardsKeys,
  sealCard,
  type ThreeDSOutcome,
  type TokenLifecycleState,
  transitionTokenLifecycle,
} from '@savedcards/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { upsertCachedCard } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';
import { useCreatePaymentToken } from './useCreatePaymentToken.js';
import { useSetDefaultPaymentToken } from './useSetDefaultPaymentToken.js';
import { type UseTokenStatusOptions, useTokenStatus } from './useTokenStatus.js';

export interface UseAddCardOptions
  extends Omit<UseTokenStatusOptions, 'enabled'>,
    Omit<CreatePaymentTokenOptions, 'signal'> {
  /** Pick up a verification left by a full-page redirect (sessionStorage). Default true. */
  resume?: boolean;
}

/**
 * The add-a-card flow as a state machine (`TokenLifecycleState` from `@savedcards/core`):
 * `submit(card)` creates the token; if it needs 3-D Secure the state is `requires_verification`
 * with a `verifyUrl` for the UI to open, then `verificationOpened()`; the token is checked (see
 * `useTokenStatus`) until it ends in `success`, `failed`, `cancelled` or `timed_out`. On success
 * the token lists are refreshed and, if asked, the card becomes the default.
 */
/** The flow ended with the create call's own answer (no 3-D Secure happened). */
const endedAtCreate = (state: TokenLifecycleState) =>
  (state.status === 'success' && state.reason === 'frictionless') ||
  (state.status === 'failed' && (state.reason === 'declined' || state.reason === 'create_error'));

export function useAddCard(options: UseAddCardOptions = {}) {
  const { resume = true, timeoutMs, poll, returnUrls, transactionType } = options;
  const { customerUuid } = useSavedCardsContext('useAddCard()');
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(transitionTokenLifecycle, IDLE_TOKEN_LIFECYCLE);
  const { mutateAsync: create } = useCreatePaymentToken({ returnUrls, transactionType });
  const { mutate: setDefault } = useSetDefaultPaymentToken();
  const makeDefault = useRef(false);
  const busy = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  // A full-page redirect to 3-D Secure came back: carry on checking the token it left.
  useEffect(() => {
    const pending = resume ? readPendingVerification() : null;
    if (pending && pending.customerUuid === customerUuid) {
      dispatch({ type: 'resume', token: pending.token, verifyUuid: pending.verifyUuid });
    }
  }, [resume, customerUuid]);

  const watching = state.status === 'verifying' || state.status === 'polling';
  const status = useTokenStatus(
    watching ? state.token : undefined,
    watching ? state.verifyUuid : undefined,
    { timeoutMs, poll },
  );
  const { checkNow, cancel: cancelChecks } = status;
  useEffect(() => {
    if (status.card) {
      dispatch({ type: 'poll_result', token: status.card });
    }
  }, [status.card]);
  useEffect(() => {
    if (status.error) {
      dispatch({ type: 'poll_error', error: status.error });
    }
  }, [status.error]);
  useEffect(() => {
    if (status.status === 'timed_out') {
      dispatch({ type: 'timeout' });
    }
  }, [status.status]);

  const finished = isTerminalTokenLifecycle(state) ? state : undefined;
  const verifiedCard = status.card;
  useEffect(() => {
    if (!finished) {
      return;
    }
    clearPendingVerification();
    // The create refetched the lists as it settled. After 3-D Secure, whatever the end, they are
    // read again: a check that failed may hide a card that was saved.
    if (!endedAtCreate(finished)) {
      void queryClient.invalidateQueries({
        queryKey: savedCardsKeys.paymentTokenLists(customerUuid),
      });
    }
    if (finished.status !== 'success') {
      return;
    }
    if (verifiedCard?.token === finished.token) {
      upsertCachedCard(queryClient, customerUuid, verifiedCard);
    }
    if (makeDefault.current) {
      makeDefault.current = false;
      setDefault({ token: finished.token });
    }
  }, [finished, verifiedCard, queryClient, customerUuid, setDefault]);

  const submit = useCallback(
    async (card: NewCardInput, { setAsDefault = false }: { setAsDefault?: boolean } = {}) => {
      if (busy.current) {
        return; // a double click sends one request
      }
      busy.current = true;
      const sealed = sealCard(card);
      makeDefault.current = setAsDefault;
      dispatch({ type: 'reset' });
      dispatch({ type: 'submit', card: sealed.summary });
      try {
        dispatch({ type: 'created', token: await create(sealed) });
      } catch (error) {
        dispatch({ type: 'create_failed', error });
      } finally {
        busy.current = false;
      }
    },
    [create],
  );

  return {
    state,
    submit,
    /** The challenge is open (popup, iframe) or about to be (redirect). */
    verificationOpened: useCallback(() => dispatch({ type: 'verification_opened' }), []),
    verificationBlocked: useCallback(
      (reason: 'blocked_popup' | 'unsafe_verify_url') =>
        dispatch({ type: 'verification_blocked', reason }),
      [],
    ),
    /** The cardholder came back (return page message, popup closed): check now. */
    verificationReturned: useCallback(
      (outcome?: ThreeDSOutcome) => {
        dispatch({ type: 'verification_returned', outcome });
        checkNow();
      },
      [checkNow],
    ),
    /** Before a full-page redirect: keep the token and verify uuid (only) in sessionStorage. */
    rememberForRedirect: useCallback(() => {
      const current = stateRef.current;
      if (current.status === 'requires_verification') {
        savePendingVerification({
          customerUuid,
          token: current.token,
          verifyUuid: current.verifyUuid,
        });
      }
    }, [customerUuid]),
    cancel: useCallback(() => {
      cancelChecks();
      dispatch({ type: 'cancel' });
    }, [cancelChecks]),
    reset: useCallback(() => dispatch({ type: 'reset' }), []),
  };
}
