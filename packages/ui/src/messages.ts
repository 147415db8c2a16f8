import type {
  CardBrand,
  CardFieldError,
  CardFormField,
  PaymentFlowFailure,
  RemovalRefusal,
  SavedCard,
  TokenFailureReason,
} from '@savedcards/core';
import type { CardManagementOutcome } from '@savedcards/react';
import { createContext, createElement, type ReactNode, useContext, useMemo } from 'react';
import { enMessages } from './locales/en.js';

export { enMessages } from './locales/en.js';

/**
 * Every string the components show or announce, as they read them. Each language is a
 * `SavedCardsLocale` (words and templates) made into these by `composeMessages`; override any of
 * them through `messages`, or compose your own language from a locale.
 */
export interface SavedCardsMessages {
  /**
   * The BCP 47 language of these messages ("en", "zh-HK", "zh-CN"): used for `Intl` formatting and
   * set as the `lang` of the components' own elements, so screen readers pick the right voice.
   */
  locale: string;
  listLabel: string;
  loading: string;
  empty: string;
  retry: string;
  /** Shown when the list cannot load; `error` is usually a `GatewayError`. */
  loadError: (error: unknown) => string;
  /** A support reference for a failed request. */
  errorReference: (requestId: string) => string;
  brandName: (brand: CardBrand) => string;
  /** A card in a sentence, e.g. "Visa ending in 4242". */
  cardName: (card: Pick<SavedCard, 'brand' | 'last4'>) => string;
  /** The radio's accessible name, e.g. "Visa ending in 4242, expires 04/27, default". */
  cardLabel: (card: SavedCard) => string;
  /** The visible masked number, e.g. "•••• 4242". */
  maskedNumber: (card: SavedCard) => string;
  expires: (expiry: string) => string;
  expired: (expiry: string) => string;
  badgeDefault: string;
  badgeExpiring: string;
  badgeExpired: string;
  badgePending: string;
  badgeFailed: string;
  /** Row actions: visible text, and accessible names that also name the card. */
  makeDefault: string;
  makeDefaultLabel: (card: SavedCard) => string;
  remove: string;
  removeLabel: (card: SavedCard) => string;
  /** The remove confirmation (an alertdialog). */
  removeTitle: (card: SavedCard) => string;
  removeDescription: (card: SavedCard) => string;
  keepCard: string;
  confirmRemove: string;
  /** When the removal policy says no. */
  removeRefusedTitle: (card: SavedCard) => string;
  removeRefused: (reason: RemovalRefusal) => string;
  acknowledge: string;
  /** Announced outcomes. */
  defaultChanged: (card: SavedCard) => string;
  removed: (card: SavedCard) => string;
  setDefaultFailed: (card: SavedCard, error: unknown) => string;
  removeFailed: (card: SavedCard, error: unknown) => string;
  /** Tokens left by failed adds, and the button that deletes them. */
  failedAttemptsNote: string;
  clearFailed: string;
  failedCleared: string;
  clearFailedFailed: (error: unknown) => string;
  offline: string;
  /** DefaultMethodPicker. */
  defaultPickerLabel: string;
  noUsableCards: string;
  /** AddCardFlow. */
  addCard: string;
  addCardTitle: string;
  addCardDescription: string;
  fieldLabel: (field: CardFormField) => string;
  fieldError: (field: CardFormField, error: CardFieldError) => string;
  detectedBrand: (brand: CardBrand) => string;
  saveAsDefault: string;
  saveCard: string;
  saving: string;
  duplicateWarning: (card: Pick<SavedCard, 'brand' | 'last4'>, expiry: string) => string;
  saveAnyway: string;
  cancel: string;
  done: string;
  tryAgain: string;
  verifying: string;
  verifyInPopup: string;
  popupBlocked: string;
  openVerification: string;
  verificationFrameTitle: string;
  redirecting: string;
  cardAdded: (card: Pick<SavedCard, 'brand' | 'last4'>) => string;
  /** Why adding a card failed, by the flow's typed reason and the error of a failed call. */
  addFailed: (reason: TokenFailureReason, error: unknown, gatewayMessage?: string) => string;
  addTimedOut: string;
  addCancelled: string;
  /** PayButton. Amounts are the order's (`{ amount: "128.00", currency: "HKD" }`). */
  formatAmount: (order: PaymentAmount) => string;
  payButton: (order: PaymentAmount) => string;
  payChooseCard: string;
  paying: string;
  paid: string;
  payVerifyTitle: string;
  payVerifying: string;
  payChecking: string;
  paySucceeded: (order: PaymentAmount, card?: Pick<SavedCard, 'brand' | 'last4'>) => string;
  payFailed: (reason: PaymentFlowFailure, error?: unknown) => string;
  payUnknown: string;
  checkPaymentAgain: string;
}

/** An amount as the server states it: a decimal string in major units and an ISO 4217 code. */
export interface PaymentAmount {
  amount: string;
  currency: string;
}

/** A card's status badge. */
export type CardBadgeVariant = 'default' | 'expiring' | 'expired' | 'pending' | 'failed';

/** The badges a card shows, in order: default, then its token state, then its expiry. */
export function cardBadges(card: SavedCard): CardBadgeVariant[] {
  const badges: CardBadgeVariant[] = [];
  if (card.isDefault) {
    badges.push('default');
  }
  if (card.state === 'pending' || card.state === 'failed') {
    badges.push(card.state);
  }
  if (card.expiry === 'expired' || card.expiry === 'expiring') {
    badges.push(card.expiry);
  }
  return badges;
}

/** A badge's words. */
export function badgeText(messages: SavedCardsMessages, variant: CardBadgeVariant): string {
  const text: Record<CardBadgeVariant, string> = {
    default: messages.badgeDefault,
    expiring: messages.badgeExpiring,
    expired: messages.badgeExpired,
    pending: messages.badgePending,
    failed: messages.badgeFailed,
  };
  return text[variant];
}

/** How a card-management outcome is announced: successes politely, failures as alerts. */
export function describeOutcome(
  messages: SavedCardsMessages,
  outcome: CardManagementOutcome,
): { politeness: 'polite' | 'assertive'; text: string } {
  switch (outcome.type) {
    case 'default-changed':
      return { politeness: 'polite', text: messages.defaultChanged(outcome.card) };
    case 'removed':
      return { politeness: 'polite', text: messages.removed(outcome.card) };
    case 'default-failed':
      return {
        politeness: 'assertive',
        text: messages.setDefaultFailed(outcome.card, outcome.error),
      };
    case 'remove-failed':
      return { politeness: 'assertive', text: messages.removeFailed(outcome.card, outcome.error) };
    case 'failed-cleared':
      return { politeness: 'polite', text: messages.failedCleared };
    case 'clear-failed-failed':
      return { politeness: 'assertive', text: messages.clearFailedFailed(outcome.error) };
    default:
      return outcome satisfies never;
  }
}

export const MessagesContext = createContext<SavedCardsMessages>(enMessages);
MessagesContext.displayName = 'SavedCardsMessagesContext';

/** Merges integrator overrides over the messages in context (English by default). */
export function useMessages(overrides?: Partial<SavedCardsMessages>): SavedCardsMessages {
  const base = useContext(MessagesContext);
  // Kept while neither changes: a new object would re-render every row reading the messages.
  return useMemo(() => (overrides ? { ...base, ...overrides } : base), [base, overrides]);
}

export interface SavedCardsMessagesProviderProps {
  /**
   * A whole message set (`enMessages`, `zhHKMessages`, `zhCNMessages`, your own), or only the
   * strings to change: either way it is merged over the messages of any provider above (English
   * at the top). A component's own `messages` prop still wins over this.
   */
  messages: Partial<SavedCardsMessages>;
  children?: ReactNode;
}

/**
 * Sets the language (and any string overrides) once for every component inside it:
 * `<SavedCardsMessagesProvider messages={zhHKMessages}>`. Pass the same language to
 * `createGatewayClient({ lang })` so the gateway answers in it too (`x-i18n-lang`).
 */
export function SavedCardsMessagesProvider({
  messages,
  children,
}: SavedCardsMessagesProviderProps) {
  const base = useContext(MessagesContext);
  const value = useMemo(() => ({ ...base, ...messages }), [base, messages]);
  return createElement(MessagesContext.Provider, { value }, children);
}
