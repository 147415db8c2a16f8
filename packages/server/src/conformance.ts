import { createPublicKey, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type {
  BodylessSignature,
  DefaultPaymentMethodValue,
  DeleteTokenForm,
  SecureDataKey,
  WireProfile,
  WonderEnvironment,
} from '@savedcards/wire';
import {
  DEFAULT_WIRE_PROFILE,
  expYearWithDigits,
  gatewayPaths,
  INFERRED,
  isRecord,
  parseWireProfile,
  redactCardData,
  sealSecureData,
  TOKEN_STATES,
  WONDER_SECURE_DATA_KEYS,
} from '@savedcards/wire';
import type { WonderCallResult, WonderClient, WonderConnectionOptions } from './client.js';
import { createWonderClient } from './client.js';
import { WonderRequestError } from './errors.js';
import { spkiHash } from './steps/secureData.js';

/** The test card a conformance run adds (and deletes again). Never printed. */
interface ConformanceCard {
  number: string;
  /** `MM`. */
  expMonth: string;
  /** Four digits; the run tries two digits itself when four are refused. */
  expYear: string;
  holderName: string;
  cvv?: string;
}

interface ConformanceOptions extends Omit<WonderConnectionOptions, 'wireProfile'> {
  card: ConformanceCard;
  /** The throwaway customer's reference number. Default `savedcards-conformance-<random>`. */
  referenceNumber?: string;
  /**
   * The key a last create seals the card for as `{"secure_data": …}` (whether the signed route
   * accepts it). Default: Wonder's key for `environment`; none with `baseUrl`. `false` skips it.
   */
  secureDataKey?: SecureDataKey | false;
  /** 3-D Secure return URLs sent with the card (nobody visits them). */
  returnUrls?: { success: string; fail: string };
  /** Progress lines, as the run goes. Never contain key material, the card number or full tokens. */
  log?: (line: string) => void;
  now?: () => Date;
}

/** One open point: what the gateway answered, and why that value was chosen. */
interface ConformancePoint {
  point: string;
  value: string;
  evidence: string;
}

interface ConformanceResult {
  /** Every step ran and every point was settled (possibly as "not probed"). */
  ok: boolean;
  /** The profile to load into the proxy (written by `--out`); on failure the settled points and defaults elsewhere, never written. */
  profile: WireProfile;
  points: ConformancePoint[];
  /** What the cleanup did. */
  cleanup: string;
  /** Why the run failed, when it did. */
  error?: string;
  referenceNumber: string;
}

const DEFAULT_RETURN_URLS = {
  success: 'https://savedcards-conformance.invalid/3ds?ok=1',
  fail: 'https://savedcards-conformance.invalid/3ds?ok=0',
};

type Response200 = Extract<WonderCallResult, { kind: 'response' }>;

const accepted = (result: WonderCallResult): result is Response200 =>
  result.kind === 'response' && result.envelope.ok;

function dataOf(result: WonderCallResult): Record<string, unknown> {
  return accepted(result) && isRecord(result.envelope.data) ? result.envelope.data : {};
}

class ConformanceFailure extends Error {}

/** A token id as printed: its first 4 characters. */
const shortToken = (token: string) => `${token.slice(0, 4)}…`;

/**
 * Runs Wonder's customer and token routes once against a gateway, with a throwaway customer and
 * the given test card, probing each open wire point (issue 17) where that is safe, and returns
 * the profile the gateway answers to. Deletes every card of the throwaway customer at the end,
 * also on failure (Wonder has no route to delete the customer itself).
 */
async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const referenceNumber =
    options.referenceNumber ?? `savedcards-conformance-${randomBytes(6).toString('hex')}`;
  const returnUrls = options.returnUrls ?? DEFAULT_RETURN_URLS;
  const { card } = options;
  const points: ConformancePoint[] = [];
  const states = new Set<string>();
  let envelope: 'A' | 'B' | undefined;
  const profile: WireProfile = { ...DEFAULT_WIRE_PROFILE };
  /** The card number and every full token seen: never printed. */
  const secrets: string[] = [card.number];
  const scrub = (text: string) => {
    let out = redactCardData(text);
    for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  };
  /**
   * What the gateway wrote (its code and message) may echo the CVV too. Only there: our own
   * lines are full of short numbers (a CVV of 200 would turn every "HTTP 200" into "[redacted]").
   */
  const scrubGatewayText = (text: string) =>
    card.cvv ? scrub(text).split(card.cvv).join('[redacted]') : scrub(text);
  const point = (name: string, value: string, evidence: string) => {
    points.push({ point: name, value, evidence: scrub(evidence) });
    log(scrub(`${name}: ${value} (${evidence})`));
  };

  let client: WonderClient;
  try {
    client = createWonderClient({ ...options });
  } catch (error) {
    return {
      ok: false,
      profile,
      points,
      cleanup: 'nothing to clean up',
      error: scrub((error as Error).message),
      referenceNumber,
    };
  }

  /** One call, noting the envelope style and any token states in the answer. */
  async function send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    bodyless: BodylessSignature = profile.bodylessSignature,
  ): Promise<WonderCallResult> {
    const result = await client.call({
      method,
      path,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      bodylessSignature: bodyless,
    });
    if (result.kind === 'response' && isRecord(result.json) && result.envelope.ok) {
      envelope ??= 'error_code' in result.json ? 'A' : 'code' in result.json ? 'B' : undefined;
      const data = dataOf(result);
      const tokens = [
        ...(Array.isArray(data.payment_tokens) ? data.payment_tokens : []),
        data.payment_token,
      ];
      for (const token of tokens) {
        if (isRecord(token) && typeof token.state === 'string') states.add(token.state);
      }
    }
    if (result.kind === 'response' && isRecord(result.json)) {
      const token = dataOf(result).payment_token;
      if (isRecord(token) && typeof token.token === 'string') secrets.push(token.token);
    }
    return result;
  }

  /** How a call went, for the evidence: `HTTP 200`, `HTTP 400 E… message`, `timeout`. */
  function how(result: WonderCallResult): string {
    if (result.kind !== 'response') return result.kind;
    if (result.envelope.ok) return `HTTP ${result.status}`;
    const { code, message } = result.envelope;
    return `HTTP ${result.status}${scrubGatewayText(`${code ? ` ${code}` : ''}${message ? ` ${message}` : ''}`)}`;
  }

  function must(result: WonderCallResult, what: string): Response200 {
    if (!accepted(result)) throw new ConformanceFailure(`${what}: ${how(result)}`);
    return result;
  }

  const tokensPath = (uuid: string) => gatewayPaths.paymentTokens(uuid);
  const customerBody = (extra: Record<string, string> = {}) => ({
    customer: {
      name: 'savedcards conformance',
      phone: '00000000',
      dial_code: '+852',
      reference_number: referenceNumber,
      ...extra,
    },
  });
  let uuid: string | undefined;
  let error: string | undefined;
  let cleanup = 'nothing to clean up';
  let cleanedUp = true;

  try {
    log(`Gateway: ${client.baseUrl}; throwaway customer ${referenceNumber}.`);
    try {
      await client.echo();
    } catch (failure) {
      throw new ConformanceFailure(
        failure instanceof WonderRequestError ? failure.message : 'echo: failed',
      );
    }
    log('echo: the signature is accepted.');

    const upserted = must(await send('POST', gatewayPaths.customers(), customerBody()), 'upsert');
    const customer = dataOf(upserted).customer;
    uuid = isRecord(customer) && typeof customer.uuid === 'string' ? customer.uuid : undefined;
    if (!uuid) throw new ConformanceFailure('upsert: the answer has no data.customer.uuid');
    log(`upsert: customer ${uuid.slice(0, 8)}… created.`);

    // (a) A bodyless GET, signed both ways.
    const overNothing = await send('GET', gatewayPaths.customer(uuid), undefined, 'nothing');
    const overArray = await send('GET', gatewayPaths.customer(uuid), undefined, 'empty-array');
    const evidence = `signed over nothing: ${how(overNothing)}; over []: ${how(overArray)}`;
    if (accepted(overNothing)) profile.bodylessSignature = 'nothing';
    else if (accepted(overArray)) profile.bodylessSignature = 'empty-array';
    else throw new ConformanceFailure(`get customer: neither signature is accepted (${evidence})`);
    point('bodylessSignature', profile.bodylessSignature, evidence);

    must(await send('GET', tokensPath(uuid)), 'list');

    // (b) Create with 4 digits, then 2 when refused.
    const createBody = (expYear: string) => ({
      card: {
        number: card.number,
        exp_month: card.expMonth,
        exp_year: expYear,
        holder_name: card.holderName,
        ...(card.cvv ? { cvv: card.cvv } : {}),
        '3ds': { success_return_url: returnUrls.success, fail_return_url: returnUrls.fail },
        transaction_type: INFERRED.defaultTransactionType,
      },
    });
    const four = expYearWithDigits(card.expYear, 4);
    let created = await send('POST', tokensPath(uuid), createBody(four));
    let yearEvidence = `4 digits: ${how(created)}`;
    if (accepted(created)) {
      profile.expYearDigits = 4;
    } else {
      created = await send('POST', tokensPath(uuid), createBody(expYearWithDigits(four, 2)));
      yearEvidence += `; 2 digits: ${how(created)}`;
      if (!accepted(created)) throw new ConformanceFailure(`create token: ${yearEvidence}`);
      profile.expYearDigits = 2;
    }
    point('expYearDigits', String(profile.expYearDigits), yearEvidence);
    const token = dataOf(created).payment_token;
    const tokenId = isRecord(token) && typeof token.token === 'string' ? token.token : undefined;
    if (!tokenId || !isRecord(token)) {
      throw new ConformanceFailure('create token: the answer has no data.payment_token.token');
    }
    log(`create token: ${shortToken(tokenId)} state ${String(token.state)}.`);

    const checked = await send('POST', gatewayPaths.checkPaymentToken(uuid), {
      payment_token: {
        token: tokenId,
        ...(typeof token.verify_uuid === 'string' ? { verify_uuid: token.verify_uuid } : {}),
      },
    });
    const checkedToken = dataOf(checked).payment_token;
    const state = isRecord(checkedToken) ? checkedToken.state : token.state;
    log(`check token: ${how(checked)}, state ${String(state)}.`);

    // (c) The list filter, now that there is a card: a gateway that filters keeps it for
    // ?token_type=CreditCard and drops it for ?token_type=Alipay; one that ignores the query keeps it.
    const whole = must(await send('GET', tokensPath(uuid)), 'list');
    const cards = await send('GET', `${tokensPath(uuid)}?token_type=CreditCard`);
    const other = await send('GET', `${tokensPath(uuid)}?token_type=Alipay`);
    const filters =
      accepted(cards) &&
      accepted(other) &&
      listTokens(cards).includes(tokenId) &&
      !listTokens(other).includes(tokenId);
    profile.tokenTypeFilter = filters ? 'query' : 'local';
    const counted = (result: WonderCallResult) =>
      `${how(result)}${accepted(result) ? `, ${listTokens(result).length} token(s)` : ''}`;
    point(
      'tokenTypeFilter',
      profile.tokenTypeFilter,
      `without the query: ${counted(whole)}; ?token_type=CreditCard: ${counted(cards)}; ?token_type=Alipay: ${counted(other)}`,
    );

    // (e) Set the default with each spelling.
    if (state === 'success') {
      const tries: [DefaultPaymentMethodValue, WonderCallResult][] = [];
      for (const method of ['credit_card', 'Credit Card'] as const) {
        const result = await send(
          'POST',
          gatewayPaths.customers(),
          customerBody({ default_payment_method: method, default_payment_token: tokenId }),
        );
        tries.push([method, result]);
      }
      const ok = tries.filter(([, result]) => accepted(result)).map(([method]) => method);
      const read = dataOf(await send('GET', gatewayPaths.customer(uuid))).customer;
      const readMethod = isRecord(read) ? read.default_payment_method : undefined;
      const evidence = `${tries.map(([method, result]) => `"${method}": ${how(result)}`).join('; ')}; read back ${JSON.stringify(readMethod ?? null)}`;
      if (ok.length === 0) throw new ConformanceFailure(`set default: ${evidence}`);
      profile.defaultPaymentMethod =
        ok.length === 2 ? 'match-customer' : (ok[0] ?? 'match-customer');
      if (typeof readMethod === 'string') {
        profile.observed = { ...profile.observed, defaultPaymentMethodRead: readMethod };
      }
      point('defaultPaymentMethod', profile.defaultPaymentMethod, evidence);
    } else {
      point(
        'defaultPaymentMethod',
        `${profile.defaultPaymentMethod} (not probed)`,
        `the token is ${String(state)}, not success: use a frictionless test card`,
      );
    }

    // (d) Delete with a JSON body, then ?token= when refused or without effect.
    const form = await deleteToken(uuid, tokenId, 'json-body');
    if (!form.deleted) {
      const other = await deleteToken(uuid, tokenId, 'query');
      if (!other.deleted) {
        throw new ConformanceFailure(`delete token: ${form.evidence}; ${other.evidence}`);
      }
      profile.deleteToken = 'query';
      point('deleteToken', 'query', `${form.evidence}; ${other.evidence}`);
    } else {
      profile.deleteToken = 'json-body';
      point('deleteToken', 'json-body', form.evidence);
    }

    // (f) Create once more with the card sealed as secure_data, then delete that card too.
    const sealFor =
      options.secureDataKey ??
      (options.baseUrl === undefined
        ? WONDER_SECURE_DATA_KEYS[options.environment ?? 'sandbox']
        : undefined);
    if (sealFor) {
      const year = expYearWithDigits(card.expYear, profile.expYearDigits);
      const sealed = await sealSecureData(createBody(year).card, sealFor, { now });
      const result = await send('POST', tokensPath(uuid), sealed);
      const made = dataOf(result).payment_token;
      const madeId = isRecord(made) && typeof made.token === 'string' ? made.token : undefined;
      // Only an answer settles it: a timeout or a lost connection says nothing about the route.
      const secureData = madeId
        ? 'accepted'
        : result.kind === 'response' && !result.envelope.ok
          ? 'refused'
          : undefined;
      if (secureData) profile.observed = { ...profile.observed, secureData };
      const whose = options.secureDataKey
        ? 'the given key'
        : `Wonder's ${options.environment ?? 'sandbox'} key`;
      point(
        'secureData',
        secureData ?? 'not settled',
        `sealed for ${whose} (${sealFor.pubKeyHash.slice(0, 8)}…): ${how(result)}${isRecord(made) ? `, state ${String(made.state)}` : ''}`,
      );
      if (madeId) await deleteToken(uuid, madeId, profile.deleteToken);
    } else {
      point(
        'secureData',
        'not probed',
        options.secureDataKey === false
          ? 'skipped by --skip-secure-data'
          : 'a custom gateway has no known key: pass --secure-data-key',
      );
    }
  } catch (failure) {
    error = scrub(
      failure instanceof ConformanceFailure
        ? failure.message
        : `unexpected ${failure instanceof Error ? failure.name : typeof failure}`,
    );
    log(`FAILED: ${error}`);
  } finally {
    if (uuid) ({ text: cleanup, complete: cleanedUp } = await cleanUp(uuid));
    log(`cleanup: ${cleanup}`);
  }

  async function deleteToken(customer: string, tokenId: string, form: DeleteTokenForm) {
    const result =
      form === 'json-body'
        ? await send('DELETE', tokensPath(customer), { token: tokenId })
        : await send('DELETE', `${tokensPath(customer)}?token=${encodeURIComponent(tokenId)}`);
    const after = await send('GET', tokensPath(customer));
    const gone = accepted(after) && !listTokens(after).includes(tokenId);
    return {
      deleted: accepted(result) && gone,
      evidence: `${form === 'json-body' ? 'JSON body' : '?token='}: ${how(result)}${accepted(result) && !gone ? ' but the token is still listed' : ''}`,
    };
  }

  /** Deletes every card of the throwaway customer, in the form found, else both. */
  async function cleanUp(customer: string): Promise<{ text: string; complete: boolean }> {
    const listed = await send('GET', tokensPath(customer));
    if (!accepted(listed)) {
      return {
        text: `could not list the throwaway customer's cards (${how(listed)}): delete them by hand`,
        complete: false,
      };
    }
    const left = listTokens(listed);
    const forms: DeleteTokenForm[] =
      profile.deleteToken === 'query' ? ['query', 'json-body'] : ['json-body', 'query'];
    let deleted = 0;
    for (const tokenId of left) {
      for (const form of forms) {
        if ((await deleteToken(customer, tokenId, form)).deleted) {
          deleted++;
          break;
        }
      }
    }
    const kept = left.length - deleted;
    return {
      text: `${deleted} card(s) deleted at the end${kept ? `, ${kept} could not be deleted` : ''}; the throwaway customer ${referenceNumber} stays at Wonder (no route deletes customers)${kept ? '' : ' with no cards'}`,
      complete: kept === 0,
    };
  }

  if (states.size > 0) {
    const seen = [...states].sort();
    const strange = seen.filter(
      (state) => !(TOKEN_STATES as readonly string[]).includes(state.trim().toLowerCase()),
    );
    point(
      'tokenStates',
      strange.length > 0 ? 'not all known' : 'known',
      strange.length > 0
        ? `${strange.map((state) => JSON.stringify(state)).join(', ')} would show as "unknown" (the kit knows ${TOKEN_STATES.join(', ')})`
        : `seen: ${seen.join(', ')}`,
    );
  }
  if (envelope || states.size > 0) {
    profile.observed = {
      ...(envelope ? { envelope } : {}),
      ...(states.size > 0 ? { tokenStates: [...states].sort() } : {}),
      ...profile.observed,
    };
  }
  profile.checkedAt = now().toISOString();
  profile.environment =
    options.baseUrl !== undefined ? 'custom' : (options.environment ?? 'sandbox');
  return {
    ok: error === undefined && cleanedUp,
    profile: parseWireProfile(profile),
    points,
    cleanup,
    ...(error === undefined ? {} : { error }),
    referenceNumber,
  };
}

function listTokens(result: WonderCallResult): string[] {
  const list = dataOf(result).payment_tokens;
  return Array.isArray(list)
    ? list.flatMap((token) =>
        isRecord(token) && typeof token.token === 'string' ? [token.token] : [],
      )
    : [];
}

export const CONFORMANCE_USAGE = `Usage: savedcards-conformance --app-id <AppID> --key <private-key.pem>
                              [--environment sandbox | --base-url <URL>] [--out wonder-profile.json]
                              [--card-exp MM/YYYY] [--card-holder <name>] [--card-number-stdin]
                              [--secure-data-key <public-key.pem> | --skip-secure-data]

Runs Wonder's customer and token routes once with a throwaway customer (reference
savedcards-conformance-<random>) and your test card: echo, upsert, get, list, create a card, check,
set default, delete, then create once more with the card sealed as secure_data (client-side
encryption) and delete it. It probes each point Wonder's docs leave open, prints one line per point
(the value chosen and the evidence), and writes the wire profile for createWonderProxy({ wireProfile }).
Every card of the throwaway customer is deleted at the end, also when a step fails. Nothing printed
contains key material, the card number or full tokens.

  --app-id <AppID>        or WONDER_APP_ID
  --key <file>            or WONDER_PRIVATE_KEY_FILE
  --environment <env>     sandbox (default) or production, or WONDER_ENVIRONMENT
  --base-url <URL>        any gateway URL instead (a mock), or WONDER_BASE_URL
  --out <file>            where to write the profile (JSON). Default: print it only
  card number             WONDER_TEST_CARD_NUMBER, or --card-number-stdin to read it from stdin;
                          never a flag value (it would stay in your shell history)
  WONDER_TEST_CARD_CVV    the test card's CVV, if your gateway asks for one
  --card-exp <MM/YYYY>    default 12/<this year + 3>
  --card-holder <name>    default "Savedcards Conformance"
  --secure-data-key <file>
                          the public key (PEM, or a certificate) to seal the secure_data probe for.
                          Default: Wonder's key for --environment; none for --base-url (not probed)
  --skip-secure-data      do not probe secure_data
  --timeout <ms>          default 15000
  --yes-production --i-understand-this-is-production
                          both, to run against production (it adds and deletes a real card)
  -h, --help

Exit code 0 when every step ran, 1 when one failed, 2 for a usage error or a refused production run.`;

export interface ConformanceCliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  fetch?: typeof fetch;
  /** The whole of stdin (for `--card-number-stdin`). */
  readStdin?: () => Promise<string>;
  writeFile?: (path: string, text: string) => Promise<void>;
  now?: () => Date;
}

/** A PEM public key or certificate as a pinned key: its SPKI and the hash of that SPKI. */
function publicKeyFile(pem: string): SecureDataKey {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return { spki: der.toString('base64'), pubKeyHash: spkiHash(der) };
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `savedcards-conformance` without `process`: returns the exit code (0 ran, 1 failed, 2 usage). */
export async function runConformanceCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: ConformanceCliIo,
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'app-id': { type: 'string' },
        key: { type: 'string' },
        environment: { type: 'string' },
        'base-url': { type: 'string' },
        out: { type: 'string' },
        'card-exp': { type: 'string' },
        'card-holder': { type: 'string' },
        'card-number-stdin': { type: 'boolean' },
        'secure-data-key': { type: 'string' },
        'skip-secure-data': { type: 'boolean' },
        timeout: { type: 'string' },
        'yes-production': { type: 'boolean' },
        'i-understand-this-is-production': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs quotes unknown options, never values: a card number passed as a flag is not echoed.
    io.stderr(`${redactCardData((error as Error).message)}\n\n${CONFORMANCE_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(CONFORMANCE_USAGE);
    return 0;
  }
  const usage = (message: string) => {
    io.stderr(`${message}\n\n${CONFORMANCE_USAGE}`);
    return 2;
  };
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const appId = text('app-id') ?? env.WONDER_APP_ID;
  const keyFile = text('key') ?? env.WONDER_PRIVATE_KEY_FILE;
  const baseUrl = text('base-url') ?? env.WONDER_BASE_URL;
  const environment = text('environment') ?? env.WONDER_ENVIRONMENT;
  const missing = [
    appId ? undefined : '--app-id (or WONDER_APP_ID)',
    keyFile ? undefined : '--key (or WONDER_PRIVATE_KEY_FILE)',
  ].filter(Boolean);
  if (missing.length > 0) return usage(`Missing ${missing.join(' and ')}.`);
  if (baseUrl && environment) return usage('Pass either --environment or --base-url, not both.');
  if (environment !== undefined && environment !== 'sandbox' && environment !== 'production') {
    return usage("--environment must be 'sandbox' or 'production'.");
  }
  if (
    environment === 'production' &&
    !(values['yes-production'] && values['i-understand-this-is-production'])
  ) {
    io.stderr(
      'Refusing to run against production: this adds and deletes a real card on a real customer. Pass both --yes-production and --i-understand-this-is-production to do it anyway.',
    );
    return 2;
  }
  const timeoutMs = text('timeout') === undefined ? undefined : Number(text('timeout'));
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    return usage('--timeout must be a positive number of milliseconds.');
  }
  const thisYear = (io.now ?? (() => new Date()))().getUTCFullYear();
  const exp = /^(\d{2})\/(\d{4})$/.exec(text('card-exp') ?? `12/${thisYear + 3}`);
  if (!exp?.[1] || !exp[2] || Number(exp[1]) < 1 || Number(exp[1]) > 12) {
    return usage('--card-exp must be MM/YYYY, e.g. 12/2030.');
  }
  let number = env.WONDER_TEST_CARD_NUMBER;
  if (values['card-number-stdin']) {
    number = (await (io.readStdin ?? readAllStdin)()).split(/\r?\n/, 1)[0];
  }
  number = number?.replace(/[\s-]/g, '');
  if (!number) {
    return usage(
      'Missing the test card number: set WONDER_TEST_CARD_NUMBER or pass --card-number-stdin.',
    );
  }
  if (!/^\d{12,19}$/.test(number)) {
    return usage('The test card number must be 12 to 19 digits (it is not shown here).');
  }
  const cvv = env.WONDER_TEST_CARD_CVV;
  if (cvv !== undefined && !/^\d{3,4}$/.test(cvv)) {
    return usage('WONDER_TEST_CARD_CVV must be 3 or 4 digits.');
  }

  if (values['skip-secure-data'] && text('secure-data-key')) {
    return usage('Pass either --secure-data-key or --skip-secure-data, not both.');
  }
  let secureDataKey: SecureDataKey | false | undefined = values['skip-secure-data']
    ? false
    : undefined;
  const keyPath = text('secure-data-key');
  if (keyPath) {
    try {
      secureDataKey = publicKeyFile(await readFile(keyPath, 'utf8'));
    } catch {
      return usage(
        `--secure-data-key: ${keyPath} is not a readable PEM public key or certificate.`,
      );
    }
  }

  const result = await runConformance({
    ...(secureDataKey === undefined ? {} : { secureDataKey }),
    appId: appId ?? '',
    privateKey: { file: keyFile ?? '' },
    ...(baseUrl ? { baseUrl } : { environment: (environment ?? 'sandbox') as WonderEnvironment }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.now ? { now: io.now } : {}),
    card: {
      number,
      expMonth: exp[1],
      expYear: exp[2],
      holderName: text('card-holder') ?? 'Savedcards Conformance',
      ...(cvv ? { cvv } : {}),
    },
    log: io.stdout,
  });

  io.stdout('');
  io.stdout(`Wire profile (${result.ok ? 'checked' : 'INCOMPLETE'}):`);
  for (const { point, value, evidence } of result.points) {
    io.stdout(`  ${point.padEnd(20)} ${value.padEnd(16)} ${evidence}`);
  }
  const json = `${JSON.stringify(result.profile, null, 2)}\n`;
  const out = text('out');
  if (result.ok && out) {
    try {
      await (io.writeFile ?? ((path, data) => writeFile(path, data, 'utf8')))(out, json);
      io.stdout(
        `Wrote ${out}: load it with createWonderProxy({ wireProfile: await loadWireProfile('${out}') }).`,
      );
    } catch (error) {
      io.stderr(
        `FAILED: could not write ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
      return 1;
    }
  } else if (result.ok) {
    io.stdout(json.trimEnd());
  }
  if (!result.ok) {
    io.stderr(`FAILED: ${result.error ?? result.cleanup}${out ? ` (${out} not written)` : ''}`);
    return 1;
  }
  return 0;
}
