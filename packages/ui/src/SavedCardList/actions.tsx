import type { RemovalRefusal, SavedCard } from '@savedcards/core';
import { isUsableCard } from '@savedcards/core';
import { AlertDialog, Slot } from 'radix-ui';
import { forwardRef, type HTMLAttributes } from 'react';
import { cn } from '../cn.js';
import { useMessages } from '../messages.js';

export type SavedCardAction = 'make-default' | 'remove';

export interface SavedCardListActionsProps extends HTMLAttributes<HTMLDivElement> {
  card: SavedCard;
  actions: readonly SavedCardAction[];
  onMakeDefault?: (card: SavedCard) => void;
  onRemove?: (card: SavedCard) => void;
  /** E.g. while offline. */
  disabled?: boolean;
  /** Render your own element (a menu, a toolbar) with the part's props merged onto it. */
  asChild?: boolean;
}

/**
 * A row's action buttons, beside (never inside) the card's radio. "Make default" appears for
 * usable cards that are not the default. Each button's name also names the card. With `asChild`
 * the buttons go inside your element (`<SavedCardList.Actions asChild><menu /></…>`), after its
 * own children.
 * @selector [data-slot="saved-card-actions"]
 * @selector [data-slot="button"][data-action="make-default" | "remove"]
 */
export const SavedCardListActions = forwardRef<HTMLDivElement, SavedCardListActionsProps>(
  function SavedCardListActions(
    { card, actions, onMakeDefault, onRemove, disabled, asChild, className, children, ...props },
    ref,
  ) {
    const messages = useMessages();
    const Comp = asChild ? Slot.Root : 'div';
    return (
      <Comp
        ref={ref}
        data-slot="saved-card-actions"
        className={cn('sc-saved-card-actions', className)}
        {...props}
      >
        {asChild ? <Slot.Slottable>{children}</Slot.Slottable> : children}
        {actions.includes('make-default') && isUsableCard(card) && !card.isDefault ? (
          <button
            type="button"
            data-slot="button"
            data-action="make-default"
            aria-label={messages.makeDefaultLabel(card)}
            disabled={disabled}
            onClick={() => onMakeDefault?.(card)}
          >
            {messages.makeDefault}
          </button>
        ) : null}
        {actions.includes('remove') ? (
          <button
            type="button"
            data-slot="button"
            data-action="remove"
            aria-label={messages.removeLabel(card)}
            disabled={disabled}
            onClick={() => onRemove?.(card)}
          >
            {messages.remove}
          </button>
        ) : null}
      </Comp>
    );
  },
);

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
 * dialog explains why, with a single "OK".
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
