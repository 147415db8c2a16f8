import { AddCardFlow, rowActions, type SavedCardAction, SavedCardList } from '@savedcards/ui';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { gateway } from './gateway';

const base = gateway();

const MANAGE: readonly SavedCardAction[] = ['make-default', 'remove'];

/** An account page by default (`actions`); without actions, a checkout's card picker. */
function Page({ actions = MANAGE }: { actions?: readonly SavedCardAction[] }) {
  return (
    <>
      <AddCardFlow />
      <SavedCardList actions={actions.length ? rowActions(actions) : undefined} />
    </>
  );
}

/**
 * The default theme in dark (`data-sc-theme="dark"` on `<html>`), and a merchant's own look made only
 * from `--sc-*` custom properties and `data-*` selectors. See the Theming page for every property.
 */
const meta = {
  title: 'Guides/Theming',
  // Its Docs page is stories/docs/Theming.mdx (one Theming section, not two).
  tags: ['!autodocs'],
  component: Page,
  parameters: { msw: { handlers: base.handlers } },
  beforeEach: base.reset,
} satisfies Meta<typeof Page>;

export default meta;
type Story = StoryObj<typeof meta>;

const body = (element: HTMLElement) => within(element.ownerDocument.body);
const style = (element: Element) => getComputedStyle(element);

/** Dark theme: the list, its badges and the remove confirmation (axe checks contrast with it open). */
export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const visa = await canvas.findByRole('group', { name: /Visa ending in 4242/ });
    await waitFor(() => expect(style(visa).backgroundColor).toBe('rgb(31, 41, 55)'));
    await expect(style(visa).color).toBe('rgb(243, 244, 246)');
    await userEvent.click(
      canvas.getByRole('button', { name: 'Remove: Mastercard ending in 4444' }),
    );
    const dialog = await body(canvasElement).findByRole('alertdialog');
    await expect(style(dialog).backgroundColor).toBe('rgb(31, 41, 55)');
  },
};

/** Dark theme: the add-card dialog with its validation errors showing. */
export const DarkAddCard: Story = {
  globals: { theme: 'dark' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a card' }));
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add a card' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save card' }));
    await expect(within(dialog).getByLabelText('Card number')).toHaveAccessibleDescription(
      'Enter your card number.',
    );
    await expect(style(within(dialog).getByLabelText('Card number')).backgroundColor).toBe(
      'rgb(31, 41, 55)',
    );
  },
};

/** Dark theme in Traditional Chinese. */
export const DarkTraditionalChinese: Story = {
  globals: { theme: 'dark', locale: 'zh-HK' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('list', { name: '已儲存的卡' })).toBeInTheDocument();
  },
};

// What a merchant writes in their own stylesheet: Tailwind's palette and radii as --sc-* values on
// :root, plus a few rules against the components' data-* attributes. Nothing in the library changes.
const MERCHANT_CSS = `
:root {
  --sc-font-family: ui-sans-serif, system-ui, sans-serif;
  --sc-color-text: #0f172a;          /* slate-900 */
  --sc-color-text-muted: #475569;    /* slate-600 */
  --sc-color-surface: #ffffff;
  --sc-color-surface-muted: #f1f5f9; /* slate-100 */
  --sc-color-border: #cbd5e1;        /* slate-300 */
  --sc-color-accent: #4f46e5;        /* indigo-600 */
  --sc-color-accent-text: #ffffff;
  --sc-color-focus: #4338ca;         /* indigo-700 */
  --sc-color-success: #047857;       /* emerald-700 */
  --sc-color-success-surface: #d1fae5;
  --sc-radius: 0.75rem;              /* rounded-xl */
  --sc-radius-small: 9999px;         /* rounded-full buttons */
  --sc-space: 1rem;
  --sc-shadow-selected: 0 0 0 3px #c7d2fe; /* ring-4 indigo-200 */
}
[data-slot="saved-card-list-item"][data-state="checked"] { background: #eef2ff; } /* indigo-50 */
[data-slot="saved-card-list-item"][data-default] [data-slot="saved-card-number"] { color: #3730a3; }
[data-slot="button"][data-action="make-default"] { border-color: #4f46e5; color: #3730a3; }
[data-slot="saved-card-badge"] { text-transform: uppercase; letter-spacing: 0.05em; }
`;

/** A merchant's own look (Tailwind-like tokens) through `--sc-*` and `data-*` selectors only, at checkout. */
export const MerchantTheme: Story = {
  parameters: { msw: { handlers: base.handlers } },
  render: () => (
    <>
      <style>{MERCHANT_CSS}</style>
      <Page actions={[]} />
    </>
  ),
  play: async ({ canvas, canvasElement, userEvent }) => {
    // The card is the label around its native radio.
    const card = (radio: HTMLElement) => radio.closest('label') as HTMLElement;
    const visa = await canvas.findByRole('radio', { name: /Visa ending in 4242/ });
    await expect(style(card(visa)).borderTopColor).toBe('rgb(79, 70, 229)');
    await expect(style(card(visa)).backgroundColor).toBe('rgb(238, 242, 255)');
    await expect(style(card(visa)).borderTopLeftRadius).toBe('12px');
    const unionpay = canvas.getByRole('radio', { name: /UnionPay ending in 8599/ });
    await userEvent.click(unionpay);
    await expect(style(card(unionpay)).backgroundColor).toBe('rgb(238, 242, 255)');
    await expect(style(card(visa)).backgroundColor).toBe('rgb(255, 255, 255)');
    await userEvent.click(canvas.getByRole('button', { name: 'Add a card' }));
    const save = within(await body(canvasElement).findByRole('dialog')).getByRole('button', {
      name: 'Save card',
    });
    await expect(style(save).backgroundColor).toBe('rgb(79, 70, 229)');
  },
};
