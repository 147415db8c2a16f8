// The documented API, as an integrator writes it (README "Use it", the react and ui READMEs).
// Type-checked with skipLibCheck: false under moduleResolution bundler and nodenext.
import { createGatewayClient, type SavedCard, selectUsableCards } from '@savedcards/core';
import { SavedCardsProvider, usePaymentTokens, useSetDefaultPaymentToken } from '@savedcards/react';
import { AddCardFlow, rowActions, SavedCardList } from '@savedcards/ui';
import '@savedcards/ui/styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';

const client = createGatewayClient({ baseUrl: '/api/wonder' });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

/** Hooks-only markup (the react README): a hook's error has a message. */
function CardCount() {
  const { data: cards = [], error, isPending } = usePaymentTokens({ select: selectUsableCards });
  const setDefault = useSetDefaultPaymentToken();
  if (error) return <p role="alert">{error.message}</p>;
  if (isPending) return <p>Loading…</p>;
  const last: SavedCard | undefined = cards[cards.length - 1];
  return (
    <section aria-label="Hooks">
      <p data-testid="card-count">{cards.length} usable cards</p>
      {last && !last.isDefault ? (
        <button type="button" onClick={() => setDefault.mutate({ token: last.token })}>
          Hook: make {last.last4} default
        </button>
      ) : null}
      {setDefault.error ? <p role="alert">{setDefault.error.message}</p> : null}
    </section>
  );
}

/** The compound parts (the ui README): typed, so a prop that does not exist is an error. */
export function Parts({ cards }: { cards: SavedCard[] }) {
  const [token, setToken] = useState<string>();
  return (
    <>
      <SavedCardList.Root aria-label="Parts" value={token} onValueChange={setToken}>
        {cards.map((card) => (
          <SavedCardList.Row key={card.token}>
            <SavedCardList.Item card={card} />
          </SavedCardList.Row>
        ))}
      </SavedCardList.Root>
      {/* @ts-expect-error `notAProp` is not a prop of SavedCardList.Root */}
      <SavedCardList.Root notAProp aria-label="Never rendered" />
    </>
  );
}

export function App({ customerUuid }: { customerUuid: string }) {
  const [selected, setSelected] = useState<string>();
  return (
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={customerUuid}>
        <main>
          <h1>Your saved cards</h1>
          <SavedCardList
            actions={rowActions(['make-default', 'remove'])}
            onSelect={(card) => setSelected(card.token)}
          />
          <p data-testid="selected">{selected ?? 'none'}</p>
          {/* The mock's bank page is on this http origin; real verify URLs are https. */}
          <AddCardFlow verification="iframe" allowedVerifyOrigins={[window.location.origin]} />
          <CardCount />
        </main>
      </SavedCardsProvider>
    </QueryClientProvider>
  );
}
