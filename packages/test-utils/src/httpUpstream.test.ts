// @vitest-environment node
import { createWonderProxy } from '@savedcards/server';
import { http, passthrough } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { server } from '../../../test/server.js';
import { DEMO_REFERENCE, DEMO_UUID, OPENAPI, RETURN_URLS, SHOP, TEST_PANS } from './constants.js';
import { type MockUpstreamServer, startMockUpstream, UPSTREAM_STATS_PATH } from './httpUpstream.js';
import { browserRequest } from './proxy.js';

let mock: MockUpstreamServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

/** Starts the mock; the tests' msw server (which refuses unhandled requests) lets its URL through. */
async function start() {
  const upstream = await startMockUpstream();
  server.use(http.all(`${upstream.url}/*`, () => passthrough()));
  return upstream;
}

function proxyFor(upstream: MockUpstreamServer, connection = upstream.connection) {
  return createWonderProxy({
    ...connection,
    resolveCustomer: () => ({ uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }),
    returnUrls: RETURN_URLS,
    logger: () => undefined,
  });
}

describe('startMockUpstream (the mock gateway over TCP)', () => {
  it('answers the proxy over loopback and verifies its signature', async () => {
    mock = await start();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await proxyFor(mock)(
      browserRequest('GET', `/customers/${DEMO_UUID}/payment_tokens`),
    );
    expect(response.status).toBe(200);
    expect(mock.stats).toMatchObject({ verified: 1, rejected: 0 });
    expect(mock.stats.requests[0]).toEqual({
      method: 'GET',
      uri: `${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`,
      ok: true,
    });
    const stats = await (await fetch(`${mock.url}${UPSTREAM_STATS_PATH}`)).json();
    expect(stats).toEqual(mock.stats);
  });

  it('keeps state across requests: a card added through the proxy is listed', async () => {
    mock = await start();
    const proxy = proxyFor(mock);
    const created = await proxy(
      browserRequest('POST', `/customers/${DEMO_UUID}/payment_tokens`, {
        body: {
          card: {
            number: TEST_PANS[1],
            exp_month: '04',
            exp_year: '2031',
            holder_name: 'Tai Man Chan',
          },
        },
      }),
    );
    expect(created.status).toBe(200);
    expect(mock.db.listTokens(DEMO_UUID).length).toBe(7);
    expect(mock.stats.verified).toBe(1);
  });

  it('refuses a request signed for another AppID, and changes nothing', async () => {
    mock = await start();
    const before = mock.db.snapshot();
    const response = await proxyFor(mock, { ...mock.connection, appId: 'someone-else' })(
      browserRequest('DELETE', `/customers/${DEMO_UUID}/payment_tokens`, {
        body: { token: mock.db.listTokens(DEMO_UUID)[0]?.token },
      }),
    );
    expect(response.status).not.toBe(200);
    expect(mock.stats).toMatchObject({ verified: 0, rejected: 1 });
    expect(mock.db.snapshot()).toEqual(before);
  });
});

describe('startMockUpstream: a lost answer', () => {
  it('drops the connection where the mock answers HttpResponse.error(): the proxy sees no answer', async () => {
    mock = await start();
    const lost = mock.db.addToken(DEMO_UUID, { number: '4000000000006280' }).token;
    const proxy = createWonderProxy({
      ...mock.connection,
      resolveCustomer: () => ({ uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }),
      returnUrls: RETURN_URLS,
      resolveOrder: (_request, _customer, id) => ({
        id,
        reference_number: 'order-lost',
        amount: '12.50',
        currency: 'HKD',
      }),
      logger: () => undefined,
    });
    const pay = await proxy(
      browserRequest('POST', `${SHOP}/api/wonder/savedcards/v1/payments`, {
        body: { order_id: 'order-lost', token: lost },
      }),
    );
    // A dropped line, not a 500 from the mock: the proxy answers `processing` and reads the order next.
    expect(pay.status).toBe(200);
    expect(((await pay.json()) as { data: { state: string } }).data.state).toBe('processing');
    expect(mock.db.transactions('order-lost')).toHaveLength(1);
  });
});
