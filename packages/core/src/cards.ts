import type { SavedCard } from './types.js';

/** A card that can be charged now: the gateway confirmed it and it has not expired. */
export function isUsableCard(card: SavedCard): boolean {
  return card.state === 'success' && card.expiry !== 'expired';
}

/** The default first, then the rest in the gateway's order. Does not mutate. */
export function sortDefaultFirst(cards: readonly SavedCard[]): SavedCard[] {
  return [...cards].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

/** For `usePaymentTokens({ select })`: usable cards only, default first. */
export function selectUsableCards(cards: readonly SavedCard[]): SavedCard[] {
  return sortDefaultFirst(cards.filter(isUsableCard));
}

/** The card to pre-select: the default if usable, else the first usable card. */
export function pickInitialCard(cards: readonly SavedCard[]): SavedCard | undefined {
  return selectUsableCards(cards)[0];
}
