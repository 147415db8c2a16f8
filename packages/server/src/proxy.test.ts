// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { DEMO_TOKENS } from '../../msw/src/index.js';
import { createWonderProxy } from './proxy.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from './testdata/keys.js';
import {
  browserRequest,
  DEMO_REFERENCE,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  OTHER_UUID,
  RETURN_URLS,
  readJson,
  SANDBOX,
  SHOP,
  testProxy,
} from './testUpstream.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('forwarding, signed and verified by the mock gateway', () => {
  it('lists the session customer’s tokens: signed, verified, relayed as JSON', async () => {
    const { checks } = mockUpstream();
    const { proxy, sent, logs } = testProxy();
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const body = (await response.json()) as { data: { payment_tokens: unknown[] } };
    expect(body.data.payment_tokens).toHaveLength(6);

    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(`${SANDBOX}${OPENAPI}${tokens()}`);
    expect(sent[0]?.headers.get('Credential')).toMatch(
      new RegExp(`^${TEST_APP_ID}/\\d{14}/Wonder-RSA-SHA256$`),
    );
    expect(sent[0]?.headers.get('Nonce')).toMatch(/^[0-9a-zA-Z]{16}$/);
    expect(sent[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(sent[0]?.headers.get('Cookie')).toBeNull();
    expect(checks).toEqual([
      { ok: true, method: 'GET', uri: `${OPENAPI}${tokens()}`, appId: TEST_APP_ID },
    ]);
    expect(logs.entries).toEqual([
      expect.objectContaining({
        level: 'info',
        method: 'GET',
        route: '/customers/{uuid}/payment_tokens',
        operation: 'listTokens',
        status: 200,
        upstreamStatus: 200,
        durationMs: expect.any(Number),
        requestId: expect.stringMatching(UUID_V4),
      }),
    ]);
  });

  it('propagates the browser’s X-Request-ID when it is a UUID, upstream and back', async () => {
    mockUpstream();
    const { proxy, sent, logs } = testProxy();
    const id = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
    const response = await proxy(
      browserRequest('GET', `/customers/${DEMO_UUID}`, { headers: { 'X-Request-ID': id } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-ID')).toBe(id);
    expect(sent[0]?.headers.get('X-Request-ID')).toBe(id);
    expect(logs.entries[0]?.requestId).toBe(id);
  });

  it('replaces an X-Request-ID that is not a UUID with a fresh one', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('GET', `/customers/${DEMO_UUID}`, {
        headers: { 'X-Request-ID': 'not-a-uuid <script>' },
      }),
    );
    const id = response.headers.get('X-Request-ID');
    expect(id).toMatch(UUID_V4);
    expect(sent[0]?.headers.get('X-Request-ID')).toBe(id);
  });

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

  it('deletes a token of the session customer', async () => {
    const { db, checks } = mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('DELETE', tokens(), { body: { token: DEMO_TOKENS.unionpay } }),
    );
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      error_code: '',
      error_message: '',
      data: { success: true },
    });
    expect(sent[0]?.body).toBe(JSON.stringify({ token: DEMO_TOKENS.unionpay }));
    expect(db.getToken(DEMO_UUID, DEMO_TOKENS.unionpay)).toBeUndefined();
    expect(checks.every((check) => check.ok)).toBe(true);
  });

  it('signs the exact bytes it sends (a re-serialised body), so the mock accepts them', async () => {
    const { checks } = mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('DELETE', tokens(), {
        body: `{ "token" :\n "${DEMO_TOKENS.mastercard}", "extra": [1, 2] }`,
      }),
    );
    expect(response.status).toBe(200);
    expect(sent[0]?.body).toBe(`{"token":"${DEMO_TOKENS.mastercard}"}`);
    expect(checks).toMatchObject([{ ok: true }]);
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
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({
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
    const card = (JSON.parse(sent[0]?.body ?? '') as { card: Record<string, unknown> }).card;
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
        body: { payment_token: { token: 't', verify_uuid: 'v', extra: 1 }, other: 2 },
      }),
    );
    expect(sent[0]?.body).toBe('{"payment_token":{"token":"t","verify_uuid":"v"}}');
  });

  it('passes x-i18n-lang on when it is one of Wonder’s languages', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    await proxy(browserRequest('GET', tokens(), { headers: { 'x-i18n-lang': 'zh-HK' } }));
    await proxy(browserRequest('GET', tokens(), { headers: { 'x-i18n-lang': 'xx' } }));
    expect(sent.map((request) => request.headers.get('x-i18n-lang'))).toEqual(['zh-HK', null]);
  });

  it('relays envelope B answers as they are', async () => {
    mockUpstream('envelope-b');
    const { proxy } = testProxy();
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { code: number }).code).toBe(0);
  });

  it('honours another mount path, and mountPath "" for full paths', async () => {
    mockUpstream();
    const custom = testProxy({ mountPath: '/payments/wonder/' });
    expect(custom.proxy.mountPath).toBe('/payments/wonder');
    const response = await custom.proxy(
      browserRequest('GET', `${SHOP}/payments/wonder${OPENAPI}${tokens()}`),
    );
    expect(response.status).toBe(200);
    const root = testProxy({ mountPath: '' });
    expect((await root.proxy(browserRequest('GET', `${SHOP}${OPENAPI}${tokens()}`))).status).toBe(
      200,
    );
    expect(custom.proxy.handles('/payments/wonder/svc/x')).toBe(true);
    expect(custom.proxy.handles('/payments/wonderful')).toBe(false);
    expect(custom.proxy.handles(`${SHOP}/other`)).toBe(false);
  });
});

describe('customer binding: another customer is refused and nothing is sent upstream', () => {
  it.each([
    ['GET', `/customers/${OTHER_UUID}`, undefined],
    ['GET', tokens(OTHER_UUID), undefined],
    ['POST', tokens(OTHER_UUID), { card: { number: '4242424242424242' } }],
    ['DELETE', tokens(OTHER_UUID), { token: DEMO_TOKENS.visa }],
    ['POST', `${tokens(OTHER_UUID)}/check`, { payment_token: { token: 'x' } }],
  ] as const)('%s %s → 403', async (method, path, body) => {
    const { checks } = mockUpstream();
    const { proxy, sent, logs } = testProxy();
    const response = await proxy(browserRequest(method, path, body === undefined ? {} : { body }));
    expect(response.status).toBe(403);
    expect(await readJson(response)).toEqual({
      error_code: 'E_FORBIDDEN_CUSTOMER',
      error_message: expect.any(String),
      data: null,
    });
    expect(sent).toHaveLength(0);
    expect(checks).toHaveLength(0);
    expect(logs.entries[0]).toMatchObject({ level: 'warn', status: 403 });
  });

  it('refuses an upsert for another reference number with 403', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('POST', '/customers', {
        body: { customer: { name: 'X', phone: '1', reference_number: 'someone-else' } },
      }),
    );
    expect(response.status).toBe(403);
    expect((await readJson(response)).error_code).toBe('E_FORBIDDEN_CUSTOMER');
    expect(sent).toHaveLength(0);
  });

  it('answers 401 when nobody is signed in, before anything is sent', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy({ resolveCustomer: () => null });
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(401);
    expect((await readJson(response)).error_code).toBe('E_UNAUTHENTICATED');
    expect(sent).toHaveLength(0);
  });

  it('passes the request to resolveCustomer (e.g. to read a cookie)', async () => {
    mockUpstream();
    const resolveCustomer = vi.fn((request: Request) =>
      request.headers.get('Cookie') === 'sid=1'
        ? { uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }
        : null,
    );
    const { proxy } = testProxy({ resolveCustomer });
    expect((await proxy(browserRequest('GET', tokens()))).status).toBe(401);
    const signedIn = await proxy(browserRequest('GET', tokens(), { headers: { Cookie: 'sid=1' } }));
    expect(signedIn.status).toBe(200);
  });

  it('answers 500 (no details) when resolveCustomer throws', async () => {
    const { proxy, sent, logs } = testProxy({
      resolveCustomer: () => {
        throw new Error('session store down');
      },
    });
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(500);
    expect(await readJson(response)).toEqual({
      error_code: 'E_INTERNAL',
      error_message: 'Internal error in the proxy.',
      data: null,
    });
    expect(sent).toHaveLength(0);
    expect(logs.entries[0]).toMatchObject({ level: 'error', detail: 'Error: session store down' });
  });

  it('with only a reference number and no profile, refuses uuid routes with 403', async () => {
    const { proxy, sent } = testProxy({
      resolveCustomer: () => ({ referenceNumber: DEMO_REFERENCE }),
    });
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(403);
    expect((await readJson(response)).error_code).toBe('E_CUSTOMER_UNKNOWN');
    expect(sent).toHaveLength(0);
  });

  it('with only a reference number, learns the uuid from the first upsert', async () => {
    mockUpstream();
    const onCustomerResolved = vi.fn();
    const { proxy, sent } = testProxy({
      resolveCustomer: () => ({ referenceNumber: DEMO_REFERENCE }),
      onCustomerResolved,
    });
    const upsert = await proxy(
      browserRequest('POST', '/customers', {
        body: { customer: { name: 'Tai Man Chan', phone: '1' } },
      }),
    );
    expect(upsert.status).toBe(200);
    expect(onCustomerResolved).toHaveBeenCalledWith(
      { uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE },
      expect.any(Request),
    );
    expect((await proxy(browserRequest('GET', tokens()))).status).toBe(200);
    expect((await proxy(browserRequest('GET', tokens(OTHER_UUID)))).status).toBe(403);
    expect(sent.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('with a reference number and a profile, upserts once to learn the uuid, then forwards', async () => {
    const { checks } = mockUpstream();
    const onCustomerResolved = vi.fn();
    const { proxy, sent } = testProxy({
      resolveCustomer: () => ({
        referenceNumber: 'new-customer-7',
        profile: { name: 'Siu Ming', phone: '61234567', email: 'siu.ming@example.com' },
      }),
      onCustomerResolved,
    });
    const first = await proxy(browserRequest('GET', '/customers/whatever/payment_tokens'));
    expect(first.status).toBe(403);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({
      customer: {
        reference_number: 'new-customer-7',
        name: 'Siu Ming',
        phone: '61234567',
        email: 'siu.ming@example.com',
      },
    });
    const uuid = onCustomerResolved.mock.calls[0]?.[0]?.uuid as string;
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(uuid).not.toBe(DEMO_UUID);
    const second = await proxy(browserRequest('GET', tokens(uuid)));
    expect(second.status).toBe(200);
    expect(sent).toHaveLength(2);
    expect(onCustomerResolved).toHaveBeenCalledTimes(1);
    expect(checks.every((check) => check.ok)).toBe(true);
  });
});

describe('refusals before anything is sent', () => {
  it.each([
    ['an unknown route', 'GET', `${SHOP}/api/wonder${OPENAPI}/orders`],
    ['a path outside the OpenAPI prefix', 'POST', `${SHOP}/api/wonder/svc/payment/api/v1/echo`],
    ['a path outside the mount path', 'GET', `${SHOP}/other${OPENAPI}${tokens()}`],
    ['an encoded slash in the uuid', 'GET', `${SHOP}/api/wonder${OPENAPI}/customers/a%2Fb`],
    [
      'a dot segment',
      'GET',
      `${SHOP}/api/wonder${OPENAPI}/customers/${DEMO_UUID}/payment_tokens/x`,
    ],
    ['a trailing slash', 'GET', `${SHOP}/api/wonder${OPENAPI}${tokens()}/`],
  ])('%s → 404', async (_name, method, url) => {
    const { proxy, sent, logs } = testProxy();
    const response = await proxy(browserRequest(method, url));
    expect(response.status).toBe(404);
    expect(await readJson(response)).toEqual({
      error_code: 'E_NOT_FOUND',
      error_message: 'No such route.',
      data: null,
    });
    expect(response.headers.get('X-Request-ID')).toMatch(UUID_V4);
    expect(sent).toHaveLength(0);
    expect(logs.entries[0]).toMatchObject({ status: 404, code: 'E_NOT_FOUND' });
  });

  it.each([
    ['PUT', tokens(), 'GET, POST, DELETE'],
    ['PATCH', `/customers/${DEMO_UUID}`, 'GET'],
    ['GET', '/customers', 'POST'],
    ['DELETE', `${tokens()}/check`, 'POST'],
  ])('%s %s → 405 with Allow: %s', async (method, path, allow) => {
    const { proxy, sent } = testProxy();
    const response = await proxy(browserRequest(method, path));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe(allow);
    expect((await readJson(response)).error_code).toBe('E_METHOD_NOT_ALLOWED');
    expect(sent).toHaveLength(0);
  });

  it('refuses a request without the X-Requested-With: savedcards marker (CSRF) with 403', async () => {
    const { proxy, sent } = testProxy();
    const missing = await proxy(browserRequest('GET', tokens(), { noMarker: true }));
    expect(missing.status).toBe(403);
    expect((await readJson(missing)).error_code).toBe('E_CSRF');
    const wrong = await proxy(
      browserRequest('GET', tokens(), { headers: { 'X-Requested-With': 'XMLHttpRequest' } }),
    );
    expect(wrong.status).toBe(403);
    const crossSite = await proxy(
      browserRequest('GET', tokens(), { headers: { 'Sec-Fetch-Site': 'cross-site' } }),
    );
    expect(crossSite.status).toBe(403);
    expect(sent).toHaveLength(0);
  });

  it('checks the marker before the session (no session lookup for forged requests)', async () => {
    const resolveCustomer = vi.fn(() => ({ uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }));
    const { proxy } = testProxy({ resolveCustomer });
    await proxy(browserRequest('DELETE', tokens(), { noMarker: true, body: { token: 'x' } }));
    expect(resolveCustomer).not.toHaveBeenCalled();
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

describe('upstream failures become clear errors in the envelope', () => {
  it('times out after timeoutMs with 504 E_UPSTREAM_TIMEOUT', async () => {
    mockUpstream('timeout');
    const { proxy, logs } = testProxy({ timeoutMs: 50 });
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(504);
    expect(await readJson(response)).toEqual({
      error_code: 'E_UPSTREAM_TIMEOUT',
      error_message: 'Wonder Gateway did not answer within 50 ms.',
      data: null,
    });
    expect(logs.entries[0]).toMatchObject({ level: 'error', status: 504 });
  });

  it('answers 502 E_UPSTREAM_UNREACHABLE on a network error', async () => {
    mockUpstream('network-error');
    const { proxy } = testProxy();
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(502);
    expect((await readJson(response)).error_code).toBe('E_UPSTREAM_UNREACHABLE');
  });

  it('passes an upstream 5xx through with the gateway’s code', async () => {
    mockUpstream('server-error');
    const { proxy, logs } = testProxy();
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(500);
    expect(await readJson(response)).toEqual({
      error_code: 'E000500',
      error_message: 'Internal server error.',
      data: null,
    });
    expect(logs.entries[0]).toMatchObject({
      level: 'error',
      status: 500,
      upstreamStatus: 500,
      upstreamCode: 'E000500',
    });
  });

  it('passes an upstream 5xx without JSON through as E_UPSTREAM_ERROR', async () => {
    const { proxy } = testProxy(
      {},
      async () => new Response('<html>bad gateway</html>', { status: 503 }),
    );
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(503);
    expect(await readJson(response)).toEqual({
      error_code: 'E_UPSTREAM_ERROR',
      error_message: 'Wonder Gateway failed with HTTP 503.',
      data: null,
    });
  });

  it('answers 502 E_UPSTREAM_INVALID_RESPONSE for malformed JSON', async () => {
    mockUpstream('malformed-json');
    const { proxy } = testProxy();
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(502);
    expect((await readJson(response)).error_code).toBe('E_UPSTREAM_INVALID_RESPONSE');
  });

  it('passes gateway 4xx errors through (unknown token → 400 E200001)', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    const response = await proxy(browserRequest('DELETE', tokens(), { body: { token: 'nope' } }));
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_code).toBe('E200001');
  });

  it('maps a refused signature (wrong key) to 502 E_UPSTREAM_AUTH, never a 401 to the browser', async () => {
    const { checks } = mockUpstream();
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const { proxy, logs } = testProxy({ privateKey: other });
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(502);
    expect((await readJson(response)).error_code).toBe('E_UPSTREAM_AUTH');
    expect(checks).toMatchObject([{ ok: false, reason: 'bad-signature' }]);
    expect(logs.entries[0]).toMatchObject({
      level: 'error',
      upstreamStatus: 401,
      upstreamCode: 'E000002',
    });
  });

  it('aborts the upstream call when the browser goes away', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const hanging: typeof fetch = (input, init) =>
      new Promise((_resolve, reject) => {
        upstreamSignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        upstreamSignal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const { proxy } = testProxy({}, hanging);
    const controller = new AbortController();
    const request = new Request(browserRequest('GET', tokens()), { signal: controller.signal });
    const pending = proxy(request);
    await vi.waitFor(() => expect(upstreamSignal).toBeDefined());
    controller.abort();
    const response = await pending;
    expect(upstreamSignal?.aborted).toBe(true);
    expect((await readJson(response)).error_code).toBe('E_CLIENT_CLOSED');
  });

  it('keeps answering when the logger throws', async () => {
    mockUpstream();
    const { proxy } = testProxy({
      logger: () => {
        throw new Error('log sink down');
      },
    });
    expect((await proxy(browserRequest('GET', tokens()))).status).toBe(200);
  });
});

describe('the one envelope rule (@savedcards/wire readEnvelope) on upstream answers', () => {
  const answering = (status: number, body: unknown) => async () => Response.json(body, { status });

  it('keeps the message when both code and error_code are present', async () => {
    const { proxy } = testProxy(
      {},
      answering(400, { code: 400, error_code: 'E100001', message: 'bad card' }),
    );
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      error_code: 'E100001',
      error_message: 'bad card',
      data: null,
    });
  });

  it('answers an error for code 500 with an empty error_code, not a success', async () => {
    const { proxy, logs } = testProxy(
      {},
      answering(500, { code: 500, error_code: '', message: 'boom' }),
    );
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(500);
    expect(await readJson(response)).toEqual({
      error_code: '500',
      error_message: 'boom',
      data: null,
    });
    expect(logs.entries[0]).toMatchObject({ level: 'error', upstreamCode: '500' });
  });

  it('relays a bare {data} with HTTP 200 as a success', async () => {
    const data = { payment_tokens: [] };
    const { proxy } = testProxy({}, answering(200, { data }));
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data });
  });

  it('answers an upstream 4xx without an envelope as 502 E_UPSTREAM_ERROR', async () => {
    const { proxy } = testProxy({}, async () => new Response('Not Found', { status: 404 }));
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(502);
    expect(await readJson(response)).toEqual({
      error_code: 'E_UPSTREAM_ERROR',
      error_message: 'Wonder Gateway failed with HTTP 404.',
      data: null,
    });
  });
});

describe('createWonderProxy fails fast on bad configuration', () => {
  const base = {
    appId: TEST_APP_ID,
    privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
    environment: 'sandbox' as const,
    resolveCustomer: () => null,
    returnUrls: RETURN_URLS,
  };

  it.each([
    ['no AppID', { appId: '' }, /`appId` is required/],
    ['an AppID with a slash', { appId: 'a/b' }, /must not contain "\/"/],
    ['no private key', { privateKey: '' }, /`privateKey` is required/],
    ['a private key that is not PEM', { privateKey: 'hello' }, /not a PEM string/],
    [
      'a broken PEM',
      { privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' },
      /not a readable PEM private key/,
    ],
    ['a missing key file', { privateKey: { file: '/nonexistent/key.pem' } }, /ENOENT/],
    ['no resolveCustomer', { resolveCustomer: undefined }, /resolveCustomer/],
    ['no returnUrls', { returnUrls: undefined }, /returnUrls/],
    ['a relative return URL', { returnUrls: { success: '/ok', fail: '/no' } }, /absolute/],
    [
      'a javascript: return URL',
      { returnUrls: { success: 'javascript:1', fail: 'https://x' } },
      /http\(s\)/,
    ],
    ['both environment and baseUrl', { baseUrl: 'https://x.test' }, /either/],
    ['neither environment nor baseUrl', { environment: undefined }, /required/],
    ['an unknown environment', { environment: 'staging' }, /'sandbox' or 'production'/],
    ['an unknown transaction type', { transactionType: 'whenever' }, /transactionType/],
    ['a zero maxBodyBytes', { maxBodyBytes: 0 }, /maxBodyBytes/],
    ['a relative mount path', { mountPath: 'api' }, /mountPath/],
  ])('%s', (_name, change, message) => {
    expect(() => createWonderProxy({ ...base, ...change } as never)).toThrow(message);
  });

  it('never puts key material into the error message', () => {
    const broken = TEST_ONLY_PRIVATE_KEY_PEM.replace(/[A-Za-z]{10}\n/, '!!!!!!!!!!\n');
    let message = '';
    try {
      createWonderProxy({ ...base, privateKey: broken });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/privateKey/);
    expect(message).not.toMatch(/BEGIN|[A-Za-z0-9+/]{20}/);
  });
});
