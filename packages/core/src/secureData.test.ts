// @vitest-environment node
import {
  createDecipheriv,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
  constants,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sealCardForWonder, WONDER_SECURE_DATA_KEYS } from './index.js';

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
