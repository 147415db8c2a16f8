import type { GatewayClient } from './client.js';
import { isRetryableError } from './errors.js';
import { deletePaymentToken } from './paymentTokens.js';

export interface DiscardTokenOptions {
  /** Tries in all. Default 3. */
  attempts?: number;
  /** Wait before the second try; doubled for each later one. Default 1000 ms. */
  retryDelayMs?: number;
  /** Default `globalThis.setTimeout`. */
  setTimeout?: (callback: () => void, ms: number) => unknown;
}

/**
 * Deletes a token that an add-card attempt left behind (declined, cancelled, timed out), so a
 * failed attempt leaves no row in the customer's lists. Best effort: network failures, timeouts
 * and 5xx answers are retried with backoff, a refusal is not (the token may be gone already).
 * Never rejects; resolves `true` once the gateway confirmed the delete.
 */
export async function discardToken(
  client: GatewayClient,
  customerUuid: string,
  token: string,
  options: DiscardTokenOptions = {},
): Promise<boolean> {
  const { attempts = 3, retryDelayMs = 1000 } = options;
  const wait = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deletePaymentToken(client, customerUuid, token);
      return true;
    } catch (error) {
      if (attempt >= attempts || !isRetryableError(error)) return false;
      await new Promise<void>((resolve) => wait(resolve, retryDelayMs * 2 ** (attempt - 1)));
    }
  }
}
