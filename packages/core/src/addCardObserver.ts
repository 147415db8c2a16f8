import type { GatewayClient } from './client.js';
import { type DiscardTokenOptions, discardToken } from './discardToken.js';
import { isRetryableError } from './errors.js';
import {
  type CreatePaymentTokenOptions,
  checkPaymentToken,
  createPaymentToken,
  type NewCardInput,
} from './paymentTokenWrites.js';
import { SealedCard } from './sealedCard.js';
import {
  createPaymentTokenFromSecureData,
  readSecureDataConfig,
  type SecureDataKey,
} from './secureData.js';
import {
  clearPendingVerification,
  currentPage,
  readPendingVerification,
  savePendingVerification,
  type ThreeDSOutcome,
  type VerificationStorage,
} from './threeDSReturn.js';
import {
  IDLE_TOKEN_LIFECYCLE,
  isTerminalTokenLifecycle,
  nextPollDelay,
  type PollDelayOptions,
  TOKEN_LIFECYCLE_DEFAULTS,
  type TokenLifecycleEvent,
  type TokenLifecycleState,
  transitionTokenLifecycle,
} from './tokenLifecycle.js';
import type { SavedCard } from './types.js';

// TYPES

/** Whether the page is visible, and a way to hear when that changes. */
export interface VisibilitySource {
  isVisible(): boolean;
  /** Calls `onChange` when visibility changes; returns the way to stop. */
  subscribe(onChange: () => void): () => void;
}

/** The clock and timers the engine uses (default: the global ones, so fake timers work). */
export interface TimerSource {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export type AddCardSuccess = Extract<TokenLifecycleState, { status: 'success' }>;
export type AddCardFinished = Extract<
  TokenLifecycleState,
  { status: 'success' | 'failed' | 'cancelled' | 'timed_out' }
>;

/**
 * How the card leaves the browser: `'none'` sends `{"card": …}` to your server (the signing proxy),
 * which therefore sees the number; `'secure-data'` (**experimental**) seals it for Wonder's public
 * key first, so your server receives only `{"secure_data": …}` ciphertext.
 */
export type AddCardEncryption = 'none' | 'secure-data';

export interface AddCardObserverOptions extends Omit<CreatePaymentTokenOptions, 'signal'> {
  client: GatewayClient;
  customerUuid: string;
  /**
   * **Experimental.** `'secure-data'`: before each create, read the proxy's secure-data config
   * (`readSecureDataConfig`, which needs the proxy's `secureData` option), then send only the card
   * sealed for Wonder's key, with the proxy's return URLs and transaction type inside (`returnUrls`
   * and `transactionType` here are then ignored). Unconfirmed until `savedcards-conformance` shows
   * Wonder's signed route accepts it. Default `'none'`.
   */
  encryption?: AddCardEncryption;
  /** With `encryption: 'secure-data'`: keys besides Wonder's the config may name (e.g. the mock's). */
  secureDataKeys?: readonly SecureDataKey[];
  /** The overall timeout (see `TOKEN_LIFECYCLE_DEFAULTS` for when its clock runs). Default 120 s. */
  timeoutMs?: number;
  /** Backoff between checks. Default 1 s × 1.5, at most 5 s. */
  poll?: PollDelayOptions;
  /** Where `rememberForRedirect()` and `resume()` keep the record. Default `sessionStorage`; `null`: none. */
  storage?: VerificationStorage | null;
  /** Default: `document.visibilityState` and `visibilitychange` when there is a document. */
  visibility?: VisibilitySource | null;
  /** Default: `globalThis.setTimeout` / `clearTimeout` and `Date.now`. */
  timers?: TimerSource;
  /** Each token the gateway answers with (create and every check): keep caches up to date. */
  onTokenChanged?: (card: SavedCard) => void;
  /** The card is saved (after 3-D Secure if it was needed). */
  onSaved?: (card: SavedCard, options: { setAsDefault: boolean }) => void;
  /** The flow ended: `success`, `failed`, `cancelled` or `timed_out`. Called after `onSaved`'s state is published. */
  onFinished?: (state: AddCardFinished) => void;
  /**
   * Delete the token of an attempt that did not end in `success` (declined, cancelled, timed out,
   * or created after the customer cancelled), so it leaves no row behind. Best effort, retried
   * (`discardToken`), never blocking the flow. Default `true`; `false` keeps such tokens.
   */
  discardFailed?: boolean | DiscardTokenOptions;
  /** A token was deleted by `discardFailed`: drop it from caches. */
  onTokenDiscarded?: (token: string) => void;
}

export interface AddCardSubmitOptions {
  /** Make the card the default once it is saved (`onSaved` says so). */
  setAsDefault?: boolean;
}

// HELPERS

/** The global timers and clock (shared with `PaymentObserver`; not public). */
export const defaultTimers: TimerSource = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

function documentVisibility(): VisibilitySource | null {
  const doc = globalThis.document as Document | undefined;
  if (!doc) return null;
  return {
    isVisible: () => doc.visibilityState !== 'hidden',
    subscribe(onChange) {
      doc.addEventListener('visibilitychange', onChange);
      return () => doc.removeEventListener('visibilitychange', onChange);
    },
  };
}

/** States whose timeout clock runs. */
const isWaiting = (state: TokenLifecycleState) =>
  state.status === 'requires_verification' ||
  state.status === 'verifying' ||
  state.status === 'polling';

/** States in which the token is checked. */
const isChecking = (state: TokenLifecycleState) =>
  state.status === 'verifying' || state.status === 'polling';

const tokenOf = (state: TokenLifecycleState) => ('token' in state ? state.token : undefined);

// CLASS

/**
 * The add-card engine, framework-free: `subscribe(listener)` / `getSnapshot()` (an immutable
 * `TokenLifecycleState`, the same object while nothing changed) and commands. It makes the create
 * call (the card goes through a `SealedCard`, so nothing keeps the number), checks the token with
 * backoff, pauses checks while the tab is hidden, times out (one clock: `TOKEN_LIFECYCLE_DEFAULTS`),
 * cancels (in-flight calls are aborted and late answers dropped) and resumes after a full-page
 * redirect.
 *
 * Timers, checks and the visibility listener run only while at least one listener is subscribed
 * (as TanStack's observers do): the last `unsubscribe` stops them and a new `subscribe` carries on
 * where the flow is. A create call in flight always finishes. `destroy()` stops everything.
 */
export class AddCardObserver {
  #options: AddCardObserverOptions;
  #state: TokenLifecycleState = IDLE_TOKEN_LIFECYCLE;
  #listeners = new Set<() => void>();
  #setAsDefault = false;
  /** The token this flow created (or resumed after a redirect): the only one it may discard. */
  #created: string | undefined;
  #create: { abort: AbortController } | undefined;
  #check: { abort: AbortController } | undefined;
  /** When the next check is due (`undefined`: none is planned). */
  #nextCheckAt: number | undefined;
  /** Checks since checking (re)started: the backoff step. */
  #checks = 0;
  /** When the timeout clock started (`undefined`: it is not running). */
  #clockStart: number | undefined;
  #pollTimer: unknown;
  #timeoutTimer: unknown;
  #stopVisibility: (() => void) | undefined;
  #visibility: VisibilitySource | null | undefined;

  constructor(options: AddCardObserverOptions) {
    this.#options = { ...options };
  }

  // SUBSCRIPTION

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      this.#visibility =
        this.#options.visibility === undefined ? documentVisibility() : this.#options.visibility;
      this.#stopVisibility = this.#visibility?.subscribe(() => this.#sync());
      this.#sync();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#pause();
    };
  };

  getSnapshot = (): TokenLifecycleState => this.#state;

  setOptions(options: AddCardObserverOptions): void {
    this.#options = { ...options };
    this.#sync();
  }

  // COMMANDS

  /**
   * Saves a card: resets a finished flow, creates the token and follows it. Resolves when the
   * create call settled (never rejects: failures are states). Ignored while a create is in flight,
   * so a double click sends one request.
   */
  submit = async (
    card: NewCardInput | SealedCard,
    options: AddCardSubmitOptions = {},
  ): Promise<void> => {
    if (this.#state.status === 'creating') return;
    const sealed = card instanceof SealedCard ? card : new SealedCard(card);
    this.#stopCalls();
    this.#dispatch({ type: 'reset' });
    this.#setAsDefault = options.setAsDefault === true;
    this.#dispatch({ type: 'submit', card: sealed.summary });
    const call = { abort: new AbortController() };
    this.#create = call;
    const { client, customerUuid, returnUrls, transactionType, encryption } = this.#options;
    // Taken now, before any wait: a failed or cancelled config read leaves no number behind.
    const input = sealed.take();
    let event: TokenLifecycleEvent;
    try {
      const signal = call.abort.signal;
      let token: SavedCard;
      if (encryption === 'secure-data') {
        const config = await readSecureDataConfig(client, {
          signal,
          ...(this.#options.secureDataKeys ? { trustedKeys: this.#options.secureDataKeys } : {}),
        });
        if (this.#create !== call) return;
        token = await createPaymentTokenFromSecureData(client, customerUuid, input, config, {
          signal,
        });
      } else {
        token = await createPaymentToken(client, customerUuid, input, {
          ...(returnUrls === undefined ? {} : { returnUrls }),
          ...(transactionType === undefined ? {} : { transactionType }),
          signal,
        });
      }
      if (this.#create !== call) {
        // Cancelled or reset meanwhile: the late answer is dropped, and its token deleted.
        this.#discard(token.token);
        return;
      }
      this.#created = token.token;
      this.#options.onTokenChanged?.(token);
      event = { type: 'created', token };
    } catch (error) {
      if (this.#create !== call) return;
      event = { type: 'create_failed', error };
    }
    this.#create = undefined;
    this.#dispatch(event);
  };

  /**
   * Checks one known token until it is final (check-only mode, as `useTokenStatus` does). Calling
   * it again for the same token changes nothing; another token starts over.
   */
  watch = (token: string, verifyUuid?: string): void => {
    const state = this.#state;
    if (
      tokenOf(state) === token &&
      (isChecking(state) || isTerminalTokenLifecycle(state)) &&
      ('verifyUuid' in state ? state.verifyUuid : undefined) === verifyUuid
    ) {
      return;
    }
    this.#stopCalls();
    this.#dispatch({ type: 'reset' });
    this.#dispatch({
      type: 'resume',
      token,
      ...(verifyUuid === undefined ? {} : { verifyUuid }),
    });
  };

  /**
   * Carries on a verification left by a full-page redirect (`rememberForRedirect()`), from idle
   * and only for the same customer. `true` when there was one to resume.
   */
  resume = (): boolean => {
    if (this.#state.status !== 'idle') return false;
    const pending = readPendingVerification(this.#storage());
    if (!pending || pending.customerUuid !== this.#options.customerUuid) return false;
    this.#setAsDefault = pending.setAsDefault === true;
    this.#created = pending.token;
    this.#dispatch({
      type: 'resume',
      token: pending.token,
      ...(pending.verifyUuid === undefined ? {} : { verifyUuid: pending.verifyUuid }),
    });
    return true;
  };

  /**
   * Before a full-page redirect to the challenge: keeps the customer, token, verify uuid and the
   * set-as-default choice (never card data) for `resume()`. `false` when nothing could be kept.
   */
  rememberForRedirect = (): boolean => {
    const state = this.#state;
    if (state.status !== 'requires_verification' && state.status !== 'verifying') return false;
    return savePendingVerification(
      {
        customerUuid: this.#options.customerUuid,
        token: state.token,
        ...(state.verifyUuid === undefined ? {} : { verifyUuid: state.verifyUuid }),
        ...(this.#setAsDefault ? { setAsDefault: true } : {}),
        ...currentPage(),
      },
      this.#storage(),
    );
  };

  /** The challenge is open (popup, iframe) or about to be (redirect). */
  verificationOpened = (): void => this.#dispatch({ type: 'verification_opened' });

  /** `unsafe_verify_url` fails the flow; `blocked_popup` waits with `popupBlocked: true`. */
  verificationBlocked = (reason: 'blocked_popup' | 'unsafe_verify_url'): void =>
    this.#dispatch({ type: 'verification_blocked', reason });

  /** The cardholder came back (return page message, popup closed): check now. */
  verificationReturned = (outcome?: ThreeDSOutcome): void => {
    const wasChecking = isChecking(this.#state);
    this.#dispatch({
      type: 'verification_returned',
      ...(outcome === undefined ? {} : { outcome }),
    });
    if (wasChecking) this.checkNow();
  };

  /** Checks at once (aborting a check in flight) and starts the backoff again. */
  checkNow = (): void => {
    if (!isChecking(this.#state)) return;
    this.#stopCheck();
    this.#checks = 0;
    this.#nextCheckAt = this.#now();
    this.#sync();
  };

  /** Stops the flow (`cancelled`): calls in flight are aborted and their answers dropped. */
  cancel = (): void => {
    if (this.#state.status === 'idle' || isTerminalTokenLifecycle(this.#state)) return;
    this.#stopCalls();
    this.#dispatch({ type: 'cancel' });
  };

  /** Back to `idle`, dropping whatever is in flight. */
  reset = (): void => {
    this.#stopCalls();
    this.#dispatch({ type: 'reset' });
  };

  /** Stops timers, calls and listeners for good (the state stays as it is). */
  destroy = (): void => {
    this.#listeners.clear();
    this.#stopCalls();
    this.#pause();
  };

  // INTERNALS

  #storage(): VerificationStorage | null | undefined {
    // `undefined` lets the storage helpers pick sessionStorage.
    return this.#options.storage;
  }

  #timers(): TimerSource {
    return this.#options.timers ?? defaultTimers;
  }

  #now(): number {
    return this.#timers().now();
  }

  #dispatch(event: TokenLifecycleEvent): void {
    const previous = this.#state;
    const next = transitionTokenLifecycle(previous, event);
    if (next === previous) return;
    this.#state = next;

    if (isWaiting(next) && !isWaiting(previous)) this.#clockStart = this.#now();
    if (!isWaiting(next)) this.#clockStart = undefined;
    if (isChecking(next) && (!isChecking(previous) || tokenOf(previous) !== tokenOf(next))) {
      this.#stopCheck();
      this.#checks = 0;
      this.#nextCheckAt = this.#now();
    }
    if (!isChecking(next)) {
      this.#stopCheck();
      this.#nextCheckAt = undefined;
    }
    this.#sync();

    for (const listener of [...this.#listeners]) listener();

    // Callbacks last, once the new state is published: they may call commands again.
    if (isTerminalTokenLifecycle(next)) this.#finish(next as AddCardFinished);
  }

  #finish(state: AddCardFinished): void {
    const storage = this.#storage();
    const pending = readPendingVerification(storage);
    if (pending && pending.token === state.token) clearPendingVerification(storage);
    const { onFinished, onSaved } = this.#options;
    // A failed check says nothing about the card (the bank may have approved it): keep the token.
    const unknown = state.status === 'failed' && state.reason === 'check_error';
    if (state.status !== 'success' && !unknown && state.token && state.token === this.#created) {
      this.#discard(state.token);
    }
    onFinished?.(state);
    if (state.status === 'success') {
      const setAsDefault = this.#setAsDefault;
      this.#setAsDefault = false;
      onSaved?.(state.result, { setAsDefault });
    }
  }

  #discard(token: string): void {
    const { client, customerUuid, discardFailed = true } = this.#options;
    if (discardFailed === false) return;
    const options = discardFailed === true ? {} : discardFailed;
    void discardToken(client, customerUuid, token, options).then((done) => {
      if (done) this.#options.onTokenDiscarded?.(token);
    });
  }

  /** Arms the timeout and the next check for the current state, while subscribed. */
  #sync(): void {
    const timers = this.#timers();
    timers.clearTimeout(this.#timeoutTimer);
    timers.clearTimeout(this.#pollTimer);
    this.#timeoutTimer = undefined;
    this.#pollTimer = undefined;
    if (this.#listeners.size === 0) return;

    if (this.#clockStart !== undefined) {
      const timeoutMs = this.#options.timeoutMs ?? TOKEN_LIFECYCLE_DEFAULTS.timeoutMs;
      const left = this.#clockStart + timeoutMs - this.#now();
      if (left <= 0) {
        this.#stopCalls();
        this.#dispatch({ type: 'timeout' });
        return;
      }
      this.#timeoutTimer = timers.setTimeout(() => this.#sync(), left);
    }

    if (!isChecking(this.#state) || this.#check || this.#nextCheckAt === undefined) return;
    // The first check goes out at once; later ones wait while the tab is hidden.
    const hidden = this.#checks > 0 && this.#visibility?.isVisible() === false;
    if (hidden) return;
    const wait = this.#nextCheckAt - this.#now();
    if (wait <= 0) {
      this.#runCheck();
    } else {
      this.#pollTimer = timers.setTimeout(() => this.#sync(), wait);
    }
  }

  #runCheck(): void {
    const state = this.#state;
    if (state.status !== 'verifying' && state.status !== 'polling') return;
    const call = { abort: new AbortController() };
    this.#check = call;
    this.#checks += 1;
    this.#nextCheckAt = undefined;
    const { client, customerUuid } = this.#options;
    checkPaymentToken(
      client,
      customerUuid,
      {
        token: state.token,
        ...(state.verifyUuid === undefined ? {} : { verifyUuid: state.verifyUuid }),
      },
      { signal: call.abort.signal },
    ).then(
      (token) => {
        if (this.#check !== call) return;
        this.#check = undefined;
        if (token.token === tokenOf(this.#state)) this.#options.onTokenChanged?.(token);
        this.#afterCheck({ type: 'poll_result', token });
      },
      (error: unknown) => {
        if (this.#check !== call) return;
        this.#check = undefined;
        this.#afterCheck({ type: 'poll_error', error });
      },
    );
  }

  #afterCheck(event: TokenLifecycleEvent): void {
    // Still waiting (pending, or a retryable error): plan the next check with backoff.
    const retryable = event.type === 'poll_error' && isRetryableError(event.error);
    const before = this.#state;
    if (event.type === 'poll_result' || !retryable) this.#dispatch(event);
    if (this.#state === before && isChecking(before) && this.#nextCheckAt === undefined) {
      this.#nextCheckAt = this.#now() + nextPollDelay(this.#checks - 1, this.#options.poll);
      this.#sync();
    }
  }

  #stopCheck(): void {
    this.#check?.abort.abort();
    this.#check = undefined;
  }

  #stopCalls(): void {
    this.#create?.abort.abort();
    this.#create = undefined;
    this.#stopCheck();
  }

  /** No listener left: stop timers, the check in flight (redone on the next subscribe) and visibility. */
  #pause(): void {
    const timers = this.#timers();
    timers.clearTimeout(this.#timeoutTimer);
    timers.clearTimeout(this.#pollTimer);
    this.#timeoutTimer = undefined;
    this.#pollTimer = undefined;
    if (this.#check) {
      this.#stopCheck();
      this.#nextCheckAt = this.#now();
    }
    this.#stopVisibility?.();
    this.#stopVisibility = undefined;
  }
}
