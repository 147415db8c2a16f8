import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WonderProxy } from './proxy.js';
import { directAnswerOf } from './proxy.js';
import { writeAnswer } from './steps/answer.js';

/**
 * What the adapters read from a request: Node's `IncomingMessage`, plus what Express/Connect add
 * (`originalUrl`, and `body` when a body parser ran first). Typed structurally: no Express import.
 */
export type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

export type NextFunction = (error?: unknown) => void;

/** `(req, res, next?)`: for `http.createServer`, or anything that passes Node's req and res. */
export type NodeHandler = (
  req: NodeRequest,
  res: ServerResponse,
  next?: NextFunction,
) => Promise<void>;

/** Express/Connect middleware. */
export type ExpressMiddleware = (req: NodeRequest, res: ServerResponse, next: NextFunction) => void;

const encoder = new TextEncoder();

/** The request body as a web stream that stops reading (without destroying the socket) on cancel. */
function bodyStream(req: NodeRequest): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer | string) => {
        if (finished) return;
        controller.enqueue(
          typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk),
        );
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.on('end', () => {
        if (finished) return;
        finished = true;
        controller.close();
      });
      req.on('error', (error) => {
        if (finished) return;
        finished = true;
        controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Stop reading (a body past the limit, or one that is too slow): the response is written and
      // the connection closed after it (`toNodeHandler`), so an endless body is never drained.
      finished = true;
      req.pause();
    },
  });
}

/** What a body parser left behind, when it already consumed the stream. */
function parsedBody(req: NodeRequest): string | undefined {
  if (!req.readableEnded || req.body === undefined) return undefined;
  const { body } = req;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return JSON.stringify(body);
}

/** Node's request headers as name/value pairs (a repeated header once per value). */
function headerPairs(incoming: IncomingMessage['headers'], drop?: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(incoming)) {
    if (name.startsWith(':') || value === undefined || name === drop) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, item]);
    else pairs.push([name, value]);
  }
  return pairs;
}

/** The pairs as `Headers`, leaving out the values fetch does not accept. */
function acceptedHeaders(pairs: [string, string][]): Headers {
  const headers = new Headers();
  for (const [name, value] of pairs) {
    try {
      headers.append(name, value);
    } catch {
      // A header value fetch does not accept: leave it out.
    }
  }
  return headers;
}

/** Builds a Web `Request` from Node's request. Only the path and query of the URL matter. */
export function toWebRequest(req: NodeRequest, signal?: AbortSignal): Request {
  const path = req.originalUrl ?? req.url ?? '/';
  let url: URL;
  try {
    url = new URL(path, `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL(path.startsWith('/') ? path : '/', 'http://localhost');
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const init: RequestInit & { duplex?: 'half' } = { method };
  let drop: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = parsedBody(req);
    if (parsed !== undefined) {
      init.body = parsed;
      drop = 'content-length';
    } else {
      init.body = bodyStream(req);
      init.duplex = 'half';
    }
  }
  const pairs = headerPairs(req.headers, drop);
  let request: Request;
  try {
    // The pairs straight into the Request: one copy of the headers, not two (issue 15).
    request = new Request(url, { ...init, headers: pairs });
  } catch {
    // Headers are checked before the body is touched: retry without the values fetch refuses.
    request = new Request(url, { ...init, headers: acceptedHeaders(pairs) });
  }
  // `signal` on the instance instead of in the init, where undici would make a signal of its own
  // that follows this one (a listener and a finalizer per request, issue 15). `request.signal` is
  // this signal; a `clone()` or `new Request(request)` does not follow it.
  if (signal) Object.defineProperty(request, 'signal', { value: signal, configurable: true });
  const address = req.socket?.remoteAddress;
  if (address) clientAddresses.set(request, address);
  return request;
}

// The TCP peer of each Request the Node adapters built: a client cannot forge it with a header.
const clientAddresses = new WeakMap<Request, string>();

/**
 * The client's address for a Request built by `toWebRequest` (the TCP peer; behind a reverse proxy
 * that is the proxy's address, so pass the proxy option `clientAddress` to read a header it sets).
 * `undefined` for Requests from elsewhere (fetch-style handlers).
 */
export function clientAddressOf(request: Request): string | undefined {
  return clientAddresses.get(request);
}

/** Writes a Web `Response` to Node's response. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.setHeader('Content-Length', body.byteLength);
  res.end(body);
}

/**
 * The proxy as a Node `http` handler. Requests outside `proxy.mountPath` go to `next` when given,
 * else the proxy answers them (404). The upstream call is aborted when the browser disconnects.
 *
 * ```js
 * http.createServer((req, res) => handler(req, res, () => serveTheRest(req, res)));
 * ```
 */
export function toNodeHandler(proxy: WonderProxy): NodeHandler {
  // A proxy of createWonderProxy answers without a Web `Response` (written straight to `res`).
  const direct = directAnswerOf(proxy);
  return async (req, res, next) => {
    const path = req.originalUrl ?? req.url ?? '/';
    if (next && !proxy.handles(path)) {
      next();
      return;
    }
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.on('close', onClose);
    try {
      const request = toWebRequest(req, controller.signal);
      const answered = direct ? await direct(request) : await proxy(request);
      // The browser may be gone (E_CLIENT_CLOSED): nothing to write then.
      if (!res.headersSent && !res.writableEnded && !res.destroyed) {
        // Answered before the client finished sending (refused unread, too large, too slow): close
        // the connection after the answer instead of waiting for, or draining, the rest.
        if (!req.complete) {
          res.setHeader('Connection', 'close');
          res.once('finish', () => req.socket.destroy());
        }
        if (answered instanceof Response) await writeWebResponse(res, answered);
        else writeAnswer(res, answered.answer, answered.requestId);
      }
    } catch (error) {
      if (next) {
        next(error);
        return;
      }
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(
          JSON.stringify({
            error_code: 'E_INTERNAL',
            error_message: 'Internal error in the proxy.',
            data: null,
          }),
        );
      } else {
        res.destroy();
      }
    } finally {
      res.off('close', onClose);
    }
  };
}

/**
 * The proxy as Express/Connect middleware. Mount it before any body parser (it reads the raw body
 * itself; after `express.json()` it re-serialises `req.body`). Paths outside `proxy.mountPath` go to
 * `next()`, so both `app.use(mw)` and `app.use('/api/wonder', mw)` work (`originalUrl` is used).
 */
export function toExpressMiddleware(proxy: WonderProxy): ExpressMiddleware {
  const handler = toNodeHandler(proxy);
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}
