import { describe, expect, it } from 'vitest';
import { sourceLabel } from './source-label';

const sources = [{ id: 'sim-48', name: 'Mô phỏng — IOC Thành phố Đà Nẵng', simulated: true }, { id: 'so-48', name: 'Sở TT&TT Đà Nẵng', simulated: false }];

describe('sourceLabel', () => {
  it('names a source, a forwarded figure by its link, and a rollup', () => {
    expect(sourceLabel('so-48', sources)).toEqual({ kind: 'named', name: 'Sở TT&TT Đà Nẵng', simulated: false });
    expect(sourceLabel('sim-48/x', sources)).toEqual({ kind: 'named', name: 'Mô phỏng — IOC Thành phố Đà Nẵng', simulated: true });
    expect(sourceLabel('rollup', sources)).toEqual({ kind: 'rollup' });
    expect(sourceLabel('sim-01', [])).toEqual({ kind: 'id', id: 'sim-01', simulated: true });
  });
});
