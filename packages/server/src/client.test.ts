// @vitest-environment node
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWonderClient, ensureCustomer } from './client.js';
import { WonderRequestError } from './errors.js';
import { loadPrivateKey } from './keys.js';
import {
  TEST_APP_ID,
  TEST_ONLY_PRIVATE_KEY_FILE,
  TEST_ONLY_PRIVATE_KEY_PEM,
} from './testdata/keys.js';
import { DEMO_REFERENCE, DEMO_UUID, mockUpstream, recordingFetch } from './testUpstream.js';

const connection = {
  appId: TEST_APP_ID,
  privateKey: { file: TEST_ONLY_PRIVATE_KEY_FILE },
  environment: 'sandbox' as const,
};

describe('ensureCustomer', () => {
  it('returns the uuid of an existing reference number (the demo customer)', async () => {
    const { checks } = mockUpstream();
    const uuid = await ensureCustomer(connection, {
      referenceNumber: DEMO_REFERENCE,
      name: 'Tai Man Chan',
      phone: '91234567',
    });
    expect(uuid).toBe(DEMO_UUID);
    expect(checks).toMatchObject([{ ok: true, method: 'POST' }]);
  });

  it('creates a new customer once and is idempotent on the reference number', async () => {
    const { db } = mockUpstream();
    const client = createWonderClient(connection);
    const profile = {
      referenceNumber: 'shop-user-42',
      name: 'Siu Ming',
      phone: '61234567',
      dialCode: '+852',
      email: 'siu.ming@example.com',
      companyName: 'Siu Ming Ltd',
    };
    const first = await ensureCustomer(client, profile);
    const second = await client.ensureCustomer(profile);
    expect(second).toBe(first);
    expect(first).not.toBe(DEMO_UUID);
    expect(db.getCustomer(first)).toMatchObject({
      reference_number: 'shop-user-42',
      dial_code: '+852',
      company_name: 'Siu Ming Ltd',
    });
  });

  it('sends exactly the documented body', async () => {
    mockUpstream();
    const recorder = recordingFetch();
    await ensureCustomer(
      { ...connection, fetch: recorder.fetch },
      { referenceNumber: 'r-1', name: 'N', phone: '1' },
    );
    expect(recorder.sent[0]?.body).toBe(
      '{"customer":{"reference_number":"r-1","name":"N","phone":"1"}}',
    );
  });

  it('reads a bare {data} answer as a success (the one envelope rule)', async () => {
    const bare: typeof fetch = async () =>
      Response.json({ data: { customer: { uuid: 'c-bare', reference_number: 'r-1' } } });
    await expect(
      ensureCustomer(
        { ...connection, fetch: bare },
        { referenceNumber: 'r-1', name: 'N', phone: '1' },
      ),
    ).resolves.toBe('c-bare');
  });

  it('rejects code 500 with an empty error_code as a gateway error, message kept', async () => {
    const failing: typeof fetch = async () =>
      Response.json({ code: 500, error_code: '', message: 'boom' }, { status: 500 });
    const error = await ensureCustomer(
      { ...connection, fetch: failing },
      { referenceNumber: 'r-1', name: 'N', phone: '1' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'gateway', status: 500, code: '500' });
    expect((error as Error).message).toMatch(/500: boom/);
  });

  it('rejects with a WonderRequestError carrying the gateway code', async () => {
    mockUpstream();
    const error = await ensureCustomer(connection, {
      referenceNumber: 'r-1',
      name: 'x'.repeat(300),
      phone: '1',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WonderRequestError);
    expect(error).toMatchObject({ kind: 'gateway', status: 400, code: 'E000001' });
  });

  it('rejects a signature the gateway refuses, with a hint', async () => {
    mockUpstream();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await expect(
      ensureCustomer(
        { ...connection, privateKey: other },
        {
          referenceNumber: 'r',
          name: 'n',
          phone: '1',
        },
      ),
    ).rejects.toThrow(/HTTP 401 E000002.*AppID belongs to the public key/);
  });

  it('refuses a profile without the required fields before sending', async () => {
    const recorder = recordingFetch();
    await expect(
      ensureCustomer(
        { ...connection, fetch: recorder.fetch },
        { referenceNumber: 'r', name: ' ', phone: '1' },
      ),
    ).rejects.toThrow(/`name` is required/);
    expect(recorder.sent).toHaveLength(0);
  });

  it('times out', async () => {
    mockUpstream('timeout');
    await expect(
      ensureCustomer(
        { ...connection, timeoutMs: 30 },
        { referenceNumber: 'r', name: 'n', phone: '1' },
      ),
    ).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('keys', () => {
  it('reads a PEM string, a PEM with literal \\n (from an env variable) and a file alike', () => {
    const a = loadPrivateKey(TEST_ONLY_PRIVATE_KEY_PEM);
    const b = loadPrivateKey(TEST_ONLY_PRIVATE_KEY_PEM.trim().replace(/\n/g, '\\n'));
    const c = loadPrivateKey({ file: TEST_ONLY_PRIVATE_KEY_FILE });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(true);
  });

  it('refuses a non-RSA key, a short RSA key and a public key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => loadPrivateKey(ec.privateKey)).toThrow(/must be an RSA key.*got ec/);
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => loadPrivateKey(short.privateKey)).toThrow(
      /1024-bit RSA; Wonder needs at least 2048/,
    );
    const publicPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(() => loadPrivateKey(publicPem)).toThrow(/not a readable PEM private key/);
  });
});
