/**
 * The mock gateway's webhooks (issue 16, GATEWAY.md §8): when a payment transaction settles
 * (`success` or `failed`, straight from `open_payments` or after its 3-D Secure decision), the mock
 * POSTs a signed event to the merchant's webhook URL, as Wonder does: `Credential`, `Nonce`,
 * `Signature` (Wonder-RSA-SHA256 over `POST\n{path}\n{body}`, with Wonder's key, not the
 * merchant's) and `X-Action` (`order.paid` or `order.payment_failure`). A non-2xx answer (or no
 * answer) is retried with backoff, a bounded number of times. WebCrypto only, like `signature.ts`.
 */
import type { WonderOrder, WonderTransaction } from '@savedcards/wire';
import { formatCredential, formatRequestTime, preSignString } from '@savedcards/wire';
import type { GatewayDb } from './db.js';
import { base64ToBuffer, signatureMessage, subtle, utf8 } from './signature.js';

// TYPES

/** The `X-Action` of a settled payment. */
export type PaymentWebhookAction = 'order.paid' | 'order.payment_failure';

/** What a `sign` function gets: the request as it will be sent. */
export interface WebhookSignInput {
  method: 'POST';
  /** Path and query of the webhook URL, as signed. */
  uri: string;
  /** The body exactly as sent. */
  body: string;
}

export interface GatewayWebhooksOptions {
  /** The merchant's webhook endpoint, absolute (`http://127.0.0.1:8787/api/wonder/webhook`). */
  url: string;
  /**
   * Wonder's webhook private key (PEM PKCS#8, `-----BEGIN PRIVATE KEY-----`) of a TEST key pair: the
   * merchant verifies with its public key. Either this or `sign`.
   */
  privateKey?: string;
  /** Your own signer instead of `privateKey`: the headers `Credential`, `Nonce`, `Signature`. */
  sign?: (input: WebhookSignInput) => Record<string, string> | Promise<Record<string, string>>;
  /** The AppID in `Credential` (Wonder's, not the merchant's). Default `wonder-mock`. */
  appId?: string;
  /**
   * Retries after a non-2xx answer or a network error: `attempts` in all (default 5), the first
   * retry after `delayMs` (default 500), each next one twice as late, at most `maxDelayMs` (default
   * 8000). Wonder itself retries up to 15 times within 24 h.
   */
  retry?: { attempts?: number; delayMs?: number; maxDelayMs?: number };
  /** Each attempt's time limit. Default 10 000 ms. */
  timeoutMs?: number;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Signing clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Called once per event, when it was delivered or given up. */
  onDelivery?: (delivery: WebhookDelivery) => void;
}

/** One event's fate. Holds no body. */
export interface WebhookDelivery {
  action: PaymentWebhookAction;
  reference_number: string;
  transaction_uuid: string;
  outcome: 'delivered' | 'gave_up';
  /** Attempts made (1 when the first was acknowledged). */
  attempts: number;
  /** The last HTTP status, when there was an answer. */
  status?: number;
}

/** The webhook body (*inferred*: like the `orders/check` answer, with the settled transaction). */
export interface PaymentWebhookBody {
  data: { order: WonderOrder; transactions: WonderTransaction[] };
}

export interface GatewayWebhookEmitter {
  /** A view of `db` whose settled transactions emit webhooks (what the handlers use). */
  watch(db: GatewayDb): GatewayDb;
  /** Resolves once every event emitted so far was delivered or given up (retries included). */
  idle(): Promise<void>;
  /** Every event's fate so far, in the order they ended. */
  readonly deliveries: readonly WebhookDelivery[];
}

// EMITTER

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 8000;
/** A retry limit past this is a mistake, not a test. */
const MAX_ATTEMPTS = 15;
const NONCE_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

const WHO = '@savedcards/msw: webhooks';

function nonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => NONCE_CHARS[byte % NONCE_CHARS.length]).join('');
}

function toBase64(buffer: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
  if (!match?.[1]) {
    throw new TypeError(
      `${WHO}.privateKey must be a PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----).`,
    );
  }
  const der = base64ToBuffer(match[1].replace(/\s+/g, ''));
  return subtle().importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'sign',
  ]);
}

/** A signer over WebCrypto: the headers Wonder sends, for this key and AppID. */
function keySigner(privateKey: string, appId: string, now: () => Date) {
  let key: Promise<CryptoKey> | undefined;
  return async ({ method, uri, body }: WebhookSignInput): Promise<Record<string, string>> => {
    key ??= importPrivateKey(privateKey);
    const requestTime = formatRequestTime(now());
    const fresh = nonce();
    const message = await signatureMessage(fresh, requestTime, preSignString(method, uri, body));
    const signature = await subtle().sign('RSASSA-PKCS1-v1_5', await key, utf8(message));
    return {
      Credential: formatCredential(appId, requestTime),
      Nonce: fresh,
      Signature: toBase64(signature),
    };
  };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 0) {
    throw new TypeError(`${WHO}.${name} must be a whole number ≥ 0.`);
  }
  return chosen;
}

const isSettled = (state: string) => state === 'success' || state === 'failed';

/** The transaction as sent: never a 3-D Secure redirect (a settled one has none anyway). */
function publicTransaction(transaction: WonderTransaction): WonderTransaction {
  const { '3ds': _threeDS, ...rest } = transaction;
  return rest;
}

/**
 * Creates the emitter behind `createGatewayHandlers({ webhooks })`. Create it yourself to await
 * deliveries (`await emitter.idle()`) and pass it as `webhooks`.
 */
export function createGatewayWebhooks(options: GatewayWebhooksOptions): GatewayWebhookEmitter {
  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    throw new TypeError(`${WHO}.url must be an absolute URL.`);
  }
  const now = options.now ?? (() => new Date());
  if (!options.sign && typeof options.privateKey !== 'string') {
    throw new TypeError(`${WHO} needs privateKey (PEM) or sign.`);
  }
  const sign =
    options.sign ?? keySigner(options.privateKey ?? '', options.appId ?? 'wonder-mock', now);
  const attempts = Math.min(
    MAX_ATTEMPTS,
    Math.max(1, positiveInteger(options.retry?.attempts, DEFAULT_ATTEMPTS, 'retry.attempts')),
  );
  const delayMs = positiveInteger(options.retry?.delayMs, DEFAULT_DELAY_MS, 'retry.delayMs');
  const maxDelayMs = positiveInteger(
    options.retry?.maxDelayMs,
    DEFAULT_MAX_DELAY_MS,
    'retry.maxDelayMs',
  );
  const timeoutMs = positiveInteger(options.timeoutMs, 10_000, 'timeoutMs');
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const uri = `${target.pathname}${target.search}`;
  const deliveries: WebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();

  async function attempt(body: string, action: PaymentWebhookAction): Promise<number | undefined> {
    try {
      const headers = await sign({ method: 'POST', uri, body });
      const response = await send(target.href, {
        method: 'POST',
        headers: { ...headers, 'X-Action': action, 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read (and drop) the answer, so the connection is free; the time limit bounds it.
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return undefined;
    }
  }

  async function deliver(db: GatewayDb, referenceNumber: string, uuid: string): Promise<void> {
    const found = db.findTransaction(uuid);
    const order = db.getOrder(referenceNumber);
    if (!found || !order) return;
    const { transaction } = found;
    const action: PaymentWebhookAction =
      transaction.state === 'success' ? 'order.paid' : 'order.payment_failure';
    const payload: PaymentWebhookBody = {
      data: { order, transactions: [publicTransaction(transaction)] },
    };
    const body = JSON.stringify(payload);
    let status: number | undefined;
    let made = 0;
    while (made < attempts) {
      if (made > 0) {
        const wait = Math.min(maxDelayMs, delayMs * 2 ** (made - 1));
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      made += 1;
      status = await attempt(body, action);
      if (status !== undefined && status >= 200 && status < 300) break;
    }
    const delivered = status !== undefined && status >= 200 && status < 300;
    const delivery: WebhookDelivery = {
      action,
      reference_number: referenceNumber,
      transaction_uuid: uuid,
      outcome: delivered ? 'delivered' : 'gave_up',
      attempts: made,
      ...(status === undefined ? {} : { status }),
    };
    deliveries.push(delivery);
    try {
      options.onDelivery?.(delivery);
    } catch {
      // A failing listener changes nothing for the gateway.
    }
  }

  /** After the current operation (its order is marked paid right after the transaction). */
  function emit(db: GatewayDb, referenceNumber: string, uuid: string): void {
    const run = Promise.resolve()
      .then(() => deliver(db, referenceNumber, uuid))
      .finally(() => pending.delete(run));
    pending.add(run);
  }

  return {
    watch(db) {
      return {
        ...db,
        addTransaction(referenceNumber, init) {
          const transaction = db.addTransaction(referenceNumber, init);
          if (isSettled(transaction.state)) emit(db, referenceNumber, transaction.uuid);
          return transaction;
        },
        updateTransaction(uuid, patch) {
          const before = db.findTransaction(uuid);
          const transaction = db.updateTransaction(uuid, patch);
          if (before && !isSettled(before.transaction.state) && isSettled(transaction.state)) {
            emit(db, before.referenceNumber, uuid);
          }
          return transaction;
        },
      };
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    deliveries,
  };
}

/** The handlers' `webhooks` option: an emitter as it is, options made into one. */
export function toGatewayWebhooks(
  option: GatewayWebhookEmitter | GatewayWebhooksOptions,
): GatewayWebhookEmitter {
  return 'watch' in option && typeof option.watch === 'function'
    ? option
    : createGatewayWebhooks(option as GatewayWebhooksOptions);
}
