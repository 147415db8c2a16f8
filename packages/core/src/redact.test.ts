import { describe, expect, it } from 'vitest';
import { redactCardData } from './index.js';

const TEST_PANS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  unionpay: '6250941006528599',
  jcb: '3566002020360505',
  discover: '6011111111111117',
  diners: '36227206271667',
} as const;

/** Groups a number the way people type it: 4-4-4-4 (4-6-5 for Amex, 4-6-4 for Diners). */
function grouped(pan: string, separator: string): string {
  const sizes = pan.length === 15 ? [4, 6, 5] : pan.length === 14 ? [4, 6, 4] : [4, 4, 4, 4];
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(pan.slice(at, at + size));
    at += size;
  }
  return parts.join(separator);
}

describe('redactCardData: card numbers', () => {
  describe.each(Object.entries(TEST_PANS))('%s test number', (_brand, pan) => {
    it.each([
      ['bare', pan],
      ['with spaces', grouped(pan, ' ')],
      ['with dashes', grouped(pan, '-')],
    ])('is redacted %s', (_label, number) => {
      expect(redactCardData(number)).toBe('[redacted]');
    });

    it('is redacted inside a sentence, keeping the sentence', () => {
      expect(redactCardData(`The card ${grouped(pan, ' ')} was declined.`)).toBe(
        'The card [redacted] was declined.',
      );
    });

    it('is redacted inside JSON, keeping the JSON valid', () => {
      const json = JSON.stringify({ card: { number: pan, holder_name: 'Tai Man Chan' } });
      const redacted = redactCardData(json);
      expect(redacted).not.toContain(pan);
      expect(JSON.parse(redacted)).toEqual({
        card: { number: '[redacted]', holder_name: 'Tai Man Chan' },
      });
    });
  });

  it('redacts several numbers in one text', () => {
    const text = `first ${TEST_PANS.visa}, second ${grouped(TEST_PANS.amex, '-')}`;
    expect(redactCardData(text)).toBe('first [redacted], second [redacted]');
  });

  it('redacts 12 to 19 digits and a longer run leaves no 12-digit run', () => {
    expect(redactCardData('123456789012')).toBe('[redacted]');
    expect(redactCardData('1234567890123456789')).toBe('[redacted]');
    expect(redactCardData('9'.repeat(60))).not.toMatch(/\d{12}/);
  });
});

describe('redactCardData: CVC', () => {
  it.each([
    ['cvv: 123', 'cvv: [redacted]'],
    ['CVC=1234', 'CVC=[redacted]'],
    ['cvv2 987', 'cvv2 [redacted]'],
    ['security code: 321', 'security code: [redacted]'],
    ['{"cvv":"123"}', '{"cvv":"[redacted]"}'],
  ])('%s → %s', (input, expected) => {
    expect(redactCardData(input)).toBe(expected);
  });
});

describe('redactCardData: short numbers stay', () => {
  it.each([
    'Amount HK$1,000.00 exceeds the limit of 500',
    'Card expires 04/2027',
    'exp_year 2027, exp_month 04',
    'Visa ending in 4242',
    '424242******4242',
    'Phone +852 9123 4567',
    '12345678901',
    'Order 2024-05-01 #123456',
    'HTTP 503 after 20000 ms',
    'No digits at all',
    '',
  ])('%j', (text) => {
    expect(redactCardData(text)).toBe(text);
  });
});

describe('redactCardData: loose separators', () => {
  it.each([
    ['double spaces', '4242  4242  4242  4242'],
    ['tabs', '4242\t4242\t4242\t4242'],
    ['newlines', '4242\n4242\n4242\n4242'],
    ['dots', '4242.4242.4242.4242'],
  ])('redacts a card number split by %s', (_, pan) => {
    expect(redactCardData(`card ${pan} declined`)).toBe('card [redacted] declined');
  });
});
