import { describe, expect, it } from 'vitest';
import { buildRanking, competitionRanks, dvc766Band, groupLevel } from './dvc766';

describe('766 bands', () => {
  it('uses Xuất sắc ≥ 90, Tốt 80–<90, Khá 70–<80, Trung bình 50–<70, Yếu < 50', () => {
    expect(dvc766Band(100)).toBe('excellent');
    expect(dvc766Band(90)).toBe('excellent');
    expect(dvc766Band(89.99)).toBe('good');
    expect(dvc766Band(80)).toBe('good');
    expect(dvc766Band(79.99)).toBe('fair');
    expect(dvc766Band(70)).toBe('fair');
    expect(dvc766Band(69.99)).toBe('average');
    expect(dvc766Band(50)).toBe('average');
    expect(dvc766Band(49.99)).toBe('weak');
    expect(dvc766Band(0)).toBe('weak');
  });
  it('bands the total as shown (two decimals) and has no band without a total', () => {
    expect(dvc766Band(89.996)).toBe('excellent');
    expect(dvc766Band(89.994)).toBe('good');
    expect(dvc766Band(null)).toBeUndefined();
    expect(dvc766Band(Number.NaN)).toBeUndefined();
  });
});

describe('competition ranking', () => {
  it('gives ties the same rank and skips the next (1-2-2-4)', () => {
    const ranks = competitionRanks([
      { code: 'a', name: 'A', total: 91 },
      { code: 'b', name: 'B', total: 85.5 },
      { code: 'c', name: 'C', total: 85.5 },
      { code: 'd', name: 'D', total: 70 },
      { code: 'e', name: 'E', total: null },
    ]);
    expect([...ranks]).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4]]);
  });
  it('treats totals equal to two decimals as ties (sums of group scores carry float noise)', () => {
    const ranks = competitionRanks([
      { code: 'a', name: 'A', total: 0.1 + 0.2 + 80 },
      { code: 'b', name: 'B', total: 80.3 },
    ]);
    expect(ranks.get('a')).toBe(1);
    expect(ranks.get('b')).toBe(1);
  });
});

describe('ranking table', () => {
  const unit = (code: string, name: string, total: number | null) => ({ code, name, total, groups: { ckmb: total === null ? null : total / 6 } });
  it('orders by rank, ties by name, unranked last, with the change since the previous period', () => {
    const rows = buildRanking(
      [unit('48', 'Đà Nẵng', 85), unit('01', 'Hà Nội', 92), unit('79', 'Hồ Chí Minh', 85), unit('02', 'An Giang', null), unit('04', 'Cao Bằng', 40)],
      new Map([['01', 90], ['48', 91], ['79', 80], ['04', 40.5]]),
    );
    expect(rows.map((r) => [r.code, r.rank, r.band])).toEqual([
      ['01', 1, 'excellent'],
      ['48', 2, 'good'],
      ['79', 2, 'good'],
      ['04', 4, 'weak'],
      ['02', null, undefined],
    ]);
    // previous ranking: 48 (91) 1st, 01 (90) 2nd, 79 (80) 3rd, 04 (40.5) 4th
    expect(rows.find((r) => r.code === '01')).toMatchObject({ deltaPoints: 2, deltaRank: 1 });
    expect(rows.find((r) => r.code === '48')).toMatchObject({ deltaPoints: -6, deltaRank: -1 });
    expect(rows.find((r) => r.code === '79')).toMatchObject({ deltaPoints: 5, deltaRank: 1 });
    expect(rows.find((r) => r.code === '04')).toMatchObject({ deltaPoints: -0.5, deltaRank: 0 });
    expect(rows.find((r) => r.code === '02')).toMatchObject({ deltaPoints: null, deltaRank: null });
  });
  it('has no change where the previous period has no total', () => {
    const rows = buildRanking([unit('01', 'Hà Nội', 92)], new Map());
    expect(rows[0]).toMatchObject({ rank: 1, deltaPoints: null, deltaRank: null });
  });
});

describe('group level', () => {
  it('compares a group score with 70 % and 50 % of its maximum', () => {
    expect(groupLevel(18, 18)).toBe('ok');
    expect(groupLevel(12.6, 18)).toBe('ok');
    expect(groupLevel(12.5, 18)).toBe('warning');
    expect(groupLevel(8.9, 18)).toBe('critical');
    expect(groupLevel(null, 18)).toBe('none');
  });
});
