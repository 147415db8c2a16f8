import { describe, expect, it } from 'vitest';
import {
  GatewayError,
  IDLE_TOKEN_LIFECYCLE,
  isTerminalTokenLifecycle,
  nextPollDelay,
  type SavedCard,
  type TokenLifecycleEvent,
  type TokenLifecycleState,
  type TokenLifecycleStatus,
  transitionTokenLifecycle,
} from './index.js';

const TOKEN = 'tok-1';
const VERIFY_UUID = 'verify-1';
const VERIFY_URL = 'https://acs.example.com/challenge/verify-1';
const card = { brand: 'visa', last4: '3220' } as const;

function savedCard(overrides: Partial<SavedCard> = {}): SavedCard {
  return {
    token: TOKEN,
    type: 'card',
    state: 'pending',
    isDefault: false,
    brand: 'visa',
    last4: '3220',
    expMonth: 4,
    expYear: 2030,
    expiry: 'valid',
    holderName: 'Tai Man Chan',
    ...overrides,
  };
}

const STATES: Record<TokenLifecycleStatus, TokenLifecycleState> = {
  idle: IDLE_TOKEN_LIFECYCLE,
  creating: { status: 'creating', card },
  requires_verification: {
    status: 'requires_verification',
    token: TOKEN,
    verifyUuid: VERIFY_UUID,
    verifyUrl: VERIFY_URL,
    card,
  },
  verifying: {
    status: 'verifying',
    token: TOKEN,
    verifyUuid: VERIFY_UUID,
    verifyUrl: VERIFY_URL,
    card,
  },
  polling: { status: 'polling', token: TOKEN, verifyUuid: VERIFY_UUID, card },
  success: {
    status: 'success',
    reason: 'verified',
    token: TOKEN,
    card,
    result: savedCard({ state: 'success' }),
  },
  failed: { status: 'failed', reason: 'verification_failed', token: TOKEN, card },
  cancelled: { status: 'cancelled', token: TOKEN, card },
  timed_out: { status: 'timed_out', token: TOKEN, card },
};

const EVENTS = {
  submit: { type: 'submit', card },
  created: {
    type: 'created',
    token: savedCard({ verifyUuid: VERIFY_UUID, verifyUrl: VERIFY_URL }),
  },
  create_failed: { type: 'create_failed', error: new Error('boom') },
  resume: { type: 'resume', token: TOKEN, verifyUuid: VERIFY_UUID },
  verification_opened: { type: 'verification_opened' },
  verification_blocked: { type: 'verification_blocked', reason: 'unsafe_verify_url' },
  verification_returned: { type: 'verification_returned', outcome: 'success' },
  poll_result: { type: 'poll_result', token: savedCard({ state: 'success' }) },
  poll_error: {
    type: 'poll_error',
    error: new GatewayError({ kind: 'network', message: 'offline' }),
  },
  cancel: { type: 'cancel' },
  timeout: { type: 'timeout' },
  reset: { type: 'reset' },
} satisfies Record<TokenLifecycleEvent['type'], TokenLifecycleEvent>;

type EventType = keyof typeof EVENTS;
const _ = 'ignored';
type Expected = TokenLifecycleStatus | typeof _;

// Every state × every event. `ignored` means the very same state object comes back.
const TABLE: Record<TokenLifecycleStatus, Record<EventType, Expected>> = {
  idle: {
    submit: 'creating',
    created: _,
    create_failed: _,
    resume: 'polling',
    verification_opened: _,
    verification_blocked: _,
    verification_returned: _,
    poll_result: _,
    poll_error: _,
    cancel: _,
    timeout: _,
    reset: _,
  },
  creating: {
    submit: _,
    created: 'requires_verification',
    create_failed: 'failed',
    resume: _,
    verification_opened: _,
    verification_blocked: _,
    verification_returned: _,
    poll_result: _,
    poll_error: _,
    cancel: 'cancelled',
    timeout: _,
    reset: 'idle',
  },
  requires_verification: {
    submit: _,
    created: _,
    create_failed: _,
    resume: _,
    verification_opened: 'verifying',
    verification_blocked: 'failed',
    verification_returned: 'polling',
    poll_result: _,
    poll_error: _,
    cancel: 'cancelled',
    timeout: 'timed_out',
    reset: 'idle',
  },
  verifying: {
    submit: _,
    created: _,
    create_failed: _,
    resume: _,
    verification_opened: _,
    verification_blocked: _,
    verification_returned: 'polling',
    poll_result: 'success',
    poll_error: _,
    cancel: 'cancelled',
    timeout: 'timed_out',
    reset: 'idle',
  },
  polling: {
    submit: _,
    created: _,
    create_failed: _,
    resume: _,
    verification_opened: _,
    verification_blocked: _,
    verification_returned: _,
    poll_result: 'success',
    // A retryable (network) error changes nothing: the engine checks again later.
    poll_error: _,
    cancel: 'cancelled',
    timeout: 'timed_out',
    reset: 'idle',
  },
  success: terminalRow(),
  failed: terminalRow(),
  cancelled: terminalRow(),
  timed_out: terminalRow(),
};

function terminalRow(): Record<EventType, Expected> {
  const row = Object.fromEntries(Object.keys(EVENTS).map((type) => [type, _])) as Record<
    EventType,
    Expected
  >;
  row.reset = 'idle';
  return row;
}

const CASES = Object.entries(TABLE).flatMap(([status, row]) =>
  Object.entries(row).map(([event, expected]) => [status, event, expected] as const),
);

describe('transition: every state × every event', () => {
  it.each(CASES)('%s + %s → %s', (status, eventType, expected) => {
    const state = STATES[status as TokenLifecycleStatus];
    const next = transitionTokenLifecycle(state, EVENTS[eventType as EventType]);
    if (expected === _) {
      expect(next).toBe(state);
    } else {
      expect(next.status).toBe(expected);
      expect(next).not.toBe(state);
    }
  });

  it('terminal states never leave except through reset', () => {
    for (const status of ['success', 'failed', 'cancelled', 'timed_out'] as const) {
      const state = STATES[status];
      expect(isTerminalTokenLifecycle(state)).toBe(true);
      for (const event of Object.values(EVENTS)) {
        const next = transitionTokenLifecycle(state, event);
        expect(next === state || next === IDLE_TOKEN_LIFECYCLE).toBe(true);
        expect(next === IDLE_TOKEN_LIFECYCLE).toBe(event.type === 'reset');
      }
    }
  });

  it('isTerminal is false for every other state', () => {
    for (const status of [
      'idle',
      'creating',
      'requires_verification',
      'verifying',
      'polling',
    ] as const) {
      expect(isTerminalTokenLifecycle(STATES[status])).toBe(false);
    }
  });
});

describe('created', () => {
  const creating = STATES.creating;

  it('success ⇒ success (frictionless)', () => {
    expect(
      transitionTokenLifecycle(creating, {
        type: 'created',
        token: savedCard({ state: 'success' }),
      }),
    ).toEqual({
      status: 'success',
      reason: 'frictionless',
      token: TOKEN,
      card,
      result: savedCard({ state: 'success' }),
    });
  });

  it('pending with a verify url ⇒ requires_verification', () => {
    expect(transitionTokenLifecycle(creating, EVENTS.created)).toEqual(
      STATES.requires_verification,
    );
  });

  it('pending without a verify url ⇒ polling (with the verify uuid when there is one)', () => {
    expect(
      transitionTokenLifecycle(creating, {
        type: 'created',
        token: savedCard({ verifyUuid: VERIFY_UUID }),
      }),
    ).toEqual({ status: 'polling', token: TOKEN, verifyUuid: VERIFY_UUID, card });
    expect(transitionTokenLifecycle(creating, { type: 'created', token: savedCard() })).toEqual({
      status: 'polling',
      token: TOKEN,
      card,
    });
  });

  it('pending with a verify url but no verify uuid ⇒ requires_verification without one', () => {
    expect(
      transitionTokenLifecycle(creating, {
        type: 'created',
        token: savedCard({ verifyUrl: VERIFY_URL }),
      }),
    ).toEqual({ status: 'requires_verification', token: TOKEN, verifyUrl: VERIFY_URL, card });
  });

  it('an unknown state is treated as pending (the check decides)', () => {
    expect(
      transitionTokenLifecycle(creating, {
        type: 'created',
        token: savedCard({ state: 'unknown' }),
      }).status,
    ).toBe('polling');
  });

  it('failed ⇒ failed (declined) with the gateway code and message', () => {
    expect(
      transitionTokenLifecycle(creating, {
        type: 'created',
        token: savedCard({ state: 'failed', errorCode: 'E300051', errorMessage: 'Declined.' }),
      }),
    ).toEqual({
      status: 'failed',
      reason: 'declined',
      token: TOKEN,
      card,
      errorCode: 'E300051',
      errorMessage: 'Declined.',
      result: savedCard({ state: 'failed', errorCode: 'E300051', errorMessage: 'Declined.' }),
    });
  });

  it("takes the gateway's card summary, or what was typed when the gateway sent no number", () => {
    const typed = transitionTokenLifecycle(IDLE_TOKEN_LIFECYCLE, {
      type: 'submit',
      card: { brand: 'mastercard', last4: '4444' },
    });
    expect(
      transitionTokenLifecycle(typed, { type: 'created', token: savedCard({ state: 'success' }) }),
    ).toMatchObject({ card: { brand: 'visa', last4: '3220' } });
    expect(
      transitionTokenLifecycle(typed, {
        type: 'created',
        token: savedCard({ state: 'success', last4: null, brand: 'unknown' }),
      }),
    ).toMatchObject({ card: { brand: 'mastercard', last4: '4444' } });
  });

  it('a late answer after cancel is dropped', () => {
    const cancelled = transitionTokenLifecycle(STATES.creating, { type: 'cancel' });
    expect(transitionTokenLifecycle(cancelled, EVENTS.created)).toBe(cancelled);
  });
});

describe('failures, cancel and timeout carry a reason', () => {
  it('create_failed ⇒ failed (create_error) with the error', () => {
    const error = new GatewayError({ kind: 'gateway', status: 400, code: 'E300051', message: 'x' });
    expect(transitionTokenLifecycle(STATES.creating, { type: 'create_failed', error })).toEqual({
      status: 'failed',
      reason: 'create_error',
      error,
      card,
    });
  });

  it('verification_blocked (unsafe_verify_url) ⇒ failed with that reason', () => {
    expect(
      transitionTokenLifecycle(STATES.requires_verification, {
        type: 'verification_blocked',
        reason: 'unsafe_verify_url',
      }),
    ).toEqual({ status: 'failed', reason: 'unsafe_verify_url', token: TOKEN, card });
  });

  it('verification_blocked (blocked_popup) keeps waiting with popupBlocked, until opened', () => {
    const blocked = transitionTokenLifecycle(STATES.requires_verification, {
      type: 'verification_blocked',
      reason: 'blocked_popup',
    });
    expect(blocked).toEqual({ ...STATES.requires_verification, popupBlocked: true });
    expect(
      transitionTokenLifecycle(blocked, { type: 'verification_blocked', reason: 'blocked_popup' }),
    ).toBe(blocked);
    expect(transitionTokenLifecycle(blocked, { type: 'verification_opened' })).toEqual(
      STATES.verifying,
    );
  });

  it('cancel keeps the token and card summary', () => {
    expect(transitionTokenLifecycle(STATES.verifying, { type: 'cancel' })).toEqual({
      status: 'cancelled',
      token: TOKEN,
      card,
    });
    expect(transitionTokenLifecycle(STATES.creating, { type: 'cancel' })).toEqual({
      status: 'cancelled',
      card,
    });
  });

  it('timeout ⇒ timed_out', () => {
    expect(transitionTokenLifecycle(STATES.polling, { type: 'timeout' })).toEqual({
      status: 'timed_out',
      token: TOKEN,
      card,
    });
  });
});

describe('verification and polling', () => {
  it('verification_opened keeps token, verify uuid and url', () => {
    expect(
      transitionTokenLifecycle(STATES.requires_verification, { type: 'verification_opened' }),
    ).toEqual({
      ...STATES.requires_verification,
      status: 'verifying',
    });
  });

  it.each([undefined, 'success', 'failed', 'unknown'] as const)(
    'verification_returned (outcome %s) polls: the check decides',
    (outcome) => {
      expect(
        transitionTokenLifecycle(STATES.verifying, {
          type: 'verification_returned',
          ...(outcome ? { outcome } : {}),
        }),
      ).toEqual({ status: 'polling', token: TOKEN, verifyUuid: VERIFY_UUID, card });
    },
  );

  it('resume (after a redirect) polls the kept token', () => {
    expect(
      transitionTokenLifecycle(IDLE_TOKEN_LIFECYCLE, {
        type: 'resume',
        token: TOKEN,
        verifyUuid: VERIFY_UUID,
      }),
    ).toEqual({ status: 'polling', token: TOKEN, verifyUuid: VERIFY_UUID });
  });

  it('a pending poll result changes nothing', () => {
    expect(
      transitionTokenLifecycle(STATES.polling, { type: 'poll_result', token: savedCard() }),
    ).toBe(STATES.polling);
  });

  it('a pending poll result while verifying changes nothing', () => {
    expect(
      transitionTokenLifecycle(STATES.verifying, { type: 'poll_result', token: savedCard() }),
    ).toBe(STATES.verifying);
  });

  it('success ⇒ success (verified); failed ⇒ failed (verification_failed)', () => {
    expect(
      transitionTokenLifecycle(STATES.polling, {
        type: 'poll_result',
        token: savedCard({ state: 'success' }),
      }),
    ).toEqual({
      status: 'success',
      reason: 'verified',
      token: TOKEN,
      card,
      result: savedCard({ state: 'success' }),
    });
    expect(
      transitionTokenLifecycle(STATES.verifying, {
        type: 'poll_result',
        token: savedCard({ state: 'failed', errorCode: 'E300051' }),
      }),
    ).toEqual({
      status: 'failed',
      reason: 'verification_failed',
      token: TOKEN,
      card,
      errorCode: 'E300051',
      result: savedCard({ state: 'failed', errorCode: 'E300051' }),
    });
  });

  it("ignores another token's result", () => {
    const other = savedCard({ token: 'tok-2', state: 'success' });
    expect(transitionTokenLifecycle(STATES.polling, { type: 'poll_result', token: other })).toBe(
      STATES.polling,
    );
  });

  it.each([
    ['network', 0, true],
    ['timeout', 0, true],
    ['http', 503, true],
    ['gateway', 500, true],
    ['gateway', 400, false],
    ['invalid-response', 200, false],
  ] as const)('a %s error (HTTP %s) keeps polling: %s', (kind, status, retried) => {
    const error = new GatewayError({ kind, status, message: 'x' });
    const next = transitionTokenLifecycle(STATES.polling, { type: 'poll_error', error });
    if (retried) {
      expect(next).toBe(STATES.polling);
    } else {
      expect(next).toEqual({
        status: 'failed',
        reason: 'check_error',
        token: TOKEN,
        card,
        error,
      });
    }
  });

  it('poll_error with an error that is not a GatewayError fails the flow', () => {
    const error = new Error('not a GatewayError');
    expect(transitionTokenLifecycle(STATES.polling, { type: 'poll_error', error }).status).toBe(
      'failed',
    );
  });

  it('state never holds more than the token, verify uuid and url, the card summary and the normalised token', () => {
    const keys = new Set<string>();
    for (const state of Object.values(STATES)) {
      for (const key of Object.keys(state)) keys.add(key);
    }
    expect([...keys].sort()).toEqual(
      ['card', 'reason', 'result', 'status', 'token', 'verifyUrl', 'verifyUuid'].sort(),
    );
    const created = transitionTokenLifecycle(STATES.creating, EVENTS.created);
    expect(Object.keys(created).sort()).toEqual(
      ['card', 'status', 'token', 'verifyUrl', 'verifyUuid'].sort(),
    );
  });
});

describe('nextPollDelay', () => {
  it('backs off from 1 s by 1.5× up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 100].map((attempt) => nextPollDelay(attempt))).toEqual([
      1000, 1500, 2250, 3375, 5000, 5000, 5000, 5000,
    ]);
  });

  it('takes its own schedule', () => {
    const options = { initialMs: 200, factor: 2, maxMs: 1000 };
    expect([0, 1, 2, 3, 4].map((attempt) => nextPollDelay(attempt, options))).toEqual([
      200, 400, 800, 1000, 1000,
    ]);
    expect(nextPollDelay(3, { factor: 1 })).toBe(1000);
  });

  it('treats odd attempts as 0 and never overflows', () => {
    expect(nextPollDelay(-1)).toBe(1000);
    expect(nextPollDelay(Number.NaN)).toBe(1000);
    expect(nextPollDelay(1e9)).toBe(5000);
    expect(nextPollDelay(Number.POSITIVE_INFINITY)).toBe(1000);
  });
});

describe('transitionTokenLifecycle: resumed flows', () => {
  it('takes the card summary from the checked token when the flow was resumed without one', () => {
    const resumed = transitionTokenLifecycle(IDLE_TOKEN_LIFECYCLE, {
      type: 'resume',
      token: 'tok',
      verifyUuid: 'v',
    });
    const done = transitionTokenLifecycle(resumed, {
      type: 'poll_result',
      token: {
        token: 'tok',
        type: 'card',
        state: 'success',
        isDefault: false,
        brand: 'visa',
        last4: '3220',
        expMonth: 4,
        expYear: 2031,
        expiry: 'valid',
        holderName: 'Tai Man Chan',
      },
    });
    expect(done).toMatchObject({ status: 'success', card: { brand: 'visa', last4: '3220' } });
  });
});
