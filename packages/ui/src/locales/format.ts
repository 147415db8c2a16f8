import type { SavedCard } from '@savedcards/core';

/** "04/27", or `null` when the gateway sent no usable expiry. */
export function formatExpiry(card: Pick<SavedCard, 'expMonth' | 'expYear'>): string | null {
  if (card.expMonth === null || card.expYear === null) {
    return null;
  }
  return `${String(card.expMonth).padStart(2, '0')}/${String(card.expYear % 100).padStart(2, '0')}`;
}

/**
 * The expiry month in words for `locale` through `Intl.DateTimeFormat` ("2027年4月" in zh-HK and
 * zh-CN, "April 2027" in en), or `null` when the gateway sent no usable expiry.
 */
export function formatExpiryMonth(
  card: Pick<SavedCard, 'expMonth' | 'expYear'>,
  locale: string,
): string | null {
  if (card.expMonth === null || card.expYear === null) {
    return null;
  }
  // UTC on both sides so the month never shifts with the time zone.
  const date = new Date(Date.UTC(card.expYear, card.expMonth - 1, 1));
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(date);
}

/** A whole number for `locale` through `Intl.NumberFormat`. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
