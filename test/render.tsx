import { createGatewayClient, type GatewayClientOptions } from '@savedcards/core';
import { DEMO_CUSTOMER } from '@savedcards/msw';
import { SavedCardsProvider } from '@savedcards/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { server, TEST_BASE_URL } from './server';

function createTestQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { gcTime: Number.POSITIVE_INFINITY } } });
}

export interface ProvidersOptions {
  queryClient?: QueryClient;
  customerUuid?: string;
  /** Retries for failed reads; tests default to none. */
  retry?: number;
  client?: Partial<GatewayClientOptions>;
}

/** A fresh QueryClient and gateway client per test, around the demo customer of the mock gateway. */
export function createWrapper(options: ProvidersOptions = {}) {
  const queryClient = options.queryClient ?? createTestQueryClient();
  const client = createGatewayClient({ baseUrl: TEST_BASE_URL, ...options.client });
  // biome-ignore lint/correctness/noComponentHookFactories: a wrapper closes over this test's clients.
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <SavedCardsProvider
          client={client}
          customerUuid={options.customerUuid ?? DEMO_CUSTOMER.uuid}
          retry={options.retry ?? 0}
        >
          {children}
        </SavedCardsProvider>
      </QueryClientProvider>
    );
  }
  return { Wrapper, queryClient, client };
}

export function renderWithProviders(ui: ReactElement, options: ProvidersOptions = {}) {
  const { Wrapper, queryClient, client } = createWrapper(options);
  return { ...render(ui, { wrapper: Wrapper }), queryClient, client };
}

/** Counts requests reaching the mock gateway, by `METHOD pathname-suffix`. */
export function countRequests() {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    const { pathname } = new URL(request.url);
    seen.push(`${request.method} ${pathname.replace(/^.*\/openapi/, '')}`);
  };
  server.events.on('request:start', listener);
  return {
    seen,
    count: (pattern: RegExp) => seen.filter((entry) => pattern.test(entry)).length,
    stop: () => server.events.removeListener('request:start', listener),
  };
}
