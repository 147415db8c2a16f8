import { AddCardFlow, rowActions, SavedCardList } from '@savedcards/ui';
import { useId } from 'react';
import type { AddCardSettings } from './App';
import type { DemoCopy } from './copy';

/** The customer's account page: every saved card; the default is chosen in each card's menu. */
export function ManageCards({ addCard, copy }: { addCard: AddCardSettings; copy: DemoCopy }) {
  const headingId = useId();
  return (
    <main className="checkout">
      <header>
        <p className="shop">{copy.shop}</p>
        <h1 id={headingId}>{copy.manageHeading}</h1>
      </header>
      <section className="panel" aria-labelledby={headingId}>
        <SavedCardList
          aria-labelledby={headingId}
          actions={rowActions(['make-default', 'remove'])}
          promoteDefaultOnRemove
        />
        <div className="add-card">
          <AddCardFlow {...addCard} />
        </div>
      </section>
    </main>
  );
}
