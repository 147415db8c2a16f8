import { CARD_BRAND_NAMES } from '@savedcards/core';
import { composeMessages, type SavedCardsLocale } from './compose.js';

/**
 * English words and templates (the default). Traditional and Simplified Chinese live in their own
 * modules (`zhHKLocale`, `zhCNLocale`), so a bundle that only uses English carries no Chinese.
 */
export const enLocale: SavedCardsLocale = {
  locale: 'en',
  listLabel: 'Saved cards',
  loading: 'Loading saved cards…',
  empty: 'You have no saved cards yet.',
  retry: 'Try again',
  loadErrors: {
    network:
      'We could not reach the server to load your saved cards. Check your connection and try again.',
    timeout: 'Loading your saved cards took too long. Please try again.',
    other: 'We could not load your saved cards. Please try again.',
  },
  errorReference: (requestId) => `Reference: ${requestId}`,
  brandNames: { ...CARD_BRAND_NAMES },
  cardName: ({ brand, last4 }) => `${brand} ending in ${last4}`,
  nameExpires: ({ short }) => `expires ${short}`,
  nameExpired: ({ short }) => `expired ${short}`,
  nameDefault: 'default',
  nameSeparator: ', ',
  maskedNumber: (last4) => `•••• ${last4}`,
  expires: (expiry) => `Expires ${expiry}`,
  expired: (expiry) => `Expired ${expiry}`,
  badgeDefault: 'Default',
  badgeExpiring: 'Expires soon',
  badgeExpired: 'Expired',
  badgePending: 'Pending verification',
  badgeFailed: 'Verification failed',
  makeDefault: 'Make default',
  makeDefaultLabel: (cardName) => `Make default: ${cardName}`,
  remove: 'Remove',
  removeLabel: (cardName) => `Remove: ${cardName}`,
  removeTitle: (cardName) => `Remove ${cardName}?`,
  removeDescription: 'To pay with it again you will need to add it again.',
  removeDefaultDescription:
    'This is your default card. To pay with it again you will need to add it again.',
  keepCard: 'Keep card',
  confirmRemove: 'Remove card',
  removeRefusedTitle: (cardName) => `${cardName} can’t be removed`,
  removeRefusals: {
    default: 'It is your default card. Make another card your default first.',
    'last-card': 'It is your only card. Add another card before removing this one.',
    'in-use': 'It is in use for an order or subscription.',
  },
  acknowledge: 'OK',
  defaultChanged: (cardName) => `${cardName} is now your default card.`,
  removed: (cardName) => `${cardName} removed.`,
  setDefaultFailed: (cardName) => `Could not make ${cardName} your default card. Nothing changed.`,
  removeFailed: (cardName) => `Could not remove ${cardName}. Nothing changed.`,
  failedAttemptsNote: 'Some cards could not be saved. They cannot be used to pay.',
  clearFailed: 'Clear failed attempts',
  failedCleared: 'Failed attempts cleared.',
  clearFailedFailed: 'Some failed attempts could not be cleared. They are still listed.',
  connectionHint: ' Check your connection and try again.',
  offline: 'You are offline. Changes to your cards are paused until you reconnect.',
  defaultPickerLabel: 'Default card',
  noUsableCards: 'You have no card that can be made your default.',
  addCard: 'Add a card',
  addCardTitle: 'Add a card',
  addCardDescription:
    'Your card is saved with Wonder Gateway. This page keeps only its brand, last four digits and expiry date.',
  fieldLabels: {
    number: 'Card number',
    expiry: 'Expiry date (MM / YY)',
    cvc: 'Security code (CVC)',
    holderName: 'Name on card',
    nickname: 'Nickname (optional)',
  },
  fieldErrors: {
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
  },
  fieldErrorFallback: (fieldLabel) => `Check the ${fieldLabel.toLowerCase()}.`,
  saveAsDefault: 'Make this my default card',
  saveCard: 'Save card',
  saving: 'Saving…',
  duplicateWarning: ({ cardName, expiry }) =>
    `You already saved ${cardName} that expires ${expiry}. Save it again?`,
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
  cardAdded: (cardName) => `${cardName} saved.`,
  addFailures: {
    'not-approved': (gatewayMessage) =>
      `Your bank did not approve this card. ${gatewayMessage}Nothing was saved.`,
    'unsafe-url': 'The verification page could not be opened safely. Nothing was saved.',
    unconfirmed:
      'We could not confirm the card with your bank. If it now appears in your saved cards, it was saved.',
    'card-declined': 'Your card was declined. Check the details or try another card.',
    'too-many-attempts':
      'Too many attempts to add a card. Please wait a few minutes and try again. Nothing was saved.',
    'not-saved': 'We could not save your card. Nothing was saved.',
  },
  addTimedOut: 'Verification took too long, so the card was not saved. Please try again.',
  addCancelled: 'Adding the card was cancelled. Nothing was saved.',
  payButton: (amount) => `Pay ${amount}`,
  payChooseCard: 'Choose a card to pay with.',
  paying: 'Paying…',
  paid: 'Paid',
  payVerifyTitle: 'Confirm the payment with your bank',
  payVerifying: 'Waiting for your bank to confirm the payment…',
  payChecking: 'Confirming the payment…',
  paySucceeded: ({ amount, cardName }) => `Paid ${amount} with ${cardName}.`,
  payFailures: {
    declined: 'Your bank declined the payment. You were not charged. Try another card.',
    insufficient_funds: 'The card has insufficient funds. You were not charged. Try another card.',
    authentication_failed: 'Your bank could not verify the payment. You were not charged.',
    expired_card: 'The card has expired. You were not charged. Try another card.',
    unknown: 'The payment did not go through. You were not charged.',
    not_charged: 'The payment did not reach the bank. You were not charged. Please try again.',
    cancelled: 'You left the bank check, so the payment was not made. Pay again to continue.',
    already_paid: 'This order is already paid.',
    refused: 'The payment was refused. You were not charged.',
    unsafe_redirect_url: 'The bank page could not be opened safely. You were not charged.',
  },
  payUnknown:
    'We could not confirm the payment yet. You will not be charged twice: check again in a moment.',
  checkPaymentAgain: 'Check the payment again',
};

/** The English messages (the default), composed from `enLocale`. */
export const enMessages = composeMessages(enLocale);
