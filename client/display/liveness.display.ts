import type { MissingPart } from '../../core/contract/health';
import { formatDate, formatTime } from '../../core/format';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** "14:05" in Vietnam time; "14:05 06/12/2026" when it was another day. */
export function sinceTime(since: number, nowMs: number): string {
  const hm = formatTime(since).slice(0, 5);
  return formatDate(since) === formatDate(nowMs) ? hm : `${hm} ${formatDate(since)}`;
}

/** A job's name in words: the period pruner, a connector's pulls (`pull:<id>`), a report schedule (`report:<id>`). */
function jobName(name: string, t: Translate): string {
  if (name === 'period-pruner') return t('liveness.pruner');
  const [kind, ...rest] = name.split(':');
  const id = rest.join(':');
  return kind === 'pull' ? t('liveness.pull', { id }) : kind === 'report' ? t('liveness.report', { id }) : name;
}

/** "Máy xử lý dừng từ 14:05" / "Lịch kéo dữ liệu hcm trễ từ 07:30": one missing part, for the connection chip. */
export function missingText(m: MissingPart, t: Translate, nowMs: number): string {
  const time = sinceTime(m.since, nowMs);
  if (m.kind === 'job') return t('liveness.job', { name: jobName(m.name, t), time });
  if (m.kind === 'workers') return t('liveness.workers', { time });
  return t(`liveness.${m.name}`, { time });
}
