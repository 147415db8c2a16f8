// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryPaymentStore } from './payStore.js';

describe('createMemoryPaymentStore', () => {
  it('keeps records until their ttl, and forgets them on delete', async () => {
    let now = 1000;
    const store = createMemoryPaymentStore(() => now);
    const record = { status: 'sent' as const, token: 't', at: now };
    await store.set('k', record, 50);
    expect(await store.get('k')).toEqual(record);
    now += 50;
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', record, 50);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('a lock is taken once until it is released or expires', async () => {
    let now = 0;
    const store = createMemoryPaymentStore(() => now);
    expect(await store.lock('k', 100)).toBe(true);
    expect(await store.lock('k', 100)).toBe(false);
    expect(await store.lock('other', 100)).toBe(true);
    await store.unlock('k');
    expect(await store.lock('k', 100)).toBe(true);
    now = 100;
    expect(await store.lock('k', 100)).toBe(true);
  });
});
