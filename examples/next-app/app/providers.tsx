'use client';
// The app's QueryClientProvider, as TanStack Query's App Router guide sets it up: one QueryClient
// per request on the server, one for the whole session in the browser.
import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Data the server prefetched is fresh for a minute: no refetch right after hydration.
      queries: { staleTime: 60_000 },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  useEffect(() => {
    // Marks the end of hydration for the end-to-end test (test/e2e/next.e2e.mjs).
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
