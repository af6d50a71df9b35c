import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../core/indicators/indicator';
import { freshness, kpiStatus } from '../../display/kpi.model';
import { pickKpis, pickMapIndicator } from './overview.config';

function ind(id: string, kind: Indicator['kind'], levels: Indicator['levels']): Indicator {
  return {
    id, catalogNo: 1, name: { vi: id, en: id }, domain: 'd', measure: { vi: '%', en: '%' }, kind, scale: 1, levels,
    cadence: 'daily', periodKind: 'day', staleAfterMs: 3_600_000, good: 'up', thresholds: { warning: 95, critical: 90 },
    range: { min: 0, max: 100 }, decimals: 1, basis: 'P',
  };
}

const catalog = [
  ind('budget_revenue', 'sum', ['province', 'national']),
  ind('grdp_growth_yoy', 'official', ['province', 'national']),
  ind('online_submission_rate', 'ratio', ['commune', 'province', 'national']),
  ind('ndxp_transactions', 'sum', ['ministry', 'national']),
];

describe('pickMapIndicator', () => {
  it('prefers the URL, then the on-time rate, then the first ratio', () => {
    expect(pickMapIndicator(catalog, 'budget_revenue')).toBe('budget_revenue');
    expect(pickMapIndicator(catalog, 'ndxp_transactions')).toBe('online_submission_rate'); // not mappable
    expect(pickMapIndicator([...catalog, ind('dossier_on_time_rate', 'ratio', ['province'])])).toBe('dossier_on_time_rate');
    expect(pickMapIndicator([])).toBeNull();
  });
});

describe('pickKpis', () => {
  it('takes the preferred ones present and tops up to four', () => {
    expect(pickKpis(catalog)).toEqual(['online_submission_rate', 'budget_revenue', 'grdp_growth_yoy', 'ndxp_transactions']);
  });
  it('honours a requested list of known ids', () => {
    expect(pickKpis(catalog, ['grdp_growth_yoy', 'nope'])).toEqual(['grdp_growth_yoy']);
  });
});

describe('kpiStatus and freshness', () => {
  const rate = ind('r', 'ratio', ['national']);
  it('compares in the bad direction', () => {
    expect(kpiStatus(rate, 97)).toBe('ok');
    expect(kpiStatus(rate, 93)).toBe('warning');
    expect(kpiStatus(rate, 80)).toBe('critical');
    expect(kpiStatus({ ...rate, good: 'down' }, 97)).toBe('critical');
    expect(kpiStatus(rate, null)).toBe('none');
  });
  it('marks a value stale past its deadline', () => {
    expect(freshness(rate, { observedAt: 0 }, 3_600_001)).toEqual({ ageMs: 3_600_001, stale: true });
    expect(freshness(rate, { observedAt: 0 }, 60_000).stale).toBe(false);
    expect(freshness(rate, undefined, 0)).toEqual({ ageMs: null, stale: false });
  });
});
