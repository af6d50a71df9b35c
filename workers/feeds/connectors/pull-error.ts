import type { PullFailureCode, RecordRejection } from '../../../core/contract/connectors';

/**
 * Why a pull failed as a whole: nothing of it is written. `retry` says whether another try may help (the network, a
 * timeout, a 5xx or 429) or not (an HTML page where JSON was expected, records that no longer match the mapping).
 */
export class PullError extends Error {
  override readonly name = 'PullError';
  constructor(
    readonly code: PullFailureCode,
    message: string,
    readonly retry: boolean,
    readonly httpStatus: number | null = null,
    /** For `refused_records`: the records that refused the pull. */
    readonly rejections: RecordRejection[] = [],
    readonly recordsRead = 0,
  ) {
    super(message);
  }
}

/** What a pull's records became: push-shaped items for the ordinary validation, and the records refused on the way. */
export interface MappedPull {
  recordsRead: number;
  /** Observations as a push would send them: { indicator, unit, period, value | num,den | value,weight, observedAt }. */
  items: Record<string, unknown>[];
  /** For each item, the index of the record it came from (a record may give several items). */
  itemRecord: number[];
  /** For each item, the file row it came from (CSV, XLSX), when there is one. */
  itemRow?: number[];
  rejections: RecordRejection[];
  /** Records left out by design, not refused (e.g. the portal's provincial agencies, which are not units), with why. */
  skipped: { count: number; reason: string }[];
}
