import { afterEach, describe, expect, it, vi } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server.js';
import type { ChallengeDecision, GatewayScenario, MockChallenge, WireToken } from './index.js';
import {
  CHALLENGE_MAILBOX_PREFIX,
  createGatewayHandlers,
  createGatewayDb,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  GATEWAY_ERROR_CODES,
  mockChallengeDecisionUrl,
  SCENARIO_CARDS,
  SLOW_CREATE_MS,
  VERIFY_URL_BASE,
} from './index.js';
import { createChallengeContext } from './challenge.js';
import { operations } from './operations.js';
import { call, callJson, tokensPath } from './testClient.js';
import type { EnvelopeA, EnvelopeB } from './testClient.js';

const demo = DEMO_CUSTOMER.uuid;
const YEAR = String(new Date().getFullYear() + 3);
const CVV = '987';

type TokenData = { payment_token: WireToken };

const cardOf = (behaviour: string) => {
  const card = SCENARIO_CARDS.find((c) => c.behaviour === behaviour);
  if (!card) throw new Error(`no scenario card ${behaviour}`);
  return card.number;
};
const APPROVE = cardOf('challenge-approve');
const DECLINE = cardOf('challenge-decline');
const ABANDON = cardOf('challenge-abandon');

function cardBody(number: string, overrides: Record<string, unknown> = {}) {
  return {
    card: {
      number,
      exp_month: '04',
      exp_year: YEAR,
      holder_name: 'Tai Man Chan',
      cvv: number.startsWith('3') && number.length === 15 ? '9876' : CVV,
      ...overrides,
    },
  };
}

const create = (body: unknown, uuid = demo) =>
  callJson<EnvelopeA<TokenData | null>>('POST', tokensPath(uuid), body);
const check = (payment_token: unknown, uuid = demo) =>
  callJson<EnvelopeA<TokenData | null>>('POST', `${tokensPath(uuid)}/check`, { payment_token });
const decide = async (verifyUuid: string, decision: ChallengeDecision | string) => {
  const response = await fetch(mockChallengeDecisionUrl(TEST_BASE_URL, verifyUuid), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ decision }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

function expectError(
  response: { status: number; body: EnvelopeA<unknown> },
  name: keyof typeof GATEWAY_ERROR_CODES,
) {
  const { code, status } = GATEWAY_ERROR_CODES[name];
  expect(response.status).toBe(status);
  expect(response.body).toEqual({
    error_code: code,
    error_message: expect.any(String),
    data: null,
  });
}

/** Every digit run of the full number (and the CVV as a field) is absent from `text`. */
function expectNoCardData(text: string, number: string) {
  expect(text).not.toContain(number);
  expect(text).not.toContain(number.slice(0, 12));
  // Ids are UUID-shaped with 12-digit groups; any other long digit run would be card data.
  expect(
    text.replace(/[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/g, '<id>'),
  ).not.toMatch(/\d{12,}/);
  expect(text).not.toMatch(/"cvv"/);
  expect(text).not.toContain(`"${CVV}"`);
}

async function createPending(number = APPROVE): Promise<WireToken> {
  const { status, body } = await create(cardBody(number));
  expect(status).toBe(200);
  const token = body.data?.payment_token;
  if (!token?.verify_uuid) throw new Error('expected a pending token');
  return token;
}

afterEach(() => {
  localStorage.clear();
});

describe('POST /customers/{uuid}/payment_tokens: scenario cards', () => {
  it.each(
    SCENARIO_CARDS.filter((card) => card.behaviour === 'frictionless').map((card) => [
      card.brand,
      card.number,
    ]),
  )('%s %s is saved at once, masked', async (brand, number) => {
    const response = await call('POST', tokensPath(demo), cardBody(number));
    const text = await response.text();
    expect(response.status).toBe(200);
    expectNoCardData(text, number);
    const token = (JSON.parse(text) as EnvelopeA<TokenData>).data.payment_token;
    expect(token).toEqual({
      token_type: 'CreditCard',
      token: expect.stringMatching(/^00000000-0000-4000-a000-/),
      state: 'success',
      default: false,
      verify_url: null,
      verify_uuid: null,
      error_code: '',
      error_msg: '',
      credit_card: {
        number: `${number.slice(0, 6)}${'*'.repeat(number.length - 10)}${number.slice(-4)}`,
        exp_month: '04',
        exp_year: YEAR,
        holder_name: 'Tai Man Chan',
        brand,
        billing_currency: 'HKD',
      },
    });
    expect(db.listTokens(demo).at(-1)).toEqual(token);
    expectNoCardData(JSON.stringify(db.snapshot()), number);
  });

  it('any other valid number is a frictionless success too', async () => {
    const { body } = await create(cardBody('4000056655665556'));
    expect(body.data?.payment_token.state).toBe('success');
  });

  it('normalises a one-digit month and a two-digit year', async () => {
    const { body } = await create(
      cardBody('4242424242424242', { exp_month: '4', exp_year: YEAR.slice(-2) }),
    );
    expect(body.data?.payment_token.credit_card).toMatchObject({ exp_month: '04', exp_year: YEAR });
  });

  it('challenge cards are pending with a verify url and uuid (Node default url)', async () => {
    for (const number of [APPROVE, DECLINE, ABANDON]) {
      const token = await createPending(number);
      expect(token).toMatchObject({
        state: 'pending',
        verify_uuid: expect.stringMatching(/^00000000-0000-4000-9000-/),
        error_code: '',
      });
      expect(token.verify_url).toBe(`${VERIFY_URL_BASE}${token.verify_uuid}`);
    }
  });

  it.each([
    [cardOf('decline-at-create'), 'cardDeclined'],
    [cardOf('server-error'), 'internalError'],
  ] as const)('%s fails with %s and stores nothing', async (number, error) => {
    const before = db.snapshot();
    const response = await call('POST', tokensPath(demo), cardBody(number));
    const text = await response.text();
    expectError({ status: response.status, body: JSON.parse(text) }, error);
    expectNoCardData(text, number);
    expect(db.snapshot()).toEqual(before);
  });

  it('the decline card answers with the documented code and message', async () => {
    const { body } = await create(cardBody(cardOf('decline-at-create')));
    expect(body).toEqual({
      error_code: 'E300051',
      error_message: 'Card declined by the issuer.',
      data: null,
    });
  });

  it('the network-failure card gets no response and stores nothing', async () => {
    const before = db.snapshot();
    await expect(call('POST', tokensPath(demo), cardBody(cardOf('network-error')))).rejects.toThrow(
      TypeError,
    );
    expect(db.snapshot()).toEqual(before);
  });

  it(`the slow card answers after ${SLOW_CREATE_MS} ms`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let answered = false;
      const pending = create(cardBody(cardOf('slow'))).then((response) => {
        answered = true;
        return response;
      });
      await vi.advanceTimersByTimeAsync(SLOW_CREATE_MS - 10);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(20);
      const { status, body } = await pending;
      expect(status).toBe(200);
      expect(body.data?.payment_token.state).toBe('success');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('POST /customers/{uuid}/payment_tokens: validation like the gateway', () => {
  const number = '4242424242424242';

  it.each([
    ['no card', { nope: 1 }],
    ['card not an object', { card: 'x' }],
    ['no number', cardBody(number, { number: undefined })],
    ['no exp_month', cardBody(number, { exp_month: undefined })],
    ['no exp_year', cardBody(number, { exp_year: undefined })],
    ['no holder_name', cardBody(number, { holder_name: undefined })],
    ['a blank holder_name', cardBody(number, { holder_name: '   ' })],
    ['a number that is a number', cardBody(number, { number: 4242424242424242 })],
    ['a number with spaces', cardBody('4242 4242 4242 4242')],
    ['a number too short', cardBody('42424242424')],
    ['a number too long', cardBody('42424242424242424242')],
    ['a wrong Luhn digit', cardBody('4242424242424241')],
    ['month 13', cardBody(number, { exp_month: '13' })],
    ['month 0', cardBody(number, { exp_month: '00' })],
    ['a 3-digit year', cardBody(number, { exp_year: '203' })],
    ['an expired card', cardBody(number, { exp_month: '01', exp_year: '2020' })],
    ['a cvv of letters', cardBody(number, { cvv: 'abc' })],
    ['a 5-digit cvv', cardBody(number, { cvv: '12345' })],
    ['a holder name over 255', cardBody(number, { holder_name: 'x'.repeat(256) })],
    ['a nickname over 255', cardBody(number, { nickname: 'x'.repeat(256) })],
    ['billing_address not an object', cardBody(number, { billing_address: 'x' })],
    ['a billing field over 255', cardBody(number, { billing_address: { city: 'x'.repeat(256) } })],
    ['an unknown transaction_type', cardBody(number, { transaction_type: 'one_off' })],
    ['3ds not an object', cardBody(number, { '3ds': 'x' })],
    ['3ds without fail url', cardBody(number, { '3ds': { success_return_url: 'https://a.b/' } })],
    [
      '3ds with a javascript: url',
      cardBody(number, {
        '3ds': { success_return_url: 'javascript:alert(1)', fail_return_url: 'https://a.b/' },
      }),
    ],
  ])('%s → 400 E000001, nothing stored, nothing echoed', async (_label, body) => {
    const before = db.snapshot();
    const response = await call('POST', tokensPath(demo), body);
    const text = await response.text();
    expectError({ status: response.status, body: JSON.parse(text) }, 'invalidParameter');
    expect(text).not.toMatch(/\d{11,}/);
    expect(text).not.toContain('x'.repeat(20));
    expect(db.snapshot()).toEqual(before);
  });

  it('a body that is not JSON → 400', async () => {
    const response = await call('POST', tokensPath(demo), '{"card":');
    expect(response.status).toBe(400);
  });

  it('an unknown customer → 404, nothing stored', async () => {
    const before = db.snapshot();
    expectError(await create(cardBody(number), 'nope'), 'customerNotFound');
    expect(db.snapshot()).toEqual(before);
  });

  it('accepts the whole documented body (billing address, 3ds, transaction type, nickname)', async () => {
    const { status, body } = await create(
      cardBody(number, {
        nickname: 'Work card',
        billing_address: { first_name: 'Tai Man', last_name: 'Chan', country_code: 'HKG' },
        '3ds': {
          success_return_url: 'https://shop.example/3ds?ok=1',
          fail_return_url: 'https://shop.example/3ds?ok=0',
        },
        transaction_type: 'unscheduled_cof',
      }),
    );
    expect(status).toBe(200);
    expect(body.data?.payment_token.state).toBe('success');
  });

  it('accepts a UnionPay number without a Luhn check digit', async () => {
    const { status } = await create(cardBody('6250941006528590'));
    expect(status).toBe(200);
  });
});

describe('POST …/payment_tokens/check and the challenge decision', () => {
  it('stays pending until the challenge is approved, then success', async () => {
    const created = await createPending(APPROVE);
    const input = { token: created.token, verify_uuid: created.verify_uuid };
    expect((await check(input)).body.data?.payment_token.state).toBe('pending');
    expect((await check(input)).body.data?.payment_token).toEqual(created);

    expect(await decide(created.verify_uuid ?? '', 'approve')).toEqual({
      status: 200,
      body: { verify_uuid: created.verify_uuid, token: created.token, state: 'success' },
    });
    const { status, body } = await check(input);
    expect(status).toBe(200);
    expect(body.data?.payment_token).toMatchObject({
      token: created.token,
      state: 'success',
      verify_uuid: created.verify_uuid,
      verify_url: null,
      error_code: '',
      error_msg: '',
    });
  });

  it('a declined challenge fails the token with a code and message', async () => {
    const created = await createPending(APPROVE);
    await decide(created.verify_uuid ?? '', 'decline');
    const { body } = await check({ token: created.token, verify_uuid: created.verify_uuid });
    expect(body.data?.payment_token).toMatchObject({
      state: 'failed',
      error_code: 'E300051',
      error_msg: '3-D Secure authentication failed.',
    });
  });

  it.each(['approve', 'decline'] as const)(
    'the challenge-then-decline card fails even when the challenge is %sd',
    async (decision) => {
      const created = await createPending(DECLINE);
      await decide(created.verify_uuid ?? '', decision);
      const { body } = await check({ token: created.token, verify_uuid: created.verify_uuid });
      expect(body.data?.payment_token).toMatchObject({ state: 'failed', error_code: 'E300051' });
      expect(body.data?.payment_token.error_msg).not.toBe('');
    },
  );

  it('the abandoned card stays pending whatever happens', async () => {
    const created = await createPending(ABANDON);
    const input = { token: created.token, verify_uuid: created.verify_uuid };
    for (const decision of ['approve', 'decline'] as const) {
      expect((await decide(created.verify_uuid ?? '', decision)).body.state).toBe('pending');
    }
    localStorage.setItem(`${CHALLENGE_MAILBOX_PREFIX}${created.verify_uuid}`, 'approve');
    for (let i = 0; i < 3; i++) {
      expect((await check(input)).body.data?.payment_token.state).toBe('pending');
    }
  });

  it('deciding again changes nothing', async () => {
    const created = await createPending(APPROVE);
    await decide(created.verify_uuid ?? '', 'approve');
    expect((await decide(created.verify_uuid ?? '', 'decline')).body.state).toBe('success');
  });

  it('the demo seed pending token can be checked and approved', async () => {
    const pending = db.getToken(demo, DEMO_TOKENS.pending);
    const input = { token: DEMO_TOKENS.pending, verify_uuid: pending?.verify_uuid };
    expect((await check(input)).body.data?.payment_token.state).toBe('pending');
    await decide(pending?.verify_uuid ?? '', 'approve');
    expect((await check(input)).body.data?.payment_token.state).toBe('success');
  });

  it('a frictionless token cannot be checked without its (absent) verify uuid', async () => {
    const { body } = await create(cardBody('4242424242424242'));
    expectError(
      await check({ token: body.data?.payment_token.token, verify_uuid: 'x' }),
      'tokenNotFound',
    );
  });

  it('a pending token without a verify uuid is checked with the token alone', async () => {
    const pending = db.addToken(demo, {
      number: '4000000000003220',
      state: 'pending',
      verify_uuid: null,
      verify_url: null,
    });
    expect((await check({ token: pending.token })).body.data?.payment_token).toMatchObject({
      token: pending.token,
      state: 'pending',
    });
    db.updateToken(demo, pending.token, { state: 'success' });
    expect((await check({ token: pending.token })).body.data?.payment_token.state).toBe('success');
    expectError(await check({ token: pending.token, verify_uuid: 'x' }), 'tokenNotFound');
  });

  it.each([
    ['an unknown token', { token: 'nope', verify_uuid: 'x' }, 'tokenNotFound'],
    ['a wrong verify uuid', { token: DEMO_TOKENS.pending, verify_uuid: 'x' }, 'tokenNotFound'],
    ['no token', { verify_uuid: 'x' }, 'invalidParameter'],
    ['no verify uuid', { token: DEMO_TOKENS.pending }, 'invalidParameter'],
    ['a token that is not a string', { token: 1, verify_uuid: 'x' }, 'invalidParameter'],
    ['no payment_token', undefined, 'invalidParameter'],
  ] as const)('%s → %s', async (_label, input, error) => {
    const before = db.snapshot();
    expectError(await check(input), error);
    expect(db.snapshot()).toEqual(before);
  });

  it('an unknown customer → 404', async () => {
    expectError(
      await check({ token: DEMO_TOKENS.pending, verify_uuid: 'x' }, 'nope'),
      'customerNotFound',
    );
  });

  it("another customer's token is not found", async () => {
    const other = db.upsertCustomer({ reference_number: 'other', name: 'O', phone: '1' });
    const pending = db.getToken(demo, DEMO_TOKENS.pending);
    expectError(
      await check({ token: DEMO_TOKENS.pending, verify_uuid: pending?.verify_uuid }, other.uuid),
      'tokenNotFound',
    );
  });

  it('the decision route refuses a bad decision or an unknown verify uuid', async () => {
    const created = await createPending(APPROVE);
    expect((await decide(created.verify_uuid ?? '', 'maybe')).status).toBe(400);
    expect((await decide('nope', 'approve')).status).toBe(404);
    expect(db.getToken(demo, created.token)?.state).toBe('pending');
  });
});

describe('the challenge mailbox (what the static challenge page writes)', () => {
  it('a decision left in localStorage is applied on the next check, once', async () => {
    const created = await createPending(APPROVE);
    const key = `${CHALLENGE_MAILBOX_PREFIX}${created.verify_uuid}`;
    localStorage.setItem(key, 'approve');
    const { body } = await check({ token: created.token, verify_uuid: created.verify_uuid });
    expect(body.data?.payment_token.state).toBe('success');
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('a decline left in localStorage fails the token', async () => {
    const created = await createPending(APPROVE);
    localStorage.setItem(`${CHALLENGE_MAILBOX_PREFIX}${created.verify_uuid}`, 'decline');
    const { body } = await check({ token: created.token, verify_uuid: created.verify_uuid });
    expect(body.data?.payment_token.state).toBe('failed');
  });

  it('a stale decision for a verify uuid is forgotten when a new token gets that uuid', async () => {
    // The demo seed used verify uuid …001, so the next pending token gets …002.
    const next = '00000000-0000-4000-9000-000000000002';
    localStorage.setItem(`${CHALLENGE_MAILBOX_PREFIX}${next}`, 'approve');
    const created = await createPending(APPROVE);
    expect(created.verify_uuid).toBe(next);
    const { body } = await check({ token: created.token, verify_uuid: next });
    expect(body.data?.payment_token.state).toBe('pending');
  });

  it('garbage in the mailbox is removed and ignored', async () => {
    const created = await createPending(APPROVE);
    const key = `${CHALLENGE_MAILBOX_PREFIX}${created.verify_uuid}`;
    localStorage.setItem(key, 'yes please');
    const { body } = await check({ token: created.token, verify_uuid: created.verify_uuid });
    expect(body.data?.payment_token.state).toBe('pending');
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('challengeMailbox: null turns it off', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, challengeMailbox: null }));
    const created = await createPending(APPROVE);
    localStorage.setItem(`${CHALLENGE_MAILBOX_PREFIX}${created.verify_uuid}`, 'approve');
    const { body } = await check({ token: created.token, verify_uuid: created.verify_uuid });
    expect(body.data?.payment_token.state).toBe('pending');
  });
});

describe('verify and return URLs', () => {
  it('challengeUrl gets the verify uuid, the base url and the return urls of the body', async () => {
    const seen: MockChallenge[] = [];
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        challengeUrl: (challenge) => {
          seen.push(challenge);
          return `https://acs.example/c/${challenge.verifyUuid}`;
        },
      }),
    );
    const { body } = await create(
      cardBody(APPROVE, {
        '3ds': {
          success_return_url: 'https://shop.example/3ds?ok=1',
          fail_return_url: 'https://shop.example/3ds?ok=0',
        },
      }),
    );
    const token = body.data?.payment_token;
    expect(token?.verify_url).toBe(`https://acs.example/c/${token?.verify_uuid}`);
    expect(seen).toEqual([
      {
        verifyUuid: token?.verify_uuid,
        baseUrl: TEST_BASE_URL,
        successReturnUrl: 'https://shop.example/3ds?ok=1',
        failReturnUrl: 'https://shop.example/3ds?ok=0',
      },
    ]);
  });

  it('without 3ds in the body, Node gets .invalid return urls', async () => {
    const seen: MockChallenge[] = [];
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        challengeUrl: (challenge) => {
          seen.push(challenge);
          return 'https://acs.example/c';
        },
      }),
    );
    await create(cardBody(APPROVE));
    expect(seen[0]).toMatchObject({
      successReturnUrl: 'https://merchant.savedcards-mock.invalid/3ds/return?ok=1',
      failReturnUrl: 'https://merchant.savedcards-mock.invalid/3ds/return?ok=0',
    });
  });

  it('in a browser, the default is the static challenge page on this origin', async () => {
    vi.stubGlobal('navigator', { ...navigator, serviceWorker: {} });
    try {
      const token = await createPending(APPROVE);
      const url = new URL(token.verify_url ?? '');
      expect(`${url.origin}${url.pathname}`).toBe('http://localhost:3000/mock-3ds/challenge.html');
      expect(url.searchParams.get('verify_uuid')).toBe(token.verify_uuid);
      expect(url.searchParams.get('base')).toBe(TEST_BASE_URL);
      const success = new URL(url.searchParams.get('success_url') ?? '');
      const fail = new URL(url.searchParams.get('fail_url') ?? '');
      expect(`${success.origin}${success.pathname}`).toBe(
        'http://localhost:3000/mock-3ds/return.html',
      );
      expect(success.searchParams.get('ok')).toBe('1');
      expect(fail.searchParams.get('ok')).toBe('0');
      expect(success.searchParams.get('next')).toBe(location.href.split('#')[0]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('scenarios apply to create and check', () => {
  function use(scenario: GatewayScenario) {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario }));
  }

  it('envelope B: create and check answer the old shape', async () => {
    use({ envelope: 'B' });
    const created = await callJson<EnvelopeB<TokenData>>(
      'POST',
      tokensPath(demo),
      cardBody(APPROVE),
    );
    expect(created.body).toMatchObject({ code: 0, message: 'success' });
    const token = created.body.data?.payment_token;
    expect(token).not.toHaveProperty('default');
    expect(token?.credit_card).toMatchObject({ exp_year: YEAR.slice(-2), brand: 'VISA' });
    const checked = await callJson<EnvelopeB<TokenData>>('POST', `${tokensPath(demo)}/check`, {
      payment_token: { token: token?.token, verify_uuid: token?.verify_uuid },
    });
    expect(checked.body.data?.payment_token.state).toBe('pending');
    const declined = await callJson<EnvelopeB<unknown>>(
      'POST',
      tokensPath(demo),
      cardBody(cardOf('decline-at-create')),
    );
    expect(declined.body).toEqual({ code: 'E300051', message: 'Card declined by the issuer.' });
  });

  it('a failure scenario on createToken fails even a good card, storing nothing', async () => {
    use({ failure: { kind: 'server-error', operations: ['createToken'] } });
    const before = db.snapshot();
    expectError(await create(cardBody('4242424242424242')), 'internalError');
    expect(db.snapshot()).toEqual(before);
  });

  it('a failure scenario on checkToken leaves the decision unapplied', async () => {
    const created = await createPending(APPROVE);
    localStorage.setItem(`${CHALLENGE_MAILBOX_PREFIX}${created.verify_uuid}`, 'approve');
    use({ failure: { kind: 'network-error', operations: ['checkToken'] } });
    await expect(
      call('POST', `${tokensPath(demo)}/check`, {
        payment_token: { token: created.token, verify_uuid: created.verify_uuid },
      }),
    ).rejects.toThrow(TypeError);
    expect(db.getToken(demo, created.token)?.state).toBe('pending');
  });

  it('latency applies to create', async () => {
    use({ latencyMs: 30 });
    const started = Date.now();
    expect((await create(cardBody('4242424242424242'))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe('operations, called directly', () => {
  it('the slow card asks for a delay; the network card for no response', () => {
    const ownDb = createGatewayDb();
    const challenge = createChallengeContext({ baseUrl: TEST_BASE_URL, challengeMailbox: null });
    const run = (number: string) =>
      operations.createToken({
        db: ownDb,
        params: { uuid: demo },
        url: new URL(TEST_BASE_URL),
        body: cardBody(number),
        challenge,
      });
    expect(run(cardOf('slow'))).toMatchObject({ ok: true, delayMs: SLOW_CREATE_MS });
    expect(run(cardOf('network-error'))).toEqual({ ok: false, networkError: true });
  });
});
