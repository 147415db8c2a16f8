import { describe, expect, it } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server.js';
import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  GATEWAY_ERROR_CODES,
  GATEWAY_OPERATIONS,
  gatewayScenarios,
} from './index.js';
import type {
  GatewayFailureKind,
  GatewayOperation,
  GatewayScenario,
  GatewayScenarioName,
} from './index.js';
import { call, callJson, customerPath, tokensPath } from './testClient.js';
import type { EnvelopeA, TokensData } from './testClient.js';

const demo = DEMO_CUSTOMER.uuid;

/** A request per operation; the writes would change state if they went through. */
const requests: Record<GatewayOperation, (signal?: AbortSignal) => Promise<Response>> = {
  upsertCustomer: () =>
    call('POST', '/customers', {
      customer: {
        name: 'Changed Name',
        phone: DEMO_CUSTOMER.phone,
        reference_number: DEMO_CUSTOMER.referenceNumber,
        default_payment_token: DEMO_TOKENS.mastercard,
      },
    }),
  getCustomer: () => call('GET', customerPath(demo)),
  listTokens: () => call('GET', tokensPath(demo)),
  createToken: () =>
    call('POST', tokensPath(demo), {
      card: { number: '4242424242424242', exp_month: '04', exp_year: '2030', holder_name: 'T' },
    }),
  checkToken: () =>
    call('POST', `${tokensPath(demo)}/check`, { payment_token: { token: DEMO_TOKENS.pending } }),
  deleteToken: () => call('DELETE', tokensPath(demo), { token: DEMO_TOKENS.visa }),
};

function use(scenario: GatewayScenarioName | GatewayScenario) {
  server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario }));
}

/** Asserts that `send()` failed the way `kind` says. */
async function expectFailure(kind: GatewayFailureKind, send: () => Promise<Response>) {
  if (kind === 'network-error') {
    await expect(send()).rejects.toThrow(TypeError);
    return;
  }
  const response = await send();
  switch (kind) {
    case 'server-error':
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        error_code: GATEWAY_ERROR_CODES.internalError.code,
        error_message: GATEWAY_ERROR_CODES.internalError.message,
        data: null,
      });
      break;
    case 'unauthorized':
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error_code: GATEWAY_ERROR_CODES.invalidCredential.code,
        data: null,
      });
      break;
    case 'malformed-json':
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      await expect(response.json()).rejects.toThrow(SyntaxError);
      break;
    case 'wrong-envelope': {
      expect(response.status).toBe(200);
      const body: unknown = await response.json();
      expect(body).not.toHaveProperty('error_code');
      expect(body).not.toHaveProperty('code');
      expect(body).not.toHaveProperty('data');
      break;
    }
  }
}

const KINDS: GatewayFailureKind[] = [
  'server-error',
  'network-error',
  'malformed-json',
  'unauthorized',
  'wrong-envelope',
];

describe('failures', () => {
  describe.each(KINDS)('%s', (kind) => {
    it.each(GATEWAY_OPERATIONS)('fails %s only, leaving state unchanged', async (operation) => {
      const before = db.snapshot();
      use({ failure: { kind, operations: [operation] } });
      await expectFailure(kind, requests[operation]);
      expect(db.snapshot()).toEqual(before);

      // Another operation still answers normally.
      const other = operation === 'getCustomer' ? 'listTokens' : 'getCustomer';
      const response = await requests[other]();
      expect(response.status).toBe(200);
      expect(((await response.json()) as EnvelopeA<unknown>).error_code).toBe('');
    });
  });

  it('applies to every operation when none are listed', async () => {
    use({ failure: { kind: 'unauthorized' } });
    for (const operation of GATEWAY_OPERATIONS) {
      await expectFailure('unauthorized', requests[operation]);
    }
  });

  it.each([
    ['server-error', 'server-error'],
    ['network-error', 'network-error'],
    ['malformed-json', 'malformed-json'],
  ] as const)("preset '%s' fails reads and writes", async (name, kind) => {
    const before = db.snapshot();
    use(name);
    await expectFailure(kind, requests.getCustomer);
    await expectFailure(kind, requests.listTokens);
    await expectFailure(kind, requests.deleteToken);
    await expectFailure(kind, requests.upsertCustomer);
    expect(db.snapshot()).toEqual(before);
  });

  it('uses envelope B for errors in envelope B', async () => {
    use({ envelope: 'B', failure: { kind: 'server-error', operations: ['deleteToken'] } });
    const response = await requests.deleteToken();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      code: GATEWAY_ERROR_CODES.internalError.code,
      message: GATEWAY_ERROR_CODES.internalError.message,
    });
  });

  it('stops failing after resetHandlers', async () => {
    use('server-error');
    await expectFailure('server-error', requests.listTokens);
    server.resetHandlers();
    expect((await requests.listTokens()).status).toBe(200);
  });
});

describe('latency', () => {
  it('still answers after a delay', async () => {
    use({ latencyMs: 10 });
    const { status, body } = await callJson<EnvelopeA<TokensData>>('GET', tokensPath(demo));
    expect(status).toBe(200);
    expect(body.data.payment_tokens).toHaveLength(6);
    const deleted = await requests.deleteToken();
    expect(deleted.status).toBe(200);
    expect(db.listTokens(demo)).toHaveLength(5);
  });

  it('delays failures too', async () => {
    use({ latencyMs: 10, failure: { kind: 'server-error' } });
    await expectFailure('server-error', requests.getCustomer);
  });

  it("'timeout' never answers: the request only ends when aborted, and nothing changes", async () => {
    use('timeout');
    const before = db.snapshot();
    const controller = new AbortController();
    const pending = fetch(`${TEST_BASE_URL}/svc/payment/api/v1/openapi${tokensPath(demo)}`, {
      method: 'DELETE',
      body: JSON.stringify({ token: DEMO_TOKENS.visa }),
      headers: { 'Content-Type': 'application/json' },
      signal: controller.signal,
    });
    const outcome = Promise.race([
      pending.then(() => 'answered'),
      new Promise((resolve) => setTimeout(resolve, 100, 'still waiting')),
    ]);
    expect(await outcome).toBe('still waiting');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(db.snapshot()).toEqual(before);
  });

  it("presets 'slow' and 'timeout' set the documented latency", () => {
    expect(gatewayScenarios.slow).toEqual({ latencyMs: 1500 });
    expect(gatewayScenarios.timeout).toEqual({ latencyMs: 'infinite' });
  });
});

describe("'empty'", () => {
  it('re-seeds the given db empty when the handlers are created; db.reset() restores the demo', async () => {
    use('empty');
    const tokens = await callJson<EnvelopeA<TokensData>>('GET', tokensPath(demo));
    expect(tokens.body.data.payment_tokens).toEqual([]);
    const customer = await callJson<EnvelopeA<{ customer: { default_payment_token: unknown } }>>(
      'GET',
      customerPath(demo),
    );
    expect(customer.body.data.customer.default_payment_token).toBeNull();
    db.reset();
    expect(db.listTokens(demo)).toHaveLength(6);
  });

  it('serves a fresh empty db of its own when no db is given', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, scenario: 'empty' }));
    const { body } = await callJson<EnvelopeA<TokensData>>('GET', tokensPath(demo));
    expect(body.data.payment_tokens).toEqual([]);
    expect(db.listTokens(demo)).toHaveLength(6);
  });
});

describe('scenario names', () => {
  it('every preset creates handlers', () => {
    for (const name of Object.keys(gatewayScenarios) as GatewayScenarioName[]) {
      // Six gateway routes, two payment routes (issue 16), the kit's pay and status routes and the
      // simulated challenge's decision route (one for payments, one for tokens), and the kit's
      // secure-data config route (issue 17).
      expect(createGatewayHandlers({ baseUrl: TEST_BASE_URL, scenario: name })).toHaveLength(13);
    }
  });

  it('an unknown name throws', () => {
    expect(() =>
      createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        scenario: 'nope' as GatewayScenarioName,
      }),
    ).toThrow(/unknown scenario "nope"/);
  });
});
