// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WireProfile } from '@savedcards/wire';
import { DEFAULT_WIRE_PROFILE } from '@savedcards/wire';
import { MOCK_SECURE_DATA_KEY } from '../../msw/src/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_USAGE, runConformanceCli } from './conformance.js';
import { loadWireProfile } from './loadWireProfile.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_FILE } from './testdata/keys.js';
import { browserRequest, DEMO_UUID, mockUpstream, SANDBOX, testProxy } from './testUpstream.js';

const dir = mkdtempSync(path.join(tmpdir(), 'savedcards-conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAN = '4242424242424242';
const CVV = '737';
const KEY_ARGS = ['--app-id', TEST_APP_ID, '--key', TEST_ONLY_PRIVATE_KEY_FILE];
/** The mock gateway's TEST public key as a PEM file: the mock can open what is sealed for it. */
const MOCK_KEY_FILE = path.join(dir, 'mock-secure-data.pem');
writeFileSync(
  MOCK_KEY_FILE,
  `-----BEGIN PUBLIC KEY-----\n${MOCK_SECURE_DATA_KEY.spki.replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`,
);
const SEAL_FOR_MOCK = ['--secure-data-key', MOCK_KEY_FILE];
const CARD_ENV = { WONDER_TEST_CARD_NUMBER: PAN, WONDER_TEST_CARD_CVV: CVV };
/** A full token id of the mock (`00000000-0000-4000-a000-…`): never printed. */
const FULL_TOKEN = /[0-9a-f]{8}-[0-9a-f]{4}-4000-a000-[0-9a-f]{12}/;

async function run(
  argv: string[],
  env: Record<string, string> = CARD_ENV,
  stdin = '',
  fetchImpl?: typeof fetch,
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runConformanceCli(argv, env, {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    readStdin: async () => stdin,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const switches = (profile: WireProfile) => ({
  version: profile.version,
  bodylessSignature: profile.bodylessSignature,
  expYearDigits: profile.expYearDigits,
  tokenTypeFilter: profile.tokenTypeFilter,
  deleteToken: profile.deleteToken,
  defaultPaymentMethod: profile.defaultPaymentMethod,
});

const MODES: [string, WireProfile][] = [
  ['the default profile', DEFAULT_WIRE_PROFILE],
  [
    'every alternative',
    {
      version: 1,
      bodylessSignature: 'empty-array',
      expYearDigits: 2,
      tokenTypeFilter: 'query',
      deleteToken: 'query',
      defaultPaymentMethod: 'Credit Card',
      observed: { envelope: 'B' },
    },
  ],
  [
    'a mix',
    {
      ...DEFAULT_WIRE_PROFILE,
      expYearDigits: 2,
      tokenTypeFilter: 'query',
      defaultPaymentMethod: 'credit_card',
    },
  ],
];

describe('savedcards-conformance against the mock in each mode', () => {
  it.each(MODES)('detects %s, cleans up and redacts', async (_name, mode) => {
    const { db } = mockUpstream(undefined, { wireProfile: mode });
    const out = path.join(dir, `${_name.replace(/\W+/g, '-')}.json`);
    const result = await run([...KEY_ARGS, ...SEAL_FOR_MOCK, '--out', out]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);

    const written = await loadWireProfile(out);
    expect(switches(written)).toEqual(switches(mode));
    expect(written.observed?.envelope).toBe(mode.observed?.envelope ?? 'A');
    expect(written.observed?.tokenStates).toEqual(['success']);
    expect(written.environment).toBe('sandbox');
    expect(written.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The sealed create went through (the mock opens its own test key) with the detected year digits.
    expect(written.observed?.secureData).toBe('accepted');
    expect(result.out).toMatch(
      /^ {2}secureData +accepted +sealed for the given key \(6SHjjp\+A…\): HTTP 200, state success$/m,
    );

    // One report line per point, with its evidence.
    for (const point of ['bodylessSignature', 'expYearDigits', 'tokenTypeFilter', 'deleteToken']) {
      expect(result.out).toMatch(new RegExp(`^  ${point} +\\S+ +.+HTTP`, 'm'));
    }
    expect(result.out).toMatch(/^ {2}defaultPaymentMethod +\S/m);
    expect(result.out).toMatch(/^ {2}tokenStates +known +seen: success$/m);

    // Self-cleaning: the throwaway customer exists and has no cards left.
    const throwaway = db
      .listCustomers()
      .filter((customer) => customer.reference_number.startsWith('savedcards-conformance-'));
    expect(throwaway).toHaveLength(1);
    expect(db.listTokens(throwaway[0]?.uuid ?? '')).toEqual([]);
    expect(result.out).toMatch(/cleanup: 0 card\(s\) deleted at the end; .* with no cards/);

    // Nothing secret in the output.
    const all = `${result.out}\n${result.err}\n${readFileSync(out, 'utf8')}`;
    expect(all).not.toContain(PAN);
    expect(all).not.toContain(PAN.slice(0, 8));
    expect(all).not.toMatch(/BEGIN|PRIVATE KEY/);
    expect(all).not.toMatch(FULL_TOKEN);
  });

  it.each(MODES.slice(1))(
    'the detected profile makes the proxy work against %s, and the default profile fails',
    async (_name, mode) => {
      const { db } = mockUpstream(undefined, { wireProfile: mode });
      const out = path.join(dir, 'proxy.json');
      expect((await run([...KEY_ARGS, '--out', out])).code).toBe(0);
      const wireProfile = await loadWireProfile(out);
      const { proxy } = testProxy({ wireProfile });
      const tokens = `/customers/${DEMO_UUID}/payment_tokens`;
      const year = String(new Date().getFullYear() + 2);

      expect((await proxy(browserRequest('GET', tokens))).status).toBe(200);
      const created = await proxy(
        browserRequest('POST', tokens, {
          body: { card: { number: PAN, exp_month: '05', exp_year: year, holder_name: 'T M Chan' } },
        }),
      );
      expect(created.status).toBe(200);
      const token = ((await created.json()) as { data: { payment_token: { token: string } } }).data
        .payment_token.token;
      const setDefault = await proxy(
        browserRequest('POST', '/customers', {
          body: {
            customer: {
              name: 'Chan Tai Man',
              phone: '12345678',
              default_payment_method: 'credit_card',
              default_payment_token: token,
            },
          },
        }),
      );
      expect(setDefault.status).toBe(200);
      expect(db.getCustomer(DEMO_UUID)?.default_payment_token?.token).toBe(token);
      const deleted = await proxy(browserRequest('DELETE', tokens, { body: { token } }));
      expect(deleted.status).toBe(200);
      expect(db.getToken(DEMO_UUID, token)).toBeUndefined();

      // The same requests through a proxy without the profile: refused somewhere.
      const plain = testProxy().proxy;
      const statuses = [
        (await plain(browserRequest('GET', tokens))).status,
        (
          await plain(
            browserRequest('POST', tokens, {
              body: {
                card: { number: PAN, exp_month: '05', exp_year: year, holder_name: 'T M Chan' },
              },
            }),
          )
        ).status,
      ];
      expect(statuses.some((status) => status !== 200)).toBe(true);
    },
  );

  it("records secure_data as refused when the gateway cannot open it (sealed for Wonder's sandbox key)", async () => {
    const { db } = mockUpstream();
    const out = path.join(dir, 'refused.json');
    const result = await run([...KEY_ARGS, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^ {2}secureData +refused +sealed for Wonder's sandbox key \(UJfxs5BR…\): HTTP 400 E000001 secure_data\.pub_key_hash is not the configured key/m,
    );
    const profile = await loadWireProfile(out);
    expect(profile.observed?.secureData).toBe('refused');
    // A proxy that loads this profile refuses to turn secure data on.
    expect(() =>
      testProxy({ wireProfile: profile, secureData: { environment: 'sandbox' } }),
    ).toThrow(/records that Wonder refused a `secure_data` create/);
    const throwaway = db
      .listCustomers()
      .find((customer) => customer.reference_number.startsWith('savedcards-conformance-'));
    expect(db.listTokens(throwaway?.uuid ?? '')).toEqual([]);
  });

  it.each([
    [['--skip-secure-data'], /skipped by --skip-secure-data/],
    [['--base-url', SANDBOX], /a custom gateway has no known key/],
  ])('does not probe secure_data with %j', async (extra, evidence) => {
    mockUpstream();
    const out = path.join(dir, 'not-probed.json');
    const result = await run([...KEY_ARGS, ...extra, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ {2}secureData +not probed +/m);
    expect(result.out).toMatch(evidence);
    expect((await loadWireProfile(out)).observed?.secureData).toBeUndefined();
  });

  it('leaves secure_data out of the profile when the probe gets no answer', async () => {
    mockUpstream();
    const lost: typeof fetch = async (input, init) => {
      if (typeof init?.body === 'string' && init.body.includes('secure_data')) {
        throw new TypeError('fetch failed');
      }
      return globalThis.fetch(input, init);
    };
    const out = path.join(dir, 'unsettled.json');
    const result = await run([...KEY_ARGS, ...SEAL_FOR_MOCK, '--out', out], CARD_ENV, '', lost);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^ {2}secureData +not settled +sealed for the given key .*: network/m,
    );
    expect((await loadWireProfile(out)).observed?.secureData).toBeUndefined();
  });

  it('picks the local filter for a gateway that ignores token_type', async () => {
    mockUpstream();
    // The card's list, answered for every token_type (the mock would filter Alipay out).
    let cardsAnswer = '';
    const ignoring: typeof fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const type = new URL(String(input)).searchParams.get('token_type');
      if (type === 'CreditCard') cardsAnswer = await response.clone().text();
      return type === 'Alipay' && response.ok
        ? new Response(cardsAnswer, { headers: response.headers })
        : response;
    };
    const result = await run(KEY_ARGS, CARD_ENV, '', ignoring);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^ {2}tokenTypeFilter +local +without the query: HTTP 200, 1 token\(s\); \?token_type=CreditCard: HTTP 200, 1 token\(s\); \?token_type=Alipay: HTTP 200, 1 token\(s\)$/m,
    );
  });

  it('redacts a CVV only where it stands alone, so "HTTP 200" survives a CVV of 200', async () => {
    mockUpstream();
    const result = await run(KEY_ARGS, {
      WONDER_TEST_CARD_NUMBER: PAN,
      WONDER_TEST_CARD_CVV: '200',
    });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/expYearDigits +4 +4 digits: HTTP 200$/m);
    expect(result.out).not.toMatch(/(?<!\d)200(?!\d)(?<!HTTP 200)/);
  });

  it('names token states the kit does not know', async () => {
    mockUpstream();
    // A gateway that spells the state differently: every answer's "success" becomes "verified".
    const renamed: typeof fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const text = (await response.text()).replaceAll('"state":"success"', '"state":"verified"');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const result = await run(KEY_ARGS, CARD_ENV, '', renamed);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^ {2}tokenStates +not all known +"verified" would show as "unknown" \(the kit knows success, pending, failed\)$/m,
    );
    expect(result.out).toMatch(/"tokenStates": \[\s*"verified"\s*\]/);
  });

  it('reads the card number from stdin and still never prints it', async () => {
    mockUpstream();
    const result = await run([...KEY_ARGS, '--card-number-stdin'], {}, `${PAN}\n`);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/"version": 1/);
    expect(result.out).not.toContain(PAN);
  });

  it('fails with exit 1, still cleans up, when a step fails', async () => {
    const { db } = mockUpstream(undefined, {
      wireProfile: { ...DEFAULT_WIRE_PROFILE, defaultPaymentMethod: 'credit_card' },
    });
    // A declined card: the create fails both ways.
    const result = await run([...KEY_ARGS, '--out', path.join(dir, 'never.json')], {
      WONDER_TEST_CARD_NUMBER: '4000000000000002',
    });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^FAILED: create token: 4 digits: HTTP 4\d\d .*not written/);
    expect(result.out).toMatch(/cleanup: 0 card\(s\) deleted/);
    expect(() => readFileSync(path.join(dir, 'never.json'))).toThrow();
    expect(`${result.out}${result.err}`).not.toContain('4000000000000002');
    const throwaway = db
      .listCustomers()
      .find((customer) => customer.reference_number.startsWith('savedcards-conformance-'));
    expect(db.listTokens(throwaway?.uuid ?? '')).toEqual([]);
  });

  it('deletes the card in the end when the delete step itself fails', async () => {
    const { db } = mockUpstream();
    let deletes = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (init?.method === 'DELETE' && ++deletes <= 2) {
        return Response.json(
          { error_code: 'E500', error_message: 'down', data: null },
          { status: 500 },
        );
      }
      return globalThis.fetch(input, init);
    };
    const result = await run(KEY_ARGS, CARD_ENV, '', flaky);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^FAILED: delete token: JSON body: HTTP 500 E500 down; \?token=: HTTP 500/,
    );
    expect(result.out).toMatch(/cleanup: 1 card\(s\) deleted at the end; .* with no cards/);
    const throwaway = db
      .listCustomers()
      .find((customer) => customer.reference_number.startsWith('savedcards-conformance-'));
    expect(throwaway).toBeDefined();
    expect(db.listTokens(throwaway?.uuid ?? '')).toEqual([]);
  });

  it('refuses production unless both confirmations are given', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json({});
    };
    const argv = [...KEY_ARGS, '--environment', 'production'];
    for (const extra of [[], ['--yes-production'], ['--i-understand-this-is-production']]) {
      const result = await run([...argv, ...extra], CARD_ENV, '', recording);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^Refusing to run against production/);
    }
    expect(seen).toEqual([]);
    // Both given: it runs (here against a stub that answers nothing useful, so it fails at echo).
    const both = await run(
      [...argv, '--yes-production', '--i-understand-this-is-production'],
      CARD_ENV,
      '',
      recording,
    );
    expect(both.code).toBe(1);
    expect(seen).toEqual(['https://gateway.wonder.today/svc/payment/api/v1/echo']);
  });

  it.each([
    [[], CARD_ENV, /Missing --app-id \(or WONDER_APP_ID\) and --key/],
    [KEY_ARGS, {}, /Missing the test card number/],
    [KEY_ARGS, { WONDER_TEST_CARD_NUMBER: '4242-x' }, /must be 12 to 19 digits \(it is not shown/],
    [[...KEY_ARGS, '--card-exp', '13/2030'], CARD_ENV, /--card-exp must be MM\/YYYY/],
    [[...KEY_ARGS, '--environment', 'staging'], CARD_ENV, /'sandbox' or 'production'/],
    [[...KEY_ARGS, '--card-number', PAN], CARD_ENV, /Unknown option '--card-number'/],
    [
      [...KEY_ARGS, ...SEAL_FOR_MOCK, '--skip-secure-data'],
      CARD_ENV,
      /either --secure-data-key or --skip-secure-data/,
    ],
    [
      [...KEY_ARGS, '--secure-data-key', TEST_ONLY_PRIVATE_KEY_FILE.replace(/[^/]+$/, 'none.pem')],
      CARD_ENV,
      /none\.pem is not a readable PEM public key or certificate/,
    ],
  ])('exits 2 for %j', async (argv, env, message) => {
    const result = await run(argv, env);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).not.toContain(PAN);
  });

  it('prints the usage for --help', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: CONFORMANCE_USAGE, err: '' });
  });
});
