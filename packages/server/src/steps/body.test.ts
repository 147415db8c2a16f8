// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { DEMO_TOKENS } from '../../../msw/src/index.js';
import {
  browserRequest,
  DEMO_REFERENCE,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  RETURN_URLS,
  readJson,
  SHOP,
  testProxy,
} from '../testUpstream.js';
import { ProxyAnswer } from './answer.js';
import { jsonDepthWithin, outgoingBody, outgoingQuery } from './body.js';
import { matchRoute } from './route.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;

describe('the body policy: one documented shape per operation, bound to the session', () => {
  it('signs the exact bytes it sends (a re-serialised body), so the mock accepts them', async () => {
    const { checks } = mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('DELETE', tokens(), {
        body: `{ "token" :\n "${DEMO_TOKENS.mastercard}", "extra": [1, 2] }`,
      }),
    );
    expect(response.status).toBe(200);
    expect(sent.at(-1)?.body).toBe(`{"token":"${DEMO_TOKENS.mastercard}"}`);
    // The ownership check's list read, then the delete.
    expect(checks).toMatchObject([{ ok: true }, { ok: true }]);
  });
  it('sets the default card by upserting with the session’s reference number forced', async () => {
    const { db } = mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('POST', '/customers', {
        body: {
          customer: {
            name: 'Tai Man Chan',
            phone: '91234567',
            default_payment_token: DEMO_TOKENS.mastercard,
            is_admin: true,
          },
          other: 'dropped',
        },
      }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(sent.at(-1)?.body ?? '')).toEqual({
      customer: {
        name: 'Tai Man Chan',
        phone: '91234567',
        default_payment_token: DEMO_TOKENS.mastercard,
        reference_number: DEMO_REFERENCE,
      },
    });
    expect(db.getCustomer(DEMO_UUID)?.default_payment_token?.token).toBe(DEMO_TOKENS.mastercard);
  });
  it('accepts the session’s own reference number in an upsert', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    const response = await proxy(
      browserRequest('POST', '/customers', {
        body: {
          customer: { name: 'Tai Man Chan', phone: '91234567', reference_number: DEMO_REFERENCE },
        },
      }),
    );
    expect(response.status).toBe(200);
  });
  it('sets the 3DS return URLs and transaction_type itself, ignoring the browser’s', async () => {
    const { checks } = mockUpstream();
    const { proxy, sent } = testProxy({ transactionType: 'recurring_payment' });
    await proxy(
      browserRequest('POST', tokens(), {
        body: {
          card: {
            number: '4242424242424242',
            exp_month: '04',
            exp_year: '2030',
            holder_name: 'Tai Man Chan',
            '3ds': {
              success_return_url: 'https://evil.test/steal',
              fail_return_url: 'javascript:alert(1)',
            },
            transaction_type: 'no_show',
          },
          transaction_type: 'no_show',
        },
      }),
    );
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({
      card: {
        number: '4242424242424242',
        exp_month: '04',
        exp_year: '2030',
        holder_name: 'Tai Man Chan',
        '3ds': { success_return_url: RETURN_URLS.success, fail_return_url: RETURN_URLS.fail },
        transaction_type: 'recurring_payment',
      },
    });
    expect(checks).toMatchObject([{ ok: true }]);
  });
  it('defaults transaction_type to unscheduled_cof and takes return URLs from a function', async () => {
    mockUpstream();
    const returnUrls = vi.fn((request: Request) => ({
      success: `${new URL(request.url).origin}/done?ok=1`,
      fail: `${new URL(request.url).origin}/done?ok=0`,
    }));
    const { proxy, sent } = testProxy({ returnUrls });
    await proxy(
      browserRequest('POST', tokens(), { body: { card: { number: '4242424242424242' } } }),
    );
    const card = (JSON.parse(sent.at(-1)?.body ?? '') as { card: Record<string, unknown> }).card;
    expect(card.transaction_type).toBe('unscheduled_cof');
    expect(card['3ds']).toEqual({
      success_return_url: `${SHOP}/done?ok=1`,
      fail_return_url: `${SHOP}/done?ok=0`,
    });
    expect(returnUrls).toHaveBeenCalledWith(expect.any(Request), {
      uuid: DEMO_UUID,
      referenceNumber: DEMO_REFERENCE,
    });
  });
  it('forwards a token check with only token and verify_uuid', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    await proxy(
      browserRequest('POST', `${tokens()}/check`, {
        body: {
          payment_token: { token: DEMO_TOKENS.pending, verify_uuid: 'v', extra: 1 },
          other: 2,
        },
      }),
    );
    expect(sent.at(-1)?.body).toBe(
      `{"payment_token":{"token":"${DEMO_TOKENS.pending}","verify_uuid":"v"}}`,
    );
  });
});

describe('the token list query', () => {
  it('forwards token_type with a literal comma (signed with the query) and drops other query parameters', async () => {
    const { checks } = mockUpstream();
    const { proxy, sent } = testProxy();
    for (const query of ['CreditCard,AlipayAutoDebit', 'CreditCard%2CAlipayAutoDebit']) {
      const response = await proxy(
        browserRequest('GET', `${tokens()}?token_type=${query}&debug=1`),
      );
      expect(response.status).toBe(200);
    }
    for (const request of sent) {
      expect(new URL(request.url).search).toBe('?token_type=CreditCard,AlipayAutoDebit');
    }
    expect(checks).toEqual([
      expect.objectContaining({
        ok: true,
        uri: `${OPENAPI}${tokens()}?token_type=CreditCard,AlipayAutoDebit`,
      }),
      expect.objectContaining({ ok: true }),
    ]);
  });
  it('refuses a malformed token_type with 400 and sends nothing', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(browserRequest('GET', `${tokens()}?token_type=%0A`));
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_code).toBe('E_INVALID_QUERY');
    expect(sent).toHaveLength(0);
  });
});

describe('content type, size and JSON, refused before anything is sent', () => {
  it('answers a 5,000-deep body with 400 (not 500), and sends nothing', async () => {
    const { proxy, sent, logs } = testProxy();
    const deep = `{"token":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await proxy(
      browserRequest('DELETE', tokens(), {
        body: deep,
        headers: { 'Content-Length': String(deep.length) },
      }),
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_code).toBe('E_INVALID_BODY');
    expect(sent).toHaveLength(0);
    expect(logs.entries.every((entry) => entry.level !== 'error')).toBe(true);
  });

  it('counts depth on the text: brackets inside strings do not count', () => {
    expect(jsonDepthWithin('{"a":"[[[[[[[[[[[["}', 2)).toBe(true);
    expect(jsonDepthWithin('{"a":"\\"[[[[[["}', 2)).toBe(true);
    expect(jsonDepthWithin('[[[]]]', 2)).toBe(false);
  });

  it('refuses a body that is not Content-Type: application/json with 415', async () => {
    const { proxy, sent } = testProxy();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const response = await proxy(
        browserRequest('DELETE', tokens(), {
          body: '{"token":"x"}',
          headers: { 'Content-Type': type },
        }),
      );
      expect(response.status).toBe(415);
      expect((await readJson(response)).error_code).toBe('E_UNSUPPORTED_MEDIA_TYPE');
    }
    const noType = new Request(`${SHOP}/api/wonder${OPENAPI}${tokens()}`, {
      method: 'DELETE',
      headers: { 'X-Requested-With': 'savedcards' },
    });
    expect((await proxy(noType)).status).toBe(415);
    expect(sent).toHaveLength(0);
  });
  it('accepts application/json with a charset', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    const response = await proxy(
      browserRequest('DELETE', tokens(), {
        body: { token: DEMO_TOKENS.visa },
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
    );
    expect(response.status).toBe(200);
  });
  it('refuses a body over 16 KiB with 413, by Content-Length or by counting', async () => {
    const { proxy, sent } = testProxy();
    const big = { card: { number: '4242424242424242', nickname: 'x'.repeat(16 * 1024) } };
    const response = await proxy(browserRequest('POST', tokens(), { body: big }));
    expect(response.status).toBe(413);
    expect((await readJson(response)).error_code).toBe('E_BODY_TOO_LARGE');

    // A streamed body with no Content-Length is counted as it is read.
    const chunk = new TextEncoder().encode('x'.repeat(4096));
    let pushed = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pushed += 1;
        if (pushed > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = new Request(`${SHOP}/api/wonder${OPENAPI}${tokens()}`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'savedcards', 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const streamedResponse = await proxy(streamed);
    expect(streamedResponse.status).toBe(413);
    expect(pushed).toBeLessThan(10);
    expect(sent).toHaveLength(0);
  });
  it('takes maxBodyBytes', async () => {
    const { proxy } = testProxy({ maxBodyBytes: 10 });
    const response = await proxy(
      browserRequest('DELETE', tokens(), { body: { token: 'abcdefghij' } }),
    );
    expect(response.status).toBe(413);
  });
  it.each([
    ['not JSON', '{"card": {"number": "4242424242424242"', 'E_INVALID_JSON'],
    ['empty', '', 'E_INVALID_JSON'],
    ['an array', '[1,2]', 'E_INVALID_BODY'],
    ['a string', '"hello"', 'E_INVALID_BODY'],
    ['without card', '{"number":"4242424242424242"}', 'E_INVALID_BODY'],
  ])('refuses a body that is %s with 400', async (_name, body, code) => {
    const { proxy, sent } = testProxy();
    const request = new Request(`${SHOP}/api/wonder${OPENAPI}${tokens()}`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'savedcards', 'Content-Type': 'application/json' },
      body,
    });
    const response = await proxy(request);
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_code).toBe(code);
    expect(sent).toHaveLength(0);
  });
  it('refuses invalid UTF-8 with 400', async () => {
    const { proxy } = testProxy();
    const request = new Request(`${SHOP}/api/wonder${OPENAPI}${tokens()}`, {
      method: 'DELETE',
      headers: { 'X-Requested-With': 'savedcards', 'Content-Type': 'application/json' },
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect((await proxy(request)).status).toBe(400);
  });
  it.each([
    ['a delete without token', 'DELETE', tokens(), { nope: 1 }],
    ['an upsert without customer', 'POST', '/customers', { name: 'x' }],
    ['a check without payment_token.token', 'POST', `${tokens()}/check`, { payment_token: {} }],
  ] as const)('refuses %s with 400', async (_name, method, path, body) => {
    const { proxy, sent } = testProxy();
    const response = await proxy(browserRequest(method, path, { body }));
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_code).toBe('E_INVALID_BODY');
    expect(sent).toHaveLength(0);
  });
});

describe('outgoingBody and outgoingQuery (pure)', () => {
  const session = { uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE };
  const policy = {
    transactionType: 'unscheduled_cof' as const,
    returnUrls: async () => RETURN_URLS,
  };
  const route = (method: string, path: string) => {
    const matched = matchRoute(
      `/api/wonder${OPENAPI}`,
      new Request(`${SHOP}/api/wonder${OPENAPI}${path}`, {
        method,
        ...(method === 'GET' ? {} : { body: '{}' }),
      }),
    );
    if (matched instanceof ProxyAnswer) throw new Error(`no route for ${method} ${path}`);
    return matched;
  };
  const request = new Request(`${SHOP}/`);

  it('create token: only wire’s CARD_FIELDS and BILLING_ADDRESS_FIELDS pass; 3ds and transaction_type are the proxy’s', async () => {
    const body = await outgoingBody(
      route('POST', tokens()).route,
      {
        card: {
          number: '4242424242424242',
          exp_month: '04',
          exp_year: '2030',
          holder_name: 'Tai Man Chan',
          cvv: '123',
          nickname: 'work',
          billing_address: { first_name: 'Tai Man', country_code: 'HKG', is_admin: true },
          customer_uuid: 'someone-else',
          amount: '100.00',
        },
      },
      session,
      request,
      policy,
    );
    expect(body).toEqual({
      card: {
        number: '4242424242424242',
        exp_month: '04',
        exp_year: '2030',
        holder_name: 'Tai Man Chan',
        cvv: '123',
        nickname: 'work',
        billing_address: { first_name: 'Tai Man', country_code: 'HKG' },
        '3ds': { success_return_url: RETURN_URLS.success, fail_return_url: RETURN_URLS.fail },
        transaction_type: 'unscheduled_cof',
      },
    });
  });

  it.each([
    [
      'a billing_address that is not an object',
      { number: '4242424242424242', billing_address: 'Main St' },
    ],
    ['a number that is a JSON number', { number: 4242424242424242 }],
    ['a holder name that is an object', { number: '4242424242424242', holder_name: { $ne: null } }],
    [
      'a billing field that is an array',
      { number: '4242424242424242', billing_address: { city: ['a'] } },
    ],
  ])('create token: %s is a 400 naming the field', async (_label, card) => {
    const body = await outgoingBody(
      route('POST', tokens()).route,
      { card },
      session,
      request,
      policy,
    );
    expect(body).toBeInstanceOf(ProxyAnswer);
    expect((body as ProxyAnswer).status).toBe(400);
  });

  it.each([
    ['name', { $ne: null }],
    ['phone', ['1', '2']],
    ['email', 42],
  ])('upsert: a customer.%s that is not a string is a 400', async (field, value) => {
    const body = await outgoingBody(
      route('POST', '/customers').route,
      { customer: { name: 'A', phone: '1', [field]: value } },
      session,
      request,
      policy,
    );
    expect(body).toBeInstanceOf(ProxyAnswer);
    expect((body as ProxyAnswer).status).toBe(400);
  });

  it('upsert: only wire’s CUSTOMER_FIELDS, with the session’s reference number', async () => {
    const body = await outgoingBody(
      route('POST', '/customers').route,
      { customer: { name: 'A', phone: '1', dial_code: '+852', uuid: 'x', is_admin: true } },
      session,
      request,
      policy,
    );
    expect(body).toEqual({
      customer: { name: 'A', phone: '1', dial_code: '+852', reference_number: DEMO_REFERENCE },
    });
  });

  it('token_type goes upstream with a literal comma, only on the list', () => {
    expect(outgoingQuery(route('GET', `${tokens()}?token_type=CreditCard%2CAlipay`))).toBe(
      '?token_type=CreditCard,Alipay',
    );
    expect(outgoingQuery(route('GET', tokens()))).toBe('');
    expect(outgoingQuery(route('GET', `/customers/${DEMO_UUID}?token_type=CreditCard`))).toBe('');
    expect(outgoingQuery(route('GET', `${tokens()}?token_type=a%26b`))).toMatchObject({
      status: 400,
      code: 'E_INVALID_QUERY',
    });
  });
});
