/**
 * Where `verifyWonderWebhook` remembers the nonces it has accepted, so a captured webhook cannot be
 * played again while its time is still inside the tolerance. Async, so a shared store (Redis) can
 * plug in when several server processes receive Wonder's webhooks.
 *
 * A Redis store is two commands:
 * ```ts
 * const store: WebhookNonceStore = {
 *   claim: async (nonce, ttlMs) =>
 *     (await redis.set(`wonder:webhook:${nonce}`, '1', 'PX', ttlMs, 'NX')) === 'OK',
 *   release: async (nonce) => void (await redis.del(`wonder:webhook:${nonce}`)),
 * };
 * ```
 */
export interface WebhookNonceStore {
  /**
   * Records `nonce` for `ttlMs` milliseconds. Resolves `true` when it was new, `false` when it is
   * already recorded (a replay). Must be atomic: two concurrent claims of one nonce, one `true`.
   */
  claim(nonce: string, ttlMs: number): Promise<boolean>;
  /** Forgets `nonce`: the handler calls it when `onEvent` failed, so Wonder's retry is not a replay. */
  release(nonce: string): Promise<void>;
}

export interface MemoryWebhookNonceStoreOptions {
  /** At most this many nonces are kept; when full, the oldest is dropped. Default 10 000. */
  maxEntries?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Default `maxEntries` of the in-memory nonce store. */
export const DEFAULT_WEBHOOK_NONCE_ENTRIES = 10_000;

/**
 * A nonce store in this process's memory, bounded in size (`maxEntries`) and time (each nonce
 * expires after its `ttlMs`). Good for one server process; use a shared store for several.
 */
export function createMemoryWebhookNonceStore(
  options: MemoryWebhookNonceStoreOptions = {},
): WebhookNonceStore {
  const maxEntries = options.maxEntries ?? DEFAULT_WEBHOOK_NONCE_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError('@savedcards/server: `maxEntries` must be a positive integer.');
  }
  const now = options.now ?? Date.now;
  // Insertion order is the order of claims; a Map iterates in that order.
  const expiries = new Map<string, number>();

  function sweep(at: number): void {
    for (const [nonce, expiresAt] of expiries) {
      if (expiresAt <= at) expiries.delete(nonce);
    }
  }

  return {
    async claim(nonce, ttlMs) {
      const at = now();
      const known = expiries.get(nonce);
      if (known !== undefined && known > at) return false;
      expiries.delete(nonce);
      if (expiries.size >= maxEntries) {
        sweep(at);
        // Still full of live nonces: drop the oldest (bounded memory over perfect recall).
        while (expiries.size >= maxEntries) {
          const oldest = expiries.keys().next().value;
          if (oldest === undefined) break;
          expiries.delete(oldest);
        }
      }
      expiries.set(nonce, at + Math.max(0, ttlMs));
      return true;
    },
    async release(nonce) {
      expiries.delete(nonce);
    },
  };
}
