import { isRecord, KIT_PAY_PATHS } from '@savedcards/wire';
import type { ProxyAnswer } from './answer.js';
import { refuse } from './answer.js';

/** Which of the kit's payment routes a request is (issue 16). */
export type PayRouteKind = keyof typeof KIT_PAY_PATHS;

/** The pay route step: `{mount}/savedcards/v1/payments(/status)`, POST only (else 405). */
export function matchPayRoute(
  mountPath: string,
  request: Request,
): PayRouteKind | ProxyAnswer | undefined {
  const { pathname } = new URL(request.url);
  const kind = (Object.keys(KIT_PAY_PATHS) as PayRouteKind[]).find(
    (name) => pathname === `${mountPath}${KIT_PAY_PATHS[name]}`,
  );
  if (!kind) return undefined;
  if (request.method.toUpperCase() !== 'POST') {
    return refuse('methodNotAllowed', { headers: { Allow: 'POST' } });
  }
  return kind;
}

/** What the browser may name: the order and (to pay) the token. Never an amount. */
export interface PayBody {
  orderId: string;
  /** Set for `pay`. */
  token?: string;
  /** Other fields the browser sent (amount, currency, customer…): ignored, logged as tampering. */
  ignored: string[];
}

/** A pay body is two ids: far below the proxy's general limit. */
const MAX_PAY_BODY_BYTES = 2048;
const MAX_ID_LENGTH = 255;

async function readLimited(request: Request, timeoutMs: number): Promise<string | ProxyAnswer> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), deadline]);
      if (read === 'late') {
        await reader.cancel().catch(() => undefined);
        return refuse('requestTimeout');
      }
      if (read.done) break;
      size += read.value.byteLength;
      if (size > MAX_PAY_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        return refuse('bodyTooLarge');
      }
      chunks.push(read.value);
    }
  } finally {
    clearTimeout(timer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return refuse('invalidJson');
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ID_LENGTH;
}

/**
 * The pay body step: JSON (415 otherwise), at most 2 KiB, `order_id` (and `token` to pay) as
 * non-empty strings. Any other field is dropped and its name (never its value) reported.
 */
export async function readPayBody(
  kind: PayRouteKind,
  request: Request,
  bodyTimeoutMs: number,
): Promise<PayBody | ProxyAnswer> {
  const type = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return refuse('unsupportedMediaType');
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (Number.isFinite(declared) && declared > MAX_PAY_BODY_BYTES) return refuse('bodyTooLarge');
  const text = await readLimited(request, bodyTimeoutMs);
  if (typeof text !== 'string') return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse('invalidJson');
  }
  if (!isRecord(body)) return refuse('invalidBody', {}, 'The body must be a JSON object.');
  const allowed = kind === 'pay' ? ['order_id', 'token'] : ['order_id'];
  if (!isId(body.order_id)) {
    return refuse('invalidBody', {}, 'order_id must be a non-empty string.');
  }
  if (kind === 'pay' && !isId(body.token)) {
    return refuse('invalidBody', {}, 'token must be a non-empty string.');
  }
  const ignored = Object.keys(body)
    .filter((key) => !allowed.includes(key))
    .slice(0, 10)
    .map((key) => key.slice(0, 40));
  return {
    orderId: body.order_id,
    ...(kind === 'pay' ? { token: body.token as string } : {}),
    ignored,
  };
}
