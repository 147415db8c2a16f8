export type Envelope =
  | { ok: true; data: unknown }
  | { ok: false; code: string; message: string; data: unknown };

const SUCCESS_CODES = new Set(['0', '200']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return undefined;
}

/**
 * Reads either of Wonder's envelopes (GATEWAY.md §3):
 * A `{error_code, error_message, data}` or B `{code, message, data}`.
 * Returns `null` for a body that is neither, so the caller can report an invalid response.
 */
export function readEnvelope(body: unknown): Envelope | null {
  if (!isRecord(body) || !('data' in body || 'code' in body || 'error_code' in body)) {
    return null;
  }
  const code = text(body.code);
  const errorCode = text(body.error_code);
  const codeFailed = code !== undefined && code !== '' && !SUCCESS_CODES.has(code);
  const errorCodeFailed = errorCode !== undefined && errorCode !== '' && errorCode !== '0';
  if (!codeFailed && !errorCodeFailed) {
    return { ok: true, data: body.data };
  }
  const message = text(body.error_message) ?? text(body.message) ?? text(body.msg) ?? '';
  return {
    ok: false,
    code: (errorCodeFailed ? errorCode : code) ?? '',
    message,
    data: body.data,
  };
}
