import { describe, expect, it } from 'vitest';
import { type CardBrand, cardBrandName } from './index.js';

describe('cardBrandName', () => {
  it('names every brand in English', () => {
    const brands: CardBrand[] = [
      'visa',
      'mastercard',
      'amex',
      'unionpay',
      'jcb',
      'discover',
      'diners',
      'unknown',
    ];
    expect(brands.map(cardBrandName)).toEqual([
      'Visa',
      'Mastercard',
      'American Express',
      'UnionPay',
      'JCB',
      'Discover',
      'Diners Club',
      'Card',
    ]);
  });

  it('reads a brand it does not know (from untyped JavaScript) as a plain card', () => {
    expect(cardBrandName('bitcoin' as CardBrand)).toBe('Card');
  });
});
