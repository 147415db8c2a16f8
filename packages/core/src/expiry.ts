import type { ExpiryStatus } from './types.js';

const DAY_MS = 86_400_000;

/**
 * A card is valid through the last day of its expiry month (UTC). It is `'expiring'` within
 * `withinDays` days of that moment and `'expired'` from then on.
 */
export function getExpiryStatus(
  expMonth: number | null,
  expYear: number | null,
  now: Date,
  withinDays: number,
): ExpiryStatus {
  if (expMonth === null || expYear === null || Number.isNaN(now.getTime())) {
    return 'unknown';
  }
  // Date.UTC months are 0-based, so month `expMonth` (1-based) is the first day after expiry.
  const endsAt = Date.UTC(expYear, expMonth, 1);
  const left = endsAt - now.getTime();
  if (left <= 0) {
    return 'expired';
  }
  return left <= withinDays * DAY_MS ? 'expiring' : 'valid';
}
