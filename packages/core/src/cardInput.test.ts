import { describe, expect, it } from 'vitest';
import {
  type CardBrand,
  type CardFormValues,
  cvcLengths,
  detectCardBrand,
  formatCardNumber,
  formatExpiryInput,
  maxCardNumberLength,
  parseExpiryInput,
  SUPPORTED_CARD_BRANDS,
  validateCardForm,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  validateHolderName,
} from './index.js';

// Published test numbers (Stripe, Braintree, Adyen, card networks' own test ranges).
const VALID_CARDS: Array<[CardBrand, string]> = [
  ['visa', '4242424242424242'],
  ['visa', '4111111111111111'],
  ['visa', '4000056655665556'],
  ['visa', '4000000000003220'],
  ['mastercard', '5555555555554444'],
  ['mastercard', '5105105105105100'],
  ['mastercard', '2223003122003222'],
  ['amex', '378282246310005'],
  ['amex', '371449635398431'],
  ['unionpay', '6250941006528599'],
  ['unionpay', '6200000000000005'],
  ['unionpay', '6205500000000000004'],
  ['jcb', '3566002020360505'],
  ['jcb', '3530111333300000'],
  ['discover', '6011111111111117'],
  ['discover', '6011000990139424'],
  ['diners', '36227206271667'],
  ['diners', '30569309025904'],
  ['diners', '38520000023237'],
];

describe('validateCardNumber: real test numbers of each brand', () => {
  it.each(VALID_CARDS)('%s %s is valid', (brand, number) => {
    expect(validateCardNumber(number)).toEqual({ valid: true, brand });
  });

  it('covers every supported brand', () => {
    expect(new Set(VALID_CARDS.map(([brand]) => brand))).toEqual(new Set(SUPPORTED_CARD_BRANDS));
  });

  it.each(VALID_CARDS)('%s %s is valid with spaces and dashes too', (brand, number) => {
    expect(validateCardNumber(formatCardNumber(number))).toEqual({ valid: true, brand });
    expect(validateCardNumber(` ${number.replace(/(\d{4})/g, '$1-')} `)).toMatchObject({
      brand,
    });
  });
});

describe('validateCardNumber: errors are codes', () => {
  it.each([
    ['wrong Luhn (Visa)', '4242424242424241', 'luhn', 'visa'],
    ['wrong Luhn (Mastercard)', '5555555555554445', 'luhn', 'mastercard'],
    ['wrong Luhn (Amex)', '378282246310006', 'luhn', 'amex'],
    ['wrong Luhn (JCB)', '3566002020360506', 'luhn', 'jcb'],
    ['wrong Luhn (Discover)', '6011111111111118', 'luhn', 'discover'],
    ['wrong Luhn (Diners)', '36227206271668', 'luhn', 'diners'],
    ['Visa with 15 digits', '424242424242424', 'incomplete', 'visa'],
    ['Visa with 17 digits', '42424242424242424', 'incomplete', 'visa'],
    ['Visa with 20 digits', '42424242424242424242', 'too-long', 'visa'],
    ['Amex with 16 digits', '3782822463100051', 'too-long', 'amex'],
    ['Mastercard with 17 digits', '55555555555544440', 'too-long', 'mastercard'],
    ['Amex with 14 digits', '37828224631000', 'incomplete', 'amex'],
    ['a first digit only', '4', 'incomplete', 'visa'],
    ['an ambiguous start', '3', 'incomplete', 'unknown'],
    ['empty', '', 'required', 'unknown'],
    ['spaces only', '   ', 'required', 'unknown'],
    ['letters', '4242 4242 abcd 4242', 'invalid', 'unknown'],
    ['no network starts like this', '1234567812345678', 'invalid', 'unknown'],
    ['Maestro (not taken)', '6759649826438453', 'unsupported-brand', 'unknown'],
    ['Mir (not taken)', '2200000000000004', 'unsupported-brand', 'unknown'],
  ] as const)('%s → %s', (_label, number, error, brand) => {
    expect(validateCardNumber(number)).toEqual({ valid: false, brand, error });
  });

  it('UnionPay is not Luhn-checked (some UnionPay cards do not use the check digit)', () => {
    expect(validateCardNumber('6250941006528590')).toEqual({ valid: true, brand: 'unionpay' });
  });

  it('refuses brands the merchant does not take, as soon as the brand is known', () => {
    const brands = ['visa', 'mastercard'] as const;
    expect(validateCardNumber('378282246310005', { brands })).toEqual({
      valid: false,
      brand: 'amex',
      error: 'unsupported-brand',
    });
    expect(validateCardNumber('37', { brands })).toMatchObject({ error: 'unsupported-brand' });
    expect(validateCardNumber('4242424242424242', { brands })).toEqual({
      valid: true,
      brand: 'visa',
    });
  });

  it('never puts the number in its result', () => {
    for (const number of ['4242424242424241', '42424242424242424242', '4242424242424242']) {
      expect(JSON.stringify(validateCardNumber(number))).not.toContain(number.slice(0, 12));
    }
  });

  it('does not throw on values that are not strings', () => {
    expect(validateCardNumber(undefined as unknown as string)).toMatchObject({ error: 'required' });
    expect(validateCardNumber(4242 as unknown as string)).toMatchObject({ error: 'required' });
  });
});

describe('detectCardBrand as you type', () => {
  it.each([
    ['4', 'visa'],
    ['42', 'visa'],
    ['5', 'mastercard'],
    ['51', 'mastercard'],
    ['2221', 'mastercard'],
    ['22', 'mastercard'],
    ['34', 'amex'],
    ['37', 'amex'],
    ['62', 'unionpay'],
    ['35', 'jcb'],
    ['6011', 'discover'],
    ['65', 'discover'],
    ['36', 'diners'],
    ['300', 'diners'],
    ['3', 'unknown'],
    ['6', 'unknown'],
    ['', 'unknown'],
    ['9', 'unknown'],
    ['x', 'unknown'],
    ['4242 4242', 'visa'],
    ['3782-822463', 'amex'],
  ] as const)('%j → %s', (typed, brand) => {
    expect(detectCardBrand(typed)).toBe(brand);
  });
});

describe('formatCardNumber as you type', () => {
  it.each([
    ['', ''],
    ['4', '4'],
    ['4242', '4242'],
    ['42424', '4242 4'],
    ['424242424242', '4242 4242 4242'],
    ['4242424242424242', '4242 4242 4242 4242'],
    ['4242424242424242123', '4242 4242 4242 4242 123'],
    ['42424242424242421234', '4242 4242 4242 4242 123'],
    ['37828', '3782 8'],
    ['3782822463', '3782 822463'],
    ['378282246310005', '3782 822463 10005'],
    ['3782822463100059999', '3782 822463 10005'],
    ['36227206271667', '3622 720627 1667'],
    ['55555555555544449', '5555 5555 5555 4444'],
    ['6250941006528599', '6250 9410 0652 8599'],
    ['4242-4242 42a42', '4242 4242 4242'],
    ['  4242  ', '4242'],
  ])('%j → %j', (typed, formatted) => {
    expect(formatCardNumber(typed)).toBe(formatted);
  });

  it('is stable: formatting a formatted number changes nothing', () => {
    for (const [, number] of VALID_CARDS) {
      const once = formatCardNumber(number);
      expect(formatCardNumber(once)).toBe(once);
    }
  });

  it('knows the longest number per brand', () => {
    expect(maxCardNumberLength('amex')).toBe(15);
    expect(maxCardNumberLength('mastercard')).toBe(16);
    expect(maxCardNumberLength('visa')).toBe(19);
    expect(maxCardNumberLength('unknown')).toBe(19);
  });
});

describe('validateExpiry', () => {
  const now = new Date('2026-05-15T12:00:00Z');

  it.each([
    ['05', '26', 5, 2026],
    ['5', '2026', 5, 2026],
    ['12', '26', 12, 2026],
    ['01', '27', 1, 2027],
    ['04', '2046', 4, 2046],
  ])('%s/%s is valid', (month, year, m, y) => {
    expect(validateExpiry(month, year, now)).toEqual({ valid: true, month: m, year: y });
  });

  it.each([
    ['04', '26', 'expired'],
    ['12', '2025', 'expired'],
    ['01', '20', 'expired'],
    ['', '27', 'required'],
    ['04', '', 'required'],
    ['13', '27', 'invalid'],
    ['00', '27', 'invalid'],
    ['ab', '27', 'invalid'],
    ['04', '2x', 'invalid'],
    ['004', '27', 'invalid'],
    ['04', '20270', 'invalid'],
    ['04', '2', 'incomplete'],
    ['04', '202', 'incomplete'],
    ['04', '2047', 'invalid'],
    ['04', '1999', 'invalid'],
  ])('%s/%s → %s', (month, year, error) => {
    expect(validateExpiry(month, year, now)).toMatchObject({ valid: false, error });
  });

  it('a card is good through the last day of its month (UTC)', () => {
    expect(validateExpiry('05', '26', new Date('2026-05-31T23:59:59Z')).valid).toBe(true);
    expect(validateExpiry('05', '26', new Date('2026-06-01T00:00:00Z'))).toMatchObject({
      error: 'expired',
    });
  });

  it('uses the current date by default', () => {
    expect(validateExpiry('01', '2000').error).toBe('expired');
    expect(validateExpiry('12', String(new Date().getUTCFullYear() + 5)).valid).toBe(true);
  });
});

describe('MM/YY input helpers', () => {
  it.each([
    ['04/27', { month: '04', year: '27' }],
    ['04 / 2027', { month: '04', year: '2027' }],
    ['4/27', { month: '4', year: '27' }],
    ['0427', { month: '04', year: '27' }],
    ['042027', { month: '04', year: '2027' }],
    ['04-27', { month: '04', year: '27' }],
    ['04', { month: '04', year: '' }],
    ['', { month: '', year: '' }],
  ])('parseExpiryInput(%j)', (input, parsed) => {
    expect(parseExpiryInput(input)).toEqual(parsed);
  });

  it.each([
    ['', ''],
    ['0', '0'],
    ['1', '1'],
    ['4', '04'],
    ['12', '12'],
    ['042', '04/2'],
    ['0427', '04/27'],
    ['04/27', '04/27'],
    ['042027', '04/2027'],
    ['0420271', '04/2027'],
    ['4 / 27', '04/27'],
  ])('formatExpiryInput(%j) → %j', (typed, formatted) => {
    expect(formatExpiryInput(typed)).toBe(formatted);
  });
});

describe('validateCvc per brand', () => {
  it.each([
    ['123', 'visa'],
    ['123', 'mastercard'],
    ['1234', 'amex'],
    ['123', 'unionpay'],
    ['123', 'jcb'],
    ['123', 'discover'],
    ['123', 'diners'],
    ['123', 'unknown'],
    ['1234', 'unknown'],
  ] as const)('%s for %s is valid', (cvc, brand) => {
    expect(validateCvc(cvc, brand)).toEqual({ valid: true });
  });

  it.each([
    ['', 'visa', 'required'],
    ['12', 'visa', 'incomplete'],
    ['1234', 'visa', 'too-long'],
    ['123', 'amex', 'incomplete'],
    ['12345', 'amex', 'too-long'],
    ['12a', 'visa', 'invalid'],
    ['12345', 'unknown', 'too-long'],
  ] as const)('%j for %s → %s', (cvc, brand, error) => {
    expect(validateCvc(cvc, brand)).toEqual({ valid: false, error });
  });

  it('takes the sizes from card-validator', () => {
    expect(cvcLengths('amex')).toEqual([4]);
    expect(cvcLengths('visa')).toEqual([3]);
    expect(cvcLengths('unknown')).toEqual([3, 4]);
  });
});

describe('validateHolderName', () => {
  it.each(['Tai Man Chan', '陳大文', ' Chan Tai Man ', "O'Brien-Smith", 'a', 'x'.repeat(255)])(
    '%j is valid',
    (name) => {
      expect(validateHolderName(name)).toEqual({ valid: true });
    },
  );

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['x'.repeat(256), 'too-long'],
    ['4242 4242 4242 4242', 'invalid'],
    ['12345', 'invalid'],
  ])('%j → %s', (name, error) => {
    expect(validateHolderName(name)).toEqual({ valid: false, error });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateHolderName('😀'.repeat(255))).toEqual({ valid: true });
  });
});

describe('validateCardForm', () => {
  const now = new Date('2026-05-15T12:00:00Z');
  const good: CardFormValues = {
    number: '4242 4242 4242 4242',
    expiry: '04/30',
    cvc: '123',
    holderName: 'Tai Man Chan',
  };

  it('accepts a good form', () => {
    expect(validateCardForm(good, { now })).toEqual({ valid: true, brand: 'visa', errors: {} });
  });

  it('reports one code per bad field', () => {
    expect(
      validateCardForm(
        {
          number: '4242424242424241',
          expiry: '04/26',
          cvc: '12',
          holderName: ' ',
          nickname: 'n'.repeat(256),
        },
        { now },
      ),
    ).toEqual({
      valid: false,
      brand: 'visa',
      errors: {
        number: 'luhn',
        expiry: 'expired',
        cvc: 'incomplete',
        holderName: 'required',
        nickname: 'too-long',
      },
    });
  });

  it('checks the CVC against the detected brand', () => {
    const amex = { ...good, number: '3782 822463 10005' };
    expect(validateCardForm(amex, { now }).errors).toEqual({ cvc: 'incomplete' });
    expect(validateCardForm({ ...amex, cvc: '1234' }, { now })).toMatchObject({ valid: true });
  });

  it('an empty form is all required', () => {
    expect(
      validateCardForm({ number: '', expiry: '', cvc: '', holderName: '' }, { now }).errors,
    ).toEqual({ number: 'required', expiry: 'required', cvc: 'required', holderName: 'required' });
  });

  it('passes the accepted brands on', () => {
    expect(validateCardForm(good, { now, brands: ['amex'] }).errors).toEqual({
      number: 'unsupported-brand',
    });
  });

  it('never contains the number or the CVC', () => {
    const values = { ...good, number: '4242424242424241', cvc: '9876' };
    const text = JSON.stringify(validateCardForm(values, { now }));
    expect(text).not.toContain('424242424242');
    expect(text).not.toContain('9876');
  });
});
