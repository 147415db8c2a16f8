import { describe, expect, it } from 'vitest';
import {
  type NormalizeCardContext,
  normalizeBrand,
  normalizeCustomer,
  normalizeExpMonth,
  normalizeExpYear,
  normalizeSavedCard,
  normalizeTokenState,
  normalizeTokenType,
  readLast4,
} from './index.js';
import { truncateText } from './normalize.js';

const context: NormalizeCardContext = {
  now: new Date('2026-05-15T12:00:00Z'),
  expiringWithinDays: 60,
};

/** A token as a newer gateway response sends it (GATEWAY.md §6). */
function wireToken(overrides: Record<string, unknown> = {}, card: Record<string, unknown> = {}) {
  return {
    token_type: 'CreditCard',
    token: 'tok-1',
    state: 'success',
    default: true,
    verify_url: null,
    verify_uuid: null,
    error_code: '',
    error_msg: '',
    credit_card: {
      number: '424242******4242',
      exp_month: '04',
      exp_year: '2028',
      holder_name: 'Tai Man Chan',
      brand: 'Visa',
      billing_currency: 'HKD',
      ...card,
    },
    ...overrides,
  };
}

describe('normalizeBrand', () => {
  it.each([
    ['Visa', 'visa'],
    ['VISA', 'visa'],
    ['visa', 'visa'],
    ['MasterCard', 'mastercard'],
    ['Mastercard', 'mastercard'],
    ['MASTER', 'mastercard'],
    ['American Express', 'amex'],
    ['AMEX', 'amex'],
    ['UnionPay', 'unionpay'],
    ['China UnionPay', 'unionpay'],
    ['JCB', 'jcb'],
    ['Discover', 'discover'],
    ['Diners Club', 'diners'],
    ['Diners Club International', 'diners'],
    [' visa ', 'visa'],
    ['Maestro', 'unknown'],
    ['Unknown', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
    [undefined, 'unknown'],
    [4, 'unknown'],
    [{ name: 'Visa' }, 'unknown'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeBrand(input)).toBe(expected);
  });

  it.each(['constructor', 'Constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'the Object.prototype name %j is unknown, not an inherited property',
    (input) => {
      expect(normalizeBrand(input)).toBe('unknown');
    },
  );
});

describe('normalizeTokenType', () => {
  it.each([
    ['CreditCard', 'card'],
    ['Alipay', 'alipay'],
    ['Wechatpay', 'wechatpay'],
    ['AlipayAutoDebit', 'alipay'],
    ['WechatPayAutoDebit', 'wechatpay'],
    ['credit_card', 'card'],
    ['PayPal', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
    [1, 'unknown'],
    ['constructor', 'unknown'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeTokenType(input)).toBe(expected);
  });
});

describe('normalizeTokenState', () => {
  it.each([
    ['success', 'success'],
    ['SUCCESS', 'success'],
    [' pending ', 'pending'],
    ['failed', 'failed'],
    ['succeeded', 'unknown'],
    ['processing', 'unknown'],
    ['constructor', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
    [1, 'unknown'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeTokenState(input)).toBe(expected);
  });
});

describe('readLast4', () => {
  it.each([
    ['424242******4242', '4242'],
    ['378282*****0005', '0005'],
    ['**** **** **** 1111', '1111'],
    ['4242 ', '4242'],
    ['4242********', null],
    ['4242424242424242', '4242'],
    ['4242 4242 4242 4242', '4242'],
    ['123', null],
    ['', null],
    ['****', null],
    [4242, '4242'],
    [null, null],
    [undefined, null],
    [{ last4: '4242' }, null],
  ])('%j → %j', (input, expected) => {
    expect(readLast4(input)).toBe(expected);
  });

  it('keeps only the last four digits of a full card number', () => {
    const last4 = readLast4('5555555555554444');
    expect(last4).toBe('4444');
    expect(last4).toHaveLength(4);
  });
});

describe('normalizeExpYear', () => {
  it.each([
    [27, 2027],
    [2027, 2027],
    ['27', 2027],
    ['2027', 2027],
    [' 2027 ', 2027],
    ['07', 2007],
    ['2199', 2199],
    ['2200', null],
    ['1999', null],
    ['garbage', null],
    ['20x7', null],
    ['', null],
    ['12345', null],
    [27.5, null],
    [-27, null],
    [Number.NaN, null],
    [null, null],
    [undefined, null],
    [{}, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeExpYear(input)).toBe(expected);
  });
});

describe('normalizeExpMonth', () => {
  it.each([
    ['04', 4],
    ['4', 4],
    [4, 4],
    ['12', 12],
    ['1', 1],
    ['0', null],
    ['00', null],
    ['13', null],
    ['April', null],
    ['4.0', null],
    [4.5, null],
    ['', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeExpMonth(input)).toBe(expected);
  });
});

describe('normalizeSavedCard', () => {
  it('maps a full wire token', () => {
    expect(
      normalizeSavedCard(
        wireToken({
          state: 'pending',
          verify_url: 'https://3ds.example.com/challenge/abc?x=1',
          verify_uuid: 'v-1',
        }),
        context,
      ),
    ).toEqual({
      token: 'tok-1',
      type: 'card',
      state: 'pending',
      isDefault: true,
      brand: 'visa',
      last4: '4242',
      expMonth: 4,
      expYear: 2028,
      expiry: 'valid',
      holderName: 'Tai Man Chan',
      billingCurrency: 'HKD',
      verifyUrl: 'https://3ds.example.com/challenge/abc?x=1',
      verifyUuid: 'v-1',
    });
  });

  it('keeps only the last four digits when the gateway sends a full number', () => {
    const card = normalizeSavedCard(wireToken({}, { number: '4242424242424242' }), context);
    expect(card?.last4).toBe('4242');
    expect(JSON.stringify(card)).not.toContain('4242424242424242');
  });

  it('reads two-digit years and computes the expiry status', () => {
    expect(
      normalizeSavedCard(wireToken({}, { exp_month: '05', exp_year: '26' }), context),
    ).toMatchObject({ expMonth: 5, expYear: 2026, expiry: 'expiring' });
    expect(
      normalizeSavedCard(wireToken({}, { exp_month: '02', exp_year: 26 }), context),
    ).toMatchObject({ expMonth: 2, expYear: 2026, expiry: 'expired' });
    expect(
      normalizeSavedCard(wireToken({}, { exp_month: 'xx', exp_year: 'garbage' }), context),
    ).toMatchObject({ expMonth: null, expYear: null, expiry: 'unknown' });
  });

  it.each([
    ['CreditCard', 'card'],
    ['Alipay', 'alipay'],
    ['Wechatpay', 'wechatpay'],
    ['AlipayAutoDebit', 'alipay'],
    ['WechatPayAutoDebit', 'wechatpay'],
    ['ApplePay', 'unknown'],
  ])('token_type %s → type %s', (tokenType, expected) => {
    expect(normalizeSavedCard(wireToken({ token_type: tokenType }), context)?.type).toBe(expected);
  });

  it('infers a card when token_type is absent but credit_card is there', () => {
    const { token_type: _omitted, ...raw } = wireToken();
    expect(normalizeSavedCard(raw, context)?.type).toBe('card');
    expect(normalizeSavedCard({ token: 't' }, context)?.type).toBe('unknown');
  });

  it.each(['succeeded', 'PROCESSING', 'cancelled', 42])('state %j → unknown', (state) => {
    expect(normalizeSavedCard(wireToken({ state }), context)?.state).toBe('unknown');
  });

  describe('isDefault', () => {
    it('follows the default flag when present, even against the customer default', () => {
      expect(
        normalizeSavedCard(wireToken({ default: true }), { ...context, defaultToken: 'other' })
          ?.isDefault,
      ).toBe(true);
      expect(
        normalizeSavedCard(wireToken({ default: false }), { ...context, defaultToken: 'tok-1' })
          ?.isDefault,
      ).toBe(false);
    });

    it("without a flag, compares with the customer's default token", () => {
      const { default: _omitted, ...raw } = wireToken();
      expect(normalizeSavedCard(raw, { ...context, defaultToken: 'tok-1' })?.isDefault).toBe(true);
      expect(normalizeSavedCard(raw, { ...context, defaultToken: 'tok-2' })?.isDefault).toBe(false);
      expect(normalizeSavedCard(raw, context)?.isDefault).toBe(false);
    });

    it('a non-boolean flag is ignored', () => {
      expect(
        normalizeSavedCard(wireToken({ default: 'true' }), { ...context, defaultToken: 'other' })
          ?.isDefault,
      ).toBe(false);
      expect(
        normalizeSavedCard(wireToken({ default: 1 }), { ...context, defaultToken: 'tok-1' })
          ?.isDefault,
      ).toBe(true);
    });
  });

  it('fills missing fields with nulls and unknowns, adds no optional keys', () => {
    const card = normalizeSavedCard({ token: 'tok-9' }, context);
    expect(card).toEqual({
      token: 'tok-9',
      type: 'unknown',
      state: 'unknown',
      isDefault: false,
      brand: 'unknown',
      last4: null,
      expMonth: null,
      expYear: null,
      expiry: 'unknown',
      holderName: '',
    });
    expect(Object.keys(card ?? {})).not.toContain('verifyUrl');
  });

  it('treats empty strings from the gateway as absent', () => {
    const card = normalizeSavedCard(
      wireToken({ verify_url: '', verify_uuid: '  ', error_code: '', error_msg: '' }),
      context,
    );
    expect(card).not.toHaveProperty('verifyUrl');
    expect(card).not.toHaveProperty('verifyUuid');
    expect(card).not.toHaveProperty('errorCode');
    expect(card).not.toHaveProperty('errorMessage');
  });

  it.each([
    ['no token', { state: 'success' }],
    ['an empty token', { token: '' }],
    ['a blank token', { token: '  \u0000 ' }],
    ['a token that is an object', { token: { id: 'x' } }],
    ['null', null],
    ['an array', [wireToken()]],
    ['a string', 'tok-1'],
  ])('returns null for %s', (_label, raw) => {
    expect(normalizeSavedCard(raw, context)).toBeNull();
  });

  it('strips control and bidi characters from the holder name', () => {
    const card = normalizeSavedCard(
      wireToken({}, { holder_name: '\u202eTai\u0000 Man\u2066 Chan\u007f\u0085\u2069' }),
      context,
    );
    expect(card?.holderName).toBe('Tai Man Chan');
  });

  it('keeps markup in a holder name as plain text (rendering it as text is the UI’s job)', () => {
    const card = normalizeSavedCard(
      wireToken({}, { holder_name: '<script>alert(1)</script>' }),
      context,
    );
    expect(card?.holderName).toBe('<script>alert(1)</script>');
  });

  it('redacts card numbers from holder name, nickname and error message', () => {
    const card = normalizeSavedCard(
      wireToken(
        {
          nickname: 'my 5555 5555 5555 4444',
          error_code: 'E1',
          error_msg: 'Card 4000000000003220 declined, cvv: 123',
        },
        { holder_name: 'Tai Man 4242424242424242' },
      ),
      context,
    );
    expect(card).toMatchObject({
      holderName: 'Tai Man [redacted]',
      nickname: 'my [redacted]',
      errorCode: 'E1',
      errorMessage: 'Card [redacted] declined, cvv: [redacted]',
    });
  });

  it('reads the nickname from the token or from credit_card, and error_message as a fallback', () => {
    expect(normalizeSavedCard(wireToken({}, { nickname: 'Work' }), context)?.nickname).toBe('Work');
    const { error_msg: _omitted, ...raw } = wireToken({ error_message: 'Declined' });
    expect(normalizeSavedCard(raw, context)?.errorMessage).toBe('Declined');
  });

  it('keeps verify_url exactly as given (it is checked before opening, not here)', () => {
    const url = 'https://3ds.example.com/c/abc?return=https%3A%2F%2Fshop.example%2F&lang=zh-HK';
    expect(normalizeSavedCard(wireToken({ verify_url: url }), context)?.verifyUrl).toBe(url);
    expect(
      normalizeSavedCard(wireToken({ verify_url: 'javascript:alert(1)' }), context)?.verifyUrl,
    ).toBe('javascript:alert(1)');
  });

  it('upper-cases a three-letter billing currency and drops anything else', () => {
    expect(
      normalizeSavedCard(wireToken({}, { billing_currency: 'hkd' }), context)?.billingCurrency,
    ).toBe('HKD');
    expect(
      normalizeSavedCard(wireToken({}, { billing_currency: 'HK$' }), context),
    ).not.toHaveProperty('billingCurrency');
  });

  it('truncates long text to 255 characters', () => {
    const card = normalizeSavedCard(wireToken({}, { holder_name: 'a'.repeat(1000) }), context);
    expect(card?.holderName).toHaveLength(255);
  });

  it('reads last4 from last4 / last_four when there is no number', () => {
    expect(
      normalizeSavedCard(wireToken({}, { number: undefined, last4: '1111' }), context)?.last4,
    ).toBe('1111');
    expect(
      normalizeSavedCard(wireToken({}, { number: undefined, last_four: 9999 }), context)?.last4,
    ).toBe('9999');
  });
});

describe('normalizeCustomer', () => {
  const wireCustomer = {
    uuid: 'cust-1',
    reference_number: 'ref-1',
    name: 'Tai Man Chan',
    email: 'taiman@example.com',
    dial_code: '+852',
    phone: '91234567',
    company_name: 'Chan Trading Ltd',
    default_payment_method: 'Credit Card',
    default_payment_token: wireToken({ token: 'tok-default' }),
  };

  it('maps a customer whose default_payment_token is a token object', () => {
    expect(normalizeCustomer(wireCustomer)).toEqual({
      uuid: 'cust-1',
      referenceNumber: 'ref-1',
      name: 'Tai Man Chan',
      email: 'taiman@example.com',
      dialCode: '+852',
      phone: '91234567',
      companyName: 'Chan Trading Ltd',
      defaultPaymentMethod: 'Credit Card',
      defaultToken: 'tok-default',
    });
  });

  it('reads default_payment_token given as a string', () => {
    expect(
      normalizeCustomer({ ...wireCustomer, default_payment_token: 'tok-string' })?.defaultToken,
    ).toBe('tok-string');
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['an empty string', ''],
    ['an object without token', { state: 'success' }],
  ])('has no defaultToken when default_payment_token is %s', (_label, value) => {
    const customer = normalizeCustomer({ ...wireCustomer, default_payment_token: value });
    expect(customer).not.toBeNull();
    expect(customer).not.toHaveProperty('defaultToken');
  });

  it('keeps default_payment_method opaque', () => {
    expect(
      normalizeCustomer({ ...wireCustomer, default_payment_method: 'wechat_pay' })
        ?.defaultPaymentMethod,
    ).toBe('wechat_pay');
  });

  it('fills required strings with "" and leaves optional ones out', () => {
    expect(normalizeCustomer({ uuid: 'cust-2', email: '', company_name: '' })).toEqual({
      uuid: 'cust-2',
      referenceNumber: '',
      name: '',
      phone: '',
    });
  });

  it('limits dial_code to 6 characters', () => {
    expect(normalizeCustomer({ ...wireCustomer, dial_code: '+8521234567' })?.dialCode).toBe(
      '+85212',
    );
  });

  it('limits text sent as a number too', () => {
    expect(normalizeCustomer({ ...wireCustomer, dial_code: 85212345678 })?.dialCode).toBe('852123');
    expect(normalizeCustomer({ ...wireCustomer, dial_code: -5e-324 })?.dialCode).toHaveLength(6);
  });

  it('strips control characters and card numbers from the name', () => {
    expect(
      normalizeCustomer({ ...wireCustomer, name: 'Tai\u202e Man 4242 4242 4242 4242' })?.name,
    ).toBe('Tai Man [redacted]');
  });

  it.each([
    ['missing uuid', { name: 'x' }],
    ['empty uuid', { uuid: '' }],
    ['uuid that is an object', { uuid: {} }],
    ['null', null],
    ['an array', [wireCustomer]],
    ['a string', 'cust-1'],
  ])('returns null for %s', (_label, raw) => {
    expect(normalizeCustomer(raw)).toBeNull();
  });
});

describe('normalizeSavedCard: error text fallback', () => {
  it('uses error_message when error_msg is present but empty', () => {
    const card = normalizeSavedCard(
      wireToken({ state: 'failed', error_msg: '', error_message: 'Card declined by the issuer.' }),
      context,
    );
    expect(card?.errorMessage).toBe('Card declined by the issuer.');
  });
});

describe('display text: direction marks and graphemes (hostile names)', () => {
  const context = { now: new Date('2026-01-01T00:00:00Z'), expiringWithinDays: 60 };
  const token = (card: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    normalizeSavedCard({ token: 't-1', state: 'success', credit_card: card, ...extra }, context);

  it('drops a nickname that is only a direction mark, and strips marks from names', () => {
    expect(token({ number: '4242' }, { nickname: '\u200f' })?.nickname).toBeUndefined();
    expect(token({ holder_name: '\u200fTai Man\u200e' })?.holderName).toBe('Tai Man');
  });

  it('cuts a long name at 255 characters without splitting an emoji', () => {
    const name = `${'a'.repeat(254)}👩‍👩‍👧‍👦 tail`;
    const holder = token({ holder_name: name })?.holderName ?? '';
    expect(holder.length).toBeLessThanOrEqual(255);
    expect(holder).toBe('a'.repeat(254));
    expect(truncateText('ab😀cd', 3)).toBe('ab');
  });
});
