import { gatewayPaths, isRecord, type GatewayOperation } from '@savedcards/wire';
import type { WonderClient } from '../client.js';
import { answerUpstream, type ProxyAnswer, refuse } from './answer.js';

/** How long a customer's token list is trusted for ownership checks. */
const OWNERSHIP_TTL_MS = 30_000;
const MAX_CACHED_LISTS = 10_000;

/** The token a write names, by operation (outgoing body, already bound and checked). */
function namedToken(operation: GatewayOperation, body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (operation === 'deleteToken') return typeof body.token === 'string' ? body.token : undefined;
  if (operation === 'checkToken' && isRecord(body.payment_token)) {
    const { token } = body.payment_token;
    return typeof token === 'string' ? token : undefined;
  }
  if (operation === 'upsertCustomer' && isRecord(body.customer)) {
    const token = body.customer.default_payment_token;
    return typeof token === 'string' && token !== '' ? token : undefined;
  }
  return undefined;
}

export interface TokenOwnership {
  /**
   * Before a write that names a token (delete, check, a new default): the token must be in the
   * customer's own list (read with the proxy's signature, cached `OWNERSHIP_TTL_MS`, read again
   * once when the token is not in it). 403 `E_FORBIDDEN_TOKEN` otherwise, before anything is sent.
   */
  check(
    operation: GatewayOperation,
    body: unknown,
    customerUuid: string | undefined,
    requestId: string,
  ): Promise<ProxyAnswer | undefined>;
  /** After a create or a delete: the cached list is stale. */
  forget(customerUuid: string): void;
}

export function createTokenOwnership(client: WonderClient, now = () => Date.now()): TokenOwnership {
  const lists = new Map<string, { tokens: ReadonlySet<string>; at: number }>();

  async function read(uuid: string, requestId: string) {
    const result = await client.call({
      method: 'GET',
      path: gatewayPaths.paymentTokens(uuid),
      requestId,
    });
    const data =
      result.kind === 'response' && result.envelope.ok ? result.envelope.data : undefined;
    const raw = isRecord(data) ? data.payment_tokens : undefined;
    if (!Array.isArray(raw)) return answerUpstream(result, client.timeoutMs);
    const tokens = new Set(
      raw.flatMap((token) =>
        isRecord(token) && typeof token.token === 'string' ? [token.token] : [],
      ),
    );
    lists.delete(uuid);
    lists.set(uuid, { tokens, at: now() });
    if (lists.size > MAX_CACHED_LISTS) {
      const oldest = lists.keys().next().value;
      if (oldest !== undefined) lists.delete(oldest);
    }
    return tokens;
  }

  return {
    async check(operation, body, customerUuid, requestId) {
      const token = namedToken(operation, body);
      if (token === undefined) return undefined;
      if (customerUuid === undefined) return refuse('forbiddenToken', { level: 'warn' });
      const cached = lists.get(customerUuid);
      if (cached && now() - cached.at < OWNERSHIP_TTL_MS && cached.tokens.has(token)) {
        return undefined;
      }
      const fresh = await read(customerUuid, requestId);
      if (!(fresh instanceof Set)) return fresh;
      return fresh.has(token) ? undefined : refuse('forbiddenToken', { level: 'warn' });
    },
    forget(customerUuid) {
      lists.delete(customerUuid);
    },
  };
}
