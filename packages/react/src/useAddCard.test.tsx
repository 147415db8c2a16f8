import { type SavedCard, savedCardsKeys } from '@savedcards/core';
import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  decideChallenge,
  MOCK_SECURE_DATA_KEY,
  OPENAPI_PREFIX,
} from '@savedcards/msw';
import { act, renderHook, waitFor } from '@testing-library/react';
import { getResponse, HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countRequests, createWrapper } from '../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import { useAddCard, usePaymentTokens, useTokenStatus } from './index.js';

const card = (number: string) => ({
  number,
  expMonth: '04',
  expYear: '2031',
  holderName: 'Tai Man Chan',
  cvc: '737',
});
const CHECK = /^POST \/customers\/[^/]+\/payment_tokens\/check$/;
const fast = { poll: { initialMs: 20, factor: 1, maxMs: 20 } };

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

function mountFlow(options: Parameters<typeof useAddCard>[0] = fast) {
  const wrapper = createWrapper();
  const view = renderHook(() => ({ flow: useAddCard(options), list: usePaymentTokens() }), {
    wrapper: wrapper.Wrapper,
  });
  return { ...view, queryClient: wrapper.queryClient };
}

const newToken = (before: number) => db.listTokens(DEMO_CUSTOMER.uuid).slice(before)[0];

describe('useAddCard', () => {
  it('saves a frictionless card, lists it, and makes it the default when asked', async () => {
    const { result } = mountFlow();
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    await act(() => result.current.flow.submit(card('5555555555554444'), { setAsDefault: true }));
    expect(result.current.flow.state).toMatchObject({ status: 'success', reason: 'frictionless' });
    const token =
      result.current.flow.state.status === 'success' ? result.current.flow.state.token : '';
    await waitFor(() =>
      expect(result.current.list.data?.find((saved) => saved.token === token)).toMatchObject({
        brand: 'mastercard',
        last4: '4444',
        isDefault: true,
      }),
    );
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token).toBe(token);
  });

  it('costs one create and one list read for a frictionless card', async () => {
    const { result, queryClient } = mountFlow();
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    const requests = countRequests();
    await act(() => result.current.flow.submit(card('5555555555554444')));
    expect(result.current.flow.state).toMatchObject({ status: 'success' });
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    requests.stop();
    expect(requests.seen).toEqual([
      `POST /customers/${DEMO_CUSTOMER.uuid}/payment_tokens`,
      `GET /customers/${DEMO_CUSTOMER.uuid}/payment_tokens`,
    ]);
  });

  it('walks a challenge that is approved to success, polling until then and not after', async () => {
    const { result } = mountFlow();
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    await act(() => result.current.flow.submit(card('4000000000003220')));
    expect(result.current.flow.state).toMatchObject({ status: 'requires_verification' });
    expect(result.current.flow.state).toHaveProperty('verifyUrl', expect.stringMatching(/^https:/));
    const requests = countRequests();
    act(() => result.current.flow.verificationOpened());
    await waitFor(() => expect(requests.count(CHECK)).toBeGreaterThanOrEqual(2));
    const pending = newToken(before);
    decideChallenge(db, pending?.verify_uuid ?? '', 'approve');
    act(() => result.current.flow.verificationReturned('success'));
    await waitFor(() =>
      expect(result.current.flow.state).toMatchObject({ status: 'success', reason: 'verified' }),
    );
    const checksAtEnd = requests.count(CHECK);
    await new Promise((resolve) => setTimeout(resolve, 150));
    requests.stop();
    expect(requests.count(CHECK)).toBe(checksAtEnd);
    await waitFor(() =>
      expect(result.current.list.data?.find((saved) => saved.token === pending?.token)?.state).toBe(
        'success',
      ),
    );
  });

  it('ends in failed when the challenge is declined, with the gateway’s reason', async () => {
    const { result } = mountFlow();
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    await act(() => result.current.flow.submit(card('4000000000003220')));
    act(() => result.current.flow.verificationOpened());
    decideChallenge(db, newToken(before)?.verify_uuid ?? '', 'decline');
    await waitFor(() =>
      expect(result.current.flow.state).toMatchObject({
        status: 'failed',
        reason: 'verification_failed',
      }),
    );
  });

  it('ends in failed with the error when the gateway declines at create', async () => {
    const { result } = mountFlow();
    await act(() => result.current.flow.submit(card('4000000000000002')));
    expect(result.current.flow.state).toMatchObject({ status: 'failed', reason: 'create_error' });
    const state = result.current.flow.state;
    expect(state.status === 'failed' && state.error).toMatchObject({ kind: 'gateway' });
  });

  it('times out when the challenge is abandoned, and stops checking', async () => {
    const { result } = mountFlow({ ...fast, timeoutMs: 200 });
    await act(() => result.current.flow.submit(card('4000000000003063')));
    act(() => result.current.flow.verificationOpened());
    await waitFor(() => expect(result.current.flow.state.status).toBe('timed_out'), {
      timeout: 2000,
    });
    const requests = countRequests();
    await new Promise((resolve) => setTimeout(resolve, 150));
    requests.stop();
    expect(requests.count(CHECK)).toBe(0);
  });

  it('can be cancelled, and then stops checking', async () => {
    const { result } = mountFlow();
    await act(() => result.current.flow.submit(card('4000000000003220')));
    act(() => result.current.flow.verificationOpened());
    act(() => result.current.flow.cancel());
    expect(result.current.flow.state).toMatchObject({ status: 'cancelled' });
    const requests = countRequests();
    await new Promise((resolve) => setTimeout(resolve, 150));
    requests.stop();
    expect(requests.count(CHECK)).toBe(0);
  });

  it('a list read answered after the cancelled token was deleted does not bring its row back', async () => {
    const { result } = mountFlow();
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    await act(() => result.current.flow.submit(card('4000000000003220')));
    const token = 'token' in result.current.flow.state ? result.current.flow.state.token : '';
    expect(result.current.list.data?.some((saved) => saved.token === token)).toBe(true);
    // The list read the cancel starts is answered as the gateway had it then, but only after the
    // delete went through: a stale answer arriving late.
    const mock = createGatewayHandlers({ baseUrl: TEST_BASE_URL, db });
    server.use(
      http.get(
        `${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`,
        async ({ request }) => {
          const stale = await getResponse(mock, request);
          await waitFor(() =>
            expect(db.listTokens(DEMO_CUSTOMER.uuid).some((t) => t.token === token)).toBe(false),
          );
          return stale;
        },
        { once: true },
      ),
    );
    act(() => result.current.flow.cancel());
    await waitFor(() =>
      expect(db.listTokens(DEMO_CUSTOMER.uuid).some((t) => t.token === token)).toBe(false),
    );
    await waitFor(() => expect(result.current.list.isFetching).toBe(false));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(result.current.list.data?.some((saved) => saved.token === token)).toBe(false);
  });

  it('sends one create request for a double submit', async () => {
    const { result } = mountFlow();
    const requests = countRequests();
    await act(() =>
      Promise.all([
        result.current.flow.submit(card('4242424242424242')),
        result.current.flow.submit(card('4242424242424242')),
      ]),
    );
    requests.stop();
    expect(requests.count(/^POST \/customers\/[^/]+\/payment_tokens$/)).toBe(1);
  });

  it('resumes after a full-page redirect from sessionStorage, which holds no card data', async () => {
    const first = mountFlow();
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    await act(() => first.result.current.flow.submit(card('4000000000003220')));
    act(() => first.result.current.flow.rememberForRedirect());
    const stored = JSON.stringify({ ...sessionStorage });
    expect(stored).not.toMatch(/4000000000003220|737/);
    first.unmount();

    decideChallenge(db, newToken(before)?.verify_uuid ?? '', 'approve');
    const second = mountFlow();
    await waitFor(() =>
      expect(second.result.current.flow.state).toMatchObject({ status: 'success' }),
    );
    expect(sessionStorage.length).toBe(0);
  });

  it.each([
    ['none', fast],
    ['secure-data', { ...fast, encryption: 'secure-data', secureDataKeys: [MOCK_SECURE_DATA_KEY] }],
  ] as const)(
    'keeps the card number and CVC out of the query cache, the mutation cache, storage and the console (encryption %s)',
    async (_mode, options) => {
      const log = vi.spyOn(console, 'log');
      const warn = vi.spyOn(console, 'warn');
      const error = vi.spyOn(console, 'error');
      const { result, queryClient } = mountFlow(options);
      const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
      await act(() => result.current.flow.submit(card('4000000000003220')));
      act(() => result.current.flow.rememberForRedirect());
      act(() => result.current.flow.verificationOpened());
      decideChallenge(db, newToken(before)?.verify_uuid ?? '', 'approve');
      await waitFor(() => expect(result.current.flow.state.status).toBe('success'));
      const places = [
        JSON.stringify(
          queryClient
            .getQueryCache()
            .getAll()
            .map((query) => [query.queryKey, query.state]),
        ),
        JSON.stringify(
          queryClient
            .getMutationCache()
            .getAll()
            .map((mutation) => mutation.state),
        ),
        JSON.stringify({ ...sessionStorage }),
        JSON.stringify({ ...localStorage }),
        JSON.stringify([log.mock.calls, warn.mock.calls, error.mock.calls]),
        JSON.stringify(result.current.flow.state),
      ];
      for (const place of places) {
        expect(place).not.toMatch(/4000000000003220|4000 0000 0000 3220|"737"/);
      }
      expect(
        queryClient.getQueryData<SavedCard[]>(savedCardsKeys.paymentTokenList(DEMO_CUSTOMER.uuid)),
      ).toBeDefined();
    },
  );

  it("with encryption: 'secure-data' sends the create as secure_data only", async () => {
    const bodies: string[] = [];
    server.events.on('request:start', async ({ request }) => {
      if (request.method === 'POST') bodies.push(await request.clone().text());
    });
    const { result } = mountFlow({
      ...fast,
      encryption: 'secure-data',
      secureDataKeys: [MOCK_SECURE_DATA_KEY],
    });
    await act(() => result.current.flow.submit(card('5555555555554444')));
    server.events.removeAllListeners();
    expect(result.current.flow.state).toMatchObject({ status: 'success', card: { last4: '4444' } });
    expect(bodies.map((body) => Object.keys(JSON.parse(body)))).toContainEqual(['secure_data']);
    expect(bodies.join()).not.toMatch(/5555555555554444|"737"|Tai Man/);
  });
});

describe('useAddCard: a pending token without a verify uuid (issue 11)', () => {
  /** The gateway answers the create with a pending token that has neither verify URL nor uuid. */
  function createPendingWithoutVerifyUuid() {
    server.use(
      http.post(
        `${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`,
        ({ params }) => {
          const token = db.addToken(String(params.uuid), {
            number: '4000000000003220',
            state: 'pending',
            verify_uuid: null,
            verify_url: null,
          });
          return HttpResponse.json({
            error_code: '',
            error_message: '',
            data: { payment_token: token },
          });
        },
      ),
    );
  }

  it('is checked with the token alone until the gateway says it is saved', async () => {
    createPendingWithoutVerifyUuid();
    const { result } = mountFlow();
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    const requests = countRequests();
    await act(() => result.current.flow.submit(card('4000000000003220')));
    expect(result.current.flow.state.status).toBe('polling');
    await waitFor(() => expect(requests.count(CHECK)).toBeGreaterThanOrEqual(1), { timeout: 1000 });
    db.updateToken(DEMO_CUSTOMER.uuid, newToken(before)?.token ?? '', { state: 'success' });
    await waitFor(
      () =>
        expect(result.current.flow.state).toMatchObject({ status: 'success', reason: 'verified' }),
      { timeout: 1000 },
    );
    requests.stop();
  });

  it('times out when it stays pending, and stops checking', async () => {
    createPendingWithoutVerifyUuid();
    const { result } = mountFlow({ ...fast, timeoutMs: 200 });
    await act(() => result.current.flow.submit(card('4000000000003220')));
    await waitFor(() => expect(result.current.flow.state.status).toBe('timed_out'), {
      timeout: 1000,
    });
    const requests = countRequests();
    await new Promise((resolve) => setTimeout(resolve, 150));
    requests.stop();
    expect(requests.count(CHECK)).toBe(0);
  });
});

describe('useTokenStatus', () => {
  it('does not poll while the tab is hidden, and resumes when it is shown', async () => {
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    const { Wrapper } = createWrapper();
    const flow = renderHook(() => useAddCard(fast), { wrapper: Wrapper });
    await act(() => flow.result.current.submit(card('4000000000003063')));
    const pending = newToken(before);
    flow.unmount();
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const requests = countRequests();
    const { result } = renderHook(
      () => useTokenStatus(pending?.token, pending?.verify_uuid ?? undefined, fast),
      { wrapper: Wrapper },
    );
    await waitFor(() => expect(requests.count(CHECK)).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests.count(CHECK)).toBe(1);
    expect(result.current.status).toBe('polling');
    visibility.mockReturnValue('visible');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(requests.count(CHECK)).toBeGreaterThan(1));
    requests.stop();
  });

  it('checks a token the gateway gave no verify uuid with the token alone', async () => {
    const pending = db.addToken(DEMO_CUSTOMER.uuid, {
      number: '4000000000003220',
      state: 'pending',
      verify_uuid: null,
      verify_url: null,
    });
    const { Wrapper } = createWrapper();
    const { result } = renderHook(() => useTokenStatus(pending.token, undefined, fast), {
      wrapper: Wrapper,
    });
    await waitFor(() => expect(result.current.status).toBe('polling'));
    db.updateToken(DEMO_CUSTOMER.uuid, pending.token, { state: 'success' });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.card).toMatchObject({ token: pending.token, state: 'success' });
  });

  it('never checks a token in a final state again', async () => {
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    const { Wrapper } = createWrapper();
    const flow = renderHook(() => useAddCard(fast), { wrapper: Wrapper });
    await act(() => flow.result.current.submit(card('4000000000003220')));
    const pending = newToken(before);
    decideChallenge(db, pending?.verify_uuid ?? '', 'decline');
    const requests = countRequests();
    const { result } = renderHook(
      () => useTokenStatus(pending?.token, pending?.verify_uuid ?? undefined, fast),
      { wrapper: Wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('failed'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    requests.stop();
    expect(requests.count(CHECK)).toBe(1);
  });
});
