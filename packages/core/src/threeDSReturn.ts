/**
 * The merchant's 3-D Secure return page and the resume-after-redirect record. Framework-free: the
 * return page can be a plain HTML page that loads only this.
 */

/** What the return URL says about the challenge. Only a hint: the check call decides. */
export type ThreeDSOutcome = 'success' | 'failed' | 'unknown';

export const THREE_DS_RETURN_MESSAGE_TYPE = 'savedcards:3ds-return';

/** The name of the 3-D Secure popup the checkout opens (and finds again on a second click). */
export const THREE_DS_POPUP_NAME = 'savedcards-3ds';

/** The message the return page posts to its opener (popup) or parent (iframe). */
export interface ThreeDSReturnMessage {
  type: typeof THREE_DS_RETURN_MESSAGE_TYPE;
  outcome: ThreeDSOutcome;
}

const OUTCOMES = new Set<unknown>(['success', 'failed', 'unknown']);

/** Type guard for `event.data` of a `message` event. Check `event.origin` and `event.source` too. */
export function isThreeDSReturnMessage(data: unknown): data is ThreeDSReturnMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === THREE_DS_RETURN_MESSAGE_TYPE &&
    OUTCOMES.has((data as { outcome?: unknown }).outcome)
  );
}

export interface ThreeDSReturnEventFilter {
  /** The origin the return page is on (the merchant's own origin, usually `location.origin`). */
  origin: string;
  /** The popup window or the iframe's `contentWindow`, when known: other senders are ignored. */
  source?: unknown;
}

/**
 * For the page that opened the challenge: the outcome carried by a `message` event, or `null` when
 * the event is not a return message from the expected origin (and source).
 */
export function readThreeDSReturnEvent(
  event: { data: unknown; origin: string; source?: unknown },
  filter: ThreeDSReturnEventFilter,
): ThreeDSOutcome | null {
  if (event.origin !== filter.origin) return null;
  if (filter.source !== undefined && event.source !== filter.source) return null;
  return isThreeDSReturnMessage(event.data) ? event.data.outcome : null;
}

/** Hash parameter the mock return page adds when it sends a redirect back (`#3ds-return=success`). */
export const THREE_DS_RETURN_HASH_PARAM = '3ds-return';

function outcomeOf(ok: string | null, status: string | null): ThreeDSOutcome | undefined {
  const okValue = ok?.trim().toLowerCase();
  if (okValue === '1' || okValue === 'true') return 'success';
  if (okValue === '0' || okValue === 'false') return 'failed';
  const statusValue = status?.trim().toLowerCase();
  if (statusValue === 'success' || statusValue === 'succeeded') return 'success';
  if (statusValue === 'fail' || statusValue === 'failed' || statusValue === 'failure') {
    return 'failed';
  }
  return undefined;
}

/**
 * Reads the outcome from a return URL: `?ok=1|0` (what the proxy puts in its return URLs), or
 * `?status=success|fail`, or a `#3ds-return=success|failed` hash. `'unknown'` when none is there.
 */
export function readThreeDSOutcome(url: string | URL): ThreeDSOutcome {
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://return.invalid/');
  } catch {
    return 'unknown';
  }
  const fromQuery = outcomeOf(parsed.searchParams.get('ok'), parsed.searchParams.get('status'));
  if (fromQuery) return fromQuery;
  const hash = new URLSearchParams(parsed.hash.replace(/^#/, ''));
  const fromHash = hash.get(THREE_DS_RETURN_HASH_PARAM);
  return outcomeOf(null, fromHash === 'failed' ? 'fail' : fromHash) ?? 'unknown';
}

/** The parts of `window` the return helper uses (so tests can pass their own). */
export interface ThreeDSReturnWindow {
  location: { href: string; origin: string };
  /** The window's name: `THREE_DS_POPUP_NAME` in the popup the checkout opened. */
  name?: string;
  opener: { postMessage(message: unknown, targetOrigin: string): void; closed?: boolean } | null;
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  close(): void;
}

export interface HandleThreeDSReturnOptions {
  /** Default `globalThis.window`. */
  window?: ThreeDSReturnWindow;
  /** Origin of the page that opened the challenge. Default: this page's own origin. */
  targetOrigin?: string;
  /** Where the pending verification is kept. Default `sessionStorage`. */
  storage?: VerificationStorage | null;
}

/**
 * - `popup`: the message was posted to the opener and the popup closed itself;
 * - `iframe`: the message was posted to the parent (the dialog removes the iframe);
 * - `redirect`: a full-page redirect; resume from `readPendingVerification()`.
 */
export type ThreeDSReturnResult = {
  mode: 'popup' | 'iframe' | 'redirect';
  outcome: ThreeDSOutcome;
  /**
   * After a full-page redirect: the page (path, query and hash on this origin) the flow left for the
   * bank, kept with the pending card verification or payment (the newer one, when both are kept).
   * Send the cardholder back there:
   * `location.replace(result.returnTo ?? '/')`.
   */
  returnTo?: string;
};

/**
 * For the page at the merchant's 3DS return URL. Opened as a popup (`window.opener`) or in an
 * iframe (`window.parent !== window`), it posts `{ type: 'savedcards:3ds-return', outcome }` to the
 * opener or parent on `targetOrigin` (default: its own origin), and a popup closes itself. After a
 * full-page redirect it only returns `{ mode: 'redirect', outcome, returnTo? }`.
 */
export function handleThreeDSReturn(options: HandleThreeDSReturnOptions = {}): ThreeDSReturnResult {
  const win = options.window ?? (globalThis.window as unknown as ThreeDSReturnWindow | undefined);
  if (!win) {
    throw new TypeError('handleThreeDSReturn: no window (call it in the return page).');
  }
  const outcome = readThreeDSOutcome(win.location.href);
  const message: ThreeDSReturnMessage = { type: THREE_DS_RETURN_MESSAGE_TYPE, outcome };
  const targetOrigin = options.targetOrigin ?? win.location.origin;
  const parent = win.parent;
  if (parent && parent !== (win as unknown)) {
    parent.postMessage(message, targetOrigin);
    return { mode: 'iframe', outcome };
  }
  // The popup's opener is cut before it goes to the bank (so the bank's page cannot navigate the
  // checkout): the checkout reads this page's URL itself and closes the popup.
  if (win.name === THREE_DS_POPUP_NAME) {
    return { mode: 'popup', outcome };
  }
  const opener = win.opener;
  if (opener && opener !== (win as unknown) && !opener.closed) {
    opener.postMessage(message, targetOrigin);
    win.close();
    return { mode: 'popup', outcome };
  }
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  // Both may be kept (one left behind by an abandoned bank page): the newer one is coming back.
  const card = readPendingVerification(storage);
  const payment = readPendingPayment(storage);
  const newer =
    card && payment
      ? savedAt(storage, PENDING_PAYMENT_KEY) > savedAt(storage, PENDING_VERIFICATION_KEY)
        ? payment
        : card
      : (card ?? payment);
  const returnTo = newer?.returnTo;
  return returnTo === undefined
    ? { mode: 'redirect', outcome }
    : { mode: 'redirect', outcome, returnTo };
}

/** What survives a full-page redirect to the challenge: never card data. */
export interface PendingVerification {
  customerUuid: string;
  token: string;
  /** Absent when the gateway gave the token no verify uuid. */
  verifyUuid?: string;
  /** The cardholder asked for the card to become the default once saved. */
  setAsDefault?: boolean;
  /** The page the flow left for the bank: a path on this origin, with its query and hash. */
  returnTo?: string;
}

/** The sessionStorage key of the pending verification. */
export const PENDING_VERIFICATION_KEY = 'savedcards:pending-verification';

/** The parts of `Storage` used here. */
export type VerificationStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `sessionStorage`, or `null` where it is blocked (shared with `PaymentObserver`; not public). */
export function defaultStorage(): VerificationStorage | null {
  try {
    // Reading `sessionStorage` throws where storage is blocked (sandboxed iframes, some settings).
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

// Ids are opaque: printable ASCII without spaces, at most 255 characters.
const ID = /^[\x21-\x7e]{1,255}$/;

function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

// A merchant's order id: any text up to 1024 characters without control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const ORDER_ID = /^[^\u0000-\u001f\u007f]{1,1024}$/u;

function isOrderId(value: unknown): value is string {
  return typeof value === 'string' && ORDER_ID.test(value);
}

// A path on this origin (never `//host` or a scheme), printable ASCII, at most 2048 characters.
const RETURN_PATH = /^\/(?![/\\])[\x21-\x7e]{0,2047}$/;

function isReturnPath(value: unknown): value is string {
  return typeof value === 'string' && RETURN_PATH.test(value);
}

/** When a kept record was written (`savedAt`, milliseconds), or 0 when it does not say. */
function savedAt(storage: VerificationStorage | null, key: string): number {
  try {
    const { savedAt: at } = JSON.parse(storage?.getItem(key) ?? '{}') as { savedAt?: unknown };
    return typeof at === 'number' ? at : 0;
  } catch {
    return 0;
  }
}

/**
 * Keeps `{ customerUuid, token, verifyUuid?, setAsDefault?, returnTo? }` and when (`savedAt`), nothing else, in sessionStorage
 * before a full-page redirect to the challenge. `false` when storage is unavailable or a value is
 * not an id. `storage` defaults to `sessionStorage`; `null` means none.
 */
export function savePendingVerification(
  pending: PendingVerification,
  storage: VerificationStorage | null = defaultStorage(),
): boolean {
  const record: PendingVerification = {
    customerUuid: pending.customerUuid,
    token: pending.token,
    ...(pending.verifyUuid === undefined ? {} : { verifyUuid: pending.verifyUuid }),
    ...(pending.setAsDefault === true ? { setAsDefault: true } : {}),
    ...(isReturnPath(pending.returnTo) ? { returnTo: pending.returnTo } : {}),
  };
  if (
    !storage ||
    !isId(record.customerUuid) ||
    !isId(record.token) ||
    (pending.verifyUuid !== undefined && !isId(pending.verifyUuid))
  ) {
    return false;
  }
  try {
    storage.setItem(PENDING_VERIFICATION_KEY, JSON.stringify({ ...record, savedAt: Date.now() }));
    return true;
  } catch {
    return false;
  }
}

/** The kept verification, or `null` (none, unreadable storage, or a malformed record, which is removed). */
export function readPendingVerification(
  storage: VerificationStorage | null = defaultStorage(),
): PendingVerification | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(PENDING_VERIFICATION_KEY) ?? null;
  } catch {
    return null;
  }
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const record = parsed as Partial<Record<keyof PendingVerification, unknown>> | undefined;
  if (
    typeof record === 'object' &&
    record !== null &&
    isId(record.customerUuid) &&
    isId(record.token) &&
    (record.verifyUuid === undefined || isId(record.verifyUuid)) &&
    (record.setAsDefault === undefined || typeof record.setAsDefault === 'boolean')
  ) {
    return {
      customerUuid: record.customerUuid,
      token: record.token,
      ...(record.verifyUuid === undefined ? {} : { verifyUuid: record.verifyUuid }),
      ...(record.setAsDefault === true ? { setAsDefault: true } : {}),
      ...(isReturnPath(record.returnTo) ? { returnTo: record.returnTo } : {}),
    };
  }
  clearPendingVerification(storage);
  return null;
}

export function clearPendingVerification(
  storage: VerificationStorage | null = defaultStorage(),
): void {
  try {
    storage?.removeItem(PENDING_VERIFICATION_KEY);
  } catch {
    // Blocked storage holds nothing to clear.
  }
}

/** The `sessionStorage` key of a payment whose 3-D Secure left by full-page redirect. */
export const PENDING_PAYMENT_KEY = 'savedcards:pending-payment';

/** A payment whose 3-D Secure left by full-page redirect, kept by `rememberForRedirect()`. */
export interface PendingPayment {
  orderId: string;
  token: string;
  /** The checkout's route and query, to come back to after the bank (like `PendingVerification.returnTo`). */
  returnTo?: string;
}

/**
 * The payment kept before a full-page redirect, or `null` (none, unreadable storage, or a malformed
 * record). A checkout reads it on load to know which order is coming back from the bank; the
 * observer's `resume()` then carries it on. `storage` defaults to `sessionStorage`.
 */
export function readPendingPayment(
  storage: VerificationStorage | null = defaultStorage(),
): PendingPayment | null {
  let pending: unknown;
  try {
    pending = JSON.parse(storage?.getItem(PENDING_PAYMENT_KEY) ?? 'null');
  } catch {
    return null;
  }
  const { orderId, token, returnTo } = (pending ?? {}) as Partial<
    Record<keyof PendingPayment, unknown>
  >;
  if (!isOrderId(orderId) || !isId(token)) return null;
  return isReturnPath(returnTo) ? { orderId, token, returnTo } : { orderId, token };
}

/** Keeps `{ orderId, token, returnTo? }` and when (`savedAt`), nothing else, before a payment's full-page redirect. */
export function savePendingPayment(
  pending: PendingPayment,
  storage: VerificationStorage | null,
): boolean {
  if (!storage || !isOrderId(pending.orderId) || !isId(pending.token)) return false;
  const record: PendingPayment = {
    orderId: pending.orderId,
    token: pending.token,
    ...(isReturnPath(pending.returnTo) ? { returnTo: pending.returnTo } : {}),
  };
  try {
    storage.setItem(PENDING_PAYMENT_KEY, JSON.stringify({ ...record, savedAt: Date.now() }));
    return true;
  } catch {
    return false;
  }
}

/** The page a full-page redirect leaves, to come back to it (route, query and hash). */
export function currentPage(): { returnTo?: string } {
  const location = globalThis.location as Location | undefined;
  return location ? { returnTo: `${location.pathname}${location.search}${location.hash}` } : {};
}
