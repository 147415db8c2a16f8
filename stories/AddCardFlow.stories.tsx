import { OPENAPI_PREFIX } from '@savedcards/msw';
import { AddCardFlow, rowActions, SavedCardList } from '@savedcards/ui';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { HttpResponse, http } from 'msw';
import { expect, fn, waitFor, within } from 'storybook/test';
import { gateway, STORY_BASE_URL } from './gateway';

const base = gateway();

/**
 * Add a card, then 3-D Secure on the mock gateway's simulated challenge (Approve / Decline / Close).
 * The scenario cards decide what happens; see the @savedcards/msw README.
 */
const meta = {
  title: 'Components/AddCardFlow',
  component: AddCardFlow,
  args: {
    verification: 'iframe',
    // The mock's challenge page is served by Storybook over http: allow this origin for the demo.
    allowedVerifyOrigins: [window.location.origin],
    onSuccess: fn(),
    poll: { initialMs: 300, factor: 1.2, maxMs: 1000 },
  },
  parameters: { msw: { handlers: base.handlers } },
  beforeEach: base.reset,
  render: (args) => (
    <>
      <AddCardFlow {...args} />
      <SavedCardList aria-label="Saved cards" actions={rowActions(['remove'])} />
    </>
  ),
} satisfies Meta<typeof AddCardFlow>;

export default meta;
type Story = StoryObj<typeof meta>;
type UserEvent = Parameters<NonNullable<Story['play']>>[0]['userEvent'];

const page = (element: HTMLElement) => within(element.ownerDocument.body);

async function fillCard(
  element: HTMLElement,
  userEvent: UserEvent,
  number: string,
  { expiry = '04/31', cvc = '737', name = 'Tai Man Chan' } = {},
) {
  const dialog = await page(element).findByRole('dialog', { name: 'Add a card' });
  const form = within(dialog);
  await userEvent.type(form.getByLabelText('Card number'), number);
  await userEvent.type(form.getByLabelText('Expiry date (MM / YY)'), expiry);
  await userEvent.type(form.getByLabelText('Security code (CVC)'), cvc);
  await userEvent.type(form.getByLabelText('Name on card'), name);
  return dialog;
}

async function openAndFill(element: HTMLElement, userEvent: UserEvent, number: string) {
  await userEvent.click(await within(element).findByRole('button', { name: 'Add a card' }));
  const dialog = await fillCard(element, userEvent, number);
  await userEvent.click(within(dialog).getByRole('button', { name: 'Save card' }));
  return dialog;
}

/** The challenge page inside the dialog's iframe: press one of its buttons. */
async function decideInFrame(element: HTMLElement, decision: 'Approve' | 'Decline') {
  const frame = await page(element).findByTitle(
    '3-D Secure verification with your bank',
    {},
    { timeout: 5000 },
  );
  const button = await waitFor(
    () => {
      const found = (frame as HTMLIFrameElement).contentDocument?.getElementById(
        decision.toLowerCase(),
      );
      if (!found) throw new Error('challenge page not loaded yet');
      return found;
    },
    { timeout: 5000 },
  );
  button.click();
}

async function expectSaved(element: HTMLElement, text: string) {
  await waitFor(() => expect(within(element).getByText(text)).toHaveAttribute('role', 'status'), {
    timeout: 8000,
  });
}

/** A card that needs no challenge is saved at once and appears in the list. */
export const FrictionlessSuccess: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    await openAndFill(canvasElement, userEvent, '5555555555554444');
    await expectSaved(canvasElement, 'Mastercard ending in 4444 saved.');
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    await expect(page(canvasElement).queryByRole('dialog')).toBeNull();
    await waitFor(() =>
      expect(
        within(canvasElement).getAllByRole('group', { name: /Mastercard ending in 4444/ }),
      ).toHaveLength(2),
    );
  },
};

/** The bank challenges the card in an iframe inside the dialog; the cardholder approves. */
export const ChallengeApprovedInIframe: Story = {
  play: async ({ canvasElement, userEvent }) => {
    await openAndFill(canvasElement, userEvent, '4000000000003220');
    await decideInFrame(canvasElement, 'Approve');
    await expectSaved(canvasElement, 'Visa ending in 3220 saved.');
    await waitFor(() =>
      expect(
        within(canvasElement).getByRole('group', { name: /Visa ending in 3220/ }),
      ).toHaveAttribute('data-card-state', 'success'),
    );
  },
};

/** The cardholder declines the challenge: nothing is saved, and the dialog says so. */
export const ChallengeDeclined: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000003220');
    await decideInFrame(canvasElement, 'Decline');
    await waitFor(
      () =>
        expect(within(dialog).getByRole('alert')).toHaveTextContent(
          'Your bank did not approve this card.',
        ),
      { timeout: 8000 },
    );
    await expect(within(dialog).getByLabelText('Card number')).toHaveValue('');
  },
};

/** The challenge in a popup window, opened during the click so browsers allow it. */
export const ChallengeInPopup: Story = {
  args: { verification: 'popup' },
  play: async ({ canvasElement, userEvent }) => {
    const opened: Window[] = [];
    const open = window.open;
    window.open = (...args) => {
      const popup = open.apply(window, args);
      if (popup) opened.push(popup);
      return popup;
    };
    try {
      await openAndFill(canvasElement, userEvent, '4000000000003220');
      await expect(
        await page(canvasElement).findByText(
          'Finish verifying with your bank in the window that opened.',
        ),
      ).toBeVisible();
      const approve = await waitFor(
        () => {
          const found = opened[0]?.document.getElementById('approve');
          if (!found) throw new Error('challenge not loaded in the popup yet');
          return found;
        },
        { timeout: 5000 },
      );
      approve.click();
      await expectSaved(canvasElement, 'Visa ending in 3220 saved.');
    } finally {
      window.open = open;
      for (const popup of opened) popup.close();
    }
  },
};

/** The browser blocks the popup: the dialog offers a button to open it. */
export const PopupBlocked: Story = {
  args: { verification: 'popup' },
  play: async ({ canvasElement, userEvent }) => {
    const open = window.open;
    window.open = () => null;
    try {
      const dialog = await openAndFill(canvasElement, userEvent, '4000000000003220');
      await expect(
        await within(dialog).findByText('Your browser blocked the verification window.'),
      ).toBeVisible();
      await expect(
        within(dialog).getByRole('button', { name: 'Open the verification window' }),
      ).toBeVisible();
      await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await expect(
        await within(canvasElement).findByText('Adding the card was cancelled. Nothing was saved.'),
      ).toBeVisible();
    } finally {
      window.open = open;
    }
  },
};

/** The cardholder never finishes the challenge: the flow times out (2 s here) and says so. */
export const AbandonedChallengeTimesOut: Story = {
  args: { timeoutMs: 2000 },
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000003063');
    await waitFor(
      () =>
        expect(within(dialog).getByRole('alert')).toHaveTextContent(
          'Verification took too long, so the card was not saved.',
        ),
      { timeout: 8000 },
    );
  },
};

/** Cancel during the challenge: nothing is saved, the form is cleared. */
export const CancelDuringVerification: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000003220');
    await page(canvasElement).findByTitle('3-D Secure verification with your bank');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await expect(
      await within(canvasElement).findByText('Adding the card was cancelled. Nothing was saved.'),
    ).toBeVisible();
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Add a card' }));
    await expect(await page(canvasElement).findByLabelText('Card number')).toHaveValue('');
  },
};

/** The issuer declines at create: a clear message, and the form keeps what was typed. */
export const DeclinedAtCreate: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000000002');
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Your card was declined. Check the details or try another card.',
      ),
    );
    await expect(within(dialog).getByLabelText('Card number')).toHaveValue('4000 0000 0000 0002');
  },
};

/** The gateway fails (HTTP 500) or cannot be reached. */
export const GatewayFailure: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000000119');
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'We could not save your card. Nothing was saved.',
      ),
    );
    const number = within(dialog).getByLabelText('Card number');
    await userEvent.clear(number);
    await userEvent.type(number, '4000000000000101');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save card' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent('Check your connection'),
    );
  },
};

/** A slow gateway (3 s): the button says "Saving…" and cannot be pressed twice. */
export const SlowCreate: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000000077');
    const saving = within(dialog).getByRole('button', { name: 'Saving…' });
    await expect(saving).toBeDisabled();
    await expectSaved(canvasElement, 'Visa ending in 0077 saved.');
  },
};

/** Errors are tied to their fields and say what to fix; focus goes to the first one. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Add a card' }));
    const dialog = await fillCard(canvasElement, userEvent, '4242424242424241', {
      expiry: '01/20',
      cvc: '1',
      name: ' ',
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save card' }));
    const number = within(dialog).getByLabelText('Card number');
    await expect(number).toHaveFocus();
    await expect(number).toHaveAccessibleDescription(
      'Your card number is not valid. Check it and try again.',
    );
    await expect(
      within(dialog).getByLabelText('Expiry date (MM / YY)'),
    ).toHaveAccessibleDescription('This card has expired.');
    await expect(within(dialog).getByLabelText('Security code (CVC)')).toHaveAccessibleDescription(
      'Your security code is incomplete.',
    );
    await expect(within(dialog).getByLabelText('Name on card')).toHaveAccessibleDescription(
      'Enter the name on the card.',
    );
  },
};

/** The same card (brand, last four, expiry) is already saved: warn once, then save anyway. */
export const DuplicateWarning: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const list = within(canvasElement);
    const visa = await list.findByRole('group', { name: /^Visa ending in 4242/ });
    const expiry = /expires (\d\d\/\d\d)/.exec(visa.getAttribute('aria-label') ?? '')?.[1] ?? '';
    await userEvent.click(list.getByRole('button', { name: 'Add a card' }));
    const dialog = await fillCard(canvasElement, userEvent, '4242424242424242', { expiry });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save card' }));
    await expect(within(dialog).getByText(/You already saved Visa ending in 4242/)).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save anyway' }));
    await expectSaved(canvasElement, 'Visa ending in 4242 saved.');
  },
};

const unsafe = gateway('default', undefined, { challengeUrl: () => 'javascript:alert(1)' });

/** The gateway sends a `javascript:` verify URL: it is never opened, and the flow says so. */
export const UnsafeVerifyUrlRefused: Story = {
  parameters: { msw: { handlers: unsafe.handlers } },
  beforeEach: unsafe.reset,
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000003220');
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'The verification page could not be opened safely. Nothing was saved.',
      ),
    );
    await expect(
      page(canvasElement).queryByTitle('3-D Secure verification with your bank'),
    ).toBeNull();
  },
};

const noChallenge = gateway();
// The gateway answers pending with neither verify URL nor verify uuid, and confirms 1.5 s later.
const pendingWithoutChallenge = http.post(
  `${STORY_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`,
  ({ params }) => {
    const customer = String(params.uuid);
    const token = noChallenge.db.addToken(customer, {
      number: '4000000000003220',
      state: 'pending',
      verify_uuid: null,
      verify_url: null,
    });
    setTimeout(() => noChallenge.db.updateToken(customer, token.token, { state: 'success' }), 1500);
    return HttpResponse.json({ error_code: '', error_message: '', data: { payment_token: token } });
  },
);

/** A pending card with no challenge to open: it is checked (token alone) until the gateway says saved. */
export const PendingWithoutChallenge: Story = {
  parameters: { msw: { handlers: [pendingWithoutChallenge, ...noChallenge.handlers] } },
  beforeEach: noChallenge.reset,
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openAndFill(canvasElement, userEvent, '4000000000003220');
    await expect(
      await within(dialog).findByText('Waiting for your bank to confirm the card…'),
    ).toBeVisible();
    await expectSaved(canvasElement, 'Visa ending in 3220 saved.');
  },
};
