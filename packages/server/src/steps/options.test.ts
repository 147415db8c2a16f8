// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createWonderProxy } from '../proxy.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '../testdata/keys.js';
import { RETURN_URLS } from '../testUpstream.js';
import { resolveProxyOptions } from './options.js';

describe('createWonderProxy fails fast on bad configuration', () => {
  const base = {
    appId: TEST_APP_ID,
    privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
    environment: 'sandbox' as const,
    resolveCustomer: () => null,
    returnUrls: RETURN_URLS,
  };
  it.each([
    ['no AppID', { appId: '' }, /`appId` is required/],
    ['an AppID with a slash', { appId: 'a/b' }, /must not contain "\/"/],
    ['no private key', { privateKey: '' }, /`privateKey` is required/],
    ['a private key that is not PEM', { privateKey: 'hello' }, /not a PEM string/],
    [
      'a broken PEM',
      { privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' },
      /not a readable PEM private key/,
    ],
    ['a missing key file', { privateKey: { file: '/nonexistent/key.pem' } }, /ENOENT/],
    ['no resolveCustomer', { resolveCustomer: undefined }, /resolveCustomer/],
    ['no returnUrls', { returnUrls: undefined }, /returnUrls/],
    ['a relative return URL', { returnUrls: { success: '/ok', fail: '/no' } }, /absolute/],
    [
      'a javascript: return URL',
      { returnUrls: { success: 'javascript:1', fail: 'https://x' } },
      /http\(s\)/,
    ],
    ['both environment and baseUrl', { baseUrl: 'https://x.test' }, /either/],
    ['neither environment nor baseUrl', { environment: undefined }, /required/],
    ['an unknown environment', { environment: 'staging' }, /'sandbox' or 'production'/],
    ['an unknown transaction type', { transactionType: 'whenever' }, /transactionType/],
    ['a zero maxBodyBytes', { maxBodyBytes: 0 }, /maxBodyBytes/],
    ['a relative mount path', { mountPath: 'api' }, /mountPath/],
  ])('%s', (_name, change, message) => {
    expect(() => createWonderProxy({ ...base, ...change } as never)).toThrow(message);
  });
  it('never puts key material into the error message', () => {
    const broken = TEST_ONLY_PRIVATE_KEY_PEM.replace(/[A-Za-z]{10}\n/, '!!!!!!!!!!\n');
    let message = '';
    try {
      createWonderProxy({ ...base, privateKey: broken });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/privateKey/);
    expect(message).not.toMatch(/BEGIN|[A-Za-z0-9+/]{20}/);
  });
});

describe('resolveProxyOptions: the options step, once at creation', () => {
  const base = {
    appId: TEST_APP_ID,
    privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
    environment: 'sandbox' as const,
    resolveCustomer: () => null,
    returnUrls: RETURN_URLS,
  };

  it('normalises: defaults, the mount path without trailing slash, the prefix, the client', async () => {
    const config = resolveProxyOptions({ ...base, mountPath: '/payments/wonder//' });
    expect(config).toMatchObject({
      mountPath: '/payments/wonder',
      prefix: '/payments/wonder/svc/payment/api/v1/openapi',
      maxBodyBytes: 16 * 1024,
      transactionType: 'unscheduled_cof',
      limits: undefined,
    });
    expect(config.client.baseUrl).toBe('https://gateway-stg.wonder.today');
    expect(
      await config.returnUrls(new Request('http://shop.test/'), { referenceNumber: 'r' }),
    ).toEqual(RETURN_URLS);
  });

  it('checks the URLs a returnUrls function gives, on each call', async () => {
    const config = resolveProxyOptions({
      ...base,
      returnUrls: () => ({ success: '/relative', fail: 'https://x.test' }),
    });
    await expect(
      config.returnUrls(new Request('http://shop.test/'), { referenceNumber: 'r' }),
    ).rejects.toThrow(/returnUrls.success/);
  });

  it('refuses a limits hook that is not a function', () => {
    expect(() => resolveProxyOptions({ ...base, limits: 5 as never })).toThrow(/`limits`/);
  });
});
