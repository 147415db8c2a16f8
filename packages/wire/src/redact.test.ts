import { describe, expect, it } from 'vitest';
import { passesLuhn, redactCardData, replaceCardNumbers } from './redact.js';

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

  it('replaceCardNumbers hands each card-number-like run to the caller, uuids untouched', () => {
    const uuid = '00000000-0000-4000-8000-000000000999';
    const runs: string[] = [];
    const text = replaceCardNumbers(`card 4242 4242 4242 4242, id ${uuid}, cvv 123`, (run) => {
      runs.push(run);
      return `<${run.slice(-4)}>`;
    });
    expect(text).toBe(`card <4242>, id ${uuid}, cvv 123`);
    expect(runs).toEqual(['4242 4242 4242 4242']);
  });
});
