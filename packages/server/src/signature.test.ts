// @vitest-environment node
import { createPublicKey, verify } from 'node:crypto';
// Relative: vitest's node environment resolves @savedcards/* to dist, not to the sources.
import { createSignatureVerifier } from '../../msw/src/index.js';
import { describe, expect, it } from 'vitest';
import {
  createNonce,
  formatRequestTime,
  preSignString,
  signatureMessage,
  signRequest,
  verifySignature,
} from './signature.js';
import {
  TEST_APP_ID,
  TEST_ONLY_PRIVATE_KEY_FILE,
  TEST_ONLY_PRIVATE_KEY_PEM,
  TEST_ONLY_PUBLIC_KEY_PEM,
} from './testdata/keys.js';

const NOW = new Date('2024-05-01T12:01:23Z');
const NONCE = 'aB3dE5gH7jK9mN1p';
const URI = '/svc/payment/api/v1/openapi/customers';
const BODY =
  '{"customer":{"name":"Tai Man Chan","phone":"91234567","reference_number":"demo-customer-1"}}';

/*
 * The expected values were computed independently of this code, with the openssl CLI:
 *   k1=$(printf %s 20240501120123 | openssl dgst -sha256 -mac HMAC -macopt key:aB3dE5gH7jK9mN1p -hex)
 *   k2=$(printf %s Wonder-RSA-SHA256 | openssl dgst -sha256 -mac HMAC -macopt hexkey:$k1 -hex)
 *   msg=$(printf 'POST\n%s\n%s' "$URI" "$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$k2 -hex)
 *   printf %s "$msg" | openssl dgst -sha256 -sign test-only-private-key.pem | base64 -w0
 */
const MESSAGE = 'b6da6efc7a1981a17308194a6205f2760a134de5ef1e01ce1dd859a8810aa246';
const SIGNATURE =
  'EI/Qb/wMhqcJoyNsHPBWXXA1uEgMaliLMfnnuWZHR2FywA+sTG2CbcljN1WN4BxXZJgu0ykFf/hYIRkQol/LR3lAEysdm6IdMlVN1xcAOZBaJvBOVwyYQZwxpZeL+7RMi/Qb4AlY0L4wEzcvMjLz8PED2FYU2dc//hdWHweHi/FIydJapTskulI7OSwZF7zWVcDOYl+C5OZ0M9Q1K5UDXTJ5RLnoDYLiH3jkX347UNvQ/8kMsmMqRr0Ixc+FF5F21mr+ULafyAwAT2vbdMi5qoZ6oSosSAwzwFor+f6fpn9xrxx1gp3OFZ/2RyKwp+oVBsJrOjkMIUksZNYCLF3vag==';
const GET_URI =
  '/svc/payment/api/v1/openapi/customers/00000000-0000-4000-8000-000000000001/payment_tokens';
const GET_MESSAGE = 'cf64ce54230fa3a22bad1e4b745697dbbdb20ffbb5c53efd97bbb66818e74a84';
const GET_SIGNATURE =
  'CSkVQur82bwEe1oLzCV90A/ecBguGByyIoHU83JH49ssIIzwqlCkyHLGJZRaL1KRriZKNGm1TrMISqfW5cANtdq6HglIL+MvVEZz+8dxCMbsNlC2RWsFfVYpztSOdhLLiX2a/ai2QjPoByx9pSnC89np2Ekt6S5hbjVkQA/RxOZeQyE6PF9yUnyvb/I7vTV19e1cIxsPswu2osIJHh9dKwOEwWININWRvP7ICS2HMBRF1egwoc5yll6OGloigDgue8isYy3bAUGp1uV0abJE0cULS/Gg+GOhpsA6TKA4Ik+BSBicAyBHWZYB9YAjUTVpfMEvSAXfPDFwbkF2CxgPQg==';

const fixed = {
  appId: TEST_APP_ID,
  privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
  method: 'POST',
  uri: URI,
  body: BODY,
  now: NOW,
  nonce: NONCE,
};

/** RSA-verifies `signature` over the message recomputed for (method, uri, body). */
function rsaVerifies(method: string, uri: string, body: string, signature: string): boolean {
  const message = signatureMessage(NONCE, '20240501120123', preSignString(method, uri, body));
  return verify(
    'sha256',
    Buffer.from(message),
    createPublicKey(TEST_ONLY_PUBLIC_KEY_PEM),
    Buffer.from(signature, 'base64'),
  );
}

describe('signRequest: fixed vectors (test-only key)', () => {
  it('gives the fixed Credential, Nonce and Signature for a POST with a body', () => {
    expect(signatureMessage(NONCE, '20240501120123', `POST\n${URI}\n${BODY}`)).toBe(MESSAGE);
    expect(signRequest(fixed)).toEqual({
      Credential: `${TEST_APP_ID}/20240501120123/Wonder-RSA-SHA256`,
      Nonce: NONCE,
      Signature: SIGNATURE,
    });
  });

  it('gives the fixed signature for a GET without a body ("GET\\nuri", no trailing newline)', () => {
    expect(signatureMessage(NONCE, '20240501120123', `GET\n${GET_URI}`)).toBe(GET_MESSAGE);
    const headers = signRequest({ ...fixed, method: 'get', uri: GET_URI, body: '' });
    expect(headers.Signature).toBe(GET_SIGNATURE);
    expect(signRequest({ ...fixed, method: 'GET', uri: GET_URI, body: undefined }).Signature).toBe(
      GET_SIGNATURE,
    );
  });

  it('is the same for a key given as a file', () => {
    expect(signRequest({ ...fixed, privateKey: { file: TEST_ONLY_PRIVATE_KEY_FILE } })).toEqual(
      signRequest(fixed),
    );
  });

  it('verifies with the public key', () => {
    expect(rsaVerifies('POST', URI, BODY, SIGNATURE)).toBe(true);
    expect(
      verifySignature({
        publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
        method: 'POST',
        uri: URI,
        body: BODY,
        headers: signRequest(fixed),
      }),
    ).toBe(true);
  });

  it('verifies with the mock gateway (an independent WebCrypto implementation)', async () => {
    const check = createSignatureVerifier({
      publicKey: TEST_ONLY_PUBLIC_KEY_PEM,
      appId: TEST_APP_ID,
      now: () => NOW,
    });
    const headers = signRequest(fixed);
    await expect(
      check({
        method: 'POST',
        uri: URI,
        body: BODY,
        credential: headers.Credential,
        nonce: headers.Nonce,
        signature: headers.Signature,
      }),
    ).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['method', 'method'],
    ['uri', 'uri'],
    ['body', 'body'],
  ] as const)('breaks when any single byte of the %s changes', (_name, field) => {
    const original = field === 'method' ? 'POST' : field === 'uri' ? URI : BODY;
    for (let i = 0; i < original.length; i++) {
      const code = original.charCodeAt(i);
      const changed = `${original.slice(0, i)}${String.fromCharCode(code ^ 0x01)}${original.slice(i + 1)}`;
      const args = { method: 'POST', uri: URI, body: BODY, [field]: changed };
      // Method case is normalised (UPPER(method)): a case flip is the same request.
      if (field === 'method' && changed.toUpperCase() === original) continue;
      expect(rsaVerifies(args.method, args.uri, args.body, SIGNATURE), `byte ${i}`).toBe(false);
    }
    expect(rsaVerifies('POST', URI, `${BODY} `, SIGNATURE)).toBe(false);
    expect(rsaVerifies('POST', URI, '', SIGNATURE)).toBe(false);
  });

  it('changes with the time and the nonce', () => {
    const later = signRequest({ ...fixed, now: new Date(NOW.getTime() + 1000) });
    expect(later.Credential).toBe(`${TEST_APP_ID}/20240501120124/Wonder-RSA-SHA256`);
    expect(later.Signature).not.toBe(SIGNATURE);
    expect(signRequest({ ...fixed, nonce: 'aB3dE5gH7jK9mN1q' }).Signature).not.toBe(SIGNATURE);
  });

  it('refuses a nonce that is not 16 characters of [0-9a-zA-Z], and a uri that is not a path', () => {
    expect(() => signRequest({ ...fixed, nonce: 'short' })).toThrow(/16 characters/);
    expect(() => signRequest({ ...fixed, nonce: 'aB3dE5gH7jK9mN1-' })).toThrow(/16 characters/);
    expect(() => signRequest({ ...fixed, uri: 'https://gateway.wonder.today/x' })).toThrow(
      /must be the path/,
    );
  });
});

describe('formatRequestTime', () => {
  it('is UTC yyyyMMddHHmmss, zero-padded', () => {
    expect(formatRequestTime(new Date('2024-05-01T12:01:23Z'))).toBe('20240501120123');
    expect(formatRequestTime(new Date('2025-01-02T03:04:05.999Z'))).toBe('20250102030405');
    // 23:30 in Hong Kong (UTC+8) on 2 January is 15:30 UTC the same day.
    expect(formatRequestTime(new Date('2025-01-02T23:30:00+08:00'))).toBe('20250102153000');
  });

  it('refuses an invalid date', () => {
    expect(() => formatRequestTime(new Date(Number.NaN))).toThrow(/not a valid Date/);
  });
});

describe('createNonce', () => {
  it('gives 16 characters from [0-9a-zA-Z], different every time, using the whole alphabet', () => {
    const nonces = Array.from({ length: 500 }, createNonce);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-zA-Z]{16}$/);
    expect(new Set(nonces).size).toBe(nonces.length);
    const seen = new Set(nonces.join(''));
    expect(seen.size).toBe(62);
  });

  it('is used when no nonce is given', () => {
    const { nonce: _fixedNonce, ...rest } = fixed;
    const a = signRequest(rest);
    const b = signRequest(rest);
    expect(a.Nonce).toMatch(/^[0-9a-zA-Z]{16}$/);
    expect(a.Nonce).not.toBe(b.Nonce);
  });
});

describe('verifySignature', () => {
  const headers = signRequest(fixed);
  const input = { publicKey: TEST_ONLY_PUBLIC_KEY_PEM, method: 'POST', uri: URI, body: BODY };

  it('refuses missing headers, another algorithm and junk base64', () => {
    expect(verifySignature({ ...input, headers: { ...headers, Signature: null } })).toBe(false);
    expect(
      verifySignature({
        ...input,
        headers: { ...headers, Credential: headers.Credential.replace('RSA-SHA256', 'RSA-SHA1') },
      }),
    ).toBe(false);
    expect(
      verifySignature({ ...input, headers: { ...headers, Signature: `${headers.Signature}!!` } }),
    ).toBe(false);
  });

  it('accepts the private key in place of the public one (it derives the public key)', () => {
    expect(verifySignature({ ...input, publicKey: TEST_ONLY_PRIVATE_KEY_PEM, headers })).toBe(true);
  });
});
