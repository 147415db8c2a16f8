import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import {
  AddCardFlow,
  DefaultMethodPicker,
  SavedCardList,
  SavedCardsMessagesProvider,
  zhCNMessages,
  zhHKMessages,
  rowActions,
} from '../index.js';

describe('SavedCardsMessagesProvider', () => {
  it('sets Traditional Chinese once for every component, with lang="zh-HK"', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <SavedCardsMessagesProvider messages={zhHKMessages}>
        <SavedCardList actions={rowActions(['make-default', 'remove'])} />
        <DefaultMethodPicker />
        <AddCardFlow />
      </SavedCardsMessagesProvider>,
    );
    const list = await screen.findByRole('list', { name: '已儲存的卡' });
    expect(list.closest('[lang]')).toHaveAttribute('lang', 'zh-HK');
    expect(
      within(list).getByRole('group', {
        name: /^Visa 尾號 4242，有效期至 \d{4}年\d{1,2}月，預設$/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '清除失敗的嘗試' })).toBeInTheDocument();
    expect(await screen.findByRole('radiogroup', { name: '預設卡' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '移除：銀聯 尾號 8599' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '新增卡' }));
    const dialog = await screen.findByRole('dialog', { name: '新增卡' });
    expect(dialog).toHaveAttribute('lang', 'zh-HK');
    await user.click(within(dialog).getByRole('button', { name: '儲存卡' }));
    expect(within(dialog).getByLabelText('卡號')).toHaveAccessibleDescription('請輸入卡號。');
  });

  it('lets a component’s messages prop override one string over the provider’s language', async () => {
    renderWithProviders(
      <SavedCardsMessagesProvider messages={zhCNMessages}>
        <SavedCardList messages={{ listLabel: '付款方式' }} />
      </SavedCardsMessagesProvider>,
    );
    const list = await screen.findByRole('radiogroup', { name: '付款方式' });
    expect(within(list).getByRole('radio', { name: /^银联 尾号 8599，/ })).toBeInTheDocument();
  });

  it('merges a partial set over the provider above it (nested providers)', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <SavedCardsMessagesProvider messages={zhCNMessages}>
        <SavedCardsMessagesProvider messages={{ remove: '移除' }}>
          <SavedCardList actions={rowActions(['remove'])} />
        </SavedCardsMessagesProvider>
      </SavedCardsMessagesProvider>,
    );
    const remove = await screen.findByRole('button', { name: '删除：银联 尾号 8599' });
    expect(remove).toHaveTextContent('移除');
    await user.click(remove);
    const dialog = await screen.findByRole('alertdialog', { name: '删除 银联 尾号 8599？' });
    expect(dialog).toHaveAttribute('lang', 'zh-CN');
    await user.click(within(dialog).getByRole('button', { name: '删除此卡' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('已删除 银联 尾号 8599。'),
    );
  });
});
