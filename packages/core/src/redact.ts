// A run of 12–19 digits, optionally split by up to two spaces, tabs, newlines, dots or dashes, is
// treated as a card number. Over-redacting a long reference number is the safe mistake.
const CARD_NUMBER_LIKE = /\d(?:[\s.-]{0,2}\d){11,18}/g;
// Three- or four-digit values keyed as a CVC/CVV in free text.
const CVC_LIKE = /\b(cvc|cvv|cvv2|csc|security code)(["'\s:=]+)\d{3,4}\b/gi;

/**
 * Strips anything that looks like a card number or CVC from free text before it can reach an error
 * message, a log line or the screen. Gateway messages are untrusted and may echo what was sent.
 */
export function redactCardData(text: string): string {
  return text.replace(CARD_NUMBER_LIKE, '[redacted]').replace(CVC_LIKE, '$1$2[redacted]');
}
