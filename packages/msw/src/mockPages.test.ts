/**
 * The static pages in `packages/msw/mock-3ds/` (shipped in the package; they cannot import it). Each page's inline
 * script runs here against its own parsed document and a fake window, so popup, iframe and
 * full-page redirect modes can all be simulated.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  CHALLENGE_MAILBOX_PREFIX,
  CHALLENGE_PAGE_PATH,
  MOCK_3DS_PATH,
  RETURN_PAGE_PATH,
} from './index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function readPage(path: string): string {
  return readFileSync(join(root, 'packages/msw', path), 'utf8');
}

describe('the copies in public/ (the demo and Storybook serve them)', () => {
  it.each([CHALLENGE_PAGE_PATH, RETURN_PAGE_PATH])(
    'public%s is what savedcards-msw init writes',
    (path) => {
      // Regenerate with: node packages/msw/bin/savedcards-msw.mjs init public --no-worker
      expect(readFileSync(join(root, 'public', path), 'utf8')).toBe(readPage(path));
    },
  );
});

const ORIGIN = 'http://127.0.0.1:5173';

interface Frame {
  mode: 'top' | 'popup' | 'iframe';
  openerClosed?: boolean;
  historyLength?: number;
}

function load(path: string, search: string, frame: Frame = { mode: 'top' }) {
  const html = readPage(path);
  const document = new DOMParser().parseFromString(html, 'text/html');
  const script = document.querySelector('script')?.textContent ?? '';
  const href = `${ORIGIN}${path}${search}`;
  const url = new URL(href);
  const location = {
    href,
    origin: url.origin,
    search: url.search,
    assign: vi.fn(),
    replace: vi.fn(),
  };
  const storage = new Map<string, string>();
  const localStorage = {
    setItem: (key: string, value: string) => storage.set(key, value),
    getItem: (key: string) => storage.get(key) ?? null,
  };
  const fetch = vi.fn(async () => new Response('{}'));
  const history = { length: frame.historyLength ?? 1, back: vi.fn() };
  const parentPost = vi.fn();
  const openerPost = vi.fn();
  const win: Record<string, unknown> = { close: vi.fn() };
  win.parent = frame.mode === 'iframe' ? { postMessage: parentPost } : win;
  win.opener =
    frame.mode === 'popup'
      ? { postMessage: openerPost, closed: frame.openerClosed ?? false }
      : null;
  const run = new Function(
    'window',
    'document',
    'location',
    'localStorage',
    'fetch',
    'history',
    script,
  );
  run(win, document, location, localStorage, fetch, history);
  return { document, location, storage, fetch, history, win, parentPost, openerPost };
}

const click = (document: Document, id: string) =>
  document.getElementById(id)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe(`challenge page (${CHALLENGE_PAGE_PATH})`, () => {
  const search = `?verify_uuid=00000000-0000-4000-9000-000000000002&base=${encodeURIComponent('/api/wonder')}&success_url=${encodeURIComponent(`${ORIGIN}/mock-3ds/return.html?ok=1`)}&fail_url=${encodeURIComponent(`${ORIGIN}/mock-3ds/return.html?ok=0`)}`;

  it('is an accessible page: a main with an h1, text saying it is a mock, three named buttons', () => {
    const { document } = load(CHALLENGE_PAGE_PATH, search);
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Simulated 3-D Secure');
    const main = document.querySelector('main');
    expect(main?.querySelector('h1')?.textContent).toBe('Simulated 3-D Secure');
    expect(main?.textContent).toMatch(/mock/);
    const buttons = [...document.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Approve', 'Decline', 'Close']);
    for (const button of document.querySelectorAll('button')) {
      expect(button.getAttribute('type')).toBe('button');
    }
    expect(document.querySelector('[role="status"]')).not.toBeNull();
  });

  it.each([
    ['approve', 'approve', `${ORIGIN}/mock-3ds/return.html?ok=1`],
    ['decline', 'decline', `${ORIGIN}/mock-3ds/return.html?ok=0`],
  ])(
    '%s: leaves the decision in the mailbox, posts it, then goes to the return url',
    async (id, decision, returnUrl) => {
      const page = load(CHALLENGE_PAGE_PATH, search, { mode: 'popup' });
      click(page.document, id);
      await flush();
      expect(
        page.storage.get(`${CHALLENGE_MAILBOX_PREFIX}00000000-0000-4000-9000-000000000002`),
      ).toBe(decision);
      expect(page.fetch).toHaveBeenCalledExactlyOnceWith(
        new URL(`${ORIGIN}/api/wonder${MOCK_3DS_PATH}/00000000-0000-4000-9000-000000000002`),
        expect.objectContaining({ method: 'POST', body: JSON.stringify({ decision }) }),
      );
      await vi.waitFor(() => expect(page.location.assign).toHaveBeenCalledWith(returnUrl));
      expect((page.document.getElementById('approve') as HTMLButtonElement).disabled).toBe(true);
      expect(page.document.getElementById('status')?.textContent).not.toBe('');
    },
  );

  it('still goes on when the decision post fails (a popup msw does not answer)', async () => {
    const page = load(CHALLENGE_PAGE_PATH, search, { mode: 'popup' });
    page.fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    click(page.document, 'approve');
    await vi.waitFor(() => expect(page.location.assign).toHaveBeenCalledOnce());
  });

  it('never posts to another origin and never follows a javascript: return url', async () => {
    const page = load(
      CHALLENGE_PAGE_PATH,
      `?verify_uuid=v-1&base=${encodeURIComponent('https://evil.example/api')}&success_url=${encodeURIComponent('javascript:alert(1)')}`,
    );
    click(page.document, 'approve');
    await vi.waitFor(() => expect(page.location.assign).toHaveBeenCalledOnce());
    expect(page.fetch).not.toHaveBeenCalled();
    expect(page.location.assign).toHaveBeenCalledWith(`${ORIGIN}/mock-3ds/return.html?ok=1`);
  });

  it('Close in a popup closes it without deciding', () => {
    const page = load(CHALLENGE_PAGE_PATH, search, { mode: 'popup' });
    click(page.document, 'close');
    expect(page.win.close).toHaveBeenCalledOnce();
    expect(page.storage.size).toBe(0);
    expect(page.location.assign).not.toHaveBeenCalled();
  });

  it('Close after a full-page redirect goes back without deciding', () => {
    const page = load(CHALLENGE_PAGE_PATH, search, { mode: 'top', historyLength: 3 });
    click(page.document, 'close');
    expect(page.history.back).toHaveBeenCalledOnce();
    expect(page.storage.size).toBe(0);
  });

  it('Close in an iframe says so and leaves the card pending', () => {
    const page = load(CHALLENGE_PAGE_PATH, search, { mode: 'iframe' });
    click(page.document, 'close');
    expect(page.document.getElementById('status')?.textContent).toMatch(/closed/i);
    expect(page.storage.size).toBe(0);
    expect(page.location.assign).not.toHaveBeenCalled();
  });

  it('without a valid verify uuid, Approve and Decline are disabled', () => {
    const page = load(CHALLENGE_PAGE_PATH, '?verify_uuid=%3Cscript%3E');
    expect((page.document.getElementById('approve') as HTMLButtonElement).disabled).toBe(true);
    expect((page.document.getElementById('decline') as HTMLButtonElement).disabled).toBe(true);
    expect(page.document.getElementById('status')?.textContent).toMatch(/verify_uuid/);
  });
});

describe(`return page (${RETURN_PAGE_PATH})`, () => {
  it.each([
    ['?ok=1', 'success'],
    ['?ok=0', 'failed'],
    ['?status=success', 'success'],
    ['?status=fail', 'failed'],
    ['', 'unknown'],
  ])('popup %s: posts %s to the opener on its own origin and closes', (search, outcome) => {
    const page = load(RETURN_PAGE_PATH, search, { mode: 'popup' });
    expect(page.openerPost).toHaveBeenCalledExactlyOnceWith(
      { type: 'savedcards:3ds-return', outcome },
      ORIGIN,
    );
    expect(page.win.close).toHaveBeenCalledOnce();
    expect(page.location.replace).not.toHaveBeenCalled();
  });

  it('iframe: posts to the parent and stays', () => {
    const page = load(RETURN_PAGE_PATH, '?ok=1', { mode: 'iframe' });
    expect(page.parentPost).toHaveBeenCalledExactlyOnceWith(
      { type: 'savedcards:3ds-return', outcome: 'success' },
      ORIGIN,
    );
    expect(page.win.close).not.toHaveBeenCalled();
    expect(page.document.querySelector('main h1')?.textContent).toBe('Returning from 3-D Secure');
  });

  it('redirect: goes back to ?next= with #3ds-return=<outcome>', () => {
    const next = `${ORIGIN}/iframe.html?id=addcardflow--redirect`;
    const page = load(RETURN_PAGE_PATH, `?ok=0&next=${encodeURIComponent(next)}`);
    expect(page.location.replace).toHaveBeenCalledExactlyOnceWith(
      `${ORIGIN}/iframe.html?id=addcardflow--redirect#3ds-return=failed`,
    );
  });

  it("redirect: keeps the page's own route (its hash) and query", () => {
    const next = `${ORIGIN}/?verify=redirect&scenario=slow#/manage`;
    const page = load(RETURN_PAGE_PATH, `?ok=1&next=${encodeURIComponent(next)}`);
    expect(page.location.replace).toHaveBeenCalledExactlyOnceWith(next);
  });

  it('redirect: prefers the page kept with the pending verification, on this origin only', () => {
    const key = 'savedcards:pending-verification';
    try {
      sessionStorage.setItem(
        key,
        JSON.stringify({ token: 't', returnTo: '/shop?lang=zh-HK#/manage' }),
      );
      expect(load(RETURN_PAGE_PATH, '?ok=1').location.replace).toHaveBeenCalledWith(
        `${ORIGIN}/shop?lang=zh-HK#/manage`,
      );
      sessionStorage.setItem(key, JSON.stringify({ token: 't', returnTo: '//evil.example/x' }));
      expect(load(RETURN_PAGE_PATH, '?ok=1').location.replace).toHaveBeenCalledWith(
        `${ORIGIN}/#3ds-return=success`,
      );
    } finally {
      sessionStorage.removeItem(key);
    }
  });

  it('redirect: a ?next= on another origin is ignored for the site root', () => {
    const page = load(
      RETURN_PAGE_PATH,
      `?ok=1&next=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(page.location.replace).toHaveBeenCalledExactlyOnceWith(`${ORIGIN}/#3ds-return=success`);
  });

  it('a popup whose opener is gone counts as a redirect', () => {
    const page = load(RETURN_PAGE_PATH, '?ok=1', { mode: 'popup', openerClosed: true });
    expect(page.openerPost).not.toHaveBeenCalled();
    expect(page.location.replace).toHaveBeenCalledWith(`${ORIGIN}/#3ds-return=success`);
  });
});
