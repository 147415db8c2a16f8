import type { SavedCard } from '@savedcards/core';
import { useCardManagement, usePaymentTokens } from '@savedcards/react';
import { type RefObject, useMemo, useState } from 'react';
import { Announcements, useAnnouncer } from '../Announcements.js';
import { describeOutcome, useMessages } from '../messages.js';
import type { SavedCardAction } from './actions.js';
import { CardRow, type RowElements, useStableCallback } from './CardRow.js';
import { SavedCardListList } from './parts.js';
import { RemoveCardDialog } from './RemoveCardDialog.js';
import type { SavedCardListProps, SavedCardListRowActions } from './SavedCardList.js';
import { SavedCardListStates } from './states.js';

const rowActionsMade = new Map<string, SavedCardListRowActions>();

/**
 * Row actions for `SavedCardList` on an account page: `actions={rowActions(['make-default',
 * 'remove'])}`. The list becomes a plain list of cards with their buttons, the removal
 * confirmation and the announcements. Imported on its own, so a checkout's list (no actions) never
 * ships the dialog stack.
 */
export function rowActions(actions: readonly SavedCardAction[]): SavedCardListRowActions {
  // One object per list of actions, so `actions={rowActions([…])}` written inline keeps the rows
  // memoised when the page re-renders.
  const key = actions.join(' ');
  let made = rowActionsMade.get(key);
  if (!made) {
    const kept = Object.freeze([...actions]);
    made = {
      actions: kept,
      render: (props, container) => (
        <ManagedCards {...props} actions={kept} container={container} />
      ),
    };
    rowActionsMade.set(key, made);
  }
  return made;
}

function ManagedCards({
  actions,
  container,
  hideExpired = false,
  canRemove,
  promoteDefaultOnRemove = false,
  onOutcome,
  tokenType,
  className,
  'aria-label': label,
  'aria-labelledby': labelledBy,
}: Omit<SavedCardListProps, 'actions'> & {
  actions: readonly SavedCardAction[];
  container: RefObject<HTMLDivElement | null>;
}) {
  const messages = useMessages();
  const query = usePaymentTokens({ tokenType });
  // The gateway's order: rows do not jump when the default changes.
  const cards = useMemo(() => {
    const all = query.data ?? [];
    return hideExpired ? all.filter((card) => card.expiry !== 'expired') : all;
  }, [query.data, hideExpired]);
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
  const [elements] = useState<RowElements>(() => ({ rows: new Map(), cards: new Map() }));
  // Stable, so rows of cards that did not change skip rendering (`CardRow` is memoised).
  const makeDefault = useStableCallback((target: SavedCard) => {
    // The button goes away with the change, and the card itself will say "default": focus it
    // first, so focus never falls to the page, while nothing on the page is waiting for a new
    // layout (focusing after the change forced one before the paint).
    elements.cards.get(target.token)?.focus();
    manage.makeDefault(target);
  });
  const failedAttempts = cards.some((card) => card.state === 'failed');
  return (
    <>
      <SavedCardListStates query={query} isEmpty={cards.length === 0}>
        <SavedCardListList className={className} aria-label={label} aria-labelledby={labelledBy}>
          {cards.map((card) => (
            <CardRow
              key={card.token}
              card={card}
              actions={actions}
              actionsDisabled={!manage.online}
              onMakeDefault={makeDefault}
              onRemove={manage.requestRemove}
              elements={elements}
            />
          ))}
        </SavedCardListList>
      </SavedCardListStates>
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
  );
}
