import {
  type CardBrand,
  type CardFieldError,
  type CardFormField,
  isGatewayError,
  type RemovalRefusal,
  type SavedCard,
} from '@savedcards/core';
import { createContext, useContext } from 'react';

/** Every string the components show or announce. Override any of them through `messages`. */
export interface SavedCardsMessages {
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

const BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  unionpay: 'UnionPay',
  jcb: 'JCB',
  discover: 'Discover',
  diners: 'Diners Club',
  unknown: 'Card',
};

/** "04/27", or `null` when the gateway sent no usable expiry. */
export function formatExpiry(card: Pick<SavedCard, 'expMonth' | 'expYear'>): string | null {
  if (card.expMonth === null || card.expYear === null) {
    return null;
  }
  return `${String(card.expMonth).padStart(2, '0')}/${String(card.expYear % 100).padStart(2, '0')}`;
}

export const enMessages: SavedCardsMessages = {
  listLabel: 'Saved cards',
  loading: 'Loading saved cards…',
  empty: 'You have no saved cards yet.',
  retry: 'Try again',
  loadError: (error) => {
    const kind = isGatewayError(error) ? error.kind : undefined;
    if (kind === 'network') {
      return 'We could not reach the server to load your saved cards. Check your connection and try again.';
    }
    if (kind === 'timeout') {
      return 'Loading your saved cards took too long. Please try again.';
    }
    return 'We could not load your saved cards. Please try again.';
  },
  errorReference: (requestId) => `Reference: ${requestId}`,
  brandName: (brand) => BRAND_NAMES[brand],
  cardName(card) {
    const brand = this.brandName(card.brand);
    return card.last4 ? `${brand} ending in ${card.last4}` : brand;
  },
  cardLabel(card) {
    const parts = [this.cardName(card)];
    const expiry = formatExpiry(card);
    if (expiry) {
      parts.push(card.expiry === 'expired' ? `expired ${expiry}` : `expires ${expiry}`);
    }
    if (card.isDefault) {
      parts.push('default');
    }
    return parts.join(', ');
  },
  maskedNumber: (card) => (card.last4 ? `•••• ${card.last4}` : ''),
  expires: (expiry) => `Expires ${expiry}`,
  expired: (expiry) => `Expired ${expiry}`,
  badgeDefault: 'Default',
  badgeExpiring: 'Expires soon',
  badgeExpired: 'Expired',
  badgePending: 'Pending verification',
  badgeFailed: 'Verification failed',
  makeDefault: 'Make default',
  makeDefaultLabel(card) {
    return `Make default: ${this.cardName(card)}`;
  },
  remove: 'Remove',
  removeLabel(card) {
    return `Remove: ${this.cardName(card)}`;
  },
  removeTitle(card) {
    return `Remove ${this.cardName(card)}?`;
  },
  removeDescription: (card) =>
    card.isDefault
      ? 'This is your default card. To pay with it again you will need to add it again.'
      : 'To pay with it again you will need to add it again.',
  keepCard: 'Keep card',
  confirmRemove: 'Remove card',
  removeRefusedTitle(card) {
    return `${this.cardName(card)} can’t be removed`;
  },
  removeRefused: (reason) =>
    ({
      default: 'It is your default card. Make another card your default first.',
      'last-card': 'It is your only card. Add another card before removing this one.',
      'in-use': 'It is in use for an order or subscription.',
    })[reason],
  acknowledge: 'OK',
  defaultChanged(card) {
    return `${this.cardName(card)} is now your default card.`;
  },
  removed(card) {
    return `${this.cardName(card)} removed.`;
  },
  setDefaultFailed(card, error) {
    return `Could not make ${this.cardName(card)} your default card. Nothing changed.${connectionHint(error)}`;
  },
  removeFailed(card, error) {
    return `Could not remove ${this.cardName(card)}. Nothing changed.${connectionHint(error)}`;
  },
  offline: 'You are offline. Changes to your cards are paused until you reconnect.',
  defaultPickerLabel: 'Default card',
  noUsableCards: 'You have no card that can be made your default.',
  addCard: 'Add a card',
  addCardTitle: 'Add a card',
  addCardDescription:
    'Your card is saved with Wonder Gateway. This page keeps only its brand, last four digits and expiry date.',
  fieldLabel: (field) =>
    ({
      number: 'Card number',
      expiry: 'Expiry date (MM / YY)',
      cvc: 'Security code (CVC)',
      holderName: 'Name on card',
      nickname: 'Nickname (optional)',
    })[field],
  fieldError: (field, error) => {
    const messages: Record<CardFormField, Partial<Record<CardFieldError, string>>> = {
      number: {
        required: 'Enter your card number.',
        incomplete: 'Your card number is incomplete.',
        luhn: 'Your card number is not valid. Check it and try again.',
        'unsupported-brand': 'This card brand is not accepted.',
        'too-long': 'Your card number is too long.',
      },
      expiry: {
        required: 'Enter the expiry date.',
        incomplete: 'Enter the expiry date as MM / YY.',
        expired: 'This card has expired.',
      },
      cvc: {
        required: 'Enter the security code.',
        incomplete: 'Your security code is incomplete.',
      },
      holderName: {
        required: 'Enter the name on the card.',
        'too-long': 'The name is too long (255 characters at most).',
      },
      nickname: { 'too-long': 'The nickname is too long (255 characters at most).' },
    };
    return messages[field][error] ?? `Check the ${enMessages.fieldLabel(field).toLowerCase()}.`;
  },
  detectedBrand: (brand) => (brand === 'unknown' ? '' : BRAND_NAMES[brand]),
  saveAsDefault: 'Make this my default card',
  saveCard: 'Save card',
  saving: 'Saving…',
  duplicateWarning(card, expiry) {
    return `You already saved ${this.cardName(card)} that expires ${expiry}. Save it again?`;
  },
  saveAnyway: 'Save anyway',
  cancel: 'Cancel',
  done: 'Done',
  tryAgain: 'Try again',
  verifying: 'Waiting for your bank to confirm the card…',
  verifyInPopup: 'Finish verifying with your bank in the window that opened.',
  popupBlocked: 'Your browser blocked the verification window.',
  openVerification: 'Open the verification window',
  verificationFrameTitle: '3-D Secure verification with your bank',
  redirecting: 'Taking you to your bank to verify the card…',
  cardAdded(card) {
    return `${this.cardName(card)} saved.`;
  },
  addFailed: (reason, error, gatewayMessage) => {
    if (reason === 'declined' || reason === 'verification_failed') {
      return `Your bank did not approve this card.${gatewayMessage ? ` ${gatewayMessage}` : ''} Nothing was saved.`;
    }
    if (reason === 'unsafe_verify_url') {
      return 'The verification page could not be opened safely. Nothing was saved.';
    }
    const kind = isGatewayError(error) ? error.kind : undefined;
    if (kind === 'gateway' && isGatewayError(error) && error.status < 500) {
      return 'Your card was declined. Check the details or try another card.';
    }
    return `We could not save your card. Nothing was saved.${connectionHint(error)}`;
  },
  addTimedOut: 'Verification took too long, so the card was not saved. Please try again.',
  addCancelled: 'Adding the card was cancelled. Nothing was saved.',
};

function connectionHint(error: unknown): string {
  const kind = isGatewayError(error) ? error.kind : undefined;
  return kind === 'network' || kind === 'timeout' ? ' Check your connection and try again.' : '';
}

export const MessagesContext = createContext<SavedCardsMessages>(enMessages);
MessagesContext.displayName = 'SavedCardsMessagesContext';

/** Merges integrator overrides over the messages in context (English by default). */
export function useMessages(overrides?: Partial<SavedCardsMessages>): SavedCardsMessages {
  const base = useContext(MessagesContext);
  return overrides ? { ...base, ...overrides } : base;
}
