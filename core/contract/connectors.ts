import type { ConnectorDefinition } from '../connectors/definition';

/** Why a record (a row of a file, an item of a JSON answer) gave no observation, before the ordinary item checks. */
export type RecordRejectCode =
  | 'missing_field'
  | 'bad_number'
  | 'unmapped_unit'
  | 'ambiguous_unit'
  | 'split_unit'
  | 'bad_record';

/** Why a whole pull failed: nothing of it was written (docs/connectors.md lists them). */
export type PullFailureCode =
  | 'http_error'
  | 'html_page'
  | 'timeout'
  | 'network'
  | 'too_large'
  | 'malformed'
  | 'mapping_mismatch'
  | 'refused_records'
  | 'busy';

/** One rejected record or item of a pull or an upload: its place (0-based record, or file row), code and reason. */
export interface RecordRejection {
  /** 0-based index of the record in the answer (for a file: the row number shown to people is `row`). */
  record: number;
  /** The file's row number (1-based, headers counted), for CSV and XLSX. */
  row?: number;
  code: RecordRejectCode | string;
  reason: string;
}

/** What is kept of a connector's last pull (store/connectors.repo.ts); the feed board shows it. */
export interface PullStatus {
  /** When the last pull (successful or not) ended. */
  lastPullAt: number | null;
  /** `ok`: applied (or unchanged); `unchanged`: same content as the last applied pull; `failed`: nothing written. */
  lastOutcome: 'ok' | 'unchanged' | 'failed' | null;
  httpStatus: number | null;
  recordsRead: number;
  accepted: number;
  rejected: number;
  /** The first few rejections (at most 5). */
  firstRejections: RecordRejection[];
  failure: { code: PullFailureCode; reason: string } | null;
  /** Duration of the last pull. */
  durationMs: number | null;
  /** The next scheduled run, from the job scheduler; null when paused. */
  nextRunAt: number | null;
  /** The batch id of the last applied pull (content hash). */
  lastBatchId: string | null;
}

/** One connector as `GET /api/v1/connectors` answers: the definition with its secrets as `•••`, and its last pull. */
export interface ConnectorRow {
  definition: ConnectorDefinition;
  status: PullStatus;
  createdAt: number;
  updatedAt: number;
}

export interface ConnectorsAnswer {
  serverTime: number;
  connectors: ConnectorRow[];
}

/** What the records of a pull or a file became: push-shaped items for the ordinary validation, and the records refused on the way. */
export interface MappedRecords {
  recordsRead: number;
  /** Observations as a push would send them: { indicator, unit, period, value | num,den | value,weight, observedAt }. */
  items: Record<string, unknown>[];
  /** For each item, the index of the record it came from (a record may give several items). */
  itemRecord: number[];
  /** For each item, the file row it came from (CSV, XLSX), when there is one. */
  itemRow?: number[];
  rejections: RecordRejection[];
  /** Records or figures left out by design, not refused (an empty cell; the portal's provincial agencies), with why. */
  skipped: { count: number; reason: string }[];
}
