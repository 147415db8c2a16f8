import {
  createGatewayDb,
  createGatewayHandlers,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  GATEWAY_ERROR_CODES,
  type GatewayScenario,
  VERIFY_URL_BASE,
} from '@savedcards/msw';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  createGatewayClient,
  type GatewayClientOptions,
  gatewayPaths,
  listPaymentTokens,
  OPENAPI_PREFIX,
  type SavedCard,
} from './index.js';

const API = `${TEST_BASE_URL}${OPENAPI_PREFIX}`;
const demo = DEMO_CUSTOMER.uuid;
// Midday, so the mock's local-time expiry months match UTC in any time zone.
const NOW = new Date('2026-05-15T12:00:00Z');

const client = (options: Partial<GatewayClientOptions> = {}) =>
  createGatewayClient({ baseUrl: TEST_BASE_URL, ...options });

/** Serves a db seeded on a fixed clock (expiries relative to NOW). */
function useFixedClockGateway(scenario?: GatewayScenario) {
  const fixedDb = createGatewayDb({ now: () => NOW });
  server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db: fixedDb, scenario }));
  return fixedDb;
}

/** Paths (with query) of every request the mock receives from now on. */
const requests: string[] = [];
const onRequest = ({ request }: { request: Request }) => {
  const url = new URL(request.url);
  requests.push(`${request.method} ${url.pathname}${url.search}`);
};
server.events.on('request:start', onRequest);
afterEach(() => {
  requests.length = 0;
});
afterAll(() => {
  server.events.removeListener('request:start', onRequest);
});

const listPath = `GET /api/wonder${gatewayPaths.paymentTokens(demo)}`;
const customerPath = `GET /api/wonder${gatewayPaths.customer(demo)}`;

const pick = (cards: SavedCard[], key: keyof SavedCard) => cards.map((card) => card[key]);

function wireToken(token: string, overrides: Record<string, unknown> = {}) {
  return {
    token_type: 'CreditCard',
    token,
    state: 'success',
    default: false,
    credit_card: {
      number: '424242******4242',
      exp_month: '04',
      exp_year: '2030',
      holder_name: 'Tai Man Chan',
      brand: 'Visa',
    },
    ...overrides,
  };
}

describe('listPaymentTokens against the mock gateway (envelope A)', () => {
  it('normalises the seeded tokens in the gateway order, default Visa first', async () => {
    useFixedClockGateway();
    const cards = await listPaymentTokens(client({ now: () => NOW }), demo);
    expect(pick(cards, 'token')).toEqual([
      DEMO_TOKENS.visa,
      DEMO_TOKENS.mastercard,
      DEMO_TOKENS.amex,
      DEMO_TOKENS.pending,
      DEMO_TOKENS.failed,
      DEMO_TOKENS.unionpay,
    ]);
    expect(pick(cards, 'isDefault')).toEqual([true, false, false, false, false, false]);
    expect(pick(cards, 'brand')).toEqual([
      'visa',
      'mastercard',
      'amex',
      'visa',
      'mastercard',
      'unionpay',
    ]);
    expect(pick(cards, 'last4')).toEqual(['4242', '4444', '0005', '1091', '0008', '8599']);
    expect(pick(cards, 'state')).toEqual([
      'success',
      'success',
      'success',
      'pending',
      'failed',
      'success',
    ]);
    expect(pick(cards, 'type')).toEqual(['card', 'card', 'card', 'card', 'card', 'card']);
    // visa 05/2028, mastercard 05/2026, amex 02/2026, pending 05/2029, failed 05/2027, unionpay 11/2028
    expect(pick(cards, 'expiry')).toEqual([
      'valid',
      'expiring',
      'expired',
      'valid',
      'valid',
      'valid',
    ]);
    expect(cards[0]).toEqual({
      token: DEMO_TOKENS.visa,
      type: 'card',
      state: 'success',
      isDefault: true,
      brand: 'visa',
      last4: '4242',
      expMonth: 5,
      expYear: 2028,
      expiry: 'valid',
      holderName: DEMO_CUSTOMER.name,
      billingCurrency: 'HKD',
    });
    expect(cards[3]?.verifyUrl?.startsWith(VERIFY_URL_BASE)).toBe(true);
    expect(cards[3]?.verifyUuid).toEqual(expect.any(String));
    expect(cards[4]).toMatchObject({
      errorCode: GATEWAY_ERROR_CODES.cardDeclined.code,
      errorMessage: GATEWAY_ERROR_CODES.cardDeclined.message,
    });
  });

  it("computes expiry with the client's clock", async () => {
    useFixedClockGateway();
    const later = await listPaymentTokens(
      client({ now: () => new Date('2028-06-15T12:00:00Z') }),
      demo,
    );
    // visa 05/2028 and failed 05/2027 are over; pending 05/2029 and unionpay 11/2028 are not.
    expect(pick(later, 'expiry')).toEqual([
      'expired',
      'expired',
      'expired',
      'valid',
      'expired',
      'valid',
    ]);
    const earlier = await listPaymentTokens(
      client({ now: () => new Date('2020-01-15T12:00:00Z') }),
      demo,
    );
    expect(pick(earlier, 'expiry')).toEqual(['valid', 'valid', 'valid', 'valid', 'valid', 'valid']);
    const wideWindow = await listPaymentTokens(
      client({ now: () => NOW, expiringWithinDays: 400 }),
      demo,
    );
    expect(pick(wideWindow, 'expiry')).toEqual([
      'valid',
      'expiring',
      'expired',
      'valid',
      'expiring',
      'valid',
    ]);
  });

  it('against the shared gateway with the real clock: valid, expiring and expired', async () => {
    const cards = await listPaymentTokens(client(), demo);
    expect(pick(cards.slice(0, 3), 'expiry')).toEqual(['valid', 'expiring', 'expired']);
  });

  it('sends one request when every token carries a default flag', async () => {
    await listPaymentTokens(client(), demo);
    expect(requests).toEqual([listPath]);
  });

  it('marks the default the gateway reports, whatever its position', async () => {
    db.setDefaultToken(demo, DEMO_TOKENS.unionpay);
    const cards = await listPaymentTokens(client(), demo);
    expect(cards.filter((card) => card.isDefault).map((card) => card.token)).toEqual([
      DEMO_TOKENS.unionpay,
    ]);
    expect(cards.at(-1)?.token).toBe(DEMO_TOKENS.unionpay);
  });

  it('returns no cards and needs no customer for a customer without tokens', async () => {
    db.reset({ seed: 'empty' });
    await expect(listPaymentTokens(client(), demo)).resolves.toEqual([]);
    expect(requests).toEqual([listPath]);
  });

  it('rejects with a gateway error for an unknown customer', async () => {
    await expect(
      listPaymentTokens(client(), '00000000-0000-4000-8000-999999999999'),
    ).rejects.toMatchObject({
      kind: 'gateway',
      status: GATEWAY_ERROR_CODES.customerNotFound.status,
      code: GATEWAY_ERROR_CODES.customerNotFound.code,
    });
  });
});

describe('listPaymentTokens with envelope B (tokens without a default flag)', () => {
  it('asks for the customer to find the default', async () => {
    useFixedClockGateway({ envelope: 'B' });
    const cards = await listPaymentTokens(client({ now: () => NOW }), demo);
    expect(requests).toEqual([listPath, customerPath]);
    expect(pick(cards, 'isDefault')).toEqual([true, false, false, false, false, false]);
    // Old tokens: two-digit years, upper-case brands.
    expect(pick(cards, 'expYear')).toEqual([2028, 2026, 2026, 2029, 2027, 2028]);
    expect(pick(cards, 'brand')).toEqual([
      'visa',
      'mastercard',
      'amex',
      'visa',
      'mastercard',
      'unionpay',
    ]);
    expect(pick(cards, 'expiry')).toEqual([
      'valid',
      'expiring',
      'expired',
      'valid',
      'valid',
      'valid',
    ]);
  });

  it('follows a changed default through the customer request', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-b' }));
    db.setDefaultToken(demo, DEMO_TOKENS.mastercard);
    const cards = await listPaymentTokens(client(), demo);
    expect(cards.filter((card) => card.isDefault).map((card) => card.token)).toEqual([
      DEMO_TOKENS.mastercard,
    ]);
  });

  it('uses resolveDefaultToken when given, without a customer request', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-b' }));
    let calls = 0;
    const cards = await listPaymentTokens(client(), demo, {
      resolveDefaultToken: async () => {
        calls += 1;
        return DEMO_TOKENS.unionpay;
      },
    });
    expect(calls).toBe(1);
    expect(requests).toEqual([listPath]);
    expect(cards.filter((card) => card.isDefault).map((card) => card.token)).toEqual([
      DEMO_TOKENS.unionpay,
    ]);
  });

  it('marks no default when resolveDefaultToken knows none', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-b' }));
    const cards = await listPaymentTokens(client(), demo, {
      resolveDefaultToken: async () => undefined,
    });
    expect(cards.some((card) => card.isDefault)).toBe(false);
  });

  it('does not call resolveDefaultToken when the tokens carry the flag', async () => {
    let calls = 0;
    await listPaymentTokens(client(), demo, {
      resolveDefaultToken: async () => {
        calls += 1;
        return DEMO_TOKENS.unionpay;
      },
    });
    expect(calls).toBe(0);
  });

  it('rejects when the customer request fails', async () => {
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        scenario: { envelope: 'B', failure: { kind: 'server-error', operations: ['getCustomer'] } },
      }),
    );
    await expect(listPaymentTokens(client(), demo)).rejects.toMatchObject({
      kind: 'gateway',
      status: 500,
    });
    expect(requests).toEqual([listPath, customerPath]);
  });
});

describe('listPaymentTokens: tokenType filter', () => {
  it('reads the whole list, with no token_type query, and returns only those types', async () => {
    const alipay = db.addToken(demo, { token_type: 'AlipayAutoDebit' }).token;
    const wechat = db.addToken(demo, { token_type: 'WechatPayAutoDebit' }).token;
    const onlyAlipay = await listPaymentTokens(client(), demo, { tokenType: ['alipay'] });
    expect(pick(onlyAlipay, 'token')).toEqual([alipay]);
    expect(onlyAlipay[0]?.type).toBe('alipay');
    const cardsAndWechat = await listPaymentTokens(client(), demo, {
      tokenType: ['card', 'wechatpay'],
    });
    expect(cardsAndWechat).toHaveLength(7);
    expect(cardsAndWechat.at(-1)?.token).toBe(wechat);
    // As Wonder's iOS SDK does: the filter's encoding is undocumented (INFERRED.tokenTypeFilter).
    expect(requests).toEqual([listPath, listPath]);
  });

  it('filters again locally, accepting both token_type enums', async () => {
    server.use(
      http.get(`${API}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({
          error_code: '',
          data: {
            payment_tokens: [
              wireToken('card-1'),
              wireToken('alipay-old', { token_type: 'Alipay' }),
              wireToken('wechat-old', { token_type: 'Wechatpay' }),
              wireToken('alipay-new', { token_type: 'AlipayAutoDebit' }),
              wireToken('mystery', { token_type: 'PayMe' }),
            ],
          },
        }),
      ),
    );
    const cards = await listPaymentTokens(client(), demo, { tokenType: ['alipay'] });
    expect(pick(cards, 'token')).toEqual(['alipay-old', 'alipay-new']);
    const all = await listPaymentTokens(client(), demo);
    expect(pick(all, 'type')).toEqual(['card', 'alipay', 'wechatpay', 'alipay', 'unknown']);
  });
});

describe('listPaymentTokens: malformed lists', () => {
  it.each([
    ['missing data.payment_tokens', { error_code: '', data: {} }],
    ['payment_tokens that is not an array', { error_code: '', data: { payment_tokens: {} } }],
    ['no data at all', { code: 0, message: 'ok' }],
  ])('rejects with invalid-response for %s', async (_label, body) => {
    server.use(http.get(`${API}/customers/:uuid/payment_tokens`, () => HttpResponse.json(body)));
    await expect(listPaymentTokens(client(), demo)).rejects.toMatchObject({
      name: 'GatewayError',
      kind: 'invalid-response',
    });
  });

  it('drops duplicate tokens, keeping the first', async () => {
    server.use(
      http.get(`${API}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({
          error_code: '',
          data: {
            payment_tokens: [
              wireToken('tok-a', { default: true }),
              wireToken('tok-b'),
              wireToken('tok-a', { state: 'pending', default: false }),
              wireToken('tok-b', { state: 'failed' }),
            ],
          },
        }),
      ),
    );
    const cards = await listPaymentTokens(client(), demo);
    expect(pick(cards, 'token')).toEqual(['tok-a', 'tok-b']);
    expect(pick(cards, 'state')).toEqual(['success', 'success']);
    expect(pick(cards, 'isDefault')).toEqual([true, false]);
  });

  it('drops tokens without an id and entries that are not tokens', async () => {
    server.use(
      http.get(`${API}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({
          error_code: '',
          data: {
            payment_tokens: [
              wireToken(''),
              { ...wireToken('x'), token: undefined },
              wireToken('tok-ok'),
              null,
              'tok-string',
              42,
            ],
          },
        }),
      ),
    );
    // Non-records lack a default flag, so the default is looked up from the customer.
    const cards = await listPaymentTokens(client(), demo, {
      resolveDefaultToken: async () => 'tok-ok',
    });
    expect(pick(cards, 'token')).toEqual(['tok-ok']);
  });

  it('never keeps a full card number the gateway sends unmasked', async () => {
    server.use(
      http.get(`${API}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({
          error_code: '',
          data: {
            payment_tokens: [
              wireToken('tok-full', {
                credit_card: {
                  number: '5555555555554444',
                  holder_name: 'Name 4242 4242 4242 4242',
                  exp_month: '04',
                  exp_year: '30',
                  brand: 'MasterCard',
                },
              }),
            ],
          },
        }),
      ),
    );
    const cards = await listPaymentTokens(client(), demo);
    expect(cards[0]?.last4).toBe('4444');
    expect(JSON.stringify(cards)).not.toMatch(/\d{12,}/);
  });
});

describe('listPaymentTokens: empty filter', () => {
  it('treats tokenType: [] as no filter instead of dropping every card', async () => {
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    const cards = await listPaymentTokens(client, DEMO_CUSTOMER.uuid, { tokenType: [] });
    expect(cards).toHaveLength(6);
  });
});
