import type { AlertEvent, AlertRecord } from '../../core/alerts/alert';
import type { Severity } from '../../core/alerts/rule';

/** How long an alert that fired, got worse or was acknowledged counts as news (the wall's ticker keeps it in sight). */
export const NEWS_MS = 30_000;
export const NEWS_KINDS: ReadonlySet<AlertEvent['kind']> = new Set(['fired', 'escalated', 'acknowledged']);
export type News = ReadonlyMap<string, { kind: AlertEvent['kind']; receivedAt: number }>;

/** Notes the news among these events (received at `at`, client time) and forgets what is older than NEWS_MS. */
export function updateNews(news: Map<string, { kind: AlertEvent['kind']; receivedAt: number }>, events: readonly AlertEvent[], at: number) {
  for (const e of events) if (NEWS_KINDS.has(e.kind)) news.set(e.alert.id, { kind: e.kind, receivedAt: at });
  for (const [id, n] of news) if (at - n.receivedAt > NEWS_MS) news.delete(id);
  return news;
}

/** Worst first: critical, then no data, then warning (DESIGN §8; the wall and the lists sort by it). */
export const SEVERITIES: readonly Severity[] = ['critical', 'nodata', 'warning'];
const RANK: Record<Severity, number> = { critical: 0, nodata: 1, warning: 2 };
export const severityRank = (s: Severity): number => RANK[s];

/** How broad a unit is: the nation 0, a province or ministry 1, a commune 2. A province's alert outranks a commune's. */
export function unitDepth(code: string): number {
  if (code === 'VN') return 0;
  return /^\d{5,}$/.test(code) ? 2 : 1;
}

/** Open before closed; then the worse severity; then the broader unit; then the newest; then by id (stable). */
export function worstFirst(a: AlertRecord, b: AlertRecord): number {
  return (
    Number(a.phase !== 'firing') - Number(b.phase !== 'firing') ||
    RANK[a.severity] - RANK[b.severity] ||
    unitDepth(a.unit) - unitDepth(b.unit) ||
    b.firedAt - a.firedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const later = <T extends { at: number }>(a: T | null, b: T | null): T | null => (!a ? b : !b ? a : b.at >= a.at ? b : a);

/**
 * One alert as known from two answers that may arrive in any order (a list fetched while events stream in): a
 * resolved alert never reopens (a new firing is a new alert), and of two acknowledgements or assignments the later
 * one wins.
 */
export function mergeRecord(known: AlertRecord | undefined, next: AlertRecord): AlertRecord {
  if (!known) return next;
  const resolved = known.phase === 'resolved' ? known : next.phase === 'resolved' ? next : null;
  return {
    ...(resolved && next.phase !== 'resolved' ? known : next),
    acknowledged: later(known.acknowledged, next.acknowledged),
    assignee: later(known.assignee, next.assignee),
    silencedUntil: next.silencedUntil ?? known.silencedUntil,
  };
}

export interface Bounds {
  maxOpen: number;
  maxClosed: number;
}

/**
 * Keeps the book bounded (a wall runs for months): every open alert up to `maxOpen` (the least urgent dropped
 * first) and the `maxClosed` most recently closed. Mutates and returns the map.
 */
export function prune(book: Map<string, AlertRecord>, bounds: Bounds): Map<string, AlertRecord> {
  const open: AlertRecord[] = [];
  const closed: AlertRecord[] = [];
  for (const a of book.values()) (a.phase === 'firing' ? open : closed).push(a);
  if (closed.length > bounds.maxClosed) {
    closed.sort((a, b) => (b.resolvedAt ?? b.firedAt) - (a.resolvedAt ?? a.firedAt));
    for (const a of closed.slice(bounds.maxClosed)) book.delete(a.id);
  }
  if (open.length > bounds.maxOpen) {
    open.sort(worstFirst);
    for (const a of open.slice(bounds.maxOpen)) book.delete(a.id);
  }
  return book;
}

/** Applies events in order to the book. */
export function applyEvents(book: Map<string, AlertRecord>, events: readonly AlertEvent[]): Map<string, AlertRecord> {
  for (const e of events) book.set(e.alert.id, mergeRecord(book.get(e.alert.id), e.alert));
  return book;
}

/** What a province shows on the map: its worst open alert (its own or a commune's) and how many communes are in alert. */
export interface ProvinceAlerts {
  worst: Severity;
  /** The province's own worst alert, if any. */
  own: Severity | null;
  /** Distinct communes with an open alert. */
  communes: number;
  /** Open alerts in the province (its own and its communes'). */
  total: number;
}

/**
 * Open alerts of one indicator (or of all, with null) gathered by province; `provinceOf` names a unit's province
 * (itself for a province; undefined while a commune's parent is not known yet). Communes → their worst severity too.
 */
export function alertsByArea(
  open: Iterable<AlertRecord>,
  indicator: string | null,
  provinceOf: (code: string) => string | undefined,
): { provinces: Map<string, ProvinceAlerts>; communes: Map<string, Severity> } {
  const provinces = new Map<string, ProvinceAlerts>();
  const communes = new Map<string, Severity>();
  const worse = (a: Severity | null, b: Severity) => (a === null || RANK[b] < RANK[a] ? b : a);
  for (const a of open) {
    if (a.phase !== 'firing' || (indicator !== null && a.indicator !== indicator)) continue;
    const province = provinceOf(a.unit);
    const isCommune = unitDepth(a.unit) === 2;
    if (isCommune) communes.set(a.unit, worse(communes.get(a.unit) ?? null, a.severity));
    if (!province) continue;
    const p = provinces.get(province) ?? { worst: a.severity, own: null, communes: 0, total: 0 };
    p.worst = worse(p.worst, a.severity);
    p.total += 1;
    if (!isCommune) p.own = worse(p.own, a.severity);
    provinces.set(province, p);
  }
  for (const code of communes.keys()) {
    const p = provinces.get(provinceOf(code) ?? '');
    if (p) p.communes += 1;
  }
  return { provinces, communes };
}

export interface AlertCounts {
  critical: number;
  nodata: number;
  warning: number;
  /** Open and acknowledged. */
  acknowledged: number;
  open: number;
}

export function countOpen(open: Iterable<AlertRecord>): AlertCounts {
  const c: AlertCounts = { critical: 0, nodata: 0, warning: 0, acknowledged: 0, open: 0 };
  for (const a of open) {
    if (a.phase !== 'firing') continue;
    c[a.severity] += 1;
    c.open += 1;
    if (a.acknowledged) c.acknowledged += 1;
  }
  return c;
}
