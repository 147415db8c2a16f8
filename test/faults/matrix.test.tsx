/**
 * Fault matrix: every gateway operation the UI performs × every way the gateway can fail.
 *
 * Each case drives the component (or, for the customer read, the hook) that performs the operation
 * against the msw mock gateway with one fault injected on that operation only, and checks:
 * - a clear message is announced (`role="alert"`, or `role="status"` when the operation succeeds);
 * - afterwards the UI shows what the mock gateway's db holds (the server's truth);
 * - no unhandled promise rejection and no `console.error`.
 *
 * "timeout" is a response that never comes, against a client `timeoutMs` of 400 ms; "slow" stands for a
 * 5 s gateway against the default 20 s client timeout, scaled down to 150 ms against 400 ms.
 * Prints `faults: N cases, N held` at the end.
 */
import {
  isGatewayError,
  THREE_DS_RETURN_MESSAGE_TYPE,
  type GatewayErrorKind,
} from '@savedcards/core';
import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  decideChallenge,
  type GatewayOperation,
  OPENAPI_PREFIX,
} from '@savedcards/msw';
import { useCustomer } from '@savedcards/react';
import { AddCardFlow, rowActions, SavedCardList } from '@savedcards/ui';
import { act, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, HttpResponse, http } from 'msw';
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { createWrapper, renderWithProviders } from '../render';
import { db, server, TEST_BASE_URL } from '../server';

const TIMEOUT_MS = 400;
const SLOW_MS = 150;
const CLIENT = { timeoutMs: TIMEOUT_MS };

const FAULTS = [
  '500',
  '502',
  '401',
  'network',
  'timeout',
  'malformed-json',
  'wrong-envelope',
  'unknown-state',
  'slow',
] as const;
type Fault = (typeof FAULTS)[number];
/** Faults after which the operation must have failed (the rest succeed or show odd data). */
type ErrorFault = Exclude<Fault, 'unknown-state' | 'slow'>;

const ROUTES: Record<GatewayOperation, { method: 'get' | 'post' | 'delete'; path: string }> = {
  upsertCustomer: { method: 'post', path: '/customers' },
  getCustomer: { method: 'get', path: '/customers/:uuid' },
  listTokens: { method: 'get', path: '/customers/:uuid/payment_tokens' },
  createToken: { method: 'post', path: '/customers/:uuid/payment_tokens' },
  checkToken: { method: 'post', path: '/customers/:uuid/payment_tokens/check' },
  deleteToken: { method: 'delete', path: '/customers/:uuid/payment_tokens' },
};
const url = (operation: GatewayOperation) =>
  `${TEST_BASE_URL}${OPENAPI_PREFIX}${ROUTES[operation].path}`;

/** Makes `operation` (only) fail with `fault`; `slow` slows every operation. */
function inject(fault: Exclude<Fault, 'unknown-state'>, operation: GatewayOperation) {
  const { method } = ROUTES[operation];
  const kinds = {
    '500': 'server-error',
    '401': 'unauthorized',
    network: 'network-error',
    'malformed-json': 'malformed-json',
    'wrong-envelope': 'wrong-envelope',
  } as const;
  if (fault === 'slow') {
    server.use(
      ...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: { latencyMs: SLOW_MS } }),
    );
  } else if (fault === '502') {
    // What a load balancer in front of the gateway sends: HTML, not an envelope.
    server.use(
      http[method](
        url(operation),
        () =>
          new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
            status: 502,
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    );
  } else if (fault === 'timeout') {
    server.use(
      http[method](url(operation), async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
  } else {
    const kind = kinds[fault];
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        scenario: { failure: { kind, operations: [operation] } },
      }),
    );
  }
}

/** The error kind the client must report for each fault. */
const EXPECTED_KIND: Record<ErrorFault, GatewayErrorKind[]> = {
  '500': ['gateway', 'http'],
  '502': ['http', 'gateway', 'invalid-response'],
  '401': ['gateway', 'http'],
  network: ['network'],
  timeout: ['timeout'],
  'malformed-json': ['invalid-response'],
  'wrong-envelope': ['invalid-response'],
};

const UNKNOWN_STATE_NUMBER = '4000056655665556';
const addUnknownStateCard = (init: { default?: boolean } = {}) =>
  db.addToken(DEMO_CUSTOMER.uuid, { number: UNKNOWN_STATE_NUMBER, state: 'suspended', ...init });

const tokensOnServer = () => db.listTokens(DEMO_CUSTOMER.uuid);
const serverDefault = () => db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token;
const last4 = (token: { credit_card?: { number?: string } | null }) =>
  String(token.credit_card?.number ?? '').slice(-4);

/** The list shows exactly the server's cards: one row per token, by last four digits. */
async function expectListMatchesServer() {
  await waitFor(() => {
    const expected = tokensOnServer().map(last4).sort();
    const shown = Array.from(document.querySelectorAll('[data-slot="saved-card-list-row"]'))
      .map((row) => /(?<!\d)(\d{4})(?!\d)/.exec(row.textContent ?? '')?.[1] ?? row.textContent)
      .sort();
    expect(shown).toEqual(expected);
  });
}

// Guards: unhandled rejections (Node and jsdom) and console.error.
const rejections: unknown[] = [];
const onNodeRejection = (reason: unknown) => rejections.push(reason);
const onWindowRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
let consoleError: MockInstance<typeof console.error>;
let cases = 0;
let held = 0;

beforeEach(() => {
  rejections.length = 0;
  process.on('unhandledRejection', onNodeRejection);
  window.addEventListener('unhandledrejection', onWindowRejection);
  consoleError = vi.spyOn(console, 'error');
});

afterEach(async () => {
  process.off('unhandledRejection', onNodeRejection);
  window.removeEventListener('unhandledrejection', onWindowRejection);
  consoleError.mockRestore();
  sessionStorage.clear();
  localStorage.clear();
});

afterAll(() => {
  console.log(`faults: ${cases} cases, ${held} held`);
});

/** Registers one case; the body's assertions plus the guards decide whether it held. */
function matrixCase(name: string, body: () => Promise<void>) {
  it(name, async () => {
    cases += 1;
    await body();
    // Let late rejections surface before judging.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rejections, 'unhandled promise rejections').toEqual([]);
    expect(consoleError, 'console.error').not.toHaveBeenCalled();
    held += 1;
  }, 15_000);
}

describe('list (SavedCardList)', () => {
  for (const fault of FAULTS) {
    matrixCase(`list × ${fault}`, async () => {
      if (fault === 'unknown-state') {
        addUnknownStateCard();
      } else {
        inject(fault, 'listTokens');
      }
      const user = userEvent.setup();
      renderWithProviders(<SavedCardList />, { client: CLIENT });
      if (fault === 'unknown-state' || fault === 'slow') {
        await screen.findByRole('radiogroup');
        await expectListMatchesServer();
        return;
      }
      const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
      const expected =
        fault === 'network'
          ? /could not reach the server/
          : fault === 'timeout'
            ? /took too long/
            : /could not load your saved cards/;
      await waitFor(() => expect(alert).toHaveTextContent(expected));
      server.resetHandlers();
      await user.click(screen.getByRole('button', { name: 'Try again' }));
      await screen.findByRole('radiogroup');
      await expectListMatchesServer();
    });
  }
});

describe('get customer (useCustomer)', () => {
  for (const fault of FAULTS) {
    matrixCase(`get customer × ${fault}`, async () => {
      if (fault === 'unknown-state') {
        const token = addUnknownStateCard({ default: true });
        const { Wrapper } = createWrapper({ client: CLIENT });
        const { result } = renderHook(() => useCustomer(), { wrapper: Wrapper });
        await waitFor(() => expect(result.current.isSuccess).toBe(true));
        expect(result.current.data?.uuid).toBe(DEMO_CUSTOMER.uuid);
        expect(result.current.data?.defaultToken).toBe(token.token);
        return;
      }
      inject(fault, 'getCustomer');
      const { Wrapper } = createWrapper({ client: CLIENT });
      const { result } = renderHook(() => useCustomer(), { wrapper: Wrapper });
      if (fault === 'slow') {
        await waitFor(() => expect(result.current.isSuccess).toBe(true));
        expect(result.current.data?.uuid).toBe(DEMO_CUSTOMER.uuid);
        return;
      }
      await waitFor(() => expect(result.current.isError).toBe(true), { timeout: 3000 });
      const error = result.current.error;
      expect(isGatewayError(error)).toBe(true);
      if (isGatewayError(error)) expect(EXPECTED_KIND[fault]).toContain(error.kind);
      server.resetHandlers();
      await act(() => result.current.refetch());
      await waitFor(() => expect(result.current.isSuccess).toBe(true));
      expect(result.current.data?.uuid).toBe(DEMO_CUSTOMER.uuid);
      expect(result.current.data?.defaultToken).toBe(serverDefault());
    });
  }
});

async function renderManage() {
  const user = userEvent.setup();
  renderWithProviders(<SavedCardList actions={rowActions(['make-default', 'remove'])} />, {
    client: CLIENT,
  });
  await screen.findByRole('list', { name: 'Saved cards' });
  return user;
}

// With actions the cards are named groups in a list (nothing is chosen on an account page).
const defaultCard = () =>
  screen
    .getAllByRole('group')
    .find((card) => /, default$/.test(card.getAttribute('aria-label') ?? ''));

async function expectDefaultMatchesServer() {
  const truth = tokensOnServer().find((token) => token.token === serverDefault());
  await waitFor(() =>
    expect(
      screen.getByRole('group', {
        name: new RegExp(`ending in ${truth ? last4(truth) : '----'}, .*, default$`),
      }),
    ).toBeInTheDocument(),
  );
  expect(screen.getAllByRole('group', { name: /, default$/ })).toHaveLength(1);
}

describe('set default (SavedCardList actions)', () => {
  for (const fault of FAULTS) {
    matrixCase(`set default × ${fault}`, async () => {
      if (fault === 'unknown-state') addUnknownStateCard();
      const user = await renderManage();
      if (fault === 'unknown-state') {
        // A card in a state the kit does not know is not offered as a default…
        expect(
          screen.queryByRole('button', { name: /^Make default: .* ending in 5556$/ }),
        ).toBeNull();
        // …and does not stop another card from becoming the default.
        await user.click(
          screen.getByRole('button', { name: 'Make default: UnionPay ending in 8599' }),
        );
        expect(
          await screen.findByText('UnionPay ending in 8599 is now your default card.'),
        ).toHaveAttribute('role', 'status');
        expect(serverDefault()).toBe(DEMO_TOKENS.unionpay);
        await expectDefaultMatchesServer();
        return;
      }
      inject(fault, 'upsertCustomer');
      await user.click(
        screen.getByRole('button', { name: 'Make default: UnionPay ending in 8599' }),
      );
      if (fault === 'slow') {
        // Optimistic: the new default shows before the gateway answers.
        expect(defaultCard()).toHaveAccessibleName(/^UnionPay ending in 8599/);
        expect(
          await screen.findByText('UnionPay ending in 8599 is now your default card.'),
        ).toHaveAttribute('role', 'status');
        expect(serverDefault()).toBe(DEMO_TOKENS.unionpay);
        await expectDefaultMatchesServer();
        return;
      }
      await waitFor(
        () =>
          expect(screen.getByRole('alert')).toHaveTextContent(
            'Could not make UnionPay ending in 8599 your default card. Nothing changed.',
          ),
        { timeout: 3000 },
      );
      expect(serverDefault()).toBe(DEMO_TOKENS.visa);
      await expectDefaultMatchesServer();
    });
  }
});

describe('remove (SavedCardList actions)', () => {
  for (const fault of FAULTS) {
    matrixCase(`remove × ${fault}`, async () => {
      if (fault === 'unknown-state') addUnknownStateCard();
      const user = await renderManage();
      const name = fault === 'unknown-state' ? 'Visa ending in 5556' : 'Mastercard ending in 4444';
      if (fault !== 'unknown-state') inject(fault, 'deleteToken');
      await user.click(screen.getByRole('button', { name: `Remove: ${name}` }));
      await user.click(screen.getByRole('button', { name: 'Remove card' }));
      if (fault === 'unknown-state' || fault === 'slow') {
        expect(await screen.findByText(`${name} removed.`)).toHaveAttribute('role', 'status');
        expect(tokensOnServer().map(last4)).not.toContain(name.slice(-4));
        await expectListMatchesServer();
        return;
      }
      await waitFor(
        () =>
          expect(screen.getByRole('alert')).toHaveTextContent(
            `Could not remove ${name}. Nothing changed.`,
          ),
        { timeout: 3000 },
      );
      expect(tokensOnServer().map((token) => token.token)).toContain(DEMO_TOKENS.mastercard);
      await expectListMatchesServer();
    });
  }
});

async function fillAndSave(number: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Add a card' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add a card' });
  const form = within(dialog);
  await user.type(form.getByLabelText('Card number'), number);
  await user.type(form.getByLabelText('Expiry date (MM / YY)'), '0431');
  await user.type(form.getByLabelText('Security code (CVC)'), '737');
  await user.type(form.getByLabelText('Name on card'), 'Tai Man Chan');
  return { user, save: () => user.click(form.getByRole('button', { name: 'Save card' })) };
}

const JCB = '3566002020360505';

/** A token state the kit does not know is not settled: the flow keeps waiting, says nothing else. */
async function expectStillWaiting(savedText: string) {
  await new Promise((resolve) => setTimeout(resolve, 800));
  expect(screen.getByRole('status')).toHaveTextContent(
    'Waiting for your bank to confirm the card…',
  );
  expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
  expect(screen.queryByText(savedText)).toBeNull();
  expect(screen.getByRole('alert')).toBeEmptyDOMElement();
}

describe('create (AddCardFlow)', () => {
  for (const fault of FAULTS) {
    matrixCase(`create × ${fault}`, async () => {
      const before = tokensOnServer().length;
      renderWithProviders(<AddCardFlow verification="iframe" allowedVerifyOrigins={[]} />, {
        client: CLIENT,
      });
      const { save } = await fillAndSave(JCB);
      if (fault === 'unknown-state') {
        server.use(
          http.post(url('createToken'), ({ params }) => {
            const token = db.addToken(String(params.uuid), { number: JCB, state: 'suspended' });
            return HttpResponse.json({
              error_code: '',
              error_message: '',
              data: { payment_token: token },
            });
          }),
        );
      } else {
        inject(fault, 'createToken');
      }
      await save();
      if (fault === 'slow') {
        expect(
          await screen.findByText('JCB ending in 0505 saved.', {}, { timeout: 3000 }),
        ).toHaveAttribute('role', 'status');
        expect(tokensOnServer()).toHaveLength(before + 1);
        return;
      }
      if (fault === 'unknown-state') {
        // The server holds a token in a state the kit does not know: it is treated as not settled
        // (keep waiting, with Cancel), never as "saved" nor as "nothing was saved".
        await expectStillWaiting('JCB ending in 0505 saved.');
        expect(tokensOnServer()).toHaveLength(before + 1);
        return;
      }
      const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
      await waitFor(() => expect(alert).not.toBeEmptyDOMElement());
      expect(alert).toHaveTextContent(/Nothing was saved/);
      if (fault === 'network' || fault === 'timeout') {
        expect(alert).toHaveTextContent('Check your connection and try again.');
      }
      expect(tokensOnServer()).toHaveLength(before);
    });
  }
});

describe('check (AddCardFlow, 3-D Secure challenge approved)', () => {
  for (const fault of FAULTS) {
    const nonRetryable =
      fault === '401' || fault === 'malformed-json' || fault === 'wrong-envelope';
    matrixCase(`check × ${fault}`, async () => {
      const before = tokensOnServer().length;
      renderWithProviders(<AddCardFlow verification="iframe" allowedVerifyOrigins={[]} />, {
        client: CLIENT,
      });
      const { save } = await fillAndSave('4000000000003220');
      if (fault !== 'unknown-state') inject(fault, 'checkToken');
      await save();
      const frame = (await screen.findByTitle(
        '3-D Secure verification with your bank',
        {},
        { timeout: 3000 },
      )) as HTMLIFrameElement;
      const created = tokensOnServer()[before];
      if (fault === 'unknown-state') {
        db.updateToken(DEMO_CUSTOMER.uuid, created?.token ?? '', { state: 'suspended' });
      } else {
        decideChallenge(db, created?.verify_uuid ?? '', 'approve');
      }
      act(() => {
        window.dispatchEvent(
          new MessageEvent('message', {
            origin: window.location.origin,
            source: frame.contentWindow,
            data: { type: THREE_DS_RETURN_MESSAGE_TYPE, outcome: 'success' },
          }),
        );
      });
      if (fault === 'unknown-state') {
        await expectStillWaiting('Visa ending in 3220 saved.');
        expect(tokensOnServer()[before]?.state).toBe('suspended');
        return;
      }
      if (!nonRetryable && fault !== 'slow') {
        // A transient failure while polling: keep waiting, then finish when the gateway is back.
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(screen.getByRole('status')).toHaveTextContent(
          'Waiting for your bank to confirm the card…',
        );
        server.resetHandlers();
      }
      if (!nonRetryable) {
        expect(
          await screen.findByText('Visa ending in 3220 saved.', {}, { timeout: 8000 }),
        ).toHaveAttribute('role', 'status');
        expect(tokensOnServer()[before]?.state).toBe('success');
        return;
      }
      const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
      await waitFor(() => expect(alert).not.toBeEmptyDOMElement());
      // The card was approved and is saved on the server: the UI must not say otherwise.
      expect(tokensOnServer()[before]?.state).toBe('success');
      expect(alert).not.toHaveTextContent(/Nothing was saved|declined/);
    });
  }
});
