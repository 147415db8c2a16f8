import {
  type CanRemove,
  createRemovalPolicy,
  type GatewayError,
  planRemoval,
  type RemovalRefusal,
  type SavedCard,
} from '@savedcards/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useDeletePaymentToken } from './useDeletePaymentToken.js';
import { useOnlineStatus } from './useOnlineStatus.js';
import { useSetDefaultPaymentToken } from './useSetDefaultPaymentToken.js';

/**
 * What became of a write, for the page to word and announce. `id` grows with every outcome, so
 * two equal outcomes in a row (the same removal failing twice) are still two.
 */
export type CardManagementOutcome = { id: number } & (
  | {
      type: 'default-changed';
      card: SavedCard /** After the default was removed. */;
      promoted: boolean;
    }
  | { type: 'default-failed'; card: SavedCard; error: GatewayError }
  | { type: 'removed'; card: SavedCard }
  | { type: 'remove-failed'; card: SavedCard; error: GatewayError }
  /** `clearFailed()` deleted every failed attempt it found. */
  | { type: 'failed-cleared'; cards: readonly SavedCard[] }
  /** Some could not be deleted (`cards`); they are back in the list. */
  | { type: 'clear-failed-failed'; cards: readonly SavedCard[]; error: GatewayError }
);

/** A removal waiting for the customer's answer, or refused by the policy (`refusal`). */
export interface PendingRemoval {
  card: SavedCard;
  refusal?: RemovalRefusal;
}

/** Where focus belongs once a confirmation closes: a card's row, or the list (no card left). */
export type CardManagementFocus = { type: 'card'; token: string } | { type: 'list' };

export interface UseCardManagementOptions {
  /** The cards as shown, in order: the removal policy, the promotion and focus read them. */
  cards: readonly SavedCard[];
  /** Decides whether a card may be removed, and why not. Default: every card may be removed. */
  canRemove?: CanRemove;
  /** After removing the default card, make the first other usable card the default. */
  promoteDefaultOnRemove?: boolean;
  /** Called with every outcome, in order (also kept in `outcomes`). */
  onOutcome?: (outcome: CardManagementOutcome) => void;
}

const allowAll = createRemovalPolicy();
// No layout effect on the server (React 18 warns about one there).
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Make-default and remove for a list of cards, headless: the optimistic writes, the removal policy
 * and its confirmation, promotion of a new default, typed outcomes and where focus goes after a
 * row disappears. `@savedcards/ui`'s `SavedCardList` and `DefaultMethodPicker` are built on it.
 */
export function useCardManagement({
  cards,
  canRemove = allowAll,
  promoteDefaultOnRemove = false,
  onOutcome,
}: UseCardManagementOptions) {
  const setDefault = useSetDefaultPaymentToken();
  const remove = useDeletePaymentToken();
  const online = useOnlineStatus();
  const [pendingRemoval, setPendingRemoval] = useState<PendingRemoval | null>(null);
  const [focusAfterRemoval, setFocus] = useState<CardManagementFocus | null>(null);
  const [outcomes, setOutcomes] = useState<readonly CardManagementOutcome[]>([]);
  const latest = useRef({ cards, canRemove, promoteDefaultOnRemove, onOutcome, nextId: 1 });
  useIsomorphicLayoutEffect(() => {
    Object.assign(latest.current, { cards, canRemove, promoteDefaultOnRemove, onOutcome });
  });

  const report = useCallback((outcome: DistributiveOmit<CardManagementOutcome, 'id'>) => {
    const delivered = { ...outcome, id: latest.current.nextId++ } as CardManagementOutcome;
    setOutcomes((previous) => [...previous, delivered]);
    latest.current.onOutcome?.(delivered);
  }, []);

  const makeDefault = useCallback(
    (card: SavedCard, promoted = false) => {
      if (card.isDefault) {
        return;
      }
      setDefault.mutateAsync({ token: card.token }).then(
        () => report({ type: 'default-changed', card, promoted }),
        (error: GatewayError) => report({ type: 'default-failed', card, error }),
      );
    },
    [setDefault.mutateAsync, report],
  );

  const requestRemove = useCallback((card: SavedCard) => {
    const plan = planRemoval(card, latest.current);
    setFocus({ type: 'card', token: card.token });
    setPendingRemoval({ card, refusal: plan.allowed ? undefined : plan.reason });
  }, []);

  const cancelRemove = useCallback(() => setPendingRemoval(null), []);

  const confirmRemove = useCallback(
    (card: SavedCard) => {
      const plan = planRemoval(card, latest.current);
      setPendingRemoval(null);
      if (!plan.allowed) {
        return;
      }
      const { focusAfter, promoteTo } = plan;
      setFocus(focusAfter ? { type: 'card', token: focusAfter.token } : { type: 'list' });
      remove.mutateAsync({ token: card.token }).then(
        () => {
          report({ type: 'removed', card });
          if (promoteTo) {
            makeDefault(promoteTo, true);
          }
        },
        (error: GatewayError) => report({ type: 'remove-failed', card, error }),
      );
    },
    [remove.mutateAsync, report, makeDefault],
  );

  const clearFailed = useCallback(() => {
    const failed = latest.current.cards.filter((card) => card.state === 'failed');
    if (failed.length === 0) {
      return;
    }
    void Promise.allSettled(failed.map((card) => remove.mutateAsync({ token: card.token }))).then(
      (results) => {
        const kept = failed.filter((_, index) => results[index]?.status === 'rejected');
        const refusal = results.find(
          (result): result is PromiseRejectedResult => result.status === 'rejected',
        );
        if (refusal) {
          // The mutations reject with the client's typed errors only.
          const error = refusal.reason as GatewayError;
          report({ type: 'clear-failed-failed', cards: kept, error });
        } else {
          report({ type: 'failed-cleared', cards: failed });
        }
      },
    );
  }, [remove.mutateAsync, report]);

  return {
    /** Writes are paused while the browser is offline: disable the actions. */
    online,
    /** Make a card the default (optimistic; nothing happens for the current default). */
    makeDefault: useCallback((card: SavedCard) => makeDefault(card), [makeDefault]),
    /** Ask to remove a card: opens `pendingRemoval`, with the policy's `refusal` if it says no. */
    requestRemove,
    /** The customer confirmed: remove the card (optimistic), then promote a new default. */
    confirmRemove,
    /**
     * Delete every failed attempt in `cards` (tokens left by an add that was declined, cancelled or
     * timed out, from before the kit cleaned up after itself): optimistic, one outcome for all.
     */
    clearFailed,
    /** The customer kept the card (or acknowledged the refusal). */
    cancelRemove,
    /** The removal being confirmed, or `null`. */
    pendingRemoval,
    /** Where focus goes when the confirmation closes (the card's own row if it was kept). */
    focusAfterRemoval,
    /** Every outcome so far, in order. */
    outcomes,
  };
}

export type UseCardManagementResult = ReturnType<typeof useCardManagement>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
