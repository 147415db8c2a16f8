import {
  type PaymentTokenFilters,
  pickInitialCard,
  type SavedCard,
  sortDefaultFirst,
} from '@savedcards/core';
import { usePaymentTokens } from '@savedcards/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MessagesContext, type SavedCardsMessages, useMessages } from '../messages.js';
import {
  SavedCardListEmpty,
  SavedCardListError,
  SavedCardListItem,
  SavedCardListRoot,
  SavedCardListRow,
  SavedCardListSkeleton,
} from './parts.js';

export interface SavedCardListProps extends PaymentTokenFilters {
  /** The selected token (controlled). `null` selects nothing. */
  value?: string | null;
  /** The initially selected token (uncontrolled). Without it the default card is pre-selected. */
  defaultValue?: string;
  /**
   * Called when the customer picks a card. Uncontrolled lists also call it once with the card they
   * pre-select, so a Pay button can enable straight away.
   */
  onSelect?: (card: SavedCard) => void;
  /** Leave expired cards out (checkout). Keep them when customers manage their cards. */
  hideExpired?: boolean;
  /** Form field name, to submit the selected token with a surrounding `<form>`. */
  name?: string;
  required?: boolean;
  /** Override any visible or announced string. */
  messages?: Partial<SavedCardsMessages>;
  className?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

/**
 * The customer's saved cards as an accessible radio group, with loading, empty and error states.
 * Needs `<SavedCardsProvider>`; built from the `SavedCardList.*` parts.
 */
export function SavedCardList({
  value,
  defaultValue,
  onSelect,
  hideExpired = false,
  tokenType,
  messages: overrides,
  ...rootProps
}: SavedCardListProps) {
  const messages = useMessages(overrides);
  const query = usePaymentTokens({ tokenType });
  const cards = useMemo(() => {
    const all = query.data ?? [];
    return sortDefaultFirst(hideExpired ? all.filter((card) => card.expiry !== 'expired') : all);
  }, [query.data, hideExpired]);

  const [chosen, setChosen] = useState(defaultValue);
  const isControlled = value !== undefined;
  const chosenCard = cards.find((card) => card.token === chosen);
  const selected = isControlled ? (value ?? '') : (chosenCard ?? pickInitialCard(cards))?.token;

  // Uncontrolled: tell the page which card was pre-selected (or re-selected after it vanished).
  const notified = useRef<string | undefined>(undefined);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  useEffect(() => {
    const card = cards.find((candidate) => candidate.token === selected);
    if (!isControlled && card && notified.current !== card.token) {
      notified.current = card.token;
      onSelectRef.current?.(card);
    }
  }, [cards, selected, isControlled]);

  let content: React.ReactNode;
  if (query.isPending || (query.isError && query.isFetching)) {
    content = <SavedCardListSkeleton />;
  } else if (query.isError && !query.data) {
    content = <SavedCardListError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (cards.length === 0) {
    content = <SavedCardListEmpty />;
  } else {
    content = (
      <SavedCardListRoot
        value={selected ?? ''}
        onValueChange={(token) => {
          const card = cards.find((candidate) => candidate.token === token);
          if (!card) {
            return;
          }
          if (!isControlled) {
            notified.current = token;
            setChosen(token);
          }
          onSelect?.(card);
        }}
        {...rootProps}
      >
        {cards.map((card) => (
          <SavedCardListRow key={card.token}>
            <SavedCardListItem card={card} />
          </SavedCardListRow>
        ))}
      </SavedCardListRoot>
    );
  }
  return <MessagesContext.Provider value={messages}>{content}</MessagesContext.Provider>;
}

SavedCardList.Root = SavedCardListRoot;
SavedCardList.Row = SavedCardListRow;
SavedCardList.Item = SavedCardListItem;
SavedCardList.Skeleton = SavedCardListSkeleton;
SavedCardList.Empty = SavedCardListEmpty;
SavedCardList.Error = SavedCardListError;
