import { detectBrand, maskCardNumber } from './card.js';
import {
  DEMO_CUSTOMER,
  DEMO_ORDER,
  VERIFY_URL_BASE,
  demoTokenInits,
  expiryFrom,
} from './fixtures.js';
import type { TokenInit } from './fixtures.js';
import { createIdCounter } from './ids.js';
import type { IdCounter } from './ids.js';
import type {
  PaymentLedgerEntry,
  LedgerState,
  PersistedLedger,
  TransactionInit,
  TransactionPatch,
} from './paymentsLedger.js';
import {
  copyTransaction,
  emptyLedger,
  persistLedger,
  restoreLedger,
  transactionUuid,
} from './paymentsLedger.js';
import type { WireCreditCard, WireCustomer, WireToken } from './wire.js';
import type { WonderOrder, WonderTransaction } from '@savedcards/wire';

/** `'demo'`: the demo customer with six cards (see `DEMO_TOKENS`); `'empty'`: the customer, no cards. */
export type GatewaySeed = 'demo' | 'empty';

export interface GatewayDbOptions {
  /** Default `'demo'`. `db.reset()` without options returns to this seed. */
  seed?: GatewaySeed;
  /**
   * Keep the state in this storage (e.g. `sessionStorage`) across page loads: restored at creation,
   * saved after every change. For demos that leave the page, such as a full-page 3-D Secure
   * redirect. The state holds only masked numbers, like the db itself.
   */
  persist?: Pick<Storage, 'getItem' | 'setItem'>;
  /** The storage key. Default `'savedcards-mock-gateway'`. */
  persistKey?: string;
  /** Clock used when seeding (expiry dates) and for default expiries. Default `() => new Date()`. */
  now?: () => Date;
}

/** What `db.upsertCustomer` takes (wire field names). Fields left out keep their stored value. */
export interface CustomerInput {
  reference_number: string;
  name?: string;
  email?: string;
  dial_code?: string;
  phone?: string;
  company_name?: string;
  default_payment_method?: string;
  /** A token id of this customer to make the default; `null` clears the default. */
  default_payment_token?: string | null;
}

/**
 * What `db.putMerchantOrder` takes: an order of the merchant's own records (issue 16), which the
 * kit's pay route charges in browser-only mode (the mock's stand-in for the proxy's `resolveOrder`).
 */
export interface MerchantOrderInput {
  /** The merchant's order id, as the browser names it (`order_id`). */
  id: string;
  /** Decimal string in major units, e.g. `"128.00"`: the only source of the amount charged. */
  amount: string;
  /** ISO 4217, e.g. `"HKD"`. */
  currency: string;
  /** Wonder's `reference_number` for the order. Default: `id`. */
  reference_number?: string;
  /** `reference_number` of the customer whose tokens may pay it. Default: `DEMO_CUSTOMER`'s. */
  customer?: string;
}

/** An order of the merchant order book, with its defaults filled in. */
export type MerchantOrder = Required<MerchantOrderInput>;

/** Fields of a stored token that can change after it is created (what a 3DS check updates). */
export type TokenPatch = Partial<
  Pick<WireToken, 'state' | 'verify_url' | 'verify_uuid' | 'error_code' | 'error_msg'>
>;

export interface GatewayDbSnapshot {
  customers: Array<{ customer: WireCustomer; payment_tokens: WireToken[] }>;
}

/**
 * The mock gateway's state: customers (by uuid and by reference number), each customer's ordered
 * payment tokens and default token. Every read returns a copy in wire shape, so callers cannot change
 * state by mutating what they got. Card numbers are masked on the way in and never stored in full.
 */
export interface GatewayDb {
  /** The clock this db was created with. */
  readonly now: () => Date;
  /** Restores a seed with the same ids as a fresh db. Without `seed`, the seed the db was created with. */
  reset(options?: { seed?: GatewaySeed }): void;
  getCustomer(uuid: string): WireCustomer | undefined;
  findCustomerByReference(referenceNumber: string): WireCustomer | undefined;
  listCustomers(): WireCustomer[];
  /**
   * Creates or updates the customer with this `reference_number` (same uuid back). Throws if
   * `default_payment_token` is not a token of that customer. Does not apply the gateway's validation
   * rules (the handlers do), so tests can arrange odd data.
   */
  upsertCustomer(input: CustomerInput): WireCustomer;
  /** The customer's tokens in creation order; `[]` for an unknown customer. */
  listTokens(customerUuid: string): WireToken[];
  getToken(customerUuid: string, token: string): WireToken | undefined;
  /** Adds a token (defaults in `TokenInit`) at the end of the list. Throws for an unknown customer. */
  addToken(customerUuid: string, init?: TokenInit): WireToken;
  /** Changes a token's state fields. Throws for an unknown customer or token. */
  updateToken(customerUuid: string, token: string, patch: TokenPatch): WireToken;
  /** Sets (or with `null` clears) the default, whatever the token's state. Throws if unknown. */
  setDefaultToken(customerUuid: string, token: string | null): WireCustomer;
  /** Removes a token; clears the default if it was the default. `false` if there was no such token. */
  deleteToken(customerUuid: string, token: string): boolean;
  /** The token with this id, whichever customer has it (payments name no customer). */
  findToken(token: string): { customerUuid: string; token: WireToken } | undefined;
  /** Wonder orders of the payment ledger, in creation order (issue 16). */
  orders(): WonderOrder[];
  getOrder(referenceNumber: string): WonderOrder | undefined;
  /** Adds an order, or replaces the one with the same `reference_number`. */
  putOrder(order: WonderOrder): WonderOrder;
  /** The ledger's transactions in creation order; with a reference number, that order's only. */
  transactions(referenceNumber?: string): WonderTransaction[];
  /** A transaction and its order's reference number, by uuid. */
  findTransaction(
    uuid: string,
  ):
    | { referenceNumber: string; transaction: WonderTransaction; entry: PaymentLedgerEntry }
    | undefined;
  /** Records a transaction of an order in the ledger (new uuid). Throws for an unknown order. */
  addTransaction(referenceNumber: string, init: TransactionInit): WonderTransaction;
  /** Changes a transaction (`'3ds': null` removes its redirect). Throws for an unknown uuid. */
  updateTransaction(uuid: string, patch: TransactionPatch): WonderTransaction;
  /** The merchant's order book (issue 16), in creation order; every seed has `DEMO_ORDER`. */
  merchantOrders(): MerchantOrder[];
  /** The merchant's order with this id (the browser's `order_id`). */
  merchantOrder(id: string): MerchantOrder | undefined;
  /** Adds a merchant order, or replaces the one with the same `id` (defaults filled in). */
  putMerchantOrder(order: MerchantOrderInput): MerchantOrder;
  /** Everything, in wire shape, for assertions. */
  snapshot(): GatewayDbSnapshot;
}

interface StoredCustomer {
  uuid: string;
  reference_number: string;
  name: string;
  email: string;
  dial_code: string;
  phone: string;
  company_name: string;
  default_payment_method: string;
  default_payment_token: string | null;
}

type StoredToken = Omit<WireToken, 'default'>;

interface State {
  ids: IdCounter;
  customers: Map<string, StoredCustomer>;
  byReference: Map<string, string>;
  tokens: Map<string, StoredToken[]>;
  ledger: LedgerState;
  merchantOrders: Map<string, MerchantOrder>;
}

const PROFILE_FIELDS = [
  'name',
  'email',
  'dial_code',
  'phone',
  'company_name',
  'default_payment_method',
] as const;

interface PersistedState {
  ids: ReturnType<IdCounter['counts']>;
  customers: Array<[string, StoredCustomer]>;
  byReference: Array<[string, string]>;
  tokens: Array<[string, StoredToken[]]>;
  /** Absent in states saved before payments existed. */
  ledger?: PersistedLedger;
  /** Absent in states saved before the order book existed. */
  merchantOrders?: Array<[string, MerchantOrder]>;
}

function toMerchantOrder(input: MerchantOrderInput): MerchantOrder {
  return {
    id: input.id,
    amount: input.amount,
    currency: input.currency,
    reference_number: input.reference_number ?? input.id,
    customer: input.customer ?? DEMO_CUSTOMER.referenceNumber,
  };
}

/** The order book of every seed. */
function demoMerchantOrders(): Map<string, MerchantOrder> {
  const order = toMerchantOrder({
    id: DEMO_ORDER.id,
    amount: DEMO_ORDER.amount,
    currency: DEMO_ORDER.currency,
    reference_number: DEMO_ORDER.reference,
  });
  return new Map([[order.id, order]]);
}

export function createGatewayDb(options: GatewayDbOptions = {}): GatewayDb {
  const initialSeed = options.seed ?? 'demo';
  const now = options.now ?? (() => new Date());
  const { persist, persistKey = 'savedcards-mock-gateway' } = options;
  let state = emptyState();

  // One change notification: every mutating method runs inside `change`, and listeners hear once,
  // when the outermost change ends (a reset re-seeds through upsertCustomer and addToken).
  const listeners = new Set<() => void>();
  let changeDepth = 0;
  function change<R>(apply: () => R): R {
    changeDepth += 1;
    try {
      return apply();
    } finally {
      changeDepth -= 1;
      if (changeDepth === 0) for (const listener of listeners) listener();
    }
  }
  function onChange(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function emptyState(): State {
    return {
      ids: createIdCounter(),
      customers: new Map(),
      byReference: new Map(),
      tokens: new Map(),
      ledger: emptyLedger(),
      merchantOrders: new Map(),
    };
  }

  function requireCustomer(uuid: string): StoredCustomer {
    const customer = state.customers.get(uuid);
    if (!customer) throw new Error(`GatewayDb: no customer ${uuid}`);
    return customer;
  }

  function tokensOf(uuid: string): StoredToken[] {
    return state.tokens.get(uuid) ?? [];
  }

  function toWireToken(customer: StoredCustomer, token: StoredToken): WireToken {
    return {
      ...token,
      default: customer.default_payment_token === token.token,
      credit_card: { ...token.credit_card },
    };
  }

  function toWireCustomer(customer: StoredCustomer): WireCustomer {
    const defaultToken = tokensOf(customer.uuid).find(
      (t) => t.token === customer.default_payment_token,
    );
    return {
      ...customer,
      default_payment_token: defaultToken ? toWireToken(customer, defaultToken) : null,
    };
  }

  function seed(kind: GatewaySeed): void {
    state = { ...emptyState(), merchantOrders: demoMerchantOrders() };
    const customer = db.upsertCustomer({
      reference_number: DEMO_CUSTOMER.referenceNumber,
      name: DEMO_CUSTOMER.name,
      email: DEMO_CUSTOMER.email,
      dial_code: DEMO_CUSTOMER.dialCode,
      phone: DEMO_CUSTOMER.phone,
      company_name: DEMO_CUSTOMER.companyName,
      default_payment_method: 'Credit Card',
    });
    if (kind === 'empty') return;
    for (const { init } of demoTokenInits(now())) db.addToken(customer.uuid, init);
  }

  const db: GatewayDb = {
    now,

    reset(resetOptions) {
      return change(() => {
        seed(resetOptions?.seed ?? initialSeed);
      });
    },

    getCustomer(uuid) {
      const customer = state.customers.get(uuid);
      return customer ? toWireCustomer(customer) : undefined;
    },

    findCustomerByReference(referenceNumber) {
      const uuid = state.byReference.get(referenceNumber);
      return uuid === undefined ? undefined : db.getCustomer(uuid);
    },

    listCustomers() {
      return [...state.customers.values()].map(toWireCustomer);
    },

    upsertCustomer(input) {
      return change(() => {
        const existingUuid = state.byReference.get(input.reference_number);
        const existing = existingUuid === undefined ? undefined : state.customers.get(existingUuid);
        const uuid = existing?.uuid ?? state.ids.next('customer');
        const next: StoredCustomer = existing
          ? { ...existing }
          : {
              uuid,
              reference_number: input.reference_number,
              name: '',
              email: '',
              dial_code: '',
              phone: '',
              company_name: '',
              default_payment_method: '',
              default_payment_token: null,
            };
        for (const field of PROFILE_FIELDS) {
          const value = input[field];
          if (value !== undefined) next[field] = value;
        }
        if (input.default_payment_token !== undefined) {
          const token = input.default_payment_token;
          if (token !== null && !tokensOf(uuid).some((t) => t.token === token)) {
            throw new Error(`GatewayDb: customer ${uuid} has no token ${token}`);
          }
          next.default_payment_token = token;
        }
        state.customers.set(uuid, next);
        state.byReference.set(next.reference_number, uuid);
        if (!state.tokens.has(uuid)) state.tokens.set(uuid, []);
        return toWireCustomer(next);
      });
    },

    listTokens(customerUuid) {
      const customer = state.customers.get(customerUuid);
      if (!customer) return [];
      return tokensOf(customerUuid).map((t) => toWireToken(customer, t));
    },

    getToken(customerUuid, token) {
      return db.listTokens(customerUuid).find((t) => t.token === token);
    },

    addToken(customerUuid, init = {}) {
      return change(() => {
        const customer = requireCustomer(customerUuid);
        const number = maskCardNumber(init.number ?? '4242424242424242');
        const fallbackExpiry = expiryFrom(now(), 24);
        const tokenState = init.state ?? 'success';
        const pending = tokenState === 'pending';
        const verifyUuid =
          init.verify_uuid !== undefined
            ? init.verify_uuid
            : pending
              ? state.ids.next('verify')
              : null;
        const verifyUrl =
          init.verify_url !== undefined
            ? init.verify_url
            : pending && verifyUuid !== null
              ? `${VERIFY_URL_BASE}${verifyUuid}`
              : null;
        const creditCard: WireCreditCard = {
          number,
          exp_month: init.exp_month ?? fallbackExpiry.exp_month,
          exp_year: init.exp_year ?? fallbackExpiry.exp_year,
          holder_name: init.holder_name ?? customer.name,
          brand: init.brand ?? detectBrand(number),
          billing_currency: init.billing_currency ?? 'HKD',
        };
        const stored: StoredToken = {
          token_type: init.token_type ?? 'CreditCard',
          token: state.ids.next('token'),
          state: tokenState,
          verify_url: verifyUrl,
          verify_uuid: verifyUuid,
          error_code: init.error_code ?? '',
          error_msg: init.error_msg ?? '',
          credit_card: creditCard,
        };
        state.tokens.set(customerUuid, [...tokensOf(customerUuid), stored]);
        if (init.default) customer.default_payment_token = stored.token;
        return toWireToken(customer, stored);
      });
    },

    updateToken(customerUuid, token, patch) {
      return change(() => {
        const customer = requireCustomer(customerUuid);
        const list = tokensOf(customerUuid);
        const index = list.findIndex((t) => t.token === token);
        const current = list[index];
        if (!current) throw new Error(`GatewayDb: customer ${customerUuid} has no token ${token}`);
        const updated: StoredToken = { ...current, ...patch };
        state.tokens.set(
          customerUuid,
          list.map((t, i) => (i === index ? updated : t)),
        );
        return toWireToken(customer, updated);
      });
    },

    setDefaultToken(customerUuid, token) {
      return change(() => {
        const customer = requireCustomer(customerUuid);
        return db.upsertCustomer({
          reference_number: customer.reference_number,
          default_payment_token: token,
        });
      });
    },

    deleteToken(customerUuid, token) {
      return change(() => {
        const customer = state.customers.get(customerUuid);
        const list = tokensOf(customerUuid);
        if (!customer || !list.some((t) => t.token === token)) return false;
        state.tokens.set(
          customerUuid,
          list.filter((t) => t.token !== token),
        );
        if (customer.default_payment_token === token) customer.default_payment_token = null;
        return true;
      });
    },

    findToken(token) {
      for (const customer of state.customers.values()) {
        const found = tokensOf(customer.uuid).find((t) => t.token === token);
        if (found) return { customerUuid: customer.uuid, token: toWireToken(customer, found) };
      }
      return undefined;
    },

    orders() {
      return [...state.ledger.orders.values()].map((order) => ({ ...order }));
    },

    getOrder(referenceNumber) {
      const order = state.ledger.orders.get(referenceNumber);
      return order ? { ...order } : undefined;
    },

    putOrder(order) {
      return change(() => {
        state.ledger.orders.set(order.reference_number, { ...order });
        return { ...order };
      });
    },

    transactions(referenceNumber) {
      return state.ledger.entries
        .filter(
          (entry) => referenceNumber === undefined || entry.reference_number === referenceNumber,
        )
        .map((entry) => copyTransaction(entry.transaction));
    },

    findTransaction(uuid) {
      const entry = state.ledger.entries.find((e) => e.transaction.uuid === uuid);
      return entry
        ? {
            referenceNumber: entry.reference_number,
            transaction: copyTransaction(entry.transaction),
            entry: { ...entry, transaction: copyTransaction(entry.transaction) },
          }
        : undefined;
    },

    addTransaction(referenceNumber, init) {
      return change(() => {
        if (!state.ledger.orders.has(referenceNumber)) {
          throw new Error(`GatewayDb: no order ${referenceNumber}`);
        }
        const { afterChallenge = null, ...fields } = init;
        state.ledger.count += 1;
        const transaction = { ...fields, uuid: transactionUuid(state.ledger.count) };
        state.ledger.entries = [
          ...state.ledger.entries,
          { reference_number: referenceNumber, transaction, afterChallenge },
        ];
        return copyTransaction(transaction);
      });
    },

    updateTransaction(uuid, patch) {
      return change(() => {
        const index = state.ledger.entries.findIndex((e) => e.transaction.uuid === uuid);
        const entry = state.ledger.entries[index];
        if (!entry) throw new Error(`GatewayDb: no transaction ${uuid}`);
        const { '3ds': threeDS, ...rest } = patch;
        const next: WonderTransaction = { ...entry.transaction, ...rest };
        if (threeDS === null) delete next['3ds'];
        else if (threeDS !== undefined) next['3ds'] = threeDS;
        state.ledger.entries = state.ledger.entries.map((e, i) =>
          i === index ? { ...e, transaction: next } : e,
        );
        return copyTransaction(next);
      });
    },

    merchantOrders() {
      return [...state.merchantOrders.values()].map((order) => ({ ...order }));
    },

    merchantOrder(id) {
      const order = state.merchantOrders.get(id);
      return order ? { ...order } : undefined;
    },

    putMerchantOrder(input) {
      return change(() => {
        const order = toMerchantOrder(input);
        state.merchantOrders.set(order.id, order);
        return { ...order };
      });
    },

    snapshot() {
      return {
        customers: [...state.customers.values()].map((customer) => ({
          customer: toWireCustomer(customer),
          payment_tokens: db.listTokens(customer.uuid),
        })),
      };
    },
  };

  seed(initialSeed);
  if (persist) {
    const save = (): void => {
      const saved: PersistedState = {
        ids: state.ids.counts(),
        customers: [...state.customers],
        byReference: [...state.byReference],
        tokens: [...state.tokens],
        ledger: persistLedger(state.ledger),
        merchantOrders: [...state.merchantOrders],
      };
      try {
        persist.setItem(persistKey, JSON.stringify(saved));
      } catch {
        // Storage full or blocked: the db keeps working in memory.
      }
    };
    onChange(save);
    const restored = readPersisted(persist, persistKey);
    if (restored) {
      state = {
        ids: createIdCounter(restored.ids),
        customers: new Map(restored.customers),
        byReference: new Map(restored.byReference),
        tokens: new Map(restored.tokens),
        ledger: restoreLedger(restored.ledger),
        merchantOrders: Array.isArray(restored.merchantOrders)
          ? new Map(restored.merchantOrders)
          : demoMerchantOrders(),
      };
      return db;
    }
    db.reset();
  }
  return db;
}

function readPersisted(storage: Pick<Storage, 'getItem'>, key: string): PersistedState | undefined {
  try {
    const parsed = JSON.parse(storage.getItem(key) ?? 'null') as PersistedState | null;
    return parsed && Array.isArray(parsed.customers) && Array.isArray(parsed.tokens)
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}
