import { delay, HttpResponse, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { GatewayLang, WireProfile } from '@savedcards/wire';
import { isRecord, parseWireProfile } from '@savedcards/wire';
import type { ChallengeMailbox, MockChallenge } from './challenge.js';
import { createChallengeContext, createChallengeHandler } from './challenge.js';
import type { GatewayDb } from './db.js';
import { createGatewayDb } from './db.js';
import { createEchoHandler } from './echo.js';
import type { GatewayEnvelope } from './envelope.js';
import { errorBody, successBody } from './envelope.js';
import type { ResolveMerchantOrder } from './kitPayments.js';
import { createKitPaymentHandlers } from './kitPayments.js';
import { gatewayError } from './errors.js';
import { requestLang, translateData, translateMessage } from './lang.js';
import type { OperationResult } from './operations.js';
import { operations } from './operations.js';
import {
  createPaymentChallengeHandler,
  paymentMailbox,
  paymentOperations,
  translatePaymentData,
  translatePaymentMessage,
} from './payments.js';
import { GATEWAY_ROUTES, OPENAPI_PREFIX, PAYMENT_GATEWAY_ROUTES } from './routes.js';
import type { GatewayRoute } from './routes.js';
import type { GatewayScenario, GatewayScenarioName } from './scenarios.js';
import { failureFor, failureResponse, resolveScenario } from './scenarios.js';
import type { MockSecureDataKeyPair } from './secureData.js';
import {
  createSecureDataConfigHandler,
  MOCK_SECURE_DATA_KEY_PAIR,
  openSecureData,
} from './secureData.js';
import type { VerifySignatureOptions } from './signature.js';
import { createSignatureGuard } from './signature.js';
import type { GatewayWebhookEmitter, GatewayWebhooksOptions } from './webhooks.js';
import { toGatewayWebhooks } from './webhooks.js';

export interface GatewayHandlersOptions {
  /**
   * Where the gateway is mounted: absolute (`https://gateway-stg.wonder.today`,
   * `http://localhost:3000/api/wonder`) or a path (`/api/wonder`, resolved against the page in a browser).
   * Routes are `${baseUrl}${OPENAPI_PREFIX}/…`.
   */
  baseUrl: string;
  /** State to serve. Default: a fresh `createGatewayDb()` owned by these handlers. */
  db?: GatewayDb;
  /** A preset name or a scenario object. Default `'default'`. */
  scenario?: GatewayScenarioName | GatewayScenario;
  /**
   * Opt-in: check the Wonder-RSA-SHA256 signature (GATEWAY.md §2) of every request, as Wonder does,
   * against this public key. Missing or malformed headers, a stale time or a wrong signature get
   * HTTP 401 `E000002` and change nothing. Off by default (browsers and Storybook send no signature).
   * When on, Wonder's signature self-test `POST {baseUrl}/svc/payment/api/v1/echo` is served too.
   */
  verifySignature?: VerifySignatureOptions;
  /**
   * The `verify_url` of a pending token. Default: in a browser `${location.origin}/mock-3ds/challenge.html`
   * with `verify_uuid`, `base` (this `baseUrl`) and the return URLs as query parameters (the static
   * page in `public/mock-3ds/`); elsewhere `https://3ds.savedcards-mock.invalid/challenge/<verify_uuid>`.
   */
  challengeUrl?: (challenge: MockChallenge) => string;
  /**
   * Where the challenge page leaves its decisions for the next check. Default `localStorage` when
   * there is one; `null` turns it off (decide through `POST {baseUrl}/__mock__/3ds/{verify_uuid}`).
   */
  challengeMailbox?: ChallengeMailbox | null;
  /**
   * Browser-only mode (issue 16): where the kit's own payment routes (`KIT_PAY_PATHS` below
   * `baseUrl`, which the signing proxy serves otherwise) find the merchant's order: its amount,
   * currency, Wonder `reference_number` (default: the id) and paying `customer` (a reference
   * number, default `DEMO_CUSTOMER`'s). `null` or `undefined`: no such order (404
   * `E_ORDER_NOT_FOUND`). Default: the db's order book, `db.merchantOrder(orderId)`.
   */
  resolveOrder?: ResolveMerchantOrder;
  /**
   * Opt-in: POST a signed webhook (`order.paid`, `order.payment_failure`) to the merchant when a
   * payment settles, as Wonder does (GATEWAY.md §8), retrying non-2xx answers. Options, or an
   * emitter from `createGatewayWebhooks()` (to `await emitter.idle()` in tests). Off by default.
   */
  webhooks?: GatewayWebhooksOptions | GatewayWebhookEmitter;
  /**
   * Serve one wire profile strictly (issue 17), as a gateway that settled every open point one way
   * would: a bodyless request signed the other way is a 401, a create token with the other
   * `exp_year` digits, a `token_type` query where the filter is `'local'`, the other delete form
   * and the other `default_payment_method` spelling are 400 `invalidParameter`; the answers use
   * `observed.envelope` (unless the scenario sets one). Default: today's lenient mock (both year
   * forms, the query honoured, the JSON-body delete, any payment method; bodyless signs nothing).
   * The profile's `bodylessSignature` wins over `verifySignature.bodylessSignature`, and the
   * browser-only config route announces its `expYearDigits`.
   */
  wireProfile?: WireProfile;
  /**
   * **Experimental.** The key pair a create-token `{"secure_data": …}` body is opened with (then the
   * token is created as from `{"card": …}`, return URLs and transaction type from inside the
   * ciphertext). Default: the committed TEST pair, `MOCK_SECURE_DATA_KEY` (public half).
   */
  secureDataKeyPair?: MockSecureDataKeyPair;
}

const INVALID_JSON = Symbol('invalid JSON');

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** The answer, in the language the request asked for (`x-i18n-lang`), as Wonder answers. */
function respond(result: OperationResult, envelope: GatewayEnvelope, lang: GatewayLang): Response {
  if ('networkError' in result) return HttpResponse.error();
  if (result.ok) {
    const data = translateData(translatePaymentData(result.data, lang), lang);
    return HttpResponse.json(successBody(envelope, data));
  }
  const { code } = result.error;
  const message = translateMessage(
    code,
    translatePaymentMessage(code, result.error.message, lang),
    lang,
  );
  return HttpResponse.json(errorBody(envelope, { code: result.error.code, message }), {
    status: result.error.status,
  });
}

/**
 * msw handlers for Wonder Gateway's Customer Management API and its payment routes (issue 16),
 * served from `db` and shaped by `scenario`. Happy paths by default; pass a scenario (or `server.use()` a second set) for failures.
 * A scenario with a `seed` (preset `'empty'`) re-seeds `db` right here, when the handlers are created.
 */
export function createGatewayHandlers(options: GatewayHandlersOptions): HttpHandler[] {
  const scenario = resolveScenario(options.scenario);
  const db = options.db ?? createGatewayDb({ seed: scenario.seed });
  if (options.db && scenario.seed) options.db.reset({ seed: scenario.seed });
  // Checked like the proxy checks it: a profile the proxy would refuse is refused here too.
  const profile = options.wireProfile && parseWireProfile(options.wireProfile);
  const envelope = scenario.envelope ?? profile?.observed?.envelope ?? 'A';
  const root = `${options.baseUrl.replace(/\/+$/, '')}${OPENAPI_PREFIX}`;
  const guard = options.verifySignature
    ? createSignatureGuard(
        profile
          ? { ...options.verifySignature, bodylessSignature: profile.bodylessSignature }
          : options.verifySignature,
        envelope,
      )
    : undefined;
  const { baseUrl, challengeUrl, challengeMailbox } = options;
  const challenge = createChallengeContext({ baseUrl, challengeUrl, challengeMailbox });
  const secureDataKeyPair = options.secureDataKeyPair ?? MOCK_SECURE_DATA_KEY_PAIR;

  const handle = (route: GatewayRoute): HttpHandler =>
    http[route.method](`${root}${route.path}`, async ({ request, params }) => {
      if (scenario.latencyMs !== undefined) await delay(scenario.latencyMs);
      const refused = await guard?.(request);
      if (refused) return refused;
      const lang = requestLang(request);
      const failure = failureFor(scenario, route.operation);
      if (failure) return failureResponse(failure, envelope, lang);
      const body = route.hasBody ? await readJson(request) : undefined;
      if (body === INVALID_JSON) {
        return respond(
          { ok: false, error: gatewayError('invalidParameter', 'Request body is not valid JSON.') },
          envelope,
          lang,
        );
      }
      let input = body;
      if (route.operation === 'createToken' && isRecord(body) && body.secure_data !== undefined) {
        const opened = await openSecureData(
          body.secure_data,
          secureDataKeyPair,
          Math.floor(db.now().getTime() / 1000),
        );
        if (!opened.ok) return respond(opened, envelope, lang);
        input = { card: opened.card };
      }
      const stringParams: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) {
        if (typeof value === 'string') stringParams[key] = value;
      }
      const result = operations[route.operation]({
        db,
        params: stringParams,
        url: new URL(request.url),
        body: input,
        challenge,
        ...(profile ? { profile } : {}),
      });
      if ('delayMs' in result && result.delayMs) await delay(result.delayMs);
      return respond(result, envelope, lang);
    });

  const mailbox = paymentMailbox(challengeMailbox);
  // With webhooks on, payments see a db that emits one when a transaction settles.
  const payDb = options.webhooks ? toGatewayWebhooks(options.webhooks).watch(db) : db;
  // Payments: the same latency, signature check, language and envelope. Scenario failures that
  // name no operations apply to them too.
  const handlePayment = (route: (typeof PAYMENT_GATEWAY_ROUTES)[number]): HttpHandler =>
    http.post(`${root}${route.path}`, async ({ request }) => {
      if (scenario.latencyMs !== undefined) await delay(scenario.latencyMs);
      const refused = await guard?.(request);
      if (refused) return refused;
      const lang = requestLang(request);
      const failure = scenario.failure?.operations ? undefined : scenario.failure?.kind;
      if (failure) return failureResponse(failure, envelope, lang);
      const body = await readJson(request);
      if (body === INVALID_JSON) {
        return respond(
          { ok: false, error: gatewayError('invalidParameter', 'Request body is not valid JSON.') },
          envelope,
          lang,
        );
      }
      const result = paymentOperations[route.operation]({ db: payDb, body, challenge, mailbox });
      if ('delayMs' in result && result.delayMs) await delay(result.delayMs);
      return respond(result, envelope, lang);
    });

  const handlers = [...GATEWAY_ROUTES.map(handle), ...PAYMENT_GATEWAY_ROUTES.map(handlePayment)];
  // The kit's own pay and status routes, answered as the signing proxy answers them (no proxy
  // in browser-only mode): never signed, the same latency, failures and language.
  handlers.push(
    ...createKitPaymentHandlers({
      baseUrl,
      db: payDb,
      challenge,
      mailbox,
      scenario,
      resolveOrder: options.resolveOrder,
    }),
  );
  // Browser-only mode's secure-data config (the proxy's `secureData` config route otherwise).
  handlers.push(
    createSecureDataConfigHandler({
      baseUrl,
      key: { spki: secureDataKeyPair.spki, pubKeyHash: secureDataKeyPair.pubKeyHash },
      challenge,
      ...(profile ? { expYearDigits: profile.expYearDigits } : {}),
    }),
  );
  // The simulated 3-D Secure challenge's decision route (mock only, never signed): payments first,
  // which pass on any uuid that is not a transaction's.
  handlers.push(createPaymentChallengeHandler({ baseUrl: options.baseUrl, db: payDb }));
  handlers.push(createChallengeHandler({ baseUrl: options.baseUrl, db }));
  // Wonder's signature self-test, served along with signature checking (what it exists to test).
  if (guard) {
    handlers.push(
      createEchoHandler({
        baseUrl: options.baseUrl,
        envelope,
        guard,
        ...(scenario.latencyMs === undefined ? {} : { latencyMs: scenario.latencyMs }),
      }),
    );
  }
  return handlers;
}
