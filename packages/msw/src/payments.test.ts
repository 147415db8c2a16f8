// @vitest-environment node
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import type { CheckOrderAnswer, OpenPaymentsAnswer } from '@savedcards/wire';
import { passesLuhn, PAYMENT_GATEWAY_ERRORS } from '@savedcards/wire';
import { describe, expect, it, vi } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server.js';
import {
  createGatewayDb,
  createGatewayHandlers,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  decidePaymentChallenge,
  GATEWAY_ERROR_CODES,
  maskCardNumber,
  mockChallengeDecisionUrl,
  OPENAPI_PREFIX,
  PAYMENT_SCENARIO_CARDS,
  SCENARIO_CARDS,
  SLOW_PAYMENT_MS,
  VERIFY_URL_BASE,
} from './index.js';
import type { PaymentCardBehaviour } from './index.js';
import { paymentBehaviourOf } from './scenarioCards.js';
import { call, callJson, type EnvelopeA, type EnvelopeB } from './testClient.js';

const demo = DEMO_CUSTOMER.uuid;

function cardOf(payment: PaymentCardBehaviour): string {
  const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === payment);
  if (!card) throw new Error(`no card for ${payment}`);
  return card.number;
}

/** A saved token of the demo customer for this payment scenario card (stored masked). */
function savedToken(payment: PaymentCardBehaviour): string {
  return db.addToken(demo, { number: cardOf(payment) }).token;
}

function payBody(
  token: string,
  options: { reference?: string; amount?: string; currency?: string; existing?: boolean } = {},
) {
  const reference = options.reference ?? 'order-1';
  const payment = {
    payment_token: {
      amount: options.amount ?? '12.50',
      token,
      consume_mode: 'sales',
      entry_type: 'mit',
    },
  };
  return options.existing
    ? { payment, reference_number: reference }
    : { payment, order: { currency: options.currency ?? 'HKD', reference_number: reference } };
}

const pay = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${TEST_BASE_URL}${OPENAPI_PREFIX}/open_payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as EnvelopeA<OpenPaymentsAnswer | null>,
  }));
const check = (reference = 'order-1') =>
  callJson<EnvelopeA<CheckOrderAnswer | null>>('POST', '/orders/check', {
    order: { reference_number: reference },
  });

function expectError(
  response: { status: number; body: EnvelopeA<unknown> },
  expected: { code: string; status: number },
) {
  expect(response.status).toBe(expected.status);
  expect(response.body).toEqual({
    error_code: expected.code,
    error_message: expect.any(String),
    data: null,
  });
  expect(response.body.error_message).not.toBe('');
}

describe('POST /open_payments: outcomes by card', () => {
  it('approves a frictionless card: one success transaction, the order paid', async () => {
    const { status, body } = await pay(payBody(DEMO_TOKENS.visa));
    expect(status).toBe(200);
    expect(body.error_code).toBe('');
    expect(body.data).toEqual({
      order: {
        reference_number: 'order-1',
        currency: 'HKD',
        amount: '12.50',
        correspondence_state: 'paid',
      },
      transaction: {
        uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        state: 'success',
        amount: '12.50',
        currency: 'HKD',
        allowed_void: true,
        payment_token: DEMO_TOKENS.visa,
        consume_mode: 'sales',
        entry_type: 'mit',
        error_code: '',
        error_msg: '',
      },
    });
    expect(db.transactions()).toEqual([body.data?.transaction]);
    expect(db.getOrder('order-1')?.correspondence_state).toBe('paid');
  });

  it.each([
    ['decline', PAYMENT_GATEWAY_ERRORS.transactionDeclined],
    ['insufficient-funds', PAYMENT_GATEWAY_ERRORS.transactionInsufficientFunds],
  ] as const)('%s: a failed transaction with its code, the order unpaid', async (card, error) => {
    const token = savedToken(card);
    const { status, body } = await pay(payBody(token));
    expect(status).toBe(200);
    expect(body.data?.transaction).toMatchObject({
      state: 'failed',
      allowed_void: false,
      error_code: error.code,
      error_msg: error.message,
    });
    expect(body.data?.transaction).not.toHaveProperty('3ds');
    expect(body.data?.order.correspondence_state).toBe('unpaid');
    expect(db.transactions('order-1')).toHaveLength(1);
  });

  it('fails an expired card whatever its number (the demo Amex)', async () => {
    const { body } = await pay(payBody(DEMO_TOKENS.amex));
    expect(body.data?.transaction).toMatchObject({
      state: 'failed',
      error_code: PAYMENT_GATEWAY_ERRORS.transactionExpiredCard.code,
    });
  });

  it('a declined order can be paid again with another card, by its reference_number', async () => {
    await pay(payBody(savedToken('decline')));
    const again = await pay(payBody(DEMO_TOKENS.visa, { existing: true }));
    expect(again.status).toBe(200);
    expect(again.body.data?.transaction.state).toBe('success');
    expect(db.transactions('order-1').map((t) => t.state)).toEqual(['failed', 'success']);
    const { body } = await check();
    expect(body.data?.order.correspondence_state).toBe('paid');
    expect(body.data?.transactions.map((t) => t.state)).toEqual(['failed', 'success']);
  });

  it(`the slow card answers after ${SLOW_PAYMENT_MS} ms, approved`, async () => {
    const token = savedToken('slow');
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let answered = false;
      const pending = pay(payBody(token)).then((response) => {
        answered = true;
        return response;
      });
      await vi.advanceTimersByTimeAsync(SLOW_PAYMENT_MS - 10);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(20);
      const { status, body } = await pending;
      expect(status).toBe(200);
      expect(body.data?.transaction.state).toBe('success');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('POST /open_payments: 3-D Secure on payment', () => {
  it('answers a pending transaction with 3ds.redirect_url; Approve pays the order', async () => {
    const token = savedToken('challenge-approve');
    const { status, body } = await pay(payBody(token));
    expect(status).toBe(200);
    const transaction = body.data?.transaction;
    expect(transaction).toMatchObject({ state: 'pending', allowed_void: false });
    expect(transaction?.['3ds']?.redirect_url).toBe(`${VERIFY_URL_BASE}${transaction?.uuid}`);
    expect(body.data?.order.correspondence_state).toBe('unpaid');

    const pending = await check();
    expect(pending.body.data?.transactions).toEqual([transaction]);

    // No second payment while the first waits for the cardholder.
    expectError(
      await pay(payBody(DEMO_TOKENS.visa, { existing: true })),
      PAYMENT_GATEWAY_ERRORS.paymentInProgress,
    );

    // The challenge page's Approve button, through the mock's decision route.
    const decided = await fetch(mockChallengeDecisionUrl(TEST_BASE_URL, transaction?.uuid ?? ''), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ state: 'success' });

    const after = await check();
    expect(after.body.data?.order.correspondence_state).toBe('paid');
    expect(after.body.data?.transactions).toEqual([
      expect.objectContaining({ uuid: transaction?.uuid, state: 'success', allowed_void: true }),
    ]);
    expect(after.body.data?.transactions[0]).not.toHaveProperty('3ds');
    expect(db.transactions()).toHaveLength(1);
  });

  it('Decline fails the payment (authentication failed); deciding again changes nothing', async () => {
    const { body } = await pay(payBody(savedToken('challenge-approve')));
    const uuid = body.data?.transaction.uuid ?? '';
    const declined = decidePaymentChallenge(db, uuid, 'decline');
    expect(declined).toMatchObject({
      ok: true,
      transaction: {
        state: 'failed',
        error_code: PAYMENT_GATEWAY_ERRORS.transactionAuthenticationFailed.code,
      },
    });
    expect(decidePaymentChallenge(db, uuid, 'approve')).toMatchObject({
      ok: true,
      transaction: { state: 'failed' },
    });
    expect(db.getOrder('order-1')?.correspondence_state).toBe('unpaid');
  });

  it('challenge-decline: the issuer declines even after Approve', async () => {
    const { body } = await pay(payBody(savedToken('challenge-decline')));
    const result = decidePaymentChallenge(db, body.data?.transaction.uuid ?? '', 'approve');
    expect(result).toMatchObject({
      ok: true,
      transaction: { state: 'failed', error_code: PAYMENT_GATEWAY_ERRORS.transactionDeclined.code },
    });
    expect((await check()).body.data?.order.correspondence_state).toBe('unpaid');
  });

  it('an unknown uuid is not a payment: the token challenge route answers 404', async () => {
    expect(decidePaymentChallenge(db, 'nope', 'approve')).toMatchObject({ ok: false });
    const response = await fetch(mockChallengeDecisionUrl(TEST_BASE_URL, 'nope'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(response.status).toBe(404);
  });

  it('orders/check applies a decision the challenge page left in the mailbox', async () => {
    const stored = new Map<string, string>();
    const mailbox = {
      getItem: (key: string) => stored.get(key) ?? null,
      removeItem: (key: string) => void stored.delete(key),
    };
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, challengeMailbox: mailbox }));
    const { body } = await pay(payBody(savedToken('challenge-approve')));
    const uuid = body.data?.transaction.uuid ?? '';
    stored.set(`savedcards-mock-3ds:${uuid}`, 'approve');
    const after = await check();
    expect(after.body.data?.transactions[0]?.state).toBe('success');
    expect(after.body.data?.order.correspondence_state).toBe('paid');
    expect(stored.size).toBe(0);
  });
});

describe('POST /open_payments: refusals', () => {
  it('refuses an order that is already paid, and records no second transaction', async () => {
    await pay(payBody(DEMO_TOKENS.visa));
    expectError(await pay(payBody(DEMO_TOKENS.visa)), PAYMENT_GATEWAY_ERRORS.orderAlreadyPaid);
    expectError(
      await pay(payBody(DEMO_TOKENS.mastercard, { existing: true })),
      PAYMENT_GATEWAY_ERRORS.orderAlreadyPaid,
    );
    expect(db.transactions()).toHaveLength(1);
  });

  it('loses the answer after charging: exactly one transaction, which orders/check reports', async () => {
    const token = savedToken('lost-answer');
    await expect(
      call('POST', '/open_payments', payBody(token, { reference: 'order-lost' })),
    ).rejects.toThrow(TypeError);
    expect(db.transactions()).toEqual([
      expect.objectContaining({ state: 'success', payment_token: token }),
    ]);
    // Paying again (a retry after the lost answer) is refused, not charged twice.
    expectError(
      await pay(payBody(token, { reference: 'order-lost' })),
      PAYMENT_GATEWAY_ERRORS.orderAlreadyPaid,
    );
    const { status, body } = await check('order-lost');
    expect(status).toBe(200);
    expect(body.data?.order.correspondence_state).toBe('paid');
    expect(body.data?.transactions).toEqual(db.transactions());
    expect(db.transactions()).toHaveLength(1);
  });

  it('refuses a different amount or currency for an existing order', async () => {
    await pay(payBody(savedToken('decline')));
    expectError(
      await pay(payBody(DEMO_TOKENS.visa, { amount: '12.51' })),
      PAYMENT_GATEWAY_ERRORS.orderMismatch,
    );
    expectError(
      await pay(payBody(DEMO_TOKENS.visa, { currency: 'USD' })),
      PAYMENT_GATEWAY_ERRORS.orderMismatch,
    );
    // The same amount written differently is the same amount.
    expect((await pay(payBody(DEMO_TOKENS.visa, { amount: '12.5' }))).status).toBe(200);
    expect(db.transactions()).toHaveLength(2);
  });

  it('refuses an unknown order reference_number', async () => {
    expectError(
      await pay(payBody(DEMO_TOKENS.visa, { existing: true, reference: 'nope' })),
      PAYMENT_GATEWAY_ERRORS.orderNotFound,
    );
  });

  it('refuses an unknown token and a token that is not success; no order is made', async () => {
    expectError(await pay(payBody('no-such-token')), GATEWAY_ERROR_CODES.tokenNotFound);
    expectError(await pay(payBody(DEMO_TOKENS.pending)), GATEWAY_ERROR_CODES.tokenNotUsable);
    expectError(await pay(payBody(DEMO_TOKENS.failed)), GATEWAY_ERROR_CODES.tokenNotUsable);
    expect(db.orders()).toEqual([]);
    expect(db.transactions()).toEqual([]);
  });

  const valid = payBody(DEMO_TOKENS.visa);
  const withToken = (patch: Record<string, unknown>) => ({
    ...valid,
    payment: { payment_token: { ...valid.payment.payment_token, ...patch } },
  });
  it.each([
    ['no body', null],
    ['no payment', { order: valid.order }],
    ['amount missing', withToken({ amount: undefined })],
    ['amount a number', withToken({ amount: 12.5 })],
    ['amount zero', withToken({ amount: '0.00' })],
    ['amount negative', withToken({ amount: '-1.00' })],
    ['amount with 3 decimals', withToken({ amount: '1.234' })],
    ['amount in exponent form', withToken({ amount: '1e3' })],
    ['amount with a leading zero', withToken({ amount: '012.50' })],
    ['token missing', withToken({ token: '' })],
    ['consume_mode unknown', withToken({ consume_mode: 'capture' })],
    ['entry_type missing', withToken({ entry_type: undefined })],
    ['currency lower case', { ...valid, order: { ...valid.order, currency: 'hkd' } }],
    ['currency of two letters', { ...valid, order: { ...valid.order, currency: 'HK' } }],
    ['order reference_number missing', { ...valid, order: { currency: 'HKD' } }],
    ['neither order nor reference_number', { payment: valid.payment }],
    ['both order and reference_number', { ...valid, reference_number: 'order-1' }],
    ['line_items not an array', { ...valid, order: { ...valid.order, line_items: {} } }],
  ])('answers E000001 when %s, and records nothing', async (_case, body) => {
    const response = await pay(body);
    expectError(response, GATEWAY_ERROR_CODES.invalidParameter);
    expect(db.orders()).toEqual([]);
    expect(db.transactions()).toEqual([]);
  });

  it('answers E000001 for a body that is not JSON', async () => {
    const response = await call('POST', '/open_payments', '{"payment":');
    expect(response.status).toBe(400);
    expect(((await response.json()) as EnvelopeA<null>).error_code).toBe(
      GATEWAY_ERROR_CODES.invalidParameter.code,
    );
  });
});

describe('POST /orders/check', () => {
  it('answers 404 for an unknown order and E000001 without a reference_number', async () => {
    expectError(await check('nope'), PAYMENT_GATEWAY_ERRORS.orderNotFound);
    expectError(
      await callJson<EnvelopeA<null>>('POST', '/orders/check', { order: {} }),
      GATEWAY_ERROR_CODES.invalidParameter,
    );
  });

  it('db.reset() clears the ledger', async () => {
    await pay(payBody(DEMO_TOKENS.visa));
    expect(db.orders()).toHaveLength(1);
    db.reset();
    expect(db.orders()).toEqual([]);
    expect(db.transactions()).toEqual([]);
    expectError(await check(), PAYMENT_GATEWAY_ERRORS.orderNotFound);
    // Uuids start again, as for every other id.
    const first = (await pay(payBody(DEMO_TOKENS.visa))).body.data?.transaction.uuid;
    db.reset();
    expect((await pay(payBody(DEMO_TOKENS.visa))).body.data?.transaction.uuid).toBe(first);
  });

  it('keeps the ledger in persisted state across page loads', () => {
    const saved = new Map<string, string>();
    const storage = {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
    };
    const first = createGatewayDb({ persist: storage });
    first.putOrder({
      reference_number: 'r',
      currency: 'HKD',
      amount: '1.00',
      correspondence_state: 'unpaid',
    });
    first.addTransaction('r', {
      state: 'success',
      amount: '1.00',
      currency: 'HKD',
      allowed_void: true,
      payment_token: DEMO_TOKENS.visa,
      consume_mode: 'sales',
      entry_type: 'mit',
      error_code: '',
      error_msg: '',
    });
    const second = createGatewayDb({ persist: storage });
    expect(second.orders()).toEqual(first.orders());
    expect(second.transactions()).toEqual(first.transactions());
  });
});

describe('payments: language, envelope and scenarios', () => {
  it('answers refusals and failed transactions in the language asked for', async () => {
    const failed = await pay(payBody(savedToken('insufficient-funds')), { 'x-i18n-lang': 'zh-HK' });
    expect(failed.body.data?.transaction.error_msg).toBe('餘額不足。');
    await pay(payBody(DEMO_TOKENS.visa, { reference: 'order-2' }));
    const refused = await pay(payBody(DEMO_TOKENS.visa, { reference: 'order-2' }), {
      'x-i18n-lang': 'zh-CN',
    });
    expect(refused.body.error_message).toBe('此订单已付款。');
    expect(db.transactions()[0]?.error_msg).toBe('Insufficient funds.');
  });

  it('answers in envelope B under that scenario', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-b' }));
    const response = await call('POST', '/open_payments', payBody(DEMO_TOKENS.visa));
    const body = (await response.json()) as EnvelopeB<OpenPaymentsAnswer>;
    expect(body).toMatchObject({ code: 0, data: { transaction: { state: 'success' } } });
  });

  it('fails with the server-error scenario and records nothing', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'server-error' }));
    expectError(await pay(payBody(DEMO_TOKENS.visa)), GATEWAY_ERROR_CODES.internalError);
    expect(db.transactions()).toEqual([]);
  });
});

describe('payments behind the signature check', () => {
  const SANDBOX = 'https://gateway-stg.wonder.today';
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const uri = `${OPENAPI_PREFIX}/open_payments`;

  /** GATEWAY.md §2 with node:crypto, signed now. */
  function signed(body: string, privateKey = keys.privateKey): Record<string, string> {
    const time = new Date()
      .toISOString()
      .replace(/[-:T]/g, '')
      .replace(/\.\d+Z$/, '');
    const nonce = `${Math.random().toString(36).slice(2)}0000000000000000`.slice(0, 16);
    const k1 = createHmac('sha256', nonce).update(time).digest();
    const k2 = createHmac('sha256', k1).update('Wonder-RSA-SHA256').digest();
    const message = createHmac('sha256', k2).update(`POST\n${uri}\n${body}`).digest('hex');
    return {
      'Content-Type': 'application/json',
      Credential: `app/${time}/Wonder-RSA-SHA256`,
      Nonce: nonce,
      Signature: sign('sha256', Buffer.from(message), privateKey).toString('base64'),
    };
  }

  function mount() {
    const signedDb = createGatewayDb();
    server.use(
      ...createGatewayHandlers({
        baseUrl: SANDBOX,
        db: signedDb,
        verifySignature: { publicKey: keys.publicKey },
      }),
    );
    return signedDb;
  }

  it('refuses an unsigned or wrongly signed payment with 401 E000002 and charges nothing', async () => {
    const signedDb = mount();
    const body = JSON.stringify(payBody(DEMO_TOKENS.visa));
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    for (const headers of [
      { 'Content-Type': 'application/json' },
      signed(body, other.privateKey),
    ]) {
      const response = await fetch(`${SANDBOX}${uri}`, { method: 'POST', headers, body });
      expect(response.status).toBe(401);
      expect(((await response.json()) as EnvelopeA<null>).error_code).toBe('E000002');
    }
    expect(signedDb.transactions()).toEqual([]);
  });

  it('serves a correctly signed payment', async () => {
    const signedDb = mount();
    const body = JSON.stringify(payBody(DEMO_TOKENS.visa));
    const headers = signed(body);
    const response = await fetch(`${SANDBOX}${uri}`, { method: 'POST', headers, body });
    expect(response.status).toBe(200);
    expect(signedDb.transactions()).toHaveLength(1);
  });
});

describe('PAYMENT_SCENARIO_CARDS', () => {
  it.each(PAYMENT_SCENARIO_CARDS.map((card) => [card.number, card.payment]))(
    '%s (%s) is valid, saves frictionlessly and is read back from its masked number',
    (number, payment) => {
      expect(passesLuhn(number)).toBe(true);
      expect(SCENARIO_CARDS.some((card) => card.number === number)).toBe(false);
      expect(paymentBehaviourOf(maskCardNumber(number))).toBe(payment);
    },
  );

  it('every other card approves, the add-card scenario cards and the demo seed included', () => {
    for (const card of SCENARIO_CARDS) {
      expect(paymentBehaviourOf(maskCardNumber(card.number))).toBe('approve');
    }
    for (const token of db.listTokens(demo)) {
      expect(paymentBehaviourOf(token.credit_card.number)).toBe('approve');
    }
  });
});
