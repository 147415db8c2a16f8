import {
  createGatewayClient,
  GatewayError,
  listPaymentTokens,
  type SavedCard,
  savedCardsKeys,
  sealCard,
} from '@savedcards/core';
import { createGatewayHandlers, DEMO_CUSTOMER, DEMO_TOKENS, OPENAPI_PREFIX } from '@savedcards/msw';
import { delay, http } from 'msw';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { countRequests, createWrapper } from '../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  useCreatePaymentToken,
  useCustomer,
  useDeletePaymentToken,
  usePaymentTokens,
  useSetDefaultPaymentToken,
} from './index.js';

const UPSERT = /^POST \/customers$/;
const DELETE = /^DELETE \/customers\/[^/]+\/payment_tokens$/;

function useScenario(scenario: Parameters<typeof createGatewayHandlers>[0]['scenario']) {
  server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario }));
}

/** The hooks under test, mounted over a loaded token list and customer. */
async function mountManage() {
  const wrapper = createWrapper();
  const view = renderHook(
    () => ({
      tokens: usePaymentTokens(),
      customer: useCustomer(),
      setDefault: useSetDefaultPaymentToken(),
      remove: useDeletePaymentToken(),
    }),
    { wrapper: wrapper.Wrapper },
  );
  await waitFor(() => expect(view.result.current.tokens.isSuccess).toBe(true));
  await waitFor(() => expect(view.result.current.customer.isSuccess).toBe(true));
  return { ...view, queryClient: wrapper.queryClient };
}

const defaults = (cards: SavedCard[] | undefined) =>
  cards?.filter((card) => card.isDefault).map((card) => card.token);

/** The token list as the server has it now, normalised the same way. */
const serverTruth = () =>
  listPaymentTokens(createGatewayClient({ baseUrl: TEST_BASE_URL }), DEMO_CUSTOMER.uuid);

describe('useSetDefaultPaymentToken', () => {
  it('shows the new default at once, before the gateway answers, then keeps it', async () => {
    const { result } = await mountManage();
    useScenario({ latencyMs: 200 });
    act(() => result.current.setDefault.mutate({ token: DEMO_TOKENS.unionpay }));
    await waitFor(() =>
      expect(defaults(result.current.tokens.data)).toEqual([DEMO_TOKENS.unionpay]),
    );
    expect(result.current.customer.data?.defaultToken).toBe(DEMO_TOKENS.unionpay);
    expect(result.current.setDefault.isPending).toBe(true);
    await waitFor(() => expect(result.current.setDefault.isSuccess).toBe(true));
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token).toBe(
      DEMO_TOKENS.unionpay,
    );
    expect(defaults(result.current.tokens.data)).toEqual([DEMO_TOKENS.unionpay]);
  });

  it('changes only the old and the new default card; the others keep their identity (structural sharing)', async () => {
    const { result } = await mountManage();
    const before = result.current.tokens.data ?? [];
    useScenario({ latencyMs: 200 });
    act(() => result.current.setDefault.mutate({ token: DEMO_TOKENS.unionpay }));
    await waitFor(() =>
      expect(defaults(result.current.tokens.data)).toEqual([DEMO_TOKENS.unionpay]),
    );
    const changed = new Set([DEMO_TOKENS.visa, DEMO_TOKENS.unionpay]);
    const after = result.current.tokens.data ?? [];
    expect(after).toHaveLength(before.length);
    after.forEach((card, index) => {
      if (changed.has(card.token)) {
        expect(card).not.toBe(before[index]);
      } else {
        expect(card).toBe(before[index]);
      }
    });
    // The refetch after the write brings equal data: structural sharing keeps every card.
    await waitFor(() => expect(result.current.setDefault.isSuccess).toBe(true));
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    expect(result.current.tokens.data).toEqual(after);
    for (const [index, card] of (result.current.tokens.data ?? []).entries()) {
      expect(card).toBe(after[index]);
    }
  });

  it('costs one write and one list read; the write’s answer updates the customer', async () => {
    const { result } = await mountManage();
    const requests = countRequests();
    await act(() => result.current.setDefault.mutateAsync({ token: DEMO_TOKENS.unionpay }));
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    requests.stop();
    expect(requests.seen.sort()).toEqual([
      `GET /customers/${DEMO_CUSTOMER.uuid}/payment_tokens`,
      'POST /customers',
    ]);
    expect(result.current.customer.data?.defaultToken).toBe(DEMO_TOKENS.unionpay);
  });

  it('rolls back to exactly the server’s state when the gateway fails', async () => {
    const { result, queryClient } = await mountManage();
    const before = queryClient.getQueryData(savedCardsKeys.paymentTokenList(DEMO_CUSTOMER.uuid));
    useScenario({ failure: { kind: 'server-error', operations: ['upsertCustomer'] } });
    let failure: unknown;
    await act(() =>
      result.current.setDefault.mutateAsync({ token: DEMO_TOKENS.mastercard }).catch((error) => {
        failure = error;
      }),
    );
    expect(failure).toBeInstanceOf(GatewayError);
    expect(result.current.setDefault.error).toBe(failure);
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    expect(result.current.tokens.data).toEqual(before);
    expect(result.current.tokens.data).toEqual(await serverTruth());
    expect(result.current.customer.data?.defaultToken).toBe(DEMO_TOKENS.visa);
  });

  it('ends with the last of two quick choices, sending them in order', async () => {
    const { result } = await mountManage();
    // The first choice's request is the slow one: only sending in order makes the second win.
    server.use(
      http.post(`${TEST_BASE_URL}${OPENAPI_PREFIX}/customers`, async ({ request }) => {
        const body = (await request.clone().json()) as { customer: Record<string, string> };
        if (body.customer.default_payment_token === DEMO_TOKENS.mastercard) {
          await delay(150);
        }
        return undefined;
      }),
    );
    const requests = countRequests();
    const first = result.current.setDefault.mutateAsync({ token: DEMO_TOKENS.mastercard });
    const second = result.current.setDefault.mutateAsync({ token: DEMO_TOKENS.unionpay });
    await act(() => Promise.all([first, second]));
    requests.stop();
    expect(requests.count(UPSERT)).toBe(2);
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token).toBe(
      DEMO_TOKENS.unionpay,
    );
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    expect(defaults(result.current.tokens.data)).toEqual([DEMO_TOKENS.unionpay]);
  });

  it('sends one request for a double click', async () => {
    const { result } = await mountManage();
    const requests = countRequests();
    act(() => {
      result.current.setDefault.mutate({ token: DEMO_TOKENS.unionpay });
      result.current.setDefault.mutate({ token: DEMO_TOKENS.unionpay });
    });
    await waitFor(() => expect(result.current.setDefault.isSuccess).toBe(true));
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    requests.stop();
    expect(requests.count(UPSERT)).toBe(1);
  });
});

describe('useDeletePaymentToken', () => {
  it('removes the card at once and clears the default when it was the default', async () => {
    const { result } = await mountManage();
    useScenario({ latencyMs: 200 });
    act(() => result.current.remove.mutate({ token: DEMO_TOKENS.visa }));
    await waitFor(() =>
      expect(result.current.tokens.data?.map((card) => card.token)).not.toContain(DEMO_TOKENS.visa),
    );
    expect(result.current.customer.data?.defaultToken).toBeUndefined();
    expect(result.current.remove.isPending).toBe(true);
    await waitFor(() => expect(result.current.remove.isSuccess).toBe(true));
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(5);
  });

  it('puts the card back where it was when the gateway fails', async () => {
    const { result } = await mountManage();
    const before = result.current.tokens.data;
    useScenario({ failure: { kind: 'network-error', operations: ['deleteToken'] } });
    await act(() =>
      result.current.remove.mutateAsync({ token: DEMO_TOKENS.mastercard }).catch(() => {}),
    );
    expect(result.current.remove.error).toMatchObject({ kind: 'network' });
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    expect(result.current.tokens.data).toEqual(before);
    expect(result.current.tokens.data).toEqual(await serverTruth());
  });

  it('sends one request for a double click', async () => {
    const { result } = await mountManage();
    const requests = countRequests();
    await act(() =>
      Promise.all([
        result.current.remove.mutateAsync({ token: DEMO_TOKENS.amex }),
        result.current.remove.mutateAsync({ token: DEMO_TOKENS.amex }),
      ]),
    );
    requests.stop();
    expect(requests.count(DELETE)).toBe(1);
  });

  it('is not undone by a refetch that was in flight when the card was removed', async () => {
    const { result, queryClient } = await mountManage();
    useScenario({ latencyMs: 100 });
    const seen: boolean[] = [];
    const unsubscribe = queryClient.getQueryCache().subscribe(() => {
      const cards = queryClient.getQueryData<SavedCard[]>(
        savedCardsKeys.paymentTokenList(DEMO_CUSTOMER.uuid),
      );
      seen.push(cards?.some((card) => card.token === DEMO_TOKENS.unionpay) ?? false);
    });
    act(() => {
      void queryClient.refetchQueries({
        queryKey: savedCardsKeys.paymentTokens(DEMO_CUSTOMER.uuid),
      });
    });
    await act(() => result.current.remove.mutateAsync({ token: DEMO_TOKENS.unionpay }));
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    unsubscribe();
    const removedAt = seen.indexOf(false);
    expect(removedAt).toBeGreaterThan(-1);
    expect(seen.slice(removedAt)).not.toContain(true);
    expect(result.current.tokens.data?.map((card) => card.token)).not.toContain(
      DEMO_TOKENS.unionpay,
    );
  });

  it('keeps a concurrent write’s optimistic state when another write fails, then ends at the server’s truth', async () => {
    const { result } = await mountManage();
    useScenario({ latencyMs: 80, failure: { kind: 'server-error', operations: ['deleteToken'] } });
    const remove = result.current.remove.mutateAsync({ token: DEMO_TOKENS.amex }).catch(() => {});
    const setDefault = result.current.setDefault.mutateAsync({ token: DEMO_TOKENS.unionpay });
    await act(() => Promise.all([remove, setDefault]));
    await waitFor(() => expect(result.current.tokens.isFetching).toBe(false));
    expect(result.current.tokens.data).toEqual(await serverTruth());
    expect(result.current.tokens.data?.map((card) => card.token)).toContain(DEMO_TOKENS.amex);
    expect(defaults(result.current.tokens.data)).toEqual([DEMO_TOKENS.unionpay]);
  });
});

describe('optimistic writes next to a card being added', () => {
  it('still rolls back a failed set-default while a create is pending', async () => {
    const wrapper = createWrapper();
    const { result } = renderHook(
      () => ({
        customer: useCustomer(),
        tokens: usePaymentTokens(),
        setDefault: useSetDefaultPaymentToken(),
        create: useCreatePaymentToken(),
      }),
      { wrapper: wrapper.Wrapper },
    );
    await waitFor(() => expect(result.current.customer.isSuccess).toBe(true));
    server.use(
      http.post(`${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`, async () => {
        await delay(300);
        return undefined;
      }),
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        scenario: { failure: { kind: 'server-error', operations: ['upsertCustomer'] } },
      }),
    );
    const creating = result.current.create.mutateAsync(
      sealCard({
        number: '4242424242424242',
        expMonth: 4,
        expYear: 2031,
        holderName: 'A',
        cvc: '123',
      }),
    );
    await act(() =>
      result.current.setDefault.mutateAsync({ token: DEMO_TOKENS.unionpay }).catch(() => {}),
    );
    expect(result.current.customer.data?.defaultToken).toBe(DEMO_TOKENS.visa);
    expect(defaults(result.current.tokens.data)).toEqual([DEMO_TOKENS.visa]);
    await act(() => creating);
  });
});
