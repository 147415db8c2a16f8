import { describe, expect, it } from 'vitest';
import { preSignString } from './signing.js';
import {
  DEFAULT_WIRE_PROFILE,
  expYearWithDigits,
  isCardPaymentMethod,
  parseWireProfile,
} from './wireProfile.js';

describe('wire profile', () => {
  it('defaults to the inferred choices', () => {
    expect(DEFAULT_WIRE_PROFILE).toEqual({
      version: 1,
      bodylessSignature: 'nothing',
      expYearDigits: 4,
      tokenTypeFilter: 'local',
      deleteToken: 'json-body',
      defaultPaymentMethod: 'match-customer',
    });
    expect(Object.isFrozen(DEFAULT_WIRE_PROFILE)).toBe(true);
  });

  it('round-trips a full profile through JSON', () => {
    const profile = {
      version: 1,
      bodylessSignature: 'empty-array',
      expYearDigits: 2,
      tokenTypeFilter: 'query',
      deleteToken: 'query',
      defaultPaymentMethod: 'Credit Card',
      observed: {
        envelope: 'B',
        tokenStates: ['pending', 'success'],
        defaultPaymentMethodRead: 'x',
        secureData: 'refused',
      },
      checkedAt: '2026-12-03T14:00:00.000Z',
      environment: 'sandbox',
    };
    expect(parseWireProfile(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
    expect(parseWireProfile(DEFAULT_WIRE_PROFILE)).toEqual(DEFAULT_WIRE_PROFILE);
  });

  it.each([
    [null, /must be a JSON object/],
    [{ ...DEFAULT_WIRE_PROFILE, version: 2 }, /`version` must be 1, got 2/],
    [{ ...DEFAULT_WIRE_PROFILE, extra: true }, /unknown field extra/],
    [
      { ...DEFAULT_WIRE_PROFILE, expYearDigits: '2' },
      /`expYearDigits` must be one of 4, 2, got "2"/,
    ],
    [
      { ...DEFAULT_WIRE_PROFILE, bodylessSignature: undefined },
      /`bodylessSignature` must be one of "nothing", "empty-array", got nothing/,
    ],
    [{ ...DEFAULT_WIRE_PROFILE, deleteToken: 'path' }, /`deleteToken` must be one of/],
    [{ ...DEFAULT_WIRE_PROFILE, defaultPaymentMethod: 'credit card' }, /`defaultPaymentMethod`/],
    [{ ...DEFAULT_WIRE_PROFILE, tokenTypeFilter: 'none' }, /`tokenTypeFilter`/],
    [
      { ...DEFAULT_WIRE_PROFILE, observed: { envelope: 'C' } },
      /`observed.envelope` must be "A" or "B"/,
    ],
    [{ ...DEFAULT_WIRE_PROFILE, observed: { states: [] } }, /unknown field observed.states/],
    [{ ...DEFAULT_WIRE_PROFILE, observed: { tokenStates: [1] } }, /list of strings/],
    [
      { ...DEFAULT_WIRE_PROFILE, observed: { secureData: true } },
      /`observed.secureData` must be "accepted" or "refused", got true/,
    ],
    [{ ...DEFAULT_WIRE_PROFILE, checkedAt: 'yesterday' }, /`checkedAt` must be an ISO 8601/],
    [{ ...DEFAULT_WIRE_PROFILE, environment: 'staging' }, /`environment` must be one of/],
  ])('refuses %j', (json, message) => {
    expect(() => parseWireProfile(json)).toThrow(message);
    expect(() => parseWireProfile(json)).toThrow(/^wire profile: /);
  });

  it('signs a bodyless request over nothing or over []', () => {
    expect(preSignString('GET', '/a')).toBe('GET\n/a');
    expect(preSignString('GET', '/a', '', 'nothing')).toBe('GET\n/a');
    expect(preSignString('GET', '/a', '', 'empty-array')).toBe('GET\n/a\n[]');
    expect(preSignString('POST', '/a', '{}', 'empty-array')).toBe('POST\n/a\n{}');
  });

  it('converts exp_year digits and recognises card payment methods', () => {
    expect(expYearWithDigits('2031', 2)).toBe('31');
    expect(expYearWithDigits('31', 4)).toBe('2031');
    expect(expYearWithDigits('2031', 4)).toBe('2031');
    expect(expYearWithDigits('203', 2)).toBe('203');
    expect(isCardPaymentMethod('credit_card')).toBe(true);
    expect(isCardPaymentMethod('Credit Card')).toBe(true);
    expect(isCardPaymentMethod('Alipay')).toBe(false);
    expect(isCardPaymentMethod(undefined)).toBe(false);
  });
});
