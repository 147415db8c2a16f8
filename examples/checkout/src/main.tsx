import '@savedcards/ui/styles.css';
import './checkout.css';
import { createGatewayClient } from '@savedcards/core';
import { SavedCardsProvider } from '@savedcards/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectGateway } from './gateway';

const gateway = await connectGateway();
const queryClient = new QueryClient();
const client = createGatewayClient({ baseUrl: gateway.baseUrl });
const root = document.getElementById('root');
if (!root) {
  throw new Error('#root is missing from index.html');
}
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={gateway.customerUuid}>
        <App gateway={gateway} />
      </SavedCardsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
