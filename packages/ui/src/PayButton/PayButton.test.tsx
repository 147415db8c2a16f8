import { THREE_DS_RETURN_MESSAGE_TYPE } from '@savedcards/core';
import {
  DEMO_CUSTOMER,
  DEMO_ORDER,
  DEMO_TOKENS,
  mockChallengeDecisionUrl,
  PAYMENT_SCENARIO_CARDS,
  type PaymentCardBehaviour,
} from '@savedcards/msw';
import { KIT_PAY_PATHS } from '@savedcards/wire';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../../test/server';
import { PayButton, SavedCardsMessagesProvider, zhHKMessages } from '../index.js';

const AMOUNT = { amount: DEMO_ORDER.amount, currency: DEMO_ORDER.currency };
const PAY_URL = `${TEST_BASE_URL}${KIT_PAY_PATHS.pay}`;

function tokenFor(payment: PaymentCardBehaviour): string {
  const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === payment);
  if (!card) throw new Error(`no scenario card for ${payment}`);
  return db.addToken(DEMO_CUSTOMER.uuid, { number: card.number }).token;
}

const payButton = () => screen.getByRole('button', { name: /^Pay HK\$128\.00$|^Paying…$|^Paid$/ });

/** Pays with a card whose payment needs 3-D Secure, in the iframe dialog. */
async function payWithAChallenge() {
  const user = userEvent.setup();
  renderWithProviders(
    <PayButton
      orderId={DEMO_ORDER.id}
      token={tokenFor('challenge-approve')}
      amount={AMOUNT}
      verification="iframe"
      allowedVerifyOrigins={[window.location.origin]}
    />,
  );
  await user.click(payButton());
  return user;
}

describe('PayButton', () => {
  it('shows the amount with Intl, pays on click and announces the server’s figure', async () => {
    const user = userEvent.setup();
    const onSucceeded = vi.fn();
    renderWithProviders(
      <PayButton
        orderId={DEMO_ORDER.id}
        token={DEMO_TOKENS.visa}
        amount={AMOUNT}
        onSucceeded={onSucceeded}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Pay HK$128.00' }));
    await waitFor(() => expect(screen.getByRole('status')).not.toBeEmptyDOMElement());
    expect(screen.getByRole('status')).toHaveTextContent(/^Paid HK\$128\.00 with Visa/);
    expect(screen.getByRole('button', { name: 'Paid' })).toBeDisabled();
    expect(onSucceeded).toHaveBeenCalledWith(
      expect.objectContaining({
        state: 'succeeded',
        order: expect.objectContaining({ amount: '128.00' }),
      }),
    );
    expect(db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  });

  it('the amount shown is display only: the server charges its own figure', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <PayButton
        orderId={DEMO_ORDER.id}
        token={DEMO_TOKENS.visa}
        amount={{ amount: '1.00', currency: 'HKD' }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Pay HK$1.00' }));
    expect(await screen.findByText(/^Paid HK\$128\.00/)).toBeInTheDocument();
    expect(db.transactions(DEMO_ORDER.reference)[0]?.amount).toBe('128.00');
  });

  it('is disabled, and says why, while no card is chosen', () => {
    renderWithProviders(<PayButton orderId={DEMO_ORDER.id} token={undefined} amount={AMOUNT} />);
    const button = screen.getByRole('button', { name: 'Pay HK$128.00' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Choose a card to pay with.');
  });

  it('a double click sends one payment; the button stays focusable and busy meanwhile', async () => {
    const user = userEvent.setup();
    let pays = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url === PAY_URL) pays += 1;
    });
    renderWithProviders(
      <PayButton orderId={DEMO_ORDER.id} token={DEMO_TOKENS.visa} amount={AMOUNT} />,
    );
    await user.dblClick(payButton());
    await screen.findByRole('button', { name: 'Paid' });
    expect(pays).toBe(1);
  });

  it('a decline is an alert that says nothing was charged; Pay works again', async () => {
    const user = userEvent.setup();
    const declined = tokenFor('decline');
    const { rerender } = renderWithProviders(
      <PayButton orderId={DEMO_ORDER.id} token={declined} amount={AMOUNT} />,
    );
    await user.click(payButton());
    await waitFor(() => expect(screen.getByRole('alert')).not.toBeEmptyDOMElement());
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your bank declined the payment. You were not charged. Try another card.',
    );
    rerender(<PayButton orderId={DEMO_ORDER.id} token={DEMO_TOKENS.visa} amount={AMOUNT} />);
    await user.click(screen.getByRole('button', { name: 'Pay HK$128.00' }));
    expect(await screen.findByText(/^Paid HK\$128\.00/)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it('3-D Secure in an iframe dialog: approve, then paid', async () => {
    await payWithAChallenge();
    const dialog = await screen.findByRole('dialog', {
      name: 'Confirm the payment with your bank',
    });
    const frame = within(dialog).getByTitle(
      'Confirm the payment with your bank',
    ) as HTMLIFrameElement;
    const [transaction] = db.transactions(DEMO_ORDER.reference);
    await fetch(mockChallengeDecisionUrl(TEST_BASE_URL, transaction?.uuid ?? ''), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', {
          origin: window.location.origin,
          source: frame.contentWindow,
          data: { type: THREE_DS_RETURN_MESSAGE_TYPE, outcome: 'success' },
        }),
      );
    });
    expect(await screen.findByText(/^Paid HK\$128\.00/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closing the bank dialog with Escape says the payment was not made', async () => {
    const user = await payWithAChallenge();
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('alert')).not.toBeEmptyDOMElement());
    expect(screen.getByRole('alert')).toHaveTextContent(
      'You left the bank check, so the payment was not made.',
    );
    expect(screen.getByRole('button', { name: 'Pay HK$128.00' })).toBeEnabled();
  });

  it('an outcome that stays unknown offers a check, never a second payment', async () => {
    const user = userEvent.setup();
    server.use(
      http.post(PAY_URL, () => HttpResponse.error()),
      http.post(`${TEST_BASE_URL}${KIT_PAY_PATHS.status}`, () => HttpResponse.error()),
    );
    renderWithProviders(
      <PayButton
        orderId={DEMO_ORDER.id}
        token={DEMO_TOKENS.visa}
        amount={AMOUNT}
        timeoutMs={50}
        poll={{ initialMs: 5 }}
      />,
    );
    await user.click(payButton());
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'We could not confirm the payment yet. You will not be charged twice',
      ),
    );
    expect(screen.getByRole('button', { name: 'Pay HK$128.00' })).toBeDisabled();
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Check the payment again' }));
    // Nothing reached the (mock) gateway: the order says so and Pay is offered again.
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'You were not charged. Please try again.',
      ),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Pay HK$128.00' })).toBeEnabled(),
    );
  });

  it('speaks the page’s language', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <SavedCardsMessagesProvider messages={zhHKMessages}>
        <PayButton orderId={DEMO_ORDER.id} token={DEMO_TOKENS.visa} amount={AMOUNT} />
      </SavedCardsMessagesProvider>,
    );
    await user.click(screen.getByRole('button', { name: /^支付 HK\$128\.00$/ }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^已用/));
    expect(screen.getByRole('status')).toHaveTextContent(/^已用.+支付 HK\$128\.00。$/);
  });
});
