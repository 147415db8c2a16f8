import {
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  mockChallengeDecisionUrl,
  SCENARIO_CARDS,
} from '@savedcards/msw';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  checkPaymentToken,
  createGatewayClient,
  createPaymentToken,
  GatewayError,
  gatewayPaths,
  isGatewayError,
  listPaymentTokens,
  type NewCardInput,
  OPENAPI_PREFIX,
} from './index.js';

const API = `${TEST_BASE_URL}${OPENAPI_PREFIX}`;
const demo = DEMO_CUSTOMER.uuid;
const client = () => createGatewayClient({ baseUrl: TEST_BASE_URL });
const YEAR = new Date().getFullYear() + 3;
const CVC = '987';

const numberOf = (behaviour: string) => {
  const card = SCENARIO_CARDS.find((c) => c.behaviour === behaviour);
  if (!card) throw new Error(behaviour);
  return card.number;
};

const newCard = (number: string, overrides: Partial<NewCardInput> = {}): NewCardInput => ({
  number: number.replace(/(\d{4})(?=\d)/g, '$1 '),
  expMonth: '4',
  expYear: String(YEAR).slice(-2),
  holderName: ' Tai Man Chan ',
  cvc: CVC,
  ...overrides,
});

interface Seen {
  method: string;
  url: string;
  headers: string;
  body: string;
}

const listeners: Array<(event: { request: Request }) => void> = [];
afterEach(() => {
  for (const listener of listeners.splice(0)) {
    server.events.removeListener('request:start', listener);
  }
});

/** Every request from now on: method, URL, headers and body text. */
function captureRequests(): Seen[] {
  const seen: Seen[] = [];
  const listener = ({ request }: { request: Request }) => {
    const entry: Seen = {
      method: request.method,
      url: request.url,
      headers: JSON.stringify([...request.headers]),
      body: '',
    };
    seen.push(entry);
    void request
      .clone()
      .text()
      .then((text) => {
        entry.body = text;
      });
  };
  listeners.push(listener);
  server.events.on('request:start', listener);
  return seen;
}

function spyOnConsole() {
  return (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => {}),
  );
}

/** Everything the console was given, as text. */
function consoleText(spies: ReturnType<typeof spyOnConsole>): string {
  return spies.flatMap((spy) => spy.mock.calls.flat().map((arg) => String(arg))).join('\n');
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return [
    error.message,
    String(error),
    error.stack ?? '',
    String(error.cause),
    JSON.stringify(error),
    JSON.stringify(Object.entries(error)),
  ].join('\n');
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function expectNoSecrets(text: string, number: string) {
  expect(text).not.toContain(number);
  expect(text).not.toContain(number.slice(0, 12));
  // A random request id (a UUID) or a stack frame's line number may hold the CVC's three digits.
  const withoutIds = text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/:\d+:\d+/g, ':<line>');
  expect(withoutIds).not.toContain(CVC);
}

describe('createPaymentToken: the request', () => {
  it("posts GATEWAY.md §5's body: digits only, MM, YYYY, trimmed name, cvv", async () => {
    const seen = captureRequests();
    await createPaymentToken(client(), demo, newCard('4242424242424242'));
    await vi.waitFor(() => expect(seen[0]?.body).not.toBe(''));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe(`${TEST_BASE_URL}${gatewayPaths.paymentTokens(demo)}`);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      card: {
        number: '4242424242424242',
        exp_month: '04',
        exp_year: String(YEAR),
        holder_name: 'Tai Man Chan',
        cvv: CVC,
      },
    });
  });

  it('sends nickname, billing address, 3ds and transaction type only when given', async () => {
    const seen = captureRequests();
    await createPaymentToken(
      client(),
      demo,
      newCard('4242424242424242', {
        expMonth: 12,
        expYear: YEAR,
        cvc: '',
        nickname: ' Work ',
        billingAddress: { firstName: 'Tai Man', lastName: 'Chan', countryCode: 'HKG', city: ' ' },
      }),
      {
        returnUrls: {
          successUrl: 'https://shop.example/3ds?ok=1',
          failUrl: 'https://shop.example/3ds?ok=0',
        },
        transactionType: 'unscheduled_cof',
      },
    );
    await vi.waitFor(() => expect(seen[0]?.body).not.toBe(''));
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      card: {
        number: '4242424242424242',
        exp_month: '12',
        exp_year: String(YEAR),
        holder_name: 'Tai Man Chan',
        nickname: 'Work',
        billing_address: { first_name: 'Tai Man', last_name: 'Chan', country_code: 'HKG' },
        '3ds': {
          success_return_url: 'https://shop.example/3ds?ok=1',
          fail_return_url: 'https://shop.example/3ds?ok=0',
        },
        transaction_type: 'unscheduled_cof',
      },
    });
  });

  it.each([
    [{ expMonth: '13' }, /expMonth/],
    [{ expMonth: 'ab' }, /expMonth/],
    [{ expYear: '202' }, /expYear/],
  ])('refuses an expiry it cannot send (%j) without a request', async (overrides, message) => {
    const seen = captureRequests();
    const error = await rejectionOf(
      createPaymentToken(client(), demo, newCard('4242424242424242', overrides)),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
    expectNoSecrets(errorText(error), '4242424242424242');
    expect(seen).toHaveLength(0);
  });

  it('passes the abort signal on', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(
      createPaymentToken(client(), demo, newCard('4242424242424242'), {
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createPaymentToken: the answer', () => {
  it('a frictionless card comes back saved, with only brand, last four and expiry', async () => {
    const card = await createPaymentToken(client(), demo, newCard('5555555555554444'));
    expect(card).toEqual({
      token: expect.any(String),
      type: 'card',
      state: 'success',
      isDefault: false,
      brand: 'mastercard',
      last4: '4444',
      expMonth: 4,
      expYear: YEAR,
      expiry: 'valid',
      holderName: 'Tai Man Chan',
      billingCurrency: 'HKD',
    });
    const list = await listPaymentTokens(client(), demo);
    expect(list.at(-1)).toEqual(card);
  });

  it('a challenge card comes back pending with a verify url and uuid', async () => {
    const card = await createPaymentToken(client(), demo, newCard(numberOf('challenge-approve')));
    expect(card).toMatchObject({
      state: 'pending',
      brand: 'visa',
      last4: '3220',
      verifyUrl: expect.stringMatching(/^https:\/\//),
      verifyUuid: expect.any(String),
    });
  });

  it('a missing payment_token is an invalid-response GatewayError', async () => {
    server.use(
      http.post(`${API}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({ error_code: '', error_message: '', data: {} }),
      ),
    );
    const error = await rejectionOf(
      createPaymentToken(client(), demo, newCard('4242424242424242')),
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200 });
  });

  it('a gateway that echoes the number everywhere still gives nothing back but the last four', async () => {
    const number = '4242424242424242';
    server.use(
      http.post(`${API}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({
          error_code: '',
          error_message: '',
          data: {
            payment_token: {
              token_type: 'CreditCard',
              token: 'tok-echo',
              state: 'pending',
              nickname: `card ${number}`,
              verify_url: `https://acs.example/c?pan=${number}`,
              verify_uuid: `v-${number}`,
              error_code: number,
              error_msg: `card ${number} cvv: ${CVC}`,
              credit_card: {
                number,
                exp_month: '04',
                exp_year: String(YEAR),
                holder_name: `Tai ${number}`,
                brand: 'Visa',
              },
            },
          },
        }),
      ),
    );
    const card = await createPaymentToken(client(), demo, newCard(number));
    expectNoSecrets(JSON.stringify(card), number);
    expect(card).toMatchObject({ token: 'tok-echo', last4: '4242', state: 'pending' });
    expect(card).not.toHaveProperty('verifyUrl');
    expect(card).not.toHaveProperty('verifyUuid');
  });

  it('a token id made of the card number is refused', async () => {
    const number = '4242424242424242';
    server.use(
      http.post(`${API}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json({
          error_code: '',
          error_message: '',
          data: { payment_token: { token: `t${number}`, state: 'success' } },
        }),
      ),
    );
    const error = await rejectionOf(createPaymentToken(client(), demo, newCard(number)));
    expect(error).toMatchObject({ kind: 'invalid-response' });
    expectNoSecrets(errorText(error), number);
  });
});

describe('createPaymentToken: failures', () => {
  it('declined at create: a gateway error with the code and message, nothing stored', async () => {
    const before = db.snapshot();
    const error = await rejectionOf(
      createPaymentToken(client(), demo, newCard(numberOf('decline-at-create'))),
    );
    expect(isGatewayError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'gateway', status: 400, code: 'E300051' });
    expect((error as Error).message).toContain('Card declined by the issuer.');
    expect(db.snapshot()).toEqual(before);
  });

  it.each([
    ['server-error', { kind: 'gateway', status: 500, code: 'E000500' }],
    ['network-error', { kind: 'network', status: 0 }],
  ])('%s card: %j', async (behaviour, expected) => {
    const error = await rejectionOf(
      createPaymentToken(client(), demo, newCard(numberOf(behaviour))),
    );
    expect(error).toMatchObject(expected);
  });
});

describe('checkPaymentToken', () => {
  it('posts {"payment_token": {"token", "verify_uuid"}} and reads the state', async () => {
    const seen = captureRequests();
    const pending = db.getToken(demo, DEMO_TOKENS.pending);
    const card = await checkPaymentToken(client(), demo, {
      token: DEMO_TOKENS.pending,
      verifyUuid: pending?.verify_uuid ?? '',
    });
    await vi.waitFor(() => expect(seen[0]?.body).not.toBe(''));
    expect(seen[0]?.url).toBe(`${TEST_BASE_URL}${gatewayPaths.checkPaymentToken(demo)}`);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      payment_token: { token: DEMO_TOKENS.pending, verify_uuid: pending?.verify_uuid },
    });
    expect(card).toMatchObject({ token: DEMO_TOKENS.pending, state: 'pending', last4: '1091' });
  });

  it('an unknown token is a gateway error', async () => {
    await expect(
      checkPaymentToken(client(), demo, { token: 'nope', verifyUuid: 'nope' }),
    ).rejects.toMatchObject({ kind: 'gateway', code: 'E200001' });
  });

  it('a missing payment_token is an invalid-response GatewayError', async () => {
    server.use(
      http.post(`${API}/customers/:uuid/payment_tokens/check`, () =>
        HttpResponse.json({ error_code: '', error_message: '', data: { payment_token: null } }),
      ),
    );
    await expect(
      checkPaymentToken(client(), demo, { token: 't', verifyUuid: 'v' }),
    ).rejects.toMatchObject({ kind: 'invalid-response' });
  });
});

describe('the card number and CVC exist only in the one create request body', () => {
  it('through a whole challenge flow: requests, console and results', async () => {
    const number = numberOf('challenge-approve');
    const seen = captureRequests();
    const consoleSpies = spyOnConsole();
    const results: unknown[] = [];

    const created = await createPaymentToken(client(), demo, newCard(number));
    results.push(created);
    results.push(
      await checkPaymentToken(client(), demo, {
        token: created.token,
        verifyUuid: created.verifyUuid ?? '',
      }),
    );
    await fetch(mockChallengeDecisionUrl(TEST_BASE_URL, created.verifyUuid ?? ''), {
      method: 'POST',
      body: JSON.stringify({ decision: 'approve' }),
    });
    const verified = await checkPaymentToken(client(), demo, {
      token: created.token,
      verifyUuid: created.verifyUuid ?? '',
    });
    results.push(verified, await listPaymentTokens(client(), demo));
    expect(verified.state).toBe('success');

    // Bodies are read asynchronously by the listener; give a loaded machine time.
    await vi.waitFor(
      () =>
        expect(seen.every((request) => request.method === 'GET' || request.body !== '')).toBe(true),
      { timeout: 5000 },
    );
    expect(seen.length).toBeGreaterThanOrEqual(5);
    const [first, ...others] = seen;
    expect(first?.body).toContain(number);
    expect(first?.body).toContain(`"cvv":"${CVC}"`);
    expectNoSecrets(`${first?.url}\n${first?.headers}`, number);
    for (const request of others) {
      expectNoSecrets(`${request.url}\n${request.headers}\n${request.body}`, number);
    }
    expectNoSecrets(JSON.stringify(results), number);
    expectNoSecrets(JSON.stringify(db.snapshot()), number);
    expectNoSecrets(consoleText(consoleSpies), number);
  });

  it.each([
    ['declined at create', () => numberOf('decline-at-create'), undefined],
    ['a 5xx', () => numberOf('server-error'), undefined],
    ['a network failure', () => numberOf('network-error'), undefined],
    [
      'a gateway error that echoes the body',
      () => '4242424242424242',
      async ({ request }: { request: Request }) =>
        HttpResponse.json(
          { error_code: 'E000001', error_message: `Bad: ${await request.text()}` },
          { status: 400 },
        ),
    ],
    [
      'an HTML 500 that echoes the body',
      () => '4242424242424242',
      async ({ request }: { request: Request }) =>
        HttpResponse.html(`<pre>${await request.text()}</pre>`, { status: 500 }),
    ],
    [
      'a 200 that is not JSON and echoes the body',
      () => '4242424242424242',
      async ({ request }: { request: Request }) => HttpResponse.text(await request.text()),
    ],
  ])(
    'no error message, console line or other request contains them: %s',
    async (_label, numberFor, resolver) => {
      const number = numberFor();
      if (resolver) server.use(http.post(`${API}/customers/:uuid/payment_tokens`, resolver));
      const seen = captureRequests();
      const consoleSpies = spyOnConsole();
      const error = await rejectionOf(createPaymentToken(client(), demo, newCard(number)));
      expect(error).toBeInstanceOf(GatewayError);
      expectNoSecrets(errorText(error), number);
      expectNoSecrets(consoleText(consoleSpies), number);
      expect(seen).toHaveLength(1);
      expectNoSecrets(JSON.stringify(db.snapshot()), number);
    },
  );
});
