import { randomUUID } from 'node:crypto';
import type { GatewayOperation } from '@savedcards/wire';
import { redact } from '../redact.js';
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

/**
 * The entry with card numbers and CVCs out of every string that could hold one. An entry is flat
 * and its other fields cannot: numbers, the level, our own message, route template, operation and
 * error code, and a request id that is a UUID (checked in `startTrace`). The method, the gateway's
 * code and the detail come from outside: those are redacted. Cheaper than walking the entry
 * (`redactDeep`), which copied every field on every request.
 */
function redactEntry(entry: ProxyLogEntry): ProxyLogEntry {
  const out: ProxyLogEntry = { ...entry };
  if (typeof entry.method === 'string') out.method = redact(entry.method);
  if (typeof entry.upstreamCode === 'string') out.upstreamCode = redact(entry.upstreamCode);
  if (typeof entry.detail === 'string') out.detail = redact(entry.detail);
  if (typeof entry.code === 'string') out.code = redact(entry.code);
  if (typeof entry.requestId === 'string' && !UUID.test(entry.requestId)) {
    out.requestId = redact(entry.requestId);
  }
  return out;
}

/** The log step: every entry redacted (card numbers, CVCs); a failing logger never fails a request. */
export function createRequestLog(logger: ProxyLogger | undefined): (entry: ProxyLogEntry) => void {
  return (entry) => {
    if (!logger) return;
    try {
      logger(redactEntry(entry));
    } catch {
      // A failing logger must not fail the request.
    }
  };
}

/** A logger writing one JSON line per entry (entries are already redacted), e.g. to stdout. */
export function createJsonLineLogger(write: (line: string) => void): ProxyLogger {
  return (entry) => write(`${JSON.stringify(entry)}\n`);
}
