import { describe, expect, it } from 'vitest';
import { SealedCard, sealCard } from './index.js';

const card = {
  number: '4242 4242 4242 4242',
  expMonth: '04',
  expYear: '2030',
  holderName: 'A',
  cvc: '123',
};

describe('sealCard', () => {
  it('shows only brand and last four, however it is inspected', () => {
    const sealed = sealCard(card);
    expect(sealed).toBeInstanceOf(SealedCard);
    expect(sealed.summary).toEqual({ brand: 'visa', last4: '4242' });
    const seen = [
      JSON.stringify(sealed),
      JSON.stringify({ variables: sealed }),
      Object.keys(sealed).join(),
    ];
    for (const text of seen) {
      expect(text).not.toMatch(/4242424242424242|4242 4242 4242 4242|123/);
    }
  });

  it('gives the card once, then refuses', () => {
    const sealed = sealCard(card);
    expect(sealed.take()).toBe(card);
    expect(() => sealed.take()).toThrow('This card was already sent');
  });
});
