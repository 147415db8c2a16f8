import { createGatewayClient } from '@savedcards/core';
import { DEMO_CUSTOMER } from '@savedcards/msw';
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  SavedCardsProvider,
  useCustomer,
  usePaymentTokens,
  useSavedCardsContext,
} from './index.js';

describe('SavedCardsProvider', () => {
  it('names the hook and the provider to add when a hook is used outside it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useCustomer())).toThrow(
      'useCustomer() must be used within <SavedCardsProvider>. Wrap the part of your app that uses useCustomer() in <SavedCardsProvider client={…} customerUuid={…}>.',
    );
    expect(() => renderHook(() => usePaymentTokens())).toThrow(
      /^usePaymentTokens\(\) must be used within <SavedCardsProvider>/,
    );
    expect(() => renderHook(() => useSavedCardsContext('<MyCards>'))).toThrow(
      /^<MyCards> must be used within <SavedCardsProvider>/,
    );
  });

  it('asks for a QueryClientProvider when the app has none', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = createGatewayClient({ baseUrl: 'http://localhost:3000/api/wonder' });
    expect(() =>
      renderHook(() => null, {
        wrapper: ({ children }) => (
          <SavedCardsProvider client={client} customerUuid={DEMO_CUSTOMER.uuid}>
            {children}
          </SavedCardsProvider>
        ),
      }),
    ).toThrow(
      '<SavedCardsProvider> needs a QueryClient: wrap it in <QueryClientProvider client={queryClient}> from @tanstack/react-query.',
    );
  });
});
