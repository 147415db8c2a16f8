import { isRetryableError } from './errors.js';
import type { CardBrand, SavedCard } from './types.js';

/**
 * The add-card lifecycle as a pure state machine: no timers, no I/O, no clock. `AddCardObserver`
 * (`addCardObserver.ts`) drives it: it makes the calls, runs the timers and reports back with events.
 *
 * ```
 * idle ─submit→ creating ─created→ success | failed | requires_verification | polling
 * idle ─resume→ polling                       (a redirect came back, or one token is watched)
 * requires_verification ─verification_opened→ verifying ─verification_returned→ polling
 * verifying | polling ─poll_result→ success | failed | (unchanged while pending)
 * any active state ─cancel→ cancelled; requires_verification | verifying | polling ─timeout→ timed_out
 * any state ─reset→ idle
 * ```
 *
 * State holds only the token, its verify uuid and URL, a card summary (brand, last four) and the
 * gateway's normalised token: never the card number or CVC.
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
  /** The gateway's `verify_url` is not one that may be opened (see `checkVerifyUrl`). */
  | 'unsafe_verify_url';

/** `frictionless`: saved at once; `verified`: saved after 3-D Secure. */
export type TokenSuccessReason = 'frictionless' | 'verified';

interface Verification {
  token: string;
  /** Absent when the gateway sent none: the token is then checked alone. */
  verifyUuid?: string;
  card?: CardSummary;
}

export type TokenLifecycleState =
  | { status: 'idle' }
  | { status: 'creating'; card?: CardSummary }
  /**
   * Open `verifyUrl` (popup, iframe or redirect), then send `verification_opened`. `popupBlocked`:
   * the browser blocked the popup; offer a button that opens it from a click.
   */
  | ({ status: 'requires_verification'; verifyUrl: string; popupBlocked?: true } & Verification)
  /** The challenge is open; the token is checked meanwhile (a background check may finish first). */
  | ({ status: 'verifying'; verifyUrl: string } & Verification)
  /** The cardholder is back (or there is no challenge to open): the token is checked until final. */
  | ({ status: 'polling' } & Verification)
  | {
      status: 'success';
      reason: TokenSuccessReason;
      token: string;
      card?: CardSummary;
      /** The saved token as the gateway last returned it. */
      result: SavedCard;
    }
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
      /** The failed token as the gateway returned it (`declined`, `verification_failed`). */
      result?: SavedCard;
    }
  | { status: 'cancelled'; token?: string; card?: CardSummary }
  | { status: 'timed_out'; token?: string; card?: CardSummary };

export type TokenLifecycleStatus = TokenLifecycleState['status'];

export type TokenLifecycleEvent =
  /** The form was submitted; `card` is the brand and last four digits of what was typed. */
  | { type: 'submit'; card?: CardSummary }
  /** The create call answered with this token. */
  | { type: 'created'; token: SavedCard }
  /** The create call failed. */
  | { type: 'create_failed'; error: unknown }
  /** Check a known token: a verification kept across a full-page redirect, or `watch(token)`. */
  | { type: 'resume'; token: string; verifyUuid?: string; card?: CardSummary }
  /** The popup, iframe or redirect to `verifyUrl` was opened. */
  | { type: 'verification_opened' }
  /**
   * The verify URL could not be opened: `unsafe_verify_url` fails the flow; `blocked_popup` keeps
   * it waiting with `popupBlocked` (the cardholder can still open it from a click).
   */
  | { type: 'verification_blocked'; reason: 'blocked_popup' | 'unsafe_verify_url' }
  /**
   * The cardholder came back (return-page message, redirect, or the popup was closed). `outcome`
   * is only a hint: the check call decides.
   */
  | { type: 'verification_returned'; outcome?: 'success' | 'failed' | 'unknown' }
  /** A check call answered with this token. */
  | { type: 'poll_result'; token: SavedCard }
  /** A check call failed. Retryable errors (`isRetryableError`) change nothing; others fail. */
  | { type: 'poll_error'; error: unknown }
  | { type: 'cancel' }
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

function withVerifyUuid<T extends object>(value: T, verifyUuid: string | undefined): T {
  return verifyUuid === undefined ? value : { ...value, verifyUuid };
}

function tokenFailure(card: SavedCard) {
  return {
    ...(card.errorCode === undefined ? {} : { errorCode: card.errorCode }),
    ...(card.errorMessage === undefined ? {} : { errorMessage: card.errorMessage }),
    result: card,
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
      return withCard(
        { status: 'success', reason: 'frictionless', token: token.token, result: token },
        card,
      );
    case 'failed':
      return withCard(
        { status: 'failed', reason: 'declined', token: token.token, ...tokenFailure(token) },
        card,
      );
    default: {
      // Pending (or a state this library does not know yet): the check call will tell. With a
      // verify URL the cardholder must open it; without one there is nothing to open, only to check.
      const base =
        token.verifyUrl === undefined
          ? { status: 'polling' as const, token: token.token }
          : {
              status: 'requires_verification' as const,
              token: token.token,
              verifyUrl: token.verifyUrl,
            };
      return withCard(withVerifyUuid(base, token.verifyUuid), card);
    }
  }
}

function afterCheck(state: TokenLifecycleState, token: SavedCard): TokenLifecycleState {
  // A flow resumed after a redirect knows no card yet: the checked token says brand and last four.
  const card = cardOf(state) ?? summaryOf(token);
  if (token.state === 'success') {
    return withCard(
      { status: 'success', reason: 'verified', token: token.token, result: token },
      card,
    );
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
  return state;
}

/**
 * The next state. Events that make no sense in the current state are ignored: the same state
 * object comes back, so callers can compare by identity. In particular:
 * - terminal states (`isTerminalTokenLifecycle`) ignore everything but `reset`;
 * - `submit` and `resume` only start from `idle`; `created` and `create_failed` only apply while
 *   `creating` (a late answer after a cancel is dropped);
 * - `poll_result` applies in `polling` and `verifying`, and only for the state's own token;
 *   a pending result changes nothing;
 * - `poll_error` applies in `polling` only, and only when it is not retryable;
 * - `verification_opened` and `verification_blocked` apply in `requires_verification`;
 *   `verification_returned` in `requires_verification` and `verifying`;
 * - `cancel` applies in every non-terminal state but `idle`, `timeout` in `requires_verification`,
 *   `verifying` and `polling` (the create call has the client's own timeout).
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
            withVerifyUuid({ status: 'polling', token: event.token }, event.verifyUuid),
            event.card,
          )
        : state;
    case 'created':
      return state.status === 'creating' ? afterCreate(event.token, state.card) : state;
    case 'create_failed':
      return state.status === 'creating'
        ? withCard({ status: 'failed', reason: 'create_error', error: event.error }, state.card)
        : state;
    case 'verification_opened': {
      if (state.status !== 'requires_verification') return state;
      const { popupBlocked: _blocked, ...rest } = state;
      return { ...rest, status: 'verifying' };
    }
    case 'verification_blocked':
      if (state.status !== 'requires_verification') return state;
      if (event.reason === 'blocked_popup') {
        return state.popupBlocked ? state : { ...state, popupBlocked: true };
      }
      return withCard({ status: 'failed', reason: event.reason, token: state.token }, state.card);
    case 'verification_returned':
      return state.status === 'requires_verification' || state.status === 'verifying'
        ? withCard(
            withVerifyUuid({ status: 'polling', token: state.token }, state.verifyUuid),
            state.card,
          )
        : state;
    case 'poll_result':
      if (state.status !== 'polling' && state.status !== 'verifying') return state;
      if (event.token.token !== state.token) return state;
      return afterCheck(state, event.token);
    case 'poll_error':
      if (state.status !== 'polling' || isRetryableError(event.error)) return state;
      return withCard(
        { status: 'failed', reason: 'check_error', token: state.token, error: event.error },
        state.card,
      );
    case 'cancel': {
      if (state.status === 'idle') return state;
      const token = tokenOf(state);
      return withCard(
        { status: 'cancelled', ...(token === undefined ? {} : { token }) },
        cardOf(state),
      );
    }
    case 'timeout':
      return state.status === 'requires_verification' ||
        state.status === 'verifying' ||
        state.status === 'polling'
        ? withCard({ status: 'timed_out', token: state.token }, state.card)
        : state;
  }
}

/**
 * Timing defaults of `AddCardObserver`. This is the one place the clocks are described.
 *
 * **The timeout clock** starts once, when there is a token to wait for: the create call answered
 * with a pending token (`requires_verification`, or `polling` when there is no challenge to open),
 * or `resume()` / `watch()` started checking a known token. It runs on the wall clock and is
 * neither paused while the tab is hidden nor restarted when the challenge opens or the cardholder
 * comes back; when `timeoutMs` has passed in any of `requires_verification`, `verifying` or
 * `polling`, the flow ends in `timed_out`. The create call itself is bounded by the
 * `GatewayClient`'s own `timeoutMs`.
 *
 * Wonder's iOS SDK checks every 1 s, at most 20 times / 30 s, *after* its web view returns. This
 * clock also covers the cardholder's time on the challenge (waiting for an SMS code, typing it), so
 * it is four times longer: 120 s.
 *
 * **Polling** runs in `verifying` and `polling`: one check at once, then after
 * `nextPollDelay(0)`, `nextPollDelay(1)`… (1 s × 1.5 up to 5 s: at most about 27 checks in 120 s,
 * gentle on a merchant's proxy when a tab is left open). `verificationReturned()` checks at once
 * and starts the backoff again. While the tab is hidden no check is started; one that fell due is
 * made as soon as the tab is shown. Integrators can change all four numbers.
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
 * How long to wait after check number `attempt` (0-based) before the next one:
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
