import { describe, expect, it } from 'vitest';
import { maskCardNumber, SCENARIO_CARDS, SLOW_CREATE_MS } from './index.js';
import type { ScenarioCardBehaviour } from './index.js';
import { passesLuhn } from '@savedcards/wire';
import { challengeBehaviourOf, wireBrandOf } from './scenarioCards.js';

describe('SCENARIO_CARDS', () => {
  it.each(SCENARIO_CARDS.map((card) => [card.number, card.behaviour, card]))(
    '%s (%s) is a valid number with a description',
    (number, _behaviour, card) => {
      expect(number).toMatch(/^\d{12,19}$/);
      expect(passesLuhn(number)).toBe(true);
      expect(wireBrandOf(number)).toBe(card.brand);
      expect(card.description).not.toBe('');
    },
  );

  it('has no duplicates', () => {
    const numbers = SCENARIO_CARDS.map((card) => card.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('covers every behaviour', () => {
    const behaviours: ScenarioCardBehaviour[] = [
      'frictionless',
      'challenge-approve',
      'challenge-decline',
      'challenge-abandon',
      'decline-at-create',
      'server-error',
      'network-error',
      'slow',
    ];
    expect(new Set(SCENARIO_CARDS.map((card) => card.behaviour))).toEqual(new Set(behaviours));
  });

  it('has a frictionless card for each of the seven brands', () => {
    expect(
      SCENARIO_CARDS.filter((card) => card.behaviour === 'frictionless')
        .map((card) => card.brand)
        .sort(),
    ).toEqual(
      [
        'American Express',
        'Diners Club',
        'Discover',
        'JCB',
        'MasterCard',
        'UnionPay',
        'Visa',
      ].sort(),
    );
  });

  it('reads each challenge card back from its masked number only', () => {
    for (const card of SCENARIO_CARDS.filter((c) => c.behaviour.startsWith('challenge-'))) {
      expect(challengeBehaviourOf(maskCardNumber(card.number))).toBe(card.behaviour);
    }
    // Any other pending token (the demo seed's) approves.
    expect(challengeBehaviourOf('400000******1091')).toBe('challenge-approve');
  });

  it('the slow card is documented as 3 s', () => {
    expect(SLOW_CREATE_MS).toBe(3000);
  });
});

describe('passesLuhn', () => {
  it.each([
    ['4242424242424242', true],
    ['4242424242424241', false],
    ['79927398713', true],
    ['79927398710', false],
    ['0', true],
  ])('%s → %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});
