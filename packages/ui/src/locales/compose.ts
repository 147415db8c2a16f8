import {
  type CardBrand,
  type CardFieldError,
  type CardFormField,
  isGatewayError,
  type PaymentFlowFailure,
  type RemovalRefusal,
  type SavedCard,
} from '@savedcards/core';
import type { SavedCardsMessages } from '../messages.js';
import {
  type AddFailure,
  classifyAddFailure,
  formatAmount,
  formatExpiry,
  formatExpiryMonth,
  isConnectionFailure,
} from './format.js';

/** A card's expiry as a template gets it: "04/27" and, in words, "April 2027" / "2027年4月". */
export interface ExpiryWords {
  short: string;
  month: string;
}

/**
 * One language's words and templates: strings, tables, and small functions that put given words
 * into a sentence. No choices and no look-ups of other messages: `composeMessages` makes the
 * `SavedCardsMessages` the components read from it, the same way for every language.
 */
export interface SavedCardsLocale {
  /** BCP 47 language ("en", "zh-HK", "zh-CN"): `Intl` formatting and the components' `lang`. */
  locale: string;
  listLabel: string;
  loading: string;
  empty: string;
  retry: string;
  /** Why the list did not load, by the kind of failure (`other`: any other error). */
  loadErrors: { network: string; timeout: string; other: string };
  errorReference: (requestId: string) => string;
  brandNames: Record<CardBrand, string>;
  /** "Visa ending in 4242" (a card without last four digits is named by its brand alone). */
  cardName: (words: { brand: string; last4: string }) => string;
  /** Parts of a radio's accessible name after the card's name, joined by `nameSeparator`. */
  nameExpires: (expiry: ExpiryWords) => string;
  nameExpired: (expiry: ExpiryWords) => string;
  nameDefault: string;
  nameSeparator: string;
  maskedNumber: (last4: string) => string;
  expires: (expiry: string) => string;
  expired: (expiry: string) => string;
  badgeDefault: string;
  badgeExpiring: string;
  badgeExpired: string;
  badgePending: string;
  badgeFailed: string;
  makeDefault: string;
  makeDefaultLabel: (cardName: string) => string;
  remove: string;
  removeLabel: (cardName: string) => string;
  removeTitle: (cardName: string) => string;
  removeDescription: string;
  removeDefaultDescription: string;
  keepCard: string;
  confirmRemove: string;
  removeRefusedTitle: (cardName: string) => string;
  removeRefusals: Record<RemovalRefusal, string>;
  acknowledge: string;
  defaultChanged: (cardName: string) => string;
  removed: (cardName: string) => string;
  setDefaultFailed: (cardName: string) => string;
  removeFailed: (cardName: string) => string;
  failedAttemptsNote: string;
  clearFailed: string;
  failedCleared: string;
  clearFailedFailed: string;
  /** Added to a failure when there was no response (offline, timeout). */
  connectionHint: string;
  offline: string;
  defaultPickerLabel: string;
  noUsableCards: string;
  addCard: string;
  addCardTitle: string;
  addCardDescription: string;
  fieldLabels: Record<CardFormField, string>;
  fieldErrors: Record<CardFormField, Partial<Record<CardFieldError, string>>>;
  /** For a field error without its own words: "Check the card number." */
  fieldErrorFallback: (fieldLabel: string) => string;
  saveAsDefault: string;
  saveCard: string;
  saving: string;
  duplicateWarning: (words: { cardName: string; expiry: string }) => string;
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
  cardAdded: (cardName: string) => string;
  /** Why adding a card failed; `not-approved` also gets the bank's words and a space (or ''). */
  addFailures: Record<Exclude<AddFailure, 'not-approved'>, string> & {
    'not-approved': (gatewayMessage: string) => string;
  };
  addTimedOut: string;
  addCancelled: string;
  /** PayButton: "Pay HK$128.00" (the amount formatted by `Intl` in this locale). */
  payButton: (amount: string) => string;
  payChooseCard: string;
  paying: string;
  paid: string;
  payVerifyTitle: string;
  payVerifying: string;
  payChecking: string;
  paySucceeded: (words: { amount: string; cardName: string }) => string;
  /** Why a payment did not go through; each says whether the card was charged. */
  payFailures: Record<PaymentFlowFailure, string>;
  payUnknown: string;
  checkPaymentAgain: string;
}

type CardNameInput = Pick<SavedCard, 'brand' | 'last4'>;

/**
 * The messages the components read, from one language's words: the composition logic (naming a
 * card, building a radio's accessible name, choosing words by error kind or failure reason,
 * adding the connection hint) lives here once, for every language.
 */
export function composeMessages(words: SavedCardsLocale): SavedCardsMessages {
  const brandName = (brand: CardBrand) => words.brandNames[brand] ?? words.brandNames.unknown;
  const cardName = (card: CardNameInput) =>
    card.last4
      ? words.cardName({ brand: brandName(card.brand), last4: card.last4 })
      : brandName(card.brand);
  // The words the components read as they are; the rest are composed below.
  const {
    loadErrors: _loadErrors,
    brandNames: _brandNames,
    cardName: _cardName,
    nameExpires: _nameExpires,
    nameExpired: _nameExpired,
    nameDefault: _nameDefault,
    nameSeparator: _nameSeparator,
    maskedNumber: _maskedNumber,
    makeDefaultLabel: _makeDefaultLabel,
    removeLabel: _removeLabel,
    removeTitle: _removeTitle,
    removeDescription: _removeDescription,
    removeDefaultDescription: _removeDefaultDescription,
    removeRefusedTitle: _removeRefusedTitle,
    removeRefusals: _removeRefusals,
    defaultChanged: _defaultChanged,
    removed: _removed,
    setDefaultFailed: _setDefaultFailed,
    removeFailed: _removeFailed,
    connectionHint: _connectionHint,
    clearFailedFailed: _clearFailedFailed,
    fieldLabels: _fieldLabels,
    fieldErrors: _fieldErrors,
    fieldErrorFallback: _fieldErrorFallback,
    duplicateWarning: _duplicateWarning,
    cardAdded: _cardAdded,
    addFailures: _addFailures,
    payButton: _payButton,
    paySucceeded: _paySucceeded,
    payFailures: _payFailures,
    ...strings
  } = words;
  const hint = (error: unknown) => (isConnectionFailure(error) ? words.connectionHint : '');
  return {
    ...strings,
    loadError: (error) => {
      const kind = isGatewayError(error) ? error.kind : undefined;
      return kind === 'network' || kind === 'timeout'
        ? words.loadErrors[kind]
        : words.loadErrors.other;
    },
    brandName,
    cardName,
    cardLabel: (card) => {
      const parts = [cardName(card)];
      const short = formatExpiry(card);
      const month = formatExpiryMonth(card, words.locale);
      if (short !== null && month !== null) {
        const expiry = { short, month };
        parts.push(
          card.expiry === 'expired' ? words.nameExpired(expiry) : words.nameExpires(expiry),
        );
      }
      if (card.isDefault) {
        parts.push(words.nameDefault);
      }
      return parts.join(words.nameSeparator);
    },
    maskedNumber: (card) => (card.last4 ? words.maskedNumber(card.last4) : ''),
    makeDefaultLabel: (card) => words.makeDefaultLabel(cardName(card)),
    removeLabel: (card) => words.removeLabel(cardName(card)),
    removeTitle: (card) => words.removeTitle(cardName(card)),
    removeDescription: (card) =>
      card.isDefault ? words.removeDefaultDescription : words.removeDescription,
    removeRefusedTitle: (card) => words.removeRefusedTitle(cardName(card)),
    removeRefused: (reason) => words.removeRefusals[reason],
    defaultChanged: (card) => words.defaultChanged(cardName(card)),
    removed: (card) => words.removed(cardName(card)),
    setDefaultFailed: (card, error) => words.setDefaultFailed(cardName(card)) + hint(error),
    removeFailed: (card, error) => words.removeFailed(cardName(card)) + hint(error),
    clearFailedFailed: (error) => words.clearFailedFailed + hint(error),
    fieldLabel: (field) => words.fieldLabels[field],
    fieldError: (field, error) =>
      words.fieldErrors[field][error] ?? words.fieldErrorFallback(words.fieldLabels[field]),
    detectedBrand: (brand) => (brand === 'unknown' ? '' : brandName(brand)),
    duplicateWarning: (card, expiry) =>
      words.duplicateWarning({ cardName: cardName(card), expiry }),
    cardAdded: (card) => words.cardAdded(cardName(card)),
    addFailed: (reason, error, gatewayMessage) => {
      const failure = classifyAddFailure(reason, error);
      if (failure === 'not-approved') {
        return words.addFailures['not-approved'](gatewayMessage ? `${gatewayMessage} ` : '');
      }
      return words.addFailures[failure] + (failure === 'not-saved' ? hint(error) : '');
    },
    formatAmount: (order) => formatAmount(order, words.locale),
    payButton: (order) => words.payButton(formatAmount(order, words.locale)),
    paySucceeded: (order, card) =>
      words.paySucceeded({
        amount: formatAmount(order, words.locale),
        cardName: card ? cardName(card) : brandName('unknown'),
      }),
    payFailed: (reason, error) =>
      words.payFailures[reason] + (reason === 'refused' ? hint(error) : ''),
  };
}
