import { selectUsableCards } from '@savedcards/core';
import { DEMO_CUSTOMER, DEMO_TOKENS, OPENAPI_PREFIX } from '@savedcards/msw';
import { usePaymentTokens } from '@savedcards/react';
import { SavedCardList } from '@savedcards/ui';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { HttpResponse, http } from 'msw';
import { useState } from 'react';
import { expect, fn, waitFor } from 'storybook/test';
import { gateway, STORY_BASE_URL } from './gateway';

const meta = {
  title: 'Components/SavedCardList',
  component: SavedCardList,
  args: { onSelect: fn() },
  parameters: { msw: { handlers: gateway().handlers } },
} satisfies Meta<typeof SavedCardList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The customer's cards at checkout: the default card comes first and is pre-selected. */
export const ChooseACard: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const visa = await canvas.findByRole('radio', { name: /Visa ending in 4242, .*default/ });
    await expect(visa).toBeChecked();
    await waitFor(() =>
      expect(args.onSelect).toHaveBeenCalledWith(
        expect.objectContaining({ token: DEMO_TOKENS.visa }),
      ),
    );
    const unionpay = canvas.getByRole('radio', { name: /UnionPay ending in 8599/ });
    await userEvent.click(unionpay);
    await expect(unionpay).toBeChecked();
    await expect(visa).not.toBeChecked();
    await expect(args.onSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({ token: DEMO_TOKENS.unionpay }),
    );
  },
};

/** Keyboard only, in a real browser: Tab into the group, arrows move and select, Tab leaves. */
export const KeyboardOnly: Story = {
  render: (args) => (
    <>
      <button type="button">Back to cart</button>
      <SavedCardList {...args} />
      <button type="button">Pay HK$ 388.00</button>
    </>
  ),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findByRole('radiogroup', { name: 'Saved cards' });
    canvas.getByRole('button', { name: 'Back to cart' }).focus();
    await userEvent.tab();
    await expect(canvas.getByRole('radio', { name: /Visa ending in 4242/ })).toHaveFocus();
    // Quick presses: user-event sends keydown and keyup back to back, which must select too.
    const press = async (key: string, target: HTMLElement) => {
      await userEvent.keyboard(`{${key}}`);
      await waitFor(() => expect(target).toHaveFocus());
      await waitFor(() => expect(target).toBeChecked());
    };
    const mastercard = canvas.getByRole('radio', { name: /Mastercard ending in 4444/ });
    await press('ArrowDown', mastercard);
    // The expired, pending and failed cards are skipped.
    const unionpay = canvas.getByRole('radio', { name: /UnionPay ending in 8599/ });
    await press('ArrowDown', unionpay);
    await press('ArrowUp', mastercard);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Pay HK$ 388.00' })).toHaveFocus();
    await expect(args.onSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({ token: DEMO_TOKENS.mastercard }),
    );
  },
};

/** Checkout hides expired cards; account pages keep them so customers can remove them. */
export const HideExpiredAtCheckout: Story = {
  args: { hideExpired: true },
  play: async ({ canvas }) => {
    await canvas.findByRole('radiogroup');
    await expect(canvas.queryByRole('radio', { name: /American Express/ })).toBeNull();
    await expect(canvas.getAllByRole('radio')).toHaveLength(5);
  },
};

/** The page owns the selection (`value` + `onSelect`). */
export const Controlled: Story = {
  render: function ControlledList(args) {
    const [token, setToken] = useState<string | null>(DEMO_TOKENS.unionpay);
    return (
      <>
        <SavedCardList
          {...args}
          value={token}
          onSelect={(card) => {
            args.onSelect?.(card);
            setToken(card.token);
          }}
        />
        <p>
          Selected token: <output>{token ?? 'none'}</output>
        </p>
      </>
    );
  },
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByRole('radio', { name: /UnionPay/ })).toBeChecked();
    await userEvent.click(canvas.getByRole('radio', { name: /Visa ending in 4242/ }));
    await expect(canvas.getByRole('status')).toHaveTextContent(DEMO_TOKENS.visa);
  },
};

/** Waiting for the gateway: a skeleton, announced once as loading. */
export const Loading: Story = {
  parameters: { msw: { handlers: gateway('timeout').handlers } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading saved cards…');
  },
};

/** A slow gateway (1.5 s): skeleton first, then the cards. */
export const SlowGateway: Story = {
  parameters: { msw: { handlers: gateway('slow').handlers } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading saved cards…');
    await expect(await canvas.findByRole('radiogroup', {}, { timeout: 5000 })).toBeVisible();
  },
};

/** A customer with no saved cards. */
export const Empty: Story = {
  parameters: { msw: { handlers: gateway('empty').handlers } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('You have no saved cards yet.')).toBeVisible();
  },
};

/** The gateway answers 500: an alert with a support reference and a retry. */
export const ServerError: Story = {
  parameters: { msw: { handlers: gateway('server-error').handlers } },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('We could not load your saved cards. Please try again.');
    await expect(alert).toHaveTextContent(/Reference: [0-9a-f-]{36}/);
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
  },
};

/** The first request never reaches the server; "Try again" recovers. */
export const NetworkErrorThenRetry: Story = {
  parameters: {
    msw: {
      handlers: [
        http.get(
          `${STORY_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`,
          () => HttpResponse.error(),
          { once: true },
        ),
        ...gateway().handlers,
      ],
    },
  },
  play: async ({ canvas, userEvent }) => {
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('We could not reach the server');
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(await canvas.findByRole('radiogroup')).toBeVisible();
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** The gateway answers 200 with a truncated body: reported, never rendered half-parsed. */
export const MalformedReply: Story = {
  parameters: { msw: { handlers: gateway('malformed-json').handlers } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'We could not load your saved cards.',
    );
  },
};

/** Wonder's older envelope `{code, message, data}` and token shape (no `default` flag, 2-digit years). */
export const OlderGatewayResponses: Story = {
  parameters: { msw: { handlers: gateway('envelope-b').handlers } },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('radio', {
        name: /Visa ending in 4242, expires \d\d\/\d\d, default/,
      }),
    ).toBeChecked();
  },
};

/** Holder names and nicknames with markup render as text; unknown brands get a generic mark. */
export const HostileAndOddData: Story = {
  parameters: {
    msw: {
      handlers: gateway('default', (db) => {
        db.addToken(DEMO_CUSTOMER.uuid, {
          number: '************1111',
          brand: 'Martian Express',
          holder_name: '<img src=x onerror=alert(1)><script>alert("pwned")</script>',
        });
        db.addToken(DEMO_CUSTOMER.uuid, {
          number: '4111111111111111',
          holder_name: 'javascript:alert(1)',
          brand: 'VISA',
        });
      }).handlers,
    },
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(
      await canvas.findByText('<img src=x onerror=alert(1)><script>alert("pwned")</script>'),
    ).toBeVisible();
    await expect(canvas.getByRole('radio', { name: /^Card ending in 1111/ })).toBeEnabled();
    await expect(canvasElement.querySelector('script, img, a')).toBeNull();
  },
};

/** A long list of cards (24). */
export const ManyCards: Story = {
  parameters: {
    msw: {
      handlers: gateway('default', (db) => {
        const numbers = [
          '4012888888881881',
          '5105105105105100',
          '3566002020360505',
          '6011111111111117',
        ];
        for (let index = 0; index < 18; index += 1) {
          db.addToken(DEMO_CUSTOMER.uuid, { number: numbers[index % numbers.length] });
        }
      }).handlers,
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findAllByRole('radio')).toHaveLength(24);
  },
};

/**
 * For design-system teams: the hook plus the compound parts, with your own markup around each row.
 * Only usable cards, default first (`select: selectUsableCards`).
 */
export const ComposedFromParts: Story = {
  render: function Composed() {
    const { data: cards = [] } = usePaymentTokens({ select: selectUsableCards });
    const [token, setToken] = useState<string>();
    const selected = token ?? cards[0]?.token ?? '';
    return (
      <SavedCardList.Root aria-label="Pay with" value={selected} onValueChange={setToken}>
        {cards.map((card) => (
          <SavedCardList.Row key={card.token}>
            <SavedCardList.Item card={card} />
          </SavedCardList.Row>
        ))}
      </SavedCardList.Root>
    );
  },
  play: async ({ canvas }) => {
    const group = await canvas.findByRole('radiogroup', { name: 'Pay with' });
    await waitFor(() => expect(group.querySelectorAll('input[type="radio"]')).toHaveLength(3));
    await expect(canvas.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
  },
};
