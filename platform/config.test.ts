import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, webhooksHttpsOnly } from './config';

describe('TRUST_PROXY', () => {
  it('defaults to loopback', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe('loopback');
  });
  it.each(['loopback', 'uniquelocal,10.0.0.5', '10.0.0.0/24, 192.168.1.1', 'fd00::/8', '::1'])('takes %s', (v) => {
    expect(parseConfig({ TRUST_PROXY: v }).TRUST_PROXY).toBe(v);
  });
  it.each(['true', '*', '10.0.0.0/33', '10.0.0.0/8/1', 'proxy.example', '10.0.0.5,', 'fd00::/129'])('refuses %s', (v) => {
    expect(() => parseConfig({ TRUST_PROXY: v })).toThrow(/TRUST_PROXY/);
  });
});

describe('delivery settings', () => {
  it('takes an smtp:// or smtps:// server with a sender, both or neither', () => {
    const c = parseConfig({ SMTP_URL: 'smtps://u:p@mail.danang.gov.vn:465', SMTP_FROM: 'IOC Đà Nẵng <canh-bao@danang.gov.vn>' });
    expect(c.SMTP_URL).toBe('smtps://u:p@mail.danang.gov.vn:465');
    expect(parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'canh-bao@ioc.vn' }).SMTP_FROM).toBe('canh-bao@ioc.vn');
    expect(() => parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/SMTP_URL and SMTP_FROM/);
    expect(() => parseConfig({ SMTP_FROM: 'canh-bao@ioc.vn' })).toThrow(/SMTP_URL and SMTP_FROM/);
  });
  it.each([
    [{ SMTP_URL: 'http://mail.vn', SMTP_FROM: 'a@b.vn' }, /SMTP_URL/],
    [{ SMTP_URL: 'smtp://mail.vn', SMTP_FROM: 'not an address' }, /SMTP_FROM/],
    [{ NODE_ENV: 'prod' }, /NODE_ENV/],
    [{ WEBHOOK_ALLOW_HTTP: 'yes' }, /WEBHOOK_ALLOW_HTTP/],
  ])('refuses %o', (env, why) => {
    expect(() => parseConfig(env)).toThrow(why);
  });
  it('makes webhooks https only in production, unless WEBHOOK_ALLOW_HTTP=on', () => {
    expect(webhooksHttpsOnly(parseConfig({}))).toBe(false);
    expect(webhooksHttpsOnly(parseConfig({ NODE_ENV: 'production' }))).toBe(true);
    expect(webhooksHttpsOnly(parseConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_HTTP: 'on' }))).toBe(false);
  });
});

describe('the README settings table', () => {
  it('names every setting the configuration reads', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const names = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !readme.includes(`| \`${n}\` |`))).toEqual([]);
  });
});
