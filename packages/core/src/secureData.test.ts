// @vitest-environment node
import {
  createDecipheriv,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  privateDecrypt,
  constants,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  decideChallenge,
  MOCK_SECURE_DATA_KEY,
  MOCK_SECURE_DATA_KEY_PAIR,
} from '@savedcards/msw';
import { DEFAULT_WIRE_PROFILE } from '@savedcards/wire';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  AddCardObserver,
  type AddCardObserverOptions,
  createGatewayClient,
  GatewayError,
  readSecureDataConfig,
  sealCardForWonder,
  WONDER_SECURE_DATA_KEYS,
} from './index.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
const testKey = {
  spki: spkiDer.toString('base64'),
  pubKeyHash: createHash('sha256').update(spkiDer).digest('base64'),
};

const card = {
  number: '4242 4242 4242 4242',
  expMonth: '4',
  expYear: '27',
  holderName: 'Tai Man Chan',
  cvc: '123',
};
const returnUrls = {
  successUrl: 'https://shop.test/3ds?ok=1',
  failUrl: 'https://shop.test/3ds?ok=0',
};

/** What Wonder does with the body: unwrap the AES key with its private key, then open the data. */
function open(body: Awaited<ReturnType<typeof sealCardForWonder>>) {
  const { data, enc_key: encKey, nonce } = body.secure_data;
  const aesKey = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(encKey, 'base64'),
  );
  const sealed = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(nonce, 'base64'));
  decipher.setAuthTag(sealed.subarray(-16));
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]).toString(
    'utf8',
  );
}

describe('sealCardForWonder (experimental secure_data)', () => {
  it('seals the create-token card object plus the unix time, and Node opens it', async () => {
    const now = new Date('2026-12-02T06:00:00Z');
    const body = await sealCardForWonder(card, {
      key: testKey,
      returnUrls,
      transactionType: 'unscheduled_cof',
      now: () => now,
    });
    const timestamp = String(now.getTime() / 1000);
    expect(body.secure_data.timestamp).toBe(timestamp);
    expect(body.secure_data.pub_key_hash).toBe(testKey.pubKeyHash);
    expect(Buffer.from(body.secure_data.nonce, 'base64')).toHaveLength(12);
    const plaintext = open(body);
    expect(plaintext.endsWith(timestamp)).toBe(true);
    expect(JSON.parse(plaintext.slice(0, -timestamp.length))).toEqual({
      number: '4242424242424242',
      exp_month: '04',
      exp_year: '2027',
      holder_name: 'Tai Man Chan',
      cvv: '123',
      '3ds': { success_return_url: returnUrls.successUrl, fail_return_url: returnUrls.failUrl },
      transaction_type: 'unscheduled_cof',
    });
  });

  it('sends no card data in the clear', async () => {
    const text = JSON.stringify(await sealCardForWonder(card, { key: testKey }));
    expect(text).not.toContain('4242424242424242');
    expect(text).not.toContain('4242 4242');
    expect(text).not.toContain('Tai Man');
    expect(Object.keys(JSON.parse(text).secure_data).sort()).toEqual([
      'data',
      'enc_key',
      'nonce',
      'pub_key_hash',
      'timestamp',
    ]);
  });

  it('uses a fresh key and nonce every time', async () => {
    const [a, b] = await Promise.all([
      sealCardForWonder(card, { key: testKey }),
      sealCardForWonder(card, { key: testKey }),
    ]);
    expect(a.secure_data.nonce).not.toBe(b.secure_data.nonce);
    expect(a.secure_data.enc_key).not.toBe(b.secure_data.enc_key);
  });

  it('refuses a key that does not match its pinned hash', async () => {
    await expect(
      sealCardForWonder(card, {
        key: { ...testKey, pubKeyHash: WONDER_SECURE_DATA_KEYS.sandbox.pubKeyHash },
      }),
    ).rejects.toThrow(/pinned hash/);
  });

  it.each([
    ['sandbox', 'secure-data-staging.spki.pem'],
    ['production', 'secure-data-production.spki.pem'],
  ] as const)("ships Wonder's %s key with its documented hash", async (environment, file) => {
    const key = WONDER_SECURE_DATA_KEYS[environment];
    const der = Buffer.from(key.spki, 'base64');
    expect(createHash('sha256').update(der).digest('base64')).toBe(key.pubKeyHash);
    const shared = new URL(`../../../../shared/wonder/${file}`, import.meta.url);
    let pem: string | undefined;
    try {
      pem = readFileSync(shared, 'utf8');
    } catch {
      pem = undefined; // the shared folder is beside the checkout only on developer machines and CI
    }
    if (pem) {
      expect(pem.replace(/-----[^-]+-----|\s+/g, '')).toBe(key.spki);
    }
    await expect(sealCardForWonder(card, { environment })).resolves.toHaveProperty('secure_data');
  });
});

describe('known answer: sealed by core for the mock key, opened by node:crypto', () => {
  it('opens with the committed test private key', async () => {
    const body = await sealCardForWonder(card, { key: MOCK_SECURE_DATA_KEY, returnUrls });
    const { data, enc_key: encKey, nonce, timestamp } = body.secure_data;
    const aesKey = privateDecrypt(
      {
        key: createPrivateKey({
          key: Buffer.from(MOCK_SECURE_DATA_KEY_PAIR.privateKey, 'base64'),
          format: 'der',
          type: 'pkcs8',
        }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      Buffer.from(encKey, 'base64'),
    );
    const sealed = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(nonce, 'base64'));
    decipher.setAuthTag(sealed.subarray(-16));
    const text = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
    expect(JSON.parse(text.toString('utf8').slice(0, -timestamp.length))).toMatchObject({
      number: '4242424242424242',
      '3ds': { success_return_url: returnUrls.successUrl },
    });
  });
});

const CONFIG_URL = `${TEST_BASE_URL}/savedcards/v1/config`;
const TOKENS_URL = `${TEST_BASE_URL}/svc/payment/api/v1/openapi/customers/:uuid/payment_tokens`;
const config = (secureData: unknown) =>
  http.get(CONFIG_URL, () =>
    HttpResponse.json({ error_code: '', error_message: '', data: { secureData } }),
  );
const announced = {
  pubKeyHash: MOCK_SECURE_DATA_KEY.pubKeyHash,
  returnUrls: { success: 'https://shop.test/3ds?ok=1', fail: 'https://shop.test/3ds?ok=0' },
  transactionType: 'recurring_payment',
};

describe('readSecureDataConfig (experimental)', () => {
  const client = () => createGatewayClient({ baseUrl: TEST_BASE_URL });

  it('uses the pinned key for the announced hash, never an announced spki', async () => {
    server.use(config({ ...announced, spki: WONDER_SECURE_DATA_KEYS.production.spki, extra: 1 }));
    await expect(
      readSecureDataConfig(client(), { trustedKeys: [MOCK_SECURE_DATA_KEY] }),
    ).resolves.toEqual({
      key: { spki: MOCK_SECURE_DATA_KEY.spki, pubKeyHash: MOCK_SECURE_DATA_KEY.pubKeyHash },
      returnUrls: {
        successUrl: 'https://shop.test/3ds?ok=1',
        failUrl: 'https://shop.test/3ds?ok=0',
      },
      transactionType: 'recurring_payment',
      expYearDigits: 4,
    });
  });

  it("knows Wonder's keys without being told", async () => {
    server.use(config({ ...announced, pubKeyHash: WONDER_SECURE_DATA_KEYS.sandbox.pubKeyHash }));
    const read = await readSecureDataConfig(client());
    expect(read.key).toEqual(WONDER_SECURE_DATA_KEYS.sandbox);
  });

  it.each([
    ['a key that is not pinned', announced, /not pinned/],
    ['secure data off', null, /off/],
    [
      'a javascript: return URL',
      {
        ...announced,
        pubKeyHash: WONDER_SECURE_DATA_KEYS.sandbox.pubKeyHash,
        returnUrls: { success: 'javascript:alert(1)', fail: 'https://x.test' },
      },
      /return URLs/,
    ],
    [
      'an unknown transaction type',
      {
        ...announced,
        pubKeyHash: WONDER_SECURE_DATA_KEYS.sandbox.pubKeyHash,
        transactionType: 'whatever',
      },
      /transaction type/,
    ],
  ])('refuses %s', async (_name, secureData, message) => {
    server.use(config(secureData));
    const failure = readSecureDataConfig(client());
    await expect(failure).rejects.toBeInstanceOf(GatewayError);
    await expect(failure).rejects.toThrow(message);
  });
});

describe("AddCardObserver with encryption: 'secure-data' (experimental)", () => {
  const demo = DEMO_CUSTOMER.uuid;

  function setup(overrides: Partial<AddCardObserverOptions> = {}) {
    const sent: Array<{ url: string; body: string; headers: string }> = [];
    const client = createGatewayClient({
      baseUrl: TEST_BASE_URL,
      fetch: (input, init) => {
        sent.push({
          url: String(input),
          body: typeof init?.body === 'string' ? init.body : '',
          headers: JSON.stringify([...new Headers(init?.headers)]),
        });
        return fetch(input, init);
      },
    });
    const onFinished = vi.fn();
    const observer = new AddCardObserver({
      client,
      customerUuid: demo,
      storage: null,
      visibility: null,
      encryption: 'secure-data',
      secureDataKeys: [MOCK_SECURE_DATA_KEY],
      onFinished,
      ...overrides,
    });
    observer.subscribe(() => undefined);
    return { observer, sent, onFinished };
  }

  it("seals exp_year with the digits the proxy's wire profile announces", async () => {
    // A gateway that wants 2-digit years (the mock serving that profile strictly) and whose
    // config route says so: the proxy cannot convert a year inside the ciphertext.
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        wireProfile: { ...DEFAULT_WIRE_PROFILE, expYearDigits: 2 },
      }),
    );
    const { observer, onFinished } = setup();
    await observer.submit({ ...card, number: '4242 4242 4242 4242', expYear: '2031' });
    await vi.waitFor(() => expect(onFinished).toHaveBeenCalled());
    expect(observer.getSnapshot()).toMatchObject({ status: 'success', card: { last4: '4242' } });
  });

  it('sends only secure_data, and the mock saves the card', async () => {
    const { observer, sent, onFinished } = setup({
      // Ignored in this mode: the config's values go inside the ciphertext.
      returnUrls: { successUrl: 'https://ignored.test/ok', failUrl: 'https://ignored.test/no' },
    });
    await observer.submit({ ...card, number: '4242 4242 4242 4242' });
    await vi.waitFor(() => expect(onFinished).toHaveBeenCalled());
    expect(observer.getSnapshot()).toMatchObject({ status: 'success', card: { last4: '4242' } });
    const create = sent.find((request) => request.url.endsWith('/payment_tokens'));
    expect(Object.keys(JSON.parse(create?.body ?? '{}'))).toEqual(['secure_data']);
    expect(sent[0]?.url).toBe(CONFIG_URL);
    const everything = JSON.stringify(sent);
    for (const secret of ['4242424242424242', '4242 4242', 'Tai Man', '"123"', 'ignored.test']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('goes through 3-D Secure with the return URLs the config announced', async () => {
    server.use(
      config(announced),
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        challengeUrl: (challenge) =>
          `https://3ds.test/challenge?success=${encodeURIComponent(challenge.successReturnUrl)}`,
      }),
    );
    const { observer } = setup();
    await observer.submit({ ...card, number: '4000000000003220' });
    const state = observer.getSnapshot();
    if (state.status !== 'requires_verification') throw new Error(state.status);
    expect(new URL(state.verifyUrl).searchParams.get('success')).toBe(announced.returnUrls.success);
    observer.verificationOpened();
    const wire = db.listTokens(demo).find((token) => token.token === state.token);
    decideChallenge(db, wire?.verify_uuid ?? '', 'approve');
    observer.verificationReturned('success');
    await vi.waitFor(() => expect(observer.getSnapshot().status).toBe('success'));
  });

  it('fails the create (no card sent) when the proxy has secure data off', async () => {
    server.use(config(null));
    const creates = vi.fn();
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') creates();
    });
    const { observer } = setup();
    await observer.submit(card);
    expect(observer.getSnapshot()).toMatchObject({ status: 'failed', reason: 'create_error' });
    expect(creates).not.toHaveBeenCalled();
    server.events.removeAllListeners();
  });

  it("keeps today's plain body by default", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(TOKENS_URL, async ({ request }) => {
        bodies.push(await request.clone().json());
        return undefined;
      }),
    );
    const { observer } = setup({ encryption: undefined });
    await observer.submit(card);
    expect(Object.keys(bodies[0] as object)).toEqual(['card']);
  });
});
