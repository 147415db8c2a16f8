// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WireProfile } from '@savedcards/wire';
import { DEFAULT_WIRE_PROFILE } from '@savedcards/wire';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../msw/src/index.js';
import { loadWireProfile } from './loadWireProfile.js';
import {
  browserRequest,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  SANDBOX,
  testProxy,
} from './testUpstream.js';

const tokens = `/customers/${DEMO_UUID}/payment_tokens`;
const year = String(new Date().getFullYear() + 3);
const profileOf = (patch: Partial<WireProfile>): WireProfile => ({
  ...DEFAULT_WIRE_PROFILE,
  ...patch,
});
const card = {
  card: {
    number: '4242424242424242',
    exp_month: '04',
    exp_year: year,
    holder_name: 'Tai Man Chan',
  },
};
const setDefault = (method?: string) => ({
  customer: {
    name: 'Chan Tai Man',
    phone: '12345678',
    ...(method === undefined ? {} : { default_payment_method: method }),
    default_payment_token: DEMO_TOKENS.visa,
  },
});

/** The proxy with a profile, against the mock serving the same profile strictly. */
function both(patch: Partial<WireProfile>) {
  const wireProfile = profileOf(patch);
  const upstream = mockUpstream(undefined, { wireProfile });
  return { ...upstream, ...testProxy({ wireProfile }) };
}

describe('the proxy speaks its wire profile upstream', () => {
  it("signs a bodyless GET over [] with bodylessSignature 'empty-array'", async () => {
    const { proxy, checks } = both({ bodylessSignature: 'empty-array' });
    expect((await proxy(browserRequest('GET', tokens))).status).toBe(200);
    expect(checks).toEqual([expect.objectContaining({ ok: true, method: 'GET' })]);
  });

  it('without the profile the same mock refuses the GET (the switch matters)', async () => {
    const { checks } = mockUpstream(undefined, {
      wireProfile: profileOf({ bodylessSignature: 'empty-array' }),
    });
    const { proxy } = testProxy();
    expect((await proxy(browserRequest('GET', tokens))).status).toBe(502);
    expect(checks).toEqual([expect.objectContaining({ ok: false, reason: 'bad-signature' })]);
  });

  it('rewrites a 4-digit exp_year to 2 digits with expYearDigits 2', async () => {
    const { proxy, sent } = both({ expYearDigits: 2 });
    const response = await proxy(browserRequest('POST', tokens, { body: card }));
    expect(response.status).toBe(200);
    const sentCard = JSON.parse(sent.at(-1)?.body ?? '{}').card;
    expect(sentCard.exp_year).toBe(year.slice(-2));
    expect(sentCard.exp_month).toBe('04');
  });

  it("drops token_type upstream and filters locally with tokenTypeFilter 'local'", async () => {
    const { proxy, sent } = both({ tokenTypeFilter: 'local' });
    const response = await proxy(browserRequest('GET', `${tokens}?token_type=Alipay`));
    expect(response.status).toBe(200);
    expect(sent.at(-1)?.url).toBe(`${SANDBOX}${OPENAPI}${tokens}`);
    expect(((await response.json()) as { data: unknown }).data).toEqual({ payment_tokens: [] });
    const cards = await proxy(browserRequest('GET', `${tokens}?token_type=CreditCard`));
    expect(sent.at(-1)?.url).toBe(`${SANDBOX}${OPENAPI}${tokens}`);
    const body = (await cards.json()) as { data: { payment_tokens: unknown[] } };
    expect(body.data.payment_tokens).toHaveLength(6);
    // Any casing of the type, as core reads it.
    const lower = await proxy(browserRequest('GET', `${tokens}?token_type=creditcard`));
    expect(((await lower.json()) as typeof body).data.payment_tokens).toHaveLength(6);
  });

  it("forwards token_type with tokenTypeFilter 'query'", async () => {
    const { proxy, sent } = both({ tokenTypeFilter: 'query' });
    expect((await proxy(browserRequest('GET', `${tokens}?token_type=CreditCard`))).status).toBe(
      200,
    );
    expect(sent.at(-1)?.url).toBe(`${SANDBOX}${OPENAPI}${tokens}?token_type=CreditCard`);
  });

  it("deletes with ?token= and no body with deleteToken 'query'", async () => {
    const { proxy, sent, db } = both({ deleteToken: 'query' });
    const response = await proxy(
      browserRequest('DELETE', tokens, { body: { token: DEMO_TOKENS.unionpay } }),
    );
    expect(response.status).toBe(200);
    expect(sent.at(-1)?.url).toBe(`${SANDBOX}${OPENAPI}${tokens}?token=${DEMO_TOKENS.unionpay}`);
    expect(sent.at(-1)?.body).toBe('');
    expect(db.getToken(DEMO_UUID, DEMO_TOKENS.unionpay)).toBeUndefined();
  });

  it.each([
    ['credit_card', 'Credit Card'],
    ['Credit Card', 'credit_card'],
    ['credit_card', undefined],
  ] as const)('sends default_payment_method %j for a browser value %j', async (method, given) => {
    const { proxy, sent } = both({ defaultPaymentMethod: method });
    const response = await proxy(browserRequest('POST', '/customers', { body: setDefault(given) }));
    expect(response.status).toBe(200);
    expect(JSON.parse(sent.at(-1)?.body ?? '{}').customer.default_payment_method).toBe(method);
  });

  it("leaves the browser's value with 'match-customer' and a non-card method alone", async () => {
    const { proxy, sent } = both({ defaultPaymentMethod: 'match-customer' });
    await proxy(browserRequest('POST', '/customers', { body: setDefault('Credit Card') }));
    expect(JSON.parse(sent.at(-1)?.body ?? '{}').customer.default_payment_method).toBe(
      'Credit Card',
    );
    const other = both({ defaultPaymentMethod: 'credit_card' });
    const body = {
      customer: { name: 'Chan Tai Man', phone: '1', default_payment_method: 'Alipay' },
    };
    await other.proxy(browserRequest('POST', '/customers', { body }));
    expect(JSON.parse(other.sent.at(-1)?.body ?? '{}').customer.default_payment_method).toBe(
      'Alipay',
    );
  });

  it('without a profile sends what it always sent', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    await proxy(browserRequest('POST', tokens, { body: card }));
    expect(JSON.parse(sent.at(-1)?.body ?? '{}').card.exp_year).toBe(year);
    await proxy(browserRequest('GET', `${tokens}?token_type=CreditCard`));
    expect(sent.at(-1)?.url).toBe(`${SANDBOX}${OPENAPI}${tokens}?token_type=CreditCard`);
  });

  it('refuses a bad profile at creation, naming the field', () => {
    expect(() =>
      testProxy({ wireProfile: { ...DEFAULT_WIRE_PROFILE, expYearDigits: 3 } as never }),
    ).toThrow(/`wireProfile`: wire profile: `expYearDigits` must be one of 4, 2, got 3/);
  });
});

describe('loadWireProfile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'savedcards-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };

  it('reads and checks a profile file', async () => {
    const at = file('good.json', JSON.stringify(profileOf({ expYearDigits: 2 })));
    expect(await loadWireProfile(at)).toEqual(profileOf({ expYearDigits: 2 }));
  });

  it('names the file and the problem', async () => {
    await expect(loadWireProfile(path.join(dir, 'none.json'))).rejects.toThrow(
      /could not read ".*none\.json" \(ENOENT\)/,
    );
    await expect(loadWireProfile(file('bad.json', '{'))).rejects.toThrow(/bad\.json" is not JSON/);
    await expect(
      loadWireProfile(file('odd.json', JSON.stringify({ ...DEFAULT_WIRE_PROFILE, x: 1 }))),
    ).rejects.toThrow(/odd\.json": wire profile: unknown field x/);
  });
});
