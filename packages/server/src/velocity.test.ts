// @vitest-environment node
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, type RedisProcess, startRedis } from '../../../test/redis.js';
import { createRedisVelocityStore, createVelocityLimits, type VelocityStore } from './velocity.js';

const create = (customer: string, clientAddress?: string) => ({
  operation: 'createToken' as const,
  customer: { referenceNumber: customer },
  clientAddress,
});
const write = (
  operation: 'deleteToken' | 'upsertCustomer' | 'listTokens',
  customer: string,
  clientAddress?: string,
) => ({
  operation,
  customer: { referenceNumber: customer },
  clientAddress,
});

async function countAllowed(
  limits: ReturnType<typeof createVelocityLimits>,
  calls: number,
  make: (i: number) => Parameters<ReturnType<typeof createVelocityLimits>>[0],
) {
  let allowed = 0;
  let refusal: Awaited<ReturnType<typeof limits>>;
  for (let i = 0; i < calls; i++) {
    const result = await limits(make(i));
    if (result === undefined) allowed += 1;
    else refusal = result;
  }
  return { allowed, refusal };
}

describe('createVelocityLimits (memory store)', () => {
  it('lets one customer save 5 cards in 10 minutes, then refuses with a retry time', async () => {
    const limits = createVelocityLimits();
    const { allowed, refusal } = await countAllowed(limits, 200, () =>
      create('cust-1', '10.0.0.1'),
    );
    expect(allowed).toBe(5);
    expect(refusal).toMatchObject({ reason: 'customer', class: 'cardCreation' });
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(500);
    expect(refusal?.retryAfterSeconds).toBeLessThanOrEqual(600);
  });

  it('counts one address across customers', async () => {
    const limits = createVelocityLimits();
    const { allowed, refusal } = await countAllowed(limits, 50, (i) =>
      create(`cust-${i}`, '10.0.0.2'),
    );
    expect(allowed).toBe(10);
    expect(refusal?.reason).toBe('address');
  });

  it('counts the whole merchant across customers and addresses', async () => {
    const limits = createVelocityLimits({
      cardCreation: { global: [{ limit: 3, windowSeconds: 60 }] },
    });
    const { allowed, refusal } = await countAllowed(limits, 10, (i) =>
      create(`c${i}`, `10.1.0.${i}`),
    );
    expect(allowed).toBe(3);
    expect(refusal?.reason).toBe('global');
  });

  it('never counts reads, and gives other writes their own, looser limits', async () => {
    const limits = createVelocityLimits();
    for (let i = 0; i < 500; i++) {
      expect(await limits(write('listTokens', 'c', 'a'))).toBeUndefined();
    }
    const { allowed } = await countAllowed(limits, 100, () => write('deleteToken', 'c', 'a'));
    expect(allowed).toBe(60);
    // Writes do not use up card creation.
    expect(await limits(create('c', 'a'))).toBeUndefined();
  });

  it('can be configured, and refuses a rule that makes no sense', async () => {
    const limits = createVelocityLimits({
      cardCreation: { perCustomer: [{ limit: 1, windowSeconds: 5 }], perAddress: false },
    });
    expect(await limits(create('x'))).toBeUndefined();
    expect(await limits(create('x'))).toMatchObject({ reason: 'customer', retryAfterSeconds: 5 });
    expect(() =>
      createVelocityLimits({ writes: { perCustomer: [{ limit: 0, windowSeconds: 1 }] } }),
    ).toThrow(TypeError);
  });
});

describe('when the store is down', () => {
  const broken: VelocityStore = { consume: () => Promise.reject(new Error('ECONNREFUSED')) };

  it('refuses card creation by default and lets other writes and reads through', async () => {
    const limits = createVelocityLimits({ store: broken });
    expect(await limits(create('c'))).toMatchObject({
      reason: 'store-unavailable',
      retryAfterSeconds: 30,
    });
    expect(await limits(write('deleteToken', 'c'))).toBeUndefined();
    expect(await limits(write('listTokens', 'c'))).toBeUndefined();
  });

  it('follows onStoreError', async () => {
    const limits = createVelocityLimits({
      store: broken,
      onStoreError: { cardCreation: 'allow', writes: 'refuse' },
    });
    expect(await limits(create('c'))).toBeUndefined();
    expect(await limits(write('upsertCustomer', 'c'))).toMatchObject({
      reason: 'store-unavailable',
    });
  });

  it('answers at once, as down, when Redis cannot be reached', async () => {
    const client = new Redis(1, '127.0.0.1', { lazyConnect: true, enableOfflineQueue: false });
    client.on('error', () => undefined);
    const limits = createVelocityLimits({
      store: createRedisVelocityStore({ client, timeoutMs: 200 }),
    });
    const started = Date.now();
    expect(await limits(create('c'))).toMatchObject({ reason: 'store-unavailable' });
    expect(Date.now() - started).toBeLessThan(1000);
    client.disconnect();
  });
});

// Real Redis (Debian's redis-server, installed by .ci/run): two proxy instances share one limit.
const redisAvailable = hasRedisServer();
if (!redisAvailable && process.env.CI) {
  throw new Error('redis-server is not installed: .ci/run installs it with apt-get.');
}

describe.runIf(redisAvailable)('createRedisVelocityStore (real redis-server)', () => {
  let redis: RedisProcess;
  const clients: Redis[] = [];
  const connect = async () => {
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    clients.push(client);
    await new Promise((resolve) => client.once('ready', resolve));
    return client;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  it('holds one limit across two instances, each with its own connection', async () => {
    const a = createVelocityLimits({
      store: createRedisVelocityStore({ client: await connect() }),
    });
    const b = createVelocityLimits({
      store: createRedisVelocityStore({ client: await connect() }),
    });
    let allowed = 0;
    for (let i = 0; i < 40; i++) {
      const limits = i % 2 === 0 ? a : b;
      if ((await limits(create('shared-customer', `10.2.0.${i}`))) === undefined) allowed += 1;
    }
    expect(allowed).toBe(5);
  });

  it('refuses card creation once Redis is down, and keeps other writes working', async () => {
    const client = await connect();
    const limits = createVelocityLimits({
      store: createRedisVelocityStore({ client, timeoutMs: 300 }),
    });
    expect(await limits(create('before-down'))).toBeUndefined();
    await redis.stop();
    expect(await limits(create('after-down'))).toMatchObject({ reason: 'store-unavailable' });
    expect(await limits(write('deleteToken', 'after-down'))).toBeUndefined();
  });
});
