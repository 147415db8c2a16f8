import type { ServerResponse } from 'node:http';
import type { ProxyErrorName } from '@savedcards/wire';
import { errorEnvelope, isHttpOk, PROXY_ERRORS } from '@savedcards/wire';
import type { WonderCallResult } from '../client.js';
import { WonderRequestError } from '../errors.js';
import { redact, sanitizeGatewayData } from '../redact.js';

/** Severity of the request's log entry. */
export type AnswerLevel = 'info' | 'warn' | 'error';

interface AnswerInit {
  status: number;
  /** The exact JSON text answered to the browser. */
  body: string;
  headers?: Record<string, string>;
  level: AnswerLevel;
  /** Error code answered, when it is an error. */
  code?: string;
  /** Extra context for the log entry (redacted there). */
  detail?: string;
  upstream?: { status?: number; code?: string; ms: number };
}

/**
 * The answer step: what the proxy answers the browser, and what its log entry says about it. A step
 * that refuses returns one of these instead of its value, and the pipeline answers it.
 */
export class ProxyAnswer implements AnswerInit {
  status: number;
  body: string;
  headers?: Record<string, string>;
  level: AnswerLevel;
  code?: string;
  detail?: string;
  upstream?: { status?: number; code?: string; ms: number };

  constructor(init: AnswerInit) {
    this.status = init.status;
    this.body = init.body;
    this.level = init.level;
    if (init.headers) this.headers = init.headers;
    if (init.code !== undefined) this.code = init.code;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.upstream) this.upstream = init.upstream;
  }
}

/** Envelope A text, which the browser client reads like a gateway error. */
function errorBody(code: string, message: string): string {
  return JSON.stringify(errorEnvelope('A', { code, message }));
}

/** One of the proxy's own refusals (`PROXY_ERRORS`), in envelope A. */
export function refuse(
  name: ProxyErrorName,
  extra: Partial<AnswerInit> = {},
  message?: string,
): ProxyAnswer {
  const error = PROXY_ERRORS[name];
  return new ProxyAnswer({
    status: error.status,
    body: errorBody(error.code, message ?? error.message),
    level: error.status >= 500 ? 'error' : 'info',
    code: error.code,
    ...extra,
  });
}

/**
 * Wonder's reply, read with the one envelope rule (`readEnvelope` of @savedcards/wire, applied by the
 * client): a success is relayed with any card data masked; a gateway error is relayed in envelope A
 * with its code and (redacted) message; anything else becomes one of the proxy's own errors.
 */
export function answerUpstream(result: WonderCallResult, timeoutMs: number): ProxyAnswer {
  switch (result.kind) {
    case 'timeout':
      return refuse(
        'upstreamTimeout',
        { upstream: { ms: result.durationMs } },
        `Wonder Gateway did not answer within ${timeoutMs} ms.`,
      );
    case 'network':
      return refuse('upstreamUnreachable', { upstream: { ms: result.durationMs } });
    case 'aborted':
      return refuse('clientClosed', { upstream: { ms: result.durationMs }, level: 'info' });
    case 'too-large':
      return refuse('upstreamTooLarge', { upstream: { ms: result.durationMs } });
  }
  const { status, envelope, json, text } = result;
  const upstream = {
    ms: result.durationMs,
    status,
    ...(envelope.ok || envelope.code === '' ? {} : { code: envelope.code }),
  };
  if (status === 401 || status === 403) {
    return refuse('upstreamAuth', {
      upstream,
      detail: envelope.ok || envelope.message === '' ? `HTTP ${status}` : redact(envelope.message),
    });
  }
  if (envelope.ok) {
    const sanitized = sanitizeGatewayData(json);
    return new ProxyAnswer({
      status,
      body: sanitized === undefined ? text : JSON.stringify(sanitized),
      level: 'info',
      upstream,
      ...(sanitized === undefined ? {} : { detail: 'masked card data in the gateway response' }),
    });
  }
  if (envelope.failure === 'gateway' && (isHttpOk(status) || (status >= 400 && status < 600))) {
    const code = redact(envelope.code);
    return new ProxyAnswer({
      status,
      body: errorBody(code, redact(envelope.message) || `Wonder Gateway answered HTTP ${status}.`),
      level: status >= 500 ? 'error' : 'info',
      code,
      upstream,
    });
  }
  if (envelope.failure === 'http' && status >= 400 && status < 600) {
    const failed = refuse(
      'upstreamError',
      { upstream },
      `Wonder Gateway failed with HTTP ${status}.`,
    );
    // A 5xx keeps its status (the browser may retry it); a 4xx without an envelope is the proxy's 502.
    if (status >= 500) failed.status = status;
    return failed;
  }
  return refuse('upstreamInvalidResponse', { upstream, detail: `HTTP ${status}` });
}

/** A failed `ensureCustomer` (the session step's own upsert) as an answer. */
export function answerEnsureFailure(error: unknown): ProxyAnswer {
  if (!(error instanceof WonderRequestError)) throw error;
  if (error.kind === 'timeout') return refuse('upstreamTimeout', { detail: error.message });
  if (error.kind === 'network') return refuse('upstreamUnreachable', { detail: error.message });
  if (error.status === 401 || error.status === 403) {
    return refuse('upstreamAuth', { detail: error.message });
  }
  return refuse('upstreamError', { detail: error.message });
}

/** The headers every answer carries: JSON, never cached, with the request id. */
function fixedHeaders(requestId: string): [string, string][] {
  return [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Cache-Control', 'no-store'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Request-ID', requestId],
  ];
}

/** The `Response` for an answer: JSON, never cached, with the request id. */
export function toResponse(answer: ProxyAnswer, requestId: string): Response {
  const headers = new Headers(answer.headers);
  for (const [name, value] of fixedHeaders(requestId)) headers.set(name, value);
  return new Response(answer.body, { status: answer.status, headers });
}

/**
 * The same answer written straight to Node's response (the Node adapters' path): the same status,
 * headers and bytes as `toResponse`, without building a Web `Response` and reading it back.
 */
export function writeAnswer(res: ServerResponse, answer: ProxyAnswer, requestId: string): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  for (const [name, value] of fixedHeaders(requestId)) res.setHeader(name, value);
  res.setHeader('Content-Length', Buffer.byteLength(answer.body, 'utf8'));
  // The body as text: Node joins it to the head, where a Buffer is a chunk of its own (issue 15).
  res.end(answer.body, 'utf8');
}
