import type { SavedCard } from '@savedcards/core';
import { useCustomer } from '@savedcards/react';
import { AddCardFlow, SavedCardList, useMessages } from '@savedcards/ui';
import type { AddCardSettings } from './App';
import { useId, useState } from 'react';

const ITEMS = [
  { name: 'Oolong tea, 150 g', price: 168 },
  { name: 'Porcelain tea cup (pair)', price: 220 },
];
const total = ITEMS.reduce((sum, item) => sum + item.price, 0);
const hkd = new Intl.NumberFormat('en-HK', { style: 'currency', currency: 'HKD' });

export function Checkout({ addCard }: { addCard: AddCardSettings }) {
  const headingId = useId();
  const messages = useMessages();
  const customer = useCustomer();
  const [card, setCard] = useState<SavedCard>();
  const [paid, setPaid] = useState<string>();

  return (
    <main className="checkout">
      <header>
        <p className="shop">Wonder Shop</p>
        <h1>Checkout</h1>
        {customer.data ? <p className="signed-in">Signed in as {customer.data.name}</p> : null}
      </header>

      <section aria-labelledby="summary-heading" className="panel">
        <h2 id="summary-heading">Order summary</h2>
        <ul className="items">
          {ITEMS.map((item) => (
            <li key={item.name}>
              <span>{item.name}</span>
              <span>{hkd.format(item.price)}</span>
            </li>
          ))}
        </ul>
        <p className="total">
          <span>Total</span>
          <span>{hkd.format(total)}</span>
        </p>
      </section>

      <section aria-labelledby={headingId} className="panel">
        <h2 id={headingId}>Pay with</h2>
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
          Pay {hkd.format(total)}
        </button>
        <p role="status" className="paid">
          {paid ? `Paid ${hkd.format(total)} with ${paid}. (Demo: no money moved.)` : ''}
        </p>
      </section>
    </main>
  );
}
