import {
  type CanRemove,
  type PaymentTokenFilters,
  pickInitialCard,
  type SavedCard,
  sortDefaultFirst,
} from '@savedcards/core';
import {
  type CardManagementOutcome,
  useCardManagement,
  useOnCardAdded,
  usePaymentTokens,
} from '@savedcards/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Announcements, useAnnouncer } from '../Announcements.js';
import {
  describeOutcome,
  MessagesContext,
  type SavedCardsMessages,
  useMessages,
} from '../messages.js';
import { RemoveCardDialog, type SavedCardAction, SavedCardListActions } from './actions.js';
import { CardRow, type RowElements, useStableCallback } from './CardRow.js';
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

const NO_ACTIONS: readonly SavedCardAction[] = [];

export interface SavedCardListProps extends PaymentTokenFilters {
  /** The selected token (controlled). `null` selects nothing. */
  value?: string | null;
  /** The initially selected token (uncontrolled). Without it the default card is pre-selected. */
  defaultValue?: string;
  /** Called with the token the customer picks (as Radix's `onValueChange`). */
  onValueChange?: (token: string) => void;
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
function SavedCardListComponent({
  value,
  defaultValue,
  onValueChange,
  onSelect,
  hideExpired = false,
  actions = NO_ACTIONS,
  canRemove,
  promoteDefaultOnRemove = false,
  onOutcome,
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
  const announcer = useAnnouncer();
  const manage = useCardManagement({
    cards,
    canRemove,
    promoteDefaultOnRemove,
    onOutcome: (outcome) => {
      const { politeness, text } = describeOutcome(messages, outcome);
      // A promotion follows a removal: both are said, the removal first.
      const append = outcome.type === 'default-changed' && outcome.promoted;
      (politeness === 'assertive' ? announcer.fail : announcer.announce)(text, { append });
      onOutcome?.(outcome);
    },
  });

  const isControlled = value !== undefined;
  useControlledSwitchWarning(isControlled, 'SavedCardList');
  const [chosen, setChosen] = useState(defaultValue);
  const chosenCard = cards.find((card) => card.token === chosen);
  const selected = isControlled ? (value ?? '') : (chosenCard ?? pickInitialCard(cards))?.token;

  // A card just saved under the same provider is selected (checkout), controlled or not.
  useOnCardAdded((card) => {
    if (managed || (hideExpired && card.expiry === 'expired')) return;
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
    if (!managed && !isControlled && card && notified.current !== card.token) {
      notified.current = card.token;
      onSelectRef.current?.(card);
    }
  }, [cards, selected, isControlled, managed]);

  const container = useRef<HTMLDivElement>(null);
  const [elements] = useState<RowElements>(() => ({ rows: new Map(), cards: new Map() }));
  // Stable, so rows of cards that did not change skip rendering (`CardRow` is memoised).
  const makeDefault = useStableCallback((target: SavedCard) => {
    manage.makeDefault(target);
    // The button goes away with the change; the card itself now says "default".
    elements.cards.get(target.token)?.focus();
  });
  const rows = cards.map((card) => (
    <CardRow
      key={card.token}
      card={card}
      actions={actions}
      actionsDisabled={!manage.online}
      onMakeDefault={makeDefault}
      onRemove={manage.requestRemove}
      elements={elements}
    />
  ));
  const failedAttempts = managed && cards.some((card) => card.state === 'failed');

  return (
    <MessagesContext.Provider value={messages}>
      <div ref={container} data-slot="saved-cards" lang={messages.locale} tabIndex={-1}>
        <SavedCardListStates query={query} isEmpty={cards.length === 0}>
          {managed ? (
            <SavedCardListList
              className={rootProps.className}
              aria-label={rootProps['aria-label']}
              aria-labelledby={rootProps['aria-labelledby']}
            >
              {rows}
            </SavedCardListList>
          ) : (
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
              {rows}
            </SavedCardListRoot>
          )}
        </SavedCardListStates>
        {managed ? (
          <>
            {failedAttempts ? (
              <div data-slot="saved-card-failed-attempts">
                <p>{messages.failedAttemptsNote}</p>
                <button
                  type="button"
                  data-slot="button"
                  data-action="clear-failed"
                  disabled={!manage.online}
                  onClick={() => {
                    // The button goes away with the failed rows: keep focus in the list.
                    container.current?.focus();
                    manage.clearFailed();
                  }}
                >
                  {messages.clearFailed}
                </button>
              </div>
            ) : null}
            {manage.online ? null : <p data-slot="saved-card-offline">{messages.offline}</p>}
            <Announcements
              status={announcer.status}
              alert={announcer.alert}
              sequence={announcer.sequence}
            />
            <RemoveCardDialog
              card={manage.pendingRemoval?.card ?? null}
              refusal={manage.pendingRemoval?.refusal}
              onClose={manage.cancelRemove}
              onConfirm={manage.confirmRemove}
              onCloseAutoFocus={(event) => {
                // The dialog has no Trigger part, so focus is placed here rather than by Radix.
                event.preventDefault();
                const next = manage.focusAfterRemoval;
                const row = next?.type === 'card' ? elements.rows.get(next.token) : undefined;
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

SavedCardListComponent.displayName = 'SavedCardList';

/**
 * `<SavedCardList />`, the ready-made list, and its parts for your own layout:
 * `SavedCardList.Root`, `.List`, `.Row`, `.Item`, `.Card`, `.Indicator`, `.Brand`, `.Number`, `.Holder`, `.Expiry`,
 * `.Badges`, `.Badge`, `.Actions`, `.RemoveDialog`, `.Skeleton`, `.Empty`, `.Error`, `.States` (each also
 * exported flat: `SavedCardListItem`, …).
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
  RemoveDialog: typeof RemoveCardDialog;
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
  RemoveDialog: RemoveCardDialog,
  Skeleton: SavedCardListSkeleton,
  Empty: SavedCardListEmpty,
  Error: SavedCardListError,
  States: SavedCardListStates,
});
