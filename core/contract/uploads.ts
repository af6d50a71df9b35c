import type { IngestReceipt } from './observation';

/**
 * The wire of staff uploads (docs/api.md "Uploads"): the preview `POST /api/v1/uploads` answers and the receipt of
 * `POST /api/v1/uploads/:id/commit`. Read by the server's routes and the dashboard's upload page alike.
 */

/** Why a row was refused: a stable code (a file's own, such as `bad_number`, or an item check's, such as `unit_out_of_scope`) and its words. */
export interface UploadReason {
  code: string;
  /** The indicator the reason concerns, when it is one figure of the row (a row may carry several). */
  indicator?: string;
  message: string;
}

/** One row of the file as the preview shows it; a rejected row writes nothing at all. */
export interface UploadRow {
  /** The row number a spreadsheet shows (headers counted). */
  row: number;
  /** The unit's official code, or the text of the code cell when it names no unit. */
  unit: string;
  /** The unit's full Vietnamese name, when the code names one. */
  unitName: string | null;
  period: string | null;
  status: 'accepted' | 'rejected';
  reasons: UploadReason[];
  /** Figures the row would write (0 for a rejected row). */
  figures: number;
}

export interface UploadPreview {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** The scope the figures were checked against (the uploader's). */
  scope: string;
  /** The indicators the file's columns name. */
  indicators: string[];
  rows: UploadRow[];
  /** Rows accepted and rejected (rows without any figure are left out, counted in `skipped`). */
  accepted: number;
  rejected: number;
  skipped: number;
  /** Figures a commit would write. */
  figures: number;
  /** Columns that were ignored, and other things worth knowing that refuse no row. */
  warnings: string[];
  expiresAt: number;
}

/** What a commit wrote: the upload's own source and its batch, as any batch's receipt, with the rows counted. */
export interface UploadReceipt extends IngestReceipt {
  id: string;
  source: string;
  fileName: string;
  rows: { accepted: number; rejected: number };
  /**
   * Rows the preview accepted but the commit's own check refused (a figure observed later was stored meanwhile):
   * they wrote nothing, and are counted in `rows.rejected`.
   */
  refusedAtCommit: { row: number; reasons: UploadReason[] }[];
}
