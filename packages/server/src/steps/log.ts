import { randomUUID } from 'node:crypto';
import type { GatewayOperation } from '@savedcards/wire';
import { redactDeep } from '../redact.js';
import type { ProxyAnswer } from './answer.js';

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

/** What the pipeline learnt about a request, for its log entry. */
export interface RequestTrace {
  requestId: string;
  started: number;
  route?: string;
  operation?: GatewayOperation;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Starts a request's trace: the browser's `X-Request-ID` when it is a UUID, else a fresh one. */
export function startTrace(request: Request): RequestTrace {
  const given = request.headers.get('X-Request-ID');
  return {
    requestId: given && UUID.test(given) ? given : randomUUID(),
    started: performance.now(),
  };
}

/** The one log entry of a request. */
export function logEntry(
  request: Request,
  trace: RequestTrace,
  answer: ProxyAnswer,
): ProxyLogEntry {
  return {
    level: answer.level,
    msg: 'wonder proxy request',
    requestId: trace.requestId,
    method: request.method,
    ...(trace.route ? { route: trace.route } : {}),
    ...(trace.operation ? { operation: trace.operation } : {}),
    status: answer.status,
    durationMs: Math.round(performance.now() - trace.started),
    ...(answer.code ? { code: answer.code } : {}),
    ...(answer.upstream?.status === undefined ? {} : { upstreamStatus: answer.upstream.status }),
    ...(answer.upstream?.code ? { upstreamCode: answer.upstream.code } : {}),
    ...(answer.upstream ? { upstreamMs: answer.upstream.ms } : {}),
    ...(answer.detail ? { detail: answer.detail.slice(0, 300) } : {}),
  };
}

/** The log step: every entry redacted (card numbers, CVCs); a failing logger never fails a request. */
export function createRequestLog(logger: ProxyLogger | undefined): (entry: ProxyLogEntry) => void {
  return (entry) => {
    if (!logger) return;
    try {
      logger(redactDeep(entry) as ProxyLogEntry);
    } catch {
      // A failing logger must not fail the request.
    }
  };
}

/** A logger writing one JSON line per entry (entries are already redacted), e.g. to stdout. */
export function createJsonLineLogger(write: (line: string) => void): ProxyLogger {
  return (entry) => write(`${JSON.stringify(entry)}\n`);
}
