// @vitest-environment node
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { server } from '../../../test/server.js';
import {
  createGatewayDb,
  createGatewayHandlers,
  createSignatureVerifier,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  ECHO_PATH,
  GATEWAY_ERROR_CODES,
  OPENAPI_PREFIX,
} from './index.js';
import type { SignatureCheck, SignedRequestParts } from './index.js';
import { parseRequestTime, preSignString } from '@savedcards/wire';

const SANDBOX = 'https://gateway-stg.wonder.today';
const APP_ID = 'test-app-id';
const NOW = new Date('2024-05-01T12:01:23Z');
const TIME = '20240501120123';
const NONCE = 'aZ09aZ09aZ09aZ09';

const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const otherKeys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** An independent implementation of GATEWAY.md §2 with node:crypto, to check the WebCrypto verifier. */
function referenceSign(input: {
  method: string;
  uri: string;
  body?: string;
  time?: string;
  nonce?: string;
  appId?: string;
  privateKey?: string;
}): Record<'Credential' | 'Nonce' | 'Signature', string> {
  const time = input.time ?? TIME;
  const nonce = input.nonce ?? NONCE;
  const k1 = createHmac('sha256', nonce).update(time).digest();
  const k2 = createHmac('sha256', k1).update('Wonder-RSA-SHA256').digest();
  const preSign = input.body
    ? `${input.method.toUpperCase()}\n${input.uri}\n${input.body}`
    : `${input.method.toUpperCase()}\n${input.uri}`;
  const message = createHmac('sha256', k2).update(preSign).digest('hex');
  const signature = sign('sha256', Buffer.from(message), input.privateKey ?? keys.privateKey);
  return {
    Credential: `${input.appId ?? APP_ID}/${time}/Wonder-RSA-SHA256`,
    Nonce: nonce,
    Signature: signature.toString('base64'),
  };
}

function parts(
  overrides: Partial<SignedRequestParts> & { sign?: Parameters<typeof referenceSign>[0] } = {},
): SignedRequestParts {
  const method = overrides.method ?? 'POST';
  const uri = overrides.uri ?? `${OPENAPI_PREFIX}/customers`;
  const body = overrides.body ?? '{"customer":{"name":"Tai Man Chan"}}';
  const headers = referenceSign(overrides.sign ?? { method, uri, body });
  return {
    method,
    uri,
    body,
    credential: headers.Credential,
    nonce: headers.Nonce,
    signature: headers.Signature,
    ...overrides,
  };
}

const verifier = (options: { appId?: string; maxSkewMs?: number; now?: Date } = {}) =>
  createSignatureVerifier({
    publicKey: keys.publicKey,
    now: () => options.now ?? NOW,
    ...(options.appId === undefined ? {} : { appId: options.appId }),
    ...(options.maxSkewMs === undefined ? {} : { maxSkewMs: options.maxSkewMs }),
  });

describe('createSignatureVerifier', () => {
  it('accepts a request signed as GATEWAY.md §2 says, with and without a body', async () => {
    const verify = verifier({ appId: APP_ID });
    await expect(verify(parts())).resolves.toEqual({
      ok: true,
      method: 'POST',
      uri: `${OPENAPI_PREFIX}/customers`,
      appId: APP_ID,
    });
    const uri = `${OPENAPI_PREFIX}/customers/x/payment_tokens?token_type=CreditCard`;
    const get = parts({
      method: 'GET',
      uri,
      body: '',
      sign: { method: 'GET', uri, nonce: 'bZ09aZ09aZ09aZ09' },
    });
    await expect(verify(get)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a replay: a nonce serves one good request', async () => {
    const verify = verifier();
    const signed = parts();
    await expect(verify(signed)).resolves.toMatchObject({ ok: true });
    await expect(verify(signed)).resolves.toMatchObject({ ok: false, reason: 'replayed-nonce' });
    // Another app may pick the same nonce.
    const other = parts({
      sign: { method: 'POST', uri: signed.uri, body: signed.body, appId: 'b' },
    });
    await expect(verify(other)).resolves.toMatchObject({ ok: true, appId: 'b' });
  });

  it('does not let a forged request use up the nonce of a real one', async () => {
    const verify = verifier();
    const signed = parts();
    const forged = { ...signed, signature: parts({ body: '{}' }).signature };
    await expect(verify(forged)).resolves.toMatchObject({ ok: false, reason: 'bad-signature' });
    await expect(verify(signed)).resolves.toMatchObject({ ok: true });
  });

  it('remembers a nonce for as long as its request could still look fresh (twice the skew)', async () => {
    const minute = 60_000;
    let clock = NOW.getTime() - 29 * minute; // the request time is 29 minutes ahead of the clock
    const verify = createSignatureVerifier({
      publicKey: keys.publicKey,
      now: () => new Date(clock),
    });
    const signed = parts();
    await expect(verify(signed)).resolves.toMatchObject({ ok: true });
    clock = NOW.getTime() + 30 * minute; // 59 minutes later: still within the skew
    await expect(verify(signed)).resolves.toMatchObject({ ok: false, reason: 'replayed-nonce' });
    clock += 1000;
    await expect(verify(signed)).resolves.toMatchObject({ ok: false, reason: 'stale-time' });
  });

  it('accepts replays when told to (rejectReplays: false)', async () => {
    const verify = createSignatureVerifier({
      publicKey: keys.publicKey,
      now: () => NOW,
      rejectReplays: false,
    });
    const signed = parts();
    await expect(verify(signed)).resolves.toMatchObject({ ok: true });
    await expect(verify(signed)).resolves.toMatchObject({ ok: true });
  });

  it('signs the body only when there is one: "GET\\nuri" differs from "GET\\nuri\\n"', () => {
    expect(preSignString('get', '/a', '')).toBe('GET\n/a');
    expect(preSignString('post', '/a', '{}')).toBe('POST\n/a\n{}');
  });

  it.each([
    ['method', { method: 'PUT' }],
    ['uri', { uri: `${OPENAPI_PREFIX}/customerz` }],
    ['query', { uri: `${OPENAPI_PREFIX}/customers?x=1` }],
    ['body', { body: '{"customer":{"name":"Tai Man Chen"}}' }],
    ['nonce', { nonce: 'bZ09aZ09aZ09aZ09' }],
    ['time', { credential: `${APP_ID}/20240501120124/Wonder-RSA-SHA256` }],
  ] as const)('refuses a request whose %s was changed after signing', async (_name, change) => {
    const signed = parts();
    await expect(verifier()({ ...signed, ...change })).resolves.toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a signature made with another private key', async () => {
    const method = 'POST';
    const uri = `${OPENAPI_PREFIX}/customers`;
    const body = '{}';
    const signed = parts({
      method,
      uri,
      body,
      sign: { method, uri, body, privateKey: otherKeys.privateKey },
    });
    await expect(verifier()(signed)).resolves.toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['no Credential', { credential: null }, 'missing-headers'],
    ['no Nonce', { nonce: null }, 'missing-headers'],
    ['no Signature', { signature: '' }, 'missing-headers'],
    [
      'another algorithm',
      { credential: `${APP_ID}/${TIME}/Wonder-RSA-SHA1` },
      'malformed-credential',
    ],
    [
      'a short time',
      { credential: `${APP_ID}/2024050112012/Wonder-RSA-SHA256` },
      'malformed-credential',
    ],
    [
      'an impossible date',
      { credential: `${APP_ID}/20240231120123/Wonder-RSA-SHA256` },
      'malformed-credential',
    ],
    ['no AppID', { credential: `/${TIME}/Wonder-RSA-SHA256` }, 'malformed-credential'],
    ['a 15-character nonce', { nonce: 'aZ09aZ09aZ09aZ0' }, 'malformed-nonce'],
    ['a nonce with a dash', { nonce: 'aZ09aZ09aZ09aZ0-' }, 'malformed-nonce'],
    ['a signature that is not base64', { signature: 'not base64!' }, 'malformed-signature'],
  ] as const)('refuses %s', async (_name, change, reason) => {
    await expect(verifier()({ ...parts(), ...change })).resolves.toMatchObject({
      ok: false,
      reason,
    });
  });

  it('refuses another AppID when one is configured', async () => {
    const method = 'GET';
    const uri = `${OPENAPI_PREFIX}/customers/x`;
    const signed = parts({ method, uri, body: '', sign: { method, uri, appId: 'someone-else' } });
    await expect(verifier({ appId: APP_ID })(signed)).resolves.toMatchObject({
      ok: false,
      reason: 'wrong-app-id',
      appId: 'someone-else',
    });
    await expect(verifier()(signed)).resolves.toMatchObject({ ok: true, appId: 'someone-else' });
  });

  it('allows 30 minutes of clock skew either way, and no more', async () => {
    const signed = parts();
    const at = (ms: number) => verifier({ now: new Date(NOW.getTime() + ms) })(signed);
    const minute = 60_000;
    await expect(at(30 * minute)).resolves.toMatchObject({ ok: true });
    await expect(at(-30 * minute)).resolves.toMatchObject({ ok: true });
    await expect(at(30 * minute + 1000)).resolves.toMatchObject({
      ok: false,
      reason: 'stale-time',
    });
    await expect(at(-30 * minute - 1000)).resolves.toMatchObject({
      ok: false,
      reason: 'stale-time',
    });
    const strict = verifier({ maxSkewMs: 1000, now: new Date(NOW.getTime() + 2000) });
    await expect(strict(signed)).resolves.toMatchObject({ ok: false, reason: 'stale-time' });
  });

  it('names the option when the public key is not an SPKI PEM', async () => {
    const verify = createSignatureVerifier({ publicKey: keys.privateKey, now: () => NOW });
    await expect(verify(parts())).rejects.toThrow(/verifySignature\.publicKey must be a PEM SPKI/);
  });

  it('reads REQUEST_TIME as UTC', () => {
    expect(parseRequestTime('20240501120123')?.toISOString()).toBe('2024-05-01T12:01:23.000Z');
    expect(parseRequestTime('20241301120123')).toBeUndefined();
  });
});

describe('createGatewayHandlers({ verifySignature })', () => {
  const api = `${SANDBOX}${OPENAPI_PREFIX}`;
  const tokensUri = `${OPENAPI_PREFIX}/customers/${DEMO_CUSTOMER.uuid}/payment_tokens`;

  function mount(scenario?: 'envelope-b') {
    const db = createGatewayDb();
    const results: SignatureCheck[] = [];
    server.use(
      ...createGatewayHandlers({
        baseUrl: SANDBOX,
        db,
        ...(scenario ? { scenario } : {}),
        verifySignature: {
          publicKey: keys.publicKey,
          appId: APP_ID,
          onResult: (result) => results.push(result),
        },
      }),
    );
    return { db, results };
  }

  /** Signed with the current time, as the proxy would. */
  function signedNow(method: string, uri: string, body?: string) {
    const time = new Date()
      .toISOString()
      .replace(/[-:T]/g, '')
      .replace(/\.\d+Z$/, '');
    return referenceSign({ method, uri, ...(body === undefined ? {} : { body }), time });
  }

  it('serves a correctly signed request and reports it', async () => {
    const { results } = mount();
    const response = await fetch(`${SANDBOX}${tokensUri}`, {
      headers: signedNow('GET', tokensUri),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { payment_tokens: unknown[] } };
    expect(body.data.payment_tokens).toHaveLength(6);
    expect(results).toEqual([{ ok: true, method: 'GET', uri: tokensUri, appId: APP_ID }]);
  });

  it('answers an unsigned request with 401 E000002 in the envelope', async () => {
    const { results } = mount();
    const response = await fetch(`${api}/customers/${DEMO_CUSTOMER.uuid}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error_code: GATEWAY_ERROR_CODES.invalidCredential.code,
      error_message: 'Invalid Credential Format.',
      data: null,
    });
    expect(results).toMatchObject([{ ok: false, reason: 'missing-headers' }]);
  });

  it('refuses a tampered body with 401 and changes nothing', async () => {
    const { db, results } = mount();
    const body = JSON.stringify({ token: DEMO_TOKENS.mastercard });
    const headers = signedNow('DELETE', tokensUri, body);
    const before = db.snapshot();
    const response = await fetch(`${SANDBOX}${tokensUri}`, {
      method: 'DELETE',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: DEMO_TOKENS.visa }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_code: string }).error_code).toBe('E000002');
    expect(db.snapshot()).toEqual(before);
    expect(results).toMatchObject([{ ok: false, reason: 'bad-signature' }]);
  });

  it('refuses a stale request time', async () => {
    mount();
    const response = await fetch(`${SANDBOX}${tokensUri}`, {
      headers: referenceSign({ method: 'GET', uri: tokensUri, time: '20200101000000' }),
    });
    expect(response.status).toBe(401);
  });

  it('answers in envelope B when the scenario says so', async () => {
    mount('envelope-b');
    const response = await fetch(`${SANDBOX}${tokensUri}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 'E000002',
      message: 'Invalid Credential Format.',
    });
  });

  it('changes state for a signed write', async () => {
    const { db } = mount();
    const body = JSON.stringify({ token: DEMO_TOKENS.mastercard });
    const response = await fetch(`${SANDBOX}${tokensUri}`, {
      method: 'DELETE',
      headers: { ...signedNow('DELETE', tokensUri, body), 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.mastercard)).toBeUndefined();
  });

  it('leaves signatures unchecked by default', async () => {
    server.use(...createGatewayHandlers({ baseUrl: SANDBOX }));
    const response = await fetch(`${SANDBOX}${tokensUri}`);
    expect(response.status).toBe(200);
  });
});

describe(`POST ${ECHO_PATH}`, () => {
  const echo = `${SANDBOX}${ECHO_PATH}`;
  const body = JSON.stringify({ message: 'Hello,Wonder!' });
  const signedEcho = (payload: string) => {
    const time = new Date()
      .toISOString()
      .replace(/[-:T]/g, '')
      .replace(/\.\d+Z$/, '');
    return fetch(echo, {
      method: 'POST',
      headers: {
        ...referenceSign({ method: 'POST', uri: ECHO_PATH, body: payload, time }),
        'Content-Type': 'application/json',
      },
      body: payload,
    });
  };

  function mount() {
    const results: SignatureCheck[] = [];
    server.use(
      ...createGatewayHandlers({
        baseUrl: SANDBOX,
        verifySignature: { publicKey: keys.publicKey, onResult: (r) => results.push(r) },
      }),
    );
    return results;
  }

  it('is served along with signature checking only', () => {
    const without = createGatewayHandlers({ baseUrl: SANDBOX });
    const withEcho = createGatewayHandlers({
      baseUrl: SANDBOX,
      verifySignature: { publicKey: keys.publicKey },
    });
    expect(withEcho).toHaveLength(without.length + 1);
  });

  it('echoes the message of a signed request', async () => {
    const results = mount();
    const response = await signedEcho(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      error_code: '',
      error_message: '',
      data: { message: 'Hello,Wonder!' },
    });
    expect(results).toEqual([{ ok: true, method: 'POST', uri: ECHO_PATH, appId: APP_ID }]);
  });

  it('answers 401 to an unsigned request', async () => {
    const results = mount();
    const response = await fetch(echo, { method: 'POST', body });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_code: string }).error_code).toBe('E000002');
    expect(results).toMatchObject([{ ok: false, reason: 'missing-headers' }]);
  });

  it('answers 400 without a message', async () => {
    mount();
    const response = await signedEcho('{"hello":1}');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_code: string }).error_code).toBe('E000001');
  });
});
