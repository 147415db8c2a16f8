import { useSyncExternalStore } from 'react';
import { Checkout } from './Checkout';
import { ManageCards } from './ManageCards';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Two demo pages on hash routes: the checkout (`#/`) and the account page (`#/manage`). */
export function App({ scenario }: { scenario: string }) {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const page = hash === '#/manage' ? 'manage' : 'checkout';
  return (
    <>
      <nav aria-label="Demo pages" className="demo-nav">
        <a href="#/" aria-current={page === 'checkout' ? 'page' : undefined}>
          Checkout
        </a>
        <a href="#/manage" aria-current={page === 'manage' ? 'page' : undefined}>
          Manage cards
        </a>
      </nav>
      {page === 'manage' ? <ManageCards /> : <Checkout />}
      <footer className="demo-footer">
        Demo on the mock gateway, scenario <code>{scenario}</code>. Try{' '}
        <a href="?scenario=slow">slow</a>, <a href="?scenario=empty">empty</a>,{' '}
        <a href="?scenario=server-error">server error</a>,{' '}
        <a href="?scenario=network-error">network error</a>,{' '}
        <a href="?scenario=envelope-b">older envelope</a> or <a href="?">default</a>.
      </footer>
    </>
  );
}
