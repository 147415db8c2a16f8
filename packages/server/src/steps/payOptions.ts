import type { ConsumeMode, EntryType, PaymentOrder, WonderEnvironment } from '@savedcards/wire';
import { CONSUME_MODES, ENTRY_TYPES, isRecord, WONDER_VERIFY_HOSTS } from '@savedcards/wire';
import type { PaymentStore } from '../payStore.js';
import { createMemoryPaymentStore } from '../payStore.js';
import type { SessionCustomer } from './options.js';

/**
 * The merchant's own order (amount, currency, Wonder `reference_number`) for an order id the
 * browser names, for the signed-in customer; `null` when that customer has no such order. The only
 * source of what is charged.
 */
export type ResolveOrder = (
  request: Request,
  customer: SessionCustomer,
  orderId: string,
) => PaymentOrder | null | undefined | Promise<PaymentOrder | null | undefined>;

/** How the proxy pays (issue 16). */
export interface ProxyPaymentOptions {
  /** Wonder's `consume_mode`. Default `'sales'`. */
  consumeMode?: ConsumeMode;
  /** Wonder's `entry_type`. Default `'cit'` (the cardholder is at the checkout). */
  entryType?: EntryType;
  /** Where each order's payment is remembered (idempotency). Default: in memory, this process. */
  store?: PaymentStore;
  /**
   * Hosts a 3-D Secure `redirect_url` may be on (`*.x` for subdomains). Default: Wonder's for the
   * environment (`WONDER_VERIFY_HOSTS`), both environments' with a `baseUrl`. An entry that is an
   * origin (`'http://localhost:8787'`) allows exactly that origin, over http too: for a mock bank
   * page in development only.
   */
  redirectHosts?: readonly string[];
}

/** The payment options, checked once. */
export interface PaymentConfig {
  resolveOrder: ResolveOrder;
  consumeMode: ConsumeMode;
  entryType: EntryType;
  store: PaymentStore;
  redirectHosts: readonly string[];
}

const WHO = 'createWonderProxy';

/** `undefined` without `resolveOrder` (the pay routes are then 404); throws on bad options. */
export function resolvePaymentOptions(
  resolveOrder: unknown,
  payments: unknown,
  environment: WonderEnvironment | undefined,
): PaymentConfig | undefined {
  if (resolveOrder === undefined) {
    if (payments !== undefined) {
      throw new TypeError(
        `${WHO}: \`payments\` needs \`resolveOrder(request, customer, orderId)\`.`,
      );
    }
    return undefined;
  }
  if (typeof resolveOrder !== 'function') {
    throw new TypeError(
      `${WHO}: \`resolveOrder\` must be a function (request, customer, orderId).`,
    );
  }
  const options = payments ?? {};
  if (!isRecord(options)) throw new TypeError(`${WHO}: \`payments\` must be an object.`);
  const consumeMode = (options.consumeMode ?? 'sales') as ConsumeMode;
  if (!CONSUME_MODES.includes(consumeMode)) {
    throw new TypeError(
      `${WHO}: \`payments.consumeMode\` must be one of ${CONSUME_MODES.join(', ')}.`,
    );
  }
  const entryType = (options.entryType ?? 'cit') as EntryType;
  if (!ENTRY_TYPES.includes(entryType)) {
    throw new TypeError(`${WHO}: \`payments.entryType\` must be one of ${ENTRY_TYPES.join(', ')}.`);
  }
  const store = options.store ?? createMemoryPaymentStore();
  if (
    !isRecord(store) ||
    !['get', 'set', 'delete', 'lock', 'unlock'].every((name) => typeof store[name] === 'function')
  ) {
    throw new TypeError(`${WHO}: \`payments.store\` must have get, set, delete, lock and unlock.`);
  }
  const hosts =
    options.redirectHosts ??
    (environment
      ? WONDER_VERIFY_HOSTS[environment]
      : [...new Set([...WONDER_VERIFY_HOSTS.sandbox, ...WONDER_VERIFY_HOSTS.production])]);
  if (!Array.isArray(hosts) || !hosts.every((host) => typeof host === 'string' && host !== '')) {
    throw new TypeError(`${WHO}: \`payments.redirectHosts\` must be a list of host names.`);
  }
  return {
    resolveOrder: resolveOrder as ResolveOrder,
    consumeMode,
    entryType,
    store: store as unknown as PaymentStore,
    redirectHosts: hosts,
  };
}
