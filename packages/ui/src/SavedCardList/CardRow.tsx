import type { SavedCard } from '@savedcards/core';
import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import { type SavedCardAction, SavedCardListActions } from './actions.js';
import { SavedCardListCard, SavedCardListItem, SavedCardListRow } from './parts.js';

/** Where a list keeps its rows' and cards' elements (radios or `Card`s), by token (for moving focus). */
export interface RowElements {
  rows: Map<string, HTMLElement>;
  cards: Map<string, HTMLElement>;
}

export interface CardRowProps {
  card: SavedCard;
  /** Row actions; none renders the radio alone. With actions the card is shown, not chosen (`Card`). */
  actions?: readonly SavedCardAction[];
  actionsDisabled?: boolean;
  /** Must keep their identity between renders (`useStableCallback`), or every row re-renders. */
  onMakeDefault?: (card: SavedCard) => void;
  onRemove?: (card: SavedCard) => void;
  elements?: RowElements;
}

function track<T>(map: Map<string, T> | undefined, token: string) {
  return (element: T | null) => {
    if (!map) return;
    element ? map.set(token, element) : map.delete(token);
  };
}

/**
 * One row of a list, memoised: when one card changes (a new default, a removal), the rows of the
 * cards that did not change keep their elements and do not render again. The cache keeps unchanged
 * cards' identity (optimistic writes and TanStack Query's structural sharing), so `memo` suffices.
 */
export const CardRow = memo(function CardRow({
  card,
  actions,
  actionsDisabled,
  onMakeDefault,
  onRemove,
  elements,
}: CardRowProps) {
  return (
    <SavedCardListRow ref={track(elements?.rows, card.token)}>
      {actions?.length ? (
        <SavedCardListCard card={card} ref={track(elements?.cards, card.token)} />
      ) : (
        <SavedCardListItem card={card} ref={track(elements?.cards, card.token)} />
      )}
      {actions?.length ? (
        <SavedCardListActions
          card={card}
          actions={actions}
          disabled={actionsDisabled}
          onMakeDefault={onMakeDefault}
          onRemove={onRemove}
        />
      ) : null}
    </SavedCardListRow>
  );
});

/** A function whose identity never changes and that always calls the latest `callback`. */
export function useStableCallback<Args extends unknown[], Result>(
  callback: (...args: Args) => Result,
): (...args: Args) => Result {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
