// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import {
  browserRequest,
  DEMO_REFERENCE,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  readJson,
  SHOP,
  testProxy,
} from '../testUpstream.js';
import { ProxyAnswer } from './answer.js';
import { handlesPath, matchRoute } from './route.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the route step: 404 outside the allow-list, 405 with Allow, the CSRF marker', () => {
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
  it.each([
    ['Origin', 'https://evil.example'],
    ['Origin', 'null'],
    ['Referer', 'https://evil.example/page'],
    ['Origin', 'http://shop.test.evil.example'],
  ])(
    'refuses %s: %s even with the marker (a permissive CORS layer in front)',
    async (name, value) => {
      const { proxy, sent } = testProxy();
      const response = await proxy(browserRequest('GET', tokens(), { headers: { [name]: value } }));
      expect(response.status).toBe(403);
      expect((await readJson(response)).error_code).toBe('E_CSRF');
      expect(sent).toHaveLength(0);
    },
  );

  it('accepts its own origin, a same-origin Referer, no Origin at all, and configured origins', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    const cases: Record<string, string>[] = [{ Origin: SHOP }, { Referer: `${SHOP}/checkout` }, {}];
    for (const headers of cases) {
      expect((await proxy(browserRequest('GET', tokens(), { headers }))).status).toBe(200);
    }
    const { proxy: configured } = testProxy({ allowedOrigins: ['https://app.shop.example'] });
    const other = { Origin: 'https://app.shop.example' };
    expect((await configured(browserRequest('GET', tokens(), { headers: other }))).status).toBe(
      200,
    );
    expect(
      (await configured(browserRequest('GET', tokens(), { headers: { Origin: SHOP } }))).status,
    ).toBe(403);
    expect(() => testProxy({ allowedOrigins: ['https://shop.example/path'] })).toThrow(TypeError);
  });

  it('checks the marker before the session (no session lookup for forged requests)', async () => {
    const resolveCustomer = vi.fn(() => ({ uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }));
    const { proxy } = testProxy({ resolveCustomer });
    await proxy(browserRequest('DELETE', tokens(), { noMarker: true, body: { token: 'x' } }));
    expect(resolveCustomer).not.toHaveBeenCalled();
  });
});

describe('the mount path', () => {
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

describe('matchRoute and handlesPath', () => {
  const prefix = `/api/wonder${OPENAPI}`;
  const request = (method: string, path: string) =>
    new Request(`${SHOP}${path}`, { method, ...(method === 'GET' ? {} : { body: '{}' }) });

  it('matches wire’s allow-list below the prefix, with the path uuid', () => {
    const matched = matchRoute(prefix, request('DELETE', `${prefix}${tokens()}`));
    expect(matched).not.toBeInstanceOf(ProxyAnswer);
    expect(matched).toMatchObject({
      route: { operation: 'deleteToken', method: 'DELETE', hasBody: true },
      path: tokens(),
      pathUuid: DEMO_UUID,
    });
    expect(matchRoute(prefix, request('POST', `${prefix}/customers`))).toMatchObject({
      route: { operation: 'upsertCustomer' },
      pathUuid: undefined,
    });
  });

  it('answers 404 and 405 (with Allow) as ProxyAnswers', () => {
    const notFound = matchRoute(prefix, request('GET', `${prefix}/orders`));
    expect(notFound).toMatchObject({ status: 404, code: 'E_NOT_FOUND' });
    const wrongMethod = matchRoute(prefix, request('PUT', `${prefix}${tokens()}`));
    expect(wrongMethod).toMatchObject({ status: 405, headers: { Allow: 'GET, POST, DELETE' } });
  });

  it('handlesPath: under the mount path only; everything for mountPath ""', () => {
    expect(handlesPath('/api/wonder', '/api/wonder')).toBe(true);
    expect(handlesPath('/api/wonder', `${SHOP}/api/wonder/x?y=1`)).toBe(true);
    expect(handlesPath('/api/wonder', '/api/wonderful')).toBe(false);
    expect(handlesPath('/api/wonder', 'not a url')).toBe(false);
    expect(handlesPath('', '/anything')).toBe(true);
  });
});
