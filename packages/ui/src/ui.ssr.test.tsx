// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createGatewayClient } from '@savedcards/core';
import { DEMO_CUSTOMER } from '@savedcards/msw';
import { paymentTokensQueryOptions, SavedCardsProvider } from '@savedcards/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TEST_BASE_URL } from '../../../test/server';
import {
  AddCardFlow,
  DefaultMethodPicker,
  SavedCardList,
  SavedCardsMessagesProvider,
  zhHKMessages,
  rowActions,
} from './index.js';

const client = createGatewayClient({ baseUrl: TEST_BASE_URL });

function render(ui: ReactNode, queryClient = new QueryClient()) {
  return renderToString(
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={DEMO_CUSTOMER.uuid}>
        {ui}
      </SavedCardsProvider>
    </QueryClientProvider>,
  );
}

async function withCards() {
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(paymentTokensQueryOptions(client, DEMO_CUSTOMER.uuid));
  return queryClient;
}

describe('@savedcards/ui on the server (react-dom/server, no DOM)', () => {
  it('runs where there is no window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders SavedCardList as a loading skeleton before data', () => {
    const html = render(<SavedCardList />);
    expect(html).toContain('data-slot="saved-card-list-skeleton"');
    expect(html).toContain('Loading saved cards…');
  });

  it('renders SavedCardList with prefetched cards and row actions', async () => {
    const html = render(
      <SavedCardList actions={rowActions(['make-default', 'remove'])} />,
      await withCards(),
    );
    expect(html).toMatch(/<ul role="list" aria-label="Saved cards"/);
    expect(html).not.toContain('role="radio');
    expect(html).toMatch(/aria-label="Visa ending in 4242, expires \d\d\/\d\d, default"/);
    expect(html).toContain('aria-label="Remove: UnionPay ending in 8599"');
  });

  it('renders DefaultMethodPicker with prefetched cards', async () => {
    const html = render(<DefaultMethodPicker />, await withCards());
    expect(html).toContain('data-slot="default-method-picker"');
    expect(html).toContain('aria-label="Default card"');
  });

  it('renders the AddCardFlow trigger (the dialog stays closed on the server)', () => {
    const html = render(<AddCardFlow />);
    expect(html).toContain('data-action="add-card"');
    expect(html).toContain('>Add a card</button>');
    expect(html).not.toContain('role="dialog"');
  });

  it('renders every component in zh-HK through SavedCardsMessagesProvider', async () => {
    const html = render(
      <SavedCardsMessagesProvider messages={zhHKMessages}>
        <AddCardFlow />
        <SavedCardList />
        <DefaultMethodPicker />
      </SavedCardsMessagesProvider>,
      await withCards(),
    );
    expect(html).toContain('lang="zh-HK"');
    expect(html).toContain('>新增卡</button>');
    expect(html).toContain('aria-label="已儲存的卡"');
    expect(html).toMatch(/aria-label="Visa 尾號 4242，有效期至 \d{4}年\d{1,2}月，預設"/);
    expect(html).toContain('aria-label="預設卡"');
  });

  it("keeps 'use client' as the first statement of the entry", () => {
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    expect(source.startsWith("'use client';")).toBe(true);
  });
});
