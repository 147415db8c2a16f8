import { describe, expect, it } from 'vitest';
import {
  createRemovalPolicy,
  pickFocusAfterRemoval,
  pickPromotionCandidate,
  planRemoval,
  type SavedCard,
} from './index.js';

function card(token: string, overrides: Partial<SavedCard> = {}): SavedCard {
  return {
    token,
    type: 'card',
    state: 'success',
    isDefault: false,
    brand: 'visa',
    last4: '4242',
    expMonth: 1,
    expYear: 2099,
    expiry: 'valid',
    holderName: 'Tai Man Chan',
    ...overrides,
  };
}

const visa = card('visa', { isDefault: true });
const mastercard = card('mc', { brand: 'mastercard', last4: '4444' });
const expired = card('amex', { brand: 'amex', expiry: 'expired' });
const pending = card('pending', { state: 'pending' });

describe('createRemovalPolicy', () => {
  it('allows every removal by default', () => {
    const canRemove = createRemovalPolicy();
    for (const candidate of [visa, mastercard, expired, pending]) {
      expect(canRemove(candidate, { cards: [visa] })).toEqual({ allowed: true });
    }
  });

  it('protects the default card when asked', () => {
    const canRemove = createRemovalPolicy({ protectDefault: true });
    expect(canRemove(visa, { cards: [visa, mastercard] })).toEqual({
      allowed: false,
      reason: 'default',
    });
    expect(canRemove(mastercard, { cards: [visa, mastercard] })).toEqual({ allowed: true });
  });

  it('protects the last usable card, but never an unusable one', () => {
    const canRemove = createRemovalPolicy({ protectLastCard: true });
    const cards = [mastercard, expired, pending];
    expect(canRemove(mastercard, { cards })).toEqual({ allowed: false, reason: 'last-card' });
    expect(canRemove(expired, { cards })).toEqual({ allowed: true });
    expect(canRemove(pending, { cards })).toEqual({ allowed: true });
    expect(canRemove(mastercard, { cards: [visa, mastercard] })).toEqual({ allowed: true });
  });

  it('protects cards the merchant marks as in use, by token list or test', () => {
    expect(createRemovalPolicy({ inUse: ['mc'] })(mastercard, { cards: [mastercard] })).toEqual({
      allowed: false,
      reason: 'in-use',
    });
    const byBrand = createRemovalPolicy({ inUse: (candidate) => candidate.brand === 'visa' });
    expect(byBrand(visa, { cards: [visa] })).toEqual({ allowed: false, reason: 'in-use' });
    expect(byBrand(mastercard, { cards: [visa] })).toEqual({ allowed: true });
  });
});

describe('pickPromotionCandidate', () => {
  it('picks the first other usable card', () => {
    expect(pickPromotionCandidate(visa, [visa, expired, pending, mastercard])).toBe(mastercard);
    expect(pickPromotionCandidate(visa, [visa, expired])).toBeUndefined();
  });
});

describe('pickFocusAfterRemoval', () => {
  const cards = [visa, mastercard, expired];

  it('moves focus to the next card, or the previous one after the last', () => {
    expect(pickFocusAfterRemoval(visa, cards)).toBe(mastercard);
    expect(pickFocusAfterRemoval(mastercard, cards)).toBe(expired);
    expect(pickFocusAfterRemoval(expired, cards)).toBe(mastercard);
  });

  it('leaves focus to the list when no card is left, or the card is not shown', () => {
    expect(pickFocusAfterRemoval(visa, [visa])).toBeUndefined();
    expect(pickFocusAfterRemoval(pending, cards)).toBeUndefined();
  });
});

describe('planRemoval', () => {
  const cards = [visa, mastercard, expired];

  it('refuses with the policy’s reason', () => {
    const canRemove = createRemovalPolicy({ protectDefault: true });
    expect(planRemoval(visa, { cards, canRemove })).toEqual({ allowed: false, reason: 'default' });
  });

  it('moves focus on and promotes the next usable card only when asked', () => {
    const canRemove = createRemovalPolicy();
    expect(planRemoval(visa, { cards, canRemove })).toEqual({
      allowed: true,
      focusAfter: mastercard,
      promoteTo: undefined,
    });
    expect(planRemoval(visa, { cards, canRemove, promoteDefaultOnRemove: true })).toEqual({
      allowed: true,
      focusAfter: mastercard,
      promoteTo: mastercard,
    });
    expect(planRemoval(mastercard, { cards, canRemove, promoteDefaultOnRemove: true })).toEqual({
      allowed: true,
      focusAfter: expired,
      promoteTo: undefined,
    });
  });
});
