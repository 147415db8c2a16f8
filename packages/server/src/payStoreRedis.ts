import type { PaymentRecord, PaymentStore } from './payStore.js';

export interface RedisPaymentStoreOptions {
  /**
   * A connected Redis client: ioredis (`new Redis(url, { enableOfflineQueue: false })`) or node-redis
   * (then set `useRedisPackage: true`), as for `createRedisVelocityStore`.
   */
  client: unknown;
  useRedisPackage?: boolean;
  /** Prefix of every key. Default `'savedcards:pay'`. */
  keyPrefix?: string;
  /** A store call that takes longer rejects (the payment is then refused, not sent). Default 2000 ms. */
  timeoutMs?: number;
}

type Reply = string | null | undefined;

/** The four commands the store needs, over either client. */
interface Commands {
  get(key: string): Promise<Reply>;
  setPx(key: string, value: string, ttlMs: number): Promise<Reply>;
  setNxPx(key: string, value: string, ttlMs: number): Promise<Reply>;
  del(key: string): Promise<unknown>;
}

type Method = (...args: unknown[]) => Promise<unknown>;

const WHO = 'createRedisPaymentStore';

function commandsOf(client: unknown, useRedisPackage: boolean): Commands {
  const methods = client as Record<string, unknown>;
  for (const name of ['get', 'set', 'del']) {
    if (typeof methods[name] !== 'function') {
      throw new TypeError(
        `${WHO}: \`client\` has no ${name}(): pass an ioredis or node-redis client.`,
      );
    }
  }
  const call = (name: string, ...args: unknown[]) =>
    (methods[name] as Method).apply(client, args) as Promise<Reply>;
  const ttl = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));
  return useRedisPackage
    ? {
        get: (key) => call('get', key),
        setPx: (key, value, ttlMs) => call('set', key, value, { PX: ttl(ttlMs) }),
        setNxPx: (key, value, ttlMs) => call('set', key, value, { PX: ttl(ttlMs), NX: true }),
        del: (key) => call('del', key),
      }
    : {
        get: (key) => call('get', key),
        setPx: (key, value, ttlMs) => call('set', key, value, 'PX', ttl(ttlMs)),
        setNxPx: (key, value, ttlMs) => call('set', key, value, 'PX', ttl(ttlMs), 'NX'),
        del: (key) => call('del', key),
      };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${WHO}: Redis did not answer in ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function parseRecord(text: Reply): PaymentRecord | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value = JSON.parse(text) as { status?: unknown } | null;
    return value && (value.status === 'sent' || value.status === 'answered')
      ? (value as PaymentRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Payment records and per-order locks in Redis (issue 16), shared by every proxy instance that uses
 * the same Redis: `set` is `SET key json PX ttl`, `lock` is `SET key 1 NX PX ttl` (atomic: one
 * caller takes it), `unlock` and `delete` are `DEL`. A record that is not one of ours reads as none.
 */
export function createRedisPaymentStore(options: RedisPaymentStoreOptions): PaymentStore {
  if (!options || options.client === undefined || options.client === null) {
    throw new TypeError(`${WHO}: \`client\` (an ioredis or node-redis client) is required.`);
  }
  const { keyPrefix = 'savedcards:pay', timeoutMs = 2000, useRedisPackage = false } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`${WHO}: \`timeoutMs\` must be a positive number.`);
  }
  const redis = commandsOf(options.client, useRedisPackage);
  const recordKey = (key: string) => `${keyPrefix}:record:${key}`;
  const lockKey = (key: string) => `${keyPrefix}:lock:${key}`;
  const run = <T>(promise: Promise<T>) => withTimeout(promise, timeoutMs);
  return {
    async get(key) {
      return parseRecord(await run(redis.get(recordKey(key))));
    },
    async set(key, record, ttlMs) {
      await run(redis.setPx(recordKey(key), JSON.stringify(record), ttlMs));
    },
    async delete(key) {
      await run(redis.del(recordKey(key)));
    },
    async lock(key, ttlMs) {
      return (await run(redis.setNxPx(lockKey(key), '1', ttlMs))) === 'OK';
    },
    async unlock(key) {
      await run(redis.del(lockKey(key)));
    },
  };
}
