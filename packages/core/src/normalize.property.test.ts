import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Customer,
  type NormalizeCardContext,
  normalizeCustomer,
  normalizeSavedCard,
  readEnvelope,
  type SavedCard,
} from './index.js';

// Hostile input: anything a broken or malicious gateway (or proxy) could put in a JSON body.

const NUM_RUNS = 300;

const TEST_PANS = [
  '4242424242424242',
  '5555555555554444',
  '378282246310005',
  '6250941006528599',
  '3566002020360505',
  '6011111111111117',
  '36227206271667',
  '4000000000003220',
];

function deeplyNested(depth: number): unknown {
  let value: unknown = '4242424242424242';
  for (let level = 0; level < depth; level += 1) {
    value = level % 2 === 0 ? [value] : { token: value, credit_card: value };
  }
  return value;
}

const HUGE = [
  'a'.repeat(100_000),
  '4'.repeat(100_000),
  `${'4242 '.repeat(20_000)}x`,
  `0000${' '.repeat(50_000)}x`,
  '\u202e'.repeat(50_000),
  `${'\u0000'.repeat(1000)}4242424242424242${'\u0000'.repeat(1000)}`,
];

/** A card number as it might appear in free text: bare, or with spaces/dashes between groups. */
const cardNumber = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...TEST_PANS),
      fc.stringMatching(/^\d{12,19}$/),
      fc.stringMatching(/^\d{20,40}$/),
    ),
    fc.constantFrom('', ' ', '-', '\u0000', '\n', '\u202e', '\t'),
    fc.integer({ min: 2, max: 6 }),
  )
  .map(([digits, separator, size]) =>
    (digits.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(separator),
  );

/** Text with a card number somewhere inside it. */
const textWithCardNumber = fc
  .tuple(fc.string({ maxLength: 40 }), cardNumber, fc.string({ maxLength: 40 }))
  .map(([before, number, after]) => `${before}${number}${after}`);

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'javascript:alert(1)',
    '<script>alert(1)</script>',
    '\u202e\u2066\u0000',
    'NaN',
    '1e400',
    '-0',
  ),
  fc.constantFrom(...HUGE),
  textWithCardNumber,
  fc.stringMatching(/^\s*\d{1,6}\s*$/),
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    4242424242424242,
    2027,
    27,
    12,
    0,
    1e21,
    Number.MAX_VALUE,
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, undefined, true, false, [], {}, deeplyNested(5_000)),
);

const wireCreditCard = fc.record(
  {
    number: hostileValue,
    last4: hostileValue,
    last_four: hostileValue,
    exp_month: hostileValue,
    exp_year: hostileValue,
    holder_name: hostileValue,
    brand: hostileValue,
    billing_currency: hostileValue,
    nickname: hostileValue,
  },
  { requiredKeys: [] },
);

const wireToken = fc.record(
  {
    token_type: hostileValue,
    token: fc.oneof(hostileValue, fc.string({ minLength: 1 })),
    state: hostileValue,
    default: fc.oneof(fc.boolean(), hostileValue),
    verify_url: hostileValue,
    verify_uuid: hostileValue,
    error_code: hostileValue,
    error_msg: hostileValue,
    error_message: hostileValue,
    nickname: hostileValue,
    credit_card: fc.oneof({ weight: 4, arbitrary: wireCreditCard }, hostileValue),
  },
  { requiredKeys: [] },
);

const wireCustomer = fc.record(
  {
    uuid: fc.oneof(hostileValue, fc.string({ minLength: 1 })),
    reference_number: hostileValue,
    name: hostileValue,
    email: hostileValue,
    dial_code: hostileValue,
    phone: hostileValue,
    company_name: hostileValue,
    default_payment_method: hostileValue,
    default_payment_token: fc.oneof(hostileValue, wireToken),
  },
  { requiredKeys: [] },
);

const context: fc.Arbitrary<NormalizeCardContext> = fc.record(
  {
    now: fc.date({ noInvalidDate: false }),
    expiringWithinDays: fc.oneof(fc.integer({ min: 0, max: 366 }), hostileNumber),
    defaultToken: fc.string(),
  },
  { requiredKeys: ['now', 'expiringWithinDays'] },
);

const TYPES = ['card', 'alipay', 'wechatpay', 'unknown'];
const STATES = ['success', 'pending', 'failed', 'unknown'];
const BRANDS = ['visa', 'mastercard', 'amex', 'unionpay', 'jcb', 'discover', 'diners', 'unknown'];
const EXPIRIES = ['valid', 'expiring', 'expired', 'unknown'];
const CARD_KEYS = new Set([
  'token',
  'type',
  'state',
  'isDefault',
  'brand',
  'last4',
  'expMonth',
  'expYear',
  'expiry',
  'holderName',
  'nickname',
  'billingCurrency',
  'verifyUrl',
  'verifyUuid',
  'errorCode',
  'errorMessage',
]);
const CUSTOMER_KEYS = new Set([
  'uuid',
  'referenceNumber',
  'name',
  'email',
  'dialCode',
  'phone',
  'companyName',
  'defaultPaymentMethod',
  'defaultToken',
]);
const CARD_NUMBER_RUN = /\d{12,}/;

function expectText(value: unknown, max: number, { optional = false } = {}) {
  if (optional && value === undefined) {
    return;
  }
  expect(typeof value).toBe('string');
  expect((value as string).length).toBeLessThanOrEqual(max);
}

function expectCardInvariants(card: SavedCard) {
  for (const key of Object.keys(card)) {
    expect(CARD_KEYS.has(key)).toBe(true);
  }
  expectText(card.token, 255);
  expect(card.token.length).toBeGreaterThan(0);
  expect(TYPES).toContain(card.type);
  expect(STATES).toContain(card.state);
  expect(BRANDS).toContain(card.brand);
  expect(EXPIRIES).toContain(card.expiry);
  expect(typeof card.isDefault).toBe('boolean');
  if (card.last4 !== null) {
    expect(card.last4).toMatch(/^\d{4}$/);
  }
  if (card.expMonth !== null) {
    expect(Number.isInteger(card.expMonth)).toBe(true);
    expect(card.expMonth).toBeGreaterThanOrEqual(1);
    expect(card.expMonth).toBeLessThanOrEqual(12);
  }
  if (card.expYear !== null) {
    expect(Number.isInteger(card.expYear)).toBe(true);
    expect(card.expYear).toBeGreaterThanOrEqual(2000);
    expect(card.expYear).toBeLessThanOrEqual(2199);
  }
  if (card.expMonth === null || card.expYear === null) {
    expect(card.expiry).toBe('unknown');
  }
  expectText(card.holderName, 255);
  expectText(card.nickname, 255, { optional: true });
  expectText(card.verifyUuid, 255, { optional: true });
  expectText(card.errorCode, 255, { optional: true });
  expectText(card.errorMessage, 255, { optional: true });
  expectText(card.verifyUrl, 2048, { optional: true });
  if (card.billingCurrency !== undefined) {
    expect(card.billingCurrency).toMatch(/^[A-Z]{3}$/);
  }
  for (const text of [card.holderName, card.nickname, card.errorCode, card.errorMessage]) {
    expect(text ?? '').not.toMatch(CARD_NUMBER_RUN);
  }
}

function expectCustomerInvariants(customer: Customer) {
  for (const key of Object.keys(customer)) {
    expect(CUSTOMER_KEYS.has(key)).toBe(true);
  }
  expectText(customer.uuid, 255);
  expect(customer.uuid.length).toBeGreaterThan(0);
  expectText(customer.referenceNumber, 255);
  expectText(customer.name, 255);
  expectText(customer.phone, 255);
  expectText(customer.email, 255, { optional: true });
  expectText(customer.dialCode, 6, { optional: true });
  expectText(customer.companyName, 255, { optional: true });
  expectText(customer.defaultPaymentMethod, 255, { optional: true });
  expectText(customer.defaultToken, 255, { optional: true });
  expect(customer.name).not.toMatch(CARD_NUMBER_RUN);
  expect(customer.companyName ?? '').not.toMatch(CARD_NUMBER_RUN);
}

describe('normalizeSavedCard on hostile input', () => {
  it('never throws on any value and returns null or a card', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), hostileValue), context, (raw, ctx) => {
        const card = normalizeSavedCard(raw, ctx);
        if (card !== null) {
          expectCardInvariants(card);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('keeps the domain invariants for records shaped like wire tokens', () => {
    fc.assert(
      fc.property(wireToken, context, (raw, ctx) => {
        const card = normalizeSavedCard(raw, ctx);
        if (card !== null) {
          expectCardInvariants(card);
          expect(() => JSON.stringify(card)).not.toThrow();
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('keeps no run of 12+ digits when holder name, nickname, errors and number carry card numbers', () => {
    const cardy = fc.oneof(
      textWithCardNumber,
      cardNumber,
      fc.constantFrom(...TEST_PANS.map(Number)),
    );
    fc.assert(
      fc.property(
        fc.record({
          holder_name: cardy,
          nickname: cardy,
          error_code: cardy,
          error_msg: cardy,
          number: cardy,
          in_card: fc.boolean(),
        }),
        context,
        ({ holder_name, nickname, error_code, error_msg, number, in_card }, ctx) => {
          const raw = {
            token: 'tok-1',
            token_type: 'CreditCard',
            state: 'failed',
            error_code,
            error_msg,
            ...(in_card ? {} : { nickname }),
            credit_card: {
              number,
              holder_name,
              exp_month: '04',
              exp_year: '2027',
              brand: 'Visa',
              ...(in_card ? { nickname } : {}),
            },
          };
          const card = normalizeSavedCard(raw, { ...ctx, defaultToken: undefined });
          expect(card).not.toBeNull();
          expect(JSON.stringify(card)).not.toMatch(CARD_NUMBER_RUN);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('normalizeCustomer on hostile input', () => {
  it('never throws on any value and returns null or a customer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), hostileValue, wireCustomer), (raw) => {
        const customer = normalizeCustomer(raw);
        if (customer !== null) {
          expectCustomerInvariants(customer);
          expect(() => JSON.stringify(customer)).not.toThrow();
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('keeps no card number in the name or company name', () => {
    fc.assert(
      fc.property(textWithCardNumber, textWithCardNumber, (name, company_name) => {
        const customer = normalizeCustomer({ uuid: 'cust-1', name, company_name });
        expect(JSON.stringify(customer)).not.toMatch(CARD_NUMBER_RUN);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('readEnvelope on hostile input', () => {
  const envelopeLike = fc.record(
    {
      code: hostileValue,
      error_code: hostileValue,
      message: hostileValue,
      error_message: hostileValue,
      msg: hostileValue,
      data: hostileValue,
    },
    { requiredKeys: [] },
  );

  it('never throws and always says success or why not', () => {
    const status = fc.constantFrom(200, 201, 400, 401, 500, 502);
    fc.assert(
      fc.property(
        status,
        fc.oneof(fc.anything(), fc.jsonValue(), hostileValue, envelopeLike),
        (code, body) => {
          const envelope = readEnvelope(code, body);
          expect(typeof envelope.ok).toBe('boolean');
          if (!envelope.ok) {
            expect(typeof envelope.message).toBe('string');
            // A gateway failure always names its code; the others never invent one.
            expect(envelope.code === '').toBe(envelope.failure !== 'gateway');
          }
          if (envelope.ok) {
            expect(code >= 200 && code < 300).toBe(true);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
