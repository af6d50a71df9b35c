import { describe, expect, it } from 'vitest';
import { extremes } from './extremes';

const values = [
  { unit: '01', value: 90 },
  { unit: '04', value: 70 },
  { unit: '08', value: null },
  { unit: '11', value: 80 },
  { unit: '12', value: 95 },
  { unit: '14', value: 60 },
  { unit: '15', value: 80 },
];

describe('extremes', () => {
  it('puts the highest first when higher is better, and the lowest first in the bottom list', () => {
    const e = extremes(values, 'up', 2);
    expect(e.top.map((x) => x.code)).toEqual(['12', '01']);
    expect(e.bottom.map((x) => x.code)).toEqual(['14', '04']);
    expect(e.bottom.map((x) => x.rank)).toEqual([6, 5]);
    expect(e).toMatchObject({ meaning: 'better', total: 6 });
  });
  it('puts the lowest first when lower is better', () => {
    const e = extremes(values, 'down', 2);
    expect(e.top.map((x) => x.code)).toEqual(['14', '04']);
    expect(e.bottom.map((x) => x.code)).toEqual(['12', '01']);
  });
  it('breaks ties by code and never lists a unit twice', () => {
    const e = extremes(values, 'context', 5);
    expect(e.meaning).toBe('higher');
    expect(e.top.map((x) => x.code)).toEqual(['12', '01', '11', '15', '04']);
    expect(e.bottom.map((x) => x.code)).toEqual(['14']);
  });
});
