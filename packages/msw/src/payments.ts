import {
  CONSUME_MODES,
  type ConsumeMode,
  ENTRY_TYPES,
  type EntryType,
  type GatewayLang,
  isRecord,
  PAYMENT_GATEWAY_ERRORS,
  PAYMENT_INFERRED,
  type PaymentGatewayErrorName,
  type WonderOrder,
  type WonderTransaction,
} from '@savedcards/wire';
import { HttpResponse, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { ChallengeContext, ChallengeDecision, ChallengeMailbox } from './challenge.js';
import { CHALLENGE_MAILBOX_PREFIX, MOCK_3DS_PATH } from './challenge.js';
import type { GatewayDb } from './db.js';
import type { GatewayErrorDefinition } from './errors.js';
import { gatewayError } from './errors.js';
import type { OperationResult } from './operations.js';
import { paymentBehaviourOf, SLOW_PAYMENT_MS } from './scenarioCards.js';

/**
 * Wonder's payment routes in the mock gateway (issue 16, GATEWAY.md §8): `open_payments` pays an
 * order with a saved token, `orders/check` reads the order and its transactions. Outcomes follow
 * the card's number (`PAYMENT_SCENARIO_CARDS`). The ledger lives in the db (`db.orders()`,
 * `db.transactions()`); `db.reset()` empties it.
 */

/** One payment route, named after what it does. */
export type PaymentOperation = 'openPayments' | 'checkOrder';

export interface PaymentOperationRequest {
  db: GatewayDb;
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown;
  /** Redirect and return URLs of the 3-D Secure challenge (shared with the add-card flow). */
  challenge: ChallengeContext;
  /** Where the challenge page leaves decisions (`localStorage` in a browser), or none. */
  mailbox: () => ChallengeMailbox | null;
}

const ok = (data: unknown, delayMs?: number): OperationResult =>
  delayMs === undefined ? { ok: true, data } : { ok: true, data, delayMs };
const fail = (error: GatewayErrorDefinition): OperationResult => ({ ok: false, error });
const paymentError = (name: PaymentGatewayErrorName): GatewayErrorDefinition =>
  PAYMENT_GATEWAY_ERRORS[name];
const invalid = (message: string) => fail(gatewayError('invalidParameter', message));

/** A decimal amount in cents, or `undefined` when it is not a positive amount with ≤ 2 decimals. */
function toCents(amount: string): number | undefined {
  if (!PAYMENT_INFERRED.amountFormat.test(amount)) return undefined;
  const [units = '0', decimals = ''] = amount.split('.');
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents > 0 ? cents : undefined;
}

function optionalString(
  record: Record<string, unknown>,
  field: string,
  where: string,
): { ok: true; value: string | undefined } | { ok: false; result: OperationResult } {
  const value = record[field];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== 'string' || [...value].length > 255) {
    return {
      ok: false,
      result: invalid(`${where}.${field} must be a string of at most 255 characters.`),
    };
  }
  return { ok: true, value };
}

function isExpired(expMonth: string, expYear: string, now: Date): boolean {
  const month = Number(expMonth);
  const year = expYear.length === 2 ? 2000 + Number(expYear) : Number(expYear);
  if (!Number.isFinite(month) || !Number.isFinite(year)) return false;
  return year * 12 + month < now.getFullYear() * 12 + now.getMonth() + 1;
}

function failedFields(name: PaymentGatewayErrorName) {
  const { code, message } = PAYMENT_GATEWAY_ERRORS[name];
  return { state: 'failed' as const, allowed_void: false, error_code: code, error_msg: message };
}

interface ValidPayment {
  amount: string;
  cents: number;
  token: string;
  consume_mode: ConsumeMode;
  entry_type: EntryType;
}

function readPayment(body: Record<string, unknown>): ValidPayment | OperationResult {
  const payment = body.payment;
  const input = isRecord(payment) ? payment.payment_token : undefined;
  if (!isRecord(input)) return invalid('payment.payment_token is required.');
  const { amount, token, consume_mode: consumeMode, entry_type: entryType } = input;
  if (typeof amount !== 'string' || amount === '') {
    return invalid('payment.payment_token.amount is required, as a decimal string.');
  }
  const cents = toCents(amount);
  if (cents === undefined) {
    return invalid(
      'payment.payment_token.amount must be a positive decimal with at most 2 decimals, e.g. "12.50".',
    );
  }
  if (typeof token !== 'string' || token === '') {
    return invalid('payment.payment_token.token is required.');
  }
  if (!CONSUME_MODES.includes(consumeMode as ConsumeMode)) {
    return invalid(
      `payment.payment_token.consume_mode must be one of ${CONSUME_MODES.join(', ')}.`,
    );
  }
  if (!ENTRY_TYPES.includes(entryType as EntryType)) {
    return invalid(`payment.payment_token.entry_type must be one of ${ENTRY_TYPES.join(', ')}.`);
  }
  return {
    amount,
    cents,
    token,
    consume_mode: consumeMode as ConsumeMode,
    entry_type: entryType as EntryType,
  };
}

type OrderRef =
  | { kind: 'inline'; order: Omit<WonderOrder, 'amount' | 'correspondence_state'> }
  | { kind: 'existing'; reference_number: string };

function readOrder(body: Record<string, unknown>): OrderRef | OperationResult {
  const { order, reference_number: reference } = body;
  if (order !== undefined && reference !== undefined) {
    return invalid('Send either order or reference_number, not both.');
  }
  if (order === undefined) {
    if (typeof reference !== 'string' || reference.trim() === '') {
      return invalid('order (or the reference_number of an existing order) is required.');
    }
    return { kind: 'existing', reference_number: reference };
  }
  if (!isRecord(order)) return invalid('order must be an object.');
  const referenceNumber = optionalString(order, 'reference_number', 'order');
  if (!referenceNumber.ok) return referenceNumber.result;
  if (!referenceNumber.value?.trim()) return invalid('order.reference_number is required.');
  if (typeof order.currency !== 'string' || !/^[A-Z]{3}$/.test(order.currency)) {
    return invalid('order.currency must be an ISO 4217 code of three capital letters, e.g. "HKD".');
  }
  const extras: { note?: string; due_date?: string } = {};
  for (const field of ['note', 'due_date', 'charge_fee'] as const) {
    const read = optionalString(order, field, 'order');
    if (!read.ok) return read.result;
    if (read.value !== undefined && field !== 'charge_fee') extras[field] = read.value;
  }
  if (order.line_items !== undefined && !Array.isArray(order.line_items)) {
    return invalid('order.line_items must be an array.');
  }
  return {
    kind: 'inline',
    order: { reference_number: referenceNumber.value, currency: order.currency, ...extras },
  };
}

/**
 * `POST P/open_payments`: validates like the gateway, checks the token (it must exist and be
 * `success`) and the order (not paid, no payment waiting for 3-D Secure, same amount and currency),
 * then records one transaction whose outcome the card's number chooses.
 */
const openPayments = ({ db, body, challenge }: PaymentOperationRequest): OperationResult => {
  if (!isRecord(body)) return invalid('payment is required.');
  const payment = readPayment(body);
  if ('ok' in payment) return payment;
  const orderRef = readOrder(body);
  if ('ok' in orderRef) return orderRef;

  const found = db.findToken(payment.token);
  if (!found) return fail(gatewayError('tokenNotFound', 'No payment token has this token.'));
  if (found.token.state !== 'success') return fail(gatewayError('tokenNotUsable'));

  const referenceNumber =
    orderRef.kind === 'inline' ? orderRef.order.reference_number : orderRef.reference_number;
  const existing = db.getOrder(referenceNumber);
  let order: WonderOrder;
  if (!existing) {
    if (orderRef.kind === 'existing') return fail(paymentError('orderNotFound'));
    order = db.putOrder({
      ...orderRef.order,
      amount: payment.amount,
      correspondence_state: 'unpaid',
    });
  } else {
    if (existing.correspondence_state === 'paid') return fail(paymentError('orderAlreadyPaid'));
    if (db.transactions(referenceNumber).some((t) => t.state === 'pending')) {
      return fail(paymentError('paymentInProgress'));
    }
    const currency = orderRef.kind === 'inline' ? orderRef.order.currency : existing.currency;
    if (currency !== existing.currency || toCents(existing.amount) !== payment.cents) {
      return fail(paymentError('orderMismatch'));
    }
    order = existing;
  }

  const card = found.token.credit_card;
  const base = {
    amount: payment.amount,
    currency: order.currency,
    payment_token: payment.token,
    consume_mode: payment.consume_mode,
    entry_type: payment.entry_type,
  };
  const succeed = () => {
    const transaction = db.addTransaction(referenceNumber, {
      ...base,
      state: 'success',
      allowed_void: true,
      error_code: '',
      error_msg: '',
    });
    return { order: db.putOrder({ ...order, correspondence_state: 'paid' }), transaction };
  };
  const failWith = (name: PaymentGatewayErrorName) => ({
    order,
    transaction: db.addTransaction(referenceNumber, { ...base, ...failedFields(name) }),
  });

  if (isExpired(card.exp_month, card.exp_year, db.now())) {
    return ok(failWith('transactionExpiredCard'));
  }
  const behaviour = paymentBehaviourOf(card.number);
  switch (behaviour) {
    case 'approve':
      return ok(succeed());
    case 'slow':
      return ok(succeed(), SLOW_PAYMENT_MS);
    case 'lost-answer':
      succeed();
      return { ok: false, networkError: true };
    case 'decline':
      return ok(failWith('transactionDeclined'));
    case 'insufficient-funds':
      return ok(failWith('transactionInsufficientFunds'));
    case 'challenge-approve':
    case 'challenge-decline': {
      const pending = db.addTransaction(referenceNumber, {
        ...base,
        state: 'pending',
        allowed_void: false,
        error_code: '',
        error_msg: '',
        afterChallenge: behaviour === 'challenge-decline' ? 'transactionDeclined' : null,
      });
      challenge.forgetDecision(pending.uuid);
      const urls = challenge.defaultReturnUrls();
      const transaction = db.updateTransaction(pending.uuid, {
        '3ds': {
          redirect_url: challenge.verifyUrl({
            verifyUuid: pending.uuid,
            successReturnUrl: urls.success,
            failReturnUrl: urls.fail,
          }),
        },
      });
      return ok({ order, transaction });
    }
    default:
      return behaviour satisfies never;
  }
};

function isDecision(value: unknown): value is ChallengeDecision {
  return value === 'approve' || value === 'decline';
}

/** Applies and removes a decision the challenge page left in the mailbox for this transaction. */
function applyPaymentMailbox(
  db: GatewayDb,
  mailbox: ChallengeMailbox | null,
  transaction: WonderTransaction,
): void {
  if (transaction.state !== 'pending' || !mailbox) return;
  const key = `${CHALLENGE_MAILBOX_PREFIX}${transaction.uuid}`;
  let decision: string | null;
  try {
    decision = mailbox.getItem(key);
    if (decision !== null) mailbox.removeItem(key);
  } catch {
    return;
  }
  if (isDecision(decision)) decidePaymentChallenge(db, transaction.uuid, decision);
}

/** `POST P/orders/check` with `{"order": {"reference_number"}}`: the order and its transactions. */
const checkOrder = ({ db, body, mailbox }: PaymentOperationRequest): OperationResult => {
  const order = isRecord(body) ? body.order : undefined;
  if (!isRecord(order)) return invalid('order is required.');
  const reference = order.reference_number;
  if (typeof reference !== 'string' || reference.trim() === '') {
    return invalid('order.reference_number is required.');
  }
  if (!db.getOrder(reference)) return fail(paymentError('orderNotFound'));
  const box = mailbox();
  for (const transaction of db.transactions(reference)) applyPaymentMailbox(db, box, transaction);
  return ok({ order: db.getOrder(reference), transactions: db.transactions(reference) });
};

/** Every payment operation the handlers route to. */
export const paymentOperations: Record<
  PaymentOperation,
  (request: PaymentOperationRequest) => OperationResult
> = { openPayments, checkOrder };

export type DecidePaymentChallengeResult =
  | { ok: true; transaction: WonderTransaction }
  | { ok: false; error: GatewayErrorDefinition };

/**
 * Decides the 3-D Secure challenge of a pending payment, as the challenge page's buttons do (the
 * transaction uuid is the challenge's `verify_uuid`). Decline fails it (`E300065`); Approve
 * succeeds and marks the order paid, unless the card's issuer declines afterwards
 * (`challenge-decline`). Deciding again changes nothing.
 */
export function decidePaymentChallenge(
  db: GatewayDb,
  transactionUuid: string,
  decision: ChallengeDecision,
): DecidePaymentChallengeResult {
  const found = db.findTransaction(transactionUuid);
  if (!found) {
    return {
      ok: false,
      error: { ...paymentError('orderNotFound'), message: 'No payment has this uuid.' },
    };
  }
  const { transaction, entry, referenceNumber } = found;
  if (transaction.state !== 'pending') return { ok: true, transaction };
  const failure = decision === 'decline' ? 'transactionAuthenticationFailed' : entry.afterChallenge;
  if (failure) {
    return {
      ok: true,
      transaction: db.updateTransaction(transactionUuid, { ...failedFields(failure), '3ds': null }),
    };
  }
  const updated = db.updateTransaction(transactionUuid, {
    state: 'success',
    allowed_void: true,
    '3ds': null,
  });
  const order = db.getOrder(referenceNumber);
  if (order) db.putOrder({ ...order, correspondence_state: 'paid' });
  return { ok: true, transaction: updated };
}

/**
 * The challenge page's decision route, `POST {baseUrl}/__mock__/3ds/{uuid}`, for payments: answers
 * when the uuid is a transaction's; otherwise passes on to the token challenge's handler.
 */
export function createPaymentChallengeHandler(options: {
  baseUrl: string;
  db: GatewayDb;
}): HttpHandler {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${MOCK_3DS_PATH}/:verifyUuid`;
  return http.post(url, async ({ request, params }) => {
    const uuid = typeof params.verifyUuid === 'string' ? params.verifyUuid : '';
    if (!options.db.findTransaction(uuid)) return undefined;
    let body: unknown;
    try {
      body = await request.clone().json();
    } catch {
      body = undefined;
    }
    const decision = isRecord(body) ? body.decision : undefined;
    if (!isDecision(decision)) {
      return HttpResponse.json(
        { error: 'decision must be "approve" or "decline".' },
        { status: 400 },
      );
    }
    const result = decidePaymentChallenge(options.db, uuid, decision);
    if (!result.ok) return HttpResponse.json({ error: result.error.message }, { status: 404 });
    return HttpResponse.json({
      verify_uuid: uuid,
      transaction: result.transaction.uuid,
      state: result.transaction.state,
    });
  });
}

/** The mailbox option as the challenge context reads it: `localStorage` by default. */
export function paymentMailbox(
  option: ChallengeMailbox | null | undefined,
): () => ChallengeMailbox | null {
  return () => {
    if (option !== undefined) return option;
    try {
      return globalThis.localStorage ?? null;
    } catch {
      return null;
    }
  };
}

// The mock's own wording for its payment errors (Wonder's Chinese texts are not published).
const PAYMENT_TRANSLATIONS: Record<PaymentGatewayErrorName, { 'zh-HK': string; 'zh-CN': string }> =
  {
    orderAlreadyPaid: { 'zh-HK': '此訂單已付款。', 'zh-CN': '此订单已付款。' },
    paymentInProgress: {
      'zh-HK': '此訂單有一筆付款正等待 3-D Secure 驗證。',
      'zh-CN': '此订单有一笔付款正在等待 3-D Secure 验证。',
    },
    orderMismatch: { 'zh-HK': '金額或貨幣與訂單不符。', 'zh-CN': '金额或货币与订单不符。' },
    orderNotFound: { 'zh-HK': '找不到訂單。', 'zh-CN': '找不到订单。' },
    transactionDeclined: { 'zh-HK': '發卡機構拒絕了此付款。', 'zh-CN': '发卡机构拒绝了此付款。' },
    transactionInsufficientFunds: { 'zh-HK': '餘額不足。', 'zh-CN': '余额不足。' },
    transactionExpiredCard: { 'zh-HK': '此卡已過期。', 'zh-CN': '此卡已过期。' },
    transactionAuthenticationFailed: {
      'zh-HK': '3-D Secure 驗證失敗。',
      'zh-CN': '3-D Secure 验证失败。',
    },
  };

const PAYMENT_BY_CODE = new Map<string, { 'zh-HK': string; 'zh-CN': string }>(
  (Object.keys(PAYMENT_GATEWAY_ERRORS) as PaymentGatewayErrorName[]).map((name) => [
    PAYMENT_GATEWAY_ERRORS[name].code,
    PAYMENT_TRANSLATIONS[name],
  ]),
);

/** A payment error's message in `lang`; `message` itself for English or another code. */
export function translatePaymentMessage(code: string, message: string, lang: GatewayLang): string {
  return lang === 'en' ? message : (PAYMENT_BY_CODE.get(code)?.[lang] ?? message);
}

/** `error_msg` of every failed transaction in `data`, in `lang`. */
export function translatePaymentData(data: unknown, lang: GatewayLang): unknown {
  if (lang === 'en' || data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map((item) => translatePaymentData(item, lang));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = translatePaymentData(value, lang);
  if (typeof out.error_code === 'string' && typeof out.error_msg === 'string') {
    out.error_msg = translatePaymentMessage(out.error_code, out.error_msg, lang);
  }
  return out;
}
