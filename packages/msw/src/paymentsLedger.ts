import type { PaymentGatewayErrorName, WonderOrder, WonderTransaction } from '@savedcards/wire';

/**
 * The mock gateway's payment ledger (issue 16): Wonder orders by `reference_number` and their
 * transactions, in creation order. Kept in the db, so `db.reset()` clears it with everything else.
 */
export interface PaymentLedgerEntry {
  reference_number: string;
  transaction: WonderTransaction;
  /**
   * How a pending (3-D Secure) transaction ends once the cardholder approves: `null` succeeds, a
   * name fails with that error. Decided at creation from the card; never in an answer.
   */
  afterChallenge: PaymentGatewayErrorName | null;
}

export interface LedgerState {
  orders: Map<string, WonderOrder>;
  entries: PaymentLedgerEntry[];
  /** Transaction uuids handed out so far. */
  count: number;
}

export interface PersistedLedger {
  orders: Array<[string, WonderOrder]>;
  entries: PaymentLedgerEntry[];
  count: number;
}

/** Fields of a transaction that change after it is created (a 3-D Secure decision). */
export type TransactionPatch = Partial<
  Pick<WonderTransaction, 'state' | 'allowed_void' | 'error_code' | 'error_msg'>
> & { '3ds'?: WonderTransaction['3ds'] | null };

/** What `db.addTransaction` takes: everything but the uuid. */
export type TransactionInit = Omit<WonderTransaction, 'uuid'> & {
  afterChallenge?: PaymentGatewayErrorName | null;
};

export function emptyLedger(): LedgerState {
  return { orders: new Map(), entries: [], count: 0 };
}

/** Transaction uuids: their own fourth group (`b000`), like the db's other ids. */
export function transactionUuid(n: number): string {
  return `00000000-0000-4000-b000-${String(n).padStart(12, '0')}`;
}

export function copyTransaction(transaction: WonderTransaction): WonderTransaction {
  const { '3ds': threeDS, ...rest } = transaction;
  return threeDS ? { ...rest, '3ds': { ...threeDS } } : { ...rest };
}

export function persistLedger(ledger: LedgerState): PersistedLedger {
  return { orders: [...ledger.orders], entries: ledger.entries, count: ledger.count };
}

export function restoreLedger(saved: PersistedLedger | undefined): LedgerState {
  if (!saved || !Array.isArray(saved.orders) || !Array.isArray(saved.entries)) {
    return emptyLedger();
  }
  return { orders: new Map(saved.orders), entries: saved.entries, count: saved.count };
}
