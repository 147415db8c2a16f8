// The bench page (bench/lib/page.mjs builds it): our SavedCardList and its baselines, side by side
// in one page, driven from bench/lib/render.mjs and bench/lib/latency.mjs through `window.bench`.
// - ours: SavedCardList (styles included) on the mock gateway's handlers, answered in the page
//   through msw's `getResponse` (no service worker, no network);
// - baselines: a plain-React list with native radios, and a bare React toggle button.
import '@savedcards/ui/styles.css';
import { createGatewayClient } from '@savedcards/core';
import { createGatewayDb, createGatewayHandlers, DEMO_CUSTOMER } from '@savedcards/msw';
import { SavedCardsProvider } from '@savedcards/react';
import { rowActions, SavedCardList } from '@savedcards/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getResponse } from 'msw';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

const BASE_URL = `${location.origin}/api/wonder`;
const memory = () => {
  const items = new Map();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, v) };
};

/** A mock gateway with the demo's cards, or `count` copies of its first valid card. */
function gateway({ count, scenario = 'default' }) {
  const storage = memory();
  createGatewayDb({ persist: storage }).reset();
  if (count !== undefined) {
    const key = 'savedcards-mock-gateway';
    const state = JSON.parse(storage.getItem(key));
    const [uuid, tokens] = state.tokens[0];
    const template = tokens.find((t) => t.state === 'success');
    const many = Array.from({ length: count }, (_, i) => ({
      ...template,
      token: `bench-${String(i).padStart(6, '0')}`,
      credit_card: {
        ...template.credit_card,
        number: `424242******${String(i % 10000).padStart(4, '0')}`,
      },
    }));
    state.tokens[0] = [uuid, many];
    state.customers = state.customers.map(([id, c]) =>
      id === uuid ? [id, { ...c, default_payment_token: many[0].token }] : [id, c],
    );
    storage.setItem(key, JSON.stringify(state));
  }
  const db = createGatewayDb({ persist: storage });
  const handlers = createGatewayHandlers({ baseUrl: BASE_URL, db, scenario });
  const fetchMock = async (input, init) => {
    const request = new Request(input, init);
    return (await getResponse(handlers, request)) ?? new Response('not mocked', { status: 599 });
  };
  return createGatewayClient({ baseUrl: BASE_URL, fetch: fetchMock });
}

function Ours({ client, queryClient, actions }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={DEMO_CUSTOMER.uuid}>
        <SavedCardList
          aria-label="Saved cards"
          actions={actions ? rowActions(['make-default', 'remove']) : undefined}
        />
      </SavedCardsProvider>
    </QueryClientProvider>
  );
}

const baselineCss = `
.b-list { display: grid; gap: 8px; padding: 0; margin: 0; border: 0; }
.b-row { display: flex; align-items: center; gap: 12px; padding: 12px 16px; border: 1px solid #ccc; border-radius: 8px; }
.b-row:has(:checked) { border-color: #222; }
.b-brand { font-weight: 600; min-width: 6em; }
.b-expiry { margin-left: auto; color: #555; }`;

/** The plain-React baseline: a fieldset of labels with native radio inputs, same data. */
function PlainList({ cards }) {
  const [value, setValue] = useState(cards[0]?.token);
  return (
    <fieldset className="b-list">
      <legend>Saved cards</legend>
      {cards.map((card) => (
        <label key={card.token} className="b-row" data-slot="baseline-row">
          <input
            type="radio"
            name="card"
            value={card.token}
            checked={value === card.token}
            onChange={() => setValue(card.token)}
          />
          <span className="b-brand">{card.brand}</span>
          <span>•••• {card.last4}</span>
          <span className="b-expiry">
            {card.expMonth}/{card.expYear}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The bare React toggle (the click baseline). */
function Toggle() {
  const [on, setOn] = useState(false);
  return (
    <button type="button" aria-pressed={on} data-bench="toggle" onClick={() => setOn((x) => !x)}>
      {on ? 'On' : 'Off'}
    </button>
  );
}

const style = document.createElement('style');
style.textContent = baselineCss;
document.head.append(style);

const roots = {};
const unmount = (name) => {
  if (!roots[name]) return;
  flushSync(() => roots[name].unmount());
  delete roots[name];
};
const rowsIn = (name) =>
  document
    .getElementById(name)
    .querySelectorAll(
      name === 'ours' ? '[data-slot="saved-card-list-row"]' : '[data-slot="baseline-row"]',
    ).length;
const nextPaint = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
const until = (test, ms = 20_000) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const poll = () => {
      if (test()) return resolve();
      if (performance.now() - t0 > ms) return reject(new Error('timed out'));
      setTimeout(poll, 5);
    };
    poll();
  });

let prepared = {};
window.bench = {
  /**
   * Loads `count` cards into a QueryClient that never refetches (by mounting ours once), and the
   * same cards as plain data for the baseline: a timed mount then renders from memory, no fetch.
   */
  async prepare(count) {
    unmount('ours');
    unmount('baseline');
    const client = gateway({ count });
    const queryClient = new QueryClient({
      defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } },
    });
    roots.ours = createRoot(document.getElementById('ours'));
    roots.ours.render(<Ours client={client} queryClient={queryClient} />);
    await until(() => rowsIn('ours') >= count);
    unmount('ours');
    const cards = Array.from({ length: count }, (_, i) => ({
      token: `bench-${String(i).padStart(6, '0')}`,
      brand: 'Visa',
      last4: String(i % 10000).padStart(4, '0'),
      expMonth: '04',
      expYear: '31',
    }));
    prepared = { client, queryClient, cards, count };
  },
  /** Mounts one side synchronously (flushSync), then waits for the next presented frame. */
  async mount(name) {
    const { client, queryClient, cards, count } = prepared;
    const t0 = performance.now();
    roots[name] = createRoot(document.getElementById(name));
    flushSync(() =>
      roots[name].render(
        name === 'ours' ? (
          <Ours client={client} queryClient={queryClient} />
        ) : (
          <PlainList cards={cards} />
        ),
      ),
    );
    const committed = performance.now();
    if (rowsIn(name) < count) throw new Error(`${name}: ${rowsIn(name)} of ${count} rows`);
    const painted = await nextPaint();
    return { commitMs: committed - t0, paintMs: painted - t0 };
  },
  unmount,
  /** Ours with row actions on the demo's cards (slow gateway: optimistic updates), and the toggle. */
  async mountClickPage() {
    for (const name of Object.keys(roots)) unmount(name);
    const client = gateway({ scenario: 'slow' });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    roots.ours = createRoot(document.getElementById('ours'));
    roots.ours.render(<Ours client={client} queryClient={queryClient} actions />);
    roots.baseline = createRoot(document.getElementById('baseline'));
    roots.baseline.render(<Toggle />);
    await until(() => document.querySelector('button[aria-label^="Remove: Mastercard"]'));
  },
};
document.documentElement.dataset.ready = 'true';
