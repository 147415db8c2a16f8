/** What one gateway answer says, read tolerantly (GATEWAY.md §3: envelopes A and B). */
export interface ReadEnvelope {
  ok: boolean;
  code: string;
  message: string;
  data: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SUCCESS_CODES = new Set(['0', '200']);

/**
 * Envelope A `{error_code, error_message, data}` or B `{code, message, data}`; `undefined` for
 * anything else. Success = `code` in {0, 200} or `error_code` empty/absent/"0" (the HTTP status is
 * the caller's to check).
 */
export function readEnvelope(json: unknown): ReadEnvelope | undefined {
  if (!isRecord(json)) return undefined;
  if ('error_code' in json || 'error_message' in json) {
    const code =
      json.error_code === undefined || json.error_code === null ? '' : String(json.error_code);
    return {
      ok: code === '' || code === '0',
      code,
      message: typeof json.error_message === 'string' ? json.error_message : '',
      data: json.data,
    };
  }
  if ('code' in json) {
    const code = String(json.code);
    return {
      ok: SUCCESS_CODES.has(code),
      code,
      message: typeof json.message === 'string' ? json.message : '',
      data: json.data,
    };
  }
  return undefined;
}

/** The proxy's own answers use envelope A: `{"error_code","error_message","data":null}`. */
export function errorEnvelope(code: string, message: string): string {
  return JSON.stringify({ error_code: code, error_message: message, data: null });
}
