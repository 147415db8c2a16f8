import type { LimitContext, LimitRefusal } from './steps/limits.js';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

/**
 * Velocity limits for the signing proxy (issue: card testing). Every card-creating request is an
 * authorisation on a possibly stolen card, so creation is counted per signed-in customer, per client
 * address and for the whole merchant; other writes (set default, remove, upserts) get looser limits.
 * Reads are never limited or counted. Counters live behind `VelocityStore`: in memory by default
 * (one process), or in Redis so several proxy instances share one limit.
 */

/** At most `limit` requests per `windowSeconds` (a fixed window per key, as rate-limiter-flexible counts). */
export interface VelocityRule {
  limit: number;
  windowSeconds: number;
}

export type VelocityResult =
  | { allowed: true }
  | {
      allowed: false;
      /** Whole seconds until the window that refused has room again (at least 1). */
      retryAfterSeconds: number;
    };

/** Where the counters live. A store that cannot answer rejects (the limits then apply `onStoreError`). */
export interface VelocityStore {
  /** Counts one request against `key` under `rule`. */
  consume(key: string, rule: VelocityRule): Promise<VelocityResult>;
}

/** Which limits a request falls under: card creation, or any other write. Reads: none. */
export type VelocityClass = 'cardCreation' | 'writes';

export interface VelocityScopes {
  /** Per signed-in customer (their reference number). */
  perCustomer?: readonly VelocityRule[] | false;
  /** Per client address (see `clientAddress` in the proxy options). Skipped when unknown. */
  perAddress?: readonly VelocityRule[] | false;
  /** For the whole merchant, every customer together. */
  global?: readonly VelocityRule[] | false;
}

export interface VelocityLimitsOptions {
  /** Default: `createMemoryVelocityStore()`, one process only. */
  store?: VelocityStore;
  /** Limits on `POST …/payment_tokens`. Defaults in `DEFAULT_VELOCITY_LIMITS`. */
  cardCreation?: VelocityScopes;
  /** Limits on the other writes (upsert customer, delete token, check token). */
  writes?: VelocityScopes;
  /**
   * When the store cannot answer (Redis down): `'refuse'` answers 503 with `Retry-After`, `'allow'`
   * lets the request through. Default: refuse card creation, allow the other writes (reads never
   * consult the store).
   */
  onStoreError?: Partial<Record<VelocityClass, 'refuse' | 'allow'>>;
}

/** What a limited request is told (a `LimitRefusal`, with why). */
export interface VelocityRefusal extends LimitRefusal {
  reason: 'customer' | 'address' | 'global' | 'store-unavailable';
  class: VelocityClass;
}

/** What the limits read of a request (the proxy's `LimitContext` has all of it). */
export type VelocityRequest = Pick<LimitContext, 'operation' | 'clientAddress'> & {
  /** The signed-in customer, from the session (never from what the browser sends). */
  customer: Pick<LimitContext['customer'], 'referenceNumber'>;
};

/** The proxy's `limits` step: `undefined` lets a request through, a refusal is answered 429. */
export type VelocityLimits = (request: VelocityRequest) => Promise<VelocityRefusal | undefined>;

const minutes = (n: number) => n * 60;

/**
 * The defaults: a customer saves at most 5 cards in 10 minutes and 20 a day; one address at most 10
 * in 10 minutes; the merchant at most 300 a minute. Other writes: 60 a minute per customer, 120 per
 * address.
 */
export const DEFAULT_VELOCITY_LIMITS: Required<
  Pick<VelocityLimitsOptions, 'cardCreation' | 'writes'>
> = {
  cardCreation: {
    perCustomer: [
      { limit: 5, windowSeconds: minutes(10) },
      { limit: 20, windowSeconds: minutes(24 * 60) },
    ],
    perAddress: [{ limit: 10, windowSeconds: minutes(10) }],
    global: [{ limit: 300, windowSeconds: minutes(1) }],
  },
  writes: {
    perCustomer: [{ limit: 60, windowSeconds: minutes(1) }],
    perAddress: [{ limit: 120, windowSeconds: minutes(1) }],
    global: false,
  },
};

const STORE_RETRY_AFTER_SECONDS = 30;

function classOf(operation: LimitContext['operation']): VelocityClass | undefined {
  if (operation === 'createToken') return 'cardCreation';
  if (operation === 'getCustomer' || operation === 'listTokens') return undefined;
  // Reading a payment is a read; paying is a write (and card testing through Pay meets its limit).
  if (operation === 'paymentStatus') return undefined;
  return 'writes';
}

function checkRules(rules: readonly VelocityRule[] | false | undefined, where: string) {
  if (rules === undefined || rules === false) return [];
  if (!Array.isArray(rules))
    throw new TypeError(`createVelocityLimits: \`${where}\` must be a list of rules or false.`);
  for (const rule of rules) {
    if (
      !Number.isInteger(rule?.limit) ||
      rule.limit < 1 ||
      !Number.isInteger(rule.windowSeconds) ||
      rule.windowSeconds < 1
    ) {
      throw new TypeError(
        `createVelocityLimits: every rule in \`${where}\` needs a whole \`limit\` ≥ 1 and \`windowSeconds\` ≥ 1.`,
      );
    }
  }
  return rules;
}

/** The velocity limits as the proxy's `limits` step. */
export function createVelocityLimits(options: VelocityLimitsOptions = {}): VelocityLimits {
  const store = options.store ?? createMemoryVelocityStore();
  const plan = {} as Record<
    VelocityClass,
    Array<{ scope: 'customer' | 'address' | 'global'; rules: readonly VelocityRule[] }>
  >;
  for (const cls of ['cardCreation', 'writes'] as const) {
    const scopes = { ...DEFAULT_VELOCITY_LIMITS[cls], ...options[cls] };
    plan[cls] = [
      { scope: 'customer', rules: checkRules(scopes.perCustomer, `${cls}.perCustomer`) },
      { scope: 'address', rules: checkRules(scopes.perAddress, `${cls}.perAddress`) },
      { scope: 'global', rules: checkRules(scopes.global, `${cls}.global`) },
    ];
  }
  const onStoreError = { cardCreation: 'refuse', writes: 'allow', ...options.onStoreError };

  return async ({ operation, customer, clientAddress }) => {
    const cls = classOf(operation);
    if (!cls) return undefined;
    const subjects = { customer: customer.referenceNumber, address: clientAddress, global: 'all' };
    try {
      for (const { scope, rules } of plan[cls]) {
        const subject = subjects[scope];
        if (subject === undefined || subject === '') continue;
        for (const rule of rules) {
          const key = `${cls}:${scope}:${rule.limit}/${rule.windowSeconds}:${subject}`;
          const result = await store.consume(key, rule);
          if (!result.allowed) {
            return { reason: scope, retryAfterSeconds: result.retryAfterSeconds, class: cls };
          }
        }
      }
    } catch {
      if (onStoreError[cls] === 'refuse') {
        return {
          reason: 'store-unavailable',
          retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
          class: cls,
        };
      }
    }
    return undefined;
  };
}

function storeOf(
  make: (rule: VelocityRule) => RateLimiterAbstract,
  timeoutMs: number,
): VelocityStore {
  const limiters = new Map<string, RateLimiterAbstract>();
  return {
    async consume(key, rule) {
      const id = `${rule.limit}/${rule.windowSeconds}`;
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = make(rule);
        limiters.set(id, limiter);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('velocity store timed out')), timeoutMs);
      });
      try {
        await Promise.race([limiter.consume(key, 1), timeout]);
        return { allowed: true };
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          };
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Counters in this process's memory (rate-limiter-flexible's `RateLimiterMemory`). */
export function createMemoryVelocityStore(): VelocityStore {
  return storeOf(
    (rule) =>
      new RateLimiterMemory({ points: rule.limit, duration: rule.windowSeconds, keyPrefix: 'sc' }),
    1000,
  );
}

export interface RedisVelocityStoreOptions {
  /**
   * A connected Redis client: ioredis (`new Redis(url, { enableOfflineQueue: false })`) or node-redis
   * (then set `useRedisPackage: true`). Without the offline queue turned off, a call made while Redis is
   * down waits for a reconnection; `timeoutMs` bounds it either way.
   */
  client: unknown;
  useRedisPackage?: boolean;
  /** Prefix of every key. Default `'savedcards:velocity'`. */
  keyPrefix?: string;
  /** A store call that takes longer counts as the store being down. Default 500 ms. */
  timeoutMs?: number;
}

/** Counters in Redis, shared by every proxy instance that uses the same Redis (`RateLimiterRedis`). */
export function createRedisVelocityStore(options: RedisVelocityStoreOptions): VelocityStore {
  if (!options || options.client === undefined || options.client === null) {
    throw new TypeError(
      'createRedisVelocityStore: `client` (an ioredis or node-redis client) is required.',
    );
  }
  const {
    client,
    useRedisPackage = false,
    keyPrefix = 'savedcards:velocity',
    timeoutMs = 500,
  } = options;
  return storeOf(
    (rule) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage,
        points: rule.limit,
        duration: rule.windowSeconds,
        keyPrefix,
      }),
    timeoutMs,
  );
}
