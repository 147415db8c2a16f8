import { isUsableCard, type PaymentTokenFilters } from '@savedcards/core';
import { useOnlineStatus, usePaymentTokens, useSetDefaultPaymentToken } from '@savedcards/react';
import type { ReactNode } from 'react';
import { Announcements, useAnnouncer } from '../Announcements.js';
import { MessagesContext, type SavedCardsMessages, useMessages } from '../messages.js';
import { CardRow } from '../SavedCardList/CardRow.js';
import {
  SavedCardListEmpty,
  SavedCardListError,
  SavedCardListRoot,
  SavedCardListSkeleton,
} from '../SavedCardList/parts.js';

export interface DefaultMethodPickerProps extends PaymentTokenFilters {
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
 * @selector [data-slot="default-method-picker"]
 */
export function DefaultMethodPicker({
  tokenType,
  messages: overrides,
  className,
  ...labelProps
}: DefaultMethodPickerProps) {
  const messages = useMessages(overrides);
  const query = usePaymentTokens({ tokenType });
  const setDefault = useSetDefaultPaymentToken();
  const online = useOnlineStatus();
  const announcer = useAnnouncer();
  const cards = query.data ?? [];
  const current = cards.find((card) => card.isDefault)?.token ?? '';

  let content: ReactNode;
  if (query.isPending || (query.isError && query.isFetching)) {
    content = <SavedCardListSkeleton />;
  } else if (query.isError && !query.data) {
    content = <SavedCardListError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (!cards.some(isUsableCard)) {
    content = <SavedCardListEmpty>{messages.noUsableCards}</SavedCardListEmpty>;
  } else {
    content = (
      <SavedCardListRoot
        value={current}
        disabled={!online}
        aria-label={labelProps['aria-labelledby'] ? undefined : messages.defaultPickerLabel}
        {...labelProps}
        onValueChange={(token) => {
          const card = cards.find((candidate) => candidate.token === token);
          if (!card || card.isDefault) {
            return;
          }
          setDefault.mutateAsync({ token }).then(
            () => announcer.announce(messages.defaultChanged(card)),
            (error: unknown) => announcer.fail(messages.setDefaultFailed(card, error)),
          );
        }}
      >
        {cards.map((card) => (
          <CardRow key={card.token} card={card} />
        ))}
      </SavedCardListRoot>
    );
  }

  return (
    <MessagesContext.Provider value={messages}>
      <div data-slot="default-method-picker" lang={messages.locale} className={className}>
        {content}
        {online ? null : <p data-slot="saved-card-offline">{messages.offline}</p>}
        <Announcements status={announcer.status} alert={announcer.alert} />
      </div>
    </MessagesContext.Provider>
  );
}
