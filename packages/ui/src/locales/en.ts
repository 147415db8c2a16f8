import {
  type CardBrand,
  type CardFieldError,
  type CardFormField,
  isGatewayError,
} from '@savedcards/core';
import type { SavedCardsMessages } from '../messages.js';
import {
  type AddFailure,
  classifyAddFailure,
  formatExpiry,
  isConnectionFailure,
} from './format.js';

/**
 * English (the default). Traditional and Simplified Chinese live in their own modules
 * (`zhHKMessages`, `zhCNMessages`), so a bundle that only uses English carries no Chinese.
 */
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

export const enMessages: SavedCardsMessages = {
  locale: 'en',
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
    const wording: Record<AddFailure, () => string> = {
      'not-approved': () =>
        `Your bank did not approve this card.${gatewayMessage ? ` ${gatewayMessage}` : ''} Nothing was saved.`,
      'unsafe-url': () => 'The verification page could not be opened safely. Nothing was saved.',
      unconfirmed: () =>
        'We could not confirm the card with your bank. If it now appears in your saved cards, it was saved.',
      'card-declined': () => 'Your card was declined. Check the details or try another card.',
      'not-saved': () => `We could not save your card. Nothing was saved.${connectionHint(error)}`,
    };
    return wording[classifyAddFailure(reason, error)]();
  },
  addTimedOut: 'Verification took too long, so the card was not saved. Please try again.',
  addCancelled: 'Adding the card was cancelled. Nothing was saved.',
};

function connectionHint(error: unknown): string {
  return isConnectionFailure(error) ? ' Check your connection and try again.' : '';
}
