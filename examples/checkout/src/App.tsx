import type { SecureDataKey } from '@savedcards/core';
import type { VerificationMode } from '@savedcards/ui';
import { useSyncExternalStore } from 'react';
import { Checkout } from './Checkout';
import type { DemoCopy } from './copy';
import type { DemoGateway } from './gateway';
import { ManageCards } from './ManageCards';
import { type DemoSettings, hrefWith, SETTING_CHOICES } from './settings';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** How the demo's add-card flow opens 3-D Secure (`?verify=popup|iframe|redirect`). */
export interface AddCardSettings {
  verification: VerificationMode;
  /** The mock's challenge page is served over http by the dev or demo server: allow this origin. */
  allowedVerifyOrigins: string[];
  /** Where the mock's challenge sends the cardholder back (the server's proxy sets its own). */
  returnUrls?: { successUrl: string; failUrl: string };
  /** `?encryption=secure-data`: seal the card in the page (experimental). */
  encryption?: 'secure-data';
  secureDataKeys?: SecureDataKey[];
}

function addCardSettings(gateway: DemoGateway, verification: VerificationMode): AddCardSettings {
  // The demo server serves the mock's bank page over http on this origin (Wonder's is https).
  const allowedVerifyOrigins = [window.location.origin];
  // `?encryption=secure-data` (experimental, issue 17): the card leaves the page only sealed.
  const secureData =
    new URLSearchParams(window.location.search).get('encryption') === 'secure-data'
      ? { encryption: 'secure-data' as const, secureDataKeys: gateway.secureDataKeys }
      : {};
  if (gateway.mode !== 'mock') return { verification, allowedVerifyOrigins, ...secureData };
  // Back to this very page (route and query) after a full-page redirect.
  const back = (ok: 0 | 1) =>
    `${window.location.origin}/mock-3ds/return.html?ok=${ok}&next=${encodeURIComponent(window.location.href)}`;
  return {
    verification,
    allowedVerifyOrigins,
    returnUrls: { successUrl: back(1), failUrl: back(0) },
    ...secureData,
  };
}

const SCENARIOS = [
  ['default', 'default'],
  ['slow', 'slow'],
  ['empty', 'empty'],
  ['server-error', 'server error'],
  ['network-error', 'network error'],
  ['malformed-json', 'malformed JSON'],
  ['envelope-b', 'older envelope'],
] as const;

const SWITCH_LABELS: { [K in keyof DemoSettings]: [string, Record<DemoSettings[K], string>] } = {
  verify: ['3-D Secure', { popup: 'popup', iframe: 'iframe', redirect: 'full-page redirect' }],
  theme: ['Theme', { auto: 'auto', light: 'light', dark: 'dark' }],
  lang: ['Language', { en: 'English', 'zh-HK': '繁體中文', 'zh-CN': '简体中文' }],
  dir: ['Direction', { ltr: 'left to right', rtl: 'right to left' }],
};

/** One row of links that change one query parameter, each keeping the others and the route. */
function Switch<K extends keyof DemoSettings>({
  name,
  value,
}: {
  name: K;
  value: DemoSettings[K];
}) {
  const [label, names] = SWITCH_LABELS[name];
  const choices: readonly DemoSettings[K][] = SETTING_CHOICES[name];
  return (
    <li>
      {label}:{' '}
      {choices.map((choice, index) => (
        <span key={choice}>
          {index > 0 ? ' · ' : null}
          <a
            href={hrefWith(name, index === 0 ? null : choice)}
            aria-current={choice === value ? 'true' : undefined}
            lang={name === 'lang' ? choice : undefined}
          >
            {names[choice]}
          </a>
        </span>
      ))}
    </li>
  );
}

/** Two demo pages on hash routes: the checkout (`#/`) and the account page (`#/manage`). */
export function App({
  gateway,
  settings,
  copy,
}: {
  gateway: DemoGateway;
  settings: DemoSettings;
  copy: DemoCopy;
}) {
  const { scenario, reset } = gateway;
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const page = hash.startsWith('#/manage') ? 'manage' : 'checkout';
  const addCard = addCardSettings(gateway, settings.verify);
  return (
    <>
      <nav aria-label={copy.pages} className="demo-nav">
        <a href="#/" aria-current={page === 'checkout' ? 'page' : undefined}>
          {copy.checkout}
        </a>
        <a href="#/manage" aria-current={page === 'manage' ? 'page' : undefined}>
          {copy.manage}
        </a>
      </nav>
      {page === 'manage' ? (
        <ManageCards addCard={addCard} copy={copy} />
      ) : (
        <Checkout addCard={addCard} copy={copy} gateway={gateway} />
      )}
      <footer className="demo-footer" lang="en" dir="ltr">
        <h2>Demo settings</h2>
        <ul className="demo-switches">
          <Switch name="verify" value={settings.verify} />
          <Switch name="theme" value={settings.theme} />
          <Switch name="lang" value={settings.lang} />
          <Switch name="dir" value={settings.dir} />
          {gateway.mode === 'mock' ? (
            <li>
              Scenario:{' '}
              {SCENARIOS.map(([name, label], index) => (
                <span key={name}>
                  {index > 0 ? ' · ' : null}
                  <a
                    href={hrefWith('scenario', name === 'default' ? null : name)}
                    aria-current={name === scenario ? 'true' : undefined}
                  >
                    {label}
                  </a>
                </span>
              ))}
            </li>
          ) : null}
        </ul>
        {reset ? (
          <p>
            <button
              type="button"
              className="demo-reset"
              onClick={() => {
                reset();
                window.location.assign(hrefWith('scenario', null));
              }}
            >
              Reset the demo data
            </button>{' '}
            (the sample customer and cards come back).
          </p>
        ) : null}
        <p>
          {gateway.mode === 'mock'
            ? 'Demo on the mock gateway in a service worker. '
            : 'Demo through the signing proxy; every gateway request is signed on the server. '}
          Test cards: 4242 4242 4242 4242 (no challenge), 4000 0000 0000 3220 (challenge), 4000 0000
          0000 0002 (declined). Paying: 4000 0000 0000 0341 (payment declined), 4000 0000 0000 9995
          (insufficient funds), 4000 0025 0000 3155 (3-D Secure on the payment), 4000 0000 0000 6280
          (answer lost after the charge: still charged once).
        </p>
      </footer>
    </>
  );
}
