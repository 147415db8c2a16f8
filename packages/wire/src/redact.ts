/**
 * Card data is toxic (ARCHITECTURE.md): nothing an error message, a log line or the screen shows may
 * carry a card number or a CVC, in the browser, the proxy or the mock. Gateway text is untrusted and
 * may echo what was sent.
 */

// A canonical UUID (request, customer and token ids) is kept whole: its 8-4-4-4-12 grouping is not
// a card number's. Otherwise a run of 12–19 digits, optionally split by up to two spaces, tabs,
// newlines, dots or dashes, counts as a card number: over-redacting a long reference is the safe
// mistake.
const UUID_OR_PAN =
  /(\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)|\d(?:[\s.-]{0,2}\d){11,18}/gi;
// A 3–4 digit value keyed as a CVC, in free text, query strings or JSON (`"cvv":"123"`, `cvc=123`).
const CVC_LIKE =
  /\b(cvc2?|cvv2?|csc|cid|card[ _-]?verification(?:[ _-]?(?:code|value))?|security[ _-]?code)(["'\s:=]+)\d{3,4}\b/gi;

export const REDACTED = '[redacted]';

/**
 * Replaces each card-number-like digit run in `text` with `replace(run)` (UUIDs are kept whole), for
 * callers that mask rather than redact (the proxy keeps the last four digits of a Luhn-valid run).
 */
export function replaceCardNumbers(text: string, replace: (run: string) => string): string {
  return text.replace(UUID_OR_PAN, (match, uuid: string | undefined) => uuid ?? replace(match));
}

/** Replaces card-number-like digit runs and CVC-like values in `text`. */
export function redactCardData(text: string): string {
  return replaceCardNumbers(text, () => REDACTED).replace(CVC_LIKE, `$1$2${REDACTED}`);
}

/** The Luhn checksum every card number passes (and only ~10% of other digit runs do). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}
