// @vitest-environment node
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasRedisServer, type RedisProcess, startRedis } from '../../../test/redis.js';
import type { PaymentRecord } from './index.js';
import { createRedisPaymentStore } from './index.js';

const redisAvailable = hasRedisServer();
if (!redisAvailable && process.env.CI) {
  throw new Error('redis-server is not installed: .ci/run installs it with apt-get.');
}

const sent: PaymentRecord = { status: 'sent', token: 'tok', at: 1 };
const answered: PaymentRecord = {
  status: 'answered',
  at: 2,
  result: {
    state: 'succeeded',
    order: { id: 'o1', reference_number: 'r1', amount: '128.00', currency: 'HKD' },
    token: 'tok',
    transaction_uuid: 'tx',
  },
};

/** node-redis's calling convention (`set(key, value, { PX, NX })`) over an ioredis connection. */
function nodeRedisLike(client: Redis) {
  return {
    get: (key: string) => client.get(key),
    del: (key: string) => client.del(key),
    set: (key: string, value: string, options: { PX: number; NX?: boolean }) =>
      options.NX
        ? client.set(key, value, 'PX', options.PX, 'NX')
        : client.set(key, value, 'PX', options.PX),
  };
}

describe('createRedisPaymentStore: options', () => {
  it('needs a client with get, set and del', () => {
    expect(() => createRedisPaymentStore({ client: undefined })).toThrow(/client/);
    expect(() => createRedisPaymentStore({ client: { get() {} } })).toThrow(/no set\(\)/);
    expect(() => createRedisPaymentStore({ client: new Map(), timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it('rejects when Redis does not answer in time', async () => {
    const stuck = {
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      del: () => new Promise(() => {}),
    };
    const store = createRedisPaymentStore({ client: stuck, timeoutMs: 20 });
    await expect(store.lock('k', 100)).rejects.toThrow(/did not answer in 20 ms/);
  });
});

describe.runIf(redisAvailable)('createRedisPaymentStore against redis-server', () => {
  let redis: RedisProcess;
  let client: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    await new Promise((resolve) => client.once('ready', resolve));
  });
  beforeEach(async () => {
    await client.flushall();
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  for (const [name, makeStore] of [
    ['ioredis', () => createRedisPaymentStore({ client })],
    [
      'node-redis calling convention',
      () => createRedisPaymentStore({ client: nodeRedisLike(client), useRedisPackage: true }),
    ],
  ] as const) {
    describe(name, () => {
      it('keeps a record for its ttl (PX), replaces it, forgets it on delete', async () => {
        const store = makeStore();
        expect(await store.get('c/o1')).toBeUndefined();
        await store.set('c/o1', sent, 60_000);
        expect(await store.get('c/o1')).toEqual(sent);
        const ttl = await client.pttl('savedcards:pay:record:c/o1');
        expect(ttl).toBeGreaterThan(59_000);
        expect(ttl).toBeLessThanOrEqual(60_000);
        await store.set('c/o1', answered, 60_000);
        expect(await store.get('c/o1')).toEqual(answered);
        await store.delete('c/o1');
        expect(await store.get('c/o1')).toBeUndefined();
        await store.set('c/o2', sent, 30);
        await new Promise((resolve) => setTimeout(resolve, 80));
        expect(await store.get('c/o2')).toBeUndefined();
      });

      it('one of two concurrent lock calls wins; unlock or expiry frees it', async () => {
        const a = makeStore();
        const b = makeStore();
        const taken = await Promise.all([a.lock('c/o1', 60_000), b.lock('c/o1', 60_000)]);
        expect(taken.sort()).toEqual([false, true]);
        expect(await a.lock('c/other', 60_000)).toBe(true);
        await b.unlock('c/o1');
        expect(await a.lock('c/o1', 40)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 90));
        expect(await b.lock('c/o1', 60_000)).toBe(true);
      });

      it('a value that is not a record reads as none', async () => {
        await client.set('savedcards:pay:record:c/bad', 'not json');
        await client.set('savedcards:pay:record:c/odd', '{"status":"paid"}');
        const store = makeStore();
        expect(await store.get('c/bad')).toBeUndefined();
        expect(await store.get('c/odd')).toBeUndefined();
      });
    });
  }

  it('keys are prefixed: two prefixes do not share locks', async () => {
    const one = createRedisPaymentStore({ client, keyPrefix: 'shop-a' });
    const two = createRedisPaymentStore({ client, keyPrefix: 'shop-b' });
    expect(await one.lock('k', 60_000)).toBe(true);
    expect(await two.lock('k', 60_000)).toBe(true);
    expect(await client.exists('shop-a:lock:k', 'shop-b:lock:k')).toBe(2);
  });
});
