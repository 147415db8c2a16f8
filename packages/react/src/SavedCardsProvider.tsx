import type { GatewayClient, SavedCard } from '@savedcards/core';
import { QueryClientContext } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';

/** Tells the components under one provider that a card was just saved (to select it at checkout). */
export interface CardAddedChannel {
  emit(card: SavedCard): void;
  subscribe(listener: (card: SavedCard) => void): () => void;
}

function createCardAddedChannel(): CardAddedChannel {
  const listeners = new Set<(card: SavedCard) => void>();
  return {
    emit: (card) => {
      for (const listener of [...listeners]) listener(card);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface SavedCardsContextValue {
  client: GatewayClient;
  customerUuid: string;
  /** How often a failed read (network, timeout, 5xx) is retried. */
  retry: number;
  /** `useAddCard` announces each saved card here; `useOnCardAdded` listens. */
  cardAdded: CardAddedChannel;
}

export interface SavedCardsProviderProps {
  /** From `createGatewayClient({ baseUrl })`; create it once, outside render. */
  client: GatewayClient;
  /** The Wonder customer whose cards are shown, as your server handed it to the page. */
  customerUuid: string;
  /** Retries for failed reads (network, timeout, 5xx only; never 4xx). Default 2. */
  retry?: number;
  children?: ReactNode;
}

export const SavedCardsContext = createContext<SavedCardsContextValue | null>(null);
SavedCardsContext.displayName = 'SavedCardsContext';

/**
 * Gives the hooks and components below it a gateway client and the customer. It uses your app's
 * `QueryClientProvider`; it does not create a `QueryClient` of its own.
 */
export function SavedCardsProvider({
  client,
  customerUuid,
  retry = 2,
  children,
}: SavedCardsProviderProps) {
  if (!useContext(QueryClientContext)) {
    throw new Error(
      '<SavedCardsProvider> needs a QueryClient: wrap it in <QueryClientProvider client={queryClient}> from @tanstack/react-query.',
    );
  }
  const [cardAdded] = useState(createCardAddedChannel);
  const value = useMemo(
    () => ({ client, customerUuid, retry, cardAdded }),
    [client, customerUuid, retry, cardAdded],
  );
  return <SavedCardsContext.Provider value={value}>{children}</SavedCardsContext.Provider>;
}

/**
 * The provider's value. Throws a message naming `useCase` and the provider to add when called
 * outside `<SavedCardsProvider>`.
 */
export function useSavedCardsContext(useCase: string): SavedCardsContextValue {
  const context = useContext(SavedCardsContext);
  if (!context) {
    throw new Error(
      `${useCase} must be used within <SavedCardsProvider>. Wrap the part of your app that uses ${useCase} in <SavedCardsProvider client={…} customerUuid={…}>.`,
    );
  }
  return context;
}

/**
 * Calls `listener` with every card saved by an add-card flow (`useAddCard`, `<AddCardFlow>`) under
 * the same `<SavedCardsProvider>`, once it is saved (after 3-D Secure if it was needed). A checkout
 * list uses it to select the card just added.
 */
export function useOnCardAdded(listener: (card: SavedCard) => void): void {
  const { cardAdded } = useSavedCardsContext('useOnCardAdded()');
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => cardAdded.subscribe((card) => latest.current(card)), [cardAdded]);
}
