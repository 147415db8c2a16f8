import { createRemovalPolicy, GatewayError, type SavedCard } from '@savedcards/core';
import { createGatewayHandlers, DEMO_TOKENS } from '@savedcards/msw';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createWrapper } from '../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  type CardManagementOutcome,
  type UseCardManagementOptions,
  useCardManagement,
  usePaymentTokens,
} from './index.js';

function useScenario(scenario: Parameters<typeof createGatewayHandlers>[0]['scenario']) {
  server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario }));
}

/** The hook over the customer's live token list, as a list component would use it. */
async function mountManagement(options: Omit<UseCardManagementOptions, 'cards'> = {}) {
  const wrapper = createWrapper();
  const view = renderHook(
    () => {
      const tokens = usePaymentTokens();
      const manage = useCardManagement({ cards: tokens.data ?? [], ...options });
      return { tokens, manage };
    },
    { wrapper: wrapper.Wrapper },
  );
  await waitFor(() => expect(view.result.current.tokens.isSuccess).toBe(true));
  return view;
}

const byToken = (cards: SavedCard[] | undefined, token: string) =>
  cards?.find((card) => card.token === token) as SavedCard;

const summary = (outcomes: readonly CardManagementOutcome[]) =>
  outcomes.map(
    (outcome) =>
      `${outcome.type} ${'card' in outcome ? outcome.card.token : outcome.cards.map((card) => card.token).join(',')}`,
  );

describe('useCardManagement', () => {
  it('makes a card the default and reports it, in `outcomes` and through `onOutcome`', async () => {
    const onOutcome = vi.fn();
    const { result } = await mountManagement({ onOutcome });
    const mastercard = byToken(result.current.tokens.data, DEMO_TOKENS.mastercard);
    act(() => result.current.manage.makeDefault(mastercard));
    await waitFor(() => expect(result.current.manage.outcomes).toHaveLength(1));
    expect(result.current.manage.outcomes[0]).toMatchObject({
      type: 'default-changed',
      card: mastercard,
      promoted: false,
    });
    expect(onOutcome).toHaveBeenCalledWith(result.current.manage.outcomes[0]);
    expect(byToken(result.current.tokens.data, DEMO_TOKENS.mastercard).isDefault).toBe(true);
  });

  it('reports a failed make-default with the typed gateway error, and rolls back', async () => {
    const { result } = await mountManagement();
    useScenario({ failure: { kind: 'server-error', operations: ['upsertCustomer'] } });
    act(() =>
      result.current.manage.makeDefault(byToken(result.current.tokens.data, DEMO_TOKENS.amex)),
    );
    await waitFor(() => expect(result.current.manage.outcomes).toHaveLength(1));
    const [outcome] = result.current.manage.outcomes;
    expect(outcome?.type).toBe('default-failed');
    expect(outcome?.type === 'default-failed' && outcome.error).toBeInstanceOf(GatewayError);
    await waitFor(() =>
      expect(byToken(result.current.tokens.data, DEMO_TOKENS.visa).isDefault).toBe(true),
    );
  });

  it('asks before removing; keeping the card leaves focus on its own row', async () => {
    const { result } = await mountManagement();
    const amex = byToken(result.current.tokens.data, DEMO_TOKENS.amex);
    act(() => result.current.manage.requestRemove(amex));
    expect(result.current.manage.pendingRemoval).toEqual({ card: amex, refusal: undefined });
    act(() => result.current.manage.cancelRemove());
    expect(result.current.manage.pendingRemoval).toBeNull();
    expect(result.current.manage.focusAfterRemoval).toEqual({ type: 'card', token: amex.token });
    expect(result.current.tokens.data).toContain(amex);
  });

  it('says why the policy refuses, and a confirm of a refused card removes nothing', async () => {
    const { result } = await mountManagement({
      canRemove: createRemovalPolicy({ protectDefault: true }),
    });
    const visa = byToken(result.current.tokens.data, DEMO_TOKENS.visa);
    act(() => result.current.manage.requestRemove(visa));
    expect(result.current.manage.pendingRemoval).toEqual({ card: visa, refusal: 'default' });
    act(() => result.current.manage.confirmRemove(visa));
    expect(result.current.manage.pendingRemoval).toBeNull();
    expect(result.current.tokens.data).toContain(visa);
    expect(result.current.manage.outcomes).toEqual([]);
  });

  it('removes the default, moves focus to the next row and promotes the next usable card', async () => {
    const { result } = await mountManagement({ promoteDefaultOnRemove: true });
    const visa = byToken(result.current.tokens.data, DEMO_TOKENS.visa);
    act(() => result.current.manage.requestRemove(visa));
    act(() => result.current.manage.confirmRemove(visa));
    expect(result.current.manage.focusAfterRemoval).toEqual({
      type: 'card',
      token: DEMO_TOKENS.mastercard,
    });
    await waitFor(() => expect(result.current.manage.outcomes).toHaveLength(2));
    expect(summary(result.current.manage.outcomes)).toEqual([
      `removed ${DEMO_TOKENS.visa}`,
      `default-changed ${DEMO_TOKENS.mastercard}`,
    ]);
    expect(result.current.manage.outcomes[1]).toMatchObject({ promoted: true });
    await waitFor(() =>
      expect(byToken(result.current.tokens.data, DEMO_TOKENS.mastercard).isDefault).toBe(true),
    );
  });

  it('sends focus to the list when the last card goes', async () => {
    const { result } = await mountManagement();
    const cards = result.current.tokens.data ?? [];
    for (const card of cards.slice(0, -1)) {
      await act(async () => result.current.manage.confirmRemove(card));
    }
    await waitFor(() => expect(result.current.tokens.data).toHaveLength(1));
    const last = cards.at(-1) as SavedCard;
    act(() => result.current.manage.confirmRemove(last));
    expect(result.current.manage.focusAfterRemoval).toEqual({ type: 'list' });
  });

  it('delivers the same failure twice as two outcomes', async () => {
    const onOutcome = vi.fn();
    const { result } = await mountManagement({ onOutcome });
    useScenario({ failure: { kind: 'network-error', operations: ['deleteToken'] } });
    const amex = byToken(result.current.tokens.data, DEMO_TOKENS.amex);
    act(() => result.current.manage.confirmRemove(amex));
    await waitFor(() => expect(result.current.manage.outcomes).toHaveLength(1));
    await waitFor(() => expect(result.current.tokens.data).toContainEqual(amex));
    act(() => result.current.manage.confirmRemove(amex));
    await waitFor(() => expect(result.current.manage.outcomes).toHaveLength(2));
    expect(summary(result.current.manage.outcomes)).toEqual([
      `remove-failed ${DEMO_TOKENS.amex}`,
      `remove-failed ${DEMO_TOKENS.amex}`,
    ]);
    const [first, second] = result.current.manage.outcomes;
    expect(first?.id).not.toBe(second?.id);
    expect(onOutcome).toHaveBeenCalledTimes(2);
  });
});
