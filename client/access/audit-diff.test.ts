import { describe, expect, it } from 'vitest';
import { auditChanges, auditValue } from './audit-diff';

const time = (ms: number) => `t${ms}`;

describe('auditChanges', () => {
  it('an update lists only the fields that changed, before → after', () => {
    const detail = {
      before: { id: 'u1', username: 'a', role: 'viewer', scope: '48', createdAt: 1 },
      after: { id: 'u1', username: 'a', role: 'operator', scope: '01', createdAt: 1 },
      passwordChanged: false,
    };
    expect(auditChanges(detail, time)).toEqual([
      { key: 'role', before: 'viewer', after: 'operator' },
      { key: 'scope', before: '48', after: '01' },
    ]);
  });

  it('a creation shows its fields as after only, without id and creation stamps', () => {
    const detail = { after: { id: 'd1', name: 'Tường', scope: 'VN', scenes: ['national', 'feeds'], createdAt: 5, createdBy: 'admin' } };
    expect(auditChanges(detail, time)).toEqual([
      { key: 'name', after: 'Tường' },
      { key: 'scope', after: 'VN' },
      { key: 'scenes', after: 'national, feeds' },
    ]);
  });

  it('a deletion (after: null) shows what was there; a revocation shows its time', () => {
    expect(auditChanges({ before: { name: 'x', url: 'https://a' }, after: null }, time)).toEqual([
      { key: 'name', before: 'x' },
      { key: 'url', before: 'https://a' },
    ]);
    expect(auditChanges({ before: { name: 'w' }, after: { name: 'w', revokedAt: 42 } }, time)).toEqual([{ key: 'revokedAt', after: 't42' }]);
  });

  it('a password change is named, never shown; other notes pass through', () => {
    expect(auditChanges({ before: { role: 'a' }, after: { role: 'a' }, passwordChanged: true }, time)).toEqual([{ key: 'password', hidden: true }]);
    expect(auditChanges({ firstStart: true }, time)).toEqual([{ key: 'firstStart', after: 'true' }]);
    expect(auditChanges(undefined, time)).toEqual([]);
  });
});

describe('auditValue', () => {
  it('keeps values short and readable', () => {
    expect(auditValue('x', null, time)).toBe('–');
    expect(auditValue('x', { a: 1 }, time)).toBe('{"a":1}');
    expect(auditValue('x', 'y'.repeat(100), time)).toHaveLength(80);
  });
});
