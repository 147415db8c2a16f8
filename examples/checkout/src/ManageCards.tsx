import { AddCardFlow, DefaultMethodPicker, SavedCardList } from '@savedcards/ui';
import { useId } from 'react';
import type { AddCardSettings } from './App';

/** The customer's account page: every saved card, with make default and remove. */
export function ManageCards({ addCard }: { addCard: AddCardSettings }) {
  const headingId = useId();
  const pickerHeadingId = useId();
  return (
    <main className="checkout">
      <header>
        <p className="shop">Wonder Shop</p>
        <h1 id={headingId}>Your saved cards</h1>
      </header>
      <section className="panel" aria-labelledby={headingId}>
        <SavedCardList
          aria-labelledby={headingId}
          actions={['make-default', 'remove']}
          promoteDefaultOnRemove
        />
        <div className="add-card">
          <AddCardFlow {...addCard} />
        </div>
      </section>
      <section className="panel" aria-labelledby={pickerHeadingId}>
        <h2 id={pickerHeadingId}>Default card</h2>
        <p className="hint">Used first the next time you pay.</p>
        <DefaultMethodPicker aria-labelledby={pickerHeadingId} />
      </section>
    </main>
  );
}
