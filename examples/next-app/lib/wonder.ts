// The merchant's server side of savedcards: one signing proxy (@savedcards/server) per process,
// shared by the route handler (app/api/wonder/[...path]/route.ts) and the page's server prefetch.
// Server only: it holds the private key.
import { createGatewayClient, type GatewayClient } from '@savedcards/core';
import {
  createWonderProxy,
  type WonderConnectionOptions,
  type WonderProxy,
} from '@savedcards/server';
import { type DemoUser, sessionFromCookieHeader } from './session';

const MOUNT_PATH = '/api/wonder';

function connection(): WonderConnectionOptions {
  const appId = process.env.WONDER_APP_ID;
  const privateKey = process.env.WONDER_PRIVATE_KEY;
  const privateKeyFile = process.env.WONDER_PRIVATE_KEY_FILE;
  if (!appId || !(privateKey || privateKeyFile)) {
    throw new Error(
      'Set WONDER_APP_ID and WONDER_PRIVATE_KEY (or WONDER_PRIVATE_KEY_FILE). For the mock gateway run `pnpm --filter next-app dev`, which sets them.',
    );
  }
  const target: Pick<WonderConnectionOptions, 'baseUrl' | 'environment'> = process.env
    .WONDER_BASE_URL
    ? { baseUrl: process.env.WONDER_BASE_URL }
    : { environment: process.env.WONDER_ENV === 'production' ? 'production' : 'sandbox' };
  return { appId, privateKey: privateKey ?? { file: privateKeyFile as string }, ...target };
}

function profileOf(user: DemoUser) {
  return { name: user.name, phone: user.phone, dialCode: user.dialCode, email: user.email };
}

interface WonderState {
  proxy: WonderProxy;
  /** The merchant's user id → Wonder customer uuid, learnt once (a real app keeps it in its db). */
  uuids: Map<string, string>;
}

const STATE_KEY = Symbol.for('savedcards.next-app.wonder');

/** The proxy, created on first use (not at import: `next build` loads this module without keys). */
function state(): WonderState {
  const store = globalThis as typeof globalThis & { [STATE_KEY]?: WonderState };
  if (!store[STATE_KEY]) {
    const uuids = new Map<string, string>();
    const proxy = createWonderProxy({
      ...connection(),
      mountPath: MOUNT_PATH,
      // Whose cards: from the session cookie only, never from the URL or the body.
      resolveCustomer: (request) => {
        const user = sessionFromCookieHeader(request.headers.get('cookie'));
        if (!user) return null;
        return { uuid: uuids.get(user.id), referenceNumber: user.id, profile: profileOf(user) };
      },
      onCustomerResolved: ({ uuid, referenceNumber }) => {
        uuids.set(referenceNumber, uuid);
      },
      returnUrls: (request) => {
        const origin = process.env.PUBLIC_URL ?? new URL(request.url).origin;
        return { success: `${origin}/3ds/return?ok=1`, fail: `${origin}/3ds/return?ok=0` };
      },
    });
    store[STATE_KEY] = { proxy, uuids };
  }
  return store[STATE_KEY];
}

export function wonderProxy(): WonderProxy {
  return state().proxy;
}

/** The user's Wonder customer uuid: upserted once (idempotent on the reference number), then cached. */
export async function customerUuidFor(user: DemoUser): Promise<string> {
  const { proxy, uuids } = state();
  const known = uuids.get(user.id);
  if (known) return known;
  const uuid = await proxy.client.ensureCustomer({ referenceNumber: user.id, ...profileOf(user) });
  uuids.set(user.id, uuid);
  return uuid;
}

/**
 * A @savedcards/core client for Server Components: the same requests the browser sends to
 * /api/wonder, answered in-process by the same proxy with the visitor's own cookie, so the server
 * read goes through the same customer binding and signing as the browser's would (no HTTP hop).
 */
export function serverGatewayClient(cookieHeader: string): GatewayClient {
  const proxy = wonderProxy();
  return createGatewayClient({
    baseUrl: `http://next.internal${MOUNT_PATH}`,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookieHeader);
      return proxy(new Request(input, { ...init, headers }));
    },
  });
}
