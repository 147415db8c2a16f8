import { detectBrand } from './card.js';

/**
 * Scenario cards: the mock gateway's create call behaves by the card number, as Stripe's test cards
 * and Braintree's sandbox nonces do. Any other valid number is a frictionless success.
 *
 * - `frictionless`: token `success` at once;
 * - `challenge-approve`: token `pending` with `verify_url` + `verify_uuid`; the challenge's Approve
 *   makes it `success`, Decline `failed`;
 * - `challenge-decline`: as above, but the issuer declines after the challenge: `failed` whichever
 *   button is pressed;
 * - `challenge-abandon`: `pending` for ever: decisions are ignored, so the client's timeout ends it;
 * - `decline-at-create`: HTTP 400 `E300051` "Card declined by the issuer.", nothing stored;
 * - `server-error`: HTTP 500 `E000500`, nothing stored;
 * - `network-error`: no response (`fetch` rejects), nothing stored;
 * - `slow`: answers after `SLOW_CREATE_MS`, then frictionless.
 */
export type ScenarioCardBehaviour =
  | 'frictionless'
  | 'challenge-approve'
  | 'challenge-decline'
  | 'challenge-abandon'
  | 'decline-at-create'
  | 'server-error'
  | 'network-error'
  | 'slow';

export interface ScenarioCard {
  /** Digits only; passes the Luhn check. */
  readonly number: string;
  /** As the mock writes it in `credit_card.brand`. */
  readonly brand: string;
  readonly behaviour: ScenarioCardBehaviour;
  readonly description: string;
}

/** How long a `slow` card's create call takes. */
export const SLOW_CREATE_MS = 3000;

export const SCENARIO_CARDS: readonly ScenarioCard[] = [
  {
    number: '4242424242424242',
    brand: 'Visa',
    behaviour: 'frictionless',
    description: 'Saved at once, no 3-D Secure.',
  },
  {
    number: '5555555555554444',
    brand: 'MasterCard',
    behaviour: 'frictionless',
    description: 'Saved at once, no 3-D Secure.',
  },
  {
    number: '378282246310005',
    brand: 'American Express',
    behaviour: 'frictionless',
    description: 'Saved at once, no 3-D Secure (CVC has 4 digits).',
  },
  {
    number: '6250941006528599',
    brand: 'UnionPay',
    behaviour: 'frictionless',
    description: 'Saved at once, no 3-D Secure.',
  },
  {
    number: '3566002020360505',
    brand: 'JCB',
    behaviour: 'frictionless',
    description: 'Saved at once, no 3-D Secure.',
  },
  {
    number: '6011111111111117',
    brand: 'Discover',
    behaviour: 'frictionless',
    description: 'Saved at once, no 3-D Secure.',
  },
  {
    number: '36227206271667',
    brand: 'Diners Club',
    behaviour: 'frictionless',
    description: 'Saved at once, no 3-D Secure (14 digits).',
  },
  {
    number: '4000000000003220',
    brand: 'Visa',
    behaviour: 'challenge-approve',
    description: 'Pending with a challenge; Approve → success, Decline → failed.',
  },
  {
    number: '4000008400001629',
    brand: 'Visa',
    behaviour: 'challenge-decline',
    description: 'Pending with a challenge; the issuer declines afterwards → failed (E300051).',
  },
  {
    number: '4000000000003063',
    brand: 'Visa',
    behaviour: 'challenge-abandon',
    description: 'Pending with a challenge that never completes; the client times out.',
  },
  {
    number: '4000000000000002',
    brand: 'Visa',
    behaviour: 'decline-at-create',
    description: 'Create fails: HTTP 400, E300051 "Card declined by the issuer."; nothing stored.',
  },
  {
    number: '4000000000000119',
    brand: 'Visa',
    behaviour: 'server-error',
    description: 'Create fails: HTTP 500, E000500; nothing stored.',
  },
  {
    number: '4000000000000101',
    brand: 'Visa',
    behaviour: 'network-error',
    description: 'Create gets no response (network failure); nothing stored.',
  },
  {
    number: '4000000000000077',
    brand: 'Visa',
    behaviour: 'slow',
    description: `Create answers after ${SLOW_CREATE_MS / 1000} s, then saved at once.`,
  },
];

const BY_NUMBER = new Map(SCENARIO_CARDS.map((card) => [card.number, card]));

/** The scenario card with this number (digits only), if it is one. */
export function findScenarioCard(number: string): ScenarioCard | undefined {
  return BY_NUMBER.get(number);
}

function maskedKey(numberOrMasked: string): string {
  return `${numberOrMasked.slice(0, 6)}|${numberOrMasked.length}|${numberOrMasked.slice(-4)}`;
}

const CHALLENGE_BY_MASK = new Map(
  SCENARIO_CARDS.filter((card) => card.behaviour.startsWith('challenge-')).map((card) => [
    maskedKey(card.number),
    card.behaviour,
  ]),
);

/**
 * How a stored (masked) token's challenge ends, read back from its masked number (first six, length,
 * last four identify the scenario card). Other pending tokens, such as the demo seed's, approve.
 */
export function challengeBehaviourOf(maskedNumber: string): ScenarioCardBehaviour {
  return CHALLENGE_BY_MASK.get(maskedKey(maskedNumber)) ?? 'challenge-approve';
}

/** `credit_card.brand` for a new card: Wonder-style names, Discover and Diners Club included. */
export function wireBrandOf(number: string): string {
  const known = findScenarioCard(number)?.brand;
  if (known) return known;
  const brand = detectBrand(number);
  if (brand !== 'Unknown') return brand;
  if (/^(6011|64[4-9]|65)/.test(number)) return 'Discover';
  if (/^(30[0-5]|36|38|39)/.test(number)) return 'Diners Club';
  return 'Unknown';
}

/**
 * How a payment with a saved card ends (issue 16), chosen by the card's number like the add-card
 * scenarios. Every card outside `PAYMENT_SCENARIO_CARDS` (4242 included) is `approve`.
 *
 * - `approve`: transaction `success`, the order `paid`;
 * - `decline`: transaction `failed`, `E300005` "Payment declined by the issuer.", order `unpaid`;
 * - `insufficient-funds`: transaction `failed`, `E300061` "Insufficient funds.";
 * - `challenge-approve`: transaction `pending` with `3ds.redirect_url` (the mock bank's page);
 *   Approve → `success` and `paid`, Decline → `failed` `E300065`;
 * - `challenge-decline`: as above, but the issuer declines after the challenge (`E300005`);
 * - `slow`: answers after `SLOW_PAYMENT_MS`, then approved;
 * - `lost-answer`: charged and recorded (order `paid`), then no answer at all (`fetch` rejects), so
 *   only `orders/check` tells what happened.
 *
 * A card whose expiry has passed fails whatever its number (`E300054`).
 */
export type PaymentCardBehaviour =
  | 'approve'
  | 'decline'
  | 'insufficient-funds'
  | 'challenge-approve'
  | 'challenge-decline'
  | 'slow'
  | 'lost-answer';

export interface PaymentScenarioCard {
  /** Digits only; passes the Luhn check. Saved frictionlessly by the add-card flow. */
  readonly number: string;
  readonly brand: string;
  readonly payment: PaymentCardBehaviour;
  readonly description: string;
}

/** How long a `slow` card's payment takes. */
export const SLOW_PAYMENT_MS = 3000;

export const PAYMENT_SCENARIO_CARDS: readonly PaymentScenarioCard[] = [
  {
    number: '4000000000000341',
    brand: 'Visa',
    payment: 'decline',
    description: 'Saves; every payment is declined (E300005).',
  },
  {
    number: '4000000000009995',
    brand: 'Visa',
    payment: 'insufficient-funds',
    description: 'Saves; every payment fails for insufficient funds (E300061).',
  },
  {
    number: '4000002500003155',
    brand: 'Visa',
    payment: 'challenge-approve',
    description: 'Saves; payments ask for 3-D Secure; Approve → paid, Decline → failed (E300065).',
  },
  {
    number: '4000008260003178',
    brand: 'Visa',
    payment: 'challenge-decline',
    description: 'Saves; payments ask for 3-D Secure, then the issuer declines (E300005).',
  },
  {
    number: '4000000000002594',
    brand: 'Visa',
    payment: 'slow',
    description: `Saves; payments answer after ${SLOW_PAYMENT_MS / 1000} s, approved.`,
  },
  {
    number: '4000000000006280',
    brand: 'Visa',
    payment: 'lost-answer',
    description: 'Saves; a payment is charged, then its answer is lost (network failure).',
  },
];

const PAYMENT_BY_MASK = new Map(
  PAYMENT_SCENARIO_CARDS.map((card) => [maskedKey(card.number), card.payment]),
);

/** How a payment with a stored (masked) token ends, read back from its masked number. */
export function paymentBehaviourOf(maskedNumber: string): PaymentCardBehaviour {
  return PAYMENT_BY_MASK.get(maskedKey(maskedNumber)) ?? 'approve';
}
