import { REDACTED, redactCardData, replaceCardNumbers } from '@savedcards/wire';

/**
 * Card data is toxic (ARCHITECTURE.md): nothing the proxy logs or sends back to the browser may carry
 * a card number or a CVC. `redact` (@savedcards/wire's `redactCardData`) is applied to every log
 * entry, and to every error message that comes from the gateway (gateway messages may echo what was
 * sent).
 */

/** Card numbers and CVCs out of free text: @savedcards/wire's `redactCardData`, the one rule. */
export const redact = redactCardData;

const SENSITIVE_KEYS = /^(number|card_?number|pan|cvc2?|cvv2?|csc|security_?code)$/i;
// Identifiers the browser must get back unchanged (a merchant's reference number may be 12+ digits).
const ID_KEYS = /^(reference_number|uuid|token|verify_uuid)$/;

/**
 * `redact` applied to every string inside `value` (objects and arrays are copied), and values under
 * card-ish keys (`number`, `cvv`, …) replaced entirely unless they are already masked by the gateway.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null || depth > 8) {
    return typeof value === 'object' && value !== null ? REDACTED : value;
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SENSITIVE_KEYS.test(key) && !isMaskedNumber(item) ? REDACTED : redactDeep(item, depth + 1);
  }
  return out;
}

/** A number as gateways show it: digits and at least four `*`/`x`/`•` in between (`424242******4242`). */
function isMaskedNumber(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9]{0,6}[*xX•]{4,}[0-9]{0,4}$/.test(value);
}

/**
 * Masks, in free text, every PAN-like run (12–19 digits, split by spaces, dots or dashes or not),
 * Luhn-valid or not (UnionPay numbers need not pass Luhn), keeping the last four digits.
 */
function maskCardNumbersIn(text: string): string {
  return replaceCardNumbers(text, maskKeepLast4);
}

/** A JSON number as long as a card number (a gateway that echoes `"number": 4242…` unquoted). */
function isCardLikeNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) >= 1e11;
}

/**
 * For bodies relayed from the gateway, as defence in depth: masks any full card number or CVC
 * under a card-ish key (`number`, `cvv`, …), any 12–19 digit run in any other string (a holder
 * name, an `error_msg` or `error_code` that echoes a card number), keeping the last four digits,
 * and any JSON number as long as a card number. Canonical UUIDs are left alone. Returns `undefined`
 * when nothing changed.
 */
export function sanitizeGatewayData(value: unknown): unknown | undefined {
  let changed = false;
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') {
      // A card number is 12 digits or more: a shorter string has none (most of a token list).
      if (node.length < 12) return node;
      const masked = maskCardNumbersIn(node);
      if (masked !== node) changed = true;
      return masked;
    }
    if (typeof node === 'number' && isCardLikeNumber(node)) {
      changed = true;
      const digits = String(node);
      return /^\d+$/.test(digits) ? maskKeepLast4(digits) : REDACTED;
    }
    if (typeof node !== 'object' || node === null || depth > 16) return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) {
      if (SENSITIVE_KEYS.test(key) && typeof item === 'string' && redact(item) !== item) {
        changed = true;
        out[key] = maskKeepLast4(item);
      } else if (/^(cvc2?|cvv2?|csc|security_?code)$/i.test(key) && item !== null && item !== '') {
        changed = true;
        out[key] = REDACTED;
      } else if (ID_KEYS.test(key) && typeof item === 'string') {
        out[key] = item;
      } else {
        out[key] = walk(item, depth + 1);
      }
    }
    return out;
  };
  const result = walk(value, 0);
  return changed ? result : undefined;
}

function maskKeepLast4(text: string): string {
  const digits = text.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}
