/** One line of an audit entry's detail: a field before → after (either side may be absent: created, deleted). */
export interface AuditChange {
  key: string;
  before?: string;
  after?: string;
  /** A change whose values are not shown (a password). */
  hidden?: boolean;
}

/** Fields every record carries that say nothing about the change (the entry's own time, actor and target do). */
const SKIP = new Set(['id', 'createdAt', 'createdBy', 'passwordHash']);
const MAX_VALUE = 80;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value in a few characters: times through `time`, lists joined, objects as compact JSON, cut at 80. */
export function auditValue(key: string, v: unknown, time: (ms: number) => string): string {
  let out: string;
  if (v === null || v === undefined) out = '–';
  else if (typeof v === 'number' && /At$/.test(key)) out = time(v);
  else if (typeof v === 'string') out = v;
  else if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) out = v.join(', ');
  else out = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return out.length > MAX_VALUE ? `${out.slice(0, MAX_VALUE - 1)}…` : out;
}

/**
 * The detail of an audit entry as changed fields (docs/api.md: "before → after detail"): `{ before, after }` gives the
 * fields that differ; only `after` (created) or only `before` (deleted) gives their fields; other keys are notes
 * (`passwordChanged`, `firstStart`). Pure, for the audit table.
 */
export function auditChanges(detail: Record<string, unknown> | undefined, time: (ms: number) => string): AuditChange[] {
  if (!detail) return [];
  const out: AuditChange[] = [];
  const before = isRecord(detail.before) ? detail.before : undefined;
  const after = isRecord(detail.after) ? detail.after : undefined;
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !SKIP.has(k));
    for (const key of keys) {
      const b = before?.[key];
      const a = after?.[key];
      if (before && after && JSON.stringify(b) === JSON.stringify(a)) continue;
      const change: AuditChange = { key };
      if (before && b !== undefined) change.before = auditValue(key, b, time);
      if (after && a !== undefined) change.after = auditValue(key, a, time);
      if (change.before === undefined && change.after === undefined) continue;
      out.push(change);
    }
  }
  for (const [key, v] of Object.entries(detail)) {
    if (key === 'before' || key === 'after' || SKIP.has(key)) continue;
    if (key === 'passwordChanged') {
      if (v === true) out.push({ key: 'password', hidden: true });
      continue;
    }
    out.push({ key, after: auditValue(key, v, time) });
  }
  return out;
}
