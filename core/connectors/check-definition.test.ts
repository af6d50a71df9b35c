import { describe, expect, it } from 'vitest';
import { indicatorById } from '../indicators/catalog';
import type { Unit } from '../units/unit';
import { checkDefinition } from './check-definition';
import { REDACTED, redactAuth } from './definition';

const unit = (code: string): Unit | undefined =>
  ['VN', '01', '00004'].includes(code) ? ({ code, level: code.length === 5 ? 'commune' : 'province' } as Unit) : undefined;
const checks = { unit, indicator: indicatorById, cronProblem: (p: string) => (p.startsWith('99') ? 'Constraint error, got value 99 expected range 0-59' : undefined) };

const valid = {
  id: 'so-ttt-hn',
  name: 'LGSP Hà Nội',
  scope: { units: ['01'], indicators: ['dossier_on_time_rate'] },
  schedule: { everyMinutes: 15 },
  auth: { type: 'lgsp', appName: 'ioc', accessKey: 'a', secretKey: 's' },
  request: { url: 'https://lgsp.hanoi.gov.vn/api/hoso' },
  format: { type: 'json', records: 'data.items' },
  mapping: { unit: { field: 'maXa', within: '01' }, observations: [{ indicator: { const: 'dossier_on_time_rate' }, value: { num: 'dungHan', den: 'tiepNhan' } }] },
};

describe('checkDefinition', () => {
  it('accepts a whole definition and fills the defaults', () => {
    const r = checkDefinition(valid, checks);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.definition.adapter).toBe('generic');
    expect(r.definition.acceptPartial).toBe(false);
    expect(r.definition.retries).toBe(2);
    expect(r.definition.auth).toMatchObject({ type: 'lgsp', headers: { appName: 'AppName', accessKey: 'AccessKey', secretKey: 'SecretKey' } });
  });

  it.each([
    [{ ...valid, request: { url: 'ftp://x' } }, 'request.url'],
    [{ ...valid, schedule: { everyMinutes: 0 } }, 'schedule.everyMinutes'],
    [{ ...valid, schedule: { cron: '99 * * * *' } }, 'schedule.cron'],
    [{ ...valid, scope: { units: ['77'], indicators: '*' } }, 'scope.units.0'],
    [{ ...valid, format: { type: 'pdf' } }, 'format.type'],
    [{ ...valid, mapping: { ...valid.mapping, observations: [{ indicator: { const: 'nope' }, value: { value: 'v' } }] } }, 'mapping.observations.0.indicator.const'],
    [{ ...valid, mapping: { ...valid.mapping, observations: [{ indicator: { const: 'e_result_rate' }, value: { value: 'v' } }] } }, 'mapping.observations.0.indicator.const'],
    [{ ...valid, auth: { type: 'bearer' } }, 'auth.token'],
    [{ ...valid, extra: 1 }, 'definition'],
  ])('names the bad field (%#)', (input, field) => {
    const r = checkDefinition(input, checks);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.some((i) => i.startsWith(`${field}:`) || (field === 'definition' && i.includes('extra')))).toBe(true);
  });

  it('keeps saved secrets sent back as •••, and refuses ••• when there is none saved', () => {
    const saved = checkDefinition(valid, checks);
    if (!saved.ok) throw new Error('valid');
    const back = { ...valid, auth: redactAuth(saved.definition.auth) };
    expect(back.auth).toMatchObject({ accessKey: REDACTED, secretKey: REDACTED });
    const r = checkDefinition(back, checks, saved.definition);
    expect(r.ok && r.definition.auth).toMatchObject({ accessKey: 'a', secretKey: 's' });
    const fresh = checkDefinition(back, checks);
    expect(fresh.ok).toBe(false);
  });
});
