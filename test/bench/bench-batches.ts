/** The wire batches the ingest and federation benchmarks post, and the poster that sends them a few at a time. */
import type { Domain } from '../../platform/domain';
import { postBatch } from '../support/ingest-client';

export const BATCH = 5000;
export const INDICATORS = ['dossier_received_count', 'dossier_on_time_rate', 'online_submission_rate', 'e_result_rate', 'avg_processing_days', 'field_report_count'];

export type WireItem = Record<string, unknown>;

/**
 * Batch `b` of `size` wire items: commune × indicator, cycling, values varying per batch so every write is a real
 * change, observed at `observedAt` (an ISO string or ms, as the benchmark wants).
 */
export function wireBatch(domain: Domain, period: string, b: number, size: number, observedAt: string | number): WireItem[] {
  const communes = domain.registry.all('commune');
  const out: WireItem[] = [];
  for (let i = 0; i < size; i++) {
    const n = b * size + i;
    const unit = communes[n % communes.length]!.code;
    const indicator = INDICATORS[Math.floor(n / communes.length) % INDICATORS.length]!;
    const kind = domain.indicator(indicator)!.kind;
    const v = 10 + ((n * 7 + b) % 90);
    const base = { indicator, unit, period, observedAt };
    out.push(kind === 'ratio' ? { ...base, num: v, den: 100 } : kind === 'wmean' ? { ...base, value: v / 10, weight: 5 } : { ...base, value: v });
  }
  return out;
}

/** `count` batches of BATCH wire items (wireBatch); batch `b` is observed at `observedAtOf(b)`. */
export function wireBatches(domain: Domain, period: string, count: number, observedAtOf: (b: number) => string | number): WireItem[][] {
  return Array.from({ length: count }, (_, b) => wireBatch(domain, period, b, BATCH, observedAtOf(b)));
}

/** Posts batch i as `ids[i]` under `token`, `inFlight` requests at a time; throws on anything but a full 202. */
export async function postAll(url: string, token: string, batches: readonly WireItem[][], ids: readonly string[], inFlight: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < batches.length) {
        const i = next++;
        const res = await postBatch(url, token, { batchId: ids[i], observations: batches[i] });
        if (res.status !== 202 || res.body.accepted !== batches[i]!.length) throw new Error(`batch ${i}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }),
  );
}
