import { isRecord, readScalarText } from './record.js';

/**
 * The one rule for reading Wonder's answers (GATEWAY.md §3), used by the browser client, the signing
 * proxy and the mock gateway alike, so they can never disagree on what an answer means.
 *
 * Two envelopes exist: A `{error_code, error_message, data}` and B `{code, message, data}`.
 * - **success** = HTTP 2xx and, where present, `code` ∈ {0, 200} (number or string) and
 *   `error_code` empty or `"0"` (`null` counts as absent);
 * - **message** = `message ?? error_message` (the first that is text);
 * - **code** of an error = the failing `error_code`, else the failing `code`.
 *
 * A body is an envelope when it is a JSON object with at least one of `data`, `code` or
 * `error_code`. So a bare `{"data": …}` with HTTP 200 is a success, and `{"code": 500,
 * "error_code": "", "message": "boom"}` is an error with code `500`.
 */
export type EnvelopeReading =
  /** HTTP 2xx and an envelope that says success. */
  | { ok: true; data: unknown }
  /** The envelope says failure (whatever the HTTP status). */
  | { ok: false; failure: 'gateway'; code: string; message: string; data: unknown }
  /** A non-2xx status whose body is no envelope, or an envelope that does not say failure. */
  | { ok: false; failure: 'http'; code: ''; message: string; data: unknown }
  /** HTTP 2xx whose body is not an envelope (not JSON, not an object, none of the keys). */
  | { ok: false; failure: 'not-an-envelope'; code: ''; message: ''; data: undefined };

export type EnvelopeFailure = Exclude<EnvelopeReading, { ok: true }>['failure'];

/** `code` values that mean success (envelope B). */
export const SUCCESS_CODES: ReadonlySet<string> = new Set(['0', '200']);

/** `true` for HTTP 2xx. */
export function isHttpOk(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Whether a parsed JSON body has the shape of one of Wonder's envelopes. */
export function isEnvelope(body: unknown): body is Record<string, unknown> {
  return isRecord(body) && ('data' in body || 'code' in body || 'error_code' in body);
}

function failingCode(value: unknown, success: (code: string) => boolean): string | undefined {
  const code = readScalarText(value);
  return code === undefined || code === '' || success(code) ? undefined : code;
}

/**
 * Reads one answer: the HTTP `status` and the parsed JSON `body` (`undefined` when the body was
 * empty or not JSON). Never throws.
 */
export function readEnvelope(status: number, body: unknown): EnvelopeReading {
  if (!isEnvelope(body)) {
    return isHttpOk(status)
      ? { ok: false, failure: 'not-an-envelope', code: '', message: '', data: undefined }
      : {
          ok: false,
          failure: 'http',
          code: '',
          message: (isRecord(body) && messageOf(body)) || '',
          data: undefined,
        };
  }
  const errorCode = failingCode(body.error_code, (code) => code === '0');
  const code = failingCode(body.code, (value) => SUCCESS_CODES.has(value));
  const message = messageOf(body);
  if (errorCode !== undefined || code !== undefined) {
    return {
      ok: false,
      failure: 'gateway',
      code: errorCode ?? code ?? '',
      message,
      data: body.data,
    };
  }
  if (!isHttpOk(status)) {
    return { ok: false, failure: 'http', code: '', message, data: body.data };
  }
  return { ok: true, data: body.data };
}

function messageOf(body: Record<string, unknown>): string {
  return readScalarText(body.message) ?? readScalarText(body.error_message) ?? '';
}

/** Parses a body's text as JSON for `readEnvelope`: `undefined` when empty or not JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `'A'`: `{"error_code": "", "error_message": "", "data": …}` (newer responses; what the proxy
 * writes for its own errors). `'B'`: `{"code": 0, "message": "success", "data": …}` (older responses).
 */
export type EnvelopeStyle = 'A' | 'B';

/** A success body in either envelope. */
export function successEnvelope(style: EnvelopeStyle, data: unknown): Record<string, unknown> {
  return style === 'B'
    ? { code: 0, message: 'success', data }
    : { error_code: '', error_message: '', data };
}

/** An error body in either envelope (`data: null` in A; B's documented example has no `data`). */
export function errorEnvelope(
  style: EnvelopeStyle,
  error: { code: string; message: string },
): Record<string, unknown> {
  return style === 'B'
    ? { code: error.code, message: error.message }
    : { error_code: error.code, error_message: error.message, data: null };
}
