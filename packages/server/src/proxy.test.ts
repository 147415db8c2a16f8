// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../msw/src/index.js';
import { TEST_APP_ID } from './testdata/keys.js';
import {
  browserRequest,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  readJson,
  SANDBOX,
  testProxy,
} from './testUpstream.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the pipeline end to end: signed, verified by the mock gateway, relayed', () => {
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
    expect(sent.at(-1)?.body).toBe(JSON.stringify({ token: DEMO_TOKENS.unionpay }));
    expect(db.getToken(DEMO_UUID, DEMO_TOKENS.unionpay)).toBeUndefined();
    expect(checks.every((check) => check.ok)).toBe(true);
  });
});
