import { randomBytes } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { MappingMismatch, mapRecords } from '../../core/connectors/map-records';
import { previewRows } from '../../core/connectors/upload-preview';
import {
  mappingFromHeaders,
  MAX_TEMPLATE_ROWS,
  templateGuide,
  TemplateError,
  uploadTemplate,
  type HeaderMapping,
  type UploadTemplate,
} from '../../core/connectors/upload-template';
import type { UploadPreview, UploadReason, UploadReceipt } from '../../core/contract/uploads';
import type { Indicator } from '../../core/indicators/indicator';
import { toCsv } from '../../core/format/csv';
import { currentPeriod } from '../../core/time/period';
import { writeXlsx } from '../../platform/tabular';
import { saveTokenlessSource, type SourceRecord } from '../../store/sources.repo';
import { submitBatch } from '../../store/submit-batch';
import { claimCommit, readUpload, releaseCommit, saveReceipt, saveUpload, UPLOAD_TTL_MS } from '../../store/uploads.repo';
import { audit } from '../auth/audit';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { formatOf, MAX_UPLOAD_BYTES, readUploadTable } from './upload-file';

/**
 * Staff uploads (docs/api.md "Uploads"), for operators and admins, within their scope: the template of chosen
 * indicators, a file's preview (every row accepted or rejected with its reasons, checked as a push is, nothing
 * written), and its commit — one batch of the accepted rows under the upload's own source, audited.
 */

const MAX_TEMPLATE_INDICATORS = 60;
const UPLOAD_ID = /^[0-9a-f]{24}$/;

type UserPrincipal = { id: string; username: string; scope: string };

/** The guard lets only users through ('operate': operators and admins). */
function userOf(req: Request): UserPrincipal {
  const p = req.principal;
  if (p.kind !== 'user') throw new HttpError(403, 'forbidden', 'uploads are made by signed-in staff');
  return p;
}

const queryString = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** The name the file had, for people: no folders, no control characters, at most 120 characters. */
function fileNameOf(x: unknown): string {
  const raw = typeof x === 'string' ? x : '';
  // eslint-disable-next-line no-control-regex
  const name = raw.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120);
  return name || 'tep-tai-len';
}

function indicatorsOf(ctx: ServerContext, q: unknown): Indicator[] {
  const ids = (queryString(q) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_TEMPLATE_INDICATORS) {
    throw new HttpError(400, 'bad_request', `indicators: 1 to ${MAX_TEMPLATE_INDICATORS} indicator ids, comma-separated (got ${ids.length})`);
  }
  return [...new Set(ids)].map((id) => {
    const ind = ctx.domain.indicator(id);
    if (!ind) throw new HttpError(400, 'unknown_indicator', `unknown indicator '${id.slice(0, 64)}'`);
    return ind;
  });
}

/** Names of units match within a province (commune names repeat across provinces). */
function provinceOf(ctx: ServerContext, scope: string): string | undefined {
  const u = ctx.domain.registry.get(scope);
  if (u?.level === 'province') return u.code;
  if (u?.level === 'commune' && u.parent) return u.parent;
  return undefined;
}

/** The source a preview is checked against and a commit writes under: the upload's own, scoped as its uploader. */
function uploadSource(id: string, fileName: string, user: UserPrincipal, createdAt: number): SourceRecord {
  return { id: `upload-${id}`, name: `Tải lên: ${fileName} (${user.username})`, units: [user.scope], indicators: '*', createdAt, kind: 'upload' };
}

async function templateFile(template: UploadTemplate, indicators: Indicator[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const rows = [template.headers, ...template.rows];
  if (format === 'csv') return Buffer.from(toCsv(rows), 'utf8');
  const guide = templateGuide(indicators, template, MAX_UPLOAD_BYTES / 1024 / 1024);
  return writeXlsx([
    {
      name: 'Số liệu',
      rows,
      widths: [12, 32, 12, ...template.columns.map((c) => Math.min(60, Math.max(18, c.header.length * 0.8)))],
      boldRows: [1],
      // codes (00004) and periods (2026-11) stay text: a spreadsheet would drop the zeros or read a date
      textColumns: [1, 3],
    },
    { name: 'Hướng dẫn', rows: guide, widths: [48, 110], boldRows: [1, guide.findIndex((r) => r[0] === 'Lưu ý') + 1] },
  ]);
}

export function uploadsRouter(ctx: ServerContext): Router {
  const router = Router();
  // the file itself is the body, whatever it is labelled: its bytes decide (upload-file.ts)
  const fileBody = express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES });

  router.get('/api/v1/uploads/template', guard(ctx, 'operate', (req) => queryString(req.query.scope)), async (req, res) => {
    const user = userOf(req);
    const format = req.query.format === undefined ? 'xlsx' : req.query.format;
    if (format !== 'xlsx' && format !== 'csv') throw new HttpError(400, 'bad_request', 'format: xlsx or csv');
    const scope = queryString(req.query.scope) ?? user.scope;
    const indicators = indicatorsOf(ctx, req.query.indicators);
    const nowMs = Date.now();
    let template: UploadTemplate;
    try {
      template = uploadTemplate(indicators, scope, ctx.domain.registry, nowMs);
    } catch (err) {
      if (err instanceof TemplateError) throw new HttpError(400, err.code, err.message);
      throw err;
    }
    const body = await templateFile(template, indicators, format);
    res.attachment(`mau-so-lieu-${scope}-${currentPeriod('day', nowMs)}.${format}`);
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'xlsx');
    res.set('Cache-Control', 'no-store').send(body);
  });

  router.post('/api/v1/uploads', guard(ctx, 'operate'), fileBody, async (req, res) => {
    const user = userOf(req);
    const fileName = fileNameOf(req.query.name);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const format = formatOf(body, req.get('content-type'));
    const { table, decimal } = await readUploadTable(body, format);
    const nowMs = Date.now();
    let preview: ReturnType<typeof previewRows>;
    let header: HeaderMapping;
    try {
      header = mappingFromHeaders(table.headers, ctx.domain.indicator, { decimal, within: provinceOf(ctx, user.scope) });
    } catch (err) {
      if (err instanceof TemplateError) throw new HttpError(400, 'bad_file', err.message);
      throw err;
    }
    // a row without any figure is not reported (the template lists every unit; most uploads fill a few)
    const records = table.rows.filter((r) => header.valueFields.some((f) => r.record[f] !== null && r.record[f] !== undefined && String(r.record[f]).trim() !== ''));
    if (records.length > MAX_TEMPLATE_ROWS) throw new HttpError(400, 'bad_file', `the file has ${records.length} rows of figures, over ${MAX_TEMPLATE_ROWS}: split it`);
    const id = randomBytes(12).toString('hex');
    const source = uploadSource(id, fileName, user, nowMs);
    try {
      const mapped = mapRecords(records, header.mapping, { units: ctx.domain.units, indicator: ctx.domain.indicator, nowMs });
      const check = await submitBatch(ctx, source, source.id, mapped.items, { dryRun: true, nowMs });
      const within = header.mapping.unit.within;
      preview = previewRows(records, mapped, check.rejected, {
        unitField: header.mapping.unit.field,
        ...(typeof header.mapping.period === 'object' && 'field' in header.mapping.period ? { periodField: header.mapping.period.field } : {}),
        unitName: (code) => ctx.domain.registry.get(code)?.fullName.vi,
        resolveUnit: (text) => {
          const m = ctx.domain.units.resolve(text, 'auto', within);
          return m.ok ? m.code : undefined;
        },
      });
    } catch (err) {
      if (err instanceof MappingMismatch) throw new HttpError(400, 'bad_file', err.message);
      throw err;
    }
    const accepted = preview.rows.filter((r) => r.status === 'accepted').length;
    const skipped = table.rows.length - records.length;
    // rows without any figure are counted in `skipped`, not warned of: a template lists every unit of the scope
    const warnings = [...header.warnings];
    const answer: UploadPreview = {
      id,
      fileName,
      format,
      scope: user.scope,
      indicators: header.indicators,
      rows: preview.rows,
      accepted,
      rejected: preview.rows.length - accepted,
      skipped,
      figures: preview.items.length,
      warnings,
      expiresAt: nowMs + UPLOAD_TTL_MS,
    };
    await saveUpload(ctx.redis, ctx.keys, { preview: answer, owner: { id: user.id, username: user.username, scope: user.scope }, createdAt: nowMs, items: preview.items, itemRows: preview.itemRows });
    res.json(answer);
  });

  router.post('/api/v1/uploads/:id/commit', guard(ctx, 'operate'), async (req, res) => {
    const user = userOf(req);
    const id = String(req.params.id);
    const gone = () => new HttpError(404, 'not_found', `no upload '${id.slice(0, 32)}' waiting: a preview is kept ${UPLOAD_TTL_MS / 60_000} minutes; upload the file again`);
    const stored = UPLOAD_ID.test(id) ? await readUpload(ctx.redis, ctx.keys, id) : undefined;
    if (!stored) throw gone();
    const { preview, owner, items, itemRows } = stored.record;
    if (owner.id !== user.id) throw new HttpError(403, 'forbidden', 'only the user who uploaded the file may commit it');
    if (owner.scope !== user.scope) throw new HttpError(403, 'forbidden', 'your scope changed since the preview: upload the file again');
    if (stored.committedAt !== null) throw new HttpError(409, 'already_committed', `this upload was committed at ${new Date(stored.committedAt).toISOString()}`);
    if (preview.accepted === 0) throw new HttpError(400, 'nothing_to_commit', 'no row of this upload was accepted: correct the file and upload it again');
    const claim = await claimCommit(ctx.redis, ctx.keys, id, preview.expiresAt);
    if (claim === 'gone') throw gone();
    if (claim === 'committed') throw new HttpError(409, 'already_committed', 'this upload was committed already');

    const nowMs = Date.now();
    const source = uploadSource(id, preview.fileName, user, nowMs);
    let answer: UploadReceipt;
    try {
      // checked again: a figure observed later may have been stored since the preview; its row then writes nothing
      const check = await submitBatch(ctx, source, source.id, items, { dryRun: true, nowMs });
      const refused = new Map<number, UploadReason[]>();
      for (const r of check.rejected) {
        const row = itemRows[r.index]!;
        const reason: UploadReason = { code: r.code, message: r.reason, ...(typeof items[r.index]?.indicator === 'string' ? { indicator: items[r.index]!.indicator as string } : {}) };
        refused.set(row, [...(refused.get(row) ?? []), reason]);
      }
      const kept = items.filter((_, i) => !refused.has(itemRows[i]!));
      await saveTokenlessSource(ctx.redis, ctx.keys, source);
      const receipt = await submitBatch(ctx, source, source.id, kept, { nowMs });
      answer = {
        ...receipt,
        id,
        source: source.id,
        fileName: preview.fileName,
        rows: { accepted: preview.accepted - refused.size, rejected: preview.rejected + refused.size },
        refusedAtCommit: [...refused].map(([row, reasons]) => ({ row, reasons })),
      };
    } catch (err) {
      await releaseCommit(ctx.redis, ctx.keys, id).catch(() => undefined);
      throw err;
    }
    await audit(ctx, req, 'upload.commit', source.id, { fileName: preview.fileName, format: preview.format, rows: answer.rows, figures: answer.accepted, indicators: preview.indicators }, { scope: user.scope });
    await saveReceipt(ctx.redis, ctx.keys, id, preview.expiresAt, answer);
    res.json(answer);
  });

  return router;
}
