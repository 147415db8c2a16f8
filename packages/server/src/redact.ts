import { passesLuhn, REDACTED, redactCardData, replaceCardNumbers } from '@savedcards/wire';

/**
 * Card data is toxic (ARCHITECTURE.md): nothing the proxy logs or sends back to the browser may carry
 * a card number or a CVC. `redact` (@savedcards/wire's `redactCardData`) is applied to every log
 * entry, and to every error message that comes from the gateway (gateway messages may echo what was
 * sent).
 */

/** Card numbers and CVCs out of free text: @savedcards/wire's `redactCardData`, the one rule. */
export const redact = redactCardData;

const SENSITIVE_KEYS = /^(number|card_?number|pan|cvc2?|cvv2?|csc|security_?code)$/i;

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

/** Masks, in free text, the PAN-like runs that pass Luhn, keeping the last four digits. */
function maskCardNumbersIn(text: string): string {
  return replaceCardNumbers(text, (run) => {
    const digits = run.replace(/\D/g, '');
    return passesLuhn(digits) ? maskKeepLast4(digits) : run;
  });
}

/**
 * For success bodies relayed from the gateway, as defence in depth: masks any full card number or
 * CVC under a card-ish key (`number`, `cvv`, …), and any Luhn-valid 12–19 digit run in any other
 * string (a holder name or nickname that echoes a card number), keeping the last four digits.
 * UUIDs and other digit runs are left alone. Returns `undefined` when nothing changed.
 */
export function sanitizeGatewayData(value: unknown): unknown | undefined {
  let changed = false;
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') {
      const masked = maskCardNumbersIn(node);
      if (masked !== node) changed = true;
      return masked;
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
