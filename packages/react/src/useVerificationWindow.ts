import {
  checkVerifyUrl,
  readThreeDSOutcome,
  readThreeDSReturnEvent,
  THREE_DS_POPUP_NAME,
  type ThreeDSOutcome,
} from '@savedcards/core';
import { type RefCallback, useCallback, useEffect, useRef, useState } from 'react';

export type VerificationMode = 'popup' | 'iframe' | 'redirect';

export interface UseVerificationWindowOptions {
  /** Where the cardholder passes 3-D Secure. Default `'popup'`. */
  mode?: VerificationMode;
  /** Origins other than `https:` ones whose verify URLs may be opened (development only). */
  allowedVerifyOrigins?: readonly string[];
  /**
   * Hosts an `https:` verify URL may be on (`checkVerifyUrl`'s `hosts`). Default: Wonder's
   * (`DEFAULT_VERIFY_HOSTS`); narrow it to one environment with `WONDER_VERIFY_HOSTS.production`.
   */
  verifyHosts?: readonly string[];
  /** The popup's and the iframe's title (the iframe's accessible name). */
  title?: string;
  /** Text shown in the blank popup until the bank's page loads. */
  placeholder?: string;
  /** `window.open` features. Default `'popup,width=480,height=720'`. */
  popupFeatures?: string;
}

/**
 * What the UI shows for the challenge:
 * - `none`: nothing (no challenge, or it is over and the token is being checked);
 * - `popup`: the challenge is in the popup ("finish in the window that opened");
 * - `blocked`: the browser blocked the popup; show a button whose click calls `openPopup()`;
 * - `frame`: render `<iframe {...frameProps} />` (in a labelled dialog);
 * - `redirect`: the page is leaving for the bank.
 */
export type VerificationView = 'none' | 'popup' | 'blocked' | 'frame' | 'redirect';

export interface VerificationFrameProps {
  src: string;
  title: string;
  ref: RefCallback<HTMLIFrameElement>;
  /**
   * What the bank's page may do: run scripts, submit forms and keep its own storage, but never
   * navigate the checkout (no `allow-top-navigation`) or open windows.
   */
  sandbox: string;
  referrerPolicy: 'no-referrer';
}

/** The iframe's sandbox: what real ACS pages need, and nothing that reaches the checkout. */
export const VERIFICATION_FRAME_SANDBOX = 'allow-scripts allow-forms allow-same-origin';

export interface VerificationWindow {
  view: VerificationView;
  /** Opens the blocked popup; call it from a click. */
  openPopup: () => void;
  /** For `view === 'frame'`. */
  frameProps: VerificationFrameProps | undefined;
}

/**
 * Where a flow is with its 3-D Secure challenge, which is all `useVerificationWindow` reads
 * (`useAddCard().challenge`, `usePayWithSavedCard().challenge`, or your own flow's):
 * - `none`: no flow under way, or it ended (an open popup is closed);
 * - `starting`: the write is under way and a challenge may follow;
 * - `open`: open `verifyUrl` now; `popupBlocked`: the browser blocked the popup, so the view offers
 *   a button;
 * - `verifying`: the challenge is open, and the return page is listened for;
 * - `checking`: the outcome is being read, and a late return message still counts.
 */
export type VerificationChallenge =
  | { step: 'none' }
  | { step: 'starting' }
  | { step: 'open'; verifyUrl: string; popupBlocked?: boolean }
  | { step: 'verifying'; verifyUrl: string }
  | { step: 'checking' };

/** The challenge of a flow that needs none (one object, so it keeps its identity). */
export const NO_CHALLENGE: VerificationChallenge = { step: 'none' };

/** A flow with a 3-D Secure challenge: its `challenge` and what the window tells it. */
export interface VerificationFlow {
  challenge: VerificationChallenge;
  /** The challenge is open (popup, iframe) or about to be (redirect). */
  verificationOpened: () => void;
  /** The verify URL may not be opened (`unsafe_verify_url`), or the popup was blocked. */
  verificationBlocked: (reason: 'blocked_popup' | 'unsafe_verify_url') => void;
  /** The cardholder is back (return page message, URL or closed popup). */
  verificationReturned: (outcome?: ThreeDSOutcome) => void;
  /** Before a full-page redirect: keep what `resume()` needs. */
  rememberForRedirect: () => boolean;
}

const WINDOW_NAME = THREE_DS_POPUP_NAME;
const CLOSED_CHECK_MS = 500;

/**
 * The 3-D Secure window of a flow (`useAddCard()`, `usePayWithSavedCard()`), rendering no markup. It checks the
 * verify URL (`checkVerifyUrl` with `allowedVerifyOrigins`) and opens it in a popup (opened blank
 * only when the card needs a challenge, while the Save click's user activation lasts; a blocked
 * popup becomes the `blocked` view, whose button calls `openPopup()`), an iframe (`frameProps`) or a full-page
 * redirect (remembered first for `resume()`). It listens for the return page's message, from our
 * origin and from the window or frame it opened only, notices a closed popup, and tells the flow:
 * `verificationOpened`, `verificationBlocked`, `verificationReturned`.
 */
export function useVerificationWindow(
  flow: VerificationFlow,
  options: UseVerificationWindowOptions = {},
): VerificationWindow {
  const {
    mode = 'popup',
    allowedVerifyOrigins,
    verifyHosts,
    title = '',
    placeholder = '',
  } = options;
  const features = options.popupFeatures ?? 'popup,width=480,height=720';
  const { challenge, verificationOpened, verificationReturned } = flow;
  const popup = useRef<Window | null>(null);
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null);
  const latest = useRef({
    flow,
    mode,
    allowedVerifyOrigins,
    verifyHosts,
    features,
    title,
    placeholder,
  });
  latest.current = { flow, mode, allowedVerifyOrigins, verifyHosts, features, title, placeholder };
  const waiting = challenge.step === 'verifying' || challenge.step === 'checking';
  const inFlow = challenge.step !== 'none';

  const verifyUrl = 'verifyUrl' in challenge ? challenge.verifyUrl : undefined;
  const verifyUrlRef = useRef(verifyUrl);
  verifyUrlRef.current = verifyUrl ?? verifyUrlRef.current;
  const openPopup = useCallback(() => {
    const checked = checkVerifyUrl(verifyUrl, {
      allowedOrigins: allowedVerifyOrigins,
      hosts: verifyHosts,
    });
    if (!checked.ok) return;
    popup.current = openBlank(features, title, placeholder);
    if (popup.current) {
      popup.current.location.replace(checked.url);
      verificationOpened();
    }
  }, [
    verifyUrl,
    allowedVerifyOrigins,
    verifyHosts,
    features,
    title,
    placeholder,
    verificationOpened,
  ]);

  // The flow needs 3-D Secure: open its verify URL, once per challenge, if it may be opened. Keyed
  // on the values, not the object: a flow that builds `challenge` afresh each render opens once.
  const openUrl = challenge.step === 'open' && !challenge.popupBlocked ? challenge.verifyUrl : null;
  useEffect(() => {
    if (openUrl === null) return;
    const {
      flow: current,
      mode: how,
      allowedVerifyOrigins: allowed,
      verifyHosts: hosts,
    } = latest.current;
    const checked = checkVerifyUrl(openUrl, { allowedOrigins: allowed, hosts });
    if (!checked.ok) {
      popup.current?.close();
      popup.current = null;
      current.verificationBlocked('unsafe_verify_url');
    } else if (how === 'redirect') {
      current.rememberForRedirect();
      current.verificationOpened();
      window.location.assign(checked.url);
    } else if (how === 'iframe') {
      current.verificationOpened();
    } else {
      // Only now, when the card needs a challenge: browsers allow a popup while the Save click's
      // user activation lasts (a few seconds); later it is blocked and the view offers a button.
      if (!popup.current || popup.current.closed) {
        const { features: shape, title: name, placeholder: text } = latest.current;
        popup.current = openBlank(shape, name, text);
      }
      if (popup.current) {
        popup.current.location.replace(checked.url);
        current.verificationOpened();
      } else {
        current.verificationBlocked('blocked_popup');
      }
    }
  }, [openUrl]);

  // The return page reports back (from the window or frame we opened), or the popup is closed.
  useEffect(() => {
    if (!waiting) return;
    const onMessage = (event: MessageEvent) => {
      const source = mode === 'popup' ? popup.current : frame?.contentWindow;
      if (!source) return;
      const outcome = readThreeDSReturnEvent(event, { origin: window.location.origin, source });
      if (outcome) {
        popup.current?.close();
        popup.current = null;
        verificationReturned(outcome);
      }
    };
    window.addEventListener('message', onMessage);
    const watch = setInterval(() => {
      const opened = popup.current;
      if (!opened) return;
      if (opened.closed) {
        popup.current = null;
        verificationReturned('unknown');
        return;
      }
      // The popup has no opener to message (it was cut), so the return page is read here: once the
      // popup is back on our origin, its URL says how the challenge ended.
      const returned = returnPageHref(opened, verifyUrlRef.current);
      if (returned) {
        opened.close();
        popup.current = null;
        verificationReturned(readThreeDSOutcome(returned));
      }
    }, CLOSED_CHECK_MS);
    return () => {
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
    };
  }, [waiting, mode, frame, verificationReturned]);

  // The flow ended (or was reset): close the popup.
  useEffect(() => {
    if (!inFlow) {
      popup.current?.close();
      popup.current = null;
    }
  }, [inFlow]);
  useEffect(() => () => popup.current?.close(), []);

  let view: VerificationView = 'none';
  if (mode === 'redirect' && (challenge.step === 'open' || challenge.step === 'verifying')) {
    view = 'redirect';
  } else if (challenge.step === 'open' && challenge.popupBlocked) {
    view = 'blocked';
  } else if (challenge.step === 'verifying') {
    view = mode === 'iframe' ? 'frame' : 'popup';
  }
  return {
    view,
    openPopup,
    frameProps:
      view === 'frame' && verifyUrl
        ? {
            src: verifyUrl,
            title,
            ref: setFrame,
            sandbox: VERIFICATION_FRAME_SANDBOX,
            referrerPolicy: 'no-referrer',
          }
        : undefined,
  };
}

/**
 * A blank popup of our own, with its opener cut before it goes anywhere: the bank's page can never
 * reach back and navigate the checkout (`window.opener` is `null` there).
 */
function openBlank(features: string, title: string, placeholder: string): Window | null {
  const opened = window.open('', WINDOW_NAME, features);
  if (!opened) return null;
  try {
    opened.opener = null;
    opened.document.title = title;
    opened.document.body.textContent = placeholder;
  } catch {
    // A window we cannot write to still works once navigated.
  }
  return opened;
}

/**
 * The popup's URL once it is on our origin and no longer on the verify page itself (a mock bank
 * page can be on our origin too): the return page. Else `undefined`.
 */
function returnPageHref(opened: Window, verifyUrl: string | undefined): string | undefined {
  try {
    const href = opened.location.href;
    if (!href || href === 'about:blank') return undefined;
    const page = new URL(href);
    if (page.origin !== window.location.origin) return undefined;
    const bank = verifyUrl === undefined ? undefined : new URL(verifyUrl, window.location.href);
    return bank && bank.origin === page.origin && bank.pathname === page.pathname
      ? undefined
      : href;
  } catch {
    return undefined; // still on the bank's origin
  }
}
