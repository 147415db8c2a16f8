import { GATEWAY_ROUTES, type GatewayLang, type GatewayOperation } from '@savedcards/wire';
import { HttpResponse } from 'msw';
import type { GatewaySeed } from './db.js';
import type { GatewayEnvelope } from './envelope.js';
import { errorBody } from './envelope.js';
import { GATEWAY_ERROR_CODES, type GatewayErrorDefinition } from './errors.js';
import { translateMessage } from './lang.js';

/** One gateway call, named after what it does (`@savedcards/wire`'s routes). */
export type { GatewayOperation };

export const GATEWAY_OPERATIONS: readonly GatewayOperation[] = [
  ...new Set(GATEWAY_ROUTES.map((route) => route.operation)),
];

/**
 * - `server-error`: HTTP 500 with an envelope error (`E000500`)
 * - `network-error`: `HttpResponse.error()`, so `fetch` rejects with a `TypeError`
 * - `malformed-json`: HTTP 200, JSON content type, a truncated JSON body
 * - `unauthorized`: HTTP 401 with an envelope error (`E000002`, as for a bad signature)
 * - `wrong-envelope`: HTTP 200 with JSON that is neither envelope (an array)
 */
export type GatewayFailureKind =
  | 'server-error'
  | 'network-error'
  | 'malformed-json'
  | 'unauthorized'
  | 'wrong-envelope';

export interface GatewayScenario {
  /** Delay before every answer, in ms; `'infinite'` never answers (the request hangs until aborted). */
  latencyMs?: number | 'infinite';
  /** Response envelope; `'B'` also sends tokens in the old shape. Default `'A'`. */
  envelope?: GatewayEnvelope;
  /**
   * Re-seeds the state when the handlers are created: `db.reset({ seed })` on the `db` passed in
   * (the next `db.reset()` brings back the db's own seed), or a fresh db with this seed if none is.
   */
  seed?: GatewaySeed;
  /** Makes the listed operations (default: all) fail this way, without touching state. */
  failure?: { kind: GatewayFailureKind; operations?: GatewayOperation[] };
}

export type GatewayScenarioName =
  | 'default'
  | 'empty'
  | 'slow'
  | 'server-error'
  | 'network-error'
  | 'malformed-json'
  | 'envelope-a'
  | 'envelope-b'
  | 'timeout';

/** Named presets; pass the name (or your own `GatewayScenario`) as `createGatewayHandlers`'s `scenario`. */
export const gatewayScenarios: Readonly<Record<GatewayScenarioName, GatewayScenario>> = {
  default: {},
  empty: { seed: 'empty' },
  slow: { latencyMs: 1500 },
  'server-error': { failure: { kind: 'server-error' } },
  'network-error': { failure: { kind: 'network-error' } },
  'malformed-json': { failure: { kind: 'malformed-json' } },
  'envelope-a': { envelope: 'A' },
  'envelope-b': { envelope: 'B' },
  timeout: { latencyMs: 'infinite' },
};

export function resolveScenario(
  scenario: GatewayScenarioName | GatewayScenario | undefined,
): GatewayScenario {
  if (scenario === undefined) return gatewayScenarios.default;
  if (typeof scenario !== 'string') return scenario;
  const preset = Object.hasOwn(gatewayScenarios, scenario) ? gatewayScenarios[scenario] : undefined;
  if (!preset) throw new Error(`@savedcards/msw: unknown scenario "${String(scenario)}"`);
  return preset;
}

/** The failure this scenario applies to `operation`, if any. */
export function failureFor(
  scenario: GatewayScenario,
  operation: GatewayOperation,
): GatewayFailureKind | undefined {
  const failure = scenario.failure;
  if (!failure) return undefined;
  if (failure.operations && !failure.operations.includes(operation)) return undefined;
  return failure.kind;
}

const TRUNCATED_JSON: Record<GatewayEnvelope, string> = {
  A: '{"error_code":"","error_message":"","data":{"customer":{"uuid":"00000000-',
  B: '{"code":0,"message":"success","data":{"payment_tokens":[{"token_type":"Cre',
};

export function failureResponse(
  kind: GatewayFailureKind,
  envelope: GatewayEnvelope,
  lang: GatewayLang = 'en',
): Response {
  const answer = ({ code, message, status }: GatewayErrorDefinition) =>
    HttpResponse.json(
      errorBody(envelope, { code, message: translateMessage(code, message, lang) }),
      {
        status,
      },
    );
  switch (kind) {
    case 'server-error':
      return answer(GATEWAY_ERROR_CODES.internalError);
    case 'unauthorized':
      return answer(GATEWAY_ERROR_CODES.invalidCredential);
    case 'network-error':
      return HttpResponse.error();
    case 'malformed-json':
      return new HttpResponse(TRUNCATED_JSON[envelope], {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    case 'wrong-envelope':
      return HttpResponse.json([{ foo: 1 }], { status: 200 });
  }
}
