import {
  DEMO_CUSTOMER,
  DEMO_ORDER,
  DEMO_TOKENS,
  mockChallengeDecisionUrl,
  PAYMENT_SCENARIO_CARDS,
  type PaymentCardBehaviour,
} from '@savedcards/msw';
import { KIT_PAY_PATHS } from '@savedcards/wire';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  createGatewayClient,
  handleThreeDSReturn,
  PaymentObserver,
  type PaymentFlowState,
  type PaymentObserverOptions,
  PENDING_PAYMENT_KEY,
  readPendingPayment,
  readPaymentResult,
} from './index.js';

const PAY_URL = `${TEST_BASE_URL}${KIT_PAY_PATHS.pay}`;
const STATUS_URL = `${TEST_BASE_URL}${KIT_PAY_PATHS.status}`;
const client = createGatewayClient({ baseUrl: TEST_BASE_URL, timeoutMs: 2000 });

function tokenFor(payment: PaymentCardBehaviour): string {
  const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === payment);
  if (!card) throw new Error(`no scenario card for ${payment}`);
  return db.addToken(DEMO_CUSTOMER.uuid, { number: card.number }).token;
}

const observers: PaymentObserver[] = [];
afterEach(() => {
  for (const observer of observers.splice(0)) observer.destroy();
});

function observe(options: Partial<PaymentObserverOptions> = {}) {
  const observer = new PaymentObserver({
    client,
    orderId: DEMO_ORDER.id,
    poll: { initialMs: 5, factor: 1, maxMs: 5 },
    timeoutMs: 400,
    ...options,
  });
  observers.push(observer);
  const seen: PaymentFlowState['status'][] = [];
  observer.subscribe(() => {
    const { status } = observer.getSnapshot();
    if (seen.at(-1) !== status) seen.push(status);
  });
  return { observer, seen };
}

/** Resolves with the first state that matches. */
function until(
  observer: PaymentObserver,
  match: (state: PaymentFlowState) => boolean,
): Promise<PaymentFlowState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = observer.getSnapshot();
      if (match(state)) {
        stop();
        clearTimeout(timer);
        resolve(state);
      }
    };
    const stop = observer.subscribe(check);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`state stayed ${observer.getSnapshot().status}`));
    }, 3000);
    check();
  });
}
const settled = (state: PaymentFlowState) =>
  ['succeeded', 'failed', 'unknown', 'requires_action'].includes(state.status);

/** Counts the kit's pay requests that reach the network. */
function countPays() {
  const count = { pay: 0, status: 0 };
  const listener = ({ request }: { request: Request }) => {
    if (request.url === PAY_URL) count.pay += 1;
    if (request.url === STATUS_URL) count.status += 1;
  };
  server.events.on('request:start', listener);
  return count;
}

const decide = (uuid: string, decision: 'approve' | 'decline') =>
  fetch(mockChallengeDecisionUrl(TEST_BASE_URL, uuid), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ decision }),
  });

describe('PaymentObserver: pay with a saved card', () => {
  it('pays the order at the server’s amount and says so once', async () => {
    const onSucceeded = vi.fn();
    const { observer, seen } = observe({ onSucceeded });
    await observer.pay(DEMO_TOKENS.visa);
    const state = await until(observer, settled);
    expect(state).toMatchObject({
      status: 'succeeded',
      token: DEMO_TOKENS.visa,
      result: {
        state: 'succeeded',
        order: { id: DEMO_ORDER.id, amount: '128.00', currency: 'HKD' },
      },
    });
    expect(seen).toEqual(['paying', 'succeeded']);
    expect(onSucceeded).toHaveBeenCalledTimes(1);
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('sends the order id and the token only', async () => {
    let sent: unknown;
    server.events.on('request:start', async ({ request }) => {
      if (request.url === PAY_URL) sent = await request.clone().json();
    });
    const { observer } = observe();
    await observer.pay(DEMO_TOKENS.visa);
    expect(sent).toEqual({ order_id: DEMO_ORDER.id, token: DEMO_TOKENS.visa });
  });

  it('a double click pays once', async () => {
    const count = countPays();
    const { observer } = observe();
    await Promise.all([observer.pay(DEMO_TOKENS.visa), observer.pay(DEMO_TOKENS.visa)]);
    await until(observer, settled);
    expect(count.pay).toBe(1);
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('after success, pay is refused: the order is paid', async () => {
    const count = countPays();
    const { observer } = observe();
    await observer.pay(DEMO_TOKENS.visa);
    await observer.pay(DEMO_TOKENS.visa);
    expect(count.pay).toBe(1);
  });

  it.each([
    ['decline', 'declined'],
    ['insufficient-funds', 'insufficient_funds'],
  ] as const)(
    'a %s card fails with reason %s, and another card then pays',
    async (payment, reason) => {
      const { observer } = observe();
      await observer.pay(tokenFor(payment));
      expect(await until(observer, settled)).toMatchObject({ status: 'failed', reason });
      await observer.pay(DEMO_TOKENS.visa);
      expect(await until(observer, (s) => s.status === 'succeeded')).toMatchObject({
        status: 'succeeded',
      });
      const states = db.transactions(DEMO_ORDER.reference).map((t) => t.state);
      expect(states).toEqual(['failed', 'success']);
    },
  );

  it('3-D Secure on the payment: requires_action, then the bank approves, then succeeded', async () => {
    const { observer, seen } = observe();
    await observer.pay(tokenFor('challenge-approve'));
    const action = await until(observer, settled);
    if (action.status !== 'requires_action') throw new Error(action.status);
    expect(action.redirectUrl).toMatch(/^https:\/\//);
    observer.verificationOpened();
    expect(observer.getSnapshot().status).toBe('verifying');
    const uuid = action.result.transaction_uuid ?? '';
    expect((await decide(uuid, 'approve')).ok).toBe(true);
    observer.verificationReturned('success');
    expect(await until(observer, (s) => s.status === 'succeeded')).toMatchObject({
      result: { transaction_uuid: uuid },
    });
    expect(seen).toEqual(['paying', 'requires_action', 'verifying', 'checking', 'succeeded']);
  });

  it('3-D Secure declined: failed with authentication_failed', async () => {
    const { observer } = observe();
    await observer.pay(tokenFor('challenge-approve'));
    const action = await until(observer, settled);
    if (action.status !== 'requires_action') throw new Error(action.status);
    observer.verificationOpened();
    await decide(action.result.transaction_uuid ?? '', 'decline');
    observer.verificationReturned('failed');
    expect(await until(observer, (s) => s.status === 'failed')).toMatchObject({
      reason: 'authentication_failed',
    });
  });

  it('cancelling the bank page: failed as cancelled; Pay again reopens the same challenge', async () => {
    const count = countPays();
    const token = tokenFor('challenge-approve');
    const { observer } = observe();
    await observer.pay(token);
    const first = await until(observer, settled);
    if (first.status !== 'requires_action') throw new Error(first.status);
    observer.verificationOpened();
    observer.cancel();
    expect(await until(observer, (s) => s.status === 'failed')).toMatchObject({
      reason: 'cancelled',
    });
    await observer.pay(token);
    const again = await until(observer, settled);
    expect(again).toMatchObject({ status: 'requires_action', redirectUrl: first.redirectUrl });
    expect(count.pay).toBe(2);
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('a lost answer is resolved by reading the order: succeeded, charged once, never paid again', async () => {
    const count = countPays();
    const { observer, seen } = observe();
    await observer.pay(tokenFor('lost-answer'));
    expect(await until(observer, settled)).toMatchObject({ status: 'succeeded' });
    expect(seen).toEqual(['paying', 'checking', 'succeeded']);
    expect(count).toEqual({ pay: 1, status: 1 });
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('a request that never reached Wonder: not_charged, and Pay works again', async () => {
    server.use(http.post(PAY_URL, () => HttpResponse.error(), { once: true }));
    const { observer } = observe();
    await observer.pay(DEMO_TOKENS.visa);
    expect(await until(observer, settled)).toMatchObject({
      status: 'failed',
      reason: 'not_charged',
    });
    await observer.pay(DEMO_TOKENS.visa);
    expect(await until(observer, (s) => s.status === 'succeeded')).toBeTruthy();
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('a garbled pay answer is checked, not trusted: the order says succeeded', async () => {
    // The charge went through (paid directly), but the answer the browser gets is garbage.
    await client.request({
      method: 'POST',
      path: KIT_PAY_PATHS.pay,
      body: { order_id: DEMO_ORDER.id, token: DEMO_TOKENS.visa },
    });
    server.use(
      http.post(
        PAY_URL,
        () => HttpResponse.json({ code: 0, data: { state: '<script>alert(1)</script>' } }),
        { once: true },
      ),
    );
    const { observer, seen } = observe();
    await observer.pay(DEMO_TOKENS.visa);
    expect(await until(observer, settled)).toMatchObject({ status: 'succeeded' });
    expect(seen).toEqual(['paying', 'checking', 'succeeded']);
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('a status that cannot be read: unknown; pay is refused there, checkAgain resolves it', async () => {
    server.use(http.post(STATUS_URL, () => HttpResponse.error()));
    const count = countPays();
    const { observer } = observe({ timeoutMs: 60 });
    await observer.pay(tokenFor('lost-answer'));
    expect(await until(observer, settled)).toMatchObject({ status: 'unknown' });
    await observer.pay(DEMO_TOKENS.visa);
    expect(count.pay).toBe(1);
    server.resetHandlers();
    observer.checkAgain();
    expect(await until(observer, (s) => s.status === 'succeeded')).toBeTruthy();
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('another customer’s token is refused before anything is paid', async () => {
    const { observer } = observe();
    await observer.pay('tok_not_this_customers');
    const state = await until(observer, settled);
    expect(state).toMatchObject({ status: 'failed', reason: 'refused' });
    expect(state.status === 'failed' && state.error?.status).toBeGreaterThanOrEqual(400);
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(0);
  });

  it('an unknown order is refused', async () => {
    const { observer } = observe({ orderId: 'order-nobody-has' });
    await observer.pay(DEMO_TOKENS.visa);
    expect(await until(observer, settled)).toMatchObject({ status: 'failed', reason: 'refused' });
  });

  it('an unsafe bank URL is never opened', async () => {
    const { observer } = observe();
    await observer.pay(tokenFor('challenge-approve'));
    await until(observer, settled);
    observer.verificationBlocked('unsafe_verify_url');
    expect(observer.getSnapshot()).toMatchObject({
      status: 'failed',
      reason: 'unsafe_redirect_url',
    });
  });

  it('a blocked popup waits for a click', async () => {
    const { observer } = observe();
    await observer.pay(tokenFor('challenge-approve'));
    await until(observer, settled);
    observer.verificationBlocked('blocked_popup');
    expect(observer.getSnapshot()).toMatchObject({ status: 'requires_action', popupBlocked: true });
  });

  it('after a full-page redirect, resume() reads the payment of the same order only', async () => {
    const kept = new Map<string, string>();
    const storage = {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
      removeItem: (key: string) => void kept.delete(key),
    };
    const token = tokenFor('challenge-approve');
    const first = observe({ storage });
    await first.observer.pay(token);
    const action = await until(first.observer, settled);
    if (action.status !== 'requires_action') throw new Error(action.status);
    // The checkout's page (also where there is no DOM: the Node matrix runs this file too).
    vi.stubGlobal('location', {
      pathname: '/checkout',
      search: '?lang=zh-HK&verify=redirect',
      hash: '',
    });
    expect(first.observer.rememberForRedirect()).toBe(true);
    vi.unstubAllGlobals();
    // The order id, the token and the page to come back to (route and query), nothing else.
    const pending = {
      orderId: DEMO_ORDER.id,
      token,
      returnTo: '/checkout?lang=zh-HK&verify=redirect',
    };
    expect(JSON.parse(kept.get(PENDING_PAYMENT_KEY) ?? '')).toEqual({
      ...pending,
      savedAt: expect.any(Number),
    });
    expect(readPendingPayment(storage)).toEqual(pending);
    // The bank's return page sends the cardholder back there.
    const back = { name: '', opener: null, location: { href: 'https://shop.example/return?ok=1' } };
    expect(handleThreeDSReturn({ window: back as unknown as Window, storage })).toMatchObject({
      mode: 'redirect',
      returnTo: pending.returnTo,
    });
    await decide(action.result.transaction_uuid ?? '', 'approve');

    expect(observe({ orderId: 'another-order', storage }).observer.resume()).toBe(false);
    const resumed = observe({ storage });
    expect(resumed.observer.resume()).toBe(true);
    expect(await until(resumed.observer, (s) => s.status === 'succeeded')).toBeTruthy();
    expect(kept.has(PENDING_PAYMENT_KEY)).toBe(false);
    expect(resumed.observer.resume()).toBe(false);
    expect(readPendingPayment(storage)).toBeNull();
  });

  it.each([
    ['not JSON', '{'],
    ['no token', JSON.stringify({ orderId: 'o1' })],
    ['an empty order id', JSON.stringify({ orderId: '', token: 't' })],
    ['a number for a token', JSON.stringify({ orderId: 'o1', token: 7 })],
    ['a token with spaces', JSON.stringify({ orderId: 'o1', token: 'a b' })],
    ['null', 'null'],
  ])('readPendingPayment reads %s as none, and resume() ignores it', (_, value) => {
    const storage = {
      getItem: () => value,
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(readPendingPayment(storage)).toBeNull();
    expect(observe({ orderId: 'o1', storage }).observer.resume()).toBe(false);
  });

  it('readPendingPayment survives storage that throws', () => {
    const storage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(readPendingPayment(storage)).toBeNull();
  });
});

describe('readPaymentResult', () => {
  const order = { id: 'o1', reference_number: 'r1', amount: '12.50', currency: 'HKD' };
  it.each([
    ['no object', null],
    ['an unknown state', { state: 'charged', order, token: 't' }],
    ['no order', { state: 'succeeded', token: 't' }],
    ['a bad amount', { state: 'succeeded', order: { ...order, amount: '1e9' }, token: 't' }],
    ['a bad currency', { state: 'succeeded', order: { ...order, currency: 'hkd' }, token: 't' }],
    ['requires_action without its URL', { state: 'requires_action', order, token: 't' }],
  ])('refuses %s', (_, data) => {
    expect(readPaymentResult(data)).toBeUndefined();
  });

  it('keeps only what it knows; an unknown failure reason reads as unknown', () => {
    expect(
      readPaymentResult({
        state: 'failed',
        order: { ...order, extra: 'x' },
        token: 't',
        failure: { reason: 'javascript:alert(1)', code: 'E300005' },
        amount: '0.01',
      }),
    ).toEqual({
      state: 'failed',
      order,
      token: 't',
      failure: { reason: 'unknown', code: 'E300005' },
    });
  });
});
