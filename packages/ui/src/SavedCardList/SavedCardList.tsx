import {
  type CanRemove,
  type PaymentTokenFilters,
  pickInitialCard,
  type SavedCard,
  sortDefaultFirst,
} from '@savedcards/core';
import { type CardManagementOutcome, useOnCardAdded, usePaymentTokens } from '@savedcards/react';
import { type ReactNode, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { MessagesContext, type SavedCardsMessages, useMessages } from '../messages.js';
import { type SavedCardAction, SavedCardListActions } from './actions.js';
import { CardRow } from './CardRow.js';
import {
  SavedCardListBadge,
  SavedCardListBadges,
  SavedCardListBrand,
  SavedCardListCard,
  SavedCardListExpiry,
  SavedCardListHolder,
  SavedCardListIndicator,
  SavedCardListItem,
  SavedCardListNumber,
  SavedCardListList,
  SavedCardListRoot,
  SavedCardListRow,
} from './parts.js';
import {
  SavedCardListStates,
  SavedCardListEmpty,
  SavedCardListError,
  SavedCardListSkeleton,
} from './states.js';
import { useControlledSwitchWarning } from './useControlledSwitchWarning.js';

/**
 * Row actions for an account page, made by `rowActions(['make-default', 'remove'])` (imported
 * separately, so a checkout without actions never ships the removal dialog).
 */
export interface SavedCardListRowActions {
  readonly actions: readonly SavedCardAction[];
  /** Renders the list with these actions inside the `SavedCardList` wrapper. */
  readonly render: (
    props: SavedCardListProps,
    container: RefObject<HTMLDivElement | null>,
  ) => ReactNode;
}

export interface SavedCardListProps extends PaymentTokenFilters {
  /** The selected token (controlled). `null` selects nothing. */
  value?: string | null;
  /** The initially selected token (uncontrolled). Without it the default card is pre-selected. */
  defaultValue?: string;
  /** Called with the token the customer picks. */
  onValueChange?: (token: string) => void;
  /**
   * Called when the customer picks a card. Uncontrolled lists also call it with the card they
   * pre-select (and again if that card goes away), so a Pay button can enable straight away.
   */
  onSelect?: (card: SavedCard) => void;
  /** Leave expired cards out (checkout). Keep them when customers manage their cards. */
  hideExpired?: boolean;
  /**
   * Row actions for an account page: `rowActions(['make-default', 'remove'])`. With actions the
   * cards are a list (not a radio group) in the gateway's order (rows do not jump when the default
   * changes); without, a radio group with the default first.
   */
  actions?: SavedCardListRowActions;
  /** Decides whether a card may be removed, and why not. Default: every card may be removed. */
  canRemove?: CanRemove;
  /** After removing the default card, make the first other usable card the default. */
  promoteDefaultOnRemove?: boolean;
  /** Called with every outcome of a row action (also announced in the live regions). */
  onOutcome?: (outcome: CardManagementOutcome) => void;
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
 * Needs `<SavedCardsProvider>`; built from the `SavedCardList.*` parts and `useCardManagement`.
 */
function SavedCardListComponent(props: SavedCardListProps) {
  const messages = useMessages(props.messages);
  const container = useRef<HTMLDivElement>(null);
  return (
    <MessagesContext.Provider value={messages}>
      <div ref={container} data-slot="saved-cards" lang={messages.locale} tabIndex={-1}>
        {props.actions?.actions.length ? (
          props.actions.render(props, container)
        ) : (
          <ChooseCard {...props} />
        )}
      </div>
    </MessagesContext.Provider>
  );
}

/** The checkout's list: a radio group, the default card first. */
function ChooseCard({
  value,
  defaultValue,
  onValueChange,
  onSelect,
  hideExpired = false,
  tokenType,
  actions: _actions,
  canRemove: _canRemove,
  promoteDefaultOnRemove: _promote,
  onOutcome: _onOutcome,
  messages: _messages,
  ...rootProps
}: SavedCardListProps) {
  const query = usePaymentTokens({ tokenType });
  const cards = useMemo(() => {
    const all = query.data ?? [];
    return sortDefaultFirst(hideExpired ? all.filter((card) => card.expiry !== 'expired') : all);
  }, [query.data, hideExpired]);

  const isControlled = value !== undefined;
  useControlledSwitchWarning(isControlled, 'SavedCardList');
  const [chosen, setChosen] = useState(defaultValue);
  const chosenCard = cards.find((card) => card.token === chosen);
  const selected = isControlled ? (value ?? '') : (chosenCard ?? pickInitialCard(cards))?.token;

  // A card just saved under the same provider is selected (checkout), controlled or not.
  useOnCardAdded((card) => {
    if (hideExpired && card.expiry === 'expired') return;
    if (!isControlled) {
      notified.current = card.token;
      setChosen(card.token);
    }
    onValueChange?.(card.token);
    onSelect?.(card);
  });

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

  return (
    <SavedCardListStates query={query} isEmpty={cards.length === 0}>
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
          onValueChange?.(token);
          onSelect?.(card);
        }}
        {...rootProps}
      >
        {cards.map((card) => (
          <CardRow key={card.token} card={card} />
        ))}
      </SavedCardListRoot>
    </SavedCardListStates>
  );
}

SavedCardListComponent.displayName = 'SavedCardList';

/**
 * `<SavedCardList />`, the ready-made list, and its parts for your own layout:
 * `SavedCardList.Root`, `.List`, `.Row`, `.Item`, `.Card`, `.Indicator`, `.Brand`, `.Number`, `.Holder`, `.Expiry`,
 * `.Badges`, `.Badge`, `.Actions`, `.Skeleton`, `.Empty`, `.Error`, `.States` (each also
 * exported flat: `SavedCardListItem`, …). The removal dialog is `RemoveCardDialog`, exported on its
 * own so that only bundles that use it ship it.
 */
export const SavedCardList: typeof SavedCardListComponent & {
  Root: typeof SavedCardListRoot;
  List: typeof SavedCardListList;
  Row: typeof SavedCardListRow;
  Item: typeof SavedCardListItem;
  Card: typeof SavedCardListCard;
  Indicator: typeof SavedCardListIndicator;
  Brand: typeof SavedCardListBrand;
  Number: typeof SavedCardListNumber;
  Holder: typeof SavedCardListHolder;
  Expiry: typeof SavedCardListExpiry;
  Badges: typeof SavedCardListBadges;
  Badge: typeof SavedCardListBadge;
  Actions: typeof SavedCardListActions;
  Skeleton: typeof SavedCardListSkeleton;
  Empty: typeof SavedCardListEmpty;
  Error: typeof SavedCardListError;
  States: typeof SavedCardListStates;
} = Object.assign(SavedCardListComponent, {
  Root: SavedCardListRoot,
  List: SavedCardListList,
  Row: SavedCardListRow,
  Item: SavedCardListItem,
  Card: SavedCardListCard,
  Indicator: SavedCardListIndicator,
  Brand: SavedCardListBrand,
  Number: SavedCardListNumber,
  Holder: SavedCardListHolder,
  Expiry: SavedCardListExpiry,
  Badges: SavedCardListBadges,
  Badge: SavedCardListBadge,
  Actions: SavedCardListActions,
  Skeleton: SavedCardListSkeleton,
  Empty: SavedCardListEmpty,
  Error: SavedCardListError,
  States: SavedCardListStates,
});
