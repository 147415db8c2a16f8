// @vitest-environment node
/**
 * The mock gateway's webhooks (@savedcards/msw) against the server's verifier (@savedcards/server):
 * what the emitter sends, a merchant accepts (issue 16). Here, not in either package: msw may not
 * depend on the server.
 */
import {
  createGatewayDb,
  createGatewayHandlers,
  createGatewayWebhooks,
  DEMO_TOKENS,
  type GatewayDb,
  OPENAPI_PREFIX,
} from '@savedcards/msw';
import {
  createMemoryWebhookNonceStore,
  createWonderWebhookHandler,
  verifyWonderWebhook,
  type WebhookLogEntry,
  type WonderWebhookEvent,
} from '@savedcards/server';
import {
  TEST_ONLY_PUBLIC_KEY_PEM,
  TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM,
  TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_PEM,
  TEST_WONDER_WEBHOOK_APP_ID,
} from '@savedcards/test-utils';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { server } from '../server.js';

const BASE = 'https://gateway.emitter.test';
const HOOK = 'https://shop.emitter.test/api/wonder/webhook';

let db: GatewayDb;
let events: WonderWebhookEvent[];
let logs: WebhookLogEntry[];
let captured: Request[];

function merchant(publicKey: string) {
  const handler = createWonderWebhookHandler({
    publicKey,
    onEvent: (event) => void events.push(event),
    log: (entry) => void logs.push(entry),
  });
  server.use(
    http.post(HOOK, ({ request }) => {
      captured.push(request.clone());
      return handler(request);
    }),
  );
}

function emitter() {
  const hooks = createGatewayWebhooks({
    url: HOOK,
    privateKey: TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM,
    appId: TEST_WONDER_WEBHOOK_APP_ID,
    retry: { attempts: 3, delayMs: 5 },
  });
  server.use(...createGatewayHandlers({ baseUrl: BASE, db, webhooks: hooks }));
  return hooks;
}

const pay = (token: string) =>
  fetch(`${BASE}${OPENAPI_PREFIX}/open_payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      payment: {
        payment_token: { amount: '128.00', token, consume_mode: 'sales', entry_type: 'cit' },
      },
      order: { currency: 'HKD', reference_number: 'shop-order-1' },
    }),
  });

beforeEach(() => {
  db = createGatewayDb();
  events = [];
  logs = [];
  captured = [];
});

describe('the mock gateway webhook, verified by @savedcards/server', () => {
  it('createWonderWebhookHandler accepts order.paid and reads the order from it', async () => {
    merchant(TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_PEM);
    const hooks = emitter();
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();

    expect(hooks.deliveries).toMatchObject([{ outcome: 'delivered', attempts: 1, status: 200 }]);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      action: 'order.paid',
      knownAction: true,
      referenceNumber: 'shop-order-1',
      correspondenceState: 'paid',
      appId: TEST_WONDER_WEBHOOK_APP_ID,
    });
    expect(event?.transactions).toEqual([
      expect.objectContaining({ uuid: db.transactions()[0]?.uuid, state: 'success' }),
    ]);
    expect(logs).toMatchObject([{ level: 'info', status: 200, action: 'order.paid' }]);
  });

  it('verifyWonderWebhook refuses the same delivery played again', async () => {
    merchant(TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_PEM);
    const hooks = emitter();
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();
    const [original] = captured;
    if (!original) throw new Error('nothing captured');
    const nonceStore = createMemoryWebhookNonceStore();
    const options = { publicKey: TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_PEM, nonceStore };
    const first = await verifyWonderWebhook(original.clone(), options);
    expect(first).toMatchObject({ ok: true });
    expect(await verifyWonderWebhook(original, options)).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('a merchant holding the wrong key (its own API key) refuses; the mock retries, then gives up', async () => {
    merchant(TEST_ONLY_PUBLIC_KEY_PEM);
    const hooks = emitter();
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();
    expect(events).toEqual([]);
    expect(captured).toHaveLength(3);
    expect(logs.map((entry) => [entry.status, entry.reason])).toEqual([
      [401, 'bad_signature'],
      [401, 'bad_signature'],
      [401, 'bad_signature'],
    ]);
    expect(hooks.deliveries).toMatchObject([{ outcome: 'gave_up', attempts: 3, status: 401 }]);
  });
});
