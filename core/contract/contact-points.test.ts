import { describe, expect, it } from 'vitest';
import { contactPointInputSchema, webhookUrlProblem, withDefaultKind } from './contact-points';

describe('webhook URL at save', () => {
  const dev = { httpsOnly: false };
  it.each(['https://sms.danang.gov.vn/hook', 'http://127.0.0.1:9/hook', 'https://[::1]:8443/x?y=1'])('takes %s', (u) => {
    expect(webhookUrlProblem(u, dev)).toBeUndefined();
  });
  it.each([
    ['not a url', /not a URL/],
    ['ftp://files.example.vn/x', /scheme ftp/],
    ['javascript:alert(1)', /scheme javascript/],
    ['https://user:pass@hook.example.vn/x', /credentials/],
    ['https://token@hook.example.vn/x', /credentials/],
    ['http://', /not a URL|no host/],
  ])('refuses %s', (u, why) => {
    expect(webhookUrlProblem(u, dev)).toMatch(why);
  });
  it('in production only https, unless http is allowed', () => {
    expect(webhookUrlProblem('http://gw.local/hook', { httpsOnly: true })).toMatch(/https only/);
    expect(webhookUrlProblem('https://gw.local/hook', { httpsOnly: true })).toBeUndefined();
  });
});

describe('contact point input', () => {
  it('is a webhook when no kind is given (the body of earlier releases)', () => {
    const r = contactPointInputSchema.parse(withDefaultKind({ name: 'SMS', scope: '48', url: 'https://x.vn/h' }));
    expect(r).toEqual({ kind: 'webhook', name: 'SMS', scope: '48', url: 'https://x.vn/h' });
  });
  it('takes e-mail addresses, lower-cased and once each', () => {
    const r = contactPointInputSchema.parse({ kind: 'email', name: 'Trực ban', scope: '48', addresses: ['Truc.Ban@DaNang.gov.vn', 'truc.ban@danang.gov.vn', 'lanh.dao@danang.gov.vn'] });
    expect(r.kind === 'email' && r.addresses).toEqual(['truc.ban@danang.gov.vn', 'lanh.dao@danang.gov.vn']);
  });
  it('refuses a bad address by its index, and none at all', () => {
    const bad = contactPointInputSchema.safeParse({ kind: 'email', name: 'x', scope: '48', addresses: ['ok@x.vn', 'not-an-address'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['addresses', 1]);
    expect(contactPointInputSchema.safeParse({ kind: 'email', name: 'x', scope: '48', addresses: [] }).success).toBe(false);
    expect(contactPointInputSchema.safeParse({ kind: 'sms', name: 'x', scope: '48' }).success).toBe(false);
  });
});
