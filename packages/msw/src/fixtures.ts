import { GATEWAY_ERROR_CODES } from './errors.js';
import { formatId } from './ids.js';

/**
 * The demo customer every seed creates (seed 'demo' with cards, seed 'empty' without).
 * Its uuid is the first customer id of a fresh db, so it is the same in every db.
 */
export const DEMO_CUSTOMER = {
  uuid: formatId('customer', 1),
  referenceNumber: 'demo-customer-1',
  name: 'Tai Man Chan',
  email: 'taiman.chan@example.com',
  dialCode: '+852',
  phone: '91234567',
  companyName: 'Chan Trading Ltd',
} as const;

/**
 * Token ids of the demo seed, in list order. Fixed because ids come from a per-db counter.
 * - `visa`: Visa 4242, success, default, expires about two years from now
 * - `mastercard`: MasterCard 4444, success, expires at the end of the current month
 * - `amex`: American Express 0005, success, expired three months ago
 * - `pending`: Visa 1091, pending, with `verify_url` and `verify_uuid`
 * - `failed`: MasterCard 0008, failed, with `error_code` and `error_msg`
 * - `unionpay`: UnionPay 8599, success, valid
 */
export const DEMO_TOKENS = {
  visa: formatId('token', 1),
  mastercard: formatId('token', 2),
  amex: formatId('token', 3),
  pending: formatId('token', 4),
  failed: formatId('token', 5),
  unionpay: formatId('token', 6),
} as const;

export type DemoTokenName = keyof typeof DEMO_TOKENS;

/**
 * The merchant order of every seed (issue 16): what the kit's pay route charges in browser-only
 * mode, where the mock's order book stands in for the merchant's `resolveOrder`. It belongs to
 * `DEMO_CUSTOMER`; `reference` is the Wonder `reference_number` its payments are recorded under.
 */
export const DEMO_ORDER = {
  id: 'order-demo-1',
  reference: 'demo-order-1',
  amount: '128.00',
  currency: 'HKD',
} as const;

/** Base of the (simulated) 3-D Secure challenge page; `.invalid` never resolves to a real host. */
export const VERIFY_URL_BASE = 'https://3ds.savedcards-mock.invalid/challenge/';

/** Expiry `months` months after (or before, if negative) `now`'s month, in local time. */
export function expiryFrom(now: Date, months: number): { exp_month: string; exp_year: string } {
  const index = now.getFullYear() * 12 + now.getMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { exp_month: String(month).padStart(2, '0'), exp_year: String(year) };
}

/** What `db.addToken` takes: wire-like fields, all optional. */
export interface TokenInit {
  /** Full or masked card number; stored masked. Default `4242424242424242`. */
  number?: string;
  exp_month?: string;
  /** Four digits. Default: two years from the db's `now`. */
  exp_year?: string;
  /** Default: the customer's name. */
  holder_name?: string;
  /** Default: guessed from the number (`Visa`, `MasterCard`, `American Express`, `UnionPay`, `JCB`). */
  brand?: string;
  /** Default `HKD`. */
  billing_currency?: string;
  /** Default `CreditCard`. */
  token_type?: string;
  /** Default `success`. Any string is accepted, to arrange unknown states. */
  state?: string;
  /** For pending tokens a verify uuid and an https verify url are generated unless given. */
  verify_url?: string | null;
  verify_uuid?: string | null;
  error_code?: string;
  error_msg?: string;
  /** Make it the customer's default. */
  default?: boolean;
}

/** The demo seed's cards, in the order of `DEMO_TOKENS`, with expiries relative to `now`. */
export function demoTokenInits(now: Date): Array<{ name: DemoTokenName; init: TokenInit }> {
  const holder_name = DEMO_CUSTOMER.name;
  return [
    {
      name: 'visa',
      init: { number: '424242******4242', holder_name, default: true, ...expiryFrom(now, 24) },
    },
    {
      name: 'mastercard',
      init: { number: '555555******4444', holder_name, ...expiryFrom(now, 0) },
    },
    { name: 'amex', init: { number: '378282*****0005', holder_name, ...expiryFrom(now, -3) } },
    {
      name: 'pending',
      init: { number: '400000******1091', holder_name, state: 'pending', ...expiryFrom(now, 36) },
    },
    {
      name: 'failed',
      init: {
        number: '520000******0008',
        holder_name,
        state: 'failed',
        error_code: GATEWAY_ERROR_CODES.cardDeclined.code,
        error_msg: GATEWAY_ERROR_CODES.cardDeclined.message,
        ...expiryFrom(now, 12),
      },
    },
    { name: 'unionpay', init: { number: '622126******8599', holder_name, ...expiryFrom(now, 30) } },
  ];
}
