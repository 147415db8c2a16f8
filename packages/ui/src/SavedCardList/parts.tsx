import { isGatewayError, isUsableCard, type SavedCard } from '@savedcards/core';
import { RadioGroup } from 'radix-ui';
import {
  type ComponentPropsWithoutRef,
  type ComponentRef,
  createContext,
  forwardRef,
  type HTMLAttributes,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { CardBrandMark } from '../CardBrandMark.js';
import { cn } from '../cn.js';
import { formatExpiry } from '../locales/format.js';
import { type SavedCardsMessages, useMessages } from '../messages.js';

/* -------------------------------------------------------------------------------------------------
 * SavedCardListRoot
 * -----------------------------------------------------------------------------------------------*/

export type SavedCardListRootProps = ComponentPropsWithoutRef<typeof RadioGroup.Root>;

const ARROW_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
// Set by an arrow key in the group; the item that receives focus next selects itself.
const ArrowMoveContext = createContext<RefObject<boolean> | null>(null);

/**
 * The radio group (APG pattern: Tab enters, arrow keys move and select). Name it with `aria-label`
 * or `aria-labelledby`; it defaults to the `listLabel` message. Radix writes `dir="ltr"` on the group
 * unless told otherwise, so without a `dir` prop (or Radix's `Direction.Provider`) the group takes
 * the page's direction after mounting (`dir="rtl"` on an ancestor), never reading the DOM in render.
 * @selector [data-slot="saved-card-list"]
 */
export const SavedCardListRoot = forwardRef<
  ComponentRef<typeof RadioGroup.Root>,
  SavedCardListRootProps
>(function SavedCardListRoot({ className, onKeyDownCapture, onPointerDownCapture, ...props }, ref) {
  const messages = useMessages();
  const own = useRef<HTMLDivElement | null>(null);
  const [pageDir, setPageDir] = useState<'rtl' | undefined>(undefined);
  const setRef = useCallback(
    (element: HTMLDivElement | null) => {
      own.current = element;
      if (typeof ref === 'function') {
        ref(element);
      } else if (ref) {
        ref.current = element;
      }
    },
    [ref],
  );
  useEffect(() => {
    const parent = own.current?.parentElement;
    if (parent && getComputedStyle(parent).direction === 'rtl') {
      setPageDir('rtl');
    }
  }, []);
  // Radix selects on the focus that follows an arrow key only while the key is still down, and it
  // moves focus a tick later: a quick press (automation, some assistive tech) would move focus
  // without selecting. Remember the arrow key until that focus arrives instead: any other key or a
  // pointer press forgets it (so a later Tab or click into the group does not select), and so does
  // a second, in case focus never moved (a busy page can take well over 100 ms to move it).
  const arrowMove = useRef(false);
  const forget = useRef<ReturnType<typeof setTimeout>>(undefined);
  return (
    <ArrowMoveContext.Provider value={arrowMove}>
      <RadioGroup.Root
        ref={setRef}
        dir={props.dir ?? pageDir}
        orientation="vertical"
        aria-label={props['aria-labelledby'] ? undefined : messages.listLabel}
        data-slot="saved-card-list"
        className={cn('sc-saved-card-list', className)}
        onKeyDownCapture={(event) => {
          onKeyDownCapture?.(event);
          arrowMove.current = ARROW_KEYS.has(event.key);
          clearTimeout(forget.current);
          if (arrowMove.current) {
            forget.current = setTimeout(() => {
              arrowMove.current = false;
            }, 1000);
          }
        }}
        onPointerDownCapture={(event) => {
          onPointerDownCapture?.(event);
          arrowMove.current = false;
        }}
        {...props}
      />
    </ArrowMoveContext.Provider>
  );
});

/* -------------------------------------------------------------------------------------------------
 * SavedCardListRow
 * -----------------------------------------------------------------------------------------------*/

/**
 * One row: the card's radio plus, beside it, any row actions (never inside the radio).
 * @selector [data-slot="saved-card-list-row"]
 */
export const SavedCardListRow = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(
  function SavedCardListRow({ className, ...props }, ref) {
    return (
      <div
        ref={ref}
        data-slot="saved-card-list-row"
        className={cn('sc-saved-card-list-row', className)}
        {...props}
      />
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListItem
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListItemProps
  extends Omit<ComponentPropsWithoutRef<typeof RadioGroup.Item>, 'value'> {
  card: SavedCard;
}

type Badge = { variant: 'default' | 'expiring' | 'expired' | 'pending' | 'failed'; text: string };

function cardBadges(card: SavedCard, messages: SavedCardsMessages): Badge[] {
  const badges: Badge[] = [];
  if (card.isDefault) {
    badges.push({ variant: 'default', text: messages.badgeDefault });
  }
  if (card.state === 'pending') {
    badges.push({ variant: 'pending', text: messages.badgePending });
  } else if (card.state === 'failed') {
    badges.push({ variant: 'failed', text: messages.badgeFailed });
  }
  if (card.expiry === 'expired') {
    badges.push({ variant: 'expired', text: messages.badgeExpired });
  } else if (card.expiry === 'expiring') {
    badges.push({ variant: 'expiring', text: messages.badgeExpiring });
  }
  return badges;
}

// Already said by the accessible name, so hidden from the description.
const IN_NAME = new Set<Badge['variant']>(['default', 'expired']);

/**
 * A card as a radio. Its accessible name reads like "Visa ending in 4242, expires 04/27, default";
 * holder name and status badges are its description. Cards that cannot be charged (pending,
 * failed, expired) are disabled unless `disabled` says otherwise.
 * @selector [data-slot="saved-card-list-item"]
 * @selector [data-state="checked" | "unchecked"] selection
 * @selector [data-card-state="success" | "pending" | "failed" | "unknown"]
 * @selector [data-expiry="valid" | "expiring" | "expired" | "unknown"]
 * @selector [data-default] the customer's default card
 * @selector [data-disabled]
 */
export const SavedCardListItem = forwardRef<
  ComponentRef<typeof RadioGroup.Item>,
  SavedCardListItemProps
>(function SavedCardListItem({ card, className, children, disabled, onFocus, ...props }, ref) {
  const messages = useMessages();
  const arrowMove = useContext(ArrowMoveContext);
  const id = useId();
  const expiry = formatExpiry(card);
  const badges = cardBadges(card, messages);
  const describedBy = [card.holderName && `${id}-holder`, `${id}-status`].filter(Boolean).join(' ');
  return (
    <RadioGroup.Item
      ref={ref}
      value={card.token}
      disabled={disabled ?? !isUsableCard(card)}
      aria-label={messages.cardLabel(card)}
      aria-describedby={describedBy}
      data-slot="saved-card-list-item"
      data-card-state={card.state}
      data-expiry={card.expiry}
      data-default={card.isDefault ? '' : undefined}
      className={cn('sc-saved-card', className)}
      onFocus={(event) => {
        onFocus?.(event);
        if (arrowMove?.current) {
          arrowMove.current = false;
          event.currentTarget.click();
        }
      }}
      {...props}
    >
      {children ?? (
        <>
          <span data-slot="saved-card-radio" aria-hidden="true">
            <RadioGroup.Indicator data-slot="saved-card-radio-indicator" />
          </span>
          <CardBrandMark brand={card.brand} />
          <span data-slot="saved-card-details">
            <span data-slot="saved-card-number">
              {card.nickname ?? messages.brandName(card.brand)}{' '}
              <span data-slot="saved-card-last4">{messages.maskedNumber(card)}</span>
            </span>
            {card.holderName ? (
              <span id={`${id}-holder`} data-slot="saved-card-holder" dir="auto">
                {card.holderName}
              </span>
            ) : null}
          </span>
          {expiry ? (
            <span data-slot="saved-card-expiry">
              {card.expiry === 'expired' ? messages.expired(expiry) : messages.expires(expiry)}
            </span>
          ) : null}
          <span id={`${id}-status`} data-slot="saved-card-badges">
            {badges.map((badge) => (
              <span
                key={badge.variant}
                data-slot="saved-card-badge"
                data-variant={badge.variant}
                aria-hidden={IN_NAME.has(badge.variant) ? true : undefined}
              >
                {badge.text}
              </span>
            ))}
            {card.state === 'failed' && card.errorMessage ? (
              <span data-slot="saved-card-error" dir="auto">
                {card.errorMessage}
              </span>
            ) : null}
          </span>
        </>
      )}
    </RadioGroup.Item>
  );
});

/* -------------------------------------------------------------------------------------------------
 * States: loading, empty, error
 * -----------------------------------------------------------------------------------------------*/

/**
 * Placeholder rows while the cards load, announced once as "Loading saved cards…".
 * @selector [data-slot="saved-card-list-skeleton"]
 */
export function SavedCardListSkeleton({
  rows = 3,
  className,
  ...props
}: HTMLAttributes<HTMLDivElement> & { rows?: number }) {
  const messages = useMessages();
  return (
    <div
      role="status"
      data-slot="saved-card-list-skeleton"
      className={cn('sc-saved-card-list-skeleton', className)}
      {...props}
    >
      <span data-slot="visually-hidden">{messages.loading}</span>
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <span key={index} aria-hidden="true" data-slot="saved-card-skeleton-row" />
      ))}
    </div>
  );
}

/** @selector [data-slot="saved-card-list-empty"] */
export function SavedCardListEmpty({
  className,
  children,
  ...props
}: HTMLAttributes<HTMLParagraphElement>) {
  const messages = useMessages();
  return (
    <p
      data-slot="saved-card-list-empty"
      className={cn('sc-saved-card-list-empty', className)}
      {...props}
    >
      {children ?? messages.empty}
    </p>
  );
}

export interface SavedCardListErrorProps extends HTMLAttributes<HTMLDivElement> {
  error: unknown;
  /** Shows a "Try again" button that calls this. */
  onRetry?: () => void;
}

/**
 * The load failed: a `role="alert"` message by failure kind, a support reference, and a retry.
 * @selector [data-slot="saved-card-list-error"]
 */
export function SavedCardListError({
  error,
  onRetry,
  className,
  ...props
}: SavedCardListErrorProps) {
  const messages = useMessages();
  const requestId = isGatewayError(error) ? error.requestId : undefined;
  return (
    <div
      role="alert"
      data-slot="saved-card-list-error"
      className={cn('sc-saved-card-list-error', className)}
      {...props}
    >
      <p data-slot="saved-card-list-error-message">{messages.loadError(error)}</p>
      {requestId ? (
        <p data-slot="saved-card-list-error-reference">{messages.errorReference(requestId)}</p>
      ) : null}
      {onRetry ? (
        <button type="button" data-slot="button" onClick={onRetry}>
          {messages.retry}
        </button>
      ) : null}
    </div>
  );
}
