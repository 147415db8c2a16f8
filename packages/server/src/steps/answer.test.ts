// @vitest-environment node
import { parseJsonBody, readEnvelope } from '@savedcards/wire';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../../msw/src/index.js';
import { browserRequest, DEMO_UUID, mockUpstream, readJson, testProxy } from '../testUpstream.js';
import type { WonderCallResult } from '../client.js';
import { answerUpstream } from './answer.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;

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
  it('passes gateway 4xx errors through (a pending token as the default → 400 E200002)', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    const response = await proxy(
      browserRequest('POST', '/customers', {
        body: { customer: { name: 'A', phone: '1', default_payment_token: DEMO_TOKENS.pending } },
      }),
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_code).toBe('E200002');
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

describe('successes are relayed', () => {
  it('relays envelope B answers as they are', async () => {
    mockUpstream('envelope-b');
    const { proxy } = testProxy();
    const response = await proxy(browserRequest('GET', tokens()));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { code: number }).code).toBe(0);
  });
});

describe('answerUpstream (pure): the one envelope rule, card data masked', () => {
  const reply = (status: number, text: string): WonderCallResult => {
    const json = parseJsonBody(text);
    return {
      kind: 'response',
      status,
      text,
      json,
      envelope: readEnvelope(status, json),
      requestId: 'r',
      durationMs: 3,
    };
  };

  it('relays a success as sent, or with card data masked', () => {
    const text = JSON.stringify({ data: { token: 't' } });
    expect(answerUpstream(reply(200, text), 1000)).toMatchObject({
      status: 200,
      body: text,
      upstream: { status: 200, ms: 3 },
    });
    const leaky = answerUpstream(
      reply(
        200,
        JSON.stringify({ code: 0, data: { credit_card: { number: '4242424242424242' } } }),
      ),
      1000,
    );
    expect(JSON.parse(leaky.body)).toEqual({
      code: 0,
      data: { credit_card: { number: '************4242' } },
    });
    expect(leaky.detail).toMatch(/masked/);
  });

  it('relays a gateway error in envelope A with its code and redacted message', () => {
    const answer = answerUpstream(
      reply(400, JSON.stringify({ code: 'E1', message: 'card 4242424242424242 declined' })),
      1000,
    );
    expect(answer).toMatchObject({ status: 400, code: 'E1', level: 'info' });
    expect(JSON.parse(answer.body)).toEqual({
      error_code: 'E1',
      error_message: 'card [redacted] declined',
      data: null,
    });
  });

  it('maps the rest to the proxy’s own errors', () => {
    expect(answerUpstream(reply(401, '{"code":"E000002"}'), 1000)).toMatchObject({
      status: 502,
      code: 'E_UPSTREAM_AUTH',
    });
    expect(answerUpstream(reply(200, '[1]'), 1000)).toMatchObject({
      status: 502,
      code: 'E_UPSTREAM_INVALID_RESPONSE',
    });
    expect(answerUpstream(reply(503, 'down'), 1000)).toMatchObject({
      status: 503,
      code: 'E_UPSTREAM_ERROR',
    });
    expect(
      answerUpstream({ kind: 'timeout', requestId: 'r', durationMs: 1000 }, 1000),
    ).toMatchObject({ status: 504, code: 'E_UPSTREAM_TIMEOUT' });
  });
});
