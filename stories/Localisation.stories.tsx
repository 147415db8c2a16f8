import {
  AddCardFlow,
  type SavedCardAction,
  type SavedCardsMessages,
  rowActions,
  SavedCardList,
  SavedCardsMessagesProvider,
  zhCNMessages,
  zhHKMessages,
} from '@savedcards/ui';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { gateway } from './gateway';

const base = gateway();

const MANAGE: readonly SavedCardAction[] = ['make-default', 'remove'];

/** An account page by default (`actions`); without actions, a checkout's card picker. */
function Page({
  messages,
  actions = MANAGE,
}: {
  messages: Partial<SavedCardsMessages>;
  actions?: readonly SavedCardAction[];
}) {
  return (
    <SavedCardsMessagesProvider messages={messages}>
      <AddCardFlow />
      <SavedCardList actions={actions.length ? rowActions(actions) : undefined} />
    </SavedCardsMessagesProvider>
  );
}

/**
 * The same components in Traditional Chinese (zh-HK) and Simplified Chinese (zh-CN), set once with
 * `<SavedCardsMessagesProvider messages={zhHKMessages}>`, and under `dir="rtl"`.
 */
const meta = {
  title: 'Guides/Localisation',
  // Its Docs page is stories/docs/Localisation.mdx (one Localisation section, not two).
  tags: ['!autodocs'],
  component: Page,
  args: { messages: zhHKMessages },
  parameters: { msw: { handlers: base.handlers } },
  beforeEach: base.reset,
} satisfies Meta<typeof Page>;

export default meta;
type Story = StoryObj<typeof meta>;

const body = (element: HTMLElement) => within(element.ownerDocument.body);

/** 繁體中文（香港）: pick a card; each radio's name says brand, last four, expiry month and default. */
export const TraditionalChineseList: Story = {
  args: { messages: zhHKMessages, actions: [] },
  globals: { locale: 'zh-HK' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, userEvent }) => {
    const group = await canvas.findByRole('radiogroup', { name: '已儲存的卡' });
    await expect(group.closest('[lang]')).toHaveAttribute('lang', 'zh-HK');
    const visa = within(group).getByRole('radio', {
      name: /^Visa 尾號 4242，有效期至 \d{4}年\d{1,2}月，預設$/,
    });
    await expect(visa).toBeChecked();
    const unionpay = within(group).getByRole('radio', { name: /^銀聯 尾號 8599，有效期至/ });
    await userEvent.click(unionpay);
    await expect(unionpay).toBeChecked();
    await expect(
      within(group).getByRole('radio', { name: /^美國運通 尾號 0005，已於 .* 到期$/ }),
    ).toBeDisabled();
    // The gateway's own message comes in the language the client asked for (x-i18n-lang).
    await expect(canvas.getByText('發卡機構拒絕了此卡。')).toBeVisible();
  },
};

/** 繁體中文（香港）: make another card the default, then remove one through the confirmation. */
export const TraditionalChineseManage: Story = {
  args: { messages: zhHKMessages },
  globals: { locale: 'zh-HK' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: '設為預設：Mastercard 尾號 4444' }),
    );
    await expect(
      await canvas.findByText('已將 Mastercard 尾號 4444 設為你的預設卡。'),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: '移除：銀聯 尾號 8599' }));
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: '移除 銀聯 尾號 8599？',
    });
    await expect(dialog).toHaveAttribute('lang', 'zh-HK');
    await expect(within(dialog).getByRole('button', { name: '保留此卡' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: '移除此卡' }));
    await expect(await canvas.findByText('已移除 銀聯 尾號 8599。')).toBeVisible();
    await expect(canvas.queryByRole('group', { name: /銀聯/ })).toBeNull();
  },
};

/** 繁體中文（香港）: the add-card dialog, its field names and validation messages. */
export const TraditionalChineseAddCard: Story = {
  args: { messages: zhHKMessages },
  globals: { locale: 'zh-HK' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: '新增卡' }));
    const dialog = await body(canvasElement).findByRole('dialog', { name: '新增卡' });
    const form = within(dialog);
    await userEvent.click(form.getByRole('button', { name: '儲存卡' }));
    await expect(form.getByLabelText('卡號')).toHaveAccessibleDescription('請輸入卡號。');
    await expect(form.getByLabelText('到期日（MM / YY）')).toHaveAccessibleDescription(
      '請輸入到期日。',
    );
    await expect(form.getByLabelText('安全碼（CVC）')).toHaveAccessibleDescription(
      '請輸入安全碼。',
    );
    await userEvent.type(form.getByLabelText('卡號'), '4242424242424241');
    await userEvent.click(form.getByRole('button', { name: '儲存卡' }));
    await expect(form.getByLabelText('卡號')).toHaveAccessibleDescription(
      '卡號無效，請檢查後再試。',
    );
    await userEvent.click(form.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(body(canvasElement).queryByRole('dialog')).toBeNull());
  },
};

/** 简体中文: the list and its actions. */
export const SimplifiedChineseManage: Story = {
  args: { messages: zhCNMessages },
  globals: { locale: 'zh-CN' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const list = await canvas.findByRole('list', { name: '已保存的银行卡' });
    await expect(list.closest('[lang]')).toHaveAttribute('lang', 'zh-CN');
    await expect(
      within(list).getByRole('group', {
        name: /^Visa 尾号 4242，有效期至 \d{4}年\d{1,2}月，默认$/,
      }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: '清除失败的尝试' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: '设为默认：银联 尾号 8599' }));
    await expect(await canvas.findByText('已将 银联 尾号 8599 设为您的默认银行卡。')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: '删除：万事达卡 尾号 4444' }));
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: '删除 万事达卡 尾号 4444？',
    });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    await expect(canvas.getByRole('group', { name: /^万事达卡 尾号 4444/ })).toBeInTheDocument();
  },
};

/** 简体中文: the add-card dialog and its validation messages. */
export const SimplifiedChineseAddCard: Story = {
  args: { messages: zhCNMessages },
  globals: { locale: 'zh-CN' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: '添加银行卡' }));
    const dialog = await body(canvasElement).findByRole('dialog', { name: '添加银行卡' });
    await expect(dialog).toHaveAttribute('lang', 'zh-CN');
    const form = within(dialog);
    await userEvent.type(form.getByLabelText('有效期（MM / YY）'), '01/20');
    await userEvent.click(form.getByRole('button', { name: '保存银行卡' }));
    await expect(form.getByLabelText('卡号')).toHaveAccessibleDescription('请输入卡号。');
    await expect(form.getByLabelText('有效期（MM / YY）')).toHaveAccessibleDescription(
      '此卡已过期。',
    );
    await expect(form.getByLabelText('持卡人姓名')).toHaveAccessibleDescription(
      '请输入持卡人姓名。',
    );
  },
};

/** An integrator's own wording for one string, over zh-HK: the `messages` prop still wins. */
export const OverrideOneString: Story = {
  args: { messages: { ...zhHKMessages, listLabel: '付款方式' }, actions: [] },
  globals: { locale: 'zh-HK' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas }) => {
    const group = await canvas.findByRole('radiogroup', { name: '付款方式' });
    await expect(within(group).getByRole('radio', { name: /^銀聯 尾號 8599/ })).toBeInTheDocument();
  },
};

/**
 * Right to left (`dir="rtl"` on the page, the toolbar's Direction), on an account page: the brand
 * mark sits at the inline start (the right), actions at the inline end, and the dialog stays
 * centred. Layout uses logical properties throughout.
 */
export const RightToLeft: Story = {
  args: { messages: {} },
  globals: { dir: 'rtl' },
  parameters: { msw: { handlers: base.handlers } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(canvasElement.ownerDocument.documentElement).toHaveAttribute('dir', 'rtl');
    const visa = await canvas.findByRole('group', { name: /Visa ending in 4242/ });
    const details = visa.querySelector('[data-slot="saved-card-details"]') as HTMLElement;
    const mark = visa.querySelector('[data-slot="card-brand-mark"]') as HTMLElement;
    // Inline start is the right edge: the brand mark is right of the card's name and number.
    await expect(mark.getBoundingClientRect().left).toBeGreaterThan(
      details.getBoundingClientRect().right,
    );
    const remove = canvas.getByRole('button', { name: 'Remove: Visa ending in 4242' });
    await expect(remove.getBoundingClientRect().right).toBeLessThan(
      visa.getBoundingClientRect().left + 1,
    );
    await userEvent.click(remove);
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: 'Remove Visa ending in 4242?',
    });
    const box = dialog.getBoundingClientRect();
    const middle = canvasElement.ownerDocument.documentElement.clientWidth / 2;
    await expect(Math.abs(box.left + box.width / 2 - middle)).toBeLessThan(2);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(remove).toHaveFocus());
  },
};
