import {
  DEMO_CUSTOMER,
  DEMO_ORDER,
  DEMO_TOKENS,
  decidePaymentChallenge,
  PAYMENT_SCENARIO_CARDS,
} from '@savedcards/msw';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWrapper } from '../../../test/render';
import { db } from '../../../test/server';
import { usePayWithSavedCard } from './index.js';

afterEach(() => vi.restoreAllMocks());

function challengeToken(): string {
  const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === 'challenge-approve');
  return db.addToken(DEMO_CUSTOMER.uuid, { number: card?.number ?? '' }).token;
}

function popupStub() {
  const popup = {
    closed: false,
    opener: window as Window | null,
    close: vi.fn(() => {
      popup.closed = true;
    }),
    location: { href: 'about:blank', replace: vi.fn() },
    document: { title: '', body: { textContent: '' } },
  };
  const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
  return { popup, open };
}

function mount() {
  const { Wrapper } = createWrapper();
  return renderHook(
    () =>
      usePayWithSavedCard({
        orderId: DEMO_ORDER.id,
        poll: { initialMs: 5, factor: 1, maxMs: 5 },
        verification: { mode: 'popup', allowedVerifyOrigins: [window.location.origin] },
      }),
    { wrapper: Wrapper },
  );
}

describe('usePayWithSavedCard', () => {
  it('opens no window for a payment that needs no challenge', async () => {
    const { open } = popupStub();
    const { result } = mount();
    await act(() => result.current.pay(DEMO_TOKENS.visa));
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'));
    expect(open).not.toHaveBeenCalled();
  });

  it('opens the bank page in a popup with its opener cut, then reads the outcome when it closes', async () => {
    const { popup, open } = popupStub();
    const { result } = mount();
    await act(() => result.current.pay(challengeToken()));
    await waitFor(() => expect(result.current.state.status).toBe('verifying'));
    expect(open).toHaveBeenCalledTimes(1);
    expect(popup.opener).toBeNull();
    const state = result.current.state;
    if (state.status !== 'verifying') throw new Error(state.status);
    expect(popup.location.replace).toHaveBeenCalledWith(state.redirectUrl);
    expect(result.current.verification.view).toBe('popup');

    decidePaymentChallenge(db, state.result.transaction_uuid ?? '', 'approve');
    popup.closed = true; // the cardholder is done; the hook notices the closed window
    await waitFor(() => expect(result.current.state.status).toBe('succeeded'), { timeout: 2000 });
  });

  it('a blocked popup becomes the blocked view; openPopup from a click opens it', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { result } = mount();
    await act(() => result.current.pay(challengeToken()));
    await waitFor(() => expect(result.current.verification.view).toBe('blocked'));
    expect(open).toHaveBeenCalled();
    const { popup } = popupStub();
    act(() => result.current.verification.openPopup());
    expect(popup.location.replace).toHaveBeenCalled();
    expect(result.current.state.status).toBe('verifying');
  });
});
