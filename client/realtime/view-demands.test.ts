import { describe, expect, it } from 'vitest';
import { ViewDemands } from './view-demands';

describe('ViewDemands', () => {
  it('subscribes the union of the needs for one scope, without duplicates', () => {
    const d = new ViewDemands();
    d.set('national', { scope: 'VN', indicators: ['a', 'b'] });
    d.set('rankings', { scope: 'VN', indicators: ['b', 'c'] });
    expect(d.merged()).toEqual({ scope: 'VN', indicators: ['a', 'b', 'c'] });
    d.set('rankings', null);
    expect(d.merged()).toEqual({ scope: 'VN', indicators: ['a', 'b'] });
    d.set('national', null);
    expect(d.merged()).toBeNull();
  });

  it('follows the newest need when scopes differ, unless a scope is preferred', () => {
    const d = new ViewDemands();
    d.set('national', { scope: 'VN', indicators: ['a'] });
    d.set('rankings', { scope: 'VN', indicators: ['c'] });
    d.set('province', { scope: '48', indicators: ['a'] });
    expect(d.merged()).toEqual({ scope: '48', indicators: ['a'] });
    d.prefer('VN');
    expect(d.merged()).toEqual({ scope: 'VN', indicators: ['a', 'c'] });
    d.prefer('79'); // nobody needs it: back to the newest
    expect(d.merged()).toEqual({ scope: '48', indicators: ['a'] });
  });

  it('ignores a need without indicators', () => {
    const d = new ViewDemands();
    d.set('x', { scope: 'VN', indicators: [] });
    expect(d.merged()).toBeNull();
  });
});
