import { isUsableCard, type PaymentTokenFilters, type SavedCard } from '@savedcards/core';
import { type CardManagementOutcome, useCardManagement, usePaymentTokens } from '@savedcards/react';
import { memo } from 'react';
import { Announcements, useAnnouncer } from '../Announcements.js';
import {
  describeOutcome,
  MessagesContext,
  type SavedCardsMessages,
  useMessages,
} from '../messages.js';
import { SavedCardListItem, SavedCardListRoot, SavedCardListRow } from '../SavedCardList/parts.js';
import { SavedCardListStates } from '../SavedCardList/states.js';

export interface DefaultMethodPickerProps extends PaymentTokenFilters {
  /** Called with every outcome (the new default, or a failure); also announced. */
  onOutcome?: (outcome: CardManagementOutcome) => void;
  /** Override any visible or announced string. */
  messages?: Partial<SavedCardsMessages>;
  className?: string;
  /** Names the group; default "Default card". */
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

/**
 * Choose the customer's default card: a radio group (Tab in, arrows move and choose) whose choice
 * is saved at once, optimistically, and rolled back with an alert if the gateway refuses. Cards
 * that cannot be charged are shown but disabled; the whole group is disabled while offline.
 * Built from the `SavedCardList` parts and `useCardManagement`, like `SavedCardList` itself.
 * @selector [data-slot="default-method-picker"]
 */
export function DefaultMethodPicker({
  tokenType,
  onOutcome,
  messages: overrides,
  className,
  ...labelProps
}: DefaultMethodPickerProps) {
  const messages = useMessages(overrides);
  const query = usePaymentTokens({ tokenType });
  const cards = query.data ?? [];
  const announcer = useAnnouncer();
  const manage = useCardManagement({
    cards,
    onOutcome: (outcome) => {
      const { politeness, text } = describeOutcome(messages, outcome);
      (politeness === 'assertive' ? announcer.fail : announcer.announce)(text);
      onOutcome?.(outcome);
    },
  });
  const current = cards.find((card) => card.isDefault)?.token ?? '';

  return (
    <MessagesContext.Provider value={messages}>
      <div data-slot="default-method-picker" lang={messages.locale} className={className}>
        <SavedCardListStates
          query={query}
          isEmpty={!cards.some(isUsableCard)}
          emptyMessage={messages.noUsableCards}
        >
          <SavedCardListRoot
            value={current}
            disabled={!manage.online}
            aria-label={labelProps['aria-labelledby'] ? undefined : messages.defaultPickerLabel}
            {...labelProps}
            onValueChange={(token) => {
              const card = cards.find((candidate) => candidate.token === token);
              if (card) {
                manage.makeDefault(card);
              }
            }}
          >
            {cards.map((card) => (
              <PickerRow key={card.token} card={card} />
            ))}
          </SavedCardListRoot>
        </SavedCardListStates>
        {manage.online ? null : <p data-slot="saved-card-offline">{messages.offline}</p>}
        <Announcements
          status={announcer.status}
          alert={announcer.alert}
          sequence={announcer.sequence}
        />
      </div>
    </MessagesContext.Provider>
  );
}

/**
 * A row, memoised: a new default renders only the old and the new default's rows (the cache
 * keeps the other cards' identity).
 */
const PickerRow = memo(function PickerRow({ card }: { card: SavedCard }) {
  return (
    <SavedCardListRow>
      <SavedCardListItem card={card} />
    </SavedCardListRow>
  );
});
