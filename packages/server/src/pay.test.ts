// @vitest-environment node
import type { PaymentOrder, PaymentResult } from '@savedcards/wire';
import { KIT_PAY_PATHS, PAYMENT_ERRORS } from '@savedcards/wire';
import { describe, expect, it } from 'vitest';
import type { PaymentCardBehaviour } from '../../msw/src/index.js';
import {
  DEMO_TOKENS,
  decidePaymentChallenge,
  PAYMENT_SCENARIO_CARDS,
} from '../../msw/src/index.js';
import { createMemoryPaymentStore } from './payStore.js';
import { createVelocityLimits } from './velocity.js';
import type { WonderProxyOptions } from './proxy.js';
import {
  browserRequest,
  DEMO_REFERENCE,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  readJson,
  SANDBOX,
  SHOP,
  testProxy,
} from './testUpstream.js';

const ORDER: PaymentOrder = {
  id: 'order-1',
  reference_number: 'shop-order-1',
  amount: '12.50',
  currency: 'HKD',
};
const PAY_URL = `${SHOP}/api/wonder${KIT_PAY_PATHS.pay}`;
const STATUS_URL = `${SHOP}/api/wonder${KIT_PAY_PATHS.status}`;
const OPEN_PAYMENTS = `${SANDBOX}${OPENAPI}/open_payments`;

/** The merchant's records: order-1 belongs to the demo customer only. */
const resolveOrder: NonNullable<WonderProxyOptions['resolveOrder']> = (_request, customer, id) =>
  customer.referenceNumber === DEMO_REFERENCE && id === ORDER.id ? { ...ORDER } : null;

function payingProxy(overrides: Partial<WonderProxyOptions> = {}) {
  return testProxy({ resolveOrder, ...overrides });
}

const pay = (body: unknown) => browserRequest('POST', PAY_URL, { body });
const status = (orderId = ORDER.id) =>
  browserRequest('POST', STATUS_URL, { body: { order_id: orderId } });

async function resultOf(response: Response): Promise<PaymentResult> {
  const body = await readJson(response);
  expect(body.error_code).toBe('');
  return body.data as PaymentResult;
}

function cardOf(payment: PaymentCardBehaviour): string {
  const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === payment);
  if (!card) throw new Error(`no card for ${payment}`);
  return card.number;
}

describe('POST {mount}/savedcards/v1/payments: outcomes against the mock gateway', () => {
  it('approves: signed open_payments with the server’s order, one success in the ledger', async () => {
    const { db, checks } = mockUpstream();
    const { proxy, sent } = payingProxy();
    const response = await proxy(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }));
    expect(response.status).toBe(200);
    const result = await resultOf(response);
    const [transaction] = db.transactions();
    expect(result).toEqual({
      state: 'succeeded',
      order: ORDER,
      token: DEMO_TOKENS.visa,
      transaction_uuid: transaction?.uuid,
    });
    expect(db.transactions()).toHaveLength(1);
    expect(transaction).toMatchObject({
      state: 'success',
      amount: '12.50',
      currency: 'HKD',
      payment_token: DEMO_TOKENS.visa,
      consume_mode: 'sales',
      entry_type: 'cit',
    });
    expect(db.getOrder(ORDER.reference_number)?.correspondence_state).toBe('paid');
    const paid = sent.find((request) => request.url === OPEN_PAYMENTS);
    expect(paid?.body).toBe(
      JSON.stringify({
        payment: {
          payment_token: {
            amount: '12.50',
            token: DEMO_TOKENS.visa,
            consume_mode: 'sales',
            entry_type: 'cit',
          },
        },
        order: { currency: 'HKD', reference_number: 'shop-order-1' },
      }),
    );
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((check) => check.ok)).toBe(true);
  });

  it.each([
    ['decline', 'declined', 'E300005'],
    ['insufficient-funds', 'insufficient_funds', 'E300061'],
  ] as const)(
    '%s: a failed result with its reason, the order unpaid',
    async (card, reason, code) => {
      const { db } = mockUpstream();
      const token = db.addToken(DEMO_UUID, { number: cardOf(card) }).token;
      const { proxy } = payingProxy();
      const response = await proxy(pay({ order_id: ORDER.id, token }));
      expect(response.status).toBe(200);
      const result = await resultOf(response);
      expect(result).toMatchObject({ state: 'failed', token, failure: { reason, code } });
      expect(result.failure?.message).toEqual(expect.any(String));
      expect(db.transactions()).toEqual([
        expect.objectContaining({ state: 'failed', error_code: code }),
      ]);
      expect(db.getOrder(ORDER.reference_number)?.correspondence_state).toBe('unpaid');
    },
  );

  it('an expired card: failed with reason expired_card', async () => {
    const { db } = mockUpstream();
    const token = db.addToken(DEMO_UUID, { exp_month: '01', exp_year: '2020' }).token;
    const { proxy } = payingProxy();
    const result = await resultOf(await proxy(pay({ order_id: ORDER.id, token })));
    expect(result).toMatchObject({ state: 'failed', failure: { reason: 'expired_card' } });
    expect(db.transactions()).toEqual([expect.objectContaining({ state: 'failed' })]);
  });

  it('pays again after a decline with another card: a second transaction, then succeeded', async () => {
    const { db } = mockUpstream();
    const declining = db.addToken(DEMO_UUID, { number: cardOf('decline') }).token;
    const { proxy } = payingProxy();
    await proxy(pay({ order_id: ORDER.id, token: declining }));
    const result = await resultOf(
      await proxy(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa })),
    );
    expect(result.state).toBe('succeeded');
    expect(db.transactions().map((t) => t.state)).toEqual(['failed', 'success']);
  });

  it.each([
    ['approve', 'succeeded', 'paid'],
    ['decline', 'failed', 'unpaid'],
  ] as const)(
    'requires_action with a checked redirect_url, then status after the challenge’s %s',
    async (decision, state, orderState) => {
      const { db } = mockUpstream();
      const token = db.addToken(DEMO_UUID, { number: cardOf('challenge-approve') }).token;
      const { proxy } = payingProxy();
      const first = await resultOf(await proxy(pay({ order_id: ORDER.id, token })));
      expect(first).toMatchObject({ state: 'requires_action', token, order: ORDER });
      expect(first.redirect_url).toMatch(/^https:\/\/3ds\.savedcards-mock\.invalid\//);

      // Before the cardholder decides: still waiting, the same redirect.
      const waiting = await resultOf(await proxy(status()));
      expect(waiting).toMatchObject({ state: 'requires_action', redirect_url: first.redirect_url });

      decidePaymentChallenge(db, first.transaction_uuid ?? '', decision);
      const after = await resultOf(await proxy(status()));
      expect(after.state).toBe(state);
      expect(after.transaction_uuid).toBe(first.transaction_uuid);
      if (decision === 'decline') expect(after.failure?.reason).toBe('authentication_failed');
      expect(db.transactions()).toHaveLength(1);
      expect(db.getOrder(ORDER.reference_number)?.correspondence_state).toBe(orderState);
    },
  );

  it('refuses a redirect_url outside the allowed hosts (502) and pays nothing more', async () => {
    const { db } = mockUpstream();
    const token = db.addToken(DEMO_UUID, { number: cardOf('challenge-approve') }).token;
    const { proxy, logs } = payingProxy({ payments: { redirectHosts: ['*.wonder.today'] } });
    const response = await proxy(pay({ order_id: ORDER.id, token }));
    expect(response.status).toBe(502);
    expect((await readJson(response)).error_code).toBe('E_UPSTREAM_INVALID_RESPONSE');
    expect(logs.entries.at(-1)?.detail).toMatch(/redirect_url.*host not allowed/);
    expect(db.transactions()).toHaveLength(1);
  });
});

describe('the amount never comes from the browser', () => {
  it('ignores a tampered amount, currency and customer, and logs the field names only', async () => {
    const { db } = mockUpstream();
    const { proxy, logs } = payingProxy();
    const response = await proxy(
      pay({
        order_id: ORDER.id,
        token: DEMO_TOKENS.visa,
        amount: '0.01',
        currency: 'USD',
        customer: 'someone-else',
        number: '4242424242424242',
      }),
    );
    expect((await resultOf(response)).state).toBe('succeeded');
    expect(db.transactions()).toEqual([
      expect.objectContaining({ amount: '12.50', currency: 'HKD' }),
    ]);
    expect(db.getOrder(ORDER.reference_number)).toMatchObject({ amount: '12.50', currency: 'HKD' });
    const entry = logs.entries.at(-1);
    expect(entry).toMatchObject({ level: 'warn', route: KIT_PAY_PATHS.pay, status: 200 });
    expect(entry?.detail).toMatch(/ignored fields.*amount, currency, customer, number/);
    expect(logs.lines.join('\n')).not.toMatch(/0\.01|USD|4242424242424242|someone-else/);
  });

  it('refuses another customer’s token with 403: no payment is sent, the ledger stays empty', async () => {
    const { db } = mockUpstream();
    const other = db.upsertCustomer({ reference_number: 'other-customer', name: 'O', phone: '1' });
    const foreign = db.addToken(other.uuid, {}).token;
    const { proxy, sent } = payingProxy();
    const response = await proxy(pay({ order_id: ORDER.id, token: foreign }));
    expect(response.status).toBe(403);
    expect((await readJson(response)).error_code).toBe('E_FORBIDDEN_TOKEN');
    expect(sent.map((request) => request.method)).toEqual(['GET']);
    expect(sent.some((request) => request.url === OPEN_PAYMENTS)).toBe(false);
    expect(db.transactions()).toEqual([]);
    expect(db.orders()).toEqual([]);
  });

  it('answers 404 E_ORDER_NOT_FOUND for an order resolveOrder does not know, sending nothing', async () => {
    mockUpstream();
    const { proxy, sent } = payingProxy();
    const response = await proxy(pay({ order_id: 'order-404', token: DEMO_TOKENS.visa }));
    expect(response.status).toBe(404);
    expect((await readJson(response)).error_code).toBe(PAYMENT_ERRORS.orderNotFound.code);
    const again = await proxy(status('order-404'));
    expect(again.status).toBe(404);
    expect(sent).toEqual([]);
  });

  it('refuses a cross-site pay (no marker) with 403 before the session or anything upstream', async () => {
    mockUpstream();
    let asked = 0;
    const { proxy, sent } = payingProxy({
      resolveCustomer: () => {
        asked++;
        return { uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE };
      },
    });
    const response = await proxy(
      browserRequest('POST', PAY_URL, {
        body: { order_id: ORDER.id, token: DEMO_TOKENS.visa },
        noMarker: true,
      }),
    );
    expect(response.status).toBe(403);
    expect((await readJson(response)).error_code).toBe('E_CSRF');
    expect(asked).toBe(0);
    expect(sent).toEqual([]);
  });

  it.each([
    ['a zero amount', { amount: '0.00' }],
    ['a float amount', { amount: 12.5 }],
    ['three decimals', { amount: '1.005' }],
    ['a lower-case currency', { currency: 'hkd' }],
    ['no reference', { reference_number: '' }],
  ])('answers 500 and pays nothing when resolveOrder returns %s', async (_name, patch) => {
    const { db } = mockUpstream();
    const { proxy, sent, logs } = payingProxy({
      resolveOrder: () => ({ ...ORDER, ...patch }) as PaymentOrder,
    });
    const response = await proxy(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }));
    expect(response.status).toBe(500);
    expect(logs.entries.at(-1)?.detail).toMatch(/resolveOrder returned/);
    expect(sent).toEqual([]);
    expect(db.transactions()).toEqual([]);
  });

  it('without resolveOrder the payment routes are 404 like any unknown route', async () => {
    const { db } = mockUpstream();
    const { proxy, sent } = testProxy();
    for (const request of [pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }), status()]) {
      const response = await proxy(request);
      expect(response.status).toBe(404);
      expect((await readJson(response)).error_code).toBe('E_NOT_FOUND');
    }
    expect(sent).toEqual([]);
    expect(db.transactions()).toEqual([]);
  });

  it('refuses a missing session (401), a GET (405) and a body without a token (400)', async () => {
    mockUpstream();
    const { proxy, sent } = payingProxy();
    const anonymous = payingProxy({ resolveCustomer: () => null }).proxy;
    expect((await anonymous(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }))).status).toBe(
      401,
    );
    const get = await proxy(browserRequest('GET', PAY_URL));
    expect(get.status).toBe(405);
    expect(get.headers.get('Allow')).toBe('POST');
    expect((await proxy(pay({ order_id: ORDER.id }))).status).toBe(400);
    expect((await proxy(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }))).status).toBe(200);
    expect(sent.filter((request) => request.url === OPEN_PAYMENTS)).toHaveLength(1);
  });
});

describe('idempotent per customer + order', () => {
  it('two concurrent pays (double click, two tabs): one transaction, the same result', async () => {
    const { db } = mockUpstream();
    const { proxy, sent } = payingProxy();
    const body = { order_id: ORDER.id, token: DEMO_TOKENS.visa };
    const [a, b] = await Promise.all([proxy(pay(body)), proxy(pay(body))]);
    const [first, second] = [await resultOf(a as Response), await resultOf(b as Response)];
    expect(first.state).toBe('succeeded');
    expect(second).toEqual(first);
    expect(db.transactions()).toHaveLength(1);
    expect(sent.filter((request) => request.url === OPEN_PAYMENTS)).toHaveLength(1);
  });

  it('pays once: after a success, paying again answers the same result with no second charge', async () => {
    const { db } = mockUpstream();
    const { proxy, sent } = payingProxy();
    const body = { order_id: ORDER.id, token: DEMO_TOKENS.visa };
    const first = await resultOf(await proxy(pay(body)));
    const again = await resultOf(await proxy(pay({ ...body, token: DEMO_TOKENS.unionpay })));
    expect(again).toEqual(first);
    expect(db.transactions()).toHaveLength(1);
    expect(sent.filter((request) => request.url === OPEN_PAYMENTS)).toHaveLength(1);
  });

  it('a lost answer (…6280): processing, then status and pay again read orders/check: succeeded, one transaction', async () => {
    const { db } = mockUpstream();
    const token = db.addToken(DEMO_UUID, { number: cardOf('lost-answer') }).token;
    const { proxy, sent, logs } = payingProxy();
    const first = await proxy(pay({ order_id: ORDER.id, token }));
    expect(first.status).toBe(200);
    expect(await resultOf(first)).toEqual({ state: 'processing', order: ORDER, token });
    expect(logs.entries.at(-1)).toMatchObject({ level: 'warn' });
    expect(db.transactions()).toHaveLength(1);

    const viaStatus = await resultOf(await proxy(status()));
    const [transaction] = db.transactions();
    expect(viaStatus).toEqual({
      state: 'succeeded',
      order: ORDER,
      token,
      transaction_uuid: transaction?.uuid,
    });
    const viaPay = await resultOf(await proxy(pay({ order_id: ORDER.id, token })));
    expect(viaPay).toEqual(viaStatus);
    expect(db.transactions()).toHaveLength(1);
    expect(sent.filter((request) => request.url === OPEN_PAYMENTS)).toHaveLength(1);
  });

  it('a lost answer, then pay again at once (no status in between): reads orders/check, pays nothing', async () => {
    const { db } = mockUpstream();
    const token = db.addToken(DEMO_UUID, { number: cardOf('lost-answer') }).token;
    const { proxy, sent } = payingProxy();
    await proxy(pay({ order_id: ORDER.id, token }));
    const again = await resultOf(await proxy(pay({ order_id: ORDER.id, token })));
    expect(again.state).toBe('succeeded');
    expect(db.transactions()).toHaveLength(1);
    expect(sent.filter((request) => request.url === OPEN_PAYMENTS)).toHaveLength(1);
  });

  it('two proxy processes sharing a store: concurrent pays wait for one payment', async () => {
    const { db } = mockUpstream();
    const store = createMemoryPaymentStore();
    const a = payingProxy({ payments: { store } });
    const b = payingProxy({ payments: { store } });
    const body = { order_id: ORDER.id, token: DEMO_TOKENS.visa };
    const [first, second] = await Promise.all([a.proxy(pay(body)), b.proxy(pay(body))]);
    expect(await resultOf(second)).toEqual(await resultOf(first));
    const sentBoth = [...a.sent, ...b.sent];
    expect(sentBoth.filter((request) => request.url === OPEN_PAYMENTS)).toHaveLength(1);
    expect(db.transactions()).toHaveLength(1);
  });

  it('status while a (slow) payment is in flight waits for it', async () => {
    const { db } = mockUpstream();
    const token = db.addToken(DEMO_UUID, { number: cardOf('slow') }).token;
    const { proxy, sent } = payingProxy();
    const paying = proxy(pay({ order_id: ORDER.id, token }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = await resultOf(await proxy(status()));
    expect(read.state).toBe('succeeded');
    expect(await resultOf(await paying)).toEqual(read);
    // The status shared the payment's outcome instead of reading orders/check.
    expect(sent.filter((request) => request.url.endsWith('/orders/check'))).toEqual([]);
    expect(db.transactions()).toHaveLength(1);
  }, 10_000);

  it('an order already paid on Wonder (another proxy process): the succeeded result, no second charge', async () => {
    const { db } = mockUpstream();
    const body = { order_id: ORDER.id, token: DEMO_TOKENS.visa };
    const first = await resultOf(await payingProxy().proxy(pay(body)));
    const elsewhere = await resultOf(await payingProxy().proxy(pay(body)));
    expect(elsewhere).toEqual(first);
    expect(db.transactions()).toHaveLength(1);
  });

  it('an order Wonder has as paid without a transaction here: 409 E_ORDER_ALREADY_PAID', async () => {
    const { db } = mockUpstream();
    db.putOrder({
      reference_number: ORDER.reference_number,
      currency: 'HKD',
      amount: '12.50',
      correspondence_state: 'paid',
    });
    const { proxy } = payingProxy();
    const response = await proxy(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }));
    expect(response.status).toBe(409);
    expect((await readJson(response)).error_code).toBe(PAYMENT_ERRORS.orderAlreadyPaid.code);
    expect(db.transactions()).toEqual([]);
  });

  it('status of an order with no payment yet: 404, nothing paid', async () => {
    const { db } = mockUpstream();
    const { proxy } = payingProxy();
    const response = await proxy(status());
    expect(response.status).toBe(404);
    expect((await readJson(response)).error_code).toBe(PAYMENT_ERRORS.orderNotFound.code);
    expect(db.transactions()).toEqual([]);
  });
});

describe('velocity limits on the pay routes', () => {
  it('the limits hook sees pay and paymentStatus (never the body); a refusal is 429 and pays nothing', async () => {
    const { db } = mockUpstream();
    const seen: Array<{ operation: string; route: string; customer: string; body: string }> = [];
    const { proxy } = payingProxy({
      limits: async ({ operation, route, customer, request }) => {
        seen.push({
          operation,
          route,
          customer: customer.referenceNumber,
          body: await request.text(),
        });
        return operation === 'pay' ? { retryAfterSeconds: 30 } : undefined;
      },
    });
    const refused = await proxy(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('30');
    expect(db.transactions()).toHaveLength(0);
    await proxy(status());
    expect(seen).toEqual([
      { operation: 'pay', route: KIT_PAY_PATHS.pay, customer: DEMO_REFERENCE, body: '' },
      {
        operation: 'paymentStatus',
        route: KIT_PAY_PATHS.status,
        customer: DEMO_REFERENCE,
        body: '',
      },
    ]);
  });

  it('createVelocityLimits counts paying as a write: the 61st pay in a minute is refused', async () => {
    mockUpstream();
    const { proxy } = payingProxy({ limits: createVelocityLimits() });
    const answers: number[] = [];
    for (let i = 0; i < 61; i++) {
      answers.push((await proxy(pay({ order_id: ORDER.id, token: DEMO_TOKENS.visa }))).status);
    }
    expect(answers.slice(0, 60).every((code) => code === 200)).toBe(true);
    expect(answers[60]).toBe(429);
    // Reading the payment is a read: not limited.
    expect((await proxy(status())).status).toBe(200);
  });
});
