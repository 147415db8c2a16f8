// @vitest-environment node
import { generateKeyPairSync } from 'node:crypto';
import { passesLuhn } from '@savedcards/wire';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { server } from '../../../test/server.js';
import {
  createGatewayDb,
  createGatewayHandlers,
  createGatewayWebhooks,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  mockChallengeDecisionUrl,
  OPENAPI_PREFIX,
  PAYMENT_SCENARIO_CARDS,
  SCENARIO_CARDS,
} from './index.js';
import type { GatewayDb, GatewayWebhookEmitter, PaymentCardBehaviour } from './index.js';
import { createSignatureVerifier } from './signature.js';

const BASE = 'https://gateway.webhooks.test';
const HOOK = 'https://merchant.webhooks.test/wonder/webhook?shop=1';
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

interface Received {
  headers: Headers;
  uri: string;
  body: string;
}

let db: GatewayDb;
let received: Received[];
/** Status the receiver answers, per attempt (the last one repeats). */
let answers: number[];

function receive() {
  server.use(
    http.post(HOOK.split('?')[0] ?? HOOK, async ({ request }) => {
      const url = new URL(request.url);
      received.push({
        headers: request.headers,
        uri: `${url.pathname}${url.search}`,
        body: await request.text(),
      });
      const status = answers[Math.min(received.length, answers.length) - 1] ?? 200;
      return new HttpResponse(null, { status });
    }),
  );
}

function mount(webhooks: GatewayWebhookEmitter) {
  server.use(...createGatewayHandlers({ baseUrl: BASE, db, webhooks, challengeMailbox: null }));
}

function emitter(retry = { attempts: 3, delayMs: 5 }) {
  return createGatewayWebhooks({ url: HOOK, privateKey, appId: 'wonder-app', retry });
}

const tokenFor = (payment: PaymentCardBehaviour) => {
  const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === payment);
  if (!card) throw new Error(`no card for ${payment}`);
  return db.addToken(DEMO_CUSTOMER.uuid, { number: card.number }).token;
};

const pay = (token: string, reference = 'order-1') =>
  fetch(`${BASE}${OPENAPI_PREFIX}/open_payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      payment: {
        payment_token: { amount: '12.50', token, consume_mode: 'sales', entry_type: 'cit' },
      },
      order: { currency: 'HKD', reference_number: reference },
    }),
  }).then(
    async (response) => (await response.json()) as { data: { transaction: { uuid: string } } },
  );

beforeEach(() => {
  db = createGatewayDb();
  received = [];
  answers = [200];
  receive();
});

describe('webhooks: what the mock sends when a payment settles', () => {
  it('order.paid, signed with the key over POST, the path and the exact body', async () => {
    const hooks = emitter();
    mount(hooks);
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();

    expect(received).toHaveLength(1);
    const [hook] = received;
    if (!hook) throw new Error('no webhook');
    expect(hook.headers.get('X-Action')).toBe('order.paid');
    expect(hook.uri).toBe('/wonder/webhook?shop=1');
    const verify = createSignatureVerifier({ publicKey, appId: 'wonder-app' });
    const check = await verify({
      method: 'POST',
      uri: hook.uri,
      body: hook.body,
      credential: hook.headers.get('Credential'),
      nonce: hook.headers.get('Nonce'),
      signature: hook.headers.get('Signature'),
    });
    expect(check).toMatchObject({ ok: true, appId: 'wonder-app' });
    // Another key does not verify it.
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const wrong = await createSignatureVerifier({ publicKey: other.publicKey })({
      method: 'POST',
      uri: hook.uri,
      body: hook.body,
      credential: hook.headers.get('Credential'),
      nonce: hook.headers.get('Nonce'),
      signature: hook.headers.get('Signature'),
    });
    expect(wrong).toMatchObject({ ok: false, reason: 'bad-signature' });

    const body = JSON.parse(hook.body);
    expect(body.data.order).toMatchObject({
      reference_number: 'order-1',
      correspondence_state: 'paid',
      amount: '12.50',
      currency: 'HKD',
    });
    expect(body.data.transactions).toEqual([db.transactions('order-1')[0]]);
    expect(body.data.transactions[0].state).toBe('success');
    expect(hooks.deliveries).toEqual([
      {
        action: 'order.paid',
        reference_number: 'order-1',
        transaction_uuid: body.data.transactions[0].uuid,
        outcome: 'delivered',
        attempts: 1,
        status: 200,
      },
    ]);
  });

  it('order.payment_failure for a declined card, the order unpaid; never a card number', async () => {
    const hooks = emitter();
    mount(hooks);
    await pay(tokenFor('decline'));
    await hooks.idle();
    expect(received.map((r) => r.headers.get('X-Action'))).toEqual(['order.payment_failure']);
    const text = received[0]?.body ?? '';
    expect(JSON.parse(text).data.order.correspondence_state).toBe('unpaid');
    const runs = text.match(/\d[\d -]{11,}\d/g) ?? [];
    expect(runs.map((run) => run.replace(/\D/g, '')).filter(passesLuhn)).toEqual([]);
    for (const card of [...PAYMENT_SCENARIO_CARDS, ...SCENARIO_CARDS]) {
      expect(text).not.toContain(card.number);
      expect(text).not.toContain(card.number.slice(0, 6));
    }
  });

  it('a 3-D Secure payment: nothing while pending, order.paid after Approve', async () => {
    const hooks = emitter();
    mount(hooks);
    const { data } = await pay(tokenFor('challenge-approve'));
    await hooks.idle();
    expect(received).toEqual([]);
    const decided = await fetch(mockChallengeDecisionUrl(BASE, data.transaction.uuid), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(decided.status).toBe(200);
    await hooks.idle();
    expect(received.map((r) => r.headers.get('X-Action'))).toEqual(['order.paid']);
    expect(JSON.parse(received[0]?.body ?? '{}').data.order.correspondence_state).toBe('paid');
    // Deciding again changes nothing and sends nothing.
    await fetch(mockChallengeDecisionUrl(BASE, data.transaction.uuid), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'decline' }),
    });
    await hooks.idle();
    expect(received).toHaveLength(1);
  });

  it('a 3-D Secure Decline: order.payment_failure', async () => {
    const hooks = emitter();
    mount(hooks);
    const { data } = await pay(tokenFor('challenge-approve'));
    await fetch(mockChallengeDecisionUrl(BASE, data.transaction.uuid), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'decline' }),
    });
    await hooks.idle();
    expect(received.map((r) => r.headers.get('X-Action'))).toEqual(['order.payment_failure']);
  });

  it('the answer was lost on the way back, but the webhook still comes', async () => {
    const hooks = emitter();
    mount(hooks);
    await expect(pay(tokenFor('lost-answer'))).rejects.toThrow();
    await hooks.idle();
    expect(received.map((r) => r.headers.get('X-Action'))).toEqual(['order.paid']);
  });

  it('sends nothing without the option', async () => {
    server.use(...createGatewayHandlers({ baseUrl: BASE, db }));
    await pay(DEMO_TOKENS.visa);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([]);
  });
});

describe('webhooks: retries', () => {
  it('retries a failing receiver with a fresh nonce, until it acknowledges', async () => {
    answers = [500, 503, 204];
    const hooks = emitter({ attempts: 5, delayMs: 5 });
    mount(hooks);
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers.get('Nonce'))).size).toBe(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(hooks.deliveries[0]).toMatchObject({ outcome: 'delivered', attempts: 3, status: 204 });
  });

  it('gives up after the attempts, with the last status', async () => {
    answers = [500];
    const given: unknown[] = [];
    const hooks = createGatewayWebhooks({
      url: HOOK,
      privateKey,
      retry: { attempts: 3, delayMs: 5 },
      onDelivery: (delivery) => given.push(delivery),
    });
    mount(hooks);
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();
    expect(received).toHaveLength(3);
    expect(hooks.deliveries).toMatchObject([{ outcome: 'gave_up', attempts: 3, status: 500 }]);
    expect(given).toEqual(hooks.deliveries);
  });

  it('counts a network error as a failed attempt', async () => {
    server.use(http.post(HOOK.split('?')[0] ?? HOOK, () => HttpResponse.error()));
    const hooks = emitter({ attempts: 2, delayMs: 1 });
    mount(hooks);
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();
    expect(hooks.deliveries).toEqual([
      expect.objectContaining({ outcome: 'gave_up', attempts: 2 }),
    ]);
    expect(hooks.deliveries[0]).not.toHaveProperty('status');
  });
});

describe('webhooks: options', () => {
  it('needs an absolute URL and a key or a signer', () => {
    expect(() => createGatewayWebhooks({ url: '/hook', privateKey })).toThrow(/absolute URL/);
    expect(() => createGatewayWebhooks({ url: HOOK })).toThrow(/privateKey \(PEM\) or sign/);
    expect(() => createGatewayWebhooks({ url: HOOK, privateKey, retry: { attempts: -1 } })).toThrow(
      /retry.attempts/,
    );
  });

  it('takes a sign function instead of a key', async () => {
    const signed: string[] = [];
    const hooks = createGatewayWebhooks({
      url: HOOK,
      sign: ({ method, uri, body }) => {
        signed.push(`${method} ${uri} ${body.length}`);
        return { Credential: 'c', Nonce: 'n', Signature: 's' };
      },
    });
    mount(hooks);
    await pay(DEMO_TOKENS.visa);
    await hooks.idle();
    expect(signed).toEqual([`POST /wonder/webhook?shop=1 ${received[0]?.body.length}`]);
    expect(received[0]?.headers.get('Signature')).toBe('s');
  });
});
