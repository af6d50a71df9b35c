import type { MappedRecords, PullFailureCode, RecordRejection } from '../../../core/contract/connectors';
import { OperationalError } from '../../../core/errors/who-acts';

/**
 * Why a pull failed as a whole: nothing of it is written. `retry` says whether another try may help (the network, a
 * timeout, a 5xx or 429) or not (an HTML page where JSON was expected, records that no longer match the mapping).
 * An operational failure of a remote system (502 `upstream_failed` were it ever answered over HTTP); `code` says which.
 */
export class PullError extends OperationalError {
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
    super('upstream_failed', message, 502);
  }
}

/** What a pull's records became (the shape is the contract's, shared with the pure mapping in core/connectors/). */
export type MappedPull = MappedRecords;
