import { createRemovalPolicy } from '@savedcards/core';
import { DEMO_CUSTOMER, DEMO_TOKENS } from '@savedcards/msw';
import { useCardManagement, usePaymentTokens } from '@savedcards/react';
import {
  Announcements,
  describeOutcome,
  RemoveCardDialog,
  rowActions,
  SavedCardList,
  useAnnouncer,
  useMessages,
} from '@savedcards/ui';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { gateway } from './gateway';

const base = gateway();

/**
 * An account page: the customer's cards as a list (nothing is chosen here, so no radio group), with
 * "Make default" and "Remove" on each row; narrow lists put the actions under the card.
 */
const meta = {
  title: 'Components/SavedCardList/Manage cards',
  component: SavedCardList,
  args: { actions: rowActions(['make-default', 'remove']), 'aria-label': 'Your saved cards' },
  parameters: { msw: { handlers: base.handlers } },
  beforeEach: base.reset,
} satisfies Meta<typeof SavedCardList>;

export default meta;
type Story = StoryObj<typeof meta>;

const body = (element: HTMLElement) => within(element.ownerDocument.body);

/** Several cards: make the Mastercard the default. */
export const ManageSeveralCards: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Make default: Mastercard ending in 4444' }),
    );
    await expect(
      canvas.getByRole('group', { name: /^Mastercard ending in 4444, .*, default$/ }),
    ).toHaveFocus();
    await expect(
      await canvas.findByText('Mastercard ending in 4444 is now your default card.'),
    ).toBeVisible();
  },
};

/** Remove asks first (focus on "Keep card"; Esc keeps), then removes and moves focus on. */
export const RemoveACard: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    const remove = await canvas.findByRole('button', { name: 'Remove: UnionPay ending in 8599' });
    await userEvent.click(remove);
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: 'Remove UnionPay ending in 8599?',
    });
    await expect(within(dialog).getByRole('button', { name: 'Keep card' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(remove).toHaveFocus());
    await userEvent.click(remove);
    await userEvent.click(await body(canvasElement).findByRole('button', { name: 'Remove card' }));
    await expect(await canvas.findByText('UnionPay ending in 8599 removed.')).toBeVisible();
    await expect(canvas.queryByRole('group', { name: /UnionPay/ })).toBeNull();
    await waitFor(() =>
      expect(
        canvas.getByRole('button', { name: 'Remove: Mastercard ending in 0008' }),
      ).toHaveFocus(),
    );
  },
};

/** Removing the default card, with `promoteDefaultOnRemove`: the next usable card takes over. */
export const RemovingTheDefault: Story = {
  args: { promoteDefaultOnRemove: true },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Remove: Visa ending in 4242' }),
    );
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: 'Remove Visa ending in 4242?',
    });
    await expect(dialog).toHaveTextContent('This is your default card.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove card' }));
    // Both are heard, in order: the removal, then the new default.
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Visa ending in 4242 removed. Mastercard ending in 4444 is now your default card.',
      ),
    );
    await expect(
      canvas.getByRole('group', { name: /^Mastercard ending in 4444, .*, default$/ }),
    ).toBeInTheDocument();
  },
};

/** Tokens left by failed adds (from before the kit deleted them): one button clears them all. */
export const ClearFailedAttempts: Story = {
  play: async ({ canvas, userEvent }) => {
    await expect(
      await canvas.findByText('Some cards could not be saved. They cannot be used to pay.'),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Clear failed attempts' }));
    await expect(await canvas.findByText('Failed attempts cleared.')).toBeVisible();
    await expect(canvas.queryByRole('group', { name: /Mastercard ending in 0008/ })).toBeNull();
    await expect(canvas.getByRole('group', { name: /Visa ending in 1091/ })).toBeVisible();
  },
};

const oneCard = gateway('empty', (db) => {
  db.addToken(DEMO_CUSTOMER.uuid, { number: '4242424242424242', default: true });
});

/** The merchant protects the last usable card: removing it is refused, with the reason. */
export const RemovingTheLastCardRefused: Story = {
  args: { canRemove: createRemovalPolicy({ protectLastCard: true }) },
  parameters: { msw: { handlers: oneCard.handlers } },
  beforeEach: oneCard.reset,
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Remove: Visa ending in 4242' }),
    );
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: 'Visa ending in 4242 can’t be removed',
    });
    await expect(dialog).toHaveTextContent('It is your only card.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await expect(canvas.getByRole('group', { name: /Visa ending in 4242/ })).toBeInTheDocument();
  },
};

/** The merchant protects the default card and cards in use (`createRemovalPolicy`). */
export const ProtectedCards: Story = {
  args: {
    canRemove: createRemovalPolicy({ protectDefault: true, inUse: [DEMO_TOKENS.unionpay] }),
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Remove: UnionPay ending in 8599' }),
    );
    await expect(
      await body(canvasElement).findByRole('alertdialog', {
        name: 'UnionPay ending in 8599 can’t be removed',
      }),
    ).toHaveTextContent('It is in use for an order or subscription.');
  },
};

const defaultFails = gateway({ failure: { kind: 'server-error', operations: ['upsertCustomer'] } });

/** The gateway fails to save the new default: the old one comes back, and an alert says so. */
export const MakeDefaultFails: Story = {
  parameters: { msw: { handlers: defaultFails.handlers } },
  beforeEach: defaultFails.reset,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Make default: UnionPay ending in 8599' }),
    );
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Could not make UnionPay ending in 8599 your default card. Nothing changed.',
      ),
    );
    await waitFor(() =>
      expect(
        canvas.getByRole('group', { name: /^Visa ending in 4242, .*, default$/ }),
      ).toBeInTheDocument(),
    );
  },
};

const removeFails = gateway({ failure: { kind: 'network-error', operations: ['deleteToken'] } });

/** The gateway fails to remove: the card comes back in its place, and an alert says so. */
export const RemoveFails: Story = {
  parameters: { msw: { handlers: removeFails.handlers } },
  beforeEach: removeFails.reset,
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Remove: Mastercard ending in 4444' }),
    );
    await userEvent.click(await body(canvasElement).findByRole('button', { name: 'Remove card' }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Could not remove Mastercard ending in 4444. Nothing changed.',
      ),
    );
    await expect(
      await canvas.findByRole('group', { name: /Mastercard ending in 4444/ }),
    ).toBeInTheDocument();
  },
};

const slowWrites = gateway({ latencyMs: 1500 });

/** A slow gateway (1.5 s per write): the change shows at once and is confirmed later. */
export const SlowWrites: Story = {
  parameters: { msw: { handlers: slowWrites.handlers } },
  beforeEach: slowWrites.reset,
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole(
        'button',
        { name: 'Remove: American Express ending in 0005' },
        { timeout: 5000 },
      ),
    );
    await userEvent.click(await body(canvasElement).findByRole('button', { name: 'Remove card' }));
    await expect(canvas.queryByRole('group', { name: /American Express/ })).toBeNull();
    await expect(canvas.getByRole('status')).toHaveTextContent('');
    await expect(
      await canvas.findByText('American Express ending in 0005 removed.', {}, { timeout: 5000 }),
    ).toBeVisible();
  },
};

/** Keyboard only: Tab to a row action, Enter, confirm with the keyboard. */
export const KeyboardOnlyWalkthrough: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await canvas.findByRole('list', { name: 'Your saved cards' });
    // The cards are not tab stops: Tab goes from action to action.
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Remove: Visa ending in 4242' })).toHaveFocus();
    await userEvent.tab();
    await expect(
      canvas.getByRole('button', { name: 'Make default: Mastercard ending in 4444' }),
    ).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(
      await canvas.findByText('Mastercard ending in 4444 is now your default card.'),
    ).toBeVisible();
    // The button went away with the change: focus is on the card, which now says "default".
    await expect(
      canvas.getByRole('group', { name: /^Mastercard ending in 4444, .*, default$/ }),
    ).toHaveFocus();
    const remove = canvas.getByRole('button', { name: 'Remove: Mastercard ending in 4444' });
    remove.focus();
    await userEvent.keyboard('{Enter}');
    await body(canvasElement).findByRole('alertdialog');
    await userEvent.tab();
    await expect(body(canvasElement).getByRole('button', { name: 'Remove card' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('Mastercard ending in 4444 removed.')).toBeVisible();
    await waitFor(() =>
      expect(
        canvas.getByRole('button', { name: 'Remove: American Express ending in 0005' }),
      ).toHaveFocus(),
    );
  },
};

/**
 * For design-system teams: the same behaviour from `useCardManagement` (`@savedcards/react`), with
 * the parts rendering your own elements through `asChild`.
 */
export const BuiltFromTheHookAndParts: Story = {
  render: function DesignSystemCards() {
    const messages = useMessages();
    const { data: cards = [] } = usePaymentTokens();
    const announcer = useAnnouncer();
    const manage = useCardManagement({
      cards,
      onOutcome: (outcome) => {
        const { politeness, text } = describeOutcome(messages, outcome);
        (politeness === 'assertive' ? announcer.fail : announcer.announce)(text);
      },
    });
    return (
      <>
        <SavedCardList.List aria-label="Your saved cards">
          {cards.map((card) => (
            <SavedCardList.Row key={card.token}>
              <SavedCardList.Card card={card}>
                <SavedCardList.Brand />
                <SavedCardList.Number asChild>
                  <strong>{card.nickname ?? messages.brandName(card.brand)}</strong>
                </SavedCardList.Number>
                <SavedCardList.Expiry />
                <SavedCardList.Badges />
              </SavedCardList.Card>
              <SavedCardList.Actions
                card={card}
                actions={['make-default', 'remove']}
                disabled={!manage.online}
                onMakeDefault={manage.makeDefault}
                onRemove={manage.requestRemove}
              />
            </SavedCardList.Row>
          ))}
        </SavedCardList.List>
        <RemoveCardDialog
          card={manage.pendingRemoval?.card ?? null}
          refusal={manage.pendingRemoval?.refusal}
          onConfirm={manage.confirmRemove}
          onClose={manage.cancelRemove}
        />
        <Announcements
          status={announcer.status}
          alert={announcer.alert}
          sequence={announcer.sequence}
        />
      </>
    );
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const mastercard = await canvas.findByRole('group', { name: /^Mastercard ending in 4444/ });
    await expect(mastercard.closest('li')).toHaveAttribute('data-slot', 'saved-card-list-row');
    await expect(mastercard.querySelector('strong')).toHaveAttribute(
      'data-slot',
      'saved-card-number',
    );
    await expect(mastercard).toHaveAccessibleDescription('Expires soon');
    await userEvent.click(
      canvas.getByRole('button', { name: 'Make default: Mastercard ending in 4444' }),
    );
    await expect(
      await canvas.findByText('Mastercard ending in 4444 is now your default card.'),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Remove: UnionPay ending in 8599' }));
    await userEvent.click(await body(canvasElement).findByRole('button', { name: 'Remove card' }));
    await expect(await canvas.findByText('UnionPay ending in 8599 removed.')).toBeVisible();
  },
};
