import type { VerificationMode } from '@savedcards/ui';
import { useSyncExternalStore } from 'react';
import { Checkout } from './Checkout';
import type { DemoGateway } from './gateway';
import { ManageCards } from './ManageCards';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const MODES: readonly VerificationMode[] = ['popup', 'iframe', 'redirect'];

/** How the demo's add-card flow opens 3-D Secure: `?verify=popup` (default), `iframe` or `redirect`. */
export interface AddCardSettings {
  verification: VerificationMode;
  /** The mock's challenge page is served over http by the dev or demo server: allow this origin. */
  allowedVerifyOrigins: string[];
  /** Where the mock's challenge sends the cardholder back (the server's proxy sets its own). */
  returnUrls?: { successUrl: string; failUrl: string };
}

function addCardSettings(gateway: DemoGateway): AddCardSettings {
  const requested = new URLSearchParams(window.location.search).get('verify');
  const verification = MODES.find((mode) => mode === requested) ?? 'popup';
  if (gateway.mode !== 'mock') {
    // The demo server serves the mock's bank page over http on this origin (Wonder's is https).
    return { verification, allowedVerifyOrigins: [window.location.origin] };
  }
  const back = (ok: 0 | 1) =>
    `${window.location.origin}/mock-3ds/return.html?ok=${ok}&next=${encodeURIComponent(window.location.href.split('#')[0] ?? '')}`;
  return {
    verification,
    allowedVerifyOrigins: [window.location.origin],
    returnUrls: { successUrl: back(1), failUrl: back(0) },
  };
}

/** Two demo pages on hash routes: the checkout (`#/`) and the account page (`#/manage`). */
export function App({ gateway }: { gateway: DemoGateway }) {
  const { scenario } = gateway;
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const page = hash === '#/manage' ? 'manage' : 'checkout';
  const addCard = addCardSettings(gateway);
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
      {page === 'manage' ? <ManageCards addCard={addCard} /> : <Checkout addCard={addCard} />}
      {gateway.mode === 'mock' ? (
        <footer className="demo-footer">
          <p>
            Demo on the mock gateway, scenario <code>{scenario}</code>. Try{' '}
            <a href="?scenario=slow">slow</a>, <a href="?scenario=empty">empty</a>,{' '}
            <a href="?scenario=server-error">server error</a>,{' '}
            <a href="?scenario=network-error">network error</a>,{' '}
            <a href="?scenario=envelope-b">older envelope</a> or <a href="?">default</a>.
          </p>
          <p>
            3-D Secure opens in a <a href="?verify=popup">popup</a>, an{' '}
            <a href="?verify=iframe">iframe</a> or a{' '}
            <a href="?verify=redirect">full-page redirect</a> (now:{' '}
            <code>{addCard.verification}</code>). Test cards: 4242 4242 4242 4242 (no challenge),
            4000 0000 0000 3220 (challenge), 4000 0000 0000 0002 (declined).
          </p>
        </footer>
      ) : (
        <footer className="demo-footer">
          <p>Demo through the signing proxy; every gateway request is signed on the server.</p>
        </footer>
      )}
    </>
  );
}
