import '@savedcards/ui/styles.css';
import './checkout.css';
import { createGatewayClient } from '@savedcards/core';
import { SavedCardsProvider } from '@savedcards/react';
import { SavedCardsMessagesProvider } from '@savedcards/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DEMO_COPY, KIT_MESSAGES } from './copy';
import { connectGateway } from './gateway';
import { applySettings, readSettings } from './settings';

const settings = readSettings();
applySettings(settings);
const gateway = await connectGateway();
const queryClient = new QueryClient();
// The gateway answers in the page's language too (`x-i18n-lang`), e.g. its error messages.
const client = createGatewayClient({ baseUrl: gateway.baseUrl, lang: settings.lang });
const root = document.getElementById('root');
if (!root) {
  throw new Error('#root is missing from index.html');
}
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={gateway.customerUuid}>
        <SavedCardsMessagesProvider messages={KIT_MESSAGES[settings.lang]}>
          <App gateway={gateway} settings={settings} copy={DEMO_COPY[settings.lang]} />
        </SavedCardsMessagesProvider>
      </SavedCardsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
