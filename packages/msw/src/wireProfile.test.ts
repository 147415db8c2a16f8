// @vitest-environment node
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import type { WireProfile } from '@savedcards/wire';
import { DEFAULT_WIRE_PROFILE } from '@savedcards/wire';
import { describe, expect, it } from 'vitest';
import { server } from '../../../test/server.js';
import {
  createGatewayDb,
  createGatewayHandlers,
  createSignatureVerifier,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  OPENAPI_PREFIX,
} from './index.js';

const BASE = 'https://gateway-mode.test';
const API = `${BASE}${OPENAPI_PREFIX}`;
const TOKENS = `/customers/${DEMO_CUSTOMER.uuid}/payment_tokens`;
const year = String(new Date().getFullYear() + 3);

function mount(profile?: Partial<WireProfile>) {
  const db = createGatewayDb();
  server.use(
    ...createGatewayHandlers({
      baseUrl: BASE,
      db,
      ...(profile ? { wireProfile: { ...DEFAULT_WIRE_PROFILE, ...profile } } : {}),
    }),
  );
  return db;
}

async function send(method: string, path: string, body?: unknown) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const card = (expYear: string) => ({
  card: {
    number: '4242424242424242',
    exp_month: '04',
    exp_year: expYear,
    holder_name: 'Tai Man Chan',
  },
});

describe('mock gateway wire profiles', () => {
  it('without a profile accepts both exp_year forms, the token_type query and any payment method', async () => {
    mount();
    expect((await send('POST', TOKENS, card(year))).status).toBe(200);
    expect((await send('POST', TOKENS, card(year.slice(-2)))).status).toBe(200);
    expect((await send('GET', `${TOKENS}?token_type=CreditCard`)).status).toBe(200);
  });

  it.each([
    [4, year, year.slice(-2)],
    [2, year.slice(-2), year],
  ] as const)('expYearDigits %s accepts only that form', async (digits, good, bad) => {
    mount({ expYearDigits: digits });
    expect((await send('POST', TOKENS, card(good))).status).toBe(200);
    const refused = await send('POST', TOKENS, card(bad));
    expect(refused.status).toBe(400);
    expect(refused.body.error_message).toBe(`card.exp_year must have ${digits} digits.`);
  });

  it("tokenTypeFilter 'local' refuses the token_type query; 'query' honours it", async () => {
    mount({ tokenTypeFilter: 'local' });
    expect((await send('GET', TOKENS)).status).toBe(200);
    const refused = await send('GET', `${TOKENS}?token_type=CreditCard`);
    expect(refused).toMatchObject({
      status: 400,
      body: { error_message: 'token_type is not supported.' },
    });
    mount({ tokenTypeFilter: 'query' });
    const filtered = await send('GET', `${TOKENS}?token_type=Alipay`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.data).toEqual({ payment_tokens: [] });
  });

  it("deleteToken 'query' takes ?token= only; 'json-body' takes the body only", async () => {
    let db = mount({ deleteToken: 'query' });
    expect((await send('DELETE', TOKENS, { token: DEMO_TOKENS.visa })).status).toBe(400);
    expect((await send('DELETE', `${TOKENS}?token=${DEMO_TOKENS.visa}`)).status).toBe(200);
    expect(db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa)).toBeUndefined();
    db = mount({ deleteToken: 'json-body' });
    expect((await send('DELETE', `${TOKENS}?token=${DEMO_TOKENS.visa}`)).status).toBe(400);
    expect((await send('DELETE', TOKENS, { token: DEMO_TOKENS.visa })).status).toBe(200);
    expect(db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa)).toBeUndefined();
  });

  it.each([
    ['credit_card', 'Credit Card'],
    ['Credit Card', 'credit_card'],
  ] as const)('defaultPaymentMethod %j refuses %j', async (good, bad) => {
    mount({ defaultPaymentMethod: good });
    const upsert = (method: string) =>
      send('POST', '/customers', {
        customer: {
          name: DEMO_CUSTOMER.name,
          phone: '12345678',
          reference_number: DEMO_CUSTOMER.referenceNumber,
          default_payment_method: method,
          default_payment_token: DEMO_TOKENS.visa,
        },
      });
    expect(await upsert(bad)).toMatchObject({
      status: 400,
      body: { error_message: 'customer.default_payment_method is not supported.' },
    });
    expect((await upsert(good)).status).toBe(200);
  });

  it('refuses a malformed profile at creation, naming the field', () => {
    expect(() =>
      createGatewayHandlers({
        baseUrl: BASE,
        wireProfile: { ...DEFAULT_WIRE_PROFILE, deleteToken: 'path' } as never,
      }),
    ).toThrow(/wire profile: `deleteToken` must be one of "json-body", "query", got "path"/);
  });

  it('answers in the observed envelope', async () => {
    mount({ observed: { envelope: 'B' } });
    const answer = await send('GET', TOKENS);
    expect(answer.body).toMatchObject({ code: 0, message: 'success' });
    expect(answer.body).not.toHaveProperty('error_code');
  });
});

describe('bodyless signature modes', () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const NOW = new Date('2024-05-01T12:01:23Z');
  const TIME = '20240501120123';
  const NONCE = 'aZ09aZ09aZ09aZ09';
  function signed(preSign: string) {
    const k1 = createHmac('sha256', NONCE).update(TIME).digest();
    const k2 = createHmac('sha256', k1).update('Wonder-RSA-SHA256').digest();
    const message = createHmac('sha256', k2).update(preSign).digest('hex');
    return {
      method: 'GET',
      uri: '/a',
      body: '',
      credential: `app/${TIME}/Wonder-RSA-SHA256`,
      nonce: NONCE,
      signature: sign('sha256', Buffer.from(message), keys.privateKey).toString('base64'),
    };
  }

  it.each([
    ['nothing', 'GET\n/a', 'GET\n/a\n[]'],
    ['empty-array', 'GET\n/a\n[]', 'GET\n/a'],
  ] as const)('%s accepts only its form', async (mode, good, bad) => {
    const verify = createSignatureVerifier({
      publicKey: keys.publicKey,
      now: () => NOW,
      rejectReplays: false,
      bodylessSignature: mode,
    });
    expect((await verify(signed(good))).ok).toBe(true);
    expect(await verify(signed(bad))).toMatchObject({ ok: false, reason: 'bad-signature' });
  });
});
