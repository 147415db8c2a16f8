import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createGatewayDb,
  DEMO_CUSTOMER,
  DEMO_ORDER,
  DEMO_TOKENS,
  VERIFY_URL_BASE,
} from './index.js';
import type { WireToken } from './index.js';

const fixedNow = () => new Date(2025, 0, 15, 12, 0, 0);
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function last4(token: WireToken | undefined): string | undefined {
  return token?.credit_card.number.slice(-4);
}

describe('ids', () => {
  it('are UUID-shaped, deterministic and differ between customers and tokens', () => {
    const a = createGatewayDb({ now: fixedNow });
    const b = createGatewayDb({ now: fixedNow });
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.getCustomer(DEMO_CUSTOMER.uuid)?.reference_number).toBe('demo-customer-1');
    expect(a.listTokens(DEMO_CUSTOMER.uuid).map((t) => t.token)).toEqual(
      Object.values(DEMO_TOKENS),
    );
    for (const id of [DEMO_CUSTOMER.uuid, ...Object.values(DEMO_TOKENS)]) {
      expect(id).toMatch(UUID_SHAPE);
    }
    expect(DEMO_CUSTOMER.uuid).not.toBe(DEMO_TOKENS.visa);
    expect(DEMO_CUSTOMER.uuid.slice(-12)).toBe(DEMO_TOKENS.visa.slice(-12));
  });

  it('continue identically in two dbs given the same calls', () => {
    const arrange = () => {
      const db = createGatewayDb({ now: fixedNow });
      const other = db.upsertCustomer({ reference_number: 'other', name: 'O', phone: '1' });
      const token = db.addToken(other.uuid, { number: '5555555555554444' });
      return { customer: other.uuid, token: token.token, snapshot: db.snapshot() };
    };
    const first = arrange();
    expect(arrange()).toEqual(first);
    expect(first.customer).toMatch(UUID_SHAPE);
    expect(first.customer).not.toBe(DEMO_CUSTOMER.uuid);
    expect(Object.values(DEMO_TOKENS)).not.toContain(first.token);
  });
});

describe('demo seed', () => {
  it('has the demo customer with six cards in the documented order', () => {
    const db = createGatewayDb({ now: fixedNow });
    const customer = db.getCustomer(DEMO_CUSTOMER.uuid);
    expect(customer).toMatchObject({
      uuid: DEMO_CUSTOMER.uuid,
      reference_number: DEMO_CUSTOMER.referenceNumber,
      name: 'Tai Man Chan',
      email: DEMO_CUSTOMER.email,
      dial_code: '+852',
      phone: DEMO_CUSTOMER.phone,
      company_name: DEMO_CUSTOMER.companyName,
    });
    expect(customer?.default_payment_token?.token).toBe(DEMO_TOKENS.visa);

    const tokens = db.listTokens(DEMO_CUSTOMER.uuid);
    expect(
      tokens.map((t) => [t.credit_card.brand, last4(t), t.state, t.default, t.token_type]),
    ).toEqual([
      ['Visa', '4242', 'success', true, 'CreditCard'],
      ['MasterCard', '4444', 'success', false, 'CreditCard'],
      ['American Express', '0005', 'success', false, 'CreditCard'],
      ['Visa', '1091', 'pending', false, 'CreditCard'],
      ['MasterCard', '0008', 'failed', false, 'CreditCard'],
      ['UnionPay', '8599', 'success', false, 'CreditCard'],
    ]);
  });

  it('gives the pending card an https verify url and uuid, and the failed card an error', () => {
    const db = createGatewayDb({ now: fixedNow });
    const pending = db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.pending);
    expect(pending?.verify_uuid).toMatch(UUID_SHAPE);
    expect(pending?.verify_url).toBe(`${VERIFY_URL_BASE}${pending?.verify_uuid}`);
    expect(new URL(pending?.verify_url ?? '').protocol).toBe('https:');

    const failed = db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.failed);
    expect(failed?.error_code).toMatch(/^E\d{6}$/);
    expect(failed?.error_msg).not.toBe('');

    const visa = db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa);
    expect(visa).toMatchObject({ verify_url: null, verify_uuid: null, error_code: '' });
  });

  it('computes expiries from now', () => {
    const db = createGatewayDb({ now: fixedNow }); // 15 January 2025
    const expiry = (token: string) => {
      const card = db.getToken(DEMO_CUSTOMER.uuid, token)?.credit_card;
      return `${card?.exp_month}/${card?.exp_year}`;
    };
    expect(expiry(DEMO_TOKENS.visa)).toBe('01/2027');
    expect(expiry(DEMO_TOKENS.mastercard)).toBe('01/2025');
    expect(expiry(DEMO_TOKENS.amex)).toBe('10/2024');
    expect(expiry(DEMO_TOKENS.unionpay)).toBe('07/2027');
  });

  it('keeps "expiring" expiring and "expired" expired whatever the date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(2000, 0, 1), max: new Date(2090, 11, 31), noInvalidDate: true }),
        (now) => {
          const db = createGatewayDb({ now: () => now });
          // A card is valid through the last day of its expiry month.
          const validUntil = (token: string) => {
            const card = db.getToken(DEMO_CUSTOMER.uuid, token)?.credit_card;
            return new Date(Number(card?.exp_year), Number(card?.exp_month), 1).getTime() - 1;
          };
          const day = 24 * 60 * 60 * 1000;
          const nowMs = now.getTime();
          expect(validUntil(DEMO_TOKENS.mastercard)).toBeGreaterThanOrEqual(nowMs);
          expect(validUntil(DEMO_TOKENS.mastercard) - nowMs).toBeLessThanOrEqual(31 * day);
          expect(validUntil(DEMO_TOKENS.amex)).toBeLessThan(nowMs);
          expect(validUntil(DEMO_TOKENS.visa) - nowMs).toBeGreaterThan(700 * day);
          expect(validUntil(DEMO_TOKENS.unionpay) - nowMs).toBeGreaterThan(365 * day);
        },
      ),
    );
  });
});

describe('empty seed and reset', () => {
  it("'empty' has the same customer, no cards and no default", () => {
    const db = createGatewayDb({ seed: 'empty' });
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)).toMatchObject({
      name: DEMO_CUSTOMER.name,
      default_payment_token: null,
    });
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toEqual([]);
  });

  it('reset restores the seed with the same ids after changes', () => {
    const db = createGatewayDb({ now: fixedNow });
    const fresh = db.snapshot();
    db.deleteToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa);
    db.addToken(DEMO_CUSTOMER.uuid, { number: '4000000000000002' });
    db.upsertCustomer({ reference_number: 'someone-else', name: 'X', phone: '1' });
    expect(db.snapshot()).not.toEqual(fresh);
    db.reset();
    expect(db.snapshot()).toEqual(fresh);
  });

  it('reset({ seed }) switches seed; reset() goes back to the seed the db was created with', () => {
    const db = createGatewayDb({ now: fixedNow });
    const fresh = db.snapshot();
    db.reset({ seed: 'empty' });
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toEqual([]);
    db.reset();
    expect(db.snapshot()).toEqual(fresh);

    const empty = createGatewayDb({ seed: 'empty' });
    empty.reset({ seed: 'demo' });
    expect(empty.listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(6);
    empty.reset();
    expect(empty.listTokens(DEMO_CUSTOMER.uuid)).toEqual([]);
  });
});

describe('customers', () => {
  it('upsert is idempotent on reference_number and keeps fields not given', () => {
    const db = createGatewayDb();
    const created = db.upsertCustomer({
      reference_number: 'r-1',
      name: 'A',
      phone: '1',
      email: 'a@example.com',
    });
    const updated = db.upsertCustomer({ reference_number: 'r-1', name: 'B' });
    expect(updated.uuid).toBe(created.uuid);
    expect(updated).toMatchObject({ name: 'B', phone: '1', email: 'a@example.com' });
    expect(db.findCustomerByReference('r-1')?.uuid).toBe(created.uuid);
    expect(db.listCustomers()).toHaveLength(2);
  });

  it('refuses a default token that is not the customer’s', () => {
    const db = createGatewayDb();
    const other = db.upsertCustomer({ reference_number: 'r-2', name: 'A', phone: '1' });
    expect(() =>
      db.upsertCustomer({ reference_number: 'r-2', default_payment_token: DEMO_TOKENS.visa }),
    ).toThrow(/no token/);
    expect(db.getCustomer(other.uuid)?.default_payment_token).toBeNull();
  });

  it('setDefaultToken moves and clears the default', () => {
    const db = createGatewayDb();
    db.setDefaultToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.unionpay);
    expect(db.listTokens(DEMO_CUSTOMER.uuid).filter((t) => t.default)).toEqual([
      expect.objectContaining({ token: DEMO_TOKENS.unionpay }),
    ]);
    db.setDefaultToken(DEMO_CUSTOMER.uuid, null);
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token).toBeNull();
    expect(db.listTokens(DEMO_CUSTOMER.uuid).some((t) => t.default)).toBe(false);
  });

  it('hands out copies: mutating a result does not change state', () => {
    const db = createGatewayDb();
    const customer = db.getCustomer(DEMO_CUSTOMER.uuid);
    const tokens = db.listTokens(DEMO_CUSTOMER.uuid);
    if (!customer?.default_payment_token || !tokens[0]) throw new Error('seed missing');
    customer.name = 'Mallory';
    customer.default_payment_token.credit_card.number = '4242424242424242';
    tokens[0].credit_card.holder_name = 'Mallory';
    tokens.pop();
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.name).toBe(DEMO_CUSTOMER.name);
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(6);
    expect(db.listTokens(DEMO_CUSTOMER.uuid)[0]?.credit_card).toMatchObject({
      number: '424242******4242',
      holder_name: DEMO_CUSTOMER.name,
    });
  });
});

describe('tokens', () => {
  it('addToken fills defaults and appends', () => {
    const db = createGatewayDb({ now: fixedNow });
    const token = db.addToken(DEMO_CUSTOMER.uuid);
    expect(token).toMatchObject({
      token_type: 'CreditCard',
      state: 'success',
      default: false,
      credit_card: {
        number: '424242******4242',
        exp_month: '01',
        exp_year: '2027',
        holder_name: DEMO_CUSTOMER.name,
        brand: 'Visa',
        billing_currency: 'HKD',
      },
    });
    expect(db.listTokens(DEMO_CUSTOMER.uuid).at(-1)?.token).toBe(token.token);
  });

  it('stores hostile text as given, for the UI to render as text', () => {
    const db = createGatewayDb();
    const token = db.addToken(DEMO_CUSTOMER.uuid, {
      holder_name: '<script>alert(1)</script>',
      brand: '<img src=x onerror=alert(1)>',
      state: 'weird-new-state',
      token_type: 'AlipayAutoDebit',
      verify_url: 'javascript:alert(1)',
      default: true,
    });
    expect(db.getToken(DEMO_CUSTOMER.uuid, token.token)).toMatchObject({
      state: 'weird-new-state',
      token_type: 'AlipayAutoDebit',
      verify_url: 'javascript:alert(1)',
      default: true,
      credit_card: { holder_name: '<script>alert(1)</script>' },
    });
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token).toBe(token.token);
  });

  it('generates verify fields for a pending token unless given', () => {
    const db = createGatewayDb();
    const generated = db.addToken(DEMO_CUSTOMER.uuid, { state: 'pending' });
    expect(generated.verify_uuid).toMatch(UUID_SHAPE);
    expect(generated.verify_uuid).not.toBe(
      db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.pending)?.verify_uuid,
    );
    expect(generated.verify_url?.startsWith('https://')).toBe(true);
    const given = db.addToken(DEMO_CUSTOMER.uuid, { state: 'pending', verify_url: null });
    expect(given.verify_url).toBeNull();
  });

  it('updateToken changes state fields only', () => {
    const db = createGatewayDb();
    const updated = db.updateToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.pending, {
      state: 'success',
      verify_url: null,
    });
    expect(updated).toMatchObject({
      state: 'success',
      verify_url: null,
      token: DEMO_TOKENS.pending,
    });
    expect(db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.pending)?.state).toBe('success');
    expect(db.listTokens(DEMO_CUSTOMER.uuid).map((t) => t.token)).toEqual(
      Object.values(DEMO_TOKENS),
    );
    expect(() => db.updateToken(DEMO_CUSTOMER.uuid, 'nope', { state: 'failed' })).toThrow();
  });

  it('deleteToken removes, clears the default, and reports unknown tokens', () => {
    const db = createGatewayDb();
    expect(db.deleteToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.amex)).toBe(true);
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token).toBe(DEMO_TOKENS.visa);
    expect(db.deleteToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa)).toBe(true);
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token).toBeNull();
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(4);
    expect(db.deleteToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa)).toBe(false);
    expect(db.deleteToken('no-such-customer', DEMO_TOKENS.mastercard)).toBe(false);
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(4);
  });

  it('never stores a full card number', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[1-9]\d{11,18}$/), { maxLength: 5 }), (pans) => {
        const db = createGatewayDb();
        for (const pan of pans) db.addToken(DEMO_CUSTOMER.uuid, { number: pan });
        const state = JSON.stringify(db.snapshot());
        for (const pan of pans) expect(state).not.toContain(pan);
        for (const token of db.listTokens(DEMO_CUSTOMER.uuid)) {
          expect(token.credit_card.number).toMatch(/^\d{0,6}\*+\d{4}$/);
        }
      }),
    );
  });
});

describe('createGatewayDb: the merchant order book (issue 16)', () => {
  it('seeds DEMO_ORDER for the demo customer, in both seeds', () => {
    const demoOrder = {
      id: DEMO_ORDER.id,
      amount: '128.00',
      currency: 'HKD',
      reference_number: DEMO_ORDER.reference,
      customer: DEMO_CUSTOMER.referenceNumber,
    };
    expect(createGatewayDb().merchantOrders()).toEqual([demoOrder]);
    expect(createGatewayDb({ seed: 'empty' }).merchantOrder(DEMO_ORDER.id)).toEqual(demoOrder);
  });

  it('fills in the defaults, replaces by id, hands out copies and is restored by reset', () => {
    const db = createGatewayDb();
    expect(db.putMerchantOrder({ id: 'o-2', amount: '1.00', currency: 'USD' })).toEqual({
      id: 'o-2',
      amount: '1.00',
      currency: 'USD',
      reference_number: 'o-2',
      customer: DEMO_CUSTOMER.referenceNumber,
    });
    db.putMerchantOrder({ id: 'o-2', amount: '2.00', currency: 'USD', customer: 'someone' });
    const read = db.merchantOrder('o-2');
    expect(read).toMatchObject({ amount: '2.00', customer: 'someone' });
    if (read) read.amount = '0.01';
    expect(db.merchantOrder('o-2')?.amount).toBe('2.00');
    expect(db.merchantOrder('nope')).toBeUndefined();
    db.reset();
    expect(db.merchantOrders().map((order) => order.id)).toEqual([DEMO_ORDER.id]);
  });
});

describe('createGatewayDb: persist', () => {
  function memoryStorage() {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      items,
    };
  }

  it('restores customers, tokens, the default and the id counter in a new db', () => {
    const storage = memoryStorage();
    const first = createGatewayDb({ persist: storage });
    const added = first.addToken(DEMO_CUSTOMER.uuid, { number: '5555555555554444' });
    first.setDefaultToken(DEMO_CUSTOMER.uuid, added.token);
    first.deleteToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.amex);

    const second = createGatewayDb({ persist: storage });
    expect(second.snapshot()).toEqual(first.snapshot());
    const next = second.addToken(DEMO_CUSTOMER.uuid, { number: '4242424242424242' });
    expect(next.token).not.toBe(added.token);
    expect(second.listTokens(DEMO_CUSTOMER.uuid).map((token) => token.token)).toContain(next.token);
  });

  it('restores the merchant order book', () => {
    const storage = memoryStorage();
    const first = createGatewayDb({ persist: storage });
    first.putMerchantOrder({ id: 'o-9', amount: '9.90', currency: 'HKD' });
    expect(createGatewayDb({ persist: storage }).merchantOrders()).toEqual(first.merchantOrders());
  });

  it('keeps only masked numbers in storage', () => {
    const storage = memoryStorage();
    const db = createGatewayDb({ persist: storage });
    db.addToken(DEMO_CUSTOMER.uuid, { number: '4000000000003220' });
    expect([...storage.items.values()].join()).not.toMatch(/4000000000003220/);
    expect([...storage.items.values()].join()).toMatch(/400000\*+3220/);
  });

  it('saves once per change, a reset and a set-default included, and not on reads', () => {
    const storage = memoryStorage();
    let writes = 0;
    const counting = {
      getItem: storage.getItem,
      setItem: (key: string, value: string) => {
        writes += 1;
        storage.setItem(key, value);
      },
    };
    const db = createGatewayDb({ persist: counting });
    expect(writes).toBe(1); // the seed, saved once
    db.setDefaultToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.amex);
    db.reset();
    db.listTokens(DEMO_CUSTOMER.uuid);
    db.snapshot();
    expect(writes).toBe(3);
    expect(() =>
      db.updateToken(DEMO_CUSTOMER.uuid, 'no-such-token', { state: 'failed' }),
    ).toThrow();
    expect(createGatewayDb({ persist: storage }).snapshot()).toEqual(db.snapshot());
  });

  it('starts from the seed when storage holds nothing usable', () => {
    const storage = memoryStorage();
    storage.setItem('savedcards-mock-gateway', '{not json');
    expect(createGatewayDb({ persist: storage }).listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(6);
  });
});
