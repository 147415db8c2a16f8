import { GatewayError, savedCardsKeys, selectUsableCards } from '@savedcards/core';
import { createGatewayHandlers, DEMO_CUSTOMER, DEMO_TOKENS } from '@savedcards/msw';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { countRequests, createWrapper } from '../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import { useCustomer, usePaymentTokens } from './index.js';

const LIST = /^GET \/customers\/[^/]+\/payment_tokens$/;
const CUSTOMER = /^GET \/customers\/[^/]+$/;

describe('usePaymentTokens', () => {
  it('lists every token of the customer, normalised, in the gateway order', async () => {
    const { Wrapper } = createWrapper();
    const { result } = renderHook(() => usePaymentTokens(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const cards = result.current.data ?? [];
    expect(cards.map((card) => card.token)).toEqual(Object.values(DEMO_TOKENS));
    expect(cards.map((card) => [card.brand, card.last4, card.state, card.expiry])).toEqual([
      ['visa', '4242', 'success', 'valid'],
      ['mastercard', '4444', 'success', 'expiring'],
      ['amex', '0005', 'success', 'expired'],
      ['visa', '1091', 'pending', 'valid'],
      ['mastercard', '0008', 'failed', 'valid'],
      ['unionpay', '8599', 'success', 'valid'],
    ]);
    expect(cards.filter((card) => card.isDefault).map((card) => card.token)).toEqual([
      DEMO_TOKENS.visa,
    ]);
  });

  it('selects usable cards, default first, with selectUsableCards', async () => {
    db.updateToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa, { state: 'pending' });
    db.setDefaultToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.unionpay);
    const { Wrapper } = createWrapper();
    const { result } = renderHook(() => usePaymentTokens({ select: selectUsableCards }), {
      wrapper: Wrapper,
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.map((card) => card.token)).toEqual([
      DEMO_TOKENS.unionpay,
      DEMO_TOKENS.mastercard,
    ]);
  });

  it('keeps the tokens under the key factory’s list key', async () => {
    const { Wrapper, queryClient } = createWrapper();
    const { result } = renderHook(() => usePaymentTokens(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const cached = queryClient.getQueryData(savedCardsKeys.paymentTokenList(DEMO_CUSTOMER.uuid));
    expect(cached).toBe(result.current.data);
  });

  it('with old responses (no default flag) learns the default from one shared customer request', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-b' }));
    const requests = countRequests();
    const { Wrapper } = createWrapper();
    const { result } = renderHook(() => ({ tokens: usePaymentTokens(), customer: useCustomer() }), {
      wrapper: Wrapper,
    });
    await waitFor(() => expect(result.current.tokens.isSuccess).toBe(true));
    await waitFor(() => expect(result.current.customer.isSuccess).toBe(true));
    requests.stop();
    const defaults = result.current.tokens.data?.filter((card) => card.isDefault);
    expect(defaults?.map((card) => card.token)).toEqual([DEMO_TOKENS.visa]);
    expect(result.current.tokens.data?.[0]?.expYear).toBeGreaterThan(2000);
    expect(requests.count(LIST)).toBe(1);
    expect(requests.count(CUSTOMER)).toBe(1);
  });

  it('with new responses makes no customer request at all', async () => {
    const requests = countRequests();
    const { Wrapper } = createWrapper();
    const { result } = renderHook(() => usePaymentTokens(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    requests.stop();
    expect(requests.seen).toEqual([`GET /customers/${DEMO_CUSTOMER.uuid}/payment_tokens`]);
  });

  it('does not retry a gateway refusal, and does retry a server error', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/svc/payment/api/v1/openapi/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({ error_code: 'E400001', error_message: 'Bad request' }, { status: 400 }),
      ),
    );
    const requests = countRequests();
    const { Wrapper } = createWrapper({ retry: 2 });
    const { result } = renderHook(() => usePaymentTokens(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(GatewayError);
    expect(result.current.error).toMatchObject({ kind: 'gateway', code: 'E400001', status: 400 });
    expect(requests.count(LIST)).toBe(1);

    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'server-error' }));
    const retried = createWrapper({ retry: 1 });
    const second = renderHook(() => usePaymentTokens(), { wrapper: retried.Wrapper });
    await waitFor(() => expect(second.result.current.isError).toBe(true), { timeout: 4000 });
    requests.stop();
    expect(second.result.current.error).toMatchObject({ status: 500 });
    expect(requests.count(LIST)).toBe(3);
  });

  it('reports a malformed reply as an invalid response', async () => {
    server.use(
      ...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'malformed-json' }),
    );
    const { Wrapper } = createWrapper();
    const { result } = renderHook(() => usePaymentTokens(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ kind: 'invalid-response' });
  });
});

describe('useCustomer', () => {
  it('reads the provider’s customer', async () => {
    const { Wrapper } = createWrapper();
    const { result } = renderHook(() => useCustomer(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({
      uuid: DEMO_CUSTOMER.uuid,
      referenceNumber: DEMO_CUSTOMER.referenceNumber,
      name: DEMO_CUSTOMER.name,
      defaultToken: DEMO_TOKENS.visa,
    });
  });

  it('fails clearly for an unknown customer', async () => {
    const { Wrapper } = createWrapper({ customerUuid: 'no-such-customer' });
    const { result } = renderHook(() => useCustomer(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ kind: 'gateway', status: 404 });
  });
});
