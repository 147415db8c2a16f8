import { clientAddressOf } from '../adapters.js';
import type { TransactionType } from '@savedcards/wire';
import { INFERRED, isRecord, OPENAPI_PREFIX, TRANSACTION_TYPES } from '@savedcards/wire';
import type { CustomerProfile, WonderClient, WonderConnectionOptions } from '../client.js';
import { createWonderClient } from '../client.js';
import type { BeforeCreateToken, ProxyLimits } from './limits.js';
import type { ProxyLogger } from './log.js';
import type { PaymentConfig, ProxyPaymentOptions, ResolveOrder } from './payOptions.js';
import { resolvePaymentOptions } from './payOptions.js';
import type { ProxySecureDataOptions, SecureDataConfig } from './secureData.js';
import { resolveSecureDataOptions } from './secureData.js';

/** Who is signed in, from the merchant's own session (never from what the browser sends). */
export interface SessionCustomer {
  /** Wonder's customer uuid, when the session knows it. */
  uuid?: string;
  /** The merchant's id for the customer: Wonder's upsert key (`reference_number`). Required. */
  referenceNumber: string;
  /**
   * When the session has no `uuid` yet: the profile to create the customer at Wonder with, the first
   * time a request needs the uuid (see `onCustomerResolved`).
   */
  profile?: Omit<CustomerProfile, 'referenceNumber'>;
}

/** Reads the signed-in customer from the request (cookie, header, …); `null` when nobody is. */
export type ResolveCustomer = (
  request: Request,
) => SessionCustomer | null | undefined | Promise<SessionCustomer | null | undefined>;

/** Where Wonder sends the cardholder's browser after 3-D Secure (GATEWAY.md §7). */
export interface ReturnUrls {
  success: string;
  fail: string;
}

export interface WonderProxyOptions extends WonderConnectionOptions {
  /** The signed-in customer for a request, from your session. `null` → 401. */
  resolveCustomer: ResolveCustomer;
  /**
   * 3-D Secure return URLs, set on every create-token request (the browser's are ignored). Absolute
   * http(s) URLs, or a function of the request and customer returning them.
   */
  returnUrls:
    | ReturnUrls
    | ((request: Request, customer: SessionCustomer) => ReturnUrls | Promise<ReturnUrls>);
  /** `transaction_type` set on every create-token request. Default `'unscheduled_cof'`. */
  transactionType?: TransactionType;
  /** Structured logger, one entry per request. Default: silent. */
  logger?: ProxyLogger;
  /** Largest accepted request body. Default 16 KiB. */
  maxBodyBytes?: number;
  /** How long a request body may take to arrive in full (else 408). Default 10 000 ms. */
  bodyTimeoutMs?: number;
  /**
   * The path the browser client's `baseUrl` points to, as it appears in `request.url`
   * (`createGatewayClient({ baseUrl: '/api/wonder' })` → `'/api/wonder'`). Default `'/api/wonder'`.
   */
  mountPath?: string;
  /**
   * Called when the proxy learns the uuid of a session that had only a reference number (the first
   * customer upsert, or the proxy's own upsert from `profile`): store it in your session.
   */
  onCustomerResolved?: (
    customer: { uuid: string; referenceNumber: string },
    request: Request,
  ) => void | Promise<void>;
  /**
   * Runs before anything is sent upstream for a signed-in customer's request; resolve
   * `{ retryAfterSeconds }` to refuse it with 429 and `Retry-After`. Default: no limits.
   */
  limits?: ProxyLimits;
  /**
   * The client's address, for per-address limits. Default: the TCP peer, for requests that came
   * through `toNodeHandler` / `toExpressMiddleware`; `undefined` otherwise. Behind a reverse proxy
   * or on a platform with fetch-style handlers, read the header your platform sets (never one the
   * browser could set itself), e.g. `(request) => request.headers.get('x-real-ip') ?? undefined`.
   */
  clientAddress?: (request: Request) => string | undefined;
  /**
   * Before every card creation, after the limits: your captcha or risk check, with who and the
   * request's headers (never the card). A refusal → 403 `E_CREATE_REFUSED`. Default: none.
   */
  beforeCreateToken?: BeforeCreateToken;
  /**
   * Origins (`https://shop.example`) whose pages may call the proxy: a request whose `Origin` (or,
   * without one, `Referer`) is another is refused (403 `E_CSRF`). Default: the request's own host.
   */
  allowedOrigins?: readonly string[];
  /**
   * Pay with a saved card (issue 16): the merchant's order for an order id the browser names, for
   * the signed-in customer (`null` → 404). Without it, the payment routes answer 404.
   */
  resolveOrder?: ResolveOrder;
  /** How the proxy pays (needs `resolveOrder`): consume mode, entry type, idempotency store. */
  payments?: ProxyPaymentOptions;
  /**
   * **Experimental** (issue 17): accept cards sealed in the browser for Wonder's key
   * (`{"secure_data": …}` create bodies, forwarded unchanged and signed) and serve
   * `GET {mountPath}/savedcards/v1/config` to signed-in customers, which tells the browser the key
   * and the return URLs and transaction type to seal in. Off by default: a `secure_data` body is 400.
   * Unconfirmed until `savedcards-conformance` shows Wonder's signed route accepts it.
   */
  secureData?: ProxySecureDataOptions;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_MOUNT_PATH = '/api/wonder';

/** The options step's result: every option checked and normalised once, at creation. */
export interface ProxyConfig {
  /** The signed client (AppID, key and base URL checked). */
  client: WonderClient;
  /** No trailing slash; `''` when the handler gets Wonder's paths directly. */
  mountPath: string;
  /** `mountPath` + Wonder's OpenAPI prefix. */
  prefix: string;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  transactionType: TransactionType;
  /** The 3-D Secure return URLs for a request, checked. */
  returnUrls: (request: Request, customer: SessionCustomer) => Promise<ReturnUrls>;
  resolveCustomer: ResolveCustomer;
  onCustomerResolved: WonderProxyOptions['onCustomerResolved'];
  logger: ProxyLogger | undefined;
  limits: ProxyLimits | undefined;
  clientAddress: (request: Request) => string | undefined;
  beforeCreateToken: BeforeCreateToken | undefined;
  allowedOrigins: readonly string[] | undefined;
  /** Set when `resolveOrder` is: the payment routes are served. */
  payments: PaymentConfig | undefined;
  /** Set when `secureData` is: secure-data bodies and the config route are served. */
  secureData: SecureDataConfig | undefined;
}

const WHO = 'createWonderProxy';

/** Absolute http(s) `{ success, fail }`, or a `TypeError` naming the bad one. */
function checkReturnUrls(urls: unknown): ReturnUrls {
  if (!isRecord(urls)) throw new TypeError(`${WHO}: \`returnUrls\` must be { success, fail }.`);
  for (const key of ['success', 'fail'] as const) {
    const value = urls[key];
    let url: URL | undefined;
    try {
      url = typeof value === 'string' ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new TypeError(`${WHO}: \`returnUrls.${key}\` must be an absolute http(s) URL.`);
    }
  }
  return { success: String(urls.success), fail: String(urls.fail) };
}

function normalizeMountPath(mountPath: unknown): string {
  if (typeof mountPath !== 'string' || (mountPath !== '' && !mountPath.startsWith('/'))) {
    throw new TypeError(`${WHO}: \`mountPath\` must be '' or start with "/", e.g. '/api/wonder'.`);
  }
  return mountPath.replace(/\/+$/, '');
}

/** The options step: validates and normalises `WonderProxyOptions` once; throws a clear `TypeError`. */
export function resolveProxyOptions(options: WonderProxyOptions): ProxyConfig {
  if (!isRecord(options)) throw new TypeError(`${WHO}: options are required.`);
  if (typeof options.resolveCustomer !== 'function') {
    throw new TypeError(
      `${WHO}: \`resolveCustomer(request)\` is required: it returns the signed-in customer from your session.`,
    );
  }
  const configured = options.returnUrls;
  if (configured === undefined) {
    throw new TypeError(
      `${WHO}: \`returnUrls\` ({ success, fail }) is required: where Wonder sends the browser after 3-D Secure.`,
    );
  }
  const returnUrls: ProxyConfig['returnUrls'] =
    typeof configured === 'function'
      ? async (request, customer) => checkReturnUrls(await configured(request, customer))
      : (() => {
          const urls = checkReturnUrls(configured);
          return async () => urls;
        })();
  const transactionType = options.transactionType ?? INFERRED.defaultTransactionType;
  if (!TRANSACTION_TYPES.includes(transactionType)) {
    throw new TypeError(
      `${WHO}: \`transactionType\` must be one of ${TRANSACTION_TYPES.join(', ')}.`,
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError(`${WHO}: \`maxBodyBytes\` must be a positive integer.`);
  }
  if (options.clientAddress !== undefined && typeof options.clientAddress !== 'function') {
    throw new TypeError(
      `${WHO}: \`clientAddress\` must be a function (request) => string | undefined.`,
    );
  }
  if (options.limits !== undefined && typeof options.limits !== 'function') {
    throw new TypeError(`${WHO}: \`limits\` must be a function (context) => refusal | undefined.`);
  }
  if (
    options.onCustomerResolved !== undefined &&
    typeof options.onCustomerResolved !== 'function'
  ) {
    throw new TypeError(`${WHO}: \`onCustomerResolved\` must be a function.`);
  }
  const mountPath = normalizeMountPath(options.mountPath ?? DEFAULT_MOUNT_PATH);
  const client = createWonderClient(options);
  return {
    client,
    mountPath,
    prefix: `${mountPath}${OPENAPI_PREFIX}`,
    maxBodyBytes,
    bodyTimeoutMs: positive(options.bodyTimeoutMs ?? 10_000, 'bodyTimeoutMs'),
    transactionType,
    returnUrls,
    resolveCustomer: options.resolveCustomer,
    onCustomerResolved: options.onCustomerResolved,
    logger: options.logger,
    limits: options.limits,
    clientAddress: options.clientAddress ?? clientAddressOf,
    beforeCreateToken: checkHook(options.beforeCreateToken, 'beforeCreateToken'),
    allowedOrigins: checkOrigins(options.allowedOrigins),
    payments: resolvePaymentOptions(
      options.resolveOrder,
      options.payments,
      options.baseUrl === undefined ? options.environment : undefined,
    ),
    secureData: resolveSecureDataOptions(
      options.secureData,
      options.environment,
      client.wireProfile,
    ),
  };
}

function checkOrigins(origins: unknown): readonly string[] | undefined {
  if (origins === undefined) return undefined;
  if (!Array.isArray(origins)) {
    throw new TypeError(
      `${WHO}: \`allowedOrigins\` must be a list of origins like 'https://shop.example'.`,
    );
  }
  return origins.map((origin) => {
    let parsed: URL | undefined;
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin.replace(/\/$/, '')) {
      throw new TypeError(
        `${WHO}: \`allowedOrigins\` entries must be origins, got "${String(origin)}".`,
      );
    }
    return parsed.origin;
  });
}

function positive(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${WHO}: \`${name}\` must be a positive number.`);
  }
  return value;
}

function checkHook<T>(hook: T | undefined, name: string): T | undefined {
  if (hook !== undefined && typeof hook !== 'function') {
    throw new TypeError(`${WHO}: \`${name}\` must be a function.`);
  }
  return hook;
}
