import {
  isRetryableError,
  nextPollDelay,
  type PollDelayOptions,
  type SavedCard,
  TOKEN_LIFECYCLE_DEFAULTS,
} from '@savedcards/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { tokenStatusQueryOptions } from './queries.js';
import { useSavedCardsContext } from './SavedCardsProvider.js';

export interface UseTokenStatusOptions {
  /** Poll only while true. Default true. */
  enabled?: boolean;
  /** Stop with `timed_out` after this long. Default 120 000 ms. */
  timeoutMs?: number;
  /** Backoff between checks. Default 1 s × 1.5, at most 5 s. */
  poll?: PollDelayOptions;
}

export type TokenStatus = 'idle' | 'polling' | 'success' | 'failed' | 'timed_out' | 'cancelled';

const settled = (card: SavedCard | undefined) =>
  card?.state === 'success' || card?.state === 'failed';

/**
 * Polls a token's state after 3-D Secure until the gateway says `success` or `failed`: backing
 * off, paused while the tab is hidden, stopped at `timeoutMs` or by `cancel()`, and never again
 * after a final state. `checkNow()` checks at once (e.g. when the return page reports back).
 */
export function useTokenStatus(
  token: string | undefined,
  verifyUuid: string | undefined,
  options: UseTokenStatusOptions = {},
) {
  const { client, customerUuid, retry } = useSavedCardsContext('useTokenStatus()');
  const { enabled = true, timeoutMs = TOKEN_LIFECYCLE_DEFAULTS.timeoutMs, poll } = options;
  const [stopped, setStopped] = useState<{ token?: string; why: 'cancelled' | 'timed_out' }>();
  const isStopped = stopped !== undefined && stopped.token === token;
  const active = Boolean(token && verifyUuid) && enabled && !isStopped;

  const query = useQuery({
    ...tokenStatusQueryOptions(client, customerUuid, {
      token: token ?? '',
      verifyUuid: verifyUuid ?? '',
      retry,
    }),
    enabled: active,
    refetchInterval: (current) => {
      const { data, error, dataUpdateCount, errorUpdateCount } = current.state;
      if (settled(data) || (error && !isRetryableError(error))) {
        return false;
      }
      return nextPollDelay(Math.max(0, dataUpdateCount + errorUpdateCount - 1), poll);
    },
    refetchIntervalInBackground: false,
  });
  const card = query.data;
  const done = settled(card) || (query.isError && !isRetryableError(query.error));

  useEffect(() => {
    if (!active || done) {
      return;
    }
    const timer = setTimeout(() => setStopped({ token, why: 'timed_out' }), timeoutMs);
    return () => clearTimeout(timer);
  }, [active, done, timeoutMs, token]);

  const latest = useRef({ token, active, done });
  latest.current = { token, active, done };
  const { refetch } = query;
  const cancel = useCallback(
    () => setStopped({ token: latest.current.token, why: 'cancelled' }),
    [],
  );
  const checkNow = useCallback(() => {
    if (latest.current.active && !latest.current.done) {
      void refetch();
    }
  }, [refetch]);

  let status: TokenStatus = 'idle';
  if (isStopped) {
    status = stopped.why;
  } else if (card?.state === 'success') {
    status = 'success';
  } else if (card?.state === 'failed' || done) {
    status = 'failed';
  } else if (active) {
    status = 'polling';
  }

  return {
    status,
    /** The token as last checked. */
    card,
    error: query.error,
    cancel,
    checkNow,
  };
}
