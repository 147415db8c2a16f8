// @vitest-environment node
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_USAGE, checkCredentials, runCheckCredentialsCli } from './checkCredentials.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_FILE } from './testdata/keys.js';
import { mockUpstream, SANDBOX } from './testUpstream.js';

const dir = mkdtempSync(path.join(tmpdir(), 'savedcards-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const otherKeyFile = path.join(dir, 'other.pem');
writeFileSync(
  otherKeyFile,
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey,
);

async function run(argv: string[], env: Record<string, string> = {}, fetchImpl?: typeof fetch) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheckCredentialsCli(argv, env, {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('savedcards-check-credentials', () => {
  it('prints OK and exits 0 when the mock gateway accepts the signature', async () => {
    const { checks } = mockUpstream();
    const result = await run(['--app-id', TEST_APP_ID, '--key', TEST_ONLY_PRIVATE_KEY_FILE]);
    expect(result).toEqual({
      code: 0,
      out: expect.stringMatching(
        new RegExp(
          `^OK: Wonder Gateway at ${SANDBOX} accepted the signature of AppID ${TEST_APP_ID} \\(echo "Hello,Wonder!", \\d+ ms\\)\\.$`,
        ),
      ),
      err: '',
    });
    expect(checks).toEqual([
      { ok: true, method: 'POST', uri: '/svc/payment/api/v1/echo', appId: TEST_APP_ID },
    ]);
  });

  it('reads WONDER_APP_ID and WONDER_PRIVATE_KEY_FILE', async () => {
    mockUpstream();
    const result = await run([], {
      WONDER_APP_ID: TEST_APP_ID,
      WONDER_PRIVATE_KEY_FILE: TEST_ONLY_PRIVATE_KEY_FILE,
    });
    expect(result.code).toBe(0);
  });

  it('fails with exit 1 and a clear message when the key is not the uploaded one', async () => {
    const { checks } = mockUpstream();
    const result = await run(['--app-id', TEST_APP_ID, '--key', otherKeyFile]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^FAILED: echo: Wonder Gateway answered HTTP 401 E000002/);
    expect(result.err).toMatch(/check that the AppID belongs to the public key/);
    expect(result.err).not.toMatch(/BEGIN|PRIVATE/);
    expect(checks).toMatchObject([{ ok: false, reason: 'bad-signature' }]);
  });

  it('fails when the AppID is not the one the mock knows', async () => {
    mockUpstream();
    const result = await run(['--app-id', 'someone-else', '--key', TEST_ONLY_PRIVATE_KEY_FILE]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/HTTP 401 E000002: Unknown AppID/);
  });

  it('fails with exit 1 when the gateway cannot be reached', async () => {
    const result = await run(
      [
        '--app-id',
        TEST_APP_ID,
        '--key',
        TEST_ONLY_PRIVATE_KEY_FILE,
        '--base-url',
        'https://x.test',
      ],
      {},
      async () => {
        throw new TypeError('fetch failed');
      },
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^FAILED: echo: could not reach Wonder Gateway at https:\/\/x\.test\./,
    );
  });

  it.each([
    [[], /Missing --app-id \(or WONDER_APP_ID\) and --key \(or WONDER_PRIVATE_KEY_FILE\)/],
    [['--app-id', 'x'], /Missing --key/],
    [
      ['--app-id', 'x', '--key', '/nonexistent.pem'],
      /could not read the privateKey file "\/nonexistent.pem" \(ENOENT\)/,
    ],
    [
      ['--app-id', 'x', '--key', TEST_ONLY_PRIVATE_KEY_FILE, '--environment', 'staging'],
      /'sandbox' or 'production'/,
    ],
    [
      ['--app-id', 'x', '--key', 'k', '--environment', 'sandbox', '--base-url', 'https://x'],
      /either --environment or --base-url/,
    ],
    [['--app-id', 'x', '--key', 'k', '--timeout', 'soon'], /--timeout must be a positive number/],
    [['--nope'], /Unknown option '--nope'/],
  ])('exits 1 for %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });

  it('prints the usage for --help', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: CLI_USAGE, err: '' });
  });

  it('checkCredentials targets production by environment', async () => {
    const seen: string[] = [];
    const result = await checkCredentials({
      appId: TEST_APP_ID,
      privateKey: { file: TEST_ONLY_PRIVATE_KEY_FILE },
      environment: 'production',
      fetch: async (input) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return Response.json({ code: 200, message: 'success', data: { message: 'Hello,Wonder!' } });
      },
    });
    expect(result.ok).toBe(true);
    expect(seen).toEqual(['https://gateway.wonder.today/svc/payment/api/v1/echo']);
  });
});
