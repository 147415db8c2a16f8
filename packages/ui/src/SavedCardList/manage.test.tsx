import { createRemovalPolicy } from '@savedcards/core';
import { createGatewayHandlers, DEMO_CUSTOMER, DEMO_TOKENS } from '@savedcards/msw';
import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { countRequests, renderWithProviders } from '../../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../../test/server';
import {
  DefaultMethodPicker,
  enMessages,
  SavedCardList,
  type SavedCardListProps,
  type SavedCardsMessages,
  rowActions,
} from '../index.js';

const use = (scenario: Parameters<typeof createGatewayHandlers>[0]['scenario']) =>
  server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario }));
const tokensOnServer = () => db.listTokens(DEMO_CUSTOMER.uuid).map((token) => token.token);
const serverDefault = () => db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token;

async function renderManage(props: Partial<SavedCardListProps> = {}) {
  const user = userEvent.setup();
  renderWithProviders(
    <SavedCardList actions={rowActions(['make-default', 'remove'])} {...props} />,
  );
  await screen.findByRole('list', { name: 'Saved cards' });
  return user;
}

afterEach(() => {
  onlineManager.setOnline(true);
});

describe('SavedCardList with row actions: a list, not a radio group', () => {
  it('shows each card as a named group in a list item, with nothing to choose', async () => {
    const user = await renderManage();
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
    const items = within(screen.getByRole('list', { name: 'Saved cards' })).getAllByRole(
      'listitem',
    );
    expect(items).toHaveLength(6);
    const visa = within(items[0] as HTMLElement).getByRole('group', {
      name: /^Visa ending in 4242, expires \d\d\/\d\d, default$/,
    });
    expect(visa).toHaveAccessibleDescription(/^Tai Man Chan\s*$/);
    // Tab goes from action to action; the cards themselves are not tab stops.
    await user.tab();
    expect(screen.getByRole('button', { name: 'Remove: Visa ending in 4242' })).toHaveFocus();
    await user.tab();
    expect(
      screen.getByRole('button', { name: 'Make default: Mastercard ending in 4444' }),
    ).toHaveFocus();
  });

  it('offers to clear failed attempts, and clears only those', async () => {
    const user = await renderManage();
    expect(
      screen.getByText('Some cards could not be saved. They cannot be used to pay.'),
    ).toBeInTheDocument();
    const failed = db
      .listTokens(DEMO_CUSTOMER.uuid)
      .filter((token) => token.state === 'failed')
      .map((token) => token.token);
    expect(failed.length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Clear failed attempts' }));
    expect(await screen.findByText('Failed attempts cleared.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('group', { name: /Mastercard ending in 0008/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Clear failed attempts' })).toBeNull();
    expect(document.activeElement).toHaveAttribute('data-slot', 'saved-cards');
    for (const token of failed) expect(tokensOnServer()).not.toContain(token);
    // The pending card may still be verifying elsewhere: it stays.
    expect(screen.getByRole('group', { name: /Visa ending in 1091/ })).toBeInTheDocument();
  });

  it('puts failed attempts back and says so when clearing them fails', async () => {
    const user = await renderManage();
    use({ failure: { kind: 'network-error', operations: ['deleteToken'] } });
    await user.click(screen.getByRole('button', { name: 'Clear failed attempts' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Some failed attempts could not be cleared. They are still listed. Check your connection and try again.',
      ),
    );
    expect(
      await screen.findByRole('group', { name: /Mastercard ending in 0008/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clear failed attempts' })).toBeInTheDocument();
  });
});

/** A page that re-renders on a click, with the row actions written inline. */
function InlineActionsPage({ messages }: { messages: Partial<SavedCardsMessages> }) {
  const [count, setCount] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setCount(count + 1)}>
        Re-render {count}
      </button>
      <SavedCardList actions={rowActions(['make-default', 'remove'])} messages={messages} />
    </>
  );
}

describe('SavedCardList row actions: make default', () => {
  it('makes a card the default at once, announces it and focuses the card', async () => {
    const user = await renderManage();
    await user.click(screen.getByRole('button', { name: 'Make default: UnionPay ending in 8599' }));
    const unionpay = screen.getByRole('group', { name: /^UnionPay ending in 8599, .*, default$/ });
    expect(unionpay).toHaveFocus();
    expect(
      screen.getByRole('group', { name: /^Visa ending in 4242, expires \d\d\/\d\d$/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('UnionPay ending in 8599 is now your default card.'),
    ).toHaveAttribute('role', 'status');
    expect(serverDefault()).toBe(DEMO_TOKENS.unionpay);
    expect(screen.queryByRole('button', { name: /Make default: UnionPay/ })).toBeNull();
  });

  it('offers Make default only for usable cards that are not the default', async () => {
    await renderManage();
    const names = screen
      .getAllByRole('button', { name: /^Make default/ })
      .map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual([
      'Make default: Mastercard ending in 4444',
      'Make default: UnionPay ending in 8599',
    ]);
  });

  it('rolls back and says so when the gateway fails', async () => {
    const user = await renderManage();
    use({ failure: { kind: 'server-error', operations: ['upsertCustomer'] } });
    await user.click(screen.getByRole('button', { name: 'Make default: UnionPay ending in 8599' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Could not make UnionPay ending in 8599 your default card. Nothing changed.',
      ),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('group', { name: /^Visa ending in 4242, .*, default$/ }),
      ).toBeInTheDocument(),
    );
    expect(
      screen.getByRole('group', { name: /^UnionPay ending in 8599, expires \d\d\/\d\d$/ }),
    ).toBeInTheDocument();
    expect(serverDefault()).toBe(DEMO_TOKENS.visa);
  });

  it('renders only the rows of the old and the new default, in the list and in the picker', async () => {
    // Every card row asks for its accessible name while rendering: count those calls by card.
    const renders = new Map<string, number>();
    const messages: Partial<SavedCardsMessages> = {
      cardLabel: (card) => {
        const key = card.last4 ?? '?';
        renders.set(key, (renders.get(key) ?? 0) + 1);
        return enMessages.cardLabel(card);
      },
    };
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(
      <>
        <SavedCardList actions={rowActions(['make-default', 'remove'])} messages={messages} />
        <DefaultMethodPicker messages={messages} />
      </>,
    );
    await screen.findByRole('list', { name: 'Saved cards' });
    await screen.findByRole('radiogroup', { name: 'Default card' });
    const cards = screen.getAllByRole('group').length;
    expect(cards).toBeGreaterThan(3);
    renders.clear();
    await user.click(screen.getByRole('button', { name: 'Make default: UnionPay ending in 8599' }));
    await screen.findByText('UnionPay ending in 8599 is now your default card.');
    // After the write and the list read that follows it.
    await waitFor(() => expect(queryClient.isFetching() + queryClient.isMutating()).toBe(0));
    expect(serverDefault()).toBe(DEMO_TOKENS.unionpay);
    expect([...renders.keys()].sort()).toEqual(['4242', '8599']);
  });

  it('keeps the rows as they are when the page re-renders with rowActions written inline', async () => {
    const renders: string[] = [];
    const messages: Partial<SavedCardsMessages> = {
      cardLabel: (card) => {
        renders.push(card.last4 ?? '?');
        return enMessages.cardLabel(card);
      },
    };
    const user = userEvent.setup();
    renderWithProviders(<InlineActionsPage messages={messages} />);
    await screen.findByRole('list', { name: 'Saved cards' });
    renders.length = 0;
    await user.click(screen.getByRole('button', { name: 'Re-render 0' }));
    expect(screen.getByRole('button', { name: 'Re-render 1' })).toBeInTheDocument();
    expect(renders).toEqual([]);
    expect(rowActions(['make-default', 'remove'])).toBe(rowActions(['make-default', 'remove']));
  });

  it('sends one request for a double click', async () => {
    const user = await renderManage();
    const requests = countRequests();
    await user.dblClick(
      screen.getByRole('button', { name: 'Make default: Mastercard ending in 4444' }),
    );
    await screen.findByText('Mastercard ending in 4444 is now your default card.');
    requests.stop();
    expect(requests.count(/^POST \/customers$/)).toBe(1);
  });
});

describe('SavedCardList row actions: remove', () => {
  it('asks in an alertdialog with focus on Keep card, and Esc keeps the card', async () => {
    const user = await renderManage();
    const remove = screen.getByRole('button', { name: 'Remove: Mastercard ending in 4444' });
    await user.click(remove);
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Mastercard ending in 4444?' });
    expect(within(dialog).getByRole('button', { name: 'Keep card' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(remove).toHaveFocus();
    expect(tokensOnServer()).toContain(DEMO_TOKENS.mastercard);
  });

  it('removes on confirm, announces it and moves focus to the next row', async () => {
    const user = await renderManage();
    await user.click(screen.getByRole('button', { name: 'Remove: Mastercard ending in 4444' }));
    await user.click(screen.getByRole('button', { name: 'Remove card' }));
    expect(screen.queryByRole('group', { name: /Mastercard ending in 4444/ })).toBeNull();
    expect(await screen.findByText('Mastercard ending in 4444 removed.')).toHaveAttribute(
      'role',
      'status',
    );
    expect(
      screen.getByRole('button', { name: 'Remove: American Express ending in 0005' }),
    ).toHaveFocus();
    expect(tokensOnServer()).not.toContain(DEMO_TOKENS.mastercard);
  });

  it('focuses the list when the last card goes', async () => {
    db.reset({ seed: 'empty' });
    db.addToken(DEMO_CUSTOMER.uuid, { number: '4242424242424242', default: true });
    const user = await renderManage();
    await user.click(screen.getByRole('button', { name: 'Remove: Visa ending in 4242' }));
    await user.click(screen.getByRole('button', { name: 'Remove card' }));
    expect(await screen.findByText('You have no saved cards yet.')).toBeInTheDocument();
    expect(document.activeElement).toHaveAttribute('data-slot', 'saved-cards');
  });

  it('announces the same failure again when it happens twice (the alert’s text is replaced)', async () => {
    const user = await renderManage();
    use({ failure: { kind: 'network-error', operations: ['deleteToken'] } });
    const failed =
      'Could not remove Mastercard ending in 4444. Nothing changed. Check your connection and try again.';
    const removeMastercard = async () => {
      await user.click(
        await screen.findByRole('button', { name: 'Remove: Mastercard ending in 4444' }),
      );
      await user.click(await screen.findByRole('button', { name: 'Remove card' }));
    };
    await removeMastercard();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(failed));
    const alert = screen.getByRole('alert');
    const first = alert.firstChild;
    await removeMastercard();
    // Screen readers announce a live region's change; equal text in the same node is no change.
    await waitFor(() => expect(alert.firstChild).not.toBe(first));
    expect(alert).toHaveTextContent(failed);
  });

  it('puts the card back and says so when the gateway fails', async () => {
    const user = await renderManage();
    use({ failure: { kind: 'network-error', operations: ['deleteToken'] } });
    await user.click(screen.getByRole('button', { name: 'Remove: Mastercard ending in 4444' }));
    await user.click(screen.getByRole('button', { name: 'Remove card' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Could not remove Mastercard ending in 4444. Nothing changed. Check your connection and try again.',
      ),
    );
    expect(
      await screen.findByRole('group', { name: /Mastercard ending in 4444/ }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('group').map((card) => card.getAttribute('aria-label')?.split(',')[0]),
    ).toEqual([
      'Visa ending in 4242',
      'Mastercard ending in 4444',
      'American Express ending in 0005',
      'Visa ending in 1091',
      'Mastercard ending in 0008',
      'UnionPay ending in 8599',
    ]);
  });

  it('explains a policy refusal instead of removing, and sends nothing', async () => {
    const user = await renderManage({ canRemove: createRemovalPolicy({ protectDefault: true }) });
    const requests = countRequests();
    await user.click(screen.getByRole('button', { name: 'Remove: Visa ending in 4242' }));
    const dialog = screen.getByRole('alertdialog', {
      name: 'Visa ending in 4242 can’t be removed',
    });
    expect(dialog).toHaveAccessibleDescription(
      'It is your default card. Make another card your default first.',
    );
    expect(within(dialog).queryByRole('button', { name: 'Remove card' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    requests.stop();
    expect(requests.seen).toEqual([]);
    expect(tokensOnServer()).toContain(DEMO_TOKENS.visa);
  });

  it('refuses to remove the last usable card when the merchant protects it', async () => {
    db.reset({ seed: 'empty' });
    db.addToken(DEMO_CUSTOMER.uuid, { number: '4242424242424242', default: true });
    db.addToken(DEMO_CUSTOMER.uuid, { number: '5555555555554444', state: 'pending' });
    const user = await renderManage({ canRemove: createRemovalPolicy({ protectLastCard: true }) });
    await user.click(screen.getByRole('button', { name: 'Remove: Visa ending in 4242' }));
    expect(
      screen.getByRole('alertdialog', { name: 'Visa ending in 4242 can’t be removed' }),
    ).toHaveAccessibleDescription(
      'It is your only card. Add another card before removing this one.',
    );
  });

  it('promotes the next usable card when the default is removed, if asked', async () => {
    const user = await renderManage({ promoteDefaultOnRemove: true });
    await user.click(screen.getByRole('button', { name: 'Remove: Visa ending in 4242' }));
    await user.click(screen.getByRole('button', { name: 'Remove card' }));
    // Both outcomes are heard, the removal first (the promotion does not replace it).
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^Visa ending in 4242 removed\. Mastercard ending in 4444 is now your default card\.$/,
      ),
    );
    expect(serverDefault()).toBe(DEMO_TOKENS.mastercard);
    expect(tokensOnServer()).not.toContain(DEMO_TOKENS.visa);
  });

  it('pauses writes while offline', async () => {
    await renderManage();
    act(() => onlineManager.setOnline(false));
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
    for (const button of screen.getAllByRole('button', { name: /^(Remove|Make default):/ })) {
      expect(button).toBeDisabled();
    }
  });

  it('has no axe violations with actions and with the dialog open', async () => {
    const user = await renderManage();
    // Page-level rules are off: a component test has no page landmarks or colours to check.
    const options = { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } };
    const results = await axe.run(document.body, options);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Remove: Mastercard ending in 4444' }));
    const open = await axe.run(document.body, options);
    expect(open.violations.map((violation) => violation.id)).toEqual([]);
  });
});
