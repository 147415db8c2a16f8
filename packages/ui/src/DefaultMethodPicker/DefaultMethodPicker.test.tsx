import { createGatewayHandlers, DEMO_CUSTOMER, DEMO_TOKENS } from '@savedcards/msw';
import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../../test/server';
import { DefaultMethodPicker } from '../index.js';

const serverDefault = () => db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token;

afterEach(() => {
  onlineManager.setOnline(true);
});

describe('DefaultMethodPicker', () => {
  it('shows the default card checked in a group named "Default card"', async () => {
    renderWithProviders(<DefaultMethodPicker />);
    await screen.findByRole('radiogroup', { name: 'Default card' });
    expect(screen.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /ending in 0005/ })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /ending in 1091/ })).toBeDisabled();
  });

  it('switches at once, saves, and announces the new default', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DefaultMethodPicker />);
    await user.click(await screen.findByRole('radio', { name: /UnionPay ending in 8599/ }));
    expect(screen.getByRole('radio', { name: /UnionPay ending in 8599/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /Visa ending in 4242/ })).not.toBeChecked();
    expect(
      await screen.findByText('UnionPay ending in 8599 is now your default card.'),
    ).toHaveAttribute('role', 'status');
    expect(serverDefault()).toBe(DEMO_TOKENS.unionpay);
  });

  it('goes back to the server’s default with an alert when saving fails', async () => {
    const user = userEvent.setup();
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        scenario: { failure: { kind: 'unauthorized', operations: ['upsertCustomer'] } },
      }),
    );
    renderWithProviders(<DefaultMethodPicker />);
    await user.click(await screen.findByRole('radio', { name: /Mastercard ending in 4444/ }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Could not make Mastercard ending in 4444 your default card. Nothing changed.',
      ),
    );
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked(),
    );
    expect(serverDefault()).toBe(DEMO_TOKENS.visa);
  });

  it('ends with the last card chosen when the keyboard moves quickly', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DefaultMethodPicker />);
    await screen.findByRole('radiogroup');
    await user.tab();
    expect(screen.getByRole('radio', { name: /Visa ending in 4242/ })).toHaveFocus();
    // Hold each arrow (`>`) as a person does: Radix selects on the focus that follows.
    await user.keyboard('{ArrowDown>}');
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: /Mastercard ending in 4444/ })).toHaveFocus(),
    );
    await user.keyboard('{/ArrowDown}{ArrowDown>}');
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: /UnionPay ending in 8599/ })).toHaveFocus(),
    );
    await user.keyboard('{/ArrowDown}');
    expect(
      await screen.findByText('UnionPay ending in 8599 is now your default card.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(serverDefault()).toBe(DEMO_TOKENS.unionpay));
    expect(screen.getByRole('radio', { name: /UnionPay ending in 8599/ })).toBeChecked();
  });

  it('is disabled while offline, and says why', async () => {
    renderWithProviders(<DefaultMethodPicker />);
    await screen.findByRole('radiogroup');
    act(() => onlineManager.setOnline(false));
    for (const radio of screen.getAllByRole('radio')) {
      expect(radio).toBeDisabled();
    }
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
  });

  it('says when no card can be made the default', async () => {
    db.reset({ seed: 'empty' });
    db.addToken(DEMO_CUSTOMER.uuid, { number: '4242424242424242', state: 'pending' });
    renderWithProviders(<DefaultMethodPicker />);
    expect(
      await screen.findByText('You have no card that can be made your default.'),
    ).toBeInTheDocument();
  });
});
