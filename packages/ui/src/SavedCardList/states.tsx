import { isGatewayError } from '@savedcards/core';
import { Slot } from 'radix-ui';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import { cn } from '../cn.js';
import { useMessages } from '../messages.js';

/* -------------------------------------------------------------------------------------------------
 * States: loading, empty, error
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListSkeletonProps extends HTMLAttributes<HTMLDivElement> {
  /** Placeholder rows. Default 3. */
  rows?: number;
}

/**
 * Placeholder rows while the cards load, announced once as "Loading saved cards…".
 * @selector [data-slot="saved-card-list-skeleton"]
 */
export const SavedCardListSkeleton = forwardRef<HTMLDivElement, SavedCardListSkeletonProps>(
  function SavedCardListSkeleton({ rows = 3, className, ...props }, ref) {
    const messages = useMessages();
    return (
      <div
        ref={ref}
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
  },
);

export interface SavedCardListEmptyProps extends HTMLAttributes<HTMLParagraphElement> {
  /** Render your own element (its children replace the message). */
  asChild?: boolean;
}

/**
 * No cards to show: "You have no saved cards yet." unless given children.
 * @selector [data-slot="saved-card-list-empty"]
 */
export const SavedCardListEmpty = forwardRef<HTMLParagraphElement, SavedCardListEmptyProps>(
  function SavedCardListEmpty({ asChild, className, children, ...props }, ref) {
    const messages = useMessages();
    const Comp = asChild ? Slot.Root : 'p';
    return (
      <Comp
        ref={ref}
        data-slot="saved-card-list-empty"
        className={cn('sc-saved-card-list-empty', className)}
        {...props}
      >
        {children ?? messages.empty}
      </Comp>
    );
  },
);

export interface SavedCardListErrorProps extends HTMLAttributes<HTMLDivElement> {
  /** Usually a `GatewayError` (hooks' `error`): its kind picks the words, its request id is shown. */
  error: unknown;
  /** Shows a "Try again" button that calls this. */
  onRetry?: () => void;
}

/**
 * The load failed: a `role="alert"` message by failure kind, a support reference, and a retry.
 * @selector [data-slot="saved-card-list-error"]
 */
export const SavedCardListError = forwardRef<HTMLDivElement, SavedCardListErrorProps>(
  function SavedCardListError({ error, onRetry, className, ...props }, ref) {
    const messages = useMessages();
    const requestId = isGatewayError(error) ? error.requestId : undefined;
    return (
      <div
        ref={ref}
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
  },
);

/** What `SavedCardList.States` reads of a `usePaymentTokens()` result. */
export interface SavedCardListStatesQuery {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  data: unknown;
  error: unknown;
  refetch: () => unknown;
}

export interface SavedCardListStatesProps {
  /** A `usePaymentTokens()` result. */
  query: SavedCardListStatesQuery;
  /** Nothing to show once loaded (no cards, or none that fit). */
  isEmpty: boolean;
  /** Replaces the empty state's message. */
  emptyMessage?: ReactNode;
  /** The list, once there is one. */
  children: ReactNode;
}

/**
 * The loading, error and empty states of a card list, decided once for every list (`SavedCardList`,
 * `DefaultMethodPicker`, yours): a
 * skeleton while loading and while retrying a failed load, the error with "Try again" when
 * there is nothing cached to show, the empty message, else the list.
 */
export function SavedCardListStates({
  query,
  isEmpty,
  emptyMessage,
  children,
}: SavedCardListStatesProps) {
  if (query.isPending || (query.isError && query.isFetching)) {
    return <SavedCardListSkeleton />;
  }
  if (query.isError && !query.data) {
    return <SavedCardListError error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (isEmpty) {
    return <SavedCardListEmpty>{emptyMessage}</SavedCardListEmpty>;
  }
  return children;
}
