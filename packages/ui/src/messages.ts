import { type CardBrand, isGatewayError, type SavedCard } from '@savedcards/core';
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
  cardLabel(card) {
    const brand = this.brandName(card.brand);
    const parts = [card.last4 ? `${brand} ending in ${card.last4}` : brand];
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
};

export const MessagesContext = createContext<SavedCardsMessages>(enMessages);
MessagesContext.displayName = 'SavedCardsMessagesContext';

/** Merges integrator overrides over the messages in context (English by default). */
export function useMessages(overrides?: Partial<SavedCardsMessages>): SavedCardsMessages {
  const base = useContext(MessagesContext);
  return overrides ? { ...base, ...overrides } : base;
}
