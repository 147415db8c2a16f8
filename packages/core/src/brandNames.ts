import type { CardBrand } from './types.js';

/** English display names of the card brands; `'unknown'` reads as a plain "Card". */
export const CARD_BRAND_NAMES: Readonly<Record<CardBrand, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  unionpay: 'UnionPay',
  jcb: 'JCB',
  discover: 'Discover',
  diners: 'Diners Club',
  unknown: 'Card',
};

/**
 * A brand's display name in English ("Visa", "American Express", "Card" when unknown), for
 * hooks-only markup: `${cardBrandName(card.brand)} ending in ${card.last4}`. `@savedcards/ui`
 * words brands in its own messages (Traditional and Simplified Chinese keep their own names).
 */
export function cardBrandName(brand: CardBrand): string {
  return CARD_BRAND_NAMES[brand] ?? CARD_BRAND_NAMES.unknown;
}
