import type { SeriesSource } from '../../core/contract/series';

/**
 * The name of a value's source for the unit detail ("Nguồn: …"): a source named in the series answer by its id; a
 * forwarded figure's id is `link/origin…`, named by the link it came through; `rollup` is the parent's own sum of
 * its children's figures. Minimal on this branch (feat/history); the shared helper may replace it.
 */
export type SourceLabel = { kind: 'rollup' } | { kind: 'named'; name: string; simulated: boolean } | { kind: 'id'; id: string; simulated: boolean };

export function sourceLabel(id: string, sources: readonly SeriesSource[]): SourceLabel {
  if (id === 'rollup') return { kind: 'rollup' };
  const own = id.split('/')[0]!;
  const s = sources.find((x) => x.id === own);
  const simulated = own.startsWith('sim-');
  return s ? { kind: 'named', name: s.name, simulated: s.simulated } : { kind: 'id', id: own, simulated };
}
