// @vitest-environment node
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { describe, expect, it } from 'vitest';
import { server as mswServer } from '../../../test/server.js';
import { toWebRequest, writeWebResponse } from './adapters.js';
import { TEST_ONLY_PRIVATE_KEY_PEM, TEST_ONLY_PUBLIC_KEY_PEM } from './testdata/keys.js';
import type { WonderWebhookEvent } from './webhook.js';
import { verifyWonderWebhook } from './webhook.js';
import type { WebhookLogEntry } from './webhookHandler.js';
import { createWonderWebhookHandler } from './webhookHandler.js';
import { createMemoryWebhookNonceStore } from './webhookNonceStore.js';
import { signWonderWebhook } from './webhookSign.js';

const URL_BASE = 'https://shop.example';
const PATH = '/wonder/webhook';
const PAID = JSON.stringify({
  code: 0,
  message: 'ok',
  data: {
    order: { reference_number: 'order-1001', correspondence_state: 'paid', currency: 'HKD' },
    transactions: [{ uuid: 'tx-1', allowed_void: true }],
  },
});

function webhook(
  body: string,
  init: { action?: string; now?: Date; nonce?: string; privateKey?: string; path?: string } = {},
): Request {
  const headers = signWonderWebhook({
    privateKey: init.privateKey ?? TEST_ONLY_PRIVATE_KEY_PEM,
    action: init.action ?? 'order.paid',
    path: init.path ?? PATH,
    body,
    ...(init.now ? { now: init.now } : {}),
    ...(init.nonce ? { nonce: init.nonce } : {}),
  });
  return new Request(`${URL_BASE}${PATH}`, { method: 'POST', headers, body });
}

function handlerWithEvents(onEvent?: (event: WonderWebhookEvent) => unknown) {
  const events: WonderWebhookEvent[] = [];
  const logs: WebhookLogEntry[] = [];
  const handle = createWonderWebhookHandler({
    publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
    onEvent: onEvent ?? ((event) => void events.push(event)),
    log: (entry) => void logs.push(entry),
  });
  return { handle, events, logs };
}

describe('createWonderWebhookHandler', () => {
  it('accepts a signed order.paid and hands onEvent the reference', async () => {
    const { handle, events, logs } = handlerWithEvents();
    const response = await handle(webhook(PAID));
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'order.paid',
      knownAction: true,
      referenceNumber: 'order-1001',
      correspondenceState: 'paid',
      transactions: [{ uuid: 'tx-1', allowed_void: true }],
      appId: 'wonder-test',
    });
    expect(logs).toEqual([
      expect.objectContaining({ level: 'info', status: 200, referenceNumber: 'order-1001' }),
    ]);
  });

  it('answers 2xx only after onEvent resolved', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { handle } = handlerWithEvents(() => gate);
    let settled = false;
    const pending = handle(webhook(PAID)).then((response) => {
      settled = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    expect((await pending).status).toBe(200);
  });

  it('passes an unknown action through as a string', async () => {
    const { handle, events } = handlerWithEvents();
    expect((await handle(webhook(PAID, { action: 'order.disputed' }))).status).toBe(200);
    expect(events[0]).toMatchObject({ action: 'order.disputed', knownAction: false });
  });

  it('refuses a tampered body with 401', async () => {
    const { handle, events, logs } = handlerWithEvents();
    const signed = webhook(PAID);
    const tampered = new Request(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: PAID.replace('order-1001', 'order-1002'),
    });
    const response = await handle(tampered);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'bad_signature' });
    expect(events).toHaveLength(0);
    expect(logs[0]).toMatchObject({ level: 'warn', status: 401, reason: 'bad_signature' });
    expect(JSON.stringify(logs)).not.toContain('order-100');
  });

  it('refuses a webhook signed with another key with 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { handle, events } = handlerWithEvents();
    const response = await handle(webhook(PAID, { privateKey: other }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'bad_signature' });
    expect(events).toHaveLength(0);
  });

  it('refuses a webhook signed for another path with 401', async () => {
    const { handle } = handlerWithEvents();
    const response = await handle(webhook(PAID, { path: '/elsewhere' }));
    expect(await response.json()).toEqual({ error: 'bad_signature' });
  });

  it('refuses a stale time with 401, on either side of the clock', async () => {
    const { handle, events } = handlerWithEvents();
    const old = await handle(webhook(PAID, { now: new Date(Date.now() - 6 * 60_000) }));
    const future = await handle(webhook(PAID, { now: new Date(Date.now() + 6 * 60_000) }));
    expect([old.status, future.status]).toEqual([401, 401]);
    expect(await old.json()).toEqual({ error: 'stale' });
    expect(events).toHaveLength(0);
  });

  it('refuses a replayed nonce with 401', async () => {
    const { handle, events } = handlerWithEvents();
    const first = webhook(PAID, { nonce: 'Nonce0000000001a' });
    const replay = first.clone();
    expect((await handle(first)).status).toBe(200);
    const response = await handle(replay);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'replayed' });
    expect(events).toHaveLength(1);
  });

  it.each(['Credential', 'Nonce', 'Signature', 'X-Action'])(
    'refuses a missing %s with 401',
    async (name) => {
      const { handle } = handlerWithEvents();
      const signed = webhook(PAID);
      const headers = new Headers(signed.headers);
      headers.delete(name);
      const response = await handle(
        new Request(signed.url, { method: 'POST', headers, body: PAID }),
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'missing_headers' });
    },
  );

  it('refuses a malformed Credential with 401', async () => {
    const { handle } = handlerWithEvents();
    const signed = webhook(PAID);
    const headers = new Headers(signed.headers);
    headers.set('Credential', 'wonder-test/2024-05-01/Wonder-RSA-SHA256');
    const response = await handle(new Request(signed.url, { method: 'POST', headers, body: PAID }));
    expect(await response.json()).toEqual({ error: 'bad_credential' });
  });

  it('refuses a signed body that is not JSON with 400', async () => {
    const { handle, events } = handlerWithEvents();
    for (const body of ['not json', '[1,2]', '']) {
      const response = await handle(webhook(body));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'malformed_body' });
    }
    expect(events).toHaveLength(0);
  });

  it('refuses a body over 256 KiB with 413, declared or streamed', async () => {
    const { handle } = handlerWithEvents();
    const huge = JSON.stringify({ data: { order: { note: 'x'.repeat(256 * 1024) } } });
    const signed = webhook(huge);
    const declaredHeaders = new Headers(signed.headers);
    declaredHeaders.set('Content-Length', String(new TextEncoder().encode(huge).byteLength));
    const declared = await handle(
      new Request(signed.url, { method: 'POST', headers: declaredHeaders, body: huge }),
    );
    expect(declared.status).toBe(413);
    const headers = new Headers(signed.headers);
    headers.delete('Content-Length');
    const bytes = new TextEncoder().encode(huge);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 16_384) {
          controller.enqueue(bytes.slice(at, at + 16_384));
        }
        controller.close();
      },
    });
    const streamed = await handle(
      new Request(signed.url, {
        method: 'POST',
        headers,
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({ error: 'too_large' });
  });

  it('answers 500 when onEvent throws, and takes the same delivery again', async () => {
    let fail = true;
    const seen: string[] = [];
    const { handle, logs } = handlerWithEvents((event) => {
      if (fail) throw new Error('database down for card 4242424242424242');
      seen.push(event.referenceNumber ?? '');
    });
    const first = webhook(PAID, { nonce: 'Retry00000000001' });
    const retry = first.clone();
    const failed = await handle(first);
    expect(failed.status).toBe(500);
    expect(logs[0]).toMatchObject({ level: 'error', status: 500, reason: 'on_event_failed' });
    expect(logs[0]?.detail).toContain('database down');
    expect(logs[0]?.detail).not.toContain('4242424242424242');
    fail = false;
    expect((await handle(retry)).status).toBe(200);
    expect(seen).toEqual(['order-1001']);
  });

  it('answers 500 when the nonce store fails, so Wonder retries', async () => {
    const logs: WebhookLogEntry[] = [];
    const handle = createWonderWebhookHandler({
      publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
      nonceStore: {
        claim: () => Promise.reject(new Error('redis: connection refused')),
        release: () => Promise.resolve(),
      },
      onEvent: () => {
        throw new Error('not reached');
      },
      log: (entry) => void logs.push(entry),
    });
    const response = await handle(webhook(PAID));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'verify_failed' });
    expect(logs[0]).toMatchObject({ level: 'error', reason: 'verify_failed' });
  });

  it('refuses a body cut off mid-stream with 400', async () => {
    const { handle, events } = handlerWithEvents();
    const signed = webhook(PAID);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(PAID.slice(0, 10)));
        controller.error(new Error('socket hang up'));
      },
    });
    const response = await handle(
      new Request(signed.url, {
        method: 'POST',
        headers: signed.headers,
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(400);
    expect(events).toHaveLength(0);
  });

  it('answers 405 with Allow for anything but POST', async () => {
    const { handle } = handlerWithEvents();
    const response = await handle(new Request(`${URL_BASE}${PATH}`));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
  });

  it('verifies the raw bytes over real TCP (node:http)', async () => {
    const { handle, events } = handlerWithEvents();
    const server = createServer((req, res) => {
      void handle(toWebRequest(req)).then((response) => writeWebResponse(res, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mswServer.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
    try {
      const { port } = server.address() as AddressInfo;
      // Unusual spacing, key order and non-ASCII text: any re-serialisation would break the signature.
      const body =
        '{ "data":{"transactions":[],  "order":{"note":"茶餐廳 ☕","reference_number":"order-7"} } }';
      const headers = signWonderWebhook({
        privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
        action: 'order.paid',
        path: `${PATH}?shop=1`,
        body,
      });
      const response = await fetch(`http://127.0.0.1:${port}${PATH}?shop=1`, {
        method: 'POST',
        headers,
        body,
      });
      expect(response.status).toBe(200);
      expect(events.map((event) => event.referenceNumber)).toEqual(['order-7']);
      expect(events[0]?.order.note).toBe('茶餐廳 ☕');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('verifyWonderWebhook', () => {
  const NOW = new Date('2024-05-01T12:01:23Z');

  it('takes the parts of a request and the raw bytes', async () => {
    const headers = signWonderWebhook({
      privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
      action: 'order.refunded',
      path: PATH,
      body: PAID,
      now: NOW,
    });
    const result = await verifyWonderWebhook(
      { method: 'POST', path: PATH, headers, body: new TextEncoder().encode(PAID) },
      {
        publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
        now: () => new Date(NOW.getTime() + 299_000),
        nonceStore: createMemoryWebhookNonceStore(),
      },
    );
    expect(result).toMatchObject({
      ok: true,
      event: { action: 'order.refunded', referenceNumber: 'order-1001', signedAt: NOW },
    });
  });

  it('agrees with the signature computed by the openssl CLI (signature.test.ts)', async () => {
    // The independent vector of signature.test.ts: POST, this path and body, at NOW with NONCE.
    const path = '/svc/payment/api/v1/openapi/customers';
    const body =
      '{"customer":{"name":"Tai Man Chan","phone":"91234567","reference_number":"demo-customer-1"}}';
    const headers = {
      Credential: 'test-only-app-id/20240501120123/Wonder-RSA-SHA256',
      Nonce: 'aB3dE5gH7jK9mN1p',
      Signature:
        'EI/Qb/wMhqcJoyNsHPBWXXA1uEgMaliLMfnnuWZHR2FywA+sTG2CbcljN1WN4BxXZJgu0ykFf/hYIRkQol/LR3lAEysdm6IdMlVN1xcAOZBaJvBOVwyYQZwxpZeL+7RMi/Qb4AlY0L4wEzcvMjLz8PED2FYU2dc//hdWHweHi/FIydJapTskulI7OSwZF7zWVcDOYl+C5OZ0M9Q1K5UDXTJ5RLnoDYLiH3jkX347UNvQ/8kMsmMqRr0Ixc+FF5F21mr+ULafyAwAT2vbdMi5qoZ6oSosSAwzwFor+f6fpn9xrxx1gp3OFZ/2RyKwp+oVBsJrOjkMIUksZNYCLF3vag==',
      'X-Action': 'order.created',
    };
    const result = await verifyWonderWebhook(
      { method: 'POST', path, headers, body: Buffer.from(body, 'utf8') },
      {
        publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
        now: () => NOW,
        nonceStore: createMemoryWebhookNonceStore(),
      },
    );
    expect(result).toMatchObject({ ok: true, event: { appId: 'test-only-app-id' } });
  });

  it('honours toleranceSeconds', async () => {
    const headers = signWonderWebhook({
      privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
      action: 'order.paid',
      path: PATH,
      body: PAID,
      now: NOW,
    });
    const input = { method: 'POST', path: PATH, headers, body: PAID };
    const options = {
      publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
      now: () => new Date(NOW.getTime() + 61_000),
      nonceStore: createMemoryWebhookNonceStore(),
    };
    expect(await verifyWonderWebhook(input, { ...options, toleranceSeconds: 60 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect((await verifyWonderWebhook(input, options)).ok).toBe(true);
  });

  it('uses the path option when a proxy rewrote the URL', async () => {
    const body = PAID;
    const headers = signWonderWebhook({
      privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
      action: 'order.paid',
      path: '/public/wonder',
      body,
    });
    const request = new Request(`${URL_BASE}/internal/hook`, { method: 'POST', headers, body });
    const result = await verifyWonderWebhook(request, {
      publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
      path: '/public/wonder',
      nonceStore: createMemoryWebhookNonceStore(),
    });
    expect(result.ok).toBe(true);
  });
});

describe('createMemoryWebhookNonceStore', () => {
  it('refuses a nonce until it expires, then takes it again', async () => {
    let clock = 0;
    const store = createMemoryWebhookNonceStore({ now: () => clock });
    expect(await store.claim('a', 1000)).toBe(true);
    expect(await store.claim('a', 1000)).toBe(false);
    clock = 1000;
    expect(await store.claim('a', 1000)).toBe(true);
  });

  it('keeps at most maxEntries, dropping expired ones first, then the oldest', async () => {
    let clock = 0;
    const store = createMemoryWebhookNonceStore({ maxEntries: 2, now: () => clock });
    await store.claim('short', 10);
    await store.claim('long', 10_000);
    clock = 20;
    expect(await store.claim('third', 10_000)).toBe(true);
    // 'short' expired and was swept; 'long' is still remembered.
    expect(await store.claim('long', 10_000)).toBe(false);
    expect(await store.claim('fourth', 10_000)).toBe(true);
    // Full of live nonces: the oldest ('long') made room.
    expect(await store.claim('long', 10_000)).toBe(true);
    expect(await store.claim('fourth', 10_000)).toBe(false);
  });

  it('forgets a released nonce', async () => {
    const store = createMemoryWebhookNonceStore();
    await store.claim('a', 60_000);
    await store.release('a');
    expect(await store.claim('a', 60_000)).toBe(true);
  });
});
