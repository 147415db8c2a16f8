// @vitest-environment node
import { DEFAULT_WIRE_PROFILE, type WireProfile } from '@savedcards/wire';
import { describe, expect, it } from 'vitest';
import { sealCardForWonder, WONDER_SECURE_DATA_KEYS } from '../../../core/src/index.js';
import { MOCK_SECURE_DATA_KEY } from '../../../msw/src/index.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '../testdata/keys.js';
import {
  browserRequest,
  DEMO_UUID,
  mockUpstream,
  RETURN_URLS,
  SHOP,
  readJson,
  testProxy,
} from '../testUpstream.js';
import { createWonderProxy } from '../proxy.js';

const tokens = `/customers/${DEMO_UUID}/payment_tokens`;
const CONFIG = `${SHOP}/api/wonder/savedcards/v1/config`;
const NUMBER = '4000000000003220';
const card = {
  number: '4000 0000 0000 3220',
  expMonth: '04',
  expYear: '2031',
  holderName: 'Tai Man Chan',
  cvc: '737',
};
const seal = (overrides: Parameters<typeof sealCardForWonder>[1] = {}) =>
  sealCardForWonder(card, {
    key: MOCK_SECURE_DATA_KEY,
    returnUrls: { successUrl: RETURN_URLS.success, failUrl: RETURN_URLS.fail },
    transactionType: 'unscheduled_cof',
    ...overrides,
  });
const secureProxy = (required = false) =>
  testProxy({ secureData: { key: MOCK_SECURE_DATA_KEY, required } });

describe('secureData (experimental): the proxy forwards ciphertext it cannot read', () => {
  it('announces the key, return URLs and transaction type to a signed-in customer', async () => {
    const { proxy, sent } = secureProxy();
    const response = await proxy(browserRequest('GET', CONFIG));
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect((await readJson(response)).data).toEqual({
      secureData: {
        pubKeyHash: MOCK_SECURE_DATA_KEY.pubKeyHash,
        spki: MOCK_SECURE_DATA_KEY.spki,
        returnUrls: RETURN_URLS,
        transactionType: 'unscheduled_cof',
        expYearDigits: 4,
      },
    });
    expect(sent).toHaveLength(0);
  });

  it("announces the wire profile's exp_year digits (a sealed year cannot be converted here)", async () => {
    const { proxy } = testProxy({
      secureData: { key: MOCK_SECURE_DATA_KEY },
      wireProfile: { ...DEFAULT_WIRE_PROFILE, expYearDigits: 2 },
    });
    const body = await readJson(await proxy(browserRequest('GET', CONFIG)));
    expect(body.data).toMatchObject({ secureData: { expYearDigits: 2 } });
  });

  it("names Wonder's key for the proxy's environment by default", async () => {
    const { proxy } = testProxy({ secureData: {} });
    const body = await readJson(await proxy(browserRequest('GET', CONFIG)));
    expect(body.data).toMatchObject({
      secureData: {
        environment: 'sandbox',
        pubKeyHash: WONDER_SECURE_DATA_KEYS.sandbox.pubKeyHash,
      },
    });
  });

  it.each([
    ['nobody is signed in', { resolveCustomer: () => null }, {}, 401],
    ['the CSRF marker is missing', {}, { noMarker: true }, 403],
  ])('refuses the config route when %s', async (_name, overrides, init, status) => {
    const { proxy } = testProxy({ secureData: { key: MOCK_SECURE_DATA_KEY }, ...overrides });
    expect((await proxy(browserRequest('GET', CONFIG, init))).status).toBe(status);
  });

  it('has no config route without secureData', async () => {
    const { proxy } = testProxy();
    expect((await proxy(browserRequest('GET', CONFIG))).status).toBe(404);
  });

  it('creates the token from secure_data, forwarded unchanged and signed; the number is nowhere', async () => {
    const { checks } = mockUpstream();
    const { proxy, sent, logs } = secureProxy();
    const body = await seal();
    const request = browserRequest('POST', tokens, { body });
    const received = JSON.stringify({
      url: request.url,
      headers: [...request.headers],
      body: await request.clone().text(),
    });
    const response = await proxy(request);
    const answer = await readJson(response);
    expect(response.status).toBe(200);
    expect(answer.data).toMatchObject({ payment_token: { state: 'pending' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toBe(JSON.stringify(body));
    expect(checks).toEqual([expect.objectContaining({ ok: true, method: 'POST' })]);
    // What the proxy received, sent upstream, logged and answered (the answer names the holder, as
    // every token does, but no number or CVC).
    const everything = JSON.stringify({ received, sent, logs: logs.entries, answer });
    for (const secret of [NUMBER, '4000 0000 0000 3220', '"737"']) {
      expect(everything).not.toContain(secret);
    }
    expect(JSON.stringify({ received, sent, logs: logs.entries })).not.toContain('Tai Man');
  });

  it('refuses secure_data when secureData is off (400, nothing sent)', async () => {
    const { proxy, sent } = testProxy();
    const response = await proxy(browserRequest('POST', tokens, { body: await seal() }));
    expect(response.status).toBe(400);
    expect(sent).toHaveLength(0);
  });

  it.each([
    [
      'a card alongside',
      async () => ({ ...(await seal()), card: { number: NUMBER } }),
      /nothing beside/,
    ],
    [
      'an extra envelope field',
      async () => ({ secure_data: { ...(await seal()).secure_data, number: NUMBER } }),
      /other than/,
    ],
    ['another key', async () => seal({ environment: 'sandbox', key: undefined }), /pub_key_hash/],
    [
      'a stale timestamp',
      async () => seal({ now: () => new Date('2020-01-01T00:00:00Z') }),
      /timestamp/,
    ],
    [
      'a short enc_key',
      async () => {
        const { secure_data: envelope } = await seal();
        return { secure_data: { ...envelope, enc_key: envelope.enc_key.slice(8) } };
      },
      /enc_key/,
    ],
    [
      'data beyond 8 KiB',
      async () => {
        const { secure_data: envelope } = await seal();
        return { secure_data: { ...envelope, data: 'A'.repeat(8196) } };
      },
      /too long/,
    ],
    [
      'a non-string field',
      async () => ({ secure_data: { ...(await seal()).secure_data, nonce: 12 } }),
      /nonce must be a string/,
    ],
  ])('refuses %s (400, nothing sent)', async (_name, body, message) => {
    const { proxy, sent } = secureProxy();
    const response = await proxy(browserRequest('POST', tokens, { body: await body() }));
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_message).toMatch(message);
    expect(sent).toHaveLength(0);
  });

  it('with required: true, refuses a plain card body', async () => {
    const { proxy, sent } = secureProxy(true);
    const response = await proxy(
      browserRequest('POST', tokens, {
        body: { card: { number: NUMBER, exp_month: '04', exp_year: '2031', holder_name: 'T' } },
      }),
    );
    expect(response.status).toBe(400);
    expect(sent).toHaveLength(0);
  });

  it('throws at creation for a key whose hash is wrong', () => {
    expect(() =>
      createWonderProxy({
        appId: TEST_APP_ID,
        privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
        environment: 'sandbox',
        resolveCustomer: () => null,
        returnUrls: RETURN_URLS,
        secureData: {
          key: {
            spki: MOCK_SECURE_DATA_KEY.spki,
            pubKeyHash: WONDER_SECURE_DATA_KEYS.sandbox.pubKeyHash,
          },
        },
      }),
    ).toThrow(/does not hash/);
  });

  it('throws at creation when the loaded profile records that Wonder refused secure_data', () => {
    const proxy = (observed: WireProfile['observed']) =>
      testProxy({
        secureData: { environment: 'sandbox' },
        wireProfile: { ...DEFAULT_WIRE_PROFILE, observed, checkedAt: '2026-12-03T10:00:00.000Z' },
      }).proxy;
    expect(() => proxy({ secureData: 'refused' })).toThrow(
      /`secureData` is on, but the wire profile checked 2026-12-03T10:00:00.000Z records that Wonder refused/,
    );
    expect(proxy({ secureData: 'accepted' })).toBeTypeOf('function');
    expect(proxy(undefined)).toBeTypeOf('function');
  });
});
