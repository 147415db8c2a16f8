import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server.js';
import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  GATEWAY_ERROR_CODES,
  OPENAPI_PREFIX,
} from './index.js';
import type { WireToken } from './index.js';
import {
  API,
  call,
  callJson,
  customerPath,
  tokensPath,
  type CustomerData,
  type EnvelopeA,
  type EnvelopeB,
  type TokensData,
} from './testClient.js';

const demo = DEMO_CUSTOMER.uuid;
const profile = {
  name: DEMO_CUSTOMER.name,
  phone: DEMO_CUSTOMER.phone,
  reference_number: DEMO_CUSTOMER.referenceNumber,
};

const upsert = (customer: Record<string, unknown>) =>
  callJson<EnvelopeA<CustomerData | null>>('POST', '/customers', { customer });
const listTokens = (uuid = demo, query = '') =>
  callJson<EnvelopeA<TokensData>>('GET', `${tokensPath(uuid)}${query}`);
const getCustomer = (uuid = demo) => callJson<EnvelopeA<CustomerData>>('GET', customerPath(uuid));
const deleteToken = (body: unknown, uuid = demo) =>
  callJson<EnvelopeA<{ success: boolean } | null>>('DELETE', tokensPath(uuid), body);

function expectError(
  response: { status: number; body: EnvelopeA<unknown> },
  name: keyof typeof GATEWAY_ERROR_CODES,
) {
  const { code, status } = GATEWAY_ERROR_CODES[name];
  expect(response.status).toBe(status);
  expect(response.body).toEqual({
    error_code: code,
    error_message: expect.any(String),
    data: null,
  });
  expect(response.body.error_message).not.toBe('');
}

describe('GET /customers/{uuid}', () => {
  it('answers envelope A with the customer and the default token as a full object', async () => {
    const { status, body } = await getCustomer();
    expect(status).toBe(200);
    expect(body.error_code).toBe('');
    expect(body.error_message).toBe('');
    expect(body.data.customer).toEqual({
      uuid: demo,
      reference_number: DEMO_CUSTOMER.referenceNumber,
      name: DEMO_CUSTOMER.name,
      email: DEMO_CUSTOMER.email,
      dial_code: DEMO_CUSTOMER.dialCode,
      phone: DEMO_CUSTOMER.phone,
      company_name: DEMO_CUSTOMER.companyName,
      default_payment_method: expect.any(String),
      default_payment_token: expect.objectContaining({
        token: DEMO_TOKENS.visa,
        token_type: 'CreditCard',
        state: 'success',
        default: true,
        credit_card: expect.objectContaining({ number: '424242******4242', brand: 'Visa' }),
      }),
    });
  });

  it('answers 404 and a gateway error for an unknown customer', async () => {
    expectError(await getCustomer('00000000-0000-4000-8000-999999999999'), 'customerNotFound');
  });

  it('has null default_payment_token when there is no default', async () => {
    db.setDefaultToken(demo, null);
    expect((await getCustomer()).body.data.customer.default_payment_token).toBeNull();
  });
});

describe('GET /customers/{uuid}/payment_tokens', () => {
  it('lists every token in order, pending and failed included, with the §6 shape', async () => {
    const { status, body } = await listTokens();
    expect(status).toBe(200);
    expect(body.error_code).toBe('');
    const tokens = body.data.payment_tokens;
    expect(tokens.map((t) => t.token)).toEqual(Object.values(DEMO_TOKENS));
    expect(tokens.filter((t) => t.default).map((t) => t.token)).toEqual([DEMO_TOKENS.visa]);
    for (const token of tokens) {
      expect(Object.keys(token).sort()).toEqual(
        [
          'credit_card',
          'default',
          'error_code',
          'error_msg',
          'state',
          'token',
          'token_type',
          'verify_url',
          'verify_uuid',
        ].sort(),
      );
      expect(Object.keys(token.credit_card).sort()).toEqual(
        ['billing_currency', 'brand', 'exp_month', 'exp_year', 'holder_name', 'number'].sort(),
      );
      expect(token.credit_card.exp_year).toMatch(/^\d{4}$/);
      expect(token.credit_card.exp_month).toMatch(/^(0[1-9]|1[0-2])$/);
    }
    expect(tokens[3]).toMatchObject({
      state: 'pending',
      verify_url: expect.stringMatching(/^https:/),
    });
    expect(tokens[4]).toMatchObject({ state: 'failed', error_code: expect.stringMatching(/^E/) });
  });

  it('filters by token_type (comma-separated)', async () => {
    const alipay = db.addToken(demo, { token_type: 'AlipayAutoDebit' });
    const wechat = db.addToken(demo, { token_type: 'WechatPayAutoDebit' });
    const types = async (query: string) =>
      (await listTokens(demo, query)).body.data.payment_tokens.map((t) => t.token);
    expect(await types('?token_type=CreditCard')).toEqual(Object.values(DEMO_TOKENS));
    expect(await types('?token_type=AlipayAutoDebit')).toEqual([alipay.token]);
    expect(await types('?token_type=AlipayAutoDebit,%20WechatPayAutoDebit')).toEqual([
      alipay.token,
      wechat.token,
    ]);
    expect(await types('?token_type=Alipay')).toEqual([]);
    expect(await types('?token_type=')).toHaveLength(8);
  });

  it('answers an empty list for a customer without tokens', async () => {
    db.reset({ seed: 'empty' });
    const { body } = await listTokens();
    expect(body.data.payment_tokens).toEqual([]);
  });

  it('answers 404 for an unknown customer', async () => {
    expectError(await listTokens('nope'), 'customerNotFound');
  });
});

describe('POST /customers', () => {
  it('creates a customer, then returns the same uuid for the same reference_number', async () => {
    const first = await upsert({ name: 'Siu Ming', phone: '61234567', reference_number: 'm-42' });
    expect(first.status).toBe(200);
    const uuid = first.body.data?.customer.uuid;
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(uuid).not.toBe(demo);
    expect(first.body.data?.customer).toMatchObject({
      name: 'Siu Ming',
      reference_number: 'm-42',
      default_payment_token: null,
    });

    const again = await upsert({
      name: 'Siu Ming Lee',
      phone: '61234567',
      reference_number: 'm-42',
    });
    expect(again.body.data?.customer.uuid).toBe(uuid);
    expect(again.body.data?.customer.name).toBe('Siu Ming Lee');
    expect(db.listCustomers()).toHaveLength(2);

    const demoAgain = await upsert(profile);
    expect(demoAgain.body.data?.customer.uuid).toBe(demo);
  });

  it('keeps fields that are not sent', async () => {
    const { body } = await upsert({ ...profile, name: 'Tai Man Chan Jr' });
    expect(body.data?.customer).toMatchObject({
      name: 'Tai Man Chan Jr',
      email: DEMO_CUSTOMER.email,
      dial_code: DEMO_CUSTOMER.dialCode,
      company_name: DEMO_CUSTOMER.companyName,
      default_payment_token: expect.objectContaining({ token: DEMO_TOKENS.visa }),
    });
    expect(db.getCustomer(demo)?.email).toBe(DEMO_CUSTOMER.email);
  });

  it('moves the default with default_payment_token', async () => {
    const { status, body } = await upsert({
      ...profile,
      default_payment_token: DEMO_TOKENS.mastercard,
    });
    expect(status).toBe(200);
    expect(body.data?.customer.default_payment_token).toMatchObject({
      token: DEMO_TOKENS.mastercard,
      default: true,
      credit_card: { number: '555555******4444' },
    });
    const tokens = (await listTokens()).body.data.payment_tokens;
    expect(tokens.filter((t) => t.default).map((t) => t.token)).toEqual([DEMO_TOKENS.mastercard]);
    expect((await getCustomer()).body.data.customer.default_payment_token?.token).toBe(
      DEMO_TOKENS.mastercard,
    );
    // Profile fields survive a set-default upsert.
    expect(db.getCustomer(demo)?.company_name).toBe(DEMO_CUSTOMER.companyName);
  });

  it.each([
    ['pending', DEMO_TOKENS.pending, 'tokenNotUsable'],
    ['failed', DEMO_TOKENS.failed, 'tokenNotUsable'],
    ['unknown', '00000000-0000-4000-a000-999999999999', 'tokenNotFound'],
  ] as const)('refuses a %s default token and changes nothing', async (_, token, error) => {
    const before = db.snapshot();
    expectError(await upsert({ ...profile, name: 'Changed', default_payment_token: token }), error);
    expect(db.snapshot()).toEqual(before);
  });

  it("refuses another customer's token as default", async () => {
    const { body } = await upsert({ name: 'Other', phone: '1', reference_number: 'other' });
    const other = body.data?.customer.uuid ?? '';
    const token = db.addToken(other, { number: '4000056655665556' });
    expectError(await upsert({ ...profile, default_payment_token: token.token }), 'tokenNotFound');
    expectError(
      await upsert({
        name: 'Other',
        phone: '1',
        reference_number: 'other',
        default_payment_token: DEMO_TOKENS.visa,
      }),
      'tokenNotFound',
    );
    expect(db.getCustomer(demo)?.default_payment_token?.token).toBe(DEMO_TOKENS.visa);
  });

  it.each<[string, unknown]>([
    ['missing name', { phone: '1', reference_number: 'v' }],
    ['empty name', { name: '  ', phone: '1', reference_number: 'v' }],
    ['missing phone', { name: 'N', reference_number: 'v' }],
    ['missing reference_number', { name: 'N', phone: '1' }],
    ['name over 255 characters', { name: 'n'.repeat(256), phone: '1', reference_number: 'v' }],
    [
      'email over 255 characters',
      { name: 'N', phone: '1', reference_number: 'v', email: 'e'.repeat(256) },
    ],
    [
      'dial_code over 6 characters',
      { name: 'N', phone: '1', reference_number: 'v', dial_code: '+852852' },
    ],
    ['a number for phone', { name: 'N', phone: 91234567, reference_number: 'v' }],
  ])('answers 400 for %s', async (_, customer) => {
    const before = db.snapshot();
    expectError(await upsert(customer as Record<string, unknown>), 'invalidParameter');
    expect(db.snapshot()).toEqual(before);
  });

  it('accepts the longest allowed values', async () => {
    const { status, body } = await upsert({
      name: '陳'.repeat(255),
      phone: '1',
      reference_number: 'long',
      dial_code: '+85200',
    });
    expect(status).toBe(200);
    expect(body.data?.customer.name).toHaveLength(255);
  });

  it.each<[string, string]>([
    ['not JSON', '{"customer": {'],
    ['no customer object', '{"name": "N"}'],
    ['an empty body', ''],
  ])('answers 400 for a body that is %s', async (_, body) => {
    expectError(await callJson<EnvelopeA<null>>('POST', '/customers', body), 'invalidParameter');
  });
});

describe('DELETE /customers/{uuid}/payment_tokens', () => {
  it('removes the token', async () => {
    const { status, body } = await deleteToken({ token: DEMO_TOKENS.amex });
    expect(status).toBe(200);
    expect(body).toEqual({ error_code: '', error_message: '', data: { success: true } });
    const tokens = (await listTokens()).body.data.payment_tokens.map((t) => t.token);
    expect(tokens).not.toContain(DEMO_TOKENS.amex);
    expect(tokens).toHaveLength(5);
    expect(db.getCustomer(demo)?.default_payment_token?.token).toBe(DEMO_TOKENS.visa);
  });

  it('clears the default when the default is removed', async () => {
    await deleteToken({ token: DEMO_TOKENS.visa });
    expect((await getCustomer()).body.data.customer.default_payment_token).toBeNull();
    expect((await listTokens()).body.data.payment_tokens.some((t) => t.default)).toBe(false);
  });

  it('answers a gateway error for an unknown token and changes nothing', async () => {
    const before = db.snapshot();
    expectError(
      await deleteToken({ token: '00000000-0000-4000-a000-999999999999' }),
      'tokenNotFound',
    );
    expect(db.snapshot()).toEqual(before);
    await deleteToken({ token: DEMO_TOKENS.visa });
    const afterFirst = db.snapshot();
    expectError(await deleteToken({ token: DEMO_TOKENS.visa }), 'tokenNotFound');
    expect(db.snapshot()).toEqual(afterFirst);
  });

  it('answers 400 without a token in the body', async () => {
    expectError(await deleteToken({}), 'invalidParameter');
    expectError(await deleteToken({ token: 42 }), 'invalidParameter');
    expectError(await deleteToken('not json'), 'invalidParameter');
    expect(db.listTokens(demo)).toHaveLength(6);
  });

  it('answers 404 for an unknown customer', async () => {
    expectError(await deleteToken({ token: DEMO_TOKENS.visa }, 'nope'), 'customerNotFound');
    expect(db.listTokens(demo)).toHaveLength(6);
  });
});

describe('routing', () => {
  const handlers = createGatewayHandlers({ baseUrl: TEST_BASE_URL, db });

  it('leaves other routes under the prefix unhandled', async () => {
    for (const [method, path] of [
      ['GET', '/customers'],
      ['PUT', `/customers/${demo}`],
      ['GET', `/customers/${demo}/payment_tokens/check`],
      ['GET', '/payments'],
      ['POST', '/echo'],
    ] as const) {
      expect(await getResponse(handlers, new Request(`${API}${path}`, { method }))).toBeUndefined();
    }
    expect(await getResponse(handlers, new Request(`${API}${customerPath(demo)}`))).toBeInstanceOf(
      Response,
    );
  });

  it.each([
    ['https://gateway-stg.wonder.today', 'https://gateway-stg.wonder.today'],
    ['https://gateway-stg.wonder.today/', 'https://gateway-stg.wonder.today'],
    ['/api/wonder', `${window.location.origin}/api/wonder`],
  ])('mounts under baseUrl %s', async (baseUrl, origin) => {
    const mounted = createGatewayHandlers({ baseUrl, db });
    const url = `${origin}${OPENAPI_PREFIX}${customerPath(demo)}`;
    const response = await getResponse(mounted, new Request(url));
    expect(response?.status).toBe(200);
    expect(
      await getResponse(
        mounted,
        new Request(`https://elsewhere.example${OPENAPI_PREFIX}${customerPath(demo)}`),
      ),
    ).toBeUndefined();
  });

  it('serves its own db when none is given', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL }));
    await deleteToken({ token: DEMO_TOKENS.visa });
    expect((await listTokens()).body.data.payment_tokens).toHaveLength(5);
    expect(db.listTokens(demo)).toHaveLength(6);
  });
});

describe('envelope B (older responses)', () => {
  const useEnvelopeB = () =>
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-b' }));

  it('wraps success as {code: 0, message: "success", data} with old token shapes', async () => {
    useEnvelopeB();
    const response = await callJson<EnvelopeB<TokensData>>('GET', tokensPath(demo));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: 0, message: 'success' });
    expect(response.body).not.toHaveProperty('error_code');
    const tokens = response.body.data?.payment_tokens ?? [];
    expect(tokens).toHaveLength(6);
    for (const token of tokens) {
      expect(token).not.toHaveProperty('default');
      expect(token.credit_card.exp_year).toMatch(/^\d{2}$/);
      expect(token.credit_card.brand).toBe(token.credit_card.brand.toUpperCase());
    }
    expect(tokens.map((t) => t.credit_card.brand)).toEqual([
      'VISA',
      'MASTERCARD',
      'AMERICAN EXPRESS',
      'VISA',
      'MASTERCARD',
      'UNIONPAY',
    ]);
    const visa = db.getToken(demo, DEMO_TOKENS.visa);
    expect(tokens[0]?.credit_card.exp_year).toBe(visa?.credit_card.exp_year.slice(-2));
  });

  it('sends the customer default token in the old shape', async () => {
    useEnvelopeB();
    const { body } = await callJson<EnvelopeB<CustomerData>>('GET', customerPath(demo));
    const token = body.data?.customer.default_payment_token as WireToken;
    expect(token.token).toBe(DEMO_TOKENS.visa);
    expect(token).not.toHaveProperty('default');
    expect(token.credit_card).toMatchObject({
      brand: 'VISA',
      exp_year: expect.stringMatching(/^\d{2}$/),
    });
  });

  it('wraps writes too', async () => {
    useEnvelopeB();
    const upserted = await callJson<EnvelopeB<CustomerData>>('POST', '/customers', {
      customer: { ...profile, default_payment_token: DEMO_TOKENS.unionpay },
    });
    expect(upserted.body).toMatchObject({
      code: 0,
      data: { customer: { default_payment_token: { credit_card: { brand: 'UNIONPAY' } } } },
    });
    const deleted = await callJson<EnvelopeB<{ success: boolean }>>('DELETE', tokensPath(demo), {
      token: DEMO_TOKENS.amex,
    });
    expect(deleted.body).toEqual({ code: 0, message: 'success', data: { success: true } });
  });

  it('answers errors as {code: "E…", message} without data', async () => {
    useEnvelopeB();
    const response = await callJson<EnvelopeB<never>>('GET', customerPath('nope'));
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      code: GATEWAY_ERROR_CODES.customerNotFound.code,
      message: GATEWAY_ERROR_CODES.customerNotFound.message,
    });
  });

  it("'envelope-a' answers like the default", async () => {
    const defaultBody = await (await call('GET', tokensPath(demo))).json();
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-a' }));
    expect(await (await call('GET', tokensPath(demo))).json()).toEqual(defaultBody);
  });
});

describe('masking', () => {
  it('never sends a full card number, whatever was added', async () => {
    const pans = ['4000056655665556', '5200828282828210', '371449635398431', '6200000000000005'];
    for (const number of pans) db.addToken(demo, { number });
    const texts = [
      await (await call('GET', tokensPath(demo))).text(),
      await (await call('GET', customerPath(demo))).text(),
    ];
    for (const text of texts) {
      for (const pan of pans) expect(text).not.toContain(pan);
    }
    const tokens = (await listTokens()).body.data.payment_tokens;
    expect(tokens.map((t) => t.credit_card.number).slice(-4)).toEqual([
      '400005******5556',
      '520082******8210',
      '371449*****8431',
      '620000******0005',
    ]);
  });
});
