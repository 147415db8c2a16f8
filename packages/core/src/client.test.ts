import { delay, HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { server, TEST_BASE_URL } from '../../../test/server';
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  createGatewayClient,
  GatewayError,
  type GatewayRequest,
  gatewayPaths,
  isGatewayError,
  OPENAPI_PREFIX,
} from './index.js';

const API = `${TEST_BASE_URL}${OPENAPI_PREFIX}`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const PAN = '4242424242424242';

const ok = (data: unknown) => HttpResponse.json({ error_code: '', error_message: '', data });

const cleanups: Array<() => void> = [];

/** Every request the server sees from now on, with its headers, in order. */
function recordRequests() {
  const seen: Request[] = [];
  const listener = ({ request }: { request: Request }) => {
    seen.push(request);
  };
  server.events.on('request:start', listener);
  const stop = () => server.events.removeListener('request:start', listener);
  cleanups.push(stop);
  return { seen, stop };
}

/** Awaits a rejection and returns it, failing the test if the promise resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function gatewayErrorOf(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

const getCustomerRequest = (uuid = 'cust-1'): GatewayRequest => ({
  method: 'GET',
  path: gatewayPaths.customer(uuid),
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) {
    cleanup();
  }
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createGatewayClient', () => {
  it('requires a baseUrl', () => {
    expect(() => createGatewayClient({ baseUrl: '' })).toThrow(TypeError);
  });

  it('exposes its settings with defaults', () => {
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    expect(client.baseUrl).toBe(TEST_BASE_URL);
    expect(client.lang).toBeUndefined();
    expect(client.expiringWithinDays).toBe(60);
    expect(client.now()).toBeInstanceOf(Date);
  });
});

describe('client.request: the happy path', () => {
  it('sends JSON and resolves with the envelope data', async () => {
    let received:
      | { method: string; contentType: string | null; accept: string | null; body: unknown }
      | undefined;
    server.use(
      http.post(`${API}/customers`, async ({ request }) => {
        received = {
          method: request.method,
          contentType: request.headers.get('content-type'),
          accept: request.headers.get('accept'),
          body: await request.json(),
        };
        return ok({ customer: { uuid: 'cust-1', name: 'Tai Man Chan' } });
      }),
    );
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    const data = await client.request({
      method: 'POST',
      path: gatewayPaths.customers(),
      body: { customer: { name: 'Tai Man Chan', reference_number: 'ref-1' } },
    });
    expect(data).toEqual({ customer: { uuid: 'cust-1', name: 'Tai Man Chan' } });
    expect(received).toEqual({
      method: 'POST',
      contentType: 'application/json',
      accept: 'application/json',
      body: { customer: { name: 'Tai Man Chan', reference_number: 'ref-1' } },
    });
  });

  it('reads envelope B', async () => {
    server.use(
      http.get(`${API}/customers/:uuid`, () =>
        HttpResponse.json({ code: 200, message: 'OK', data: { customer: { uuid: 'b' } } }),
      ),
    );
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    await expect(client.request(getCustomerRequest())).resolves.toEqual({
      customer: { uuid: 'b' },
    });
  });

  it('sends no body and no Content-Type on a GET, and adds defined query parameters only', async () => {
    let url: URL | undefined;
    let contentType: string | null = 'unset';
    let bodyText: string | undefined;
    server.use(
      http.get(`${API}/customers/:uuid/payment_tokens`, async ({ request }) => {
        url = new URL(request.url);
        contentType = request.headers.get('content-type');
        bodyText = await request.text();
        return ok({ payment_tokens: [] });
      }),
    );
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    await client.request({
      method: 'GET',
      path: gatewayPaths.paymentTokens('cust/1'),
      query: { token_type: 'CreditCard,AlipayAutoDebit', other: undefined },
    });
    expect(url?.pathname).toBe(
      '/api/wonder/svc/payment/api/v1/openapi/customers/cust%2F1/payment_tokens',
    );
    expect(url?.searchParams.get('token_type')).toBe('CreditCard,AlipayAutoDebit');
    expect(url?.searchParams.has('other')).toBe(false);
    expect(contentType).toBeNull();
    expect(bodyText).toBe('');
  });

  it('sends a DELETE with a JSON body', async () => {
    let body: unknown;
    server.use(
      http.delete(`${API}/customers/:uuid/payment_tokens`, async ({ request }) => {
        body = await request.json();
        return ok({ success: true });
      }),
    );
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    await expect(
      client.request({
        method: 'DELETE',
        path: gatewayPaths.paymentTokens('cust-1'),
        body: { token: 'tok-1' },
      }),
    ).resolves.toEqual({ success: true });
    expect(body).toEqual({ token: 'tok-1' });
  });
});

describe('client.request: headers', () => {
  it('sends a UUID v4 X-Request-ID that differs per request', async () => {
    const ids: Array<string | null> = [];
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        ids.push(request.headers.get('x-request-id'));
        return ok({});
      }),
    );
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    await client.request(getCustomerRequest());
    await client.request(getCustomerRequest());
    await client.request(getCustomerRequest());
    expect(ids).toHaveLength(3);
    for (const id of ids) {
      expect(id).toMatch(UUID_V4);
    }
    expect(new Set(ids).size).toBe(3);
  });

  it('still sends a UUID v4 X-Request-ID where crypto.randomUUID is missing', async () => {
    const ids: Array<string | null> = [];
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        ids.push(request.headers.get('x-request-id'));
        return ok({});
      }),
    );
    const realCrypto = globalThis.crypto;
    vi.stubGlobal('crypto', {
      getRandomValues: (array: Uint8Array) => realCrypto.getRandomValues(array),
    });
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    await client.request(getCustomerRequest());
    await client.request(getCustomerRequest());
    vi.unstubAllGlobals();
    expect(ids[0]).toMatch(UUID_V4);
    expect(ids[1]).toMatch(UUID_V4);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('sends the X-Requested-With CSRF marker', async () => {
    let marker: string | null = null;
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        marker = request.headers.get('x-requested-with');
        return ok({});
      }),
    );
    await createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest());
    expect(CSRF_HEADER).toBe('X-Requested-With');
    expect(CSRF_HEADER_VALUE).toBe('savedcards');
    expect(marker).toBe('savedcards');
  });

  it('sends x-i18n-lang only when lang is set', async () => {
    const langs: Array<string | null> = [];
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        langs.push(request.headers.get('x-i18n-lang'));
        return ok({});
      }),
    );
    await createGatewayClient({ baseUrl: TEST_BASE_URL, lang: 'zh-HK' }).request(
      getCustomerRequest(),
    );
    await createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest());
    expect(langs).toEqual(['zh-HK', null]);
  });

  it('adds custom headers given as an object, without overriding its own', async () => {
    let headers: Headers | undefined;
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        headers = request.headers;
        return ok({});
      }),
    );
    const client = createGatewayClient({
      baseUrl: TEST_BASE_URL,
      headers: { 'X-CSRF-Token': 'csrf-1', 'X-Requested-With': 'something-else' },
    });
    await client.request(getCustomerRequest());
    expect(headers?.get('x-csrf-token')).toBe('csrf-1');
    expect(headers?.get('x-requested-with')).toBe('savedcards');
  });

  it('calls a headers function on every request (sync or async)', async () => {
    const tokens: Array<string | null> = [];
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        tokens.push(request.headers.get('x-csrf-token'));
        return ok({});
      }),
    );
    let calls = 0;
    const sync = createGatewayClient({
      baseUrl: TEST_BASE_URL,
      headers: () => {
        calls += 1;
        return { 'X-CSRF-Token': `sync-${calls}` };
      },
    });
    const async = createGatewayClient({
      baseUrl: TEST_BASE_URL,
      headers: async () => [['X-CSRF-Token', 'async-1']],
    });
    await sync.request(getCustomerRequest());
    await sync.request(getCustomerRequest());
    await async.request(getCustomerRequest());
    expect(tokens).toEqual(['sync-1', 'sync-2', 'async-1']);
  });
});

describe('client.request: URLs and fetch', () => {
  it('resolves a relative baseUrl against the page (jsdom: http://localhost:3000/)', async () => {
    let url: string | undefined;
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        url = request.url;
        return ok({});
      }),
    );
    expect(window.location.origin).toBe('http://localhost:3000');
    await createGatewayClient({ baseUrl: '/api/wonder' }).request(getCustomerRequest('c-1'));
    expect(url).toBe(`${API}/customers/c-1`);
  });

  it('accepts a baseUrl with trailing slashes', async () => {
    let url: string | undefined;
    server.use(
      http.get(`${API}/customers/:uuid`, ({ request }) => {
        url = request.url;
        return ok({});
      }),
    );
    await createGatewayClient({ baseUrl: `${TEST_BASE_URL}//` }).request(getCustomerRequest('c-1'));
    expect(url).toBe(`${API}/customers/c-1`);
  });

  it('uses the given fetch with credentials "same-origin" by default', async () => {
    server.use(http.get(`${API}/customers/:uuid`, () => ok({ ok: 1 })));
    const inits: RequestInit[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      inits.push(init ?? {});
      return globalThis.fetch(input, init);
    };
    await createGatewayClient({ baseUrl: TEST_BASE_URL, fetch: fetchSpy }).request(
      getCustomerRequest(),
    );
    await createGatewayClient({
      baseUrl: TEST_BASE_URL,
      fetch: fetchSpy,
      credentials: 'include',
    }).request(getCustomerRequest());
    expect(inits.map((init) => init.credentials)).toEqual(['same-origin', 'include']);
  });
});

describe('client.request: error kinds', () => {
  it('network: no response', async () => {
    const requests = recordRequests();
    server.use(http.get(`${API}/customers/:uuid`, () => HttpResponse.error()));
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest()),
    );
    requests.stop();
    expect(error).toMatchObject({ kind: 'network', status: 0, code: undefined });
    expect(error.cause).toBeUndefined();
    expect(error.requestId).toMatch(UUID_V4);
    expect(error.requestId).toBe(requests.seen[0]?.headers.get('x-request-id'));
  });

  it('timeout: no answer within timeoutMs', async () => {
    const requests = recordRequests();
    server.use(
      http.get(`${API}/customers/:uuid`, async () => {
        await delay('infinite');
        return ok({});
      }),
    );
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL, timeoutMs: 50 }).request(getCustomerRequest()),
    );
    requests.stop();
    expect(error).toMatchObject({ kind: 'timeout', status: 0 });
    expect(error.requestId).toBe(requests.seen[0]?.headers.get('x-request-id'));
  });

  it('timeout: a per-request timeoutMs overrides the client default', async () => {
    server.use(
      http.get(`${API}/customers/:uuid`, async () => {
        await delay('infinite');
        return ok({});
      }),
    );
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    const error = await gatewayErrorOf(client.request({ ...getCustomerRequest(), timeoutMs: 50 }));
    expect(error.kind).toBe('timeout');
  });

  it('http: a 500 with an HTML body', async () => {
    const requests = recordRequests();
    server.use(
      http.get(`${API}/customers/:uuid`, () =>
        HttpResponse.html('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 500 }),
      ),
    );
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest()),
    );
    requests.stop();
    expect(error).toMatchObject({ kind: 'http', status: 500, code: undefined });
    expect(error.message).not.toContain('<html>');
    expect(error.requestId).toBe(requests.seen[0]?.headers.get('x-request-id'));
  });

  it.each([
    ['a JSON body that is not an envelope', { detail: 'Not Found' }],
    ['a successful envelope', { error_code: '', data: {} }],
  ])('http: a 404 with %s', async (_label, body) => {
    server.use(http.get(`${API}/customers/:uuid`, () => HttpResponse.json(body, { status: 404 })));
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest()),
    );
    expect(error).toMatchObject({ kind: 'http', status: 404 });
  });

  it('gateway: a 400 with an envelope A error', async () => {
    const requests = recordRequests();
    server.use(
      http.post(`${API}/customers`, () =>
        HttpResponse.json(
          { error_code: 'E100002', error_message: 'name is required', data: null },
          { status: 400 },
        ),
      ),
    );
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request({
        method: 'POST',
        path: gatewayPaths.customers(),
        body: { customer: {} },
      }),
    );
    requests.stop();
    expect(error).toMatchObject({ kind: 'gateway', status: 400, code: 'E100002' });
    expect(error.message).toContain('name is required');
    expect(error.message).toContain('E100002');
    expect(error.requestId).toBe(requests.seen[0]?.headers.get('x-request-id'));
  });

  it('gateway: a 200 with an envelope B error (string code)', async () => {
    server.use(
      http.get(`${API}/customers/:uuid`, () =>
        HttpResponse.json({ code: 'E000002', message: 'Invalid Credential Format.' }),
      ),
    );
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest()),
    );
    expect(error).toMatchObject({ kind: 'gateway', status: 200, code: 'E000002' });
    expect(error.message).toContain('Invalid Credential Format.');
  });

  it('gateway: a 500 with an envelope error keeps the gateway code', async () => {
    server.use(
      http.get(`${API}/customers/:uuid`, () =>
        HttpResponse.json({ code: 500, message: 'internal error' }, { status: 500 }),
      ),
    );
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest()),
    );
    expect(error).toMatchObject({ kind: 'gateway', status: 500, code: '500' });
  });

  it('invalid-response: a 200 whose body is not JSON', async () => {
    const requests = recordRequests();
    server.use(http.get(`${API}/customers/:uuid`, () => HttpResponse.text('OK')));
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest()),
    );
    requests.stop();
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200 });
    expect(error.requestId).toBe(requests.seen[0]?.headers.get('x-request-id'));
  });

  it.each([
    ['{foo:1}', { foo: 1 }],
    ['an array', [1, 2]],
    ['null', null],
  ])('invalid-response: a 200 with %s', async (_label, body) => {
    server.use(http.get(`${API}/customers/:uuid`, () => HttpResponse.json(body)));
    const error = await gatewayErrorOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request(getCustomerRequest()),
    );
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200 });
  });
});

describe('client.request: caller abort', () => {
  it('rejects with the abort reason, not a GatewayError, and aborts the request', async () => {
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let serverSawAbort = false;
    server.use(
      http.get(`${API}/customers/:uuid`, async ({ request }) => {
        request.signal.addEventListener('abort', () => {
          serverSawAbort = true;
        });
        started();
        await delay('infinite');
        return ok({});
      }),
    );
    const signals: AbortSignal[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      if (init?.signal) {
        signals.push(init.signal);
      }
      return globalThis.fetch(input, init);
    };
    const controller = new AbortController();
    const reason = new Error('the user left the page');
    const pending = createGatewayClient({ baseUrl: TEST_BASE_URL, fetch: fetchSpy }).request({
      ...getCustomerRequest(),
      signal: controller.signal,
    });
    await requestStarted;
    controller.abort(reason);
    const error = await rejectionOf(pending);
    expect(error).toBe(reason);
    expect(isGatewayError(error)).toBe(false);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    await vi.waitFor(() => expect(serverSawAbort).toBe(true));
  });

  it('rejects with a DOMException AbortError when aborted without a reason', async () => {
    server.use(
      http.get(`${API}/customers/:uuid`, async () => {
        await delay('infinite');
        return ok({});
      }),
    );
    const controller = new AbortController();
    const pending = createGatewayClient({ baseUrl: TEST_BASE_URL }).request({
      ...getCustomerRequest(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    const error = await rejectionOf(pending);
    expect(isGatewayError(error)).toBe(false);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('sends nothing and leaves no timer when the signal is already aborted', async () => {
    const requests = recordRequests();
    vi.useFakeTimers();
    const reason = new Error('already gone');
    const error = await rejectionOf(
      createGatewayClient({ baseUrl: TEST_BASE_URL }).request({
        ...getCustomerRequest(),
        signal: AbortSignal.abort(reason),
      }),
    );
    const timers = vi.getTimerCount();
    vi.useRealTimers();
    requests.stop();
    expect(error).toBe(reason);
    expect(requests.seen).toHaveLength(0);
    expect(timers).toBe(0);
  });
});

describe('client.request: error messages never contain the request body', () => {
  const secretBody = {
    card: {
      number: PAN,
      cvv: '987',
      exp_month: '04',
      exp_year: '2027',
      holder_name: 'Secret Holder',
    },
  };
  const createToken = (client = createGatewayClient({ baseUrl: TEST_BASE_URL, timeoutMs: 50 })) =>
    client.request({
      method: 'POST',
      path: gatewayPaths.paymentTokens('cust-1'),
      body: secretBody,
    });

  function expectNoCardData(error: GatewayError) {
    const everything = [
      error.message,
      String(error),
      error.code ?? '',
      String(error.cause),
      error.stack ?? '',
    ].join('\n');
    expect(everything).not.toContain(PAN);
    expect(everything).not.toMatch(/\d{12,}/);
    expect(everything).not.toContain('987');
  }

  it.each([
    [
      'a gateway error that echoes the body',
      async ({ request }: { request: Request }) =>
        HttpResponse.json(
          { error_code: 'E200001', error_message: `Invalid request: ${await request.text()}` },
          { status: 400 },
        ),
    ],
    [
      'an envelope B error that echoes the number with spaces',
      () =>
        HttpResponse.json({ code: 'E2', message: 'Card 4242 4242 4242 4242 cvv: 987 declined' }),
    ],
    [
      'an HTML 500 that echoes the body',
      async ({ request }: { request: Request }) =>
        HttpResponse.html(`<pre>${await request.text()}</pre>`, { status: 500 }),
    ],
    ['a network error', () => HttpResponse.error()],
    [
      'a timeout',
      async () => {
        await delay('infinite');
        return ok({});
      },
    ],
    [
      'a 200 with a non-JSON body that echoes the body',
      async ({ request }: { request: Request }) =>
        HttpResponse.text(`echo ${await request.text()}`),
    ],
    [
      'a 200 with a JSON body that is not an envelope',
      async ({ request }: { request: Request }) =>
        HttpResponse.json({ echo: await request.json() }),
    ],
  ])('%s', async (_label, resolver) => {
    server.use(http.post(`${API}/customers/:uuid/payment_tokens`, resolver));
    const error = await gatewayErrorOf(createToken());
    expectNoCardData(error);
    if (error.kind !== 'gateway') {
      expect(error.message).not.toContain('Secret Holder');
    }
  });
});
