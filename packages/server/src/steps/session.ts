import type { GatewayOperation } from '@savedcards/wire';
import { isRecord } from '@savedcards/wire';
import type { WonderCallResult, WonderClient } from '../client.js';
import type { ProxyAnswer } from './answer.js';
import { answerEnsureFailure, refuse } from './answer.js';
import type { ResolveCustomer, SessionCustomer, WonderProxyOptions } from './options.js';

const MAX_CACHED_CUSTOMERS = 10_000;

/** The session step: whose cards a request may touch, from the merchant's session only. */
export interface CustomerBinding {
  /** `resolveCustomer(request)`: 401 when nobody is signed in, 500 without a reference number. */
  resolve(request: Request): Promise<SessionCustomer | ProxyAnswer>;
  /**
   * Binds the uuid in the path to the session's (known, learnt from an earlier upsert, or created
   * from `profile` on demand): 403 for another customer, or when the uuid cannot be known.
   */
  bindPath(
    session: SessionCustomer,
    pathUuid: string | undefined,
    request: Request,
  ): Promise<ProxyAnswer | undefined>;
  /** The session's uuid if known (from the session or learnt from an upsert), without calling Wonder. */
  knownUuid(session: SessionCustomer): string | undefined;
  /** After an upsert: remembers the uuid Wonder answered for a session that had none. */
  learn(
    session: SessionCustomer,
    operation: GatewayOperation,
    result: WonderCallResult,
    answer: ProxyAnswer,
    request: Request,
  ): Promise<void>;
}

export function createCustomerBinding(config: {
  client: WonderClient;
  resolveCustomer: ResolveCustomer;
  onCustomerResolved: WonderProxyOptions['onCustomerResolved'];
}): CustomerBinding {
  const { client, resolveCustomer, onCustomerResolved } = config;
  // reference number → uuid, learnt from upserts (idempotent on the reference number, so stable).
  const knownUuids = new Map<string, string>();
  const pendingUpserts = new Map<string, Promise<string>>();

  async function remember(referenceNumber: string, uuid: string, request: Request) {
    if (knownUuids.get(referenceNumber) === uuid) return;
    knownUuids.delete(referenceNumber);
    knownUuids.set(referenceNumber, uuid);
    if (knownUuids.size > MAX_CACHED_CUSTOMERS) {
      const oldest = knownUuids.keys().next().value;
      if (oldest !== undefined) knownUuids.delete(oldest);
    }
    await onCustomerResolved?.({ uuid, referenceNumber }, request);
  }

  /** The session's uuid: known, learnt from an earlier upsert, or created from the profile. */
  async function sessionUuid(session: SessionCustomer, request: Request) {
    if (session.uuid) return session.uuid;
    const known = knownUuids.get(session.referenceNumber);
    if (known) return known;
    if (!session.profile) return undefined;
    let pending = pendingUpserts.get(session.referenceNumber);
    if (!pending) {
      pending = client
        .ensureCustomer({ ...session.profile, referenceNumber: session.referenceNumber })
        .finally(() => pendingUpserts.delete(session.referenceNumber));
      pendingUpserts.set(session.referenceNumber, pending);
    }
    const uuid = await pending;
    await remember(session.referenceNumber, uuid, request);
    return uuid;
  }

  return {
    async resolve(request) {
      const session = await resolveCustomer(request);
      if (!session) return refuse('unauthenticated');
      if (typeof session.referenceNumber !== 'string' || session.referenceNumber === '') {
        return refuse('internal', {
          detail: 'resolveCustomer returned a customer without referenceNumber',
        });
      }
      return session;
    },

    async bindPath(session, pathUuid, request) {
      if (pathUuid === undefined) return undefined;
      let uuid: string | undefined;
      try {
        uuid = await sessionUuid(session, request);
      } catch (error) {
        return answerEnsureFailure(error);
      }
      if (uuid === undefined) return refuse('customerUnknown', { level: 'warn' });
      if (pathUuid !== uuid) return refuse('forbiddenCustomer', { level: 'warn' });
      return undefined;
    },

    knownUuid(session) {
      return session.uuid || knownUuids.get(session.referenceNumber);
    },

    async learn(session, operation, result, answer, request) {
      if (operation !== 'upsertCustomer' || result.kind !== 'response' || !result.envelope.ok) {
        return;
      }
      const { data } = result.envelope;
      const uuid = isRecord(data) && isRecord(data.customer) ? data.customer.uuid : undefined;
      if (typeof uuid !== 'string' || uuid === '') return;
      if (!session.uuid) {
        await remember(session.referenceNumber, uuid, request);
      } else if (session.uuid !== uuid) {
        answer.level = 'warn';
        answer.detail = "the upsert answered another uuid than the session's";
      }
    },
  };
}
