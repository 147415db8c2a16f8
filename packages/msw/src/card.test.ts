import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBrand, maskCardNumber } from './card.js';

describe('maskCardNumber', () => {
  it.each([
    ['4242424242424242', '424242******4242'],
    ['4242 4242 4242 4242', '424242******4242'],
    ['3782-822463-10005', '378282*****0005'],
    ['6200000000000000005', '620000*********0005'],
    ['424242******4242', '424242******4242'],
    ['************4242', '************4242'],
  ])('masks %s as %s', (input, masked) => {
    expect(maskCardNumber(input)).toBe(masked);
  });

  it('keeps only the first six and last four digits of any 12 to 19 digit number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12,19}$/), (pan) => {
        const masked = maskCardNumber(pan);
        expect(masked).toHaveLength(pan.length);
        expect(masked.slice(0, 6)).toBe(pan.slice(0, 6));
        expect(masked.slice(-4)).toBe(pan.slice(-4));
        expect(masked.slice(6, -4)).toMatch(/^\*+$/);
      }),
    );
  });

  it('rejects what is not a card number without repeating it', () => {
    for (const input of ['4242', 'abcd4242424242424242', '42424242424242424242', '']) {
      expect(() => maskCardNumber(input)).toThrow(TypeError);
    }
    expect(() => maskCardNumber('4242x4242424242424')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('4242x') }),
    );
  });
});

describe('detectBrand', () => {
  it.each([
    ['4242424242424242', 'Visa'],
    ['5555555555554444', 'MasterCard'],
    ['2223003122003222', 'MasterCard'],
    ['378282246310005', 'American Express'],
    ['6221260000008599', 'UnionPay'],
    ['3530111333300000', 'JCB'],
    ['9999999999999999', 'Unknown'],
  ])('%s is %s', (number, brand) => {
    expect(detectBrand(number)).toBe(brand);
  });
});
