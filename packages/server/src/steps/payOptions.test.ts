// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createWonderProxy } from '../proxy.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '../testdata/keys.js';
import { RETURN_URLS } from '../testUpstream.js';
import { resolvePaymentOptions } from './payOptions.js';

const base = {
  appId: TEST_APP_ID,
  privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
  environment: 'sandbox' as const,
  resolveCustomer: () => null,
  returnUrls: RETURN_URLS,
};
const resolveOrder = () => null;

describe('payment options', () => {
  it.each([
    ['payments without resolveOrder', { payments: {} }, /needs `resolveOrder/],
    ['a resolveOrder that is not a function', { resolveOrder: 'x' }, /resolveOrder/],
    ['an unknown consume mode', { resolveOrder, payments: { consumeMode: 'x' } }, /consumeMode/],
    ['an unknown entry type', { resolveOrder, payments: { entryType: 'x' } }, /entryType/],
    ['a store without lock', { resolveOrder, payments: { store: { get() {} } } }, /store/],
    ['empty redirect hosts', { resolveOrder, payments: { redirectHosts: [''] } }, /redirectHosts/],
  ])('throws for %s', (_name, extra, message) => {
    expect(() => createWonderProxy({ ...base, ...(extra as object) })).toThrow(message);
  });

  it('defaults: sales, cit, a memory store, the environment’s redirect hosts', () => {
    const config = resolvePaymentOptions(resolveOrder, undefined, 'production');
    expect(config).toMatchObject({
      consumeMode: 'sales',
      entryType: 'cit',
      redirectHosts: ['*.wonder.today'],
    });
    expect(typeof config?.store.lock).toBe('function');
    expect(resolvePaymentOptions(undefined, undefined, 'sandbox')).toBeUndefined();
  });
});
