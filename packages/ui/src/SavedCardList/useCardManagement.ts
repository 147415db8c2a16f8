import {
  type CanRemove,
  pickPromotionCandidate,
  type RemovalRefusal,
  type SavedCard,
} from '@savedcards/core';
import {
  useDeletePaymentToken,
  useOnlineStatus,
  useSetDefaultPaymentToken,
} from '@savedcards/react';
import { useRef, useState } from 'react';
import { useAnnouncer } from '../Announcements.js';
import type { SavedCardsMessages } from '../messages.js';

export interface CardManagementOptions {
  cards: readonly SavedCard[];
  canRemove: CanRemove;
  /** After the default card is removed, make the first other usable card the default. */
  promoteDefaultOnRemove: boolean;
  messages: SavedCardsMessages;
}

/**
 * The make-default and remove flows of a card list: the writes (optimistic, in
 * `@savedcards/react`), the confirmation dialog's state, announcements, and where focus goes.
 */
export function useCardManagement({
  cards,
  canRemove,
  promoteDefaultOnRemove,
  messages,
}: CardManagementOptions) {
  const setDefault = useSetDefaultPaymentToken();
  const remove = useDeletePaymentToken();
  const online = useOnlineStatus();
  const announcer = useAnnouncer();
  const [dialog, setDialog] = useState<{ card: SavedCard; refusal?: RemovalRefusal } | null>(null);
  // Whose row's Remove button takes focus when the dialog closes: the card that opened it, its
  // neighbour after a confirmed removal, or `null` (the list itself) when no card is left.
  const focusAfterDialog = useRef<SavedCard | null>(null);

  function makeDefault(card: SavedCard) {
    setDefault.mutateAsync({ token: card.token }).then(
      () => announcer.announce(messages.defaultChanged(card)),
      (error: unknown) => announcer.fail(messages.setDefaultFailed(card, error)),
    );
  }

  function requestRemove(card: SavedCard) {
    const decision = canRemove(card, { cards });
    focusAfterDialog.current = card;
    setDialog({ card, refusal: decision.allowed ? undefined : decision.reason });
  }

  function confirmRemove(card: SavedCard) {
    const index = cards.findIndex((candidate) => candidate.token === card.token);
    focusAfterDialog.current = cards[index + 1] ?? cards[index - 1] ?? null;
    const promoteTo =
      promoteDefaultOnRemove && card.isDefault ? pickPromotionCandidate(card, cards) : undefined;
    remove.mutateAsync({ token: card.token }).then(
      () => {
        announcer.announce(messages.removed(card));
        if (promoteTo) {
          makeDefault(promoteTo);
        }
      },
      (error: unknown) => announcer.fail(messages.removeFailed(card, error)),
    );
  }

  return {
    online,
    announcer,
    dialog,
    closeDialog: () => setDialog(null),
    makeDefault,
    requestRemove,
    confirmRemove,
    focusAfterDialog,
  };
}
