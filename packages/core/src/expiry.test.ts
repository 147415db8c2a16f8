import { describe, expect, it } from 'vitest';
import { getExpiryStatus } from './index.js';

const at = (iso: string) => new Date(iso);
const DAY_MS = 86_400_000;

describe('getExpiryStatus around the end of the expiry month (UTC)', () => {
  it('02/2027 is usable through 2027-02-28T23:59Z and expired from 2027-03-01T00:00Z', () => {
    expect(getExpiryStatus(2, 2027, at('2027-02-28T23:59:00Z'), 0)).toBe('valid');
    expect(getExpiryStatus(2, 2027, at('2027-02-28T23:59:59.999Z'), 0)).toBe('valid');
    expect(getExpiryStatus(2, 2027, at('2027-03-01T00:00:00Z'), 0)).toBe('expired');
    expect(getExpiryStatus(2, 2027, at('2027-03-01T00:00:00.001Z'), 0)).toBe('expired');
  });

  it('02/2027 is expiring on its last minute with a 60-day window', () => {
    expect(getExpiryStatus(2, 2027, at('2027-02-28T23:59:00Z'), 60)).toBe('expiring');
    expect(getExpiryStatus(2, 2027, at('2027-02-01T00:00:00Z'), 60)).toBe('expiring');
  });

  it('is valid at the start of its month when far from expiry and the window is short', () => {
    expect(getExpiryStatus(2, 2027, at('2027-02-01T00:00:00Z'), 7)).toBe('valid');
  });

  it('a leap-year February runs to the 29th', () => {
    expect(getExpiryStatus(2, 2028, at('2028-02-29T23:59:00Z'), 0)).toBe('valid');
    expect(getExpiryStatus(2, 2028, at('2028-03-01T00:00:00Z'), 0)).toBe('expired');
  });

  it('12/2026 runs to the end of December and expires on 1 January', () => {
    expect(getExpiryStatus(12, 2026, at('2026-12-31T23:59:59Z'), 0)).toBe('valid');
    expect(getExpiryStatus(12, 2026, at('2027-01-01T00:00:00Z'), 0)).toBe('expired');
  });

  it('01/2027 is valid on 2027-01-31 and expired on 2027-02-01', () => {
    expect(getExpiryStatus(1, 2027, at('2027-01-31T12:00:00Z'), 0)).toBe('valid');
    expect(getExpiryStatus(1, 2027, at('2027-02-01T00:00:00Z'), 0)).toBe('expired');
  });

  it('a card expiring in an earlier year is expired; a later one is valid', () => {
    const now = at('2026-05-15T12:00:00Z');
    expect(getExpiryStatus(12, 2025, now, 60)).toBe('expired');
    expect(getExpiryStatus(4, 2026, now, 60)).toBe('expired');
    expect(getExpiryStatus(5, 2026, now, 60)).toBe('expiring');
    expect(getExpiryStatus(1, 2030, now, 60)).toBe('valid');
  });
});

describe('getExpiryStatus: the withinDays boundary', () => {
  // 03/2027 ends at 2027-04-01T00:00Z.
  const endsAt = Date.UTC(2027, 3, 1);

  it('is expiring exactly withinDays before the end, valid 1 ms earlier', () => {
    expect(getExpiryStatus(3, 2027, new Date(endsAt - 30 * DAY_MS), 30)).toBe('expiring');
    expect(getExpiryStatus(3, 2027, new Date(endsAt - 30 * DAY_MS - 1), 30)).toBe('valid');
  });

  it('is expiring 1 ms before the end and expired at the end', () => {
    expect(getExpiryStatus(3, 2027, new Date(endsAt - 1), 30)).toBe('expiring');
    expect(getExpiryStatus(3, 2027, new Date(endsAt), 30)).toBe('expired');
  });

  it('withinDays 0 never reports expiring', () => {
    expect(getExpiryStatus(3, 2027, new Date(endsAt - 1), 0)).toBe('valid');
  });
});

describe('getExpiryStatus: unknown', () => {
  const now = at('2026-05-15T12:00:00Z');

  it.each([
    [null, 2027],
    [4, null],
    [null, null],
  ])('month %j, year %j → unknown', (month, year) => {
    expect(getExpiryStatus(month, year, now, 60)).toBe('unknown');
  });

  it('an invalid clock gives unknown', () => {
    expect(getExpiryStatus(4, 2027, new Date(Number.NaN), 60)).toBe('unknown');
  });
});
