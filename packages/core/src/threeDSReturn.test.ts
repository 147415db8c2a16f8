import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearPendingVerification,
  handleThreeDSReturn,
  isThreeDSReturnMessage,
  PENDING_VERIFICATION_KEY,
  readPendingPayment,
  readPendingVerification,
  readThreeDSOutcome,
  readThreeDSReturnEvent,
  savePendingVerification,
  THREE_DS_RETURN_MESSAGE_TYPE,
  type ThreeDSReturnWindow,
  type VerificationStorage,
} from './index.js';
import { savePendingPayment } from './threeDSReturn.js';

afterEach(() => {
  sessionStorage.clear();
});

describe('readThreeDSOutcome', () => {
  it.each([
    ['https://shop.example/3ds/return?ok=1', 'success'],
    ['https://shop.example/3ds/return?ok=0', 'failed'],
    ['https://shop.example/3ds/return?ok=true', 'success'],
    ['https://shop.example/3ds/return?ok=false', 'failed'],
    ['https://shop.example/3ds/return?status=success', 'success'],
    ['https://shop.example/3ds/return?status=SUCCESS', 'success'],
    ['https://shop.example/3ds/return?status=fail', 'failed'],
    ['https://shop.example/3ds/return?status=failed', 'failed'],
    ['https://shop.example/checkout#3ds-return=success', 'success'],
    ['https://shop.example/checkout#3ds-return=failed', 'failed'],
    ['https://shop.example/3ds/return?ok=1&status=fail', 'success'],
    ['https://shop.example/3ds/return', 'unknown'],
    ['https://shop.example/3ds/return?ok=2', 'unknown'],
    ['https://shop.example/3ds/return?status=maybe', 'unknown'],
    ['/3ds/return?ok=0', 'failed'],
    ['http://[', 'unknown'],
  ])('%s → %s', (url, outcome) => {
    expect(readThreeDSOutcome(url)).toBe(outcome);
  });
});

describe('isThreeDSReturnMessage', () => {
  it.each([
    [{ type: THREE_DS_RETURN_MESSAGE_TYPE, outcome: 'success' }, true],
    [{ type: 'savedcards:3ds-return', outcome: 'failed' }, true],
    [{ type: 'savedcards:3ds-return', outcome: 'unknown' }, true],
    [{ type: 'savedcards:3ds-return', outcome: 'maybe' }, false],
    [{ type: 'savedcards:3ds-return' }, false],
    [{ type: 'other', outcome: 'success' }, false],
    ['savedcards:3ds-return', false],
    [null, false],
    [undefined, false],
    [['savedcards:3ds-return', 'success'], false],
  ])('%j → %s', (data, expected) => {
    expect(isThreeDSReturnMessage(data)).toBe(expected);
  });
});

describe('readThreeDSReturnEvent', () => {
  const popup = {};
  const data = { type: THREE_DS_RETURN_MESSAGE_TYPE, outcome: 'success' };

  it('reads a return message from the expected origin and source', () => {
    expect(
      readThreeDSReturnEvent(
        { data, origin: 'https://shop.example', source: popup },
        { origin: 'https://shop.example', source: popup },
      ),
    ).toBe('success');
  });

  it('ignores other origins, other sources and other messages', () => {
    const filter = { origin: 'https://shop.example', source: popup };
    expect(
      readThreeDSReturnEvent({ data, origin: 'https://evil.example', source: popup }, filter),
    ).toBeNull();
    expect(
      readThreeDSReturnEvent({ data, origin: 'https://shop.example', source: {} }, filter),
    ).toBeNull();
    expect(
      readThreeDSReturnEvent(
        { data: { type: 'x' }, origin: 'https://shop.example', source: popup },
        filter,
      ),
    ).toBeNull();
  });
});

function fakeWindow(
  href: string,
  frame: { opener?: 'open' | 'closed'; iframe?: boolean } = {},
): ThreeDSReturnWindow & {
  openerPost: ReturnType<typeof vi.fn>;
  parentPost: ReturnType<typeof vi.fn>;
  postMessage: ReturnType<typeof vi.fn>;
  close: ReturnType<typeof vi.fn>;
} {
  const openerPost = vi.fn();
  const parentPost = vi.fn();
  const win = {
    location: { href, origin: new URL(href).origin },
    opener: frame.opener ? { postMessage: openerPost, closed: frame.opener === 'closed' } : null,
    parent: null as ThreeDSReturnWindow['parent'],
    close: vi.fn(),
    // A top-level window is its own parent; posting to itself must not happen.
    postMessage: vi.fn(),
    openerPost,
    parentPost,
  };
  win.parent = frame.iframe ? { postMessage: parentPost } : win;
  return win as typeof win & ThreeDSReturnWindow;
}

describe('handleThreeDSReturn', () => {
  it('popup: posts the outcome to the opener on its own origin, then closes', () => {
    const win = fakeWindow('https://shop.example/3ds/return?ok=1', { opener: 'open' });
    expect(handleThreeDSReturn({ window: win })).toEqual({ mode: 'popup', outcome: 'success' });
    expect(win.openerPost).toHaveBeenCalledExactlyOnceWith(
      { type: 'savedcards:3ds-return', outcome: 'success' },
      'https://shop.example',
    );
    expect(win.close).toHaveBeenCalledOnce();
  });

  it('the checkout’s popup (opener cut): does nothing, the checkout reads the URL and closes it', () => {
    const win = Object.assign(fakeWindow('https://shop.example/3ds/return?ok=1'), {
      name: 'savedcards-3ds',
    });
    expect(handleThreeDSReturn({ window: win })).toEqual({ mode: 'popup', outcome: 'success' });
    expect(win.openerPost).not.toHaveBeenCalled();
    expect(win.close).not.toHaveBeenCalled();
  });

  it('iframe: posts to the parent and does not close', () => {
    const win = fakeWindow('https://shop.example/3ds/return?ok=0', { iframe: true });
    expect(handleThreeDSReturn({ window: win, targetOrigin: 'https://app.shop.example' })).toEqual({
      mode: 'iframe',
      outcome: 'failed',
    });
    expect(win.parentPost).toHaveBeenCalledExactlyOnceWith(
      { type: 'savedcards:3ds-return', outcome: 'failed' },
      'https://app.shop.example',
    );
    expect(win.close).not.toHaveBeenCalled();
  });

  it('redirect: posts nothing and returns the outcome', () => {
    const win = fakeWindow('https://shop.example/checkout?status=success');
    expect(handleThreeDSReturn({ window: win })).toEqual({ mode: 'redirect', outcome: 'success' });
    expect(win.close).not.toHaveBeenCalled();
    expect(win.postMessage).not.toHaveBeenCalled();
  });

  it('redirect: gives back the page the flow left, kept with the pending verification', () => {
    savePendingVerification({
      customerUuid: 'c-1',
      token: 't-1',
      returnTo: '/shop/account?verify=redirect&lang=zh-HK#/manage',
    });
    const win = fakeWindow('https://shop.example/3ds/return?ok=0');
    expect(handleThreeDSReturn({ window: win })).toEqual({
      mode: 'redirect',
      outcome: 'failed',
      returnTo: '/shop/account?verify=redirect&lang=zh-HK#/manage',
    });
  });

  it('redirect: with an abandoned card verification still kept, the newer payment comes back', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z'), toFake: ['Date'] });
    try {
      savePendingVerification({ customerUuid: 'c-1', token: 't-1', returnTo: '/account' });
      vi.setSystemTime(new Date('2026-12-03T10:05:00Z'));
      savePendingPayment(
        { orderId: 'o-1', token: 't-1', returnTo: '/checkout?o=1' },
        sessionStorage,
      );
      const win = fakeWindow('https://shop.example/3ds/return?ok=1');
      expect(handleThreeDSReturn({ window: win }).returnTo).toBe('/checkout?o=1');
      // And the other way round.
      vi.setSystemTime(new Date('2026-12-03T10:10:00Z'));
      savePendingVerification({ customerUuid: 'c-1', token: 't-2', returnTo: '/account' });
      expect(handleThreeDSReturn({ window: win }).returnTo).toBe('/account');
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps a merchant's order id as written (spaces, Chinese), but no control characters", () => {
    for (const orderId of ['Order 2026/12 #17', '訂單-0001', 'x'.repeat(1024)]) {
      expect(savePendingPayment({ orderId, token: 't-1' }, sessionStorage)).toBe(true);
      expect(readPendingPayment()).toEqual({ orderId, token: 't-1' });
    }
    for (const orderId of ['', 'a\nb', 'x'.repeat(1025)]) {
      expect(savePendingPayment({ orderId, token: 't-2' }, sessionStorage)).toBe(false);
    }
  });

  it('an opener that is already closed counts as a redirect', () => {
    const win = fakeWindow('https://shop.example/3ds/return?ok=1', { opener: 'closed' });
    expect(handleThreeDSReturn({ window: win }).mode).toBe('redirect');
    expect(win.openerPost).not.toHaveBeenCalled();
  });

  it("uses the page's own window by default (jsdom: a top-level page, so redirect)", () => {
    expect(handleThreeDSReturn()).toEqual({ mode: 'redirect', outcome: 'unknown' });
  });
});

describe('pending verification in sessionStorage', () => {
  const pending = {
    customerUuid: '00000000-0000-4000-8000-000000000001',
    token: '00000000-0000-4000-a000-000000000007',
    verifyUuid: '00000000-0000-4000-9000-000000000002',
  };

  it('saves, reads and clears exactly the three ids', () => {
    expect(savePendingVerification(pending)).toBe(true);
    expect(JSON.parse(sessionStorage.getItem(PENDING_VERIFICATION_KEY) ?? '')).toEqual({
      ...pending,
      savedAt: expect.any(Number),
    });
    expect(readPendingVerification()).toEqual(pending);
    clearPendingVerification();
    expect(readPendingVerification()).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it('stores nothing but the three ids (and when), whatever else it is given', () => {
    const withCard = { ...pending, number: '4242424242424242', cvc: '123' };
    expect(savePendingVerification(withCard)).toBe(true);
    const stored = sessionStorage.getItem(PENDING_VERIFICATION_KEY) ?? '';
    expect(stored).not.toContain('4242');
    expect(stored).not.toContain('123"');
    expect(Object.keys(JSON.parse(stored)).sort()).toEqual([
      'customerUuid',
      'savedAt',
      'token',
      'verifyUuid',
    ]);
  });

  it.each([
    ['an empty token', { ...pending, token: '' }],
    ['a token with spaces', { ...pending, token: 'a b' }],
    ['a non-string verify uuid', { ...pending, verifyUuid: 42 as unknown as string }],
    ['an over-long id', { ...pending, customerUuid: 'x'.repeat(256) }],
  ])('refuses to save %s', (_label, value) => {
    expect(savePendingVerification(value)).toBe(false);
    expect(sessionStorage.getItem(PENDING_VERIFICATION_KEY)).toBeNull();
  });

  it.each([
    ['not JSON', '{"token":'],
    ['an array', '[]'],
    ['a missing field', JSON.stringify({ token: 't', verifyUuid: 'v' })],
    ['a wrong type', JSON.stringify({ ...pending, token: 7 })],
    ['null', 'null'],
  ])('reads %s as nothing and removes it', (_label, raw) => {
    sessionStorage.setItem(PENDING_VERIFICATION_KEY, raw);
    expect(readPendingVerification()).toBeNull();
    expect(sessionStorage.getItem(PENDING_VERIFICATION_KEY)).toBeNull();
  });

  it.each([
    ['another origin', '//evil.example/steal'],
    ['a backslash host', '/\\evil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['an absolute URL', 'https://evil.example/'],
    ['a space', '/a b'],
    ['an over-long path', `/${'a'.repeat(2048)}`],
  ])('keeps no return page that is %s', (_label, returnTo) => {
    expect(savePendingVerification({ ...pending, returnTo })).toBe(true);
    expect(readPendingVerification()).toEqual(pending);
    sessionStorage.setItem(PENDING_VERIFICATION_KEY, JSON.stringify({ ...pending, returnTo }));
    expect(readPendingVerification()).toEqual(pending);
  });

  it('drops extra fields on read', () => {
    sessionStorage.setItem(PENDING_VERIFICATION_KEY, JSON.stringify({ ...pending, extra: 'x' }));
    expect(readPendingVerification()).toEqual(pending);
  });

  it('tolerates blocked or missing storage', () => {
    const blocked: VerificationStorage = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    expect(savePendingVerification(pending, blocked)).toBe(false);
    expect(readPendingVerification(blocked)).toBeNull();
    expect(() => clearPendingVerification(blocked)).not.toThrow();
    expect(savePendingVerification(pending, null)).toBe(false);
    expect(readPendingVerification(null)).toBeNull();
  });

  it('tolerates a sessionStorage getter that throws', () => {
    const spy = vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(savePendingVerification(pending)).toBe(false);
    expect(readPendingVerification()).toBeNull();
    expect(() => clearPendingVerification()).not.toThrow();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
