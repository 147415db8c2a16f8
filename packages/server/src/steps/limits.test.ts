// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import {
  browserRequest,
  DEMO_REFERENCE,
  DEMO_UUID,
  mockUpstream,
  readJson,
  testProxy,
} from '../testUpstream.js';
import type { LimitContext } from './limits.js';
import { checkLimits } from './limits.js';

const tokens = `/customers/${DEMO_UUID}/payment_tokens`;
const card = {
  card: {
    number: '4242424242424242',
    exp_month: '04',
    exp_year: '2030',
    holder_name: 'A B',
    cvv: '123',
  },
};

describe('the limits step', () => {
  it('lets every request through by default (no hook)', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    expect((await proxy(browserRequest('GET', tokens))).status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('answers 429 E_RATE_LIMITED with Retry-After when the hook refuses, sending nothing', async () => {
    const { checks } = mockUpstream();
    const limits = vi.fn(async (context: LimitContext) =>
      context.operation === 'createToken' ? { retryAfterSeconds: 29.2 } : undefined,
    );
    const { proxy, sent, logs } = testProxy({ limits });
    const refused = await proxy(browserRequest('POST', tokens, { body: card }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('30');
    expect(await readJson(refused)).toEqual({
      error_code: 'E_RATE_LIMITED',
      error_message: 'Too many requests: try again later.',
      data: null,
    });
    expect(sent).toHaveLength(0);
    expect(checks).toHaveLength(0);
    expect(logs.entries[0]).toMatchObject({ level: 'warn', status: 429, code: 'E_RATE_LIMITED' });

    expect((await proxy(browserRequest('GET', tokens))).status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('sees who and what, never the body (no card number reaches the hook)', async () => {
    mockUpstream();
    const seen: string[] = [];
    const { proxy, sent } = testProxy({
      limits: async (context) => {
        seen.push(JSON.stringify({ ...context, request: undefined }));
        seen.push(await context.request.text());
        expect(context.request.headers.get('X-Requested-With')).toBe('savedcards');
        expect(context).toMatchObject({
          operation: 'createToken',
          route: '/customers/{uuid}/payment_tokens',
          customer: { referenceNumber: DEMO_REFERENCE, uuid: DEMO_UUID },
          requestId: expect.any(String),
        });
        return undefined;
      },
    });
    expect((await proxy(browserRequest('POST', tokens, { body: card }))).status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe('');
    for (const text of seen) expect(text).not.toContain('4242424242424242');
    // The proxy still read and forwarded the real body.
    expect(sent[0]?.body).toContain('"number":"4242424242424242"');
  });

  it('runs before the on-demand upsert of a session without a uuid', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy({
      resolveCustomer: () => ({
        referenceNumber: 'new-customer-8',
        profile: { name: 'Siu Ming', phone: '61234567' },
      }),
      limits: () => ({ retryAfterSeconds: 5 }),
    });
    const response = await proxy(browserRequest('GET', tokens));
    expect(response.status).toBe(429);
    expect(sent).toHaveLength(0);
  });

  it('runs after the CSRF and session checks (a forged or anonymous request never reaches it)', async () => {
    const limits = vi.fn(() => undefined);
    const { proxy } = testProxy({ limits, resolveCustomer: () => null });
    expect((await proxy(browserRequest('GET', tokens, { noMarker: true }))).status).toBe(403);
    expect((await proxy(browserRequest('GET', tokens))).status).toBe(401);
    expect(limits).not.toHaveBeenCalled();
  });

  it('answers 500 E_INTERNAL when the hook throws or returns a bad retryAfterSeconds', async () => {
    for (const limits of [
      () => {
        throw new Error('limiter down');
      },
      () => ({ retryAfterSeconds: Number.NaN }),
    ]) {
      const { proxy, sent } = testProxy({ limits });
      const response = await proxy(browserRequest('GET', tokens));
      expect(response.status).toBe(500);
      expect((await readJson(response)).error_code).toBe('E_INTERNAL');
      expect(sent).toHaveLength(0);
    }
  });

  it('checkLimits takes the hook’s message, redacted', async () => {
    const context = {
      request: new Request('http://shop.test/'),
      requestId: 'r',
      operation: 'createToken' as const,
      route: '/customers/{uuid}/payment_tokens',
      customer: { referenceNumber: DEMO_REFERENCE },
      clientAddress: undefined,
    };
    expect(await checkLimits(undefined, context)).toBeUndefined();
    expect(await checkLimits(() => undefined, context)).toBeUndefined();
    const answer = await checkLimits(
      () => ({ retryAfterSeconds: 0, message: 'Slow down, 4242 4242 4242 4242' }),
      context,
    );
    expect(answer?.status).toBe(429);
    expect(answer?.headers).toEqual({ 'Retry-After': '0' });
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({
      error_message: 'Slow down, [redacted]',
    });
  });
});

describe('beforeCreateToken: a captcha or risk check before every card creation', () => {
  it('refuses with 403 E_CREATE_REFUSED before anything reaches Wonder, and never sees the card', async () => {
    mockUpstream();
    const seen: string[] = [];
    const { proxy, sent } = testProxy({
      beforeCreateToken: async ({ request, customer }) => {
        seen.push(await request.text(), customer.referenceNumber);
        return request.headers.get('X-Captcha') === 'ok'
          ? undefined
          : { message: 'Solve the captcha.' };
      },
    });
    const card = {
      number: '4242424242424242',
      exp_month: '04',
      exp_year: '2030',
      holder_name: 'A',
    };
    const refused = await proxy(
      browserRequest('POST', `/customers/${DEMO_UUID}/payment_tokens`, { body: { card } }),
    );
    expect(refused.status).toBe(403);
    expect(await readJson(refused)).toMatchObject({
      error_code: 'E_CREATE_REFUSED',
      error_message: 'Solve the captcha.',
    });
    expect(sent).toHaveLength(0);
    const allowed = await proxy(
      browserRequest('POST', `/customers/${DEMO_UUID}/payment_tokens`, {
        body: { card },
        headers: { 'X-Captcha': 'ok' },
      }),
    );
    expect(allowed.status).toBe(200);
    expect(seen.join(' ')).not.toContain('4242');
    // Other operations never ask it.
    await proxy(browserRequest('GET', `/customers/${DEMO_UUID}/payment_tokens`));
    expect(seen.filter((entry) => entry === DEMO_REFERENCE)).toHaveLength(2);
  });
});
