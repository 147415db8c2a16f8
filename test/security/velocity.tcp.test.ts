// @vitest-environment node
/**
 * Card testing over real TCP: one signed-in session tries to save 40 different valid cards through
 * two signing-proxy instances that share one Redis. The limit holds across the instances (5 reach
 * Wonder, the rest get 429 with Retry-After), and when Redis goes down card creation is refused
 * while reads keep working.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createRedisVelocityStore,
  createVelocityLimits,
  createWonderProxy,
  toNodeHandler,
} from '@savedcards/server';
import { DEMO_REFERENCE, DEMO_UUID, OPENAPI, RETURN_URLS } from '@savedcards/test-utils';
import { type MockUpstreamServer, startMockUpstream } from '@savedcards/test-utils';
import { Redis } from 'ioredis';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasRedisServer, type RedisProcess, startRedis } from '../redis.js';
import { server as msw } from '../server.js';

/** A Luhn-valid 16-digit Visa number, different for every `i`. */
function cardNumber(i: number): string {
  const body = `4000${String(100000000 + i).padStart(11, '0')}`;
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

const redisAvailable = hasRedisServer();
if (!redisAvailable && process.env.CI) {
  throw new Error('redis-server is not installed: .ci/run installs it with apt-get.');
}

describe.runIf(redisAvailable)('velocity limits across two proxy instances (TCP + Redis)', () => {
  let redis: RedisProcess;
  let upstream: MockUpstreamServer;
  const servers: Server[] = [];
  const clients: Redis[] = [];
  const origins: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    upstream = await startMockUpstream();
    for (let i = 0; i < 2; i++) {
      const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
      client.on('error', () => undefined);
      await new Promise((resolve) => client.once('ready', resolve));
      clients.push(client);
      const proxy = createWonderProxy({
        ...upstream.connection,
        resolveCustomer: () => ({ uuid: DEMO_UUID, referenceNumber: DEMO_REFERENCE }),
        returnUrls: RETURN_URLS,
        logger: () => undefined,
        limits: createVelocityLimits({
          store: createRedisVelocityStore({ client, timeoutMs: 300 }),
        }),
      });
      const instance = createServer(toNodeHandler(proxy));
      await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
      servers.push(instance);
      origins.push(`http://127.0.0.1:${(instance.address() as AddressInfo).port}`);
    }
  });

  // The unit tests' msw server refuses unhandled requests (and is reset after each test): let these
  // loopback servers through.
  beforeEach(() => {
    for (const origin of [...origins, upstream.url]) {
      msw.use(http.all(`${origin}/*`, () => passthrough()));
    }
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await upstream?.close();
    await redis?.stop();
  });

  const send = (origin: string, method: string, path: string, body?: unknown) =>
    fetch(`${origin}/api/wonder${OPENAPI}${path}`, {
      method,
      headers: {
        'X-Requested-With': 'savedcards',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const createCard = (origin: string, i: number) =>
    send(origin, 'POST', `/customers/${DEMO_UUID}/payment_tokens`, {
      card: {
        number: cardNumber(i),
        exp_month: '04',
        exp_year: '2030',
        holder_name: 'Card Tester',
      },
    });

  it('lets 5 of 40 card creations through, alternating instances, and says when to retry', async () => {
    const before = upstream.db.listTokens(DEMO_UUID).length;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const response = await createCard(origins[i % 2] as string, i);
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('Retry-After');
      await response.arrayBuffer();
    }
    expect(statuses.filter((status) => status < 300)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Only the allowed ones reached Wonder.
    expect(upstream.db.listTokens(DEMO_UUID).length - before).toBe(5);
  });

  it('refuses card creation while Redis is down, and keeps reads working', async () => {
    await redis.stop();
    const refused = await createCard(origins[0] as string, 1000);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error_code: string }).error_code).toBe('E_RATE_LIMITED');
    const list = await send(origins[1] as string, 'GET', `/customers/${DEMO_UUID}/payment_tokens`);
    expect(list.status).toBe(200);
  });
});
