// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../../msw/src/index.js';
import {
  browserRequest,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  readJson,
  SANDBOX,
  testProxy,
} from '../testUpstream.js';

const tokens = `/customers/${DEMO_UUID}/payment_tokens`;
const OTHER_TOKEN = '00000000-0000-4000-a000-0000000009ff';

describe('token ownership: a write may only name the signed-in customer’s own tokens', () => {
  it('refuses to delete a token that is not in the customer’s list, sending only the list read', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    const response = await proxy(
      browserRequest('DELETE', tokens, { body: { token: OTHER_TOKEN } }),
    );
    expect(response.status).toBe(403);
    expect((await readJson(response)).error_code).toBe('E_FORBIDDEN_TOKEN');
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${SANDBOX}${OPENAPI}${tokens}`,
    ]);
  });

  it('refuses another customer’s token as the new default, and a check of it', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    const upsert = await proxy(
      browserRequest('POST', '/customers', {
        body: { customer: { name: 'A', phone: '1', default_payment_token: OTHER_TOKEN } },
      }),
    );
    expect(upsert.status).toBe(403);
    const check = await proxy(
      browserRequest('POST', `${tokens}/check`, {
        body: { payment_token: { token: OTHER_TOKEN } },
      }),
    );
    expect(check.status).toBe(403);
    expect(sent.every((request) => request.method === 'GET')).toBe(true);
  });

  it('lets the customer’s own tokens through, reading the list once for several writes', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    for (const token of [DEMO_TOKENS.visa, DEMO_TOKENS.mastercard]) {
      const response = await proxy(
        browserRequest('POST', '/customers', {
          body: { customer: { name: 'A', phone: '1', default_payment_token: token } },
        }),
      );
      expect(response.status).toBe(200);
    }
    expect(sent.filter((request) => request.method === 'GET')).toHaveLength(1);
  });

  it('reads the list again after a removal, so a removed token is refused next time', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    const body = { token: DEMO_TOKENS.unionpay };
    expect((await proxy(browserRequest('DELETE', tokens, { body }))).status).toBe(200);
    const again = await proxy(browserRequest('DELETE', tokens, { body }));
    expect(again.status).toBe(403);
  });
});
