// @vitest-environment node
/**
 * The signing proxy probed as an attacker would, over real TCP (node:http + toNodeHandler, with the
 * mock gateway as a real upstream on loopback, verifying every signature): each finding of the
 * abuse review is a case that must hold. Prints `abuse: N cases, N held` at the end.
 */
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { createVelocityLimits, createWonderProxy, toNodeHandler } from '@savedcards/server';
import {
  DEMO_REFERENCE,
  DEMO_UUID,
  type MockUpstreamServer,
  OPENAPI,
  RETURN_URLS,
  startMockUpstream,
} from '@savedcards/test-utils';
import { recordingFetch } from '@savedcards/test-utils/proxy';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { server as msw } from '../server.js';

let upstream: MockUpstreamServer;
let origin = '';
let recorder: ReturnType<typeof recordingFetch>;
const servers: Server[] = [];
const outcomes: boolean[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream();
  recorder = recordingFetch();
  const proxy = createWonderProxy({
    ...upstream.connection,
    fetch: recorder.fetch,
    resolveCustomer: (request) =>
      request.headers.get('Cookie') === 'session=demo'
        ? { uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }
        : null,
    returnUrls: RETURN_URLS,
    logger: () => undefined,
    bodyTimeoutMs: 500,
    limits: createVelocityLimits(),
  });
  const instance = createServer(toNodeHandler(proxy));
  await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
  servers.push(instance);
  origin = `http://127.0.0.1:${(instance.address() as AddressInfo).port}`;
});
beforeEach(() => {
  for (const url of [origin, upstream.url]) msw.use(http.all(`${url}/*`, () => passthrough()));
  recorder.sent.length = 0;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await upstream.close();
  console.log(`abuse: ${outcomes.length} cases, ${outcomes.filter(Boolean).length} held`);
});

/** A case: its assertions, and whether they held, for the closing line. */
function abuse(name: string, body: () => Promise<void>, timeout = 15_000) {
  it(name, { timeout }, async () => {
    try {
      await body();
      outcomes.push(true);
    } catch (error) {
      outcomes.push(false);
      throw error;
    }
  });
}

const tokens = `${OPENAPI}/customers/${DEMO_UUID}/payment_tokens`;
const signedIn = { Cookie: 'session=demo', 'X-Requested-With': 'savedcards' };
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}/api/wonder${path}`, {
    method,
    headers: {
      ...signedIn,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

/** Raw bytes over a socket: what came back, and whether the server closed the connection. */
function raw(head: string, feed: (write: (chunk: string) => void) => () => void, waitMs = 4000) {
  return new Promise<{ text: string; closed: boolean; ms: number }>((resolve) => {
    const started = Date.now();
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    let text = '';
    let stop: () => void = () => undefined;
    const done = (closed: boolean) => {
      stop();
      resolve({ text, closed, ms: Date.now() - started });
    };
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    socket.write(head);
    stop = feed((chunk) => socket.writable && socket.write(chunk));
    setTimeout(() => {
      socket.destroy();
      done(false);
    }, waitMs);
  });
}
const rawHead = (extra: string, cookie = true) =>
  `DELETE /api/wonder${tokens} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Requested-With: savedcards\r\n${cookie ? 'Cookie: session=demo\r\n' : ''}Content-Type: application/json\r\n${extra}\r\n\r\n`;

function luhn(body: string): string {
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let digit = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

describe('the signing proxy over TCP, as an attacker meets it', () => {
  abuse('extra card fields never reach Wonder', async () => {
    const response = await send('POST', tokens, {
      card: {
        number: '4242424242424242',
        exp_month: '04',
        exp_year: '2030',
        holder_name: 'Tester',
        token_type: 'Alipay',
        customer_uuid: 'someone-else',
        amount: '999.00',
        '3DS': { success_return_url: 'https://evil.example' },
        Transaction_Type: 'recurring_payment',
      },
    });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    const sent = recorder.sent.find((r) => r.method === 'POST');
    expect(sent).toBeDefined();
    const card = (JSON.parse(sent?.body ?? '{}') as { card: Record<string, unknown> }).card;
    expect(card.number).toBe('4242424242424242');
    for (const key of ['token_type', 'customer_uuid', 'amount', '3DS', 'Transaction_Type']) {
      expect(card).not.toHaveProperty(key);
    }
  });

  abuse(
    'card testing: 40 more valid cards from the same session, only 4 more reach Wonder (5 in 10 minutes)',
    async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const number = luhn(`4000${String(200000000 + i).padStart(11, '0')}`);
        const response = await send('POST', tokens, {
          card: { number, exp_month: '04', exp_year: '2030', holder_name: 'Tester' },
        });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      // The case before saved one card: the session has 4 left of its 5 in 10 minutes.
      expect(statuses.filter((status) => status === 429)).toHaveLength(36);
      expect(recorder.sent.filter((r) => r.method === 'POST')).toHaveLength(4);
    },
  );

  abuse('a body sent a byte at a time is cut with 408 and the connection closed', async () => {
    const result = await raw(rawHead('Content-Length: 200'), (write) => {
      const timer = setInterval(() => write('{'), 100);
      return () => clearInterval(timer);
    });
    expect(result.text).toMatch(/^HTTP\/1\.1 408/);
    expect(result.closed).toBe(true);
  });

  abuse('after a 413 an endless chunked body is not read: the connection is closed', async () => {
    const result = await raw(rawHead('Transfer-Encoding: chunked'), (write) => {
      const timer = setInterval(() => write(`400\r\n${'x'.repeat(1024)}\r\n`), 2);
      return () => clearInterval(timer);
    });
    expect(result.text).toMatch(/^HTTP\/1\.1 413/);
    expect(result.closed).toBe(true);
  });

  abuse(
    '100 anonymous connections announcing 10 kB and sending 1 byte are answered and closed',
    async () => {
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          raw(rawHead('Content-Length: 10000', false), (write) => {
            write('{');
            return () => undefined;
          }),
        ),
      );
      expect(results.every((result) => result.text.startsWith('HTTP/1.1 401'))).toBe(true);
      expect(results.every((result) => result.closed && result.ms < 3000)).toBe(true);
    },
  );

  abuse('customer upserts with non-strings are a 400', async () => {
    for (const customer of [
      { name: { $ne: null }, phone: '1' },
      { name: 'A', phone: ['1', '2'] },
    ]) {
      const response = await send('POST', `${OPENAPI}/customers`, { customer });
      expect(response.status).toBe(400);
    }
    expect(recorder.sent).toHaveLength(0);
  });

  abuse('another customer’s token cannot be deleted or made the default', async () => {
    const foreign = '00000000-0000-4000-a000-0000000009fe';
    const deleted = await send('DELETE', tokens, { token: foreign });
    const defaulted = await send('POST', `${OPENAPI}/customers`, {
      customer: { name: 'A', phone: '1', default_payment_token: foreign },
    });
    expect([deleted.status, defaulted.status]).toEqual([403, 403]);
    expect(recorder.sent.every((r) => r.method === 'GET')).toBe(true);
  });

  abuse('card numbers in Wonder’s answers reach the browser masked, in every form', async () => {
    const [first] = upstream.db.listTokens(DEMO_UUID);
    upstream.db.updateToken(DEMO_UUID, first?.token ?? '', {
      error_msg: 'refused 6250941006528590 and 4242.4242.4242.4242',
      error_code: 'E-5555555555554444',
    });
    const text = await (await send('GET', tokens)).text();
    for (const digits of ['6250941006528590', '4242.4242.4242.4242', '5555555555554444']) {
      expect(text).not.toContain(digits);
    }
  });

  abuse('5,000-deep JSON is a 400, not a 500', async () => {
    const deep = `{"token":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect((await send('DELETE', tokens, deep)).status).toBe(400);
  });

  abuse('a 10 MB answer from upstream is not relayed (502)', async () => {
    for (const token of upstream.db.listTokens(DEMO_UUID)) {
      upstream.db.updateToken(DEMO_UUID, token.token, { error_msg: 'x'.repeat(1024 * 1024) });
    }
    const response = await send('GET', tokens);
    expect(response.status).toBe(502);
    expect((await response.text()).length).toBeLessThan(2000);
  });

  abuse('a page on another origin is refused even with the marker header', async () => {
    const forged: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Referer: 'https://evil.example/x' },
    ];
    for (const headers of forged) {
      expect((await send('GET', tokens, undefined, headers)).status).toBe(403);
    }
  });

  abuse(
    'a load with faults leaves no socket open and no memory behind',
    async () => {
      const instance = servers[0] as Server;
      // Idle keep-alive connections of the test's own fetch are not leaks: let them go quickly.
      instance.keepAliveTimeout = 100;
      const openSockets = () =>
        new Promise<number>((resolve, reject) =>
          instance.getConnections((error, count) => (error ? reject(error) : resolve(count))),
        );
      const heapBefore = process.memoryUsage().heapUsed;
      for (let round = 0; round < 10; round++) {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) => {
            if (i % 3 === 0) {
              // A client that goes away mid-body.
              return raw(
                rawHead('Content-Length: 500'),
                (write) => {
                  write('{"tok');
                  return () => undefined;
                },
                50,
              );
            }
            if (i % 3 === 1) return send('GET', tokens).then((response) => response.arrayBuffer());
            return send('DELETE', tokens, '{"token":').then((response) => response.arrayBuffer());
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await openSockets()).toBe(0);
      const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      console.log(`abuse: load with faults, 300 requests, heap ${grownMb.toFixed(1)} MB after`);
      expect(grownMb).toBeLessThan(64);
    },
    60_000,
  );
});
