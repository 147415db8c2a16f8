import { isUsableCard, type SavedCard } from '@savedcards/core';
import { Slot } from 'radix-ui';
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
