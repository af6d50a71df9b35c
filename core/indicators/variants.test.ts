import { describe, expect, it } from 'vitest';
import { ALL_INDICATORS, INDICATORS, indicatorById } from './catalog';

describe('dimension variants', () => {
  it('adds one indicator per 766 group and per priority database, with its own maximum', () => {
    const groups = ALL_INDICATORS.filter((i) => i.id.startsWith('dvc766_group_score.'));
    expect(groups.map((g) => g.range.max)).toEqual([18, 20, 12, 10, 18, 22]);
    expect(groups.reduce((a, g) => a + g.range.max, 0)).toBe(100);
    expect(ALL_INDICATORS.filter((i) => i.id.startsWith('priority_db_progress_pct.'))).toHaveLength(11);
    expect(indicatorById('dvc766_group_score.mdsh')?.name.vi).toBe('Điểm nhóm chỉ số 766 — Số hóa hồ sơ');
    expect(ALL_INDICATORS.length).toBe(INDICATORS.length + 17);
  });
});
