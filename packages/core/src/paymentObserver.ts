import type { PaymentFailureReason, PaymentResult } from '@savedcards/wire';
import { PAYMENT_ERRORS } from '@savedcards/wire';
import { defaultTimers, type TimerSource } from './addCardObserver.js';
import type { GatewayClient } from './client.js';
import { GatewayError, isRetryableError } from './errors.js';
import { payWithSavedCard, readPaymentStatus } from './payments.js';
import {
  currentPage,
  defaultStorage,
  PENDING_PAYMENT_KEY,
  readPendingPayment,
  savePendingPayment,
  type ThreeDSOutcome,
  type VerificationStorage,
} from './threeDSReturn.js';
import { nextPollDelay, type PollDelayOptions } from './tokenLifecycle.js';

// TYPES

/**
 * Why a payment did not go through: the gateway's reasons, and
 * - `not_charged`: an answer was lost, and the order's status says nothing reached Wonder;
 * - `cancelled`: the cardholder left 3-D Secure (Pay again reopens the same challenge);
 * - `already_paid`: the merchant's records say the order is paid;
 * - `refused`: the server refused the request (see `error`: not the customer's card, no such order, too many attempts);
 * - `unsafe_redirect_url`: the bank's URL failed the verify-URL check, so it was not opened.
 */
export type PaymentFlowFailure =
  | PaymentFailureReason
  | 'not_charged'
  | 'cancelled'
  | 'already_paid'
  | 'refused'
  | 'unsafe_redirect_url';

/**
 * One payment's flow. `checking`: the order's status is read (after 3-D Secure, while Wonder is
 * still processing, or after a lost answer); `unknown`: it could not be read in time, so the
 * outcome is unknown and only `checkAgain()` is offered, never a second payment.
 */
export type PaymentFlowState =
  | { status: 'idle' }
  | { status: 'paying'; token: string }
  /** Open `redirectUrl` (popup, iframe or redirect), then call `verificationOpened()`. */
  | {
      status: 'requires_action';
      token: string;
      result: PaymentResult;
      redirectUrl: string;
      popupBlocked?: true;
    }
  | { status: 'verifying'; token: string; result: PaymentResult; redirectUrl: string }
  | { status: 'checking'; token: string; result?: PaymentResult }
  | { status: 'succeeded'; token: string; result: PaymentResult }
  | {
      status: 'failed';
      token: string;
      reason: PaymentFlowFailure;
      result?: PaymentResult;
      error?: GatewayError;
    }
  | { status: 'unknown'; token: string; error?: GatewayError };

export type PaymentFinished = Extract<PaymentFlowState, { status: 'succeeded' | 'failed' }>;

export interface PaymentObserverOptions {
  client: GatewayClient;
  /** The merchant's order id (its amount is the server's). */
  orderId: string;
  /** How long the status is read before the outcome is `unknown`. Default 60 s. */
  timeoutMs?: number;
  /** Backoff between status reads. Default 1 s × 1.5, at most 5 s. */
  poll?: PollDelayOptions;
  /** Default: `globalThis.setTimeout` / `clearTimeout` and `Date.now`. */
  timers?: TimerSource;
  /** Where `rememberForRedirect()` and `resume()` keep the order and token. Default `sessionStorage`; `null`: none. */
  storage?: VerificationStorage | null;
  /** The payment succeeded (called once per payment, after the state is published). */
  onSucceeded?: (result: PaymentResult) => void;
  /** The flow ended in `succeeded` or `failed`. */
  onFinished?: (state: PaymentFinished) => void;
}

/** `answer`: the pay answer was lost or not final; `challenge`: the cardholder is back; `cancel`: they left it. */
type CheckReason = 'answer' | 'challenge' | 'cancel';

const IDLE: PaymentFlowState = Object.freeze({ status: 'idle' });
const DEFAULT_TIMEOUT_MS = 60_000;

/** A pay error after which the card may have been charged: read the status, never pay again. */
const mayHaveCharged = (error: unknown) =>
  !(error instanceof GatewayError) || isRetryableError(error) || error.kind === 'invalid-response';

const isNothingPaid = (error: unknown) =>
  error instanceof GatewayError && error.code === PAYMENT_ERRORS.orderNotFound.code;

// CLASS

/**
 * The pay-with-a-saved-card engine, framework-free, like `AddCardObserver`: `subscribe` /
 * `getSnapshot` (an immutable `PaymentFlowState`) and commands. `pay(token)` sends one payment
 * (ignored while one is under way, so a double click pays once, and refused after an unknown
 * outcome); a lost or garbled answer, and Wonder's `processing`, are resolved by reading the
 * order's status with backoff, never by paying again; 3-D Secure on the payment goes through the
 * same verification window as adding a card.
 */
export class PaymentObserver {
  #options: PaymentObserverOptions;
  #state: PaymentFlowState = IDLE;
  #listeners = new Set<() => void>();
  #abort: AbortController | undefined;
  #timer: unknown;
  #deadline = 0;
  #reads = 0;
  /** A status read was due when the last listener left. */
  #paused = false;
  /** Why the status is read: after a cancel one read decides; after a challenge a pending one is waited for. */
  #why: CheckReason = 'answer';

  constructor(options: PaymentObserverOptions) {
    this.#options = { ...options };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1 && this.#paused) {
      this.#paused = false;
      void this.#read(this.#tokenOf());
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#timer !== undefined) {
        // Nobody is watching: the next status read waits for a subscriber.
        this.#timers().clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#paused = true;
      }
    };
  };

  getSnapshot = (): PaymentFlowState => this.#state;

  setOptions(options: PaymentObserverOptions): void {
    if (options.orderId !== this.#options.orderId) {
      this.#stop();
      this.#options = { ...options };
      this.#publish(IDLE);
      return;
    }
    this.#options = { ...options };
  }

  // COMMANDS

  /** Pays the order with the token. Resolves when the pay call settled (never rejects). */
  pay = async (token: string): Promise<void> => {
    const { status } = this.#state;
    if (status !== 'idle' && status !== 'failed') return;
    this.#stop();
    this.#publish({ status: 'paying', token });
    const abort = new AbortController();
    this.#abort = abort;
    let result: PaymentResult;
    try {
      result = await payWithSavedCard(
        this.#options.client,
        { orderId: this.#options.orderId, token },
        { signal: abort.signal },
      );
    } catch (error) {
      if (abort.signal.aborted) return;
      if (mayHaveCharged(error)) {
        this.#startChecking(token, 'answer');
      } else {
        const gatewayError = error as GatewayError;
        this.#finish({
          status: 'failed',
          token,
          reason:
            gatewayError.code === PAYMENT_ERRORS.orderAlreadyPaid.code ? 'already_paid' : 'refused',
          error: gatewayError,
        });
      }
      return;
    }
    if (abort.signal.aborted) return;
    this.#apply(token, result);
  };

  /** The challenge is open. */
  verificationOpened = (): void => {
    const state = this.#state;
    if (state.status !== 'requires_action') return;
    this.#publish({
      status: 'verifying',
      token: state.token,
      result: state.result,
      redirectUrl: state.redirectUrl,
    });
  };

  /** The window could not be opened: a blocked popup waits for a click; an unsafe URL fails. */
  verificationBlocked = (reason: 'blocked_popup' | 'unsafe_verify_url'): void => {
    const state = this.#state;
    if (state.status !== 'requires_action') return;
    if (reason === 'blocked_popup') {
      this.#publish({ ...state, popupBlocked: true });
    } else {
      this.#finish({
        status: 'failed',
        token: state.token,
        reason: 'unsafe_redirect_url',
        result: state.result,
      });
    }
  };

  /** The cardholder is back from the bank (the outcome is a hint: the order's status decides). */
  verificationReturned = (_outcome?: ThreeDSOutcome): void => {
    const state = this.#state;
    if (state.status !== 'requires_action' && state.status !== 'verifying') return;
    this.#startChecking(state.token, 'challenge', state.result);
  };

  /** The cardholder closed the challenge: one status read says whether it went through after all. */
  cancel = (): void => {
    const state = this.#state;
    if (state.status !== 'requires_action' && state.status !== 'verifying') return;
    this.#startChecking(state.token, 'cancel', state.result);
  };

  /** Before a full-page redirect to the bank: keeps the order and token for `resume()`. */
  rememberForRedirect = (): boolean => {
    const state = this.#state;
    if (state.status !== 'requires_action' && state.status !== 'verifying') return false;
    // Storage full or blocked (`false`): after the redirect, Pay again reads the same payment.
    return savePendingPayment(
      { orderId: this.#options.orderId, token: state.token, ...currentPage() },
      this.#storage(),
    );
  };

  /**
   * Carries on a payment left by a full-page redirect, from idle and only for the same order: its
   * status is read. `true` when there was one.
   */
  resume = (): boolean => {
    if (this.#state.status !== 'idle') return false;
    const storage = this.#storage();
    const pending = readPendingPayment(storage);
    if (pending?.orderId !== this.#options.orderId) return false;
    try {
      storage?.removeItem(PENDING_PAYMENT_KEY);
    } catch {
      // Nothing to clean.
    }
    this.#startChecking(pending.token, 'challenge');
    return true;
  };

  /** After `unknown`: read the order's status again. */
  checkAgain = (): void => {
    const state = this.#state;
    if (state.status !== 'unknown') return;
    this.#startChecking(state.token, 'answer');
  };

  /** Back to `idle` after `succeeded` or `failed` (e.g. for another order). */
  reset = (): void => {
    const { status } = this.#state;
    if (status !== 'succeeded' && status !== 'failed') return;
    this.#publish(IDLE);
  };

  /** Stops reads and timers (the last payment's outcome stays on the server). */
  destroy(): void {
    this.#stop();
    this.#listeners.clear();
  }

  // INTERNALS

  #tokenOf(): string {
    return 'token' in this.#state ? this.#state.token : '';
  }

  #timers() {
    return this.#options.timers ?? defaultTimers;
  }

  #storage(): VerificationStorage | null {
    return this.#options.storage === undefined ? defaultStorage() : this.#options.storage;
  }

  #publish(state: PaymentFlowState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }

  #finish(state: PaymentFinished): void {
    this.#stop();
    this.#publish(state);
    if (state.status === 'succeeded') this.#options.onSucceeded?.(state.result);
    this.#options.onFinished?.(state);
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    const timers = this.#timers();
    if (this.#timer !== undefined) timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#paused = false;
  }

  /** A payment result as the next state. */
  #apply(token: string, result: PaymentResult): void {
    switch (result.state) {
      case 'succeeded':
        this.#finish({ status: 'succeeded', token, result });
        return;
      case 'failed':
        this.#finish({
          status: 'failed',
          token,
          reason: result.failure?.reason ?? 'unknown',
          result,
        });
        return;
      case 'requires_action':
        this.#stop();
        this.#publish({
          status: 'requires_action',
          token,
          result,
          redirectUrl: result.redirect_url ?? '',
        });
        return;
      default:
        this.#startChecking(token, 'answer', result);
    }
  }

  #startChecking(token: string, why: CheckReason, result?: PaymentResult): void {
    this.#stop();
    const timers = this.#timers();
    this.#deadline = timers.now() + (this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#reads = 0;
    this.#why = why;
    this.#publish(result ? { status: 'checking', token, result } : { status: 'checking', token });
    void this.#read(token);
  }

  #later(token: string): void {
    const timers = this.#timers();
    const delay = nextPollDelay(this.#reads - 1, this.#options.poll);
    if (timers.now() + delay > this.#deadline) {
      this.#stop();
      this.#publish({ status: 'unknown', token });
      return;
    }
    this.#timer = timers.setTimeout(() => {
      this.#timer = undefined;
      void this.#read(token);
    }, delay);
  }

  async #read(token: string): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.#reads += 1;
    let result: PaymentResult;
    try {
      result = await readPaymentStatus(this.#options.client, this.#options.orderId, {
        signal: abort.signal,
      });
    } catch (error) {
      if (abort.signal.aborted) return;
      if (isNothingPaid(error) && this.#why === 'answer') {
        this.#finish({
          status: 'failed',
          token,
          reason: 'not_charged',
          error: error as GatewayError,
        });
      } else if (mayHaveCharged(error)) {
        this.#later(token);
      } else {
        this.#stop();
        this.#publish({ status: 'unknown', token, error: error as GatewayError });
      }
      return;
    }
    if (abort.signal.aborted) return;
    const waiting = result.state === 'processing' || result.state === 'requires_action';
    if (waiting && this.#why === 'cancel') {
      this.#finish({ status: 'failed', token, reason: 'cancelled', result });
    } else if (result.state === 'requires_action' && this.#why === 'answer') {
      // A lost answer that was a challenge: open it now.
      this.#apply(token, result);
    } else if (waiting) {
      this.#publish({ status: 'checking', token, result });
      this.#later(token);
    } else {
      this.#apply(token, result);
    }
  }
}
