import type { RemovalRefusal, SavedCard } from '@savedcards/core';
import { AlertDialog } from 'radix-ui';
import { useMessages } from '../messages.js';

export interface RemoveCardDialogProps {
  /** The card being removed, or `null` when the dialog is closed. */
  card: SavedCard | null;
  /** Set when the removal policy refuses: the dialog explains instead of asking. */
  refusal?: RemovalRefusal;
  onConfirm: (card: SavedCard) => void;
  onClose: () => void;
  /** Where focus goes once the dialog has closed; by default back to the button that opened it. */
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * The removal confirmation: an alertdialog titled "Remove Visa ending in 4242?", with focus on
 * "Keep card" (the least destructive choice); Esc keeps the card. When the policy refuses, the same
 * dialog explains why, with a single "OK". In its own module, so a checkout (no row actions) never
 * ships Radix's dialog stack.
 * @selector [data-slot="saved-card-dialog"]
 */
export function RemoveCardDialog({
  card,
  refusal,
  onConfirm,
  onClose,
  onCloseAutoFocus,
}: RemoveCardDialogProps) {
  const messages = useMessages();
  return (
    <AlertDialog.Root open={card !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay data-slot="saved-card-dialog-overlay" />
        <AlertDialog.Content
          data-slot="saved-card-dialog"
          data-variant={refusal ? 'refusal' : 'confirm'}
          lang={messages.locale}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          {card ? (
            <>
              <AlertDialog.Title data-slot="saved-card-dialog-title">
                {refusal ? messages.removeRefusedTitle(card) : messages.removeTitle(card)}
              </AlertDialog.Title>
              <AlertDialog.Description data-slot="saved-card-dialog-description">
                {refusal ? messages.removeRefused(refusal) : messages.removeDescription(card)}
              </AlertDialog.Description>
              <div data-slot="saved-card-dialog-actions">
                <AlertDialog.Cancel data-slot="button">
                  {refusal ? messages.acknowledge : messages.keepCard}
                </AlertDialog.Cancel>
                {refusal ? null : (
                  <AlertDialog.Action
                    data-slot="button"
                    data-variant="danger"
                    onClick={() => onConfirm(card)}
                  >
                    {messages.confirmRemove}
                  </AlertDialog.Action>
                )}
              </div>
            </>
          ) : null}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
