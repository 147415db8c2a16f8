// @vitest-environment node
import {
  constants,
  createCipheriv,
  createHash,
  createPublicKey,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server.js';
import { createGatewayHandlers, DEMO_CUSTOMER, MOCK_SECURE_DATA_KEY } from './index.js';
import { callJson, type EnvelopeA, tokensPath } from './testClient.js';
import type { WireToken } from './wire.js';

const demo = DEMO_CUSTOMER.uuid;
const CHALLENGE = '4000000000003220';

/** Seals as wonder/SECURE_DATA.md says, with node:crypto only (independent of the mock's WebCrypto). */
function seal(card: Record<string, unknown>, options: { timestamp?: string; hash?: string } = {}) {
  const timestamp = options.timestamp ?? String(Math.floor(db.now().getTime() / 1000));
  const aesKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
  const data = Buffer.concat([
    cipher.update(`${JSON.stringify(card)}${timestamp}`, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const encKey = publicEncrypt(
    {
      key: createPublicKey({
        key: Buffer.from(MOCK_SECURE_DATA_KEY.spki, 'base64'),
        format: 'der',
        type: 'spki',
      }),
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256',
    },
    aesKey,
  );
  return {
    secure_data: {
      data: data.toString('base64'),
      enc_key: encKey.toString('base64'),
      pub_key_hash: options.hash ?? MOCK_SECURE_DATA_KEY.pubKeyHash,
      timestamp,
      nonce: iv.toString('base64'),
    },
  };
}

const wireCard = (number: string) => ({
  number,
  exp_month: '04',
  exp_year: '2031',
  holder_name: 'Tai Man Chan',
  cvv: '737',
  '3ds': {
    success_return_url: 'https://shop.test/inside-ciphertext?ok=1',
    fail_return_url: 'https://shop.test/inside-ciphertext?ok=0',
  },
  transaction_type: 'unscheduled_cof',
});

type Created = EnvelopeA<{ payment_token: WireToken } | null>;

describe('the mock gateway opens secure_data (experimental)', () => {
  it('ships a test key whose hash is its pub_key_hash', () => {
    const der = Buffer.from(MOCK_SECURE_DATA_KEY.spki, 'base64');
    expect(createHash('sha256').update(der).digest('base64')).toBe(MOCK_SECURE_DATA_KEY.pubKeyHash);
  });

  it('creates a frictionless token from ciphertext sealed by node:crypto', async () => {
    const created = await callJson<Created>(
      'POST',
      tokensPath(demo),
      seal(wireCard('4242424242424242')),
    );
    expect(created.status).toBe(200);
    expect(created.body.data?.payment_token).toMatchObject({
      state: 'success',
      credit_card: { exp_month: '04', exp_year: '2031', holder_name: 'Tai Man Chan' },
    });
    expect(created.body.data?.payment_token.credit_card.number).toMatch(/4242$/);
    expect(JSON.stringify(created.body)).not.toContain('4242424242424242');
  });

  it('challenges a scenario card with the return URLs from inside the ciphertext', async () => {
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        challengeUrl: (challenge) =>
          `https://3ds.test/challenge?success=${encodeURIComponent(challenge.successReturnUrl)}`,
      }),
    );
    const created = await callJson<Created>('POST', tokensPath(demo), seal(wireCard(CHALLENGE)));
    const token = created.body.data?.payment_token;
    expect(token?.state).toBe('pending');
    expect(new URL(token?.verify_url ?? '').searchParams.get('success')).toBe(
      'https://shop.test/inside-ciphertext?ok=1',
    );
  });

  it.each([
    [
      'an unknown key hash',
      () =>
        seal(wireCard('4242424242424242'), {
          hash: `A${MOCK_SECURE_DATA_KEY.pubKeyHash.slice(1)}`,
        }),
      /pub_key_hash/,
    ],
    [
      'a stale timestamp',
      () => seal(wireCard('4242424242424242'), { timestamp: '1600000000' }),
      /timestamp/,
    ],
    [
      'tampered ciphertext',
      () => {
        const body = seal(wireCard('4242424242424242'));
        const bytes = Buffer.from(body.secure_data.data, 'base64');
        bytes[0] = (bytes[0] ?? 0) ^ 1;
        return { secure_data: { ...body.secure_data, data: bytes.toString('base64') } };
      },
      /could not be decrypted/,
    ],
    [
      'an extra field',
      () => ({ secure_data: { ...seal(wireCard('4242424242424242')).secure_data, card: 'x' } }),
      /other than/,
    ],
  ])('refuses %s and creates nothing', async (_name, body, message) => {
    const before = db.listTokens(demo).length;
    const created = await callJson<Created>('POST', tokensPath(demo), body());
    expect(created.status).toBe(400);
    expect(created.body.error_message).toMatch(message);
    expect(db.listTokens(demo)).toHaveLength(before);
  });

  it('answers the kit config route in browser-only mode with its test key', async () => {
    const response = await fetch(`${TEST_BASE_URL}/savedcards/v1/config`, {
      headers: { 'X-Requested-With': 'savedcards' },
    });
    const body = (await response.json()) as EnvelopeA<{
      secureData: { pubKeyHash: string; returnUrls: { success: string }; transactionType: string };
    }>;
    expect(body.data.secureData).toMatchObject({
      pubKeyHash: MOCK_SECURE_DATA_KEY.pubKeyHash,
      transactionType: 'unscheduled_cof',
      returnUrls: { success: expect.stringMatching(/^https?:/) },
    });
  });
});
