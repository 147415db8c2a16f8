import { delay, HttpResponse, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { GatewayDb } from './db.js';
import { createGatewayDb } from './db.js';
import type { GatewayEnvelope } from './envelope.js';
import { errorBody, successBody } from './envelope.js';
import { gatewayError } from './errors.js';
import type { OperationResult } from './operations.js';
import { operations } from './operations.js';
import { GATEWAY_ROUTES, OPENAPI_PREFIX } from './routes.js';
import type { GatewayRoute } from './routes.js';
import type { GatewayScenario, GatewayScenarioName } from './scenarios.js';
import { failureFor, failureResponse, resolveScenario } from './scenarios.js';

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

function respond(result: OperationResult, envelope: GatewayEnvelope): Response {
  return result.ok
    ? HttpResponse.json(successBody(envelope, result.data))
    : HttpResponse.json(errorBody(envelope, result.error), { status: result.error.status });
}

/**
 * msw handlers for Wonder Gateway's Customer Management API, served from `db` and shaped by
 * `scenario`. Happy paths by default; pass a scenario (or `server.use()` a second set) for failures.
 * A scenario with a `seed` (preset `'empty'`) re-seeds `db` right here, when the handlers are created.
 */
export function createGatewayHandlers(options: GatewayHandlersOptions): HttpHandler[] {
  const scenario = resolveScenario(options.scenario);
  const db = options.db ?? createGatewayDb({ seed: scenario.seed });
  if (options.db && scenario.seed) options.db.reset({ seed: scenario.seed });
  const envelope = scenario.envelope ?? 'A';
  const root = `${options.baseUrl.replace(/\/+$/, '')}${OPENAPI_PREFIX}`;

  const handle = (route: GatewayRoute): HttpHandler =>
    http[route.method](`${root}${route.path}`, async ({ request, params }) => {
      if (scenario.latencyMs !== undefined) await delay(scenario.latencyMs);
      const failure = failureFor(scenario, route.operation);
      if (failure) return failureResponse(failure, envelope);
      const body = route.hasBody ? await readJson(request) : undefined;
      if (body === INVALID_JSON) {
        return respond(
          { ok: false, error: gatewayError('invalidParameter', 'Request body is not valid JSON.') },
          envelope,
        );
      }
      const stringParams: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) {
        if (typeof value === 'string') stringParams[key] = value;
      }
      const result = operations[route.operation]({
        db,
        params: stringParams,
        url: new URL(request.url),
        body,
      });
      return respond(result, envelope);
    });

  return GATEWAY_ROUTES.map(handle);
}
