import {
  type CardBrand,
  type CardFieldError,
  type CardFormField,
  cardBrandName,
  GatewayError,
  type RemovalRefusal,
  type SavedCard,
  type TokenFailureReason,
} from '@savedcards/core';
import { describe, expect, it } from 'vitest';
import {
  composeMessages,
  enLocale,
  enMessages,
  type SavedCardsLocale,
  type SavedCardsMessages,
  zhCNLocale,
  zhCNMessages,
  zhHKLocale,
  zhHKMessages,
} from '../index.js';

const BRANDS: CardBrand[] = [
  'visa',
  'mastercard',
  'amex',
  'unionpay',
  'jcb',
  'discover',
  'diners',
  'unknown',
];
const FIELDS: CardFormField[] = ['number', 'expiry', 'cvc', 'holderName', 'nickname'];
const FIELD_ERRORS: CardFieldError[] = [
  'required',
  'invalid',
  'incomplete',
  'too-long',
  'luhn',
  'unsupported-brand',
  'expired',
];
const REFUSALS: RemovalRefusal[] = ['default', 'last-card', 'in-use'];
const ADD_FAILURES: TokenFailureReason[] = [
  'declined',
  'verification_failed',
  'create_error',
  'check_error',
  'unsafe_verify_url',
];
const ERRORS: unknown[] = [
  undefined,
  new Error('boom'),
  new GatewayError({ kind: 'network', message: 'offline' }),
  new GatewayError({ kind: 'timeout', message: 'slow' }),
  new GatewayError({ kind: 'gateway', message: 'declined', status: 402 }),
  new GatewayError({ kind: 'gateway', message: 'down', status: 503 }),
];

const card = (overrides: Partial<SavedCard> = {}): SavedCard => ({
  token: 'tok_1',
  type: 'card',
  state: 'success',
  isDefault: true,
  brand: 'visa',
  last4: '4242',
  expMonth: 4,
  expYear: 2027,
  expiry: 'valid',
  holderName: 'Tai Man Chan',
  ...overrides,
});

const locales: [string, SavedCardsMessages][] = [
  ['en', enMessages],
  ['zh-HK', zhHKMessages],
  ['zh-CN', zhCNMessages],
];

/** Every string a message set can produce, calling each function message with every input. */
function everyString(messages: SavedCardsMessages): string[] {
  const out: string[] = [];
  const cards = BRANDS.flatMap((brand) => [
    card({ brand }),
    card({ brand, isDefault: false, expiry: 'expired', expYear: 2020 }),
    card({ brand, last4: null, expMonth: null, expYear: null }),
  ]);
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') {
      if (key !== 'locale') {
        out.push(value);
      }
    }
  }
  for (const error of ERRORS) {
    out.push(messages.loadError(error));
    for (const reason of ADD_FAILURES) {
      out.push(messages.addFailed(reason, error));
    }
  }
  out.push(messages.errorReference('req_123'));
  for (const brand of BRANDS) {
    out.push(messages.brandName(brand));
  }
  for (const c of cards) {
    out.push(
      messages.cardName(c),
      messages.cardLabel(c),
      messages.makeDefaultLabel(c),
      messages.removeLabel(c),
      messages.removeTitle(c),
      messages.removeDescription(c),
      messages.removeRefusedTitle(c),
      messages.defaultChanged(c),
      messages.removed(c),
      messages.cardAdded(c),
      messages.duplicateWarning(c, '04/27'),
      ...ERRORS.flatMap((error) => [
        messages.setDefaultFailed(c, error),
        messages.removeFailed(c, error),
      ]),
    );
  }
  out.push(messages.maskedNumber(card()), messages.expires('04/27'), messages.expired('04/20'));
  for (const reason of REFUSALS) {
    out.push(messages.removeRefused(reason));
  }
  for (const field of FIELDS) {
    out.push(messages.fieldLabel(field));
    for (const error of FIELD_ERRORS) {
      out.push(messages.fieldError(field, error));
    }
  }
  return out;
}

describe.each(locales)('%s messages', (locale, messages) => {
  it('has every key of SavedCardsMessages, and no other', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(enMessages).sort());
    expect(messages.locale).toBe(locale);
  });

  it('returns non-empty text for every brand, field, error code, refusal and failure', () => {
    const strings = everyString(messages);
    expect(strings.length).toBeGreaterThan(300);
    for (const text of strings) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('names only known brands through detectedBrand (empty while unknown)', () => {
    expect(messages.detectedBrand('unknown')).toBe('');
    for (const brand of BRANDS.filter((b) => b !== 'unknown')) {
      expect(messages.detectedBrand(brand)).toBe(messages.brandName(brand));
    }
  });
});

describe.each([
  ['zh-HK', zhHKMessages],
  ['zh-CN', zhCNMessages],
] as const)('%s has no English left in what customers read', (_locale, messages) => {
  // Latin words allowed in Chinese text: brand names, the gateway's name, 3-D Secure, MM / YY, CVC.
  const ALLOWED =
    /Visa|Mastercard|JCB|Discover|Wonder Gateway|3-D Secure|MM \/ YY|CVC|Tai Man Chan|req_123|boom|offline|declined|down|slow/g;

  it('writes no English words outside brand and product names', () => {
    for (const text of everyString(messages)) {
      expect(text.replace(ALLOWED, '')).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('spot checks: list, radio names, actions and dialog', () => {
    expect(messages.listLabel).toMatch(/[\u4e00-\u9fff]/);
    expect(messages.brandName('unionpay')).toBe(messages.locale === 'zh-HK' ? '銀聯' : '银联');
    expect(messages.removeLabel(card())).not.toContain('Remove');
    expect(messages.addCardTitle).not.toBe(enMessages.addCardTitle);
    expect(messages.fieldLabel('number')).not.toBe(enMessages.fieldLabel('number'));
  });
});

describe('accessible names', () => {
  it('read naturally in each language, with the expiry month from Intl', () => {
    expect(enMessages.cardLabel(card())).toBe('Visa ending in 4242, expires 04/27, default');
    expect(zhHKMessages.cardLabel(card())).toBe('Visa 尾號 4242，有效期至 2027年4月，預設');
    expect(zhCNMessages.cardLabel(card())).toBe('Visa 尾号 4242，有效期至 2027年4月，默认');
    expect(
      zhHKMessages.cardLabel(card({ brand: 'unionpay', isDefault: false, expiry: 'expired' })),
    ).toBe('銀聯 尾號 4242，已於 2027年4月 到期');
    expect(zhCNMessages.removeTitle(card({ brand: 'amex', last4: '0005' }))).toBe(
      '删除 美国运通 尾号 0005？',
    );
  });

  it('use a locale’s template everywhere it composes (cardName feeds cardLabel)', () => {
    const messages = composeMessages({
      ...zhHKLocale,
      cardName: ({ last4 }) => `我的卡 ${last4}`,
    });
    expect(messages.cardLabel(card())).toBe('我的卡 4242，有效期至 2027年4月，預設');
    expect(messages.removeTitle(card())).toBe('移除 我的卡 4242？');
  });

  it('name a card without last four digits by its brand alone', () => {
    expect(enMessages.cardName({ brand: 'amex', last4: null })).toBe('American Express');
    expect(enMessages.cardLabel(card({ last4: null, expMonth: null, expYear: null }))).toBe(
      'Visa, default',
    );
  });
});

describe('locales (words and templates)', () => {
  const localeData: [string, SavedCardsLocale][] = [
    ['en', enLocale],
    ['zh-HK', zhHKLocale],
    ['zh-CN', zhCNLocale],
  ];

  it.each(localeData)('%s has the same keys as English', (_locale, data) => {
    expect(Object.keys(data).sort()).toEqual(Object.keys(enLocale).sort());
  });

  it('names brands in English as core does, and each language its own way', () => {
    for (const brand of BRANDS) {
      expect(enMessages.brandName(brand)).toBe(cardBrandName(brand));
    }
    expect(zhHKMessages.brandName('amex')).toBe('美國運通');
    expect(zhCNMessages.brandName('mastercard')).toBe('万事达卡');
  });

  it('words failures by kind and reason once, for every language', () => {
    const offline = new GatewayError({ kind: 'network', message: 'offline' });
    const declined = new GatewayError({ kind: 'gateway', message: 'no', status: 402 });
    expect(enMessages.loadError(offline)).toBe(enLocale.loadErrors.network);
    expect(zhCNMessages.loadError(new Error('boom'))).toBe(zhCNLocale.loadErrors.other);
    expect(enMessages.addFailed('create_error', declined)).toBe(
      enLocale.addFailures['card-declined'],
    );
    expect(enMessages.addFailed('create_error', offline)).toBe(
      `${enLocale.addFailures['not-saved']}${enLocale.connectionHint}`,
    );
    expect(enMessages.addFailed('declined', undefined, 'Insufficient funds.')).toBe(
      'Your bank did not approve this card. Insufficient funds. Nothing was saved.',
    );
    expect(zhHKMessages.addFailed('verification_failed', undefined)).toBe(
      '你的銀行未有批准此卡。此卡未有儲存。',
    );
    expect(zhHKMessages.removeFailed(card(), offline)).toBe(
      '無法移除 Visa 尾號 4242，資料沒有任何更改。請檢查網絡連線後再試。',
    );
  });
});
