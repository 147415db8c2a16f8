import { KIT_CONFIG_PATH } from '@savedcards/wire';
import type { WonderClient } from './client.js';
import { createPaymentRoutes } from './pay.js';
import { answerUpstream, ProxyAnswer, refuse, toResponse } from './steps/answer.js';
import { checkBodyHeaders, prepareOutgoing } from './steps/body.js';
import { checkBeforeCreate, checkLimits } from './steps/limits.js';
import { createTokenOwnership } from './steps/ownership.js';
import type { RequestTrace } from './steps/log.js';
import { createRequestLog, logEntry, startTrace } from './steps/log.js';
import type { WonderProxyOptions } from './steps/options.js';
import { resolveProxyOptions } from './steps/options.js';
import { matchPayRoute } from './steps/payRequest.js';
import { checkSameOrigin, handlesPath, matchRoute } from './steps/route.js';
import { answerConfig, checkConfigMethod, isConfigRoute } from './steps/secureData.js';
import { createCustomerBinding } from './steps/session.js';
import { sendUpstream } from './steps/upstream.js';
import { applyWireProfile, filterTokenList } from './steps/wireProfile.js';

export type {
  BeforeCreateToken,
  BeforeCreateTokenContext,
  CreateTokenRefusal,
  LimitContext,
  LimitRefusal,
  PaymentRouteOperation,
  ProxyLimits,
} from './steps/limits.js';
export type { ProxyLogEntry, ProxyLogger } from './steps/log.js';
export { createJsonLineLogger } from './steps/log.js';
export type {
  ResolveCustomer,
  ReturnUrls,
  SessionCustomer,
  WonderProxyOptions,
} from './steps/options.js';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_MOUNT_PATH } from './steps/options.js';
export type { ProxyPaymentOptions, ResolveOrder } from './steps/payOptions.js';
export type { ProxySecureDataOptions } from './steps/secureData.js';

/** A Web-standard handler: `(Request) => Promise<Response>`. */
export interface WonderProxy {
  (request: Request): Promise<Response>;
  readonly mountPath: string;
  /** Whether a path (or absolute URL) is under `mountPath`, i.e. this proxy's to answer. */
  handles(pathOrUrl: string): boolean;
  /** The signed client the proxy uses (same key), e.g. for `proxy.client.ensureCustomer(profile)`. */
  readonly client: WonderClient;
}

/**
 * The signing proxy (ARCHITECTURE.md, security boundary): a Web-standard
 * `(Request) => Promise<Response>` that forwards only the customer-management routes, binds every
 * request to the session's customer, sets the 3-D Secure return URLs itself, signs the exact bytes
 * it sends, and answers its own refusals in Wonder's envelope A. Throws at creation for a bad key,
 * a missing AppID or bad options.
 *
 * A pipeline of small steps (./steps/): options once at creation; then per request route, session,
 * limits, body policy, sign + upstream, answer and log. A step either gives the next one its value
 * or a `ProxyAnswer`, which is answered at once: nothing is sent upstream before every check passed.
 *
 * With `wireProfile` (from `savedcards-conformance`, read with `loadWireProfile`), the upstream
 * side speaks that profile: how bodyless requests are signed, `exp_year` digits, the list filter,
 * the delete form and the `default_payment_method` spelling. Without it, the defaults.
 *
 * With `resolveOrder`, it also serves the kit's payment routes (`KIT_PAY_PATHS`, ./pay.ts): pay an
 * order with one of the customer's tokens, for the amount the merchant's records say, idempotently
 * per customer + order. Without it those paths are 404 like any other.
 */
export function createWonderProxy(options: WonderProxyOptions): WonderProxy {
  const config = resolveProxyOptions(options);
  const customers = createCustomerBinding(config);
  const ownership = createTokenOwnership(config.client);
  const log = createRequestLog(config.logger);
  const payments = config.payments
    ? createPaymentRoutes(config, config.payments, customers, ownership)
    : undefined;

  async function run(request: Request, trace: RequestTrace): Promise<ProxyAnswer> {
    const pay = payments ? matchPayRoute(config.mountPath, request) : undefined;
    if (pay instanceof ProxyAnswer) return pay;
    if (pay && payments) return payments.run(pay, request, trace);

    if (config.secureData && isConfigRoute(config.mountPath, request)) {
      trace.route = KIT_CONFIG_PATH;
      const refused = checkConfigMethod(request) ?? checkSameOrigin(request, config.allowedOrigins);
      if (refused) return refused;
      const session = await customers.resolve(request);
      if (session instanceof ProxyAnswer) return session;
      return answerConfig(config, config.secureData, request, session);
    }

    const matched = matchRoute(config.prefix, request);
    if (matched instanceof ProxyAnswer) return matched;
    trace.route = matched.route.template;
    trace.operation = matched.route.operation;

    const refused =
      checkSameOrigin(request, config.allowedOrigins) ??
      checkBodyHeaders(matched.route, request, config.maxBodyBytes);
    if (refused) return refused;

    const session = await customers.resolve(request);
    if (session instanceof ProxyAnswer) return session;

    const context = {
      request,
      requestId: trace.requestId,
      operation: matched.route.operation,
      route: matched.route.template,
      customer: {
        referenceNumber: session.referenceNumber,
        ...(session.uuid ? { uuid: session.uuid } : {}),
      },
      clientAddress:
        config.limits || config.beforeCreateToken ? config.clientAddress(request) : undefined,
    };
    const limited =
      (await checkLimits(config.limits, context)) ??
      (await checkBeforeCreate(config.beforeCreateToken, context));
    if (limited) return limited;

    const unbound = await customers.bindPath(session, matched.pathUuid, request);
    if (unbound) return unbound;

    const prepared = await prepareOutgoing(matched, request, session, config);
    if (prepared instanceof ProxyAnswer) return prepared;

    const { operation } = matched.route;
    const customerUuid = matched.pathUuid ?? customers.knownUuid(session);
    const foreign = await ownership.check(operation, prepared.bound, customerUuid, trace.requestId);
    if (foreign) return foreign;

    const { outgoing, localTokenTypes } = applyWireProfile(prepared, config.client.wireProfile);
    const result = filterTokenList(
      await sendUpstream(config.client, outgoing, request, trace.requestId),
      localTokenTypes,
    );
    const answer = answerUpstream(result, config.client.timeoutMs);
    if ((operation === 'createToken' || operation === 'deleteToken') && customerUuid) {
      ownership.forget(customerUuid);
    }
    await customers.learn(session, matched.route.operation, result, answer, request);
    return answer;
  }

  /** One request through the pipeline and its log entry: the answer, not yet a `Response`. */
  const answerOf = async (request: Request): Promise<DirectAnswer> => {
    const trace = startTrace(request);
    let answer: ProxyAnswer;
    try {
      answer = await run(request, trace);
    } catch (error) {
      answer = refuse('internal', {
        detail: error instanceof Error ? `${error.name}: ${error.message}` : typeof error,
      });
    }
    log(logEntry(request, trace, answer));
    return { answer, requestId: trace.requestId };
  };

  const proxy = async (request: Request): Promise<Response> => {
    const { answer, requestId } = await answerOf(request);
    return toResponse(answer, requestId);
  };

  const created: WonderProxy = Object.assign(proxy, {
    mountPath: config.mountPath,
    handles: (pathOrUrl: string) => handlesPath(config.mountPath, pathOrUrl),
    client: config.client,
  });
  directAnswers.set(created, answerOf);
  return created;
}

/** A request's answer before it becomes a `Response`, for the Node adapters to write directly. */
export interface DirectAnswer {
  answer: ProxyAnswer;
  requestId: string;
}

const directAnswers = new WeakMap<WonderProxy, (request: Request) => Promise<DirectAnswer>>();

/**
 * The pipeline of a proxy made by `createWonderProxy`, answering without a Web `Response` (the Node
 * adapters write it with `writeAnswer`); `undefined` for any other `(Request) => Promise<Response>`.
 */
export function directAnswerOf(
  proxy: WonderProxy,
): ((request: Request) => Promise<DirectAnswer>) | undefined {
  return directAnswers.get(proxy);
}
