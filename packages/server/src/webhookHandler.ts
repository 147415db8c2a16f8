import { loadPublicKey } from './keys.js';
import { redact } from './redact.js';
import type {
  VerifyWonderWebhookOptions,
  WebhookRefusalReason,
  WonderWebhookEvent,
} from './webhook.js';
import { verifyWonderWebhook } from './webhook.js';
import { createMemoryWebhookNonceStore } from './webhookNonceStore.js';

/** One log entry per webhook. Never a body, never card data. */
export interface WebhookLogEntry {
  level: 'info' | 'warn' | 'error';
  msg: 'wonder webhook';
  /** Status answered to Wonder. */
  status: number;
  durationMs: number;
  /** Why it was refused. */
  reason?: WebhookRefusalReason | 'method_not_allowed' | 'verify_failed' | 'on_event_failed';
  /** `X-Action` (redacted, at most 64 characters), once verified. */
  action?: string;
  /** The order's `reference_number` (redacted), once verified. */
  referenceNumber?: string;
  /** The error `onEvent` threw: its name and redacted message (at most 300 characters). */
  detail?: string;
}

export type WebhookLogger = (entry: WebhookLogEntry) => void;

export interface WonderWebhookHandlerOptions extends Omit<VerifyWonderWebhookOptions, 'now'> {
  /**
   * Your work: mark the order paid, failed, refunded… Wonder gets 2xx only after this resolves; if
   * it throws, Wonder gets 500 and retries (up to 15 times in 24 h), so make it idempotent.
   */
  onEvent: (event: WonderWebhookEvent) => unknown | Promise<unknown>;
  /** Default: JSON lines on stderr for refusals and failures, nothing for accepted webhooks. */
  log?: WebhookLogger;
  /** The clock. Default: now. */
  now?: () => Date;
}

const STATUS: Record<WebhookRefusalReason, number> = {
  missing_headers: 401,
  bad_credential: 401,
  stale: 401,
  bad_signature: 401,
  replayed: 401,
  too_large: 413,
  malformed_body: 400,
};

function defaultLog(entry: WebhookLogEntry): void {
  if (entry.level !== 'info') process.stderr.write(`${JSON.stringify(entry)}\n`);
}

function answer(status: number, body: Record<string, unknown>, extra?: HeadersInit): Response {
  const headers = new Headers(extra);
  headers.set('Content-Type', 'application/json');
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers });
}

function describe(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : '';
  return redact(message ? `${name}: ${message}` : name).slice(0, 300);
}

/**
 * A Web-standard `(Request) => Promise<Response>` endpoint for Wonder's webhooks: verifies each one
 * (`verifyWonderWebhook`), hands the event to `onEvent`, and answers 200 only after `onEvent`
 * resolved. 401 for a missing or bad signature, a stale time or a replay; 400 for a signed body that
 * is not JSON; 413 for a body over `maxBodyBytes`; 405 for anything but POST; 500 when `onEvent`
 * throws (its nonce is released, so Wonder's retry goes through) or the nonce store fails.
 */
export function createWonderWebhookHandler(
  options: WonderWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  if (typeof options?.onEvent !== 'function') {
    throw new TypeError('@savedcards/server: `onEvent` is required: (event) => mark the order.');
  }
  const { onEvent, log = defaultLog, ...rest } = options;
  const verifyOptions: VerifyWonderWebhookOptions = {
    ...rest,
    // Load (and check) the key once, not per webhook.
    publicKey: loadPublicKey(options.publicKey),
    nonceStore: options.nonceStore ?? createMemoryWebhookNonceStore(),
  };
  const nonceStore = verifyOptions.nonceStore;

  return async (request) => {
    const started = performance.now();
    const done = (entry: Omit<WebhookLogEntry, 'msg' | 'durationMs'>, response: Response) => {
      try {
        log({
          ...entry,
          msg: 'wonder webhook',
          durationMs: Math.round(performance.now() - started),
        });
      } catch {
        // A failing logger must not change the answer to Wonder.
      }
      return response;
    };

    if (request.method !== 'POST') {
      return done(
        { level: 'warn', status: 405, reason: 'method_not_allowed' },
        answer(405, { error: 'method_not_allowed' }, { Allow: 'POST' }),
      );
    }
    let result: Awaited<ReturnType<typeof verifyWonderWebhook>>;
    try {
      result = await verifyWonderWebhook(request, verifyOptions);
    } catch (error) {
      // The nonce store failed (Redis down…): 500, so Wonder tries again later.
      return done(
        { level: 'error', status: 500, reason: 'verify_failed', detail: describe(error) },
        answer(500, { error: 'verify_failed' }),
      );
    }
    if (!result.ok) {
      const status = STATUS[result.reason];
      return done(
        { level: 'warn', status, reason: result.reason },
        answer(status, { error: result.reason }),
      );
    }
    const { event } = result;
    const known = {
      action: redact(event.action).slice(0, 64),
      ...(event.referenceNumber ? { referenceNumber: redact(event.referenceNumber) } : {}),
    };
    try {
      await onEvent(event);
    } catch (error) {
      await nonceStore?.release(event.nonce).catch(() => {});
      return done(
        {
          level: 'error',
          status: 500,
          reason: 'on_event_failed',
          ...known,
          detail: describe(error),
        },
        answer(500, { error: 'on_event_failed' }),
      );
    }
    return done({ level: 'info', status: 200, ...known }, answer(200, { received: true }));
  };
}
