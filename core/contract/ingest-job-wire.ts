import type { IngestJob, Observation } from './observation';

/**
 * An ingest job as the queue holds it (BullMQ keeps it as JSON in Redis: written by the server, read by a worker):
 * the batch's observations in columns, not as 5,000 objects with their field names. The indicators, periods and
 * origins of a batch are a few strings repeated thousands of times, so each is written once in `t` and an item names
 * it by its index; observedAt is written as its difference from `a`. About 25 bytes per observation instead of 119,
 * and a flat array is quicker to write and read as JSON than the objects.
 *
 *   t   the batch's distinct strings
 *   a   the observedAt the others are counted from (the first item's)
 *   r   stride 7 per item: indicator (index in t), unit, period (index in t), num, den (null for none),
 *       observedAt − a, origin (index in t, −1 for none)
 *
 * `source`, `batchId` and `receivedAt` stay fields of their own (the failed-jobs list and the health page read them).
 */
export interface IngestJobWire {
  source: string;
  batchId: string;
  receivedAt: number;
  t: string[];
  a: number;
  r: (string | number | null)[];
}

const STRIDE = 7;

export function toIngestJobWire(job: IngestJob): IngestJobWire {
  const t: string[] = [];
  const index = new Map<string, number>();
  const of = (s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = t.push(s) - 1));
    return i;
  };
  const a = job.observations[0]?.observedAt ?? 0;
  const r: (string | number | null)[] = new Array(job.observations.length * STRIDE);
  let p = 0;
  for (const o of job.observations) {
    r[p++] = of(o.indicator);
    r[p++] = o.unit;
    r[p++] = of(o.period);
    r[p++] = o.num;
    r[p++] = o.den;
    r[p++] = o.observedAt - a;
    r[p++] = o.origin === undefined ? -1 : of(o.origin);
  }
  return { source: job.source, batchId: job.batchId, receivedAt: job.receivedAt, t, a, r };
}

/** The job back; a job queued by a release before 07/12/2026 (with `observations`) is taken as it is. */
export function fromIngestJobWire(data: IngestJobWire | IngestJob): IngestJob {
  if ('observations' in data) return data;
  const { t, a, r } = data;
  const observations: Observation[] = new Array(r.length / STRIDE);
  for (let p = 0, i = 0; p < r.length; p += STRIDE, i++) {
    const o: Observation = {
      indicator: t[r[p] as number]!,
      unit: r[p + 1] as string,
      period: t[r[p + 2] as number]!,
      num: r[p + 3] as number,
      den: r[p + 4] as number | null,
      observedAt: a + (r[p + 5] as number),
    };
    const origin = r[p + 6] as number;
    if (origin >= 0) o.origin = t[origin]!;
    observations[i] = o;
  }
  return { source: data.source, batchId: data.batchId, receivedAt: data.receivedAt, observations };
}
