/**
 * Card-number masking and brand guessing. The mock never stores a full card number: whatever comes
 * in is masked the way a gateway shows it, first six digits, stars, last four (`424242******4242`).
 */

const FULL_NUMBER = /^\d{12,19}$/;
const MASKED_NUMBER = /^\d{0,6}\*+\d{4}$/;

/**
 * Masks a card number. Accepts a full number (spaces and dashes ignored) or an already-masked one.
 * Throws on anything else; the error message never repeats the input.
 */
export function maskCardNumber(input: string): string {
  const compact = input.replace(/[\s-]/g, '');
  if (MASKED_NUMBER.test(compact)) return compact;
  if (!FULL_NUMBER.test(compact)) {
    throw new TypeError('maskCardNumber: expected 12 to 19 digits or a masked number');
  }
  return `${compact.slice(0, 6)}${'*'.repeat(compact.length - 10)}${compact.slice(-4)}`;
}

/** Brand names as Wonder writes them in newer responses (`Visa`, `MasterCard`, …). */
export function detectBrand(numberOrMasked: string): string {
  const n = numberOrMasked.replace(/[\s-]/g, '');
  if (/^4/.test(n)) return 'Visa';
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(n)) return 'MasterCard';
  if (/^3[47]/.test(n)) return 'American Express';
  if (/^62/.test(n)) return 'UnionPay';
  if (/^35/.test(n)) return 'JCB';
  return 'Unknown';
}
