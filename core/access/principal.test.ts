import { describe, expect, it } from 'vitest';
import { decide, type Principal } from './principal';

// a tiny registry: VN > 48 > 20194, VN > 01 > 00004
const parent: Record<string, string> = { '48': 'VN', '01': 'VN', '20194': '48', '00004': '01' };
const isWithin = (code: string, scope: string): boolean => code === scope || (parent[code] !== undefined && isWithin(parent[code], scope));
const user = (role: 'viewer' | 'operator' | 'admin', scope: string): Principal => ({ kind: 'user', id: 'u', username: 'u', role, scope });
const display: Principal = { kind: 'display', id: 'd', name: 'wall', role: 'viewer', scope: '48', scenes: ['national'] };

describe('decide', () => {
  it('lets anyone through public, and nobody anonymous through the rest', () => {
    expect(decide({ kind: 'anonymous' }, 'public', undefined, isWithin).ok).toBe(true);
    expect(decide({ kind: 'anonymous' }, 'read', '48', isWithin)).toMatchObject({ ok: false, status: 401 });
  });
  it('scopes reads: an operator of 48 reads 48 and its communes, not 01', () => {
    expect(decide(user('operator', '48'), 'read', '20194', isWithin).ok).toBe(true);
    expect(decide(user('operator', '48'), 'read', '01', isWithin)).toMatchObject({ ok: false, status: 403 });
    expect(decide(user('operator', '48'), 'read', '00004', isWithin)).toMatchObject({ ok: false, status: 403 });
    expect(decide(user('operator', '48'), 'read', 'VN', isWithin)).toMatchObject({ ok: false, status: 403 });
  });
  it('ranks roles: a viewer cannot operate, an operator cannot administer', () => {
    expect(decide(user('viewer', 'VN'), 'operate', '48', isWithin)).toMatchObject({ ok: false, status: 403 });
    expect(decide(user('operator', 'VN'), 'operate', '48', isWithin).ok).toBe(true);
    expect(decide(user('operator', 'VN'), 'admin', undefined, isWithin)).toMatchObject({ ok: false, status: 403 });
    expect(decide(user('admin', '48'), 'admin', '01', isWithin)).toMatchObject({ ok: false, status: 403 });
    expect(decide(user('admin', 'VN'), 'admin', '01', isWithin).ok).toBe(true);
  });
  it('keeps display tokens read-only and in their scope', () => {
    expect(decide(display, 'read', '20194', isWithin).ok).toBe(true);
    expect(decide(display, 'read', '01', isWithin)).toMatchObject({ ok: false, status: 403 });
    expect(decide(display, 'operate', '48', isWithin)).toMatchObject({ ok: false, status: 403, reason: expect.stringMatching(/read-only/) });
    expect(decide(display, 'admin', undefined, isWithin)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('decide: every refusal says why as a code', () => {
  it('names the missing or refused credential', () => {
    expect(decide({ kind: 'anonymous' }, 'read', '48', isWithin)).toMatchObject({ status: 401, code: 'no_session' });
    for (const refused of ['session_expired', 'user_disabled', 'display_revoked'] as const) {
      expect(decide({ kind: 'anonymous' }, 'read', '48', isWithin, refused)).toMatchObject({ status: 401, code: refused });
    }
    // a refused credential does not matter where nothing is needed
    expect(decide({ kind: 'anonymous' }, 'public', undefined, isWithin, 'session_expired').ok).toBe(true);
  });
  it('names the rule a signed-in principal broke', () => {
    expect(decide(display, 'operate', '48', isWithin)).toMatchObject({ status: 403, code: 'display_read_only' });
    expect(decide(user('viewer', 'VN'), 'operate', '48', isWithin)).toMatchObject({ status: 403, code: 'role_required' });
    expect(decide(user('operator', '48'), 'read', '01', isWithin)).toMatchObject({ status: 403, code: 'out_of_scope' });
    expect(decide(display, 'read', '01', isWithin)).toMatchObject({ status: 403, code: 'out_of_scope' });
  });
});
