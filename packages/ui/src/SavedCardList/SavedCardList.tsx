import {
  type CanRemove,
  createRemovalPolicy,
  type PaymentTokenFilters,
  pickInitialCard,
  type SavedCard,
  sortDefaultFirst,
} from '@savedcards/core';
import { usePaymentTokens } from '@savedcards/react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Announcements } from '../Announcements.js';
import { MessagesContext, type SavedCardsMessages, useMessages } from '../messages.js';
import { RemoveCardDialog, type SavedCardAction, SavedCardListActions } from './actions.js';
import { CardRow, type RowElements, useStableCallback } from './CardRow.js';
import {
  SavedCardListEmpty,
  SavedCardListError,
  SavedCardListItem,
  SavedCardListRoot,
  SavedCardListRow,
  SavedCardListSkeleton,
} from './parts.js';
import { useCardManagement } from './useCardManagement.js';

const NO_ACTIONS: readonly SavedCardAction[] = [];
const allowAll = createRemovalPolicy();

export interface SavedCardListProps extends PaymentTokenFilters {
  /** The selected token (controlled). `null` selects nothing. */
  value?: string | null;
  /** The initially selected token (uncontrolled). Without it the default card is pre-selected. */
  defaultValue?: string;
  /**
   * Called when the customer picks a card. Uncontrolled lists also call it with the card they
   * pre-select (and again if that card goes away), so a Pay button can enable straight away.
   */
  onSelect?: (card: SavedCard) => void;
  /** Leave expired cards out (checkout). Keep them when customers manage their cards. */
  hideExpired?: boolean;
  /**
   * Row actions for an account page: `['make-default', 'remove']`. With actions the list keeps
   * the gateway's order (rows do not jump when the default changes); without, the default is first.
   */
  actions?: readonly SavedCardAction[];
  /** Decides whether a card may be removed, and why not. Default: every card may be removed. */
  canRemove?: CanRemove;
  /** After removing the default card, make the first other usable card the default. */
  promoteDefaultOnRemove?: boolean;
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
 * The customer's saved cards as an accessible radio group, with loading, empty and error states,
 * and optional row actions (make default, remove) whose outcomes are announced.
 * Needs `<SavedCardsProvider>`; built from the `SavedCardList.*` parts.
 */
export function SavedCardList({
  value,
  defaultValue,
  onSelect,
  hideExpired = false,
  actions = NO_ACTIONS,
  canRemove = allowAll,
  promoteDefaultOnRemove = false,
  tokenType,
  messages: overrides,
  ...rootProps
}: SavedCardListProps) {
  const messages = useMessages(overrides);
  const query = usePaymentTokens({ tokenType });
  const managed = actions.length > 0;
  const cards = useMemo(() => {
    const all = query.data ?? [];
    const shown = hideExpired ? all.filter((card) => card.expiry !== 'expired') : all;
    return managed ? shown : sortDefaultFirst(shown);
  }, [query.data, hideExpired, managed]);
  const manage = useCardManagement({ cards, canRemove, promoteDefaultOnRemove, messages });

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

  const container = useRef<HTMLDivElement>(null);
  const [elements] = useState<RowElements>(() => ({ rows: new Map(), radios: new Map() }));
  // Stable, so rows of cards that did not change skip rendering (`CardRow` is memoised).
  const makeDefault = useStableCallback((target: SavedCard) => {
    manage.makeDefault(target);
    // The button goes away with the change; the card's radio now says "default".
    elements.radios.get(target.token)?.focus();
  });
  const requestRemove = useStableCallback(manage.requestRemove);

  let content: ReactNode;
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
          <CardRow
            key={card.token}
            card={card}
            actions={actions}
            actionsDisabled={!manage.online}
            onMakeDefault={makeDefault}
            onRemove={requestRemove}
            elements={elements}
          />
        ))}
      </SavedCardListRoot>
    );
  }

  return (
    <MessagesContext.Provider value={messages}>
      <div ref={container} data-slot="saved-cards" lang={messages.locale} tabIndex={-1}>
        {content}
        {managed ? (
          <>
            {manage.online ? null : <p data-slot="saved-card-offline">{messages.offline}</p>}
            <Announcements status={manage.announcer.status} alert={manage.announcer.alert} />
            <RemoveCardDialog
              card={manage.dialog?.card ?? null}
              refusal={manage.dialog?.refusal}
              onClose={manage.closeDialog}
              onConfirm={manage.confirmRemove}
              onCloseAutoFocus={(event) => {
                // The dialog has no Trigger part, so focus is placed here rather than by Radix.
                event.preventDefault();
                const next = manage.focusAfterDialog.current;
                const row = next ? elements.rows.get(next.token) : undefined;
                const target = row?.querySelector<HTMLElement>('[data-action="remove"]');
                (target ?? container.current)?.focus();
              }}
            />
          </>
        ) : null}
      </div>
    </MessagesContext.Provider>
  );
}

SavedCardList.Root = SavedCardListRoot;
SavedCardList.Row = SavedCardListRow;
SavedCardList.Item = SavedCardListItem;
SavedCardList.Actions = SavedCardListActions;
SavedCardList.RemoveDialog = RemoveCardDialog;
SavedCardList.Skeleton = SavedCardListSkeleton;
SavedCardList.Empty = SavedCardListEmpty;
SavedCardList.Error = SavedCardListError;
