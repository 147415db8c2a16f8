// @vitest-environment node
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { server as mswServer } from '../../../test/server.js';
import { createWonderClient } from './client.js';
import { verifySignature } from './signature.js';
import {
  TEST_APP_ID,
  TEST_ONLY_PRIVATE_KEY_PEM,
  TEST_ONLY_PUBLIC_KEY_PEM,
} from './testdata/keys.js';
import { replacedGlobalFetch } from './transport.js';

// Without msw the global fetch is Node's own again, so the client takes its node:http path.
beforeAll(() => mswServer.close());
afterAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
}

/** A gateway on 127.0.0.1: `answer` sees each request (its body read) and the sockets used. */
async function upstream(answer: (seen: Seen, res: ServerResponse) => void) {
  const sockets = new Set<Socket>();
  const seen: Seen[] = [];
  const instance = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const one = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: req.socket,
      };
      seen.push(one);
      answer(one, res);
    });
  });
  instance.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        instance.closeAllConnections();
        instance.close(() => resolve());
      }),
  );
  const { port } = instance.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, seen, sockets };
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
};

const client = (baseUrl: string, extra: Record<string, unknown> = {}) =>
  createWonderClient({
    appId: TEST_APP_ID,
    privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
    baseUrl,
    ...extra,
  });

describe('the node:http transport (the default without a replaced global fetch)', () => {
  it('is the path taken here: the global fetch is Node’s own', () => {
    expect(replacedGlobalFetch()).toBeUndefined();
  });

  it('sends the signed bytes with their length and reuses one kept-alive connection', async () => {
    const gateway = await upstream((_, res) => json(res, 200, { code: 0, data: { ok: 1 } }));
    const wonder = client(gateway.baseUrl);
    const body = JSON.stringify({ message: 'Hello, 香港' });
    const first = await wonder.call({ method: 'POST', path: '/svc/echo?x=1', body, lang: 'en' });
    const second = await wonder.call({ method: 'GET', path: '/svc/list' });
    expect(first).toMatchObject({ kind: 'response', status: 200, json: { data: { ok: 1 } } });
    expect(second).toMatchObject({ kind: 'response', status: 200 });
    const [post, get] = gateway.seen;
    expect(post?.body).toBe(body);
    expect(post?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.headers['x-i18n-lang']).toBe('en');
    expect(get?.headers['content-length']).toBeUndefined();
    expect(get?.headers['transfer-encoding']).toBeUndefined();
    for (const one of gateway.seen) {
      const { credential, nonce, signature } = one.headers;
      expect(
        verifySignature({
          publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
          method: one.method,
          uri: one.url,
          body: one.body,
          headers: {
            Credential: String(credential),
            Nonce: String(nonce),
            Signature: String(signature),
          },
        }),
      ).toBe(true);
    }
    expect(gateway.sockets.size).toBe(1);
  });

  it('follows no redirect', async () => {
    const gateway = await upstream((_, res) => {
      res.writeHead(302, { Location: '/elsewhere', 'Content-Length': 0 });
      res.end();
    });
    const result = await client(gateway.baseUrl).call({ method: 'GET', path: '/svc/list' });
    expect(result).toMatchObject({ kind: 'response', status: 302, text: '' });
    expect(gateway.seen).toHaveLength(1);
  });

  it('is too-large past maxResponseBytes, declared or counted while reading', async () => {
    const big = 'x'.repeat(2048);
    const declared = await upstream((_, res) => json(res, 200, { big }));
    const chunked = await upstream((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"big":"');
      res.write(big);
      res.end('"}');
    });
    for (const gateway of [declared, chunked]) {
      const result = await client(gateway.baseUrl, { maxResponseBytes: 1024 }).call({
        method: 'GET',
        path: '/svc/list',
      });
      expect(result.kind).toBe('too-large');
    }
  });

  it('times out, aborts with the caller’s signal, and reports an unreachable gateway', async () => {
    const silent = await upstream(() => undefined);
    const slow = await client(silent.baseUrl, { timeoutMs: 100 }).call({
      method: 'GET',
      path: '/svc/list',
    });
    expect(slow.kind).toBe('timeout');
    const controller = new AbortController();
    const pending = client(silent.baseUrl).call({
      method: 'GET',
      path: '/svc/list',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    expect((await pending).kind).toBe('aborted');
    const gone = await upstream(() => undefined);
    await closers.pop()?.();
    const unreachable = await client(gone.baseUrl).call({ method: 'GET', path: '/svc/list' });
    expect(unreachable.kind).toBe('network');
  });

  it('an already aborted call (the browser left first) rejects quietly: nothing escapes as an uncaught error', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const silent = await upstream(() => undefined);
      const controller = new AbortController();
      controller.abort();
      const result = await client(silent.baseUrl).call({
        method: 'GET',
        path: '/svc/list',
        signal: controller.signal,
      });
      expect(result.kind).toBe('aborted');
      // The destroyed request's "socket hang up" comes a few ticks later.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('sends a GET again once when a kept-alive connection is reset, never a write', async () => {
    const perSocket = new Map<Socket, number>();
    const gateway = await upstream((one, res) => {
      const count = (perSocket.get(one.socket) ?? 0) + 1;
      perSocket.set(one.socket, count);
      // The second request on a connection: reset it, as a server closing an idle one would.
      if (count === 2) one.socket.resetAndDestroy();
      else json(res, 200, { code: 0, data: {} });
    });
    const wonder = client(gateway.baseUrl);
    expect((await wonder.call({ method: 'GET', path: '/svc/list' })).kind).toBe('response');
    expect((await wonder.call({ method: 'GET', path: '/svc/list' })).kind).toBe('response');
    expect(gateway.seen.filter((one) => one.method === 'GET')).toHaveLength(3);
    const write = await wonder.call({ method: 'POST', path: '/svc/echo', body: '{}' });
    expect(write.kind).toBe('network');
    expect(gateway.seen.filter((one) => one.method === 'POST')).toHaveLength(1);
  });
});
