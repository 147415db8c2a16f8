import {
  AddCardObserver,
  type AddCardObserverOptions,
  type TokenLifecycleState,
} from '@savedcards/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { upsertCachedCard } from './mutations.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

export interface UseTokenStatusOptions
  extends Pick<AddCardObserverOptions, 'timeoutMs' | 'poll' | 'visibility' | 'timers'> {
  /** Check only while true. Default true. */
  enabled?: boolean;
}

export type TokenStatus = 'idle' | 'polling' | 'success' | 'failed' | 'timed_out' | 'cancelled';

const STATUS: Record<TokenLifecycleState['status'], TokenStatus> = {
  idle: 'idle',
  creating: 'polling',
  requires_verification: 'polling',
  verifying: 'polling',
  polling: 'polling',
  success: 'success',
  failed: 'failed',
  cancelled: 'cancelled',
  timed_out: 'timed_out',
};

/**
 * Checks one token (after 3-D Secure, or a pending card in a list) until the gateway says
 * `success` or `failed`: the add-card engine (`AddCardObserver.watch`) in check-only mode, so the
 * backoff, the pause in hidden tabs and the timeout are the same. `verifyUuid` is left out for a
 * token the gateway gave none. Each answer goes into the cached token lists.
 */
export function useTokenStatus(
  token: string | undefined,
  verifyUuid?: string,
  options: UseTokenStatusOptions = {},
) {
  const { client, customerUuid } = useSavedCardsContext('useTokenStatus()');
  const queryClient = useQueryClient();
  const { enabled = true, ...rest } = options;
  const observerOptions: AddCardObserverOptions = {
    ...rest,
    client,
    customerUuid,
    storage: null,
    onTokenChanged: (card) => upsertCachedCard(queryClient, customerUuid, card),
  };
  const [observer] = useState(() => new AddCardObserver(observerOptions));
  useEffect(() => observer.setOptions(observerOptions));
  const state = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getSnapshot,
  );
  useEffect(() => {
    if (enabled && token) observer.watch(token, verifyUuid);
    else observer.reset();
  }, [observer, enabled, token, verifyUuid]);

  return {
    status: STATUS[state.status],
    /** The token as the gateway last returned it, once final. */
    card: 'result' in state ? state.result : undefined,
    /** The failed check's error (`check_error`). */
    error: state.status === 'failed' ? state.error : undefined,
    state,
    cancel: observer.cancel,
    checkNow: observer.checkNow,
  };
}
