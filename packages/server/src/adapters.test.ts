// @vitest-environment node
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { server as mswServer } from '../../../test/server.js';
import { DEMO_TOKENS } from '../../msw/src/index.js';
import type { NextFunction, NodeRequest } from './adapters.js';
import { toExpressMiddleware, toNodeHandler, toWebRequest } from './adapters.js';
import type { WonderProxy } from './proxy.js';
import { DEMO_UUID, mockUpstream, OPENAPI, testProxy } from './testUpstream.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

type Listener = (req: NodeRequest, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1; msw lets requests to it through. */
async function listen(listener: Listener): Promise<string> {
  const httpServer = createServer(listener as (req: IncomingMessage, res: ServerResponse) => void);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => httpServer.close(() => resolve())));
  const { port } = httpServer.address() as AddressInfo;
  mswServer.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
  return `http://127.0.0.1:${port}`;
}

const marker = { 'X-Requested-With': 'savedcards' };
const tokensPath = `/api/wonder${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`;

function nodeApp(proxy: WonderProxy): Listener {
  const handler = toNodeHandler(proxy);
  return (req, res) => {
    void handler(req, res, () => {
      res.statusCode = 200;
      res.end('the rest of the site');
    });
  };
}

describe('toNodeHandler', () => {
  it('serves the proxy from node:http, streaming the request body', async () => {
    const { db, checks } = mockUpstream();
    const { proxy } = testProxy();
    const base = await listen(nodeApp(proxy));
    const list = await fetch(`${base}${tokensPath}`, { headers: marker });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(list.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const removed = await fetch(`${base}${tokensPath}`, {
      method: 'DELETE',
      headers: { ...marker, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: DEMO_TOKENS.unionpay }),
    });
    expect(removed.status).toBe(200);
    expect(db.getToken(DEMO_UUID, DEMO_TOKENS.unionpay)).toBeUndefined();
    // The list, the ownership check's list read, the delete: every one signed and verified.
    expect(checks.map((check) => check.ok)).toEqual([true, true, true]);
  });

  it('answers the same status, headers and bytes directly as through a Web Response', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    // Any other `(Request) => Promise<Response>` goes through `writeWebResponse`.
    const wrapped = Object.assign((request: Request) => proxy(request), {
      mountPath: proxy.mountPath,
      handles: proxy.handles,
      client: proxy.client,
    }) as WonderProxy;
    const answers = [];
    for (const one of [proxy, wrapped]) {
      const base = await listen(nodeApp(one));
      for (const method of ['GET', 'PUT']) {
        const response = await fetch(`${base}${tokensPath}`, {
          method,
          headers: { ...marker, 'X-Request-ID': '00000000-0000-4000-8000-00000000000a' },
        });
        const headers = Object.fromEntries(
          [...response.headers].filter(
            ([name]) => !['date', 'connection', 'keep-alive'].includes(name),
          ),
        );
        answers.push({ status: response.status, headers, body: await response.text() });
      }
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 405, 200, 405]);
    expect(answers[0]?.body).toContain('payment_tokens');
    expect(answers[1]?.headers.allow).toBeDefined();
    expect(answers.slice(0, 2)).toEqual(answers.slice(2));
  });

  it('passes paths outside the mount path to next()', async () => {
    const { proxy } = testProxy();
    const base = await listen(nodeApp(proxy));
    const response = await fetch(`${base}/checkout`);
    expect(await response.text()).toBe('the rest of the site');
  });

  it('answers everything itself without next()', async () => {
    const { proxy } = testProxy();
    const handler = toNodeHandler(proxy);
    const base = await listen((req, res) => void handler(req, res));
    const response = await fetch(`${base}/checkout`, { headers: marker });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error_code: string }).error_code).toBe('E_NOT_FOUND');
  });

  it('answers 413 to a large chunked body without reading all of it', async () => {
    const { proxy, sent } = testProxy();
    const base = await listen(nodeApp(proxy));
    const chunks = Array.from({ length: 64 }, () => 'x'.repeat(1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.pop();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await fetch(`${base}${tokensPath}`, {
      method: 'POST',
      headers: { ...marker, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toHaveLength(0);
  });
});

describe('toExpressMiddleware', () => {
  /** A tiny Connect-style app: middleware in order, `originalUrl` kept, mount paths stripped. */
  function connectApp(
    stack: Array<{
      path?: string;
      fn: (req: NodeRequest, res: ServerResponse, next: NextFunction) => void;
    }>,
  ): Listener {
    return (req, res) => {
      req.originalUrl = req.url;
      let index = 0;
      const next: NextFunction = (error) => {
        const layer = stack[index++];
        if (error || !layer) {
          res.statusCode = error ? 500 : 404;
          res.end(error ? 'error handler' : 'not found');
          return;
        }
        const url = req.originalUrl ?? '/';
        if (layer.path && !url.startsWith(layer.path)) {
          next();
          return;
        }
        req.url = layer.path ? url.slice(layer.path.length) || '/' : url;
        layer.fn(req, res, next);
      };
      next();
    };
  }

  it('works mounted at a path (uses originalUrl)', async () => {
    mockUpstream();
    const { proxy } = testProxy();
    const base = await listen(
      connectApp([{ path: '/api/wonder', fn: toExpressMiddleware(proxy) }]),
    );
    const response = await fetch(`${base}${tokensPath}`, { headers: marker });
    expect(response.status).toBe(200);
  });

  it('works after a JSON body parser (re-serialises req.body)', async () => {
    const { db, checks } = mockUpstream();
    const { proxy, sent } = testProxy();
    const jsonParser = (req: NodeRequest, _res: ServerResponse, next: NextFunction) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        text += chunk;
      });
      req.on('end', () => {
        req.body = text ? JSON.parse(text) : undefined;
        next();
      });
    };
    const base = await listen(connectApp([{ fn: jsonParser }, { fn: toExpressMiddleware(proxy) }]));
    const response = await fetch(`${base}${tokensPath}`, {
      method: 'DELETE',
      headers: { ...marker, 'Content-Type': 'application/json' },
      body: `{ "token": "${DEMO_TOKENS.visa}" }`,
    });
    expect(response.status).toBe(200);
    expect(sent.at(-1)?.body).toBe(`{"token":"${DEMO_TOKENS.visa}"}`);
    expect(db.getToken(DEMO_UUID, DEMO_TOKENS.visa)).toBeUndefined();
    expect(checks).toMatchObject([{ ok: true }, { ok: true }]);
  });

  it('calls next() for other paths and next(error) when the proxy throws', async () => {
    const { proxy } = testProxy();
    const throwing = Object.assign(
      async () => {
        throw new Error('boom');
      },
      { mountPath: proxy.mountPath, handles: proxy.handles, client: proxy.client },
    ) as WonderProxy;
    const base = await listen(
      connectApp([
        { fn: toExpressMiddleware(throwing) },
        {
          fn: (_req, res) => {
            res.end('page');
          },
        },
      ]),
    );
    expect(await (await fetch(`${base}/checkout`)).text()).toBe('page');
    const failed = await fetch(`${base}${tokensPath}`, { headers: marker });
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('error handler');
  });
});

describe('toWebRequest', () => {
  const fake = (headers: Record<string, string | string[]>) =>
    ({ method: 'get', url: '/api/wonder/x?y=1', headers, socket: {} }) as unknown as NodeRequest;

  it('copies every header, a repeated one once per value', () => {
    const request = toWebRequest(
      fake({ host: 'shop.example', cookie: 'sid=1', 'x-forwarded-for': ['a', 'b'] }),
    );
    expect(request.method).toBe('GET');
    expect(request.url).toBe('http://shop.example/api/wonder/x?y=1');
    expect(request.headers.get('cookie')).toBe('sid=1');
    expect(request.headers.get('x-forwarded-for')).toBe('a, b');
  });

  it('gives the request the signal it was given, which aborts with it', () => {
    const controller = new AbortController();
    const request = toWebRequest(fake({ host: 'shop.example' }), controller.signal);
    expect(request).toBeInstanceOf(Request);
    expect(request.signal).toBe(controller.signal);
    expect(request.signal.aborted).toBe(false);
    controller.abort();
    expect(request.signal.aborted).toBe(true);
    expect(toWebRequest(fake({ host: 'shop.example' })).signal.aborted).toBe(false);
  });

  it('leaves out a header value fetch refuses and keeps the others', () => {
    const request = toWebRequest(fake({ host: 'shop.example', cookie: 'sid=1', 'x-bad': 'a\0b' }));
    expect(request.headers.get('cookie')).toBe('sid=1');
    expect(request.headers.has('x-bad')).toBe(false);
  });
});
