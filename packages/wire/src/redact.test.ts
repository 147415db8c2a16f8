import { describe, expect, it } from 'vitest';
import { passesLuhn, redactCardData } from './redact.js';

describe('redactCardData', () => {
  it.each([
    '4242424242424242',
    '4242 4242 4242 4242',
    '4242-4242-4242-4242',
    '4242.4242.4242.4242',
    '6250941006528599',
    '378282246310005',
  ])('removes %s', (number) => {
    const text = redactCardData(`card ${number} declined`);
    expect(text).toBe('card [redacted] declined');
  });

  it('keeps canonical uuids whole', () => {
    const uuid = '00000000-0000-4000-8000-000000000999';
    expect(redactCardData(`customer ${uuid}`)).toBe(`customer ${uuid}`);
  });

  it('removes CVC-like values', () => {
    expect(redactCardData('"cvv":"123" cvc=4567')).toBe('"cvv":"[redacted]" cvc=[redacted]');
  });

  it('checks Luhn', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
  });
});
