import type { PaymentResult } from '@savedcards/wire';

/**
 * What the proxy remembers of one order's payment (issue 16), keyed by customer + order:
 * - `sent`: `open_payments` went out and no answer is known (still waiting, or it was lost), so
 *   the next pay or status reads Wonder's `orders/check` instead of paying again;
 * - `answered`: the last outcome. A `succeeded` one is answered again, with no second charge.
 */
export type PaymentRecord =
  | { status: 'sent'; token: string; at: number }
  | { status: 'answered'; result: PaymentResult; at: number };

/**
 * Where payment records and per-order locks live. Async, so a shared store (Redis) can back
 * several proxy processes: `lock` must be atomic (Redis `SET key 1 NX PX ttl`), `set` a plain
 * `SET key json PX ttl`. The default, `createMemoryPaymentStore()`, holds one process only.
 */
export interface PaymentStore {
  /** The key's record, `undefined` when there is none (or it expired). */
  get(key: string): Promise<PaymentRecord | undefined>;
  /** Stores the record for `ttlMs`, replacing any. */
  set(key: string, record: PaymentRecord, ttlMs: number): Promise<void>;
  /** Forgets the record (a refused payment charged nothing). */
  delete(key: string): Promise<void>;
  /** Takes the key's lock for `ttlMs` unless it is held; resolves whether this caller took it. */
  lock(key: string, ttlMs: number): Promise<boolean>;
  /** Releases the key's lock. */
  unlock(key: string): Promise<void>;
}

const MAX_MEMORY_RECORDS = 10_000;

/** An in-memory `PaymentStore` (one process; the oldest records go beyond 10 000). */
export function createMemoryPaymentStore(now = () => Date.now()): PaymentStore {
  const records = new Map<string, { record: PaymentRecord; until: number }>();
  const locks = new Map<string, number>();
  return {
    async get(key) {
      const entry = records.get(key);
      if (entry && entry.until <= now()) records.delete(key);
      return entry && entry.until > now() ? entry.record : undefined;
    },
    async set(key, record, ttlMs) {
      records.delete(key);
      records.set(key, { record, until: now() + ttlMs });
      if (records.size > MAX_MEMORY_RECORDS) {
        const oldest = records.keys().next().value;
        if (oldest !== undefined) records.delete(oldest);
      }
    },
    async delete(key) {
      records.delete(key);
    },
    async lock(key, ttlMs) {
      const until = locks.get(key);
      if (until !== undefined && until > now()) return false;
      locks.set(key, now() + ttlMs);
      return true;
    },
    async unlock(key) {
      locks.delete(key);
    },
  };
}
