import type { SavedCard } from '@savedcards/core';
import { useCustomer } from '@savedcards/react';
import { AddCardFlow, SavedCardList, useMessages } from '@savedcards/ui';
import { useId, useState } from 'react';
import type { AddCardSettings } from './App';
import type { DemoCopy } from './copy';

const PRICES = [168, 220];
const total = PRICES.reduce((sum, price) => sum + price, 0);

export function Checkout({ addCard, copy }: { addCard: AddCardSettings; copy: DemoCopy }) {
  const headingId = useId();
  const summaryId = useId();
  const messages = useMessages();
  const customer = useCustomer();
  const [card, setCard] = useState<SavedCard>();
  const [paid, setPaid] = useState<string>();
  const hkd = new Intl.NumberFormat(document.documentElement.lang || 'en', {
    style: 'currency',
    currency: 'HKD',
  });

  return (
    <main className="checkout">
      <header>
        <p className="shop">{copy.shop}</p>
        <h1>{copy.checkout}</h1>
        {customer.data ? <p className="signed-in">{copy.signedInAs(customer.data.name)}</p> : null}
      </header>

      <section aria-labelledby={summaryId} className="panel">
        <h2 id={summaryId}>{copy.summary}</h2>
        <ul className="items">
          {copy.items.map((name, index) => (
            <li key={name}>
              <span>{name}</span>
              <span>{hkd.format(PRICES[index] ?? 0)}</span>
            </li>
          ))}
        </ul>
        <p className="total">
          <span>{copy.total}</span>
          <span>{hkd.format(total)}</span>
        </p>
      </section>

      <section aria-labelledby={headingId} className="panel">
        <h2 id={headingId}>{copy.payWith}</h2>
        <SavedCardList aria-labelledby={headingId} hideExpired onSelect={setCard} />
        <div className="add-card">
          <AddCardFlow {...addCard} />
        </div>
        <button
          type="button"
          className="pay"
          disabled={!card}
          onClick={() => card && setPaid(messages.cardLabel({ ...card, isDefault: false }))}
        >
          {copy.pay(hkd.format(total))}
        </button>
        <p role="status" className="paid">
          {paid ? copy.paid(hkd.format(total), paid) : ''}
        </p>
      </section>
    </main>
  );
}
