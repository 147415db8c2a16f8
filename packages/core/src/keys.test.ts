import { describe, expect, it } from 'vitest';
import { savedCardsKeys } from './index.js';

function startsWith(key: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.every((part, index) => Object.is(part, key[index]));
}

describe('savedCardsKeys', () => {
  const uuid = 'cust-1';

  it('every key starts with `all`', () => {
    const keys = [
      savedCardsKeys.customers(),
      savedCardsKeys.customer(uuid),
      savedCardsKeys.paymentTokens(uuid),
      savedCardsKeys.paymentTokenList(uuid),
      savedCardsKeys.paymentTokenList(uuid, { tokenType: ['card'] }),
      savedCardsKeys.tokenStatus(uuid, 'tok-1'),
    ];
    for (const key of keys) {
      expect(key.slice(0, savedCardsKeys.all.length)).toEqual([...savedCardsKeys.all]);
      expect(key.length).toBeGreaterThan(savedCardsKeys.all.length);
    }
  });

  it('customer(uuid) starts with customers()', () => {
    expect(startsWith(savedCardsKeys.customer(uuid), savedCardsKeys.customers())).toBe(true);
  });

  it('paymentTokenList(uuid, …) and tokenStatus start with paymentTokens(uuid)', () => {
    const prefix = savedCardsKeys.paymentTokens(uuid);
    expect(startsWith(savedCardsKeys.paymentTokenList(uuid), prefix)).toBe(true);
    expect(
      startsWith(savedCardsKeys.paymentTokenList(uuid, { tokenType: ['alipay', 'card'] }), prefix),
    ).toBe(true);
    expect(startsWith(savedCardsKeys.tokenStatus(uuid, 'tok-1'), prefix)).toBe(true);
  });

  it('keys of one customer do not start with those of another', () => {
    expect(
      startsWith(savedCardsKeys.paymentTokenList('cust-2'), savedCardsKeys.paymentTokens(uuid)),
    ).toBe(false);
    expect(startsWith(savedCardsKeys.customer('cust-2'), savedCardsKeys.customer(uuid))).toBe(
      false,
    );
  });

  it('customer keys and payment-token keys do not share a prefix beyond `all`', () => {
    expect(startsWith(savedCardsKeys.paymentTokens(uuid), savedCardsKeys.customers())).toBe(false);
  });

  it('filter order does not change the key', () => {
    expect(
      savedCardsKeys.paymentTokenList(uuid, { tokenType: ['wechatpay', 'card', 'alipay'] }),
    ).toEqual(
      savedCardsKeys.paymentTokenList(uuid, { tokenType: ['alipay', 'wechatpay', 'card'] }),
    );
  });

  it('different filters give different keys; no filter equals an empty filter object', () => {
    expect(savedCardsKeys.paymentTokenList(uuid, { tokenType: ['card'] })).not.toEqual(
      savedCardsKeys.paymentTokenList(uuid, { tokenType: ['alipay'] }),
    );
    expect(savedCardsKeys.paymentTokenList(uuid, { tokenType: ['card'] })).not.toEqual(
      savedCardsKeys.paymentTokenList(uuid),
    );
    expect(savedCardsKeys.paymentTokenList(uuid)).toEqual(
      savedCardsKeys.paymentTokenList(uuid, {}),
    );
  });

  it('does not mutate the filter it is given', () => {
    const tokenType = ['wechatpay', 'card'] as const;
    const filters = { tokenType: [...tokenType] };
    savedCardsKeys.paymentTokenList(uuid, filters);
    expect(filters.tokenType).toEqual(['wechatpay', 'card']);
  });

  it('keys are JSON-serialisable', () => {
    const key = savedCardsKeys.paymentTokenList(uuid, { tokenType: ['card'] });
    expect(JSON.parse(JSON.stringify(key))).toEqual(key);
  });
});

describe('savedCardsKeys: empty filter', () => {
  it('treats an empty tokenType list as no filter', () => {
    expect(savedCardsKeys.paymentTokenList('c', { tokenType: [] })).toEqual(
      savedCardsKeys.paymentTokenList('c'),
    );
  });
});

describe('savedCardsKeys: lists and mutations', () => {
  it('nests every filtered list under paymentTokenLists, and status queries outside it', () => {
    const lists = savedCardsKeys.paymentTokenLists('c');
    expect(
      savedCardsKeys.paymentTokenList('c', { tokenType: ['card'] }).slice(0, lists.length),
    ).toEqual(lists);
    expect(savedCardsKeys.tokenStatus('c', 't').slice(0, lists.length)).not.toEqual(lists);
  });

  it('puts the optimistic writes of a customer, and only those, under one mutations prefix', () => {
    const prefix = savedCardsKeys.mutations('c');
    for (const key of [
      savedCardsKeys.setDefaultMutation('c'),
      savedCardsKeys.deletePaymentTokenMutation('c'),
    ]) {
      expect(key.slice(0, prefix.length)).toEqual(prefix);
    }
    for (const key of [
      savedCardsKeys.upsertCustomerMutation('c'),
      savedCardsKeys.createPaymentTokenMutation('c'),
    ]) {
      expect(key.slice(0, prefix.length)).not.toEqual(prefix);
    }
    expect(savedCardsKeys.setDefaultMutation('d').slice(0, prefix.length)).not.toEqual(prefix);
  });
});
