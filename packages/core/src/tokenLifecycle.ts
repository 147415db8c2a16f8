import { isRetryableError } from './errors.js';
import type { CardBrand, SavedCard } from './types.js';

/**
 * The add-card lifecycle as a pure state machine: no timers, no I/O, no clock. The caller (the
 * React hook) performs the side effects each state asks for and reports back with events.
 *
 * ```
 * idle ─submit→ creating ─created→ success | failed | requires_verification | polling
 * requires_verification ─verification_opened→ verifying ─verification_returned→ polling
 * polling ─poll_result→ success | failed | polling     (pending: poll again after nextPollDelay)
 * any active state ─cancel→ cancelled, ─timeout→ timed_out
 * any state ─reset→ idle
 * ```
 *
 * State holds only the token, its verify uuid and URL and a card summary (brand, last four): never
 * the card number or CVC.
 */

/** What the lifecycle may keep of a card. */
export interface CardSummary {
  brand: CardBrand;
  last4: string | null;
}

/** Why the flow failed. */
export type TokenFailureReason =
  /** The gateway created the token in state `failed` (declined without a challenge). */
  | 'declined'
  /** The token became `failed` after 3-D Secure (challenge failed or the issuer declined). */
  | 'verification_failed'
  /** The create call itself failed (gateway error such as a decline code, 5xx, network…). */
  | 'create_error'
  /** A check call failed in a way that retrying will not fix (4xx, malformed answer). */
  | 'check_error'
  /** The popup for the challenge was blocked by the browser. */
  | 'blocked_popup'
  /** The gateway's `verify_url` is not one that may be opened (see `checkVerifyUrl`). */
  | 'unsafe_verify_url';

export type TokenCancelReason = 'user' | 'unmounted';

/** `frictionless`: saved at once; `verified`: saved after 3-D Secure. */
export type TokenSuccessReason = 'frictionless' | 'verified';

interface Verification {
  token: string;
  verifyUuid: string;
  card?: CardSummary;
}

export type TokenLifecycleState =
  | { status: 'idle' }
  | { status: 'creating'; card?: CardSummary }
  /** Open `verifyUrl` (popup, iframe or redirect), then send `verification_opened`. */
  | ({ status: 'requires_verification'; verifyUrl: string } & Verification)
  /** The challenge is open; `poll_result`s are taken here too (a background check may finish first). */
  | ({ status: 'verifying'; verifyUrl: string } & Verification)
  /** Check the token after `nextPollDelay(attempt)`; `attempt` counts the checks already made. */
  | {
      status: 'polling';
      attempt: number;
      token: string;
      /** Absent only for a pending token the gateway gave no verify uuid. */
      verifyUuid?: string;
      card?: CardSummary;
    }
  | { status: 'success'; reason: TokenSuccessReason; token: string; card?: CardSummary }
  | {
      status: 'failed';
      reason: TokenFailureReason;
      token?: string;
      card?: CardSummary;
      /** The error of a failed call (`create_error`, `check_error`). */
      error?: unknown;
      /** The gateway's code and message of a failed token (`declined`, `verification_failed`). */
      errorCode?: string;
      errorMessage?: string;
    }
  | { status: 'cancelled'; reason: TokenCancelReason; token?: string; card?: CardSummary }
  | { status: 'timed_out'; reason: 'timeout'; token?: string; card?: CardSummary };

export type TokenLifecycleStatus = TokenLifecycleState['status'];

export type TokenLifecycleEvent =
  /** The form was submitted; `card` is the brand and last four digits of what was typed. */
  | { type: 'submit'; card?: CardSummary }
  /** The create call answered with this token. */
  | { type: 'created'; token: SavedCard }
  /** The create call failed. */
  | { type: 'create_failed'; error: unknown }
  /** Resume a verification kept across a full-page redirect (`readPendingVerification`). */
  | { type: 'resume'; token: string; verifyUuid: string; card?: CardSummary }
  /** The popup, iframe or redirect to `verifyUrl` was opened. */
  | { type: 'verification_opened' }
  /** The verify URL could not be opened. */
  | { type: 'verification_blocked'; reason: 'blocked_popup' | 'unsafe_verify_url' }
  /**
   * The cardholder came back (return-page message, redirect, or the popup was closed). `outcome`
   * is only a hint: the check call decides.
   */
  | { type: 'verification_returned'; outcome?: 'success' | 'failed' | 'unknown' }
  /** A check call answered with this token. */
  | { type: 'poll_result'; token: SavedCard }
  /**
   * A check call failed. Retryable errors (`isRetryableError`, or `retryable: true`) keep polling;
   * others end the flow with `check_error`.
   */
  | { type: 'poll_error'; error: unknown; retryable?: boolean }
  | { type: 'cancel'; reason?: TokenCancelReason }
  /** The overall timeout (`TOKEN_LIFECYCLE_DEFAULTS.timeoutMs`) passed. */
  | { type: 'timeout' }
  | { type: 'reset' };

export const IDLE_TOKEN_LIFECYCLE: TokenLifecycleState = Object.freeze({ status: 'idle' });

const TERMINAL = new Set<TokenLifecycleStatus>(['success', 'failed', 'cancelled', 'timed_out']);

/** `success`, `failed`, `cancelled` and `timed_out` are final: only `reset` leaves them. */
export function isTerminalTokenLifecycle(state: TokenLifecycleState): boolean {
  return TERMINAL.has(state.status);
}

function summaryOf(card: SavedCard): CardSummary {
  return { brand: card.brand, last4: card.last4 };
}

function withCard<T extends object>(value: T, card: CardSummary | undefined): T {
  return card === undefined ? value : { ...value, card };
}

function tokenFailure(card: SavedCard) {
  return {
    ...(card.errorCode === undefined ? {} : { errorCode: card.errorCode }),
    ...(card.errorMessage === undefined ? {} : { errorMessage: card.errorMessage }),
  };
}

function tokenOf(state: TokenLifecycleState): string | undefined {
  return 'token' in state ? state.token : undefined;
}

function cardOf(state: TokenLifecycleState): CardSummary | undefined {
  return 'card' in state ? state.card : undefined;
}

function afterCreate(token: SavedCard, submitted: CardSummary | undefined): TokenLifecycleState {
  // The gateway's own summary wins; what was typed fills in when it sent no number.
  const card = token.last4 === null ? submitted : summaryOf(token);
  switch (token.state) {
    case 'success':
      return withCard({ status: 'success', reason: 'frictionless', token: token.token }, card);
    case 'failed':
      return withCard(
        { status: 'failed', reason: 'declined', token: token.token, ...tokenFailure(token) },
        card,
      );
    default: {
      // Pending (or a state this library does not know yet): the check call will tell.
      if (token.verifyUuid !== undefined && token.verifyUrl !== undefined) {
        return withCard(
          {
            status: 'requires_verification',
            token: token.token,
            verifyUuid: token.verifyUuid,
            verifyUrl: token.verifyUrl,
          },
          card,
        );
      }
      return withCard(
        {
          status: 'polling',
          attempt: 0,
          token: token.token,
          ...(token.verifyUuid === undefined ? {} : { verifyUuid: token.verifyUuid }),
        },
        card,
      );
    }
  }
}

function afterCheck(state: TokenLifecycleState, token: SavedCard): TokenLifecycleState {
  // A flow resumed after a redirect knows no card yet: the checked token says brand and last four.
  const card = cardOf(state) ?? { brand: token.brand, last4: token.last4 };
  if (token.state === 'success') {
    return withCard({ status: 'success', reason: 'verified', token: token.token }, card);
  }
  if (token.state === 'failed') {
    return withCard(
      {
        status: 'failed',
        reason: 'verification_failed',
        token: token.token,
        ...tokenFailure(token),
      },
      card,
    );
  }
  return state.status === 'polling' ? { ...state, attempt: state.attempt + 1 } : state;
}

/**
 * The next state. Events that make no sense in the current state are ignored: the same state
 * object comes back, so callers can compare by identity. In particular:
 * - terminal states (`isTerminalTokenLifecycle`) ignore everything but `reset`;
 * - `submit` and `resume` only start from `idle`; `created` and `create_failed` only apply while
 *   `creating` (a late answer after a cancel is dropped);
 * - `poll_result` applies in `polling` and `verifying`, and only for the state's own token;
 *   a pending result while `verifying` changes nothing (the challenge is still open);
 * - `poll_error` applies in `polling` only;
 * - `verification_opened` and `verification_blocked` apply in `requires_verification`;
 *   `verification_returned` in `requires_verification` and `verifying`;
 * - `cancel` applies in every non-terminal state but `idle`, `timeout` in `requires_verification`,
 *   `verifying` and `polling` (the create call has its own timeout).
 */
export function transitionTokenLifecycle(
  state: TokenLifecycleState,
  event: TokenLifecycleEvent,
): TokenLifecycleState {
  if (event.type === 'reset') {
    return state.status === 'idle' ? state : IDLE_TOKEN_LIFECYCLE;
  }
  if (isTerminalTokenLifecycle(state)) {
    return state;
  }
  switch (event.type) {
    case 'submit':
      return state.status === 'idle' ? withCard({ status: 'creating' }, event.card) : state;
    case 'resume':
      return state.status === 'idle'
        ? withCard(
            { status: 'polling', attempt: 0, token: event.token, verifyUuid: event.verifyUuid },
            event.card,
          )
        : state;
    case 'created':
      return state.status === 'creating' ? afterCreate(event.token, state.card) : state;
    case 'create_failed':
      return state.status === 'creating'
        ? withCard({ status: 'failed', reason: 'create_error', error: event.error }, state.card)
        : state;
    case 'verification_opened':
      return state.status === 'requires_verification' ? { ...state, status: 'verifying' } : state;
    case 'verification_blocked':
      return state.status === 'requires_verification'
        ? withCard({ status: 'failed', reason: event.reason, token: state.token }, state.card)
        : state;
    case 'verification_returned':
      return state.status === 'requires_verification' || state.status === 'verifying'
        ? withCard(
            { status: 'polling', attempt: 0, token: state.token, verifyUuid: state.verifyUuid },
            state.card,
          )
        : state;
    case 'poll_result':
      if (state.status !== 'polling' && state.status !== 'verifying') return state;
      if (event.token.token !== state.token) return state;
      return afterCheck(state, event.token);
    case 'poll_error': {
      if (state.status !== 'polling') return state;
      const retryable = event.retryable ?? isRetryableError(event.error);
      return retryable
        ? { ...state, attempt: state.attempt + 1 }
        : withCard(
            { status: 'failed', reason: 'check_error', token: state.token, error: event.error },
            state.card,
          );
    }
    case 'cancel': {
      if (state.status === 'idle') return state;
      const token = tokenOf(state);
      return withCard(
        {
          status: 'cancelled',
          reason: event.reason ?? 'user',
          ...(token === undefined ? {} : { token }),
        },
        cardOf(state),
      );
    }
    case 'timeout':
      return state.status === 'requires_verification' ||
        state.status === 'verifying' ||
        state.status === 'polling'
        ? withCard({ status: 'timed_out', reason: 'timeout', token: state.token }, state.card)
        : state;
  }
}

/**
 * Timing defaults for driving the lifecycle.
 *
 * Wonder's iOS SDK checks every 1 s, at most 20 times / 30 s, *after* its web view returns. Here
 * the clock starts when verification is required (`requires_verification`, or `resume`) and covers
 * the cardholder's time on the challenge too (waiting for an SMS code, typing it), so the overall
 * timeout is four times longer: 120 s. Polling backs off from 1 s by ×1.5 up to 5 s, which makes
 * at most 26 checks in 120 s (a 1 s interval would make 120) and is gentle on a merchant's proxy
 * when a tab is left open. Integrators can change all three.
 */
export const TOKEN_LIFECYCLE_DEFAULTS = {
  pollInitialMs: 1000,
  pollFactor: 1.5,
  pollMaxMs: 5000,
  timeoutMs: 120_000,
} as const;

export interface PollDelayOptions {
  /** Delay before the first check. Default 1 000 ms. */
  initialMs?: number;
  /** Growth per check. Default 1.5. */
  factor?: number;
  /** Longest delay. Default 5 000 ms. */
  maxMs?: number;
}

/**
 * How long to wait before check number `attempt` (0-based, `state.attempt` while polling):
 * `initialMs × factor^attempt`, capped at `maxMs`. Defaults: 1 000, 1 500, 2 250, 3 375, 5 000, 5 000… ms.
 */
export function nextPollDelay(attempt: number, options: PollDelayOptions = {}): number {
  const {
    initialMs = TOKEN_LIFECYCLE_DEFAULTS.pollInitialMs,
    factor = TOKEN_LIFECYCLE_DEFAULTS.pollFactor,
    maxMs = TOKEN_LIFECYCLE_DEFAULTS.pollMaxMs,
  } = options;
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  const delay = initialMs * factor ** n;
  return Math.max(0, Math.min(maxMs, Number.isFinite(delay) ? Math.round(delay) : maxMs));
}
