import type { SignatureCheck } from '@savedcards/msw';

/** What the mock upstream saw: counters and one line per checked request. */
export interface SignatureStats {
  verified: number;
  rejected: number;
  requests: Array<{ method: string; uri: string; ok: boolean; reason?: string }>;
}

/** Collects every signature check of a mock gateway (its `verifySignature.onResult`). */
export function recordSignatureChecks() {
  const checks: SignatureCheck[] = [];
  const stats: SignatureStats = { verified: 0, rejected: 0, requests: [] };
  const onResult = (check: SignatureCheck): void => {
    checks.push(check);
    if (check.ok) stats.verified += 1;
    else stats.rejected += 1;
    stats.requests.push({
      method: check.method,
      uri: check.uri,
      ok: check.ok,
      ...(check.reason ? { reason: check.reason } : {}),
    });
  };
  return { checks, stats, onResult };
}
