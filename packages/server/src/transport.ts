import http from 'node:http';
import https from 'node:https';

/**
 * The default way to Wonder: Node's own HTTP client over one keep-alive agent per client, instead of
 * `fetch` (undici), which built a WHATWG Request, Response and streams per upstream call and was a
 * third of the proxy's CPU per request (issue 15). Same contract as the fetch path of
 * `client.call`: no redirects followed, at most `maxBytes` read, aborted by `signal`.
 */

/** The global `fetch` Node shipped with, as this module saw it when it loaded. */
const NODE_FETCH: typeof fetch | undefined = globalThis.fetch;

/**
 * Whether `globalThis.fetch` was replaced since this module loaded (msw's `setupServer`, a test stub,
 * instrumentation): then that `fetch` is used, so whoever replaced it still sees every call.
 */
export function replacedGlobalFetch(): typeof fetch | undefined {
  const current = globalThis.fetch;
  return current === NODE_FETCH ? undefined : current;
}

/** What came back: a status and the text, or `undefined` text past the size limit. */
interface HttpExchange {
  status: number;
  /** `undefined` when the answer passed `maxBytes` (declared or counted while reading). */
  text: string | undefined;
}

interface HttpSend {
  method: string;
  headers: Record<string, string>;
  /** The exact text to send; `''` for none. */
  body: string;
  maxBytes: number;
  signal: AbortSignal;
}

/** Idle sockets are closed after this long, before a typical server (5 s) closes them under us. */
const IDLE_SOCKET_MS = 4_000;

/** Sends one request with Node's HTTP client; rejects on a network error or an abort. */
export type HttpTransport = (url: URL, send: HttpSend) => Promise<HttpExchange>;

/** A transport with its own keep-alive agents (one per protocol), made on first use. */
export function createHttpTransport(): HttpTransport {
  let httpAgent: http.Agent | undefined;
  let httpsAgent: https.Agent | undefined;
  const agentFor = (url: URL): http.Agent => {
    if (url.protocol === 'https:') {
      httpsAgent ??= new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
      return httpsAgent;
    }
    httpAgent ??= new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
    return httpAgent;
  };

  const once = (url: URL, send: HttpSend): Promise<HttpExchange & { reused?: boolean }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...send.headers };
      if (send.body !== '') headers['Content-Length'] = Buffer.byteLength(send.body);
      // `url.hostname` keeps an IPv6 address in brackets; Node wants it bare.
      const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const options: http.RequestOptions = {
        method: send.method,
        hostname,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: agentFor(url),
      };
      if (url.port) options.port = url.port;
      // `http.request` through the module object, looked up at call time (interceptors patch it).
      const request = (url.protocol === 'https:' ? https : http).request(options);
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        send.signal.removeEventListener('abort', onAbort);
        request.destroy();
        reject(error);
      };
      const onAbort = () => fail(new Error('aborted'));
      // The listener comes first: a destroyed request still emits `error` ("socket hang up") on a
      // later tick, and an `error` with no listener would end the whole process.
      request.on('error', (error) => {
        // A kept-alive socket the server closed just as it was reused: say so, so GETs retry once.
        if (request.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
          if (settled) return;
          settled = true;
          send.signal.removeEventListener('abort', onAbort);
          resolve({ status: 0, text: undefined, reused: true });
          return;
        }
        fail(error);
      });
      if (send.signal.aborted) {
        onAbort();
        return;
      }
      send.signal.addEventListener('abort', onAbort, { once: true });
      request.on('response', (response) => {
        const done = (text: string | undefined) => {
          if (settled) return;
          settled = true;
          send.signal.removeEventListener('abort', onAbort);
          resolve({ status: response.statusCode ?? 0, text });
        };
        const declared = Number(response.headers['content-length'] ?? '0');
        if (Number.isFinite(declared) && declared > send.maxBytes) {
          done(undefined);
          request.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > send.maxBytes) {
            // The rest is dropped with the connection.
            done(undefined);
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          done(
            chunks.length === 1
              ? chunks[0]?.toString('utf8')
              : Buffer.concat(chunks).toString('utf8'),
          );
        });
        response.on('error', fail);
        response.on('aborted', () => fail(new Error('aborted')));
      });
      request.end(send.body === '' ? undefined : send.body);
    });

  return async (url, send) => {
    const first = await once(url, send);
    if (!first.reused) return first;
    // Only a GET is sent again: a write may have reached the server before the socket closed.
    if (send.method !== 'GET') throw new Error('connection reset');
    const second = await once(url, send);
    if (second.reused) throw new Error('connection reset');
    return second;
  };
}
