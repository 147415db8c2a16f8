import { randomUUID } from 'node:crypto';
import type { GatewayOperation, ProxyErrorName, TransactionType } from '@savedcards/wire';
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  CUSTOMER_FIELD_NAMES,
  errorEnvelope,
  GATEWAY_LANGS,
  isHttpOk,
  isRecord,
  LANG_HEADER,
  matchGatewayRoute,
  OPENAPI_PREFIX,
  PROXY_ERRORS,
  TRANSACTION_TYPES,
} from '@savedcards/wire';
import type {
  CustomerProfile,
  WonderCallResult,
  WonderClient,
  WonderConnectionOptions,
  WonderMethod,
} from './client.js';
import { createWonderClient } from './client.js';
import { WonderRequestError } from './errors.js';
import { redact, redactDeep, sanitizeGatewayData } from './redact.js';

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

/** One structured log entry per request. Never contains a body; strings are redacted. */
export interface ProxyLogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  requestId: string;
  method: string;
  /** Route template below the OpenAPI prefix, e.g. `/customers/{uuid}/payment_tokens`. */
  route?: string;
  operation?: GatewayOperation;
  /** Status answered to the browser. */
  status: number;
  durationMs: number;
  /** Error code answered, when it was an error. */
  code?: string;
  upstreamStatus?: number;
  upstreamCode?: string;
  upstreamMs?: number;
  /** Extra, redacted context for errors. */
  detail?: string;
}

export type ProxyLogger = (entry: ProxyLogEntry) => void;

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
}

/** A Web-standard handler: `(Request) => Promise<Response>`. */
export interface WonderProxy {
  (request: Request): Promise<Response>;
  readonly mountPath: string;
  /** Whether a path (or absolute URL) is under `mountPath`, i.e. this proxy's to answer. */
  handles(pathOrUrl: string): boolean;
  /** The signed client the proxy uses (same key), e.g. for `proxy.client.ensureCustomer(profile)`. */
  readonly client: WonderClient;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_MOUNT_PATH = '/api/wonder';

const WHO = 'createWonderProxy';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGS: ReadonlySet<string> = new Set(GATEWAY_LANGS);
const TOKEN_TYPE_QUERY = /^[A-Za-z_]{1,64}(,[A-Za-z_]{1,64}){0,15}$/;
const MAX_CACHED_CUSTOMERS = 10_000;

interface Outcome {
  status: number;
  body: string;
  headers?: Record<string, string>;
  level: ProxyLogEntry['level'];
  code?: string;
  detail?: string;
  upstream?: { status?: number; code?: string; ms: number };
}

function refuse(name: ProxyErrorName, extra: Partial<Outcome> = {}, message?: string): Outcome {
  const error = PROXY_ERRORS[name];
  return {
    status: error.status,
    body: JSON.stringify(
      errorEnvelope('A', { code: error.code, message: message ?? error.message }),
    ),
    level: error.status >= 500 ? 'error' : 'info',
    code: error.code,
    ...extra,
  };
}

function checkReturnUrls(urls: unknown, who: string): ReturnUrls {
  if (!isRecord(urls)) throw new TypeError(`${who}: \`returnUrls\` must be { success, fail }.`);
  for (const key of ['success', 'fail'] as const) {
    const value = urls[key];
    let url: URL | undefined;
    try {
      url = typeof value === 'string' ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new TypeError(`${who}: \`returnUrls.${key}\` must be an absolute http(s) URL.`);
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

class BodyTooLarge extends Error {}

/** Reads at most `max` bytes of the body as UTF-8; throws `BodyTooLarge` beyond. */
async function readBody(request: Request, max: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Invalid UTF-8 throws a TypeError, answered as invalid JSON.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function isJsonContentType(value: string | null): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The signing proxy (ARCHITECTURE.md, security boundary): a Web-standard
 * `(Request) => Promise<Response>` that forwards only the customer-management routes, binds every
 * request to the session's customer, sets the 3-D Secure return URLs itself, signs the exact bytes
 * it sends, and answers its own refusals in Wonder's envelope A. Throws at creation for a bad key,
 * a missing AppID or bad options.
 */
export function createWonderProxy(options: WonderProxyOptions): WonderProxy {
  if (!isRecord(options)) throw new TypeError(`${WHO}: options are required.`);
  if (typeof options.resolveCustomer !== 'function') {
    throw new TypeError(
      `${WHO}: \`resolveCustomer(request)\` is required: it returns the signed-in customer from your session.`,
    );
  }
  if (options.returnUrls === undefined) {
    throw new TypeError(
      `${WHO}: \`returnUrls\` ({ success, fail }) is required: where Wonder sends the browser after 3-D Secure.`,
    );
  }
  const staticReturnUrls =
    typeof options.returnUrls === 'function' ? undefined : checkReturnUrls(options.returnUrls, WHO);
  const transactionType = options.transactionType ?? 'unscheduled_cof';
  if (!TRANSACTION_TYPES.includes(transactionType)) {
    throw new TypeError(
      `${WHO}: \`transactionType\` must be one of ${TRANSACTION_TYPES.join(', ')}.`,
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError(`${WHO}: \`maxBodyBytes\` must be a positive integer.`);
  }
  const mountPath = normalizeMountPath(options.mountPath ?? DEFAULT_MOUNT_PATH);
  const prefix = `${mountPath}${OPENAPI_PREFIX}`;
  const client = createWonderClient(options);
  const logger = options.logger;
  const { resolveCustomer, onCustomerResolved } = options;

  // reference number → uuid, learnt from upserts (idempotent on the reference number, so stable).
  const knownUuids = new Map<string, string>();
  const pendingUpserts = new Map<string, Promise<string>>();

  async function remember(referenceNumber: string, uuid: string, request: Request) {
    if (knownUuids.get(referenceNumber) === uuid) return;
    knownUuids.delete(referenceNumber);
    knownUuids.set(referenceNumber, uuid);
    if (knownUuids.size > MAX_CACHED_CUSTOMERS) {
      const oldest = knownUuids.keys().next().value;
      if (oldest !== undefined) knownUuids.delete(oldest);
    }
    await onCustomerResolved?.({ uuid, referenceNumber }, request);
  }

  function log(entry: ProxyLogEntry) {
    if (!logger) return;
    try {
      logger(redactDeep(entry) as ProxyLogEntry);
    } catch {
      // A failing logger must not fail the request.
    }
  }

  function handles(pathOrUrl: string): boolean {
    let path = pathOrUrl;
    if (!path.startsWith('/')) {
      try {
        path = new URL(pathOrUrl).pathname;
      } catch {
        return false;
      }
    }
    path = path.split(/[?#]/, 1)[0] ?? '';
    return mountPath === '' || path === mountPath || path.startsWith(`${mountPath}/`);
  }

  /** The session's uuid: known, learnt from an earlier upsert, or created from the profile. */
  async function sessionUuid(
    session: SessionCustomer,
    request: Request,
  ): Promise<string | undefined> {
    if (session.uuid) return session.uuid;
    const known = knownUuids.get(session.referenceNumber);
    if (known) return known;
    if (!session.profile) return undefined;
    let pending = pendingUpserts.get(session.referenceNumber);
    if (!pending) {
      pending = client
        .ensureCustomer({ ...session.profile, referenceNumber: session.referenceNumber })
        .finally(() => pendingUpserts.delete(session.referenceNumber));
      pendingUpserts.set(session.referenceNumber, pending);
    }
    const uuid = await pending;
    await remember(session.referenceNumber, uuid, request);
    return uuid;
  }

  function fromUpstream(result: WonderCallResult): Outcome {
    const upstream = { ms: result.durationMs };
    switch (result.kind) {
      case 'timeout':
        return refuse(
          'upstreamTimeout',
          { upstream },
          `Wonder Gateway did not answer within ${client.timeoutMs} ms.`,
        );
      case 'network':
        return refuse('upstreamUnreachable', { upstream });
      case 'aborted':
        return refuse('clientClosed', { upstream, level: 'info' });
    }
    const { status, envelope, json, text } = result;
    const seen = {
      ms: result.durationMs,
      status,
      ...(envelope.ok || envelope.code === '' ? {} : { code: envelope.code }),
    };
    if (status === 401 || status === 403) {
      return refuse('upstreamAuth', {
        upstream: seen,
        detail:
          envelope.ok || envelope.message === '' ? `HTTP ${status}` : redact(envelope.message),
      });
    }
    // The one envelope rule (@savedcards/wire's readEnvelope): the browser reads the same.
    if (envelope.ok) {
      const sanitized = sanitizeGatewayData(json);
      return {
        status,
        body: sanitized === undefined ? text : JSON.stringify(sanitized),
        level: 'info',
        upstream: seen,
        ...(sanitized === undefined ? {} : { detail: 'masked card data in the gateway response' }),
      };
    }
    if (envelope.failure === 'gateway' && (isHttpOk(status) || (status >= 400 && status < 600))) {
      const message = redact(envelope.message) || `Wonder Gateway answered HTTP ${status}.`;
      const code = redact(envelope.code);
      return {
        status,
        body: JSON.stringify(errorEnvelope('A', { code, message })),
        level: status >= 500 ? 'error' : 'info',
        code,
        upstream: seen,
      };
    }
    if (envelope.failure === 'http' && status >= 500 && status < 600) {
      return {
        ...refuse(
          'upstreamError',
          { upstream: seen },
          `Wonder Gateway failed with HTTP ${status}.`,
        ),
        status,
      };
    }
    if (envelope.failure === 'http' && status >= 400 && status < 500) {
      return refuse(
        'upstreamError',
        { upstream: seen },
        `Wonder Gateway failed with HTTP ${status}.`,
      );
    }
    return refuse('upstreamInvalidResponse', { upstream: seen, detail: `HTTP ${status}` });
  }

  /** The body to send for each operation, bound to the session. */
  async function outgoingBody(
    operation: GatewayOperation,
    body: Record<string, unknown>,
    session: SessionCustomer,
    request: Request,
  ): Promise<{ body: Record<string, unknown> } | { refused: Outcome }> {
    const no = (outcome: Outcome) => ({ refused: outcome });
    switch (operation) {
      case 'upsertCustomer': {
        const customer = body.customer;
        if (!isRecord(customer)) {
          return no(refuse('invalidBody', {}, 'The body must be {"customer": {…}}.'));
        }
        const given = customer.reference_number;
        if (given !== undefined && given !== null && given !== session.referenceNumber) {
          return no(refuse('forbiddenCustomer', { level: 'warn' }));
        }
        const out: Record<string, unknown> = {};
        for (const field of CUSTOMER_FIELD_NAMES) {
          if (customer[field] !== undefined) out[field] = customer[field];
        }
        out.reference_number = session.referenceNumber;
        return { body: { customer: out } };
      }
      case 'createToken': {
        const card = body.card;
        if (!isRecord(card))
          return no(refuse('invalidBody', {}, 'The body must be {"card": {…}}.'));
        const urls =
          staticReturnUrls ?? checkReturnUrls(await resolveReturnUrls(request, session), WHO);
        const { '3ds': _ignored, transaction_type: _alsoIgnored, ...rest } = card;
        return {
          body: {
            card: {
              ...rest,
              '3ds': { success_return_url: urls.success, fail_return_url: urls.fail },
              transaction_type: transactionType,
            },
          },
        };
      }
      case 'checkToken': {
        const paymentToken = body.payment_token;
        if (!isRecord(paymentToken) || typeof paymentToken.token !== 'string') {
          return no(
            refuse(
              'invalidBody',
              {},
              'The body must be {"payment_token": {"token": "…", "verify_uuid": "…"}}.',
            ),
          );
        }
        const out: Record<string, unknown> = { token: paymentToken.token };
        if (typeof paymentToken.verify_uuid === 'string')
          out.verify_uuid = paymentToken.verify_uuid;
        return { body: { payment_token: out } };
      }
      case 'deleteToken': {
        if (typeof body.token !== 'string' || body.token === '') {
          return no(refuse('invalidBody', {}, 'The body must be {"token": "…"}.'));
        }
        return { body: { token: body.token } };
      }
      default:
        return { body };
    }
  }

  function resolveReturnUrls(request: Request, session: SessionCustomer) {
    const configured = options.returnUrls;
    return typeof configured === 'function' ? configured(request, session) : configured;
  }

  async function process(
    request: Request,
    context: { requestId: string; route?: string; operation?: GatewayOperation },
  ): Promise<Outcome> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${prefix}/`)) return refuse('notFound');
    const match = matchGatewayRoute(url.pathname.slice(prefix.length));
    if (!match) return refuse('notFound');
    context.route = match.template;
    const method = request.method.toUpperCase();
    const route = match.routes.find((candidate) => candidate.method === method);
    if (!route) {
      return refuse('methodNotAllowed', {
        headers: { Allow: match.routes.map((candidate) => candidate.method).join(', ') },
      });
    }
    const { operation } = route;
    context.operation = operation;

    // Same-origin marker (CSRF): a cross-site page cannot send this header without a CORS preflight,
    // which this proxy never grants.
    if (
      request.headers.get(CSRF_HEADER) !== CSRF_HEADER_VALUE ||
      request.headers.get('Sec-Fetch-Site') === 'cross-site'
    ) {
      return refuse('csrf', { level: 'warn' });
    }
    const { hasBody } = route;
    if (hasBody) {
      if (!isJsonContentType(request.headers.get('Content-Type'))) {
        return refuse('unsupportedMediaType');
      }
      const declared = Number(request.headers.get('Content-Length') ?? '0');
      if (Number.isFinite(declared) && declared > maxBodyBytes) return refuse('bodyTooLarge');
    }

    const session = await resolveCustomer(request);
    if (!session) return refuse('unauthenticated');
    if (typeof session.referenceNumber !== 'string' || session.referenceNumber === '') {
      return refuse('internal', {
        detail: 'resolveCustomer returned a customer without referenceNumber',
      });
    }

    if (match.uuid !== undefined) {
      let uuid: string | undefined;
      try {
        uuid = await sessionUuid(session, request);
      } catch (error) {
        return fromEnsureFailure(error);
      }
      if (uuid === undefined) return refuse('customerUnknown', { level: 'warn' });
      if (match.uuid !== uuid) return refuse('forbiddenCustomer', { level: 'warn' });
    }

    let bodyText = '';
    if (hasBody) {
      let raw: string;
      let parsed: unknown;
      try {
        raw = await readBody(request, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) return refuse('bodyTooLarge');
        return refuse('invalidJson');
      }
      try {
        parsed = JSON.parse(raw);
      } catch {
        return refuse('invalidJson');
      }
      if (!isRecord(parsed)) return refuse('invalidBody', {}, 'The body must be a JSON object.');
      const outgoing = await outgoingBody(operation, parsed, session, request);
      if ('refused' in outgoing) return outgoing.refused;
      bodyText = JSON.stringify(outgoing.body);
    }

    let query = '';
    if (operation === 'listTokens') {
      const tokenType = url.searchParams.get('token_type');
      if (tokenType !== null) {
        if (!TOKEN_TYPE_QUERY.test(tokenType)) return refuse('invalidQuery');
        query = `?${new URLSearchParams({ token_type: tokenType })}`;
      }
    }

    const lang = request.headers.get(LANG_HEADER);
    const result = await client.call({
      method: route.method satisfies WonderMethod,
      path: `${OPENAPI_PREFIX}${url.pathname.slice(prefix.length)}${query}`,
      ...(hasBody ? { body: bodyText } : {}),
      requestId: context.requestId,
      ...(lang && LANGS.has(lang) ? { lang } : {}),
      signal: request.signal,
    });
    const outcome = fromUpstream(result);

    if (operation === 'upsertCustomer' && result.kind === 'response' && outcome.status < 300) {
      const data = result.envelope.ok ? result.envelope.data : undefined;
      const uuid = isRecord(data) && isRecord(data.customer) ? data.customer.uuid : undefined;
      if (typeof uuid === 'string' && uuid !== '') {
        if (!session.uuid) await remember(session.referenceNumber, uuid, request);
        else if (session.uuid !== uuid) {
          outcome.level = 'warn';
          outcome.detail = "the upsert answered another uuid than the session's";
        }
      }
    }
    return outcome;
  }

  function fromEnsureFailure(error: unknown): Outcome {
    if (!(error instanceof WonderRequestError)) throw error;
    if (error.kind === 'timeout') return refuse('upstreamTimeout', { detail: error.message });
    if (error.kind === 'network') return refuse('upstreamUnreachable', { detail: error.message });
    if (error.status === 401 || error.status === 403) {
      return refuse('upstreamAuth', { detail: error.message });
    }
    return refuse('upstreamError', { detail: error.message });
  }

  const proxy = async (request: Request): Promise<Response> => {
    const started = performance.now();
    const given = request.headers.get('X-Request-ID');
    const requestId = given && UUID.test(given) ? given : randomUUID();
    const context: { requestId: string; route?: string; operation?: GatewayOperation } = {
      requestId,
    };
    let outcome: Outcome;
    try {
      outcome = await process(request, context);
    } catch (error) {
      outcome = refuse('internal', {
        detail: error instanceof Error ? `${error.name}: ${error.message}` : typeof error,
      });
    }
    const headers = new Headers(outcome.headers);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('Cache-Control', 'no-store');
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Request-ID', requestId);

    log({
      level: outcome.level,
      msg: 'wonder proxy request',
      requestId,
      method: request.method,
      ...(context.route ? { route: context.route } : {}),
      ...(context.operation ? { operation: context.operation } : {}),
      status: outcome.status,
      durationMs: Math.round(performance.now() - started),
      ...(outcome.code ? { code: outcome.code } : {}),
      ...(outcome.upstream?.status === undefined
        ? {}
        : { upstreamStatus: outcome.upstream.status }),
      ...(outcome.upstream?.code ? { upstreamCode: outcome.upstream.code } : {}),
      ...(outcome.upstream ? { upstreamMs: outcome.upstream.ms } : {}),
      ...(outcome.detail ? { detail: outcome.detail.slice(0, 300) } : {}),
    });
    return new Response(outcome.body, { status: outcome.status, headers });
  };

  return Object.assign(proxy, { mountPath, handles, client });
}

/** A logger writing one JSON line per entry (entries are already redacted), e.g. to stdout. */
export function createJsonLineLogger(write: (line: string) => void): ProxyLogger {
  return (entry) => write(`${JSON.stringify(entry)}\n`);
}
