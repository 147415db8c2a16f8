// @vitest-environment node
/**
 * Abuse of the signing proxy (property-based where it helps): other customers' uuids, route and
 * method probing, oversized bodies, forged requests without the CSRF marker, and replayed, stale,
 * moved and tampered signatures at the mock upstream (which verifies every signature).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signRequest } from '@savedcards/server';
import {
  DEMO_UUID,
  mockUpstream as mockUpstreamOn,
  OPENAPI,
  SANDBOX,
  SHOP,
  TEST_APP_ID,
  TEST_ONLY_PRIVATE_KEY_PEM,
} from '@savedcards/test-utils';
import { browserRequest, readJson, testProxy } from '@savedcards/test-utils/proxy';
import { server } from '../server.js';

const mockUpstream = (scenario?: Parameters<typeof mockUpstreamOn>[1]) =>
  mockUpstreamOn(server, scenario);

const tokens = (uuid: string) => `/customers/${uuid}/payment_tokens`;
const hexUuid = fc.uuid().filter((uuid) => uuid !== DEMO_UUID);

/** Every customer route with a body the gateway would accept. */
const UUID_ROUTES = [
  { method: 'GET', path: (uuid: string) => `/customers/${uuid}`, body: undefined },
  { method: 'GET', path: tokens, body: undefined },
  {
    method: 'POST',
    path: tokens,
    body: {
      card: { number: '4242424242424242', exp_month: '04', exp_year: '2031', holder_name: 'A B' },
    },
  },
  { method: 'DELETE', path: tokens, body: { token: 'x' } },
  {
    method: 'POST',
    path: (uuid: string) => `${tokens(uuid)}/check`,
    body: { payment_token: { token: 'x', verify_uuid: 'y' } },
  },
] as const;

describe('other customers', () => {
  it('refuses every route for any uuid but the session customer’s with 403, sending nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        hexUuid,
        fc.constantFrom(...UUID_ROUTES),
        fc.constantFrom(
          (u: string) => u,
          (u: string) => u.toUpperCase(),
          (u: string) => encodeURIComponent(u),
        ),
        async (uuid, route, spell) => {
          const { checks } = mockUpstream();
          const { proxy, sent } = testProxy();
          const response = await proxy(
            browserRequest(
              route.method,
              route.path(spell(uuid)),
              route.body === undefined ? {} : { body: route.body },
            ),
          );
          expect(response.status).toBe(403);
          expect((await readJson(response)).error_code).toBe('E_FORBIDDEN_CUSTOMER');
          expect(sent).toHaveLength(0);
          expect(checks).toHaveLength(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('route and method probing', () => {
  const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND'];
  const segment = fc.oneof(
    fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2F',
      'orders',
      'payment_links',
      'refunds',
      'echo',
      'customers',
      'payment_tokens',
      'check',
      DEMO_UUID,
      '',
      '%00',
      '..%2f',
      'admin',
    ),
    fc.stringMatching(/^[a-z0-9_%.-]{1,12}$/),
  );
  const ALLOWED = new Set([
    `GET /customers/${DEMO_UUID}`,
    `GET /customers/${DEMO_UUID}/payment_tokens`,
    `POST /customers/${DEMO_UUID}/payment_tokens`,
    `DELETE /customers/${DEMO_UUID}/payment_tokens`,
    `POST /customers/${DEMO_UUID}/payment_tokens/check`,
    'POST /customers',
  ]);

  it('never forwards anything outside the allow-list', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.array(segment, { minLength: 0, maxLength: 5 }),
        fc.constantFrom(`${OPENAPI}`, '/svc/payment/api/v1', '/svc', '', `${OPENAPI}/..`),
        async (method, segments, prefix) => {
          const path = `${prefix}/${segments.join('/')}`;
          const key = `${method} ${path.replace(OPENAPI, '')}`;
          fc.pre(!(prefix === OPENAPI && ALLOWED.has(key)));
          const { checks } = mockUpstream();
          const { proxy, sent } = testProxy();
          const hasBody = method !== 'GET' && method !== 'OPTIONS' && method !== 'TRACE';
          let request: Request;
          try {
            request = browserRequest(
              method,
              `${SHOP}/api/wonder${path}`,
              hasBody ? { body: {} } : {},
            );
          } catch {
            return; // Not even a valid Request (e.g. TRACE with a body): nothing to send.
          }
          // URL parsing can normalise a probe back onto an allowed route; those are not probes.
          const normalised = `${method} ${new URL(request.url).pathname.replace(`/api/wonder${OPENAPI}`, '')}`;
          fc.pre(!ALLOWED.has(normalised));
          const response = await proxy(request);
          expect([403, 404, 405]).toContain(response.status);
          expect(sent).toHaveLength(0);
          expect(checks).toHaveLength(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('oversized bodies', () => {
  it('refuses bodies over 16 KiB with 413 before signing, with or without Content-Length', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 16 * 1024 + 1, max: 2 * 1024 * 1024 }),
        fc.boolean(),
        async (size, streamed) => {
          const { checks } = mockUpstream();
          const { proxy, sent } = testProxy();
          const text = JSON.stringify({ token: 'x'.repeat(size) });
          const headers = { 'X-Requested-With': 'savedcards', 'Content-Type': 'application/json' };
          const url = `${SHOP}/api/wonder${OPENAPI}${tokens(DEMO_UUID)}`;
          const request = streamed
            ? new Request(url, {
                method: 'DELETE',
                headers,
                body: new Blob([text]).stream(),
                duplex: 'half',
              } as RequestInit & { duplex: 'half' })
            : new Request(url, { method: 'DELETE', headers, body: text });
          const response = await proxy(request);
          expect(response.status).toBe(413);
          expect(sent).toHaveLength(0);
          expect(checks).toHaveLength(0);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('forged requests (CSRF)', () => {
  it('refuses every route without the X-Requested-With: savedcards marker, sending nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...UUID_ROUTES),
        // (Fetch trims header values, so 'savedcards ' is the marker itself and not a probe.)
        fc.constantFrom(
          undefined,
          'XMLHttpRequest',
          'SavedCards',
          'savedcards,x',
          'x-savedcards',
          '',
        ),
        async (route, marker) => {
          const { checks } = mockUpstream();
          const { proxy, sent } = testProxy();
          const init = {
            noMarker: true,
            ...(route.body === undefined ? {} : { body: route.body }),
            ...(marker === undefined ? {} : { headers: { 'X-Requested-With': marker } }),
          };
          const response = await proxy(browserRequest(route.method, route.path(DEMO_UUID), init));
          expect(response.status).toBe(403);
          expect((await readJson(response)).error_code).toBe('E_CSRF');
          expect(sent).toHaveLength(0);
          expect(checks).toHaveLength(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a cross-site request even with the marker', async () => {
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('GET', tokens(DEMO_UUID), { headers: { 'Sec-Fetch-Site': 'cross-site' } }),
    );
    expect(response.status).toBe(403);
    expect(sent).toHaveLength(0);
  });
});

describe('signatures at the mock upstream', () => {
  /** One real signed request, captured on its way upstream. */
  async function captureSigned() {
    const upstream = mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(browserRequest('GET', tokens(DEMO_UUID)));
    expect(response.status).toBe(200);
    const [request] = sent;
    if (!request) throw new Error('nothing was sent upstream');
    return { ...upstream, request };
  }

  const resend = (
    request: { url: string; method: string; headers: Headers; body: string },
    url = request.url,
  ) =>
    fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === '' ? {} : { body: request.body }),
    });

  it('refuses a replayed request (same Nonce and signature) with 401', async () => {
    const { request, checks } = await captureSigned();
    const replay = await resend(request);
    expect(replay.status).toBe(401);
    expect(checks.map((check) => check.reason)).toEqual([undefined, 'replayed-nonce']);
  });

  it('refuses a signature moved to another path (another customer) with 401', async () => {
    const { request, checks } = await captureSigned();
    const moved = await resend(
      request,
      request.url.replace(DEMO_UUID, '00000000-0000-4000-8000-000000000999'),
    );
    expect(moved.status).toBe(401);
    expect(checks.at(-1)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered signature, nonce or credential with 401', async () => {
    const { request, checks } = await captureSigned();
    for (const [name, change] of [
      ['Signature', (v: string) => `${v.slice(0, -4)}AAA=`],
      ['Nonce', (v: string) => `${v.slice(0, -1)}${v.endsWith('a') ? 'b' : 'a'}`],
      ['Credential', (v: string) => v.replace(TEST_APP_ID, `${TEST_APP_ID}x`)],
    ] as const) {
      const headers = new Headers(request.headers);
      headers.set(name, change(headers.get(name) ?? ''));
      const response = await resend({ ...request, headers });
      expect(response.status, name).toBe(401);
    }
    expect(checks.slice(1).every((check) => !check.ok)).toBe(true);
  });

  it('refuses stale and future signatures (beyond 30 min of skew) with 401, accepts within', async () => {
    const { checks } = mockUpstream();
    const uri = `${OPENAPI}${tokens(DEMO_UUID)}`;
    const minute = 60_000;
    const results: Array<[number, number]> = [];
    for (const offsetMin of [-120, -31, -29, 0, 29, 31, 120]) {
      const headers = signRequest({
        appId: TEST_APP_ID,
        privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
        method: 'GET',
        uri,
        now: new Date(Date.now() + offsetMin * minute),
      });
      const response = await fetch(`${SANDBOX}${uri}`, {
        headers: { ...headers, 'Content-Type': 'application/json' },
      });
      results.push([offsetMin, response.status]);
    }
    expect(results).toEqual([
      [-120, 401],
      [-31, 401],
      [-29, 200],
      [0, 200],
      [29, 200],
      [31, 401],
      [120, 401],
    ]);
    expect(checks.filter((check) => !check.ok)).toHaveLength(4);
  });
});
