import { HttpResponse, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { GatewayDb } from './db.js';
import type { GatewayErrorDefinition } from './errors.js';
import { GATEWAY_ERROR_CODES, gatewayError } from './errors.js';
import { VERIFY_URL_BASE } from './fixtures.js';
import { challengeBehaviourOf } from './scenarioCards.js';
import type { WireToken } from './wire.js';

/**
 * The simulated 3-D Secure challenge. A pending token's `verify_url` points at a static page,
 * `public/mock-3ds/challenge.html` (navigations never reach msw's service worker, so it cannot be a
 * handler). Its Approve and Decline buttons record the decision two ways, and the mock applies it:
 *
 * 1. in `localStorage` under `savedcards-mock-3ds:<verify_uuid>` (the "mailbox"), read by the
 *    handlers on the next `check` of that token. This works in a popup, an iframe and after a
 *    full-page redirect alike: msw's worker only answers requests of the page that started it (and
 *    of iframes inside it), so a popup's own `fetch` would go to the network;
 * 2. `POST {baseUrl}/__mock__/3ds/{verify_uuid}` with `{"decision": "approve" | "decline"}`, which
 *    the handlers answer where msw sees it (iframes, Node tests, scripts).
 *
 * Then the page navigates to the token's success or fail return URL.
 */

export type ChallengeDecision = 'approve' | 'decline';

/** Path of the mock-only decision route below `baseUrl`. */
export const MOCK_3DS_PATH = '/__mock__/3ds';

/** Prefix of the decision mailbox keys in `localStorage`. */
export const CHALLENGE_MAILBOX_PREFIX = 'savedcards-mock-3ds:';

/** Static pages in the repository's `public/` folder, served at the site root. */
export const CHALLENGE_PAGE_PATH = '/mock-3ds/challenge.html';
export const RETURN_PAGE_PATH = '/mock-3ds/return.html';

/** Return URLs of the mock outside a browser (Node tests): never resolve. */
export const NODE_RETURN_URL_BASE = 'https://merchant.savedcards-mock.invalid/3ds/return';

/** What a challenge URL is built from. */
export interface MockChallenge {
  verifyUuid: string;
  /** The handlers' `baseUrl`, where the page posts its decision. */
  baseUrl: string;
  successReturnUrl: string;
  failReturnUrl: string;
}

/** Where decisions wait for the next check (`localStorage` in a browser). */
export type ChallengeMailbox = Pick<Storage, 'getItem' | 'removeItem'>;

export interface ChallengeOptions {
  baseUrl: string;
  challengeUrl?: (challenge: MockChallenge) => string;
  challengeMailbox?: ChallengeMailbox | null;
}

/** How the operations build verify and return URLs and read decisions. */
export interface ChallengeContext {
  verifyUrl(challenge: Omit<MockChallenge, 'baseUrl'>): string;
  /** Return URLs when the create body has no `card["3ds"]`. */
  defaultReturnUrls(): { success: string; fail: string };
  /** Forgets any decision left for this verify uuid (a fresh token just got it). */
  forgetDecision(verifyUuid: string): void;
  /** Applies and removes a decision waiting in the mailbox for this token, if any. */
  applyMailbox(db: GatewayDb, customerUuid: string, token: WireToken): void;
}

/** A page in a real browser, where the static challenge page can be served and a worker answers. */
function browserOrigin(): string | undefined {
  const location = globalThis.location;
  const navigator = globalThis.navigator as (Navigator & { serviceWorker?: unknown }) | undefined;
  if (!location || !navigator || !('serviceWorker' in navigator)) return undefined;
  return /^https?:$/.test(location.protocol) ? location.origin : undefined;
}

function defaultMailbox(): ChallengeMailbox | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The default challenge URL: in a browser the static page on this origin, told where to post
 * (`base`) and where to go next; elsewhere an `https` URL on `.invalid` that never resolves.
 */
export function defaultChallengeUrl(challenge: MockChallenge): string {
  const origin = browserOrigin();
  if (origin === undefined) return `${VERIFY_URL_BASE}${challenge.verifyUuid}`;
  const url = new URL(CHALLENGE_PAGE_PATH, origin);
  url.searchParams.set('verify_uuid', challenge.verifyUuid);
  url.searchParams.set('base', challenge.baseUrl);
  url.searchParams.set('success_url', challenge.successReturnUrl);
  url.searchParams.set('fail_url', challenge.failReturnUrl);
  return url.href;
}

function defaultReturnUrls(): { success: string; fail: string } {
  const origin = browserOrigin();
  if (origin === undefined) {
    return { success: `${NODE_RETURN_URL_BASE}?ok=1`, fail: `${NODE_RETURN_URL_BASE}?ok=0` };
  }
  // `next`: where the return page sends a full-page redirect back to (the page that created it).
  const next = globalThis.location?.href ?? '/';
  const build = (ok: '1' | '0') => {
    const url = new URL(RETURN_PAGE_PATH, origin);
    url.searchParams.set('ok', ok);
    url.searchParams.set('next', next);
    return url.href;
  };
  return { success: build('1'), fail: build('0') };
}

function findByVerifyUuid(
  db: GatewayDb,
  verifyUuid: string,
): { customerUuid: string; token: WireToken } | undefined {
  for (const customer of db.listCustomers()) {
    const token = db.listTokens(customer.uuid).find((t) => t.verify_uuid === verifyUuid);
    if (token) return { customerUuid: customer.uuid, token };
  }
  return undefined;
}

function applyDecision(
  db: GatewayDb,
  customerUuid: string,
  token: WireToken,
  decision: ChallengeDecision,
): WireToken {
  if (token.state !== 'pending') return token;
  const behaviour = challengeBehaviourOf(token.credit_card.number);
  if (behaviour === 'challenge-abandon') return token;
  let failure: GatewayErrorDefinition | undefined;
  if (decision === 'decline') {
    failure = { ...GATEWAY_ERROR_CODES.cardDeclined, message: '3-D Secure authentication failed.' };
  } else if (behaviour === 'challenge-decline') {
    failure = GATEWAY_ERROR_CODES.cardDeclined;
  }
  return db.updateToken(customerUuid, token.token, {
    state: failure ? 'failed' : 'success',
    verify_url: null,
    error_code: failure?.code ?? '',
    error_msg: failure?.message ?? '',
  });
}

export type DecideChallengeResult =
  | { ok: true; token: WireToken }
  | { ok: false; error: GatewayErrorDefinition };

/**
 * Decides the challenge of the token with this verify uuid, as the challenge page's buttons do.
 * Only pending tokens change; the scenario card says how (`challenge-decline` fails even when
 * approved, `challenge-abandon` ignores decisions). Deciding again changes nothing.
 */
export function decideChallenge(
  db: GatewayDb,
  verifyUuid: string,
  decision: ChallengeDecision,
): DecideChallengeResult {
  const found = findByVerifyUuid(db, verifyUuid);
  if (!found) {
    return {
      ok: false,
      error: gatewayError('tokenNotFound', 'No payment token has this verify_uuid.'),
    };
  }
  return { ok: true, token: applyDecision(db, found.customerUuid, found.token, decision) };
}

function isDecision(value: unknown): value is ChallengeDecision {
  return value === 'approve' || value === 'decline';
}

export function createChallengeContext(options: ChallengeOptions): ChallengeContext {
  const buildUrl = options.challengeUrl ?? defaultChallengeUrl;
  const mailbox = () =>
    options.challengeMailbox === undefined ? defaultMailbox() : options.challengeMailbox;
  const key = (verifyUuid: string) => `${CHALLENGE_MAILBOX_PREFIX}${verifyUuid}`;
  return {
    verifyUrl: (challenge) => buildUrl({ ...challenge, baseUrl: options.baseUrl }),
    defaultReturnUrls,
    forgetDecision(verifyUuid) {
      try {
        mailbox()?.removeItem(key(verifyUuid));
      } catch {
        // Blocked storage: nothing can be waiting there either.
      }
    },
    applyMailbox(db, customerUuid, token) {
      if (token.verify_uuid === null) return;
      let decision: string | null = null;
      try {
        decision = mailbox()?.getItem(key(token.verify_uuid)) ?? null;
        if (decision !== null) mailbox()?.removeItem(key(token.verify_uuid));
      } catch {
        return;
      }
      if (isDecision(decision)) applyDecision(db, customerUuid, token, decision);
    },
  };
}

/** `POST {baseUrl}/__mock__/3ds/:verifyUuid` with `{"decision": "approve" | "decline"}`. */
export function createChallengeHandler(options: { baseUrl: string; db: GatewayDb }): HttpHandler {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${MOCK_3DS_PATH}/:verifyUuid`;
  return http.post(url, async ({ request, params }) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      body = undefined;
    }
    const decision =
      typeof body === 'object' && body !== null
        ? (body as { decision?: unknown }).decision
        : undefined;
    if (!isDecision(decision)) {
      return HttpResponse.json(
        { error: 'decision must be "approve" or "decline".' },
        { status: 400 },
      );
    }
    const verifyUuid = typeof params.verifyUuid === 'string' ? params.verifyUuid : '';
    const result = decideChallenge(options.db, verifyUuid, decision);
    if (!result.ok) {
      return HttpResponse.json({ error: result.error.message }, { status: 404 });
    }
    return HttpResponse.json({
      verify_uuid: verifyUuid,
      token: result.token.token,
      state: result.token.state,
    });
  });
}

/** The URL of the decision route for a verify uuid (tests, scripts). */
export function mockChallengeDecisionUrl(baseUrl: string, verifyUuid: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${MOCK_3DS_PATH}/${encodeURIComponent(verifyUuid)}`;
}
