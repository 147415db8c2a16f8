import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWrapper } from '../../../test/render';
import {
  useAddCard,
  useVerificationWindow,
  type VerificationChallenge,
  type VerificationFlow,
  type VerificationMode,
} from './index.js';

const card = {
  number: '4000000000003220',
  expMonth: '04',
  expYear: '2031',
  holderName: 'Tai Man Chan',
  cvc: '737',
};

/** What `window.open` hands back, as far as the hook uses it. */
function fakePopup() {
  const popup = {
    closed: false,
    opener: window as Window | null,
    /** What `opener` was when the popup was sent to the bank. */
    openerAtNavigation: undefined as Window | null | undefined,
    close: vi.fn(function (this: { closed: boolean }) {
      this.closed = true;
    }),
    location: {
      href: 'about:blank',
      replace: vi.fn((_url: string) => {
        popup.openerAtNavigation = popup.opener;
      }),
    },
    document: { title: '', body: { textContent: '' } },
  };
  return popup;
}

function mount(mode: VerificationMode, verifyHosts?: readonly string[]) {
  const { Wrapper } = createWrapper();
  return renderHook(
    () => {
      const flow = useAddCard({ poll: { initialMs: 20, factor: 1, maxMs: 20 } });
      return {
        flow,
        window3ds: useVerificationWindow(flow, { mode, title: '3-D Secure', verifyHosts }),
      };
    },
    { wrapper: Wrapper },
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('useVerificationWindow', () => {
  it('popup: opens a window (opener cut) only once the card needs a challenge, then sends it to the bank; a closed popup means the cardholder is back', async () => {
    const popup = fakePopup();
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    const { result } = mount('popup');
    await act(async () => {
      await result.current.flow.submit(card);
    });
    expect(open).toHaveBeenCalledWith('', 'savedcards-3ds', expect.any(String));
    expect(popup.document.title).toBe('3-D Secure');
    await waitFor(() => expect(result.current.flow.state.status).toBe('verifying'));
    expect(popup.location.replace).toHaveBeenCalledWith(expect.stringMatching(/^https:/));
    // The opener was cut before the bank's page loaded: it can never navigate the checkout.
    expect(popup.openerAtNavigation).toBeNull();
    expect(result.current.window3ds.view).toBe('popup');
    popup.closed = true;
    await waitFor(() => expect(result.current.flow.state.status).toBe('polling'), {
      timeout: 2000,
    });
    expect(result.current.window3ds.view).toBe('none');
  });

  it('popup: a card that needs no challenge opens no window at all', async () => {
    const open = vi.spyOn(window, 'open');
    const { result } = mount('popup');
    await act(async () => {
      await result.current.flow.submit({ ...card, number: '4242424242424242' });
    });
    await waitFor(() => expect(result.current.flow.state.status).toBe('success'));
    expect(open).not.toHaveBeenCalled();
    expect(result.current.window3ds.view).toBe('none');
  });

  it('popup blocked: waits with view "blocked" until openPopup() opens it from a click', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { result } = mount('popup');
    await act(async () => {
      await result.current.flow.submit(card);
    });
    await waitFor(() => expect(result.current.window3ds.view).toBe('blocked'));
    expect(result.current.flow.state).toMatchObject({
      status: 'requires_verification',
      popupBlocked: true,
    });
    const popup = fakePopup();
    open.mockReturnValue(popup as unknown as Window);
    act(() => result.current.window3ds.openPopup());
    expect(open).toHaveBeenLastCalledWith('', 'savedcards-3ds', expect.any(String));
    expect(popup.location.replace).toHaveBeenCalledWith(expect.stringMatching(/^https:/));
    expect(popup.openerAtNavigation).toBeNull();
    expect(result.current.flow.state.status).toBe('verifying');
    act(() => result.current.flow.cancel());
    await waitFor(() => expect(popup.close).toHaveBeenCalled());
  });

  it('iframe: gives the frame its src and title once the challenge is open', async () => {
    const open = vi.spyOn(window, 'open');
    const { result } = mount('iframe');
    await act(async () => {
      await result.current.flow.submit(card);
    });
    await waitFor(() => expect(result.current.window3ds.view).toBe('frame'));
    expect(result.current.window3ds.frameProps).toMatchObject({
      src: expect.stringMatching(/^https:/),
      title: '3-D Secure',
      referrerPolicy: 'no-referrer',
    });
    // Sandboxed: scripts, forms and its own storage, but no top navigation and no popups.
    const sandbox = result.current.window3ds.frameProps?.sandbox.split(' ') ?? [];
    expect(sandbox).toEqual(expect.arrayContaining(['allow-scripts', 'allow-forms']));
    expect(sandbox.some((token) => token.startsWith('allow-top-navigation'))).toBe(false);
    expect(sandbox).not.toContain('allow-popups');
    expect(open).not.toHaveBeenCalled();
  });

  it('popup: reads the outcome from the return page once the popup is back on our origin', async () => {
    const popup = fakePopup();
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    const { result } = mount('popup');
    await act(async () => {
      await result.current.flow.submit(card);
    });
    await waitFor(() => expect(result.current.flow.state.status).toBe('verifying'));
    // The verify page itself, even on our origin (the mock's bank page), is not the return page.
    popup.location.href = new URL(
      popup.location.replace.mock.calls[0]?.[0] ?? '',
      window.location.href,
    ).href;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(popup.close).not.toHaveBeenCalled();
    popup.location.href = `${window.location.origin}/mock-3ds/return.html?ok=1`;
    await waitFor(() => expect(popup.close).toHaveBeenCalled(), { timeout: 2000 });
    expect(['polling', 'success']).toContain(result.current.flow.state.status);
  });

  it('refuses a verify URL outside the allowed hosts, without opening anything', async () => {
    const open = vi.spyOn(window, 'open');
    const { result } = mount('iframe', ['*.wonder.today']);
    await act(async () => {
      await result.current.flow.submit(card);
    });
    await waitFor(() =>
      expect(result.current.flow.state).toMatchObject({
        status: 'failed',
        reason: 'unsafe_verify_url',
      }),
    );
    expect(result.current.window3ds.frameProps).toBeUndefined();
    expect(open).not.toHaveBeenCalled();
  });

  it('drives any flow: a hand-written one opens, blocks, listens and closes by its challenge alone', async () => {
    const popup = fakePopup();
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    const calls: string[] = [];
    const flow = (challenge: VerificationChallenge): VerificationFlow => ({
      challenge,
      verificationOpened: () => calls.push('opened'),
      verificationBlocked: (reason) => calls.push(`blocked:${reason}`),
      verificationReturned: (outcome) => calls.push(`returned:${outcome}`),
      rememberForRedirect: () => true,
    });
    const verifyUrl = 'https://3ds.savedcards-mock.invalid/challenge?id=1';
    const { result, rerender } = renderHook(
      ({ challenge }: { challenge: VerificationChallenge }) =>
        useVerificationWindow(flow(challenge), { title: 'Bank' }),
      { initialProps: { challenge: { step: 'starting' } } },
    );
    expect(open).not.toHaveBeenCalled();
    rerender({ challenge: { step: 'open', verifyUrl: 'javascript:alert(1)' } });
    expect(calls).toEqual(['blocked:unsafe_verify_url']);
    rerender({ challenge: { step: 'open', verifyUrl } });
    expect(popup.location.replace).toHaveBeenCalledWith(verifyUrl);
    expect(calls).toEqual(['blocked:unsafe_verify_url', 'opened']);
    // The same challenge built afresh (a flow that does not memoise it): nothing opens again.
    rerender({ challenge: { step: 'open', verifyUrl } });
    expect(popup.location.replace).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['blocked:unsafe_verify_url', 'opened']);
    rerender({ challenge: { step: 'verifying', verifyUrl } });
    expect(result.current.view).toBe('popup');
    popup.closed = true;
    await waitFor(() => expect(calls).toContain('returned:unknown'), { timeout: 2000 });
    rerender({ challenge: { step: 'open', verifyUrl, popupBlocked: true } });
    expect(result.current.view).toBe('blocked');
    rerender({ challenge: { step: 'none' } });
    expect(result.current.view).toBe('none');
  });
});
