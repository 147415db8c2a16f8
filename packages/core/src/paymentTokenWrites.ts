import { BILLING_ADDRESS_FIELDS } from '@savedcards/wire';
import type { GatewayClient } from './client.js';
import type { CallOptions } from './customers.js';
import { GatewayError } from './errors.js';
import { isRecord, normalizeSavedCard } from './normalize.js';
import { gatewayPaths } from './paths.js';
import type { SavedCard } from './types.js';

/** Billing address of a new card (GATEWAY.md §5). `countryCode` is ISO 3166-1 alpha-3 (`HKG`). */
export interface BillingAddressInput {
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
  email?: string;
  address?: string;
  city?: string;
  state?: string;
  zipCode?: string;
  countryCode?: string;
}

/**
 * A card to save, straight from the form. The number and CVC go out in the one create request and
 * are not kept anywhere: clear them from the form once the call settles.
 */
export interface NewCardInput {
  /** Spaces and dashes are removed before sending. */
  number: string;
  /** 1–12 (`4`, `'4'`, `'04'`); sent as `"04"`. */
  expMonth: string | number;
  /** `27` or `2027`; sent as `"2027"`. */
  expYear: string | number;
  holderName: string;
  cvc?: string;
  nickname?: string;
  billingAddress?: BillingAddressInput;
}

/** Wonder's `transaction_type` values for saving a card (GATEWAY.md §5). */
export type CardTransactionType =
  | 'partial_split_shipment'
  | 'delayed_charges'
  | 'no_show'
  | 'recurring_payment'
  | 'unscheduled_cof'
  | 'unscheduled_cof_subsequent';

/** Where the gateway sends the cardholder after 3-D Secure. */
export interface ThreeDSReturnUrls {
  successUrl: string;
  failUrl: string;
}

export interface CreatePaymentTokenOptions extends CallOptions {
  /**
   * Sent as `card["3ds"]` only when given. The signing proxy sets the real return URLs (and
   * overrides these), so in production leave them out; the mock gateway and demos use them.
   */
  returnUrls?: ThreeDSReturnUrls;
  /** Sent as `card.transaction_type` only when given; the proxy sets it in production. */
  transactionType?: CardTransactionType;
}

function wireMonth(value: string | number): string {
  const text = String(value).trim();
  const month = /^\d{1,2}$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
  if (!(month >= 1 && month <= 12)) {
    throw new TypeError('createPaymentToken: card.expMonth must be a month from 1 to 12.');
  }
  return String(month).padStart(2, '0');
}

function wireYear(value: string | number): string {
  const text = String(value).trim();
  if (/^\d{2}$/.test(text)) {
    return `20${text}`;
  }
  if (/^\d{4}$/.test(text)) {
    return text;
  }
  throw new TypeError('createPaymentToken: card.expYear must have 2 or 4 digits.');
}

function wireBillingAddress(address: BillingAddressInput): Record<string, string> | undefined {
  const wire: Record<string, string> = {};
  for (const [field, key] of Object.entries(BILLING_ADDRESS_FIELDS)) {
    const value = address[key];
    if (typeof value === 'string' && value.trim() !== '') {
      wire[field] = value.trim();
    }
  }
  return Object.keys(wire).length === 0 ? undefined : wire;
}

/** The create body, exactly GATEWAY.md §5's shape. Built per call and never kept. */
/** The card number as sent: its digits, without the spaces or dashes it was typed with. */
export function cardDigits(card: NewCardInput): string {
  return typeof card.number === 'string' ? card.number.replace(/[\s-]/g, '') : '';
}

export function createBody(card: NewCardInput, number: string, options: CreatePaymentTokenOptions) {
  const wire: Record<string, unknown> = {
    number,
    exp_month: wireMonth(card.expMonth),
    exp_year: wireYear(card.expYear),
    holder_name: typeof card.holderName === 'string' ? card.holderName.trim() : '',
  };
  const cvv = typeof card.cvc === 'string' ? card.cvc.trim() : '';
  if (cvv !== '') {
    wire.cvv = cvv;
  }
  const nickname = typeof card.nickname === 'string' ? card.nickname.trim() : '';
  if (nickname !== '') {
    wire.nickname = nickname;
  }
  const billing = card.billingAddress ? wireBillingAddress(card.billingAddress) : undefined;
  if (billing) {
    wire.billing_address = billing;
  }
  if (options.returnUrls) {
    wire['3ds'] = {
      success_return_url: options.returnUrls.successUrl,
      fail_return_url: options.returnUrls.failUrl,
    };
  }
  if (options.transactionType) {
    wire.transaction_type = options.transactionType;
  }
  return { card: wire };
}

/**
 * A gateway that echoes what it was sent could put the card number in a field of its answer. The
 * normaliser already keeps only the last four digits and strips digit runs from display text; this
 * drops any other text field that still contains the number, and refuses a token id that does.
 */
function withoutNumber(card: SavedCard, number: string, where: string): SavedCard {
  if (number.length < 12 || !JSON.stringify(card).includes(number)) {
    return card;
  }
  if (card.token.includes(number)) {
    throw new GatewayError({
      kind: 'invalid-response',
      status: 200,
      message: `${where} returned card data in the token id`,
    });
  }
  const clean: SavedCard = { ...card };
  for (const [key, value] of Object.entries(clean)) {
    if (typeof value === 'string' && value.includes(number)) {
      Reflect.deleteProperty(clean, key);
    }
  }
  return clean;
}

function readToken(client: GatewayClient, data: unknown, where: string): SavedCard {
  const card = normalizeSavedCard(isRecord(data) ? data.payment_token : undefined, {
    now: client.now(),
    expiringWithinDays: client.expiringWithinDays,
  });
  if (!card) {
    throw new GatewayError({
      kind: 'invalid-response',
      status: 200,
      message: `${where} returned no payment token`,
    });
  }
  return card;
}

/**
 * `POST …/customers/{uuid}/payment_tokens`: saves a new card. Resolves with the token, whose
 * `state` is `'success'` (saved), `'pending'` (the cardholder must pass 3-D Secure at `verifyUrl`;
 * then `checkPaymentToken`) or `'failed'`. Rejects with a `GatewayError` (declined, invalid, 5xx,
 * network…) whose message never contains the card number or CVC, or with `TypeError` for an expiry
 * that cannot be sent. Only the card's brand, last four digits and expiry come back.
 */
export async function createPaymentToken(
  client: GatewayClient,
  customerUuid: string,
  card: NewCardInput,
  options: CreatePaymentTokenOptions = {},
): Promise<SavedCard> {
  const number = cardDigits(card);
  const data = await client.request({
    method: 'POST',
    path: gatewayPaths.paymentTokens(customerUuid),
    body: createBody(card, number, options),
    signal: options.signal,
  });
  return readCreatedToken(client, data, number);
}

/** The create answer's token, with nothing that contains the number sent (shared with secure data). */
export function readCreatedToken(client: GatewayClient, data: unknown, number: string): SavedCard {
  return withoutNumber(readToken(client, data, 'POST payment token'), number, 'POST payment token');
}

/** The token to check and the 3-D Secure verification it went through (from the create answer). */
export interface CheckPaymentTokenInput {
  token: string;
  /** Leave out for a pending token the gateway gave no verify uuid: the token is checked alone. */
  verifyUuid?: string;
}

/**
 * `POST …/customers/{uuid}/payment_tokens/check`: the token's current state after (or during)
 * 3-D Secure. Poll it until `state` is `'success'` or `'failed'`. The body is
 * `{"payment_token": {"token": "…", "verify_uuid": "…"}}`, without `verify_uuid` when there is none.
 */
export async function checkPaymentToken(
  client: GatewayClient,
  customerUuid: string,
  input: CheckPaymentTokenInput,
  options: CallOptions = {},
): Promise<SavedCard> {
  const data = await client.request({
    method: 'POST',
    path: gatewayPaths.checkPaymentToken(customerUuid),
    body: {
      payment_token:
        input.verifyUuid === undefined
          ? { token: input.token }
          : { token: input.token, verify_uuid: input.verifyUuid },
    },
    signal: options.signal,
  });
  return readToken(client, data, 'POST payment token check');
}
