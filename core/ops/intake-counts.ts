import type { IngestReceipt } from '../contract/observation';

/** The results an observation sent to the ingest API ends in (`ioc_ingest_observations_total{result}`). */
export type IntakeResult = 'accepted' | 'rejected' | 'duplicate' | 'refused';

/**
 * What one receipt adds to the ingest counters: accepted items (queued), rejected items (by their code), the items of a
 * batch already applied (duplicate), and the valid items of a batch refused whole (all or nothing).
 */
export function intakeCounts(receipt: IngestReceipt, items: number): { results: Partial<Record<IntakeResult, number>>; reasons: Record<string, number> } {
  if (receipt.status === 'duplicate') return { results: { duplicate: items }, reasons: {} };
  const reasons: Record<string, number> = {};
  for (const r of receipt.rejected) reasons[r.code] = (reasons[r.code] ?? 0) + 1;
  const results: Partial<Record<IntakeResult, number>> = { accepted: receipt.accepted, rejected: receipt.rejected.length };
  if (receipt.status === 'refused') results.refused = items - receipt.rejected.length;
  return { results, reasons };
}
