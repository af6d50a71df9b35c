import type { MappedRecords, PullFailureCode, RecordRejection } from '../../../core/contract/connectors';

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

/** What a pull's records became (the shape is the contract's, shared with the pure mapping in core/connectors/). */
export type MappedPull = MappedRecords;
