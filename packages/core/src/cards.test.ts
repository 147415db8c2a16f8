import { describe, expect, it } from 'vitest';
import {
  isUsableCard,
  pickInitialCard,
  type SavedCard,
  selectUsableCards,
  sortDefaultFirst,
} from './index.js';

function card(token: string, overrides: Partial<SavedCard> = {}): SavedCard {
  return {
    token,
    type: 'card',
    state: 'success',
    isDefault: false,
    brand: 'visa',
    last4: '4242',
    expMonth: 4,
    expYear: 2030,
    expiry: 'valid',
    holderName: 'Tai Man Chan',
    ...overrides,
  };
}

const tokens = (cards: readonly SavedCard[]) => cards.map((c) => c.token);

describe('isUsableCard', () => {
  it.each([
    [{ state: 'success', expiry: 'valid' }, true],
    [{ state: 'success', expiry: 'expiring' }, true],
    [{ state: 'success', expiry: 'unknown' }, true],
    [{ state: 'success', expiry: 'expired' }, false],
    [{ state: 'pending', expiry: 'valid' }, false],
    [{ state: 'failed', expiry: 'valid' }, false],
    [{ state: 'unknown', expiry: 'valid' }, false],
  ] as const)('%j → %s', (overrides, expected) => {
    expect(isUsableCard(card('t', overrides))).toBe(expected);
  });
});

describe('sortDefaultFirst', () => {
  it('moves the default to the front and keeps the others in order', () => {
    const cards = [card('a'), card('b'), card('c', { isDefault: true }), card('d')];
    expect(tokens(sortDefaultFirst(cards))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('is stable when no card is the default', () => {
    const cards = ['e', 'd', 'c', 'b', 'a'].map((t) => card(t));
    expect(tokens(sortDefaultFirst(cards))).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('keeps the gateway order among several cards flagged default', () => {
    const cards = [card('a'), card('b', { isDefault: true }), card('c', { isDefault: true })];
    expect(tokens(sortDefaultFirst(cards))).toEqual(['b', 'c', 'a']);
  });

  it('does not mutate its input and returns a new array', () => {
    const cards = Object.freeze([card('a'), card('b', { isDefault: true })]);
    const sorted = sortDefaultFirst(cards);
    expect(tokens(cards)).toEqual(['a', 'b']);
    expect(sorted).not.toBe(cards);
  });

  it('handles an empty list', () => {
    expect(sortDefaultFirst([])).toEqual([]);
  });
});

describe('selectUsableCards', () => {
  it('keeps usable cards only, default first', () => {
    const cards = [
      card('expired', { expiry: 'expired' }),
      card('a'),
      card('pending', { state: 'pending' }),
      card('default', { isDefault: true }),
      card('failed', { state: 'failed' }),
      card('b', { expiry: 'expiring' }),
    ];
    expect(tokens(selectUsableCards(cards))).toEqual(['default', 'a', 'b']);
  });

  it('drops an unusable default', () => {
    const cards = [card('a'), card('default', { isDefault: true, expiry: 'expired' })];
    expect(tokens(selectUsableCards(cards))).toEqual(['a']);
  });
});

describe('pickInitialCard', () => {
  it('picks the default when it is usable', () => {
    expect(pickInitialCard([card('a'), card('default', { isDefault: true })])?.token).toBe(
      'default',
    );
  });

  it('picks the first usable card when the default is not usable', () => {
    const cards = [
      card('pending', { state: 'pending' }),
      card('default', { isDefault: true, state: 'failed' }),
      card('a'),
      card('b'),
    ];
    expect(pickInitialCard(cards)?.token).toBe('a');
  });

  it('is undefined when no card is usable or there are none', () => {
    expect(pickInitialCard([card('x', { expiry: 'expired' })])).toBeUndefined();
    expect(pickInitialCard([])).toBeUndefined();
  });
});
