import { DEMO_CUSTOMER, decideChallenge, OPENAPI_PREFIX } from '@savedcards/msw';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  AddCardObserver,
  type AddCardObserverOptions,
  createGatewayClient,
  readPendingVerification,
  type TimerSource,
  type VerificationStorage,
  type VisibilitySource,
} from './index.js';

const demo = DEMO_CUSTOMER.uuid;
const TOKENS_URL = `${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`;
const CHECK_URL = `${TOKENS_URL}/check`;
const CHALLENGE = '4000000000003220';
const card = (number = CHALLENGE) => ({
  number,
  expMonth: '04',
  expYear: '2031',
  holderName: 'Tai Man Chan',
  cvc: '737',
});

/** A clock whose timers run only when the test moves it. */
function manualClock() {
  let now = 1_000_000;
  let id = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: TimerSource = {
    setTimeout(run, ms) {
      due.set(++id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    now: () => now,
  };
  function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      let next: [number, { at: number; run: () => void }] | undefined;
      for (const entry of due) {
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      }
      if (!next) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].run();
    }
    now = end;
  }
  return { timers, advance, timersLeft: () => due.size };
}

function manualVisibility(visible = true) {
  const listeners = new Set<() => void>();
  const source: VisibilitySource = {
    isVisible: () => visible,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
  return {
    source,
    set(next: boolean) {
      visible = next;
      for (const listener of listeners) listener();
    },
  };
}

function memoryStorage(): VerificationStorage & { dump(): string } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    dump: () => JSON.stringify([...items]),
  };
}

/** An engine on the mock gateway, with a manual clock, recording each check body and signal. */
function setup(overrides: Partial<AddCardObserverOptions> = {}) {
  const clock = manualClock();
  const visibility = manualVisibility();
  const checks: Array<{ body: unknown; signal: AbortSignal | undefined }> = [];
  const client = createGatewayClient({
    baseUrl: TEST_BASE_URL,
    fetch: (input, init) => {
      if (String(input).endsWith('/check')) {
        checks.push({ body: JSON.parse(String(init?.body)), signal: init?.signal ?? undefined });
      }
      return fetch(input, init);
    },
  });
  const onTokenChanged = vi.fn();
  const onSaved = vi.fn();
  const onFinished = vi.fn();
  const observer = new AddCardObserver({
    client,
    customerUuid: demo,
    timers: clock.timers,
    visibility: visibility.source,
    storage: memoryStorage(),
    onTokenChanged,
    onSaved,
    onFinished,
    ...overrides,
  });
  const listener = vi.fn();
  const unsubscribe = observer.subscribe(listener);
  /** Waits until `n` gateway answers (create and checks) reached the engine. */
  const answered = (n: number) =>
    vi.waitFor(() => expect(onTokenChanged).toHaveBeenCalledTimes(n), { timeout: 2000 });
  return {
    observer,
    clock,
    visibility,
    checks,
    listener,
    unsubscribe,
    onTokenChanged,
    onSaved,
    onFinished,
    answered,
  };
}

/** The create answers with a pending token that has neither verify URL nor verify uuid. */
function createPendingWithoutVerifyUuid() {
  server.use(
    http.post(TOKENS_URL, ({ params }) => {
      const token = db.addToken(String(params.uuid), {
        number: CHALLENGE,
        state: 'pending',
        verify_uuid: null,
        verify_url: null,
      });
      return HttpResponse.json({
        error_code: '',
        error_message: '',
        data: { payment_token: token },
      });
    }),
  );
}

const tokenOf = (observer: AddCardObserver) => {
  const state = observer.getSnapshot();
  return 'token' in state ? (state.token ?? '') : '';
};

describe('AddCardObserver', () => {
  it('saves a frictionless card: one create, no check, and the callbacks in order', async () => {
    const run = setup();
    await run.observer.submit(card('5555555555554444'), { setAsDefault: true });
    const state = run.observer.getSnapshot();
    expect(state).toMatchObject({ status: 'success', reason: 'frictionless' });
    expect(run.checks).toHaveLength(0);
    expect(run.onTokenChanged).toHaveBeenCalledTimes(1);
    expect(run.onFinished).toHaveBeenCalledWith(state);
    expect(run.onSaved).toHaveBeenCalledWith(
      expect.objectContaining({ last4: '4444', state: 'success' }),
      { setAsDefault: true },
    );
    expect(JSON.stringify(state)).not.toMatch(/5555555555554444|737/);
    expect(run.clock.timersLeft()).toBe(0);
  });

  it('checks a pending token without a verify uuid with the token alone, backing off, until saved', async () => {
    createPendingWithoutVerifyUuid();
    const run = setup();
    await run.observer.submit(card());
    expect(run.observer.getSnapshot().status).toBe('polling');
    const token = tokenOf(run.observer);
    await run.answered(2); // the create, then the first check at once
    expect(run.checks.map((check) => check.body)).toEqual([{ payment_token: { token } }]);
    run.clock.advance(999);
    expect(run.checks).toHaveLength(1);
    run.clock.advance(1);
    await run.answered(3);
    run.clock.advance(1499);
    expect(run.checks).toHaveLength(2);
    db.updateToken(demo, token, { state: 'success' });
    run.clock.advance(1);
    await run.answered(4);
    expect(run.observer.getSnapshot()).toMatchObject({ status: 'success', reason: 'verified' });
    expect(run.onSaved).toHaveBeenCalledTimes(1);
    expect(run.clock.timersLeft()).toBe(0);
  });

  it('times out on one wall clock, hidden tab or not; a hidden tab only holds the checks back', async () => {
    createPendingWithoutVerifyUuid();
    const run = setup({ timeoutMs: 10_000, poll: { initialMs: 1000, factor: 1, maxMs: 1000 } });
    run.visibility.set(false);
    await run.observer.submit(card());
    await run.answered(2);
    run.clock.advance(5000);
    expect(run.checks).toHaveLength(1); // due at +1 s, held back while hidden
    run.visibility.set(true);
    expect(run.checks).toHaveLength(2); // made as soon as the tab is shown
    await run.answered(3);
    run.visibility.set(false);
    run.clock.advance(4999);
    expect(run.observer.getSnapshot().status).toBe('polling');
    run.clock.advance(1);
    expect(run.observer.getSnapshot()).toEqual({
      status: 'timed_out',
      token: tokenOf(run.observer),
      card: { brand: 'visa', last4: '3220' },
    });
    expect(run.onFinished).toHaveBeenCalledTimes(1);
    expect(run.clock.timersLeft()).toBe(0);
    run.visibility.set(true);
    run.clock.advance(60_000);
    expect(run.checks).toHaveLength(2);
  });

  it('cancel aborts the check in flight and drops its late answer', async () => {
    server.use(
      // A late answer that would save the card, were it taken.
      http.post(CHECK_URL, async ({ request, params }) => {
        const body = (await request.json()) as { payment_token: { token: string } };
        await delay(80);
        const token = db.getToken(String(params.uuid), body.payment_token.token);
        return HttpResponse.json({
          error_code: '',
          error_message: '',
          data: { payment_token: { ...token, state: 'success' } },
        });
      }),
    );
    const run = setup();
    await run.observer.submit(card());
    expect(run.observer.getSnapshot().status).toBe('requires_verification');
    run.observer.verificationOpened();
    expect(run.checks).toHaveLength(1);
    run.observer.cancel();
    expect(run.checks[0]?.signal?.aborted).toBe(true);
    const cancelled = run.observer.getSnapshot();
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(run.observer.getSnapshot()).toBe(cancelled);
    expect(run.onTokenChanged).toHaveBeenCalledTimes(1); // the create only
    expect(run.clock.timersLeft()).toBe(0);
  });

  it('keeps the same snapshot while a check answers pending', async () => {
    const run = setup();
    await run.observer.submit(card());
    run.observer.verificationOpened();
    const verifying = run.observer.getSnapshot();
    const calls = run.listener.mock.calls.length;
    await run.answered(2);
    expect(run.observer.getSnapshot()).toBe(verifying);
    expect(run.listener).toHaveBeenCalledTimes(calls);
  });

  it('verificationReturned checks at once and the check decides', async () => {
    const run = setup({ poll: { initialMs: 60_000 } });
    await run.observer.submit(card());
    run.observer.verificationOpened();
    await run.answered(2);
    const state = run.observer.getSnapshot();
    decideChallenge(db, 'verifyUuid' in state ? (state.verifyUuid ?? '') : '', 'decline');
    run.observer.verificationReturned('success');
    await run.answered(3);
    expect(run.observer.getSnapshot()).toMatchObject({
      status: 'failed',
      reason: 'verification_failed',
      errorCode: 'E300051',
    });
  });

  it('resumes a redirect only for the same customer, from a record without card data', async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    await first.observer.submit(card(), { setAsDefault: true });
    window.history.replaceState(null, '', '/account?verify=redirect#/manage');
    expect(first.observer.rememberForRedirect()).toBe(true);
    window.history.replaceState(null, '', '/');
    expect(storage.dump()).not.toMatch(/4000000000003220|737|Tai Man/);
    expect(readPendingVerification(storage)?.returnTo).toBe('/account?verify=redirect#/manage');
    first.observer.destroy();
    const state = first.observer.getSnapshot();
    decideChallenge(db, 'verifyUuid' in state ? (state.verifyUuid ?? '') : '', 'approve');

    const other = setup({ storage, customerUuid: 'someone-else' });
    expect(other.observer.resume()).toBe(false);
    expect(other.observer.getSnapshot().status).toBe('idle');

    const second = setup({ storage });
    expect(second.observer.resume()).toBe(true);
    expect(second.observer.getSnapshot().status).toBe('polling');
    await second.answered(1);
    expect(second.observer.getSnapshot()).toMatchObject({ status: 'success', reason: 'verified' });
    expect(second.onSaved).toHaveBeenCalledWith(expect.objectContaining({ last4: '3220' }), {
      setAsDefault: true,
    });
    expect(storage.dump()).toBe('[]');
  });

  it('runs no timer and no check while no one listens, and carries on when someone does', async () => {
    const run = setup();
    await run.observer.submit(card());
    run.observer.verificationOpened();
    run.unsubscribe();
    expect(run.checks[0]?.signal?.aborted).toBe(true);
    expect(run.clock.timersLeft()).toBe(0);
    run.observer.subscribe(() => {});
    expect(run.checks).toHaveLength(2);
    expect(run.clock.timersLeft()).toBe(1); // the timeout
  });
});
