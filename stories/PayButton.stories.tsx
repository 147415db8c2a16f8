import type { SavedCard } from '@savedcards/core';
import {
  DEMO_CUSTOMER,
  DEMO_ORDER,
  type GatewayDb,
  PAYMENT_SCENARIO_CARDS,
  type PaymentCardBehaviour,
} from '@savedcards/msw';
import { PayButton, type PayButtonProps, SavedCardList } from '@savedcards/ui';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, waitFor, within } from 'storybook/test';
import { gateway } from './gateway';

/** The customer's default card is a payment scenario card (see the @savedcards/msw README). */
function payingWith(payment: PaymentCardBehaviour) {
  return gateway('default', (db: GatewayDb) => {
    const number = PAYMENT_SCENARIO_CARDS.find((card) => card.payment === payment)?.number;
    const { token } = db.addToken(DEMO_CUSTOMER.uuid, { number });
    db.setDefaultToken(DEMO_CUSTOMER.uuid, token);
  });
}

const base = gateway();
const declined = payingWith('decline');
const insufficient = payingWith('insufficient-funds');
const challenge = payingWith('challenge-approve');
const lost = payingWith('lost-answer');
const slow = payingWith('slow');
const empty = gateway('empty');

/** A checkout: the list chooses the card, PayButton pays the order with it. */
function Checkout(props: Omit<PayButtonProps, 'token'>) {
  const [card, setCard] = useState<SavedCard>();
  return (
    <>
      <SavedCardList aria-label="Pay with" hideExpired onSelect={setCard} />
      <PayButton {...props} token={card?.token} />
    </>
  );
}

/**
 * Pay the order with the chosen saved card. The amount on the button is display only: the mock's
 * order book (the merchant's `resolveOrder` in production) says what is charged. Outcomes follow the
 * card; each is announced and says whether the card was charged.
 */
const meta = {
  title: 'Components/PayButton',
  component: PayButton,
  args: {
    orderId: DEMO_ORDER.id,
    token: undefined,
    amount: { amount: DEMO_ORDER.amount, currency: DEMO_ORDER.currency },
    verification: 'iframe',
    allowedVerifyOrigins: [window.location.origin],
    poll: { initialMs: 200, factor: 1.2, maxMs: 800 },
    onSucceeded: fn(),
  },
  parameters: { msw: { handlers: base.handlers } },
  beforeEach: base.reset,
  render: ({ token: _token, ...args }) => <Checkout {...args} />,
} satisfies Meta<typeof PayButton>;

export default meta;
type Story = StoryObj<typeof meta>;

const page = (element: HTMLElement) => within(element.ownerDocument.body);

async function pay(
  element: HTMLElement,
  userEvent: Parameters<NonNullable<Story['play']>>[0]['userEvent'],
) {
  const button = await within(element).findByRole('button', { name: 'Pay HK$128.00' });
  await waitFor(() => expect(button).toBeEnabled());
  await userEvent.click(button);
}

async function expectAnnounced(element: HTMLElement, role: 'status' | 'alert', text: RegExp) {
  await waitFor(
    () => {
      const regions = within(element).getAllByRole(role);
      expect(regions.some((region) => text.test(region.textContent ?? ''))).toBe(true);
    },
    { timeout: 8000 },
  );
}

/** The bank page inside the payment's dialog: press one of its buttons. */
async function decideInFrame(element: HTMLElement, decision: 'Approve' | 'Decline') {
  const frame = await page(element).findByTitle(
    'Confirm the payment with your bank',
    {},
    { timeout: 5000 },
  );
  const button = await waitFor(
    () => {
      const found = (frame as HTMLIFrameElement).contentDocument?.getElementById(
        decision.toLowerCase(),
      );
      if (!found) throw new Error('bank page not loaded yet');
      return found;
    },
    { timeout: 5000 },
  );
  button.click();
}

/** The default card pays at once; the success names the card and the server's amount. */
export const PaysWithTheDefaultCard: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    await pay(canvasElement, userEvent);
    await expectAnnounced(canvasElement, 'status', /^Paid HK\$128\.00 with Visa ending in 4242\.$/);
    await expect(within(canvasElement).getByRole('button', { name: 'Paid' })).toBeDisabled();
    await expect(args.onSucceeded).toHaveBeenCalledTimes(1);
  },
};

/** The issuer declines: an alert says nothing was charged, and another card can pay. */
export const Declined: Story = {
  parameters: { msw: { handlers: declined.handlers } },
  beforeEach: declined.reset,
  play: async ({ canvasElement, userEvent }) => {
    await pay(canvasElement, userEvent);
    await expectAnnounced(canvasElement, 'alert', /declined the payment\. You were not charged/);
    await userEvent.click(
      within(canvasElement).getByRole('radio', { name: /Visa ending in 4242/ }),
    );
    await pay(canvasElement, userEvent);
    await expectAnnounced(canvasElement, 'status', /^Paid HK\$128\.00 with Visa ending in 4242/);
  },
};

/** Insufficient funds: said in those words. */
export const InsufficientFunds: Story = {
  parameters: { msw: { handlers: insufficient.handlers } },
  beforeEach: insufficient.reset,
  play: async ({ canvasElement, userEvent }) => {
    await pay(canvasElement, userEvent);
    await expectAnnounced(canvasElement, 'alert', /insufficient funds\. You were not charged/);
  },
};

/** The issuer wants 3-D Secure on the payment: the bank page opens in a dialog; Approve pays. */
export const ThreeDSecureApproved: Story = {
  parameters: { msw: { handlers: challenge.handlers } },
  beforeEach: challenge.reset,
  play: async ({ canvasElement, userEvent }) => {
    await pay(canvasElement, userEvent);
    await decideInFrame(canvasElement, 'Approve');
    await expectAnnounced(canvasElement, 'status', /^Paid HK\$128\.00/);
    await expect(page(canvasElement).queryByRole('dialog')).toBeNull();
  },
};

/** Declining the bank's check fails the payment, and says nothing was charged. */
export const ThreeDSecureDeclined: Story = {
  parameters: { msw: { handlers: challenge.handlers } },
  beforeEach: challenge.reset,
  play: async ({ canvasElement, userEvent }) => {
    await pay(canvasElement, userEvent);
    await decideInFrame(canvasElement, 'Decline');
    await expectAnnounced(
      canvasElement,
      'alert',
      /could not verify the payment\. You were not charged/,
    );
  },
};

/**
 * The card is charged but the answer never arrives: the button reads the order's status instead
 * of paying again, and the mock's ledger holds one transaction.
 */
export const AnswerLostAfterTheCharge: Story = {
  parameters: { msw: { handlers: lost.handlers } },
  beforeEach: lost.reset,
  play: async ({ canvasElement, userEvent }) => {
    await pay(canvasElement, userEvent);
    await expectAnnounced(canvasElement, 'status', /^Paid HK\$128\.00/);
    await expect(lost.db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  },
};

/** A slow payment: the button is busy (and still focusable) until the answer comes. */
export const SlowPayment: Story = {
  parameters: { msw: { handlers: slow.handlers } },
  beforeEach: slow.reset,
  play: async ({ canvasElement, userEvent }) => {
    await pay(canvasElement, userEvent);
    const busy = within(canvasElement).getByRole('button', { name: 'Paying…' });
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    await userEvent.click(busy);
    await expectAnnounced(canvasElement, 'status', /^Paid HK\$128\.00/);
    await expect(slow.db.transactions(DEMO_ORDER.reference)).toHaveLength(1);
  },
};

/** No saved card: the button is disabled and says why. */
export const NoCardToPayWith: Story = {
  parameters: { msw: { handlers: empty.handlers } },
  beforeEach: empty.reset,
  play: async ({ canvasElement }) => {
    const button = await within(canvasElement).findByRole('button', { name: 'Pay HK$128.00' });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription('Choose a card to pay with.');
  },
};
