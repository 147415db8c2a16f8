import { createHash } from 'node:crypto';
import type {
  SecureDataConfigWire,
  SecureDataEnvironment,
  SecureDataKey,
  WireProfile,
} from '@savedcards/wire';
import {
  INFERRED,
  isRecord,
  KIT_CONFIG_PATH,
  successEnvelope,
  WONDER_SECURE_DATA_KEYS,
} from '@savedcards/wire';
import { ProxyAnswer, refuse } from './answer.js';
import type { ProxyConfig, SessionCustomer } from './options.js';

/**
 * **Experimental** (issue 17). Client-side card encryption (`secure_data`, wonder/SECURE_DATA.md):
 * the browser seals the card for Wonder's public key, so this server receives and forwards only
 * ciphertext. Unconfirmed until `savedcards-conformance` shows Wonder's signed create route accepts it.
 */
export interface ProxySecureDataOptions {
  /** Wonder's key to announce: `'sandbox'` or `'production'`. Default: the proxy's `environment`, else `'sandbox'`. */
  environment?: SecureDataEnvironment;
  /** Another key instead (Wonder rotated it, or the mock gateway's test key); its hash is checked at creation. */
  key?: SecureDataKey;
  /** Refuse plain `{"card": …}` create bodies (400), so no card number ever reaches this server. Default false. */
  required?: boolean;
}

/** The checked secure-data settings. */
export interface SecureDataConfig {
  environment?: SecureDataEnvironment;
  key: SecureDataKey;
  required: boolean;
}

const WHO = 'createWonderProxy';

/** `base64(SHA-256(SPKI DER))` of a base64 SPKI (or its PEM), or of the DER itself: a key's pin. */
export function spkiHash(spki: string | Buffer): string {
  const der =
    typeof spki === 'string'
      ? Buffer.from(spki.replace(/-----(BEGIN|END) PUBLIC KEY-----|\s+/g, ''), 'base64')
      : spki;
  return createHash('sha256').update(der).digest('base64');
}

/**
 * The options step for `secureData`: a known environment, or a key whose hash is right; refused
 * when the loaded wire profile records that Wonder refused a `secure_data` create.
 */
export function resolveSecureDataOptions(
  options: ProxySecureDataOptions | undefined,
  connection: string | undefined,
  profile: WireProfile | undefined,
): SecureDataConfig | undefined {
  if (options === undefined) return undefined;
  if (profile?.observed?.secureData === 'refused') {
    throw new TypeError(
      `${WHO}: \`secureData\` is on, but the wire profile${profile.checkedAt ? ` checked ${profile.checkedAt}` : ''} records that Wonder refused a \`secure_data\` create. Turn \`secureData\` off, or run savedcards-conformance again.`,
    );
  }
  if (!isRecord(options)) {
    throw new TypeError(`${WHO}: \`secureData\` must be { environment } or { key }.`);
  }
  const required = options.required === true;
  if (options.key !== undefined) {
    const { key } = options;
    if (!isRecord(key) || typeof key.spki !== 'string' || typeof key.pubKeyHash !== 'string') {
      throw new TypeError(`${WHO}: \`secureData.key\` must be { spki, pubKeyHash }.`);
    }
    if (spkiHash(key.spki) !== key.pubKeyHash) {
      throw new TypeError(`${WHO}: \`secureData.key.spki\` does not hash to its \`pubKeyHash\`.`);
    }
    return { key: { spki: key.spki, pubKeyHash: key.pubKeyHash }, required };
  }
  const given: unknown = options.environment;
  const environment = given ?? (connection === 'production' ? 'production' : 'sandbox');
  if (environment !== 'sandbox' && environment !== 'production') {
    throw new TypeError(`${WHO}: \`secureData.environment\` must be 'sandbox' or 'production'.`);
  }
  return { environment, key: WONDER_SECURE_DATA_KEYS[environment], required };
}

/** Whether a request is for the kit's config route (`{mount}/savedcards/v1/config`). */
export function isConfigRoute(mountPath: string, request: Request): boolean {
  return new URL(request.url).pathname === `${mountPath}${KIT_CONFIG_PATH}`;
}

/**
 * The config route: for a signed-in customer (the session step ran), what the browser seals with,
 * i.e. the key's hash and the 3-D Secure return URLs and transaction type that go inside the
 * ciphertext, where the proxy can no longer set them. GET only.
 */
export async function answerConfig(
  config: Pick<ProxyConfig, 'client' | 'returnUrls' | 'transactionType'>,
  secureData: SecureDataConfig,
  request: Request,
  session: SessionCustomer,
): Promise<ProxyAnswer> {
  const urls = await config.returnUrls(request, session);
  const data: SecureDataConfigWire = {
    secureData: {
      ...(secureData.environment ? { environment: secureData.environment } : {}),
      pubKeyHash: secureData.key.pubKeyHash,
      spki: secureData.key.spki,
      returnUrls: { success: urls.success, fail: urls.fail },
      transactionType: config.transactionType,
      expYearDigits: config.client.wireProfile?.expYearDigits ?? INFERRED.expYearDigits,
    },
  };
  return new ProxyAnswer({
    status: 200,
    body: JSON.stringify(successEnvelope('A', data)),
    level: 'info',
  });
}

/** GET only on the config route. */
export function checkConfigMethod(request: Request): ProxyAnswer | undefined {
  return request.method.toUpperCase() === 'GET'
    ? undefined
    : refuse('methodNotAllowed', { headers: { Allow: 'GET' } });
}
