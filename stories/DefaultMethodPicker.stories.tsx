import { DefaultMethodPicker } from '@savedcards/ui';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { onlineManager } from '@tanstack/react-query';
import { expect, waitFor } from 'storybook/test';
import { gateway } from './gateway';

const base = gateway();

const meta = {
  title: 'Components/DefaultMethodPicker',
  component: DefaultMethodPicker,
  parameters: { msw: { handlers: base.handlers } },
  beforeEach: base.reset,
} satisfies Meta<typeof DefaultMethodPicker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Choose a new default: it switches at once and the outcome is announced. */
export const ChooseTheDefault: Story = {
  play: async ({ canvas, userEvent }) => {
    const unionpay = await canvas.findByRole('radio', { name: /UnionPay ending in 8599/ });
    await userEvent.click(unionpay);
    await expect(unionpay).toBeChecked();
    await expect(
      await canvas.findByText('UnionPay ending in 8599 is now your default card.'),
    ).toBeVisible();
  },
};

const saveFails = gateway({ failure: { kind: 'server-error', operations: ['upsertCustomer'] } });

/** Saving fails: the previous default comes back, with an alert. */
export const SaveFails: Story = {
  parameters: { msw: { handlers: saveFails.handlers } },
  beforeEach: saveFails.reset,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: /Mastercard ending in 4444/ }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Could not make Mastercard ending in 4444 your default card. Nothing changed.',
      ),
    );
    await waitFor(() =>
      expect(canvas.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked(),
    );
  },
};

/** Offline: the choice is disabled until the connection returns. */
export const Offline: Story = {
  beforeEach: () => () => onlineManager.setOnline(true),
  play: async ({ canvas }) => {
    await canvas.findByRole('radiogroup', { name: 'Default card' });
    onlineManager.setOnline(false);
    await expect(await canvas.findByText(/You are offline/)).toBeVisible();
    for (const radio of canvas.getAllByRole('radio')) {
      await expect(radio).toBeDisabled();
    }
  },
};

const noUsableCard = gateway('empty');

/** No card can be the default (only pending or expired ones). */
export const NoUsableCard: Story = {
  parameters: { msw: { handlers: noUsableCard.handlers } },
  beforeEach: noUsableCard.reset,
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByText('You have no card that can be made your default.'),
    ).toBeVisible();
  },
};
