import { z } from 'zod';

export const MAX_BATCH_ITEMS = 5000;
export const MAX_BATCH_BYTES = 1024 * 1024;

export const batchEnvelope = z.object({
  batchId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, 'batchId: letters, digits and . _ : - only'),
  observations: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS),
});

export type BatchEnvelope = z.infer<typeof batchEnvelope>;

/** A validated observation, ready for the ingest queue. */
export interface Observation {
  indicator: string;
  unit: string;
  period: string;
  /** Components as stored (see MetricValue). */
  num: number;
  den: number | null;
  observedAt: number;
  /**
   * Forwarded by a federation link: where the figure came from below, as `<instance>:<source>` (a chain of them for
   * each level it crossed). Stored as the figure's source, after the link's own id.
   */
  origin?: string;
}

/** Why an item was refused, as a stable code (docs/api.md lists them); `reason` says it in words. */
export type RejectCode =
  | 'not_an_object'
  | 'unknown_indicator'
  | 'indicator_out_of_scope'
  | 'unknown_unit'
  | 'unit_out_of_scope'
  | 'derived_level'
  | 'bad_period'
  | 'future_period'
  | 'period_expired'
  | 'bad_observed_at'
  | 'bad_value'
  | 'out_of_bounds'
  | 'duplicate_in_batch'
  | 'older_than_stored'
  | 'not_authority'
  | 'bad_source'
  | 'loop';

export interface RejectedItem {
  index: number;
  code: RejectCode;
  reason: string;
}

export interface IngestReceipt {
  batchId: string;
  accepted: number;
  rejected: RejectedItem[];
  /**
   * `queued`: accepted items are on the ingest queue; `duplicate`: this batch id was already taken from this source;
   * `empty`: no item was accepted; `refused`: an all-or-nothing batch (a connector's pull) had a rejected item, so
   * nothing of it was queued.
   */
  status: 'queued' | 'duplicate' | 'empty' | 'refused';
}

/** The BullMQ job payload of the ingest queue. */
export interface IngestJob {
  source: string;
  batchId: string;
  receivedAt: number;
  observations: Observation[];
}
