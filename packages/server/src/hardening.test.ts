// @vitest-environment node
/**
 * The proxy as an attacker meets it over real TCP: bodies that never end or crawl in, refusals
 * answered before the body arrives, and answers from upstream that are far too large.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { server as msw } from '../../../test/server.js';
import { toNodeHandler } from './adapters.js';
import { DEMO_UUID, OPENAPI, SANDBOX, testProxy } from './testUpstream.js';
import type { WonderProxyOptions } from './proxy.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(options: Partial<WonderProxyOptions> = {}) {
  const { proxy, sent } = testProxy(options);
  const instance = createServer(toNodeHandler(proxy));
  await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
  servers.push(instance);
  return { port: (instance.address() as AddressInfo).port, sent };
}

/** Sends raw bytes; resolves with what came back and whether the server closed the connection. */
function raw(
  port: number,
  head: string,
  body: (write: (chunk: string) => void) => void,
  waitMs: number,
) {
  return new Promise<{ text: string; closed: boolean; ms: number }>((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let closed = false;
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('close', () => {
      closed = true;
      resolve({ text, closed, ms: Date.now() - started });
    });
    socket.on('error', () => undefined);
    socket.write(head);
    body((chunk) => socket.writable && socket.write(chunk));
    setTimeout(() => {
      if (!closed) {
        socket.destroy();
        resolve({ text, closed: false, ms: Date.now() - started });
      }
    }, waitMs);
  });
}

const tokensPath = `/api/wonder${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`;
const head = (length: string) =>
  `DELETE ${tokensPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Requested-With: savedcards\r\nContent-Type: application/json\r\n${length}\r\n\r\n`;

describe('slow and endless bodies', () => {
  it('answers a body sent a byte at a time with 408 within the body timeout, and closes', async () => {
    const { port, sent } = await listen({ bodyTimeoutMs: 300 });
    let timer: ReturnType<typeof setInterval> | undefined;
    const result = await raw(
      port,
      head('Content-Length: 100'),
      (write) => {
        timer = setInterval(() => write('{'), 100);
      },
      3000,
    );
    clearInterval(timer);
    expect(result.text).toMatch(/^HTTP\/1\.1 408/);
    expect(result.text).toContain('E_REQUEST_TIMEOUT');
    expect(result.closed).toBe(true);
    expect(result.ms).toBeLessThan(2000);
    expect(sent).toHaveLength(0);
  });

  it('closes the connection after a 413 instead of reading an endless chunked body', async () => {
    const { port, sent } = await listen({ maxBodyBytes: 64 });
    let timer: ReturnType<typeof setInterval> | undefined;
    const result = await raw(
      port,
      head('Transfer-Encoding: chunked'),
      (write) => {
        timer = setInterval(() => write(`40\r\n${'x'.repeat(64)}\r\n`), 5);
      },
      3000,
    );
    clearInterval(timer);
    expect(result.text).toMatch(/^HTTP\/1\.1 413/);
    expect(result.closed).toBe(true);
    expect(sent).toHaveLength(0);
  });

  it('answers a refusal at once and closes, without waiting for the announced body', async () => {
    const { port } = await listen({ resolveCustomer: () => null });
    const result = await raw(port, head('Content-Length: 10000'), (write) => write('{'), 3000);
    expect(result.text).toMatch(/^HTTP\/1\.1 401/);
    expect(result.closed).toBe(true);
    expect(result.ms).toBeLessThan(2000);
  });
});

describe('answers from upstream', () => {
  it('answers a 10 MB upstream answer with 502 and never relays it', {
    timeout: 30_000,
  }, async () => {
    const big = JSON.stringify({
      error_code: '',
      data: { payment_tokens: [], pad: 'x'.repeat(10 * 1024 * 1024) },
    });
    msw.use(
      http.get(
        `${SANDBOX}${OPENAPI}/customers/:uuid/payment_tokens`,
        () => new HttpResponse(big, { headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    const { proxy } = testProxy();
    const response = await proxy(
      new Request(`http://shop.test${tokensPath}`, {
        headers: { 'X-Requested-With': 'savedcards' },
      }),
    );
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toContain('E_UPSTREAM_TOO_LARGE');
    expect(text.length).toBeLessThan(1000);
  });
});
