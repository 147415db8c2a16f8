import { createGatewayHandlers, DEMO_CUSTOMER, DEMO_TOKENS } from '@savedcards/msw';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../../test/server';
import { SavedCardList } from '../index.js';

const use = (scenario: Parameters<typeof createGatewayHandlers>[0]['scenario']) =>
  server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario }));

function expiryOf(token: string) {
  const card = db.listTokens(DEMO_CUSTOMER.uuid).find((candidate) => candidate.token === token);
  const month = card?.credit_card?.exp_month ?? '';
  return `${month.padStart(2, '0')}/${String(card?.credit_card?.exp_year ?? '').slice(-2)}`;
}

function Checkout() {
  const [token, setToken] = useState<string | null>(DEMO_TOKENS.unionpay);
  return (
    <>
      <SavedCardList value={token} onSelect={(card) => setToken(card.token)} />
      <output>{token ?? 'none'}</output>
      <button type="button" onClick={() => setToken(null)}>
        clear
      </button>
    </>
  );
}

describe('SavedCardList', () => {
  it('shows each card as a radio named by brand, last four, expiry and default', async () => {
    renderWithProviders(<SavedCardList />);
    const group = await screen.findByRole('radiogroup', { name: 'Saved cards' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('aria-label'))).toEqual([
      `Visa ending in 4242, expires ${expiryOf(DEMO_TOKENS.visa)}, default`,
      `Mastercard ending in 4444, expires ${expiryOf(DEMO_TOKENS.mastercard)}`,
      `American Express ending in 0005, expired ${expiryOf(DEMO_TOKENS.amex)}`,
      `Visa ending in 1091, expires ${expiryOf(DEMO_TOKENS.pending)}`,
      `Mastercard ending in 0008, expires ${expiryOf(DEMO_TOKENS.failed)}`,
      `UnionPay ending in 8599, expires ${expiryOf(DEMO_TOKENS.unionpay)}`,
    ]);
    const mastercard = screen.getByRole('radio', { name: /Mastercard ending in 4444/ });
    expect(mastercard).toHaveAccessibleDescription('Tai Man Chan Expires soon');
    expect(screen.getByRole('radio', { name: /ending in 1091/ })).toHaveAccessibleDescription(
      'Tai Man Chan Pending verification',
    );
    expect(screen.getByRole('radio', { name: /ending in 0008/ })).toHaveAccessibleDescription(
      /Verification failed/,
    );
  });

  it('pre-selects the default card and reports it once', async () => {
    const onSelect = vi.fn();
    renderWithProviders(<SavedCardList onSelect={onSelect} />);
    const visa = await screen.findByRole('radio', { name: /Visa ending in 4242/ });
    expect(visa).toBeChecked();
    await waitFor(() => expect(onSelect).toHaveBeenCalledTimes(1));
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ token: DEMO_TOKENS.visa }));
  });

  it('disables cards that cannot be charged: expired, pending and failed', async () => {
    renderWithProviders(<SavedCardList />);
    await screen.findByRole('radiogroup');
    expect(screen.getByRole('radio', { name: /ending in 0005/ })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /ending in 1091/ })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /ending in 0008/ })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /ending in 8599/ })).toBeEnabled();
  });

  it('selects with a click and reports the card', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    renderWithProviders(<SavedCardList onSelect={onSelect} />);
    await user.click(await screen.findByRole('radio', { name: /UnionPay/ }));
    expect(screen.getByRole('radio', { name: /UnionPay/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /Visa ending in 4242/ })).not.toBeChecked();
    expect(onSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({ token: DEMO_TOKENS.unionpay, last4: '8599' }),
    );
  });

  it('follows the radio group keyboard model: Tab in, arrows move and select, skipping disabled cards', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    renderWithProviders(
      <>
        <button type="button">before</button>
        <SavedCardList onSelect={onSelect} />
        <button type="button">after</button>
      </>,
    );
    await screen.findByRole('radiogroup');
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(screen.getByRole('radio', { name: /Visa ending in 4242/ })).toHaveFocus();
    // Quick presses (keydown and keyup back to back) must select too, not only held keys.
    await user.keyboard('{ArrowDown}');
    const mastercard = screen.getByRole('radio', { name: /Mastercard ending in 4444/ });
    await waitFor(() => expect(mastercard).toHaveFocus());
    await waitFor(() => expect(mastercard).toBeChecked());
    await user.keyboard('{ArrowDown}');
    const unionpay = screen.getByRole('radio', { name: /UnionPay/ });
    await waitFor(() => expect(unionpay).toHaveFocus());
    await waitFor(() => expect(unionpay).toBeChecked());
    expect(onSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({ token: DEMO_TOKENS.unionpay }),
    );
    await user.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
  });

  it('can be controlled', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Checkout />);
    expect(await screen.findByRole('radio', { name: /UnionPay/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /Visa ending in 4242/ })).not.toBeChecked();
    await user.click(screen.getByRole('radio', { name: /Mastercard ending in 4444/ }));
    expect(screen.getByRole('status')).toHaveTextContent(DEMO_TOKENS.mastercard);
    expect(screen.getByRole('radio', { name: /Mastercard ending in 4444/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'clear' }));
    expect(
      screen.getAllByRole('radio').filter((radio) => (radio as HTMLInputElement).checked),
    ).toEqual([]);
  });

  it('hides expired cards with hideExpired', async () => {
    renderWithProviders(<SavedCardList hideExpired />);
    await screen.findByRole('radiogroup');
    expect(screen.queryByRole('radio', { name: /American Express/ })).toBeNull();
    expect(screen.getAllByRole('radio')).toHaveLength(5);
  });

  it('shows a skeleton while loading, announced as a status', async () => {
    use('slow');
    renderWithProviders(<SavedCardList />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading saved cards…');
    expect(await screen.findByRole('radiogroup', {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says so when there are no cards', async () => {
    db.reset({ seed: 'empty' });
    renderWithProviders(<SavedCardList />);
    expect(await screen.findByText('You have no saved cards yet.')).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('explains a failed load in an alert with a reference, and recovers on retry', async () => {
    const user = userEvent.setup();
    use('network-error');
    renderWithProviders(<SavedCardList />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'We could not reach the server to load your saved cards. Check your connection and try again.',
    );
    expect(alert).toHaveTextContent(/Reference: [0-9a-f-]{36}/);
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radiogroup')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('gives a generic message for a server error and a malformed reply', async () => {
    use('server-error');
    const first = renderWithProviders(<SavedCardList />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'We could not load your saved cards. Please try again.',
    );
    first.unmount();
    use('malformed-json');
    renderWithProviders(<SavedCardList />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'We could not load your saved cards. Please try again.',
    );
  });

  it('renders hostile strings as text', async () => {
    db.addToken(DEMO_CUSTOMER.uuid, {
      number: '4111111111111111',
      holder_name: '<img src=x onerror=alert(1)><script>alert(1)</script>',
    });
    const { container } = renderWithProviders(<SavedCardList />);
    expect(
      await screen.findByText('<img src=x onerror=alert(1)><script>alert(1)</script>'),
    ).toBeInTheDocument();
    expect(container.querySelector('script, img')).toBeNull();
  });

  it('takes message overrides', async () => {
    renderWithProviders(
      <SavedCardList
        messages={{ listLabel: 'Pay with', cardLabel: (card) => `Card ${card.last4}` }}
      />,
    );
    const group = await screen.findByRole('radiogroup', { name: 'Pay with' });
    expect(within(group).getByRole('radio', { name: 'Card 4242' })).toBeChecked();
  });

  it('has no axe violations (jsdom; the stories repeat this in Chromium)', async () => {
    const { container } = renderWithProviders(<SavedCardList />);
    await screen.findByRole('radiogroup');
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});
