/**
 * Deterministic, UUID-shaped ids. Each kind has its own counter and its own fourth group, so a
 * customer id, a token id and a verify id can never be confused:
 * customer `00000000-0000-4000-8000-000000000001`, token `00000000-0000-4000-a000-000000000001`,
 * verify uuid `00000000-0000-4000-9000-000000000001`.
 */
export type IdKind = 'customer' | 'token' | 'verify';

const GROUP: Record<IdKind, string> = { customer: '8000', token: 'a000', verify: '9000' };

export function formatId(kind: IdKind, n: number): string {
  return `00000000-0000-4000-${GROUP[kind]}-${String(n).padStart(12, '0')}`;
}

export interface IdCounter {
  next(kind: IdKind): string;
  /** How many ids of each kind were handed out (to persist and restore the counter). */
  counts(): Record<IdKind, number>;
}

export function createIdCounter(
  start: Record<IdKind, number> = { customer: 0, token: 0, verify: 0 },
): IdCounter {
  const counts = { ...start };
  return {
    next(kind) {
      counts[kind] += 1;
      return formatId(kind, counts[kind]);
    },
    counts: () => ({ ...counts }),
  };
}
