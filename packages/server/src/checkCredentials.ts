import { parseArgs } from 'node:util';
import type { WonderEnvironment } from '@savedcards/wire';
import { ECHO_PATH } from '@savedcards/wire';
import type { WonderConnectionOptions } from './client.js';
import { createWonderClient } from './client.js';
import { WonderRequestError } from './errors.js';

const CHECK_MESSAGE = 'Hello,Wonder!';

export interface CheckCredentialsResult {
  ok: boolean;
  /** One line for a person to read. Never contains key material. */
  message: string;
}

/**
 * Calls Wonder's signature self-test (`POST /svc/payment/api/v1/echo`, `{"message":"Hello,Wonder!"}`)
 * with this AppID and key. Resolves (never rejects) with whether Wonder accepted the signature.
 */
export async function checkCredentials(
  options: WonderConnectionOptions,
): Promise<CheckCredentialsResult> {
  let client: ReturnType<typeof createWonderClient>;
  try {
    client = createWonderClient(options);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const where = `${client.baseUrl}${ECHO_PATH}`;
  try {
    const started = performance.now();
    const echoed = await client.echo(CHECK_MESSAGE);
    const ms = Math.round(performance.now() - started);
    if (echoed !== CHECK_MESSAGE) {
      return {
        ok: false,
        message: `FAILED: ${where} accepted the signature but echoed ${JSON.stringify(echoed).slice(0, 80)} instead of "${CHECK_MESSAGE}".`,
      };
    }
    return {
      ok: true,
      message: `OK: Wonder Gateway at ${client.baseUrl} accepted the signature of AppID ${client.appId} (echo "${echoed}", ${ms} ms).`,
    };
  } catch (error) {
    if (error instanceof WonderRequestError) {
      return { ok: false, message: `FAILED: ${error.message} (X-Request-ID ${error.requestId})` };
    }
    return { ok: false, message: `FAILED: ${where}: ${(error as Error).name}.` };
  }
}

export const CLI_USAGE = `Usage: savedcards-check-credentials --app-id <AppID> --key <private-key.pem>
                                     [--environment sandbox|production | --base-url <URL>]

Signs Wonder's echo self-test (POST /svc/payment/api/v1/echo) with your AppID and private key and
prints OK or why it failed. Exit code 0 when Wonder accepted the signature, 1 otherwise.

  --app-id <AppID>        or WONDER_APP_ID
  --key <file>            or WONDER_PRIVATE_KEY_FILE: the PEM RSA private key whose public key
                          you uploaded to Wonder
  --environment <env>     sandbox (default) or production, or WONDER_ENVIRONMENT
  --base-url <URL>        any gateway URL instead (a mock), or WONDER_BASE_URL
  --timeout <ms>          default 15000
  -h, --help`;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  fetch?: typeof fetch;
}

/** The CLI without `process`: returns the exit code. */
export async function runCheckCredentialsCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  let values: {
    'app-id'?: string;
    key?: string;
    environment?: string;
    'base-url'?: string;
    timeout?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'app-id': { type: 'string' },
        key: { type: 'string' },
        environment: { type: 'string' },
        'base-url': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${CLI_USAGE}`);
    return 1;
  }
  if (values.help) {
    io.stdout(CLI_USAGE);
    return 0;
  }
  const appId = values['app-id'] ?? env.WONDER_APP_ID;
  const keyFile = values.key ?? env.WONDER_PRIVATE_KEY_FILE;
  const baseUrl = values['base-url'] ?? env.WONDER_BASE_URL;
  const environment = values.environment ?? env.WONDER_ENVIRONMENT;
  const missing = [
    appId ? undefined : '--app-id (or WONDER_APP_ID)',
    keyFile ? undefined : '--key (or WONDER_PRIVATE_KEY_FILE)',
  ].filter(Boolean);
  if (missing.length > 0) {
    io.stderr(`Missing ${missing.join(' and ')}.\n\n${CLI_USAGE}`);
    return 1;
  }
  if (baseUrl && environment) {
    io.stderr('Pass either --environment or --base-url, not both.');
    return 1;
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    io.stderr('--timeout must be a positive number of milliseconds.');
    return 1;
  }
  const result = await checkCredentials({
    appId: appId ?? '',
    privateKey: { file: keyFile ?? '' },
    ...(baseUrl ? { baseUrl } : { environment: (environment ?? 'sandbox') as WonderEnvironment }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  (result.ok ? io.stdout : io.stderr)(result.message);
  return result.ok ? 0 : 1;
}
