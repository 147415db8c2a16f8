// @vitest-environment node
import type { PaymentOrder, PaymentResult } from '@savedcards/wire';
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  KIT_PAY_PATHS,
  PAYMENT_ERRORS,
  PROXY_ERRORS,
} from '@savedcards/wire';
import { describe, expect, it } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server.js';
import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  DEMO_ORDER,
  DEMO_TOKENS,
  mockChallengeDecisionUrl,
  PAYMENT_SCENARIO_CARDS,
  VERIFY_URL_BASE,
} from './index.js';
import type { PaymentCardBehaviour } from './index.js';
import type { EnvelopeA } from './testClient.js';

const ORDER: PaymentOrder = {
  id: DEMO_ORDER.id,
  reference_number: DEMO_ORDER.reference,
  amount: '128.00',
  currency: 'HKD',
};
const PAY_URL = `${TEST_BASE_URL}${KIT_PAY_PATHS.pay}`;
const STATUS_URL = `${TEST_BASE_URL}${KIT_PAY_PATHS.status}`;

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const pay = (token: string, extra: Record<string, unknown> = {}) =>
  post(PAY_URL, { order_id: ORDER.id, token, ...extra });
const status = (orderId = ORDER.id) => post(STATUS_URL, { order_id: orderId });

async function resultOf(response: Response | Promise<Response>): Promise<PaymentResult> {
  const answered = await response;
  const body = (await answered.json()) as EnvelopeA<PaymentResult>;
  expect(answered.status).toBe(200);
  expect(body.error_code).toBe('');
  return body.data;
}

async function errorOf(response: Response | Promise<Response>) {
  const answered = await response;
  const body = (await answered.json()) as EnvelopeA<null>;
  return { status: answered.status, code: body.error_code, message: body.error_message };
}

function cardOf(payment: PaymentCardBehaviour): string {
  const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === payment);
  if (!card) throw new Error(`no card for ${payment}`);
  return card.number;
}

/** A saved token of the demo customer for this payment scenario card. */
const savedToken = (payment: PaymentCardBehaviour) =>
  db.addToken(DEMO_CUSTOMER.uuid, { number: cardOf(payment) }).token;

const decide = (uuid: string, decision: 'approve' | 'decline') =>
  fetch(mockChallengeDecisionUrl(TEST_BASE_URL, uuid), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ decision }),
  });

describe('POST {baseUrl}/savedcards/v1/payments in browser-only mode', () => {
  it('pays the order book’s order: succeeded, one signed-off success in the ledger, order paid', async () => {
    const result = await resultOf(pay(DEMO_TOKENS.visa));
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
      amount: '128.00',
      currency: 'HKD',
      payment_token: DEMO_TOKENS.visa,
      consume_mode: 'sales',
      entry_type: 'cit',
    });
    expect(db.getOrder(ORDER.reference_number)?.correspondence_state).toBe('paid');
  });

  const expected: Record<PaymentCardBehaviour, Partial<PaymentResult> | 'lost'> = {
    approve: { state: 'succeeded' },
    slow: { state: 'succeeded' },
    decline: {
      state: 'failed',
      failure: expect.objectContaining({ reason: 'declined', code: 'E300005' }),
    },
    'insufficient-funds': {
      state: 'failed',
      failure: expect.objectContaining({ reason: 'insufficient_funds', code: 'E300061' }),
    },
    'challenge-approve': { state: 'requires_action' },
    'challenge-decline': { state: 'requires_action' },
    'lost-answer': 'lost',
  };

  it.each(PAYMENT_SCENARIO_CARDS.map((card) => [card.payment, card.number] as const))(
    'scenario card %s (%s) answers as the proxy does',
    async (behaviour) => {
      const token = savedToken(behaviour);
      const want = expected[behaviour];
      if (want === 'lost') {
        await expect(pay(token)).rejects.toThrow();
        expect(db.transactions()).toEqual([expect.objectContaining({ state: 'success' })]);
        return;
      }
      const result = await resultOf(pay(token));
      const [transaction] = db.transactions();
      expect(result).toMatchObject({
        ...want,
        order: ORDER,
        token,
        transaction_uuid: transaction?.uuid,
      });
      if (want.state === 'requires_action') {
        expect(result.redirect_url).toBe(`${VERIFY_URL_BASE}${transaction?.uuid}`);
      }
      if (want.state === 'failed') expect(result.failure?.message).toEqual(expect.any(String));
      expect(db.transactions()).toHaveLength(1);
    },
    10_000,
  );

  it('an expired card fails with expired_card', async () => {
    const token = db.addToken(DEMO_CUSTOMER.uuid, { exp_month: '01', exp_year: '2020' }).token;
    const result = await resultOf(pay(token));
    expect(result).toMatchObject({ state: 'failed', failure: { reason: 'expired_card' } });
  });

  it('ignores a tampered amount, currency and customer: the ledger has the order book’s amount', async () => {
    const result = await resultOf(
      pay(DEMO_TOKENS.visa, { amount: '0.01', currency: 'USD', customer: 'someone-else' }),
    );
    expect(result).toMatchObject({ state: 'succeeded', order: ORDER });
    expect(db.transactions()).toEqual([
      expect.objectContaining({ amount: '128.00', currency: 'HKD' }),
    ]);
    expect(db.getOrder(ORDER.reference_number)).toMatchObject({
      amount: '128.00',
      currency: 'HKD',
    });
  });

  it('translates a failure’s gateway message into the asked language (x-i18n-lang)', async () => {
    const token = savedToken('decline');
    const body = (await (
      await post(PAY_URL, { order_id: ORDER.id, token }, { 'x-i18n-lang': 'zh-HK' })
    ).json()) as EnvelopeA<PaymentResult>;
    expect(body.data.failure).toEqual({
      reason: 'declined',
      code: 'E300005',
      message: '發卡機構拒絕了此付款。',
    });
  });
});

describe('idempotent per order', () => {
  it('after a success, paying again (another card even) answers the same, with no second charge', async () => {
    const first = await resultOf(pay(DEMO_TOKENS.visa));
    const again = await resultOf(pay(DEMO_TOKENS.unionpay));
    expect(again).toEqual(first);
    expect(db.transactions()).toHaveLength(1);
  });

  it('two concurrent pays (double click): one charge, the same result', async () => {
    const [a, b] = await Promise.all([
      resultOf(pay(DEMO_TOKENS.visa)),
      resultOf(pay(DEMO_TOKENS.visa)),
    ]);
    expect(a.state).toBe('succeeded');
    expect(b).toEqual(a);
    expect(db.transactions()).toHaveLength(1);
  });

  it('a lost answer: a network error, then status says succeeded, then pay again charges nothing', async () => {
    const token = savedToken('lost-answer');
    await expect(pay(token)).rejects.toThrow(TypeError);
    const [transaction] = db.transactions();
    expect(transaction?.state).toBe('success');

    const viaStatus = await resultOf(status());
    expect(viaStatus).toEqual({
      state: 'succeeded',
      order: ORDER,
      token,
      transaction_uuid: transaction?.uuid,
    });
    const viaPay = await resultOf(pay(token));
    expect(viaPay).toEqual(viaStatus);
    expect(db.transactions()).toHaveLength(1);
  });

  it('a failure may be paid again with a good card: a second transaction, succeeded', async () => {
    const declined = await resultOf(pay(savedToken('decline')));
    expect(declined.state).toBe('failed');
    expect(await resultOf(status())).toEqual(declined);
    const paid = await resultOf(pay(DEMO_TOKENS.visa));
    expect(paid).toMatchObject({ state: 'succeeded', token: DEMO_TOKENS.visa });
    expect(db.transactions().map((t) => t.state)).toEqual(['failed', 'success']);
  });

  it('status while a slow payment is in flight waits for it', async () => {
    const paying = resultOf(pay(savedToken('slow')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = await resultOf(status());
    expect(read.state).toBe('succeeded');
    expect(await paying).toEqual(read);
    expect(db.transactions()).toHaveLength(1);
  }, 10_000);

  it('an order Wonder has as paid without a transaction: 409 E_ORDER_ALREADY_PAID', async () => {
    db.putOrder({
      reference_number: ORDER.reference_number,
      currency: 'HKD',
      amount: '128.00',
      correspondence_state: 'paid',
    });
    expect(await errorOf(pay(DEMO_TOKENS.visa))).toMatchObject({
      status: 409,
      code: PAYMENT_ERRORS.orderAlreadyPaid.code,
    });
    expect(db.transactions()).toEqual([]);
  });
});

describe('3-D Secure on a payment', () => {
  it.each([
    ['challenge-approve', 'approve', 'succeeded', undefined, 'paid'],
    ['challenge-approve', 'decline', 'failed', 'authentication_failed', 'unpaid'],
    ['challenge-decline', 'approve', 'failed', 'declined', 'unpaid'],
  ] as const)(
    '%s, %s on the bank page’s decision route: status says %s',
    async (card, decision, state, reason, orderState) => {
      const token = savedToken(card);
      const first = await resultOf(pay(token));
      expect(first.state).toBe('requires_action');

      // Before the cardholder decides: the same redirect again, from status and from pay.
      const waiting = await resultOf(status());
      expect(waiting).toMatchObject({ state: 'requires_action', redirect_url: first.redirect_url });
      expect(await resultOf(pay(token))).toEqual(waiting);
      expect(db.transactions()).toHaveLength(1);

      const decided = await decide(first.transaction_uuid ?? '', decision);
      expect(decided.status).toBe(200);
      const after = await resultOf(status());
      expect(after).toMatchObject({ state, transaction_uuid: first.transaction_uuid });
      expect(after.failure?.reason).toBe(reason);
      expect(db.getOrder(ORDER.reference_number)?.correspondence_state).toBe(orderState);
      expect(db.transactions()).toHaveLength(1);
    },
  );

  it('redirect_url is the bank page the add-card flow uses (challengeUrl), posting back to baseUrl', async () => {
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        challengeUrl: ({ verifyUuid, baseUrl }) =>
          `https://shop.test/mock-3ds/challenge.html?verify_uuid=${verifyUuid}&base=${encodeURIComponent(baseUrl)}`,
      }),
    );
    const first = await resultOf(pay(savedToken('challenge-approve')));
    const url = new URL(first.redirect_url ?? '');
    expect(url.pathname).toBe('/mock-3ds/challenge.html');
    expect(url.searchParams.get('verify_uuid')).toBe(first.transaction_uuid);
    expect(url.searchParams.get('base')).toBe(TEST_BASE_URL);
  });

  it('a decision the bank page left in the mailbox is applied by the next status', async () => {
    const items = new Map<string, string>();
    const mailbox = {
      getItem: (key: string) => items.get(key) ?? null,
      removeItem: (key: string) => void items.delete(key),
    };
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, challengeMailbox: mailbox }));
    const first = await resultOf(pay(savedToken('challenge-approve')));
    items.set(`savedcards-mock-3ds:${first.transaction_uuid}`, 'approve');
    expect(await resultOf(status())).toMatchObject({ state: 'succeeded' });
    expect(items.size).toBe(0);
  });
});

describe('refusals, as the proxy refuses', () => {
  it('an unknown order: 404 E_ORDER_NOT_FOUND from pay and status, nothing paid', async () => {
    expect(
      await errorOf(post(PAY_URL, { order_id: 'order-404', token: DEMO_TOKENS.visa })),
    ).toEqual({ status: 404, code: PAYMENT_ERRORS.orderNotFound.code, message: 'No such order.' });
    expect(await errorOf(status('order-404'))).toMatchObject({ status: 404 });
    expect(db.transactions()).toEqual([]);
  });

  it('status of an order with no payment yet: 404 E_ORDER_NOT_FOUND', async () => {
    expect(await errorOf(status())).toEqual({
      status: 404,
      code: PAYMENT_ERRORS.orderNotFound.code,
      message: 'No payment of this order has reached Wonder Gateway.',
    });
  });

  it('another customer’s token, or an unknown one: 403 E_FORBIDDEN_TOKEN, nothing paid', async () => {
    const other = db.upsertCustomer({ reference_number: 'other-customer', name: 'O', phone: '1' });
    const foreign = db.addToken(other.uuid, {}).token;
    for (const token of [foreign, 'no-such-token']) {
      expect(await errorOf(pay(token))).toMatchObject({
        status: 403,
        code: PROXY_ERRORS.forbiddenToken.code,
      });
    }
    expect(db.transactions()).toEqual([]);
    expect(db.orders()).toEqual([]);
  });

  it('the customer’s token that is not usable (pending): Wonder’s refusal relayed, nothing paid', async () => {
    expect(await errorOf(pay(DEMO_TOKENS.pending))).toMatchObject({ status: 400, code: 'E200002' });
    expect(db.transactions()).toEqual([]);
  });

  it('no marker header (403), a GET (405), a wrong type (415), bad JSON and shapes (400)', async () => {
    const body = { order_id: ORDER.id, token: DEMO_TOKENS.visa };
    const noMarker = await fetch(PAY_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(await errorOf(noMarker)).toMatchObject({ status: 403, code: 'E_CSRF' });
    const get = await fetch(PAY_URL);
    expect(get.status).toBe(405);
    expect(get.headers.get('Allow')).toBe('POST');
    expect(await errorOf(post(PAY_URL, body, { 'Content-Type': 'text/plain' }))).toMatchObject({
      status: 415,
    });
    expect(await errorOf(post(PAY_URL, '{not json'))).toMatchObject({ code: 'E_INVALID_JSON' });
    expect(await errorOf(post(PAY_URL, { order_id: ORDER.id }))).toMatchObject({
      status: 400,
      code: 'E_INVALID_BODY',
    });
    expect(await errorOf(post(STATUS_URL, [1]))).toMatchObject({ code: 'E_INVALID_BODY' });
    expect(await errorOf(post(PAY_URL, { ...body, pad: 'x'.repeat(3000) }))).toMatchObject({
      status: 413,
    });
    expect(db.transactions()).toEqual([]);
  });
});

describe('scenarios', () => {
  it('a failure scenario answers the kit’s routes too (envelope A) and pays nothing', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'server-error' }));
    expect(await errorOf(pay(DEMO_TOKENS.visa))).toMatchObject({ status: 500, code: 'E000500' });
    expect(db.transactions()).toEqual([]);
  });
});

describe('the resolveOrder option', () => {
  it('replaces the order book: its amount is charged, its customer’s tokens pay', async () => {
    const other = db.upsertCustomer({ reference_number: 'shopper-2', name: 'S', phone: '2' });
    const token = db.addToken(other.uuid, {}).token;
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        resolveOrder: async (id) =>
          id === 'cart-7' ? { id, amount: '7.70', currency: 'USD', customer: 'shopper-2' } : null,
      }),
    );
    expect(await errorOf(pay(token))).toMatchObject({ status: 404 });
    const result = await resultOf(post(PAY_URL, { order_id: 'cart-7', token }));
    expect(result).toMatchObject({
      state: 'succeeded',
      order: { id: 'cart-7', reference_number: 'cart-7', amount: '7.70', currency: 'USD' },
    });
    expect(
      await errorOf(post(PAY_URL, { order_id: 'cart-7', token: DEMO_TOKENS.visa })),
    ).toMatchObject({ status: 403 });
    expect(db.transactions()).toEqual([expect.objectContaining({ amount: '7.70' })]);
  });

  it('an order that is not clean (a zero amount) answers 500 E_INTERNAL and pays nothing', async () => {
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        resolveOrder: (id) => ({ id, amount: '0.00', currency: 'HKD' }),
      }),
    );
    expect(await errorOf(pay(DEMO_TOKENS.visa))).toMatchObject({
      status: 500,
      code: PROXY_ERRORS.internal.code,
    });
    expect(db.transactions()).toEqual([]);
  });
});
