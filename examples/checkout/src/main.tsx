import '@savedcards/ui/styles.css';
import './checkout.css';
import { createGatewayClient } from '@savedcards/core';
import { DEMO_CUSTOMER, type GatewayScenarioName, gatewayScenarios } from '@savedcards/msw';
import { startGatewayWorker } from '@savedcards/msw/browser';
import { SavedCardsProvider } from '@savedcards/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Checkout } from './Checkout';

const BASE_URL = '/api/wonder';

// `?scenario=slow` (or empty, server-error, network-error, malformed-json, envelope-b) picks how the
// mock gateway behaves.
const requested = new URLSearchParams(window.location.search).get('scenario') ?? 'default';
const scenario = (
  Object.hasOwn(gatewayScenarios, requested) ? requested : 'default'
) as GatewayScenarioName;

await startGatewayWorker({ baseUrl: BASE_URL, scenario, quiet: true });

const queryClient = new QueryClient();
const client = createGatewayClient({ baseUrl: BASE_URL });
const root = document.getElementById('root');
if (!root) {
  throw new Error('#root is missing from index.html');
}
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={DEMO_CUSTOMER.uuid}>
        <Checkout scenario={scenario} />
      </SavedCardsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
