import type {
  CardBrand,
  CardFieldError,
  CardFormField,
  RemovalRefusal,
  SavedCard,
} from '@savedcards/core';
import { createContext, createElement, type ReactNode, useContext, useMemo } from 'react';
import { enMessages } from './locales/en.js';

export { enMessages } from './locales/en.js';

/** Every string the components show or announce. Override any of them through `messages`. */
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
  addFailed: (reason: string, error: unknown, gatewayMessage?: string) => string;
  addTimedOut: string;
  addCancelled: string;
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
