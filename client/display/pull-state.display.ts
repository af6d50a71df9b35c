import type { PullStatus } from '../../core/contract/connectors';
import { formatDate, formatDateTime } from '../../core/format';
import type { IconName } from '../components/state-icons';

/**
 * A pull connector's state as people read it (Quản trị › Kết nối, i18n `connectors.state.<state>`): paused by an
 * admin, never pulled yet, its last pull failed (nothing of it was written), or its last pull went through (applied,
 * or the same content again). Never colour alone: an icon and a word go with it.
 */
export type ConnectorState = 'ok' | 'failing' | 'paused' | 'never';

export function connectorState(paused: boolean, status: Pick<PullStatus, 'lastPullAt' | 'lastOutcome'>): ConnectorState {
  if (paused) return 'paused';
  if (status.lastPullAt === null || status.lastOutcome === null) return 'never';
  return status.lastOutcome === 'failed' ? 'failing' : 'ok';
}

export const CONNECTOR_STATE_DISPLAY: Readonly<Record<ConnectorState, { icon: IconName; tone: 'ok' | 'warn' | 'crit' | 'none' }>> = Object.freeze({
  ok: { icon: 'check', tone: 'ok' },
  failing: { icon: 'cross', tone: 'crit' },
  paused: { icon: 'octagon', tone: 'warn' },
  never: { icon: 'circle', tone: 'none' },
});

/** The first rejections of a pull as short lines, "dòng 3: …" for a file, "bản ghi 2: …" for a JSON answer. */
export function rejectionLines(status: Pick<PullStatus, 'firstRejections'>, words: { row: string; record: string }, max = 3): string[] {
  return status.firstRejections.slice(0, max).map((r) => `${r.row !== undefined ? `${words.row} ${r.row}` : `${words.record} ${r.record + 1}`}: ${r.reason}`);
}

/** A moment near now, as short as it stays clear: "14:05" today (Viet Nam time), "29/11 07:00" another day. */
export function shortWhen(ms: number, nowMs: number): string {
  const full = formatDateTime(ms); // dd/mm/yyyy HH:MM
  return formatDate(ms) === formatDate(nowMs) ? full.slice(11) : `${full.slice(0, 5)} ${full.slice(11)}`;
}
