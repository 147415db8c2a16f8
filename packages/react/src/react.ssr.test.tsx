// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createGatewayClient, type SavedCard } from '@savedcards/core';
import { DEMO_CUSTOMER } from '@savedcards/msw';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TEST_BASE_URL } from '../../../test/server';
import {
  SavedCardsProvider,
  useCustomer,
  useOnlineStatus,
  usePaymentTokens,
  useTokenStatus,
} from './index.js';
import { customerQueryOptions, paymentTokensQueryOptions } from './options.js';

function Cards() {
  const tokens = usePaymentTokens();
  const customer = useCustomer();
  const online = useOnlineStatus();
  useTokenStatus(undefined, undefined);
  if (tokens.isPending) {
    return <p>pending</p>;
  }
  return (
    <ul data-online={online} data-customer={customer.data?.name ?? ''}>
      {(tokens.data ?? []).map((card: SavedCard) => (
        <li key={card.token}>{card.last4}</li>
      ))}
    </ul>
  );
}

function render(queryClient: QueryClient) {
  const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
  return renderToString(
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={DEMO_CUSTOMER.uuid}>
        <Cards />
      </SavedCardsProvider>
    </QueryClientProvider>,
  );
}

describe('@savedcards/react on the server (react-dom/server, no DOM)', () => {
  it('runs where there is no window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders the provider and hooks to a string without fetching (pending on the server)', () => {
    expect(render(new QueryClient())).toBe('<p>pending</p>');
  });

  it('renders prefetched cards, as a server component page would after prefetchQuery', async () => {
    const queryClient = new QueryClient();
    const client = createGatewayClient({ baseUrl: TEST_BASE_URL });
    await queryClient.prefetchQuery(paymentTokensQueryOptions(client, DEMO_CUSTOMER.uuid));
    await queryClient.prefetchQuery(customerQueryOptions(client, DEMO_CUSTOMER.uuid));
    const html = render(queryClient);
    expect(html).toContain('<li>4242</li>');
    expect(html).toContain('data-online="true"');
    expect(html).toContain(`data-customer="${DEMO_CUSTOMER.name}"`);
  });

  it("keeps 'use client' as the first statement of the entry, and out of ./options", () => {
    const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
    expect(source('./index.ts').startsWith("'use client';")).toBe(true);
    // A Server Component calls these (prefetch); a client module's exports could not be called.
    for (const file of ['./options.ts', './queries.ts', './mutations.ts', './optimistic.ts']) {
      expect(source(file), file).not.toMatch(/^['"]use client['"]/m);
      expect(source(file), file).not.toMatch(/from 'react'/);
    }
  });
});
