'use client';
// The client boundary: SavedCardsProvider and the @savedcards/ui components. Their data is already
// in the QueryClient (prefetched by page.tsx and hydrated by <HydrationBoundary>), so the first
// render, on the server and in the browser, shows the cards without a request.
import { createGatewayClient, type SavedCard } from '@savedcards/core';
import { SavedCardsProvider } from '@savedcards/react';
import { AddCardFlow, DefaultMethodPicker, SavedCardList } from '@savedcards/ui';
import { useState } from 'react';

// Once, outside render. Relative: requests go to this app's route handler, with the session cookie.
const client = createGatewayClient({ baseUrl: '/api/wonder' });

export function CheckoutCards({ customerUuid }: { customerUuid: string }) {
  const [selected, setSelected] = useState<SavedCard | null>(null);
  return (
    <SavedCardsProvider client={client} customerUuid={customerUuid}>
      <section aria-labelledby="pay-heading">
        <h2 id="pay-heading">Pay with</h2>
        <SavedCardList aria-labelledby="pay-heading" hideExpired onSelect={setSelected} />
        <p data-testid="selected-card">
          {selected ? `Paying with the card ending in ${selected.last4}` : 'No card chosen'}
        </p>
        <AddCardFlow verification="popup" />
      </section>
      <section aria-labelledby="default-heading">
        <h2 id="default-heading">Default card</h2>
        <DefaultMethodPicker aria-labelledby="default-heading" />
      </section>
    </SavedCardsProvider>
  );
}
