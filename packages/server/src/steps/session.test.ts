// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { DEMO_TOKENS } from '../../../msw/src/index.js';
import {
  browserRequest,
  DEMO_REFERENCE,
  DEMO_UUID,
  mockUpstream,
  OTHER_UUID,
  readJson,
  testProxy,
} from '../testUpstream.js';
import { createWonderClient } from '../client.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '../testdata/keys.js';
import { ProxyAnswer } from './answer.js';
import { createCustomerBinding } from './session.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;

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

describe('createCustomerBinding (the session step on its own)', () => {
  const client = createWonderClient({
    appId: TEST_APP_ID,
    privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
    environment: 'sandbox',
  });
  const request = new Request('http://shop.test/');

  it('upserts once for concurrent requests of a session without a uuid, then binds from the cache', async () => {
    const { checks } = mockUpstream();
    const onCustomerResolved = vi.fn();
    const binding = createCustomerBinding({
      client,
      resolveCustomer: () => null,
      onCustomerResolved,
    });
    const session = { referenceNumber: DEMO_REFERENCE, profile: { name: 'Tai Man', phone: '1' } };
    const results = await Promise.all([
      binding.bindPath(session, DEMO_UUID, request),
      binding.bindPath(session, DEMO_UUID, request),
      binding.bindPath(session, OTHER_UUID, request),
    ]);
    expect(results[0]).toBeUndefined();
    expect(results[1]).toBeUndefined();
    expect(results[2]).toMatchObject({ status: 403, code: 'E_FORBIDDEN_CUSTOMER' });
    expect(checks).toHaveLength(1);
    expect(onCustomerResolved).toHaveBeenCalledTimes(1);
    expect(await binding.bindPath(session, DEMO_UUID, request)).toBeUndefined();
    expect(checks).toHaveLength(1);
  });

  it('resolve: 401 for nobody, 500 without a reference number', async () => {
    const nobody = createCustomerBinding({
      client,
      resolveCustomer: () => null,
      onCustomerResolved: undefined,
    });
    expect(await nobody.resolve(request)).toMatchObject({ status: 401 });
    const broken = createCustomerBinding({
      client,
      resolveCustomer: () => ({ referenceNumber: '' }),
      onCustomerResolved: undefined,
    });
    const answer = await broken.resolve(request);
    expect(answer).toBeInstanceOf(ProxyAnswer);
    expect(answer).toMatchObject({ status: 500, code: 'E_INTERNAL' });
  });
});
