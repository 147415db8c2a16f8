import '@savedcards/ui/styles.css';
import { createGatewayClient } from '@savedcards/core';
import { DEMO_CUSTOMER } from '@savedcards/msw';
import { SavedCardsProvider } from '@savedcards/react';
import type { Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { type ReactNode, useState } from 'react';
import { STORY_BASE_URL } from '../stories/gateway';

function Providers({ children, customerUuid }: { children: ReactNode; customerUuid: string }) {
  // Fresh per story: no cache leaks between stories.
  const [queryClient] = useState(() => new QueryClient());
  const [client] = useState(() =>
    createGatewayClient({ baseUrl: STORY_BASE_URL, timeoutMs: 8000 }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={customerUuid} retry={0}>
        {children}
      </SavedCardsProvider>
    </QueryClientProvider>
  );
}

const preview: Preview = {
  loaders: [mswLoader()],
  decorators: [
    (Story, { parameters }) => (
      <Providers customerUuid={parameters.customerUuid ?? DEMO_CUSTOMER.uuid}>
        <div style={{ maxInlineSize: 560 }}>
          <Story />
        </div>
      </Providers>
    ),
  ],
  parameters: {
    // 'error' makes axe violations fail the story test (addon-vitest).
    a11y: { test: 'error' },
    layout: 'padded',
  },
  tags: ['autodocs'],
};

export default preview;
