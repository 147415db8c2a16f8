// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { browserRequest, DEMO_UUID, mockUpstream, testProxy } from '../testUpstream.js';
import { refuse } from './answer.js';
import type { ProxyLogEntry } from './log.js';
import { createJsonLineLogger, createRequestLog, logEntry, startTrace } from './log.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the log step and the request id', () => {
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

describe('createRequestLog and logEntry (pure)', () => {
  it('writes one entry per request, redacted, never a body', () => {
    const entries: ProxyLogEntry[] = [];
    const log = createRequestLog((entry) => entries.push(entry));
    const request = new Request('http://shop.test/x', { method: 'POST', body: '4242424242424242' });
    const trace = {
      ...startTrace(request),
      route: '/customers',
      operation: 'upsertCustomer' as const,
    };
    log(
      logEntry(
        request,
        trace,
        refuse('internal', { detail: 'Error: card 4242 4242 4242 4242 cvv: 123' }),
      ),
    );
    expect(entries).toEqual([
      {
        level: 'error',
        msg: 'wonder proxy request',
        requestId: trace.requestId,
        method: 'POST',
        route: '/customers',
        operation: 'upsertCustomer',
        status: 500,
        durationMs: expect.any(Number),
        code: 'E_INTERNAL',
        detail: 'Error: card [redacted] cvv: [redacted]',
      },
    ]);
    expect(trace.requestId).toMatch(UUID_V4);
  });

  it('redacts every field that comes from outside: the gateway code, the method, the request id', () => {
    const entries: ProxyLogEntry[] = [];
    createRequestLog((entry) => entries.push(entry))({
      level: 'warn',
      msg: 'wonder proxy request',
      requestId: 'id 4111111111111111',
      method: '4242424242424242',
      status: 502,
      durationMs: 3,
      upstreamStatus: 400,
      upstreamCode: 'E_BAD card 5555555555554444',
    });
    expect(JSON.stringify(entries)).not.toMatch(
      /4111111111111111|4242424242424242|5555555555554444/,
    );
    expect(entries[0]).toMatchObject({ status: 502, upstreamStatus: 400, durationMs: 3 });
  });

  it('is silent without a logger; createJsonLineLogger writes JSON lines', () => {
    expect(() => createRequestLog(undefined)({} as ProxyLogEntry)).not.toThrow();
    const lines: string[] = [];
    createJsonLineLogger((line) => lines.push(line))({ msg: 'x' } as ProxyLogEntry);
    expect(lines).toEqual(['{"msg":"x"}\n']);
  });
});
