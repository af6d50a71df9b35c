import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedsAnswer } from '../../core/contract/boards';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * The admin routes of federation links on the upper instance (docs/api.md "Access"): issue, rotate, revoke — within
 * the admin's scope, validated, audited — and each link on the feed board as a downstream IOC with its link state.
 * A second instance, configured with an upstream, shows that link as a row of its own board.
 */
let stack: Stack;
let lower: Stack;
let admin: Session;
/** An admin of province 48. */
let admin48: Session;

const linkCall = (token: string) => fetch(`${stack.url}/api/v1/link`, { headers: { authorization: `Bearer ${token}` } });
const report = (token: string, body: unknown) =>
  fetch(`${stack.url}/api/v1/link/status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const feedRow = async (s: Session, id: string) => ((await s.call('GET', '/api/v1/feeds')).body as FeedsAnswer).feeds.find((f) => f.source === id);
const auditOf = async (id: string) => ((await admin.call('GET', '/api/v1/audit')).body.entries as { action: string; target: string; scope: string }[]).filter((e) => e.target === id);

beforeAll(async () => {
  stack = await startStack({ LINK_DOWN_MS: '5000' });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const r = await admin.call('POST', '/api/v1/users', { username: 'admin-48', displayName: 'Quản trị Đà Nẵng', role: 'admin', scope: '48', password: 'admin-48-password-1' });
  expect(r.status).toBe(201);
  admin48 = await signIn(stack.url, 'admin-48', 'admin-48-password-1');
}, 60_000);
afterAll(async () => {
  await lower?.stop();
  await stack?.stop();
});

describe('federation links: admin REST', () => {
  it('issues a link within the admin scope: the token is shown once and works; listed, audited, on the feed board', async () => {
    const r = await admin48.call('POST', '/api/v1/links', { name: 'IOC Đà Nẵng', scope: '48' });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^ioc_/);
    expect(r.body.link).toMatchObject({ id: 'link-ioc-da-nang', name: 'IOC Đà Nẵng', scope: '48', state: 'never', backlog: 0, accepted: 0 });
    expect((await linkCall(r.body.token)).status).toBe(200);
    const list = (await admin48.call('GET', '/api/v1/links')).body.links as { id: string; state: string }[];
    expect(list.map((l) => l.id)).toEqual(['link-ioc-da-nang']);
    expect(JSON.stringify(list)).not.toContain(r.body.token);
    expect(await auditOf('link-ioc-da-nang')).toEqual([expect.objectContaining({ action: 'link.create', scope: '48' })]);
    expect(await feedRow(admin, 'link-ioc-da-nang')).toMatchObject({ state: 'never', link: { state: 'never', backlog: 0, oldestUnsentAt: null } });

    // the lower side reports its outbox: connected, with its backlog and the age of its oldest unsent figure
    const oldest = Date.now() - 2_000;
    expect((await report(r.body.token, { backlog: 12, oldestUnsentAt: oldest, overflow: false })).status).toBe(200);
    expect(await feedRow(admin, 'link-ioc-da-nang')).toMatchObject({ state: 'ok', link: { state: 'connected', backlog: 12, oldestUnsentAt: oldest } });
    // an overflowed outbox is lagging: late on the board
    await report(r.body.token, { backlog: 12, oldestUnsentAt: oldest, overflow: true });
    expect(await feedRow(admin, 'link-ioc-da-nang')).toMatchObject({ state: 'late', link: { state: 'lagging' } });
  });

  it('refuses what is malformed, outside the scope, taken or unknown, with a code and a reason', async () => {
    const bad = async (s: Session, body: unknown) => {
      const r = await s.call('POST', '/api/v1/links', body);
      return { status: r.status, code: r.body?.error?.code, issues: (r.body?.error?.issues ?? []) as string[] };
    };
    expect(await bad(admin, { scope: '48' })).toMatchObject({ status: 400, code: 'bad_request', issues: [expect.stringMatching(/^name:/)] });
    expect(await bad(admin, { name: '  ', scope: '48' })).toMatchObject({ status: 400, code: 'bad_request', issues: [expect.stringMatching(/^name:/)] });
    expect(await bad(admin, { name: '---', scope: '48' })).toMatchObject({ status: 400, issues: [expect.stringMatching(/^name:/)] });
    expect(await bad(admin, { name: 'x', scope: ['48'] })).toMatchObject({ status: 400, issues: expect.arrayContaining([expect.stringMatching(/^scope:/)]) });
    expect(await bad(admin, { name: 'x', scope: '99' })).toMatchObject({ status: 400, issues: [expect.stringMatching(/^scope: unknown unit/)] });
    expect(await bad(admin, { name: 'x', scope: 'VN' })).toMatchObject({ status: 400, issues: [expect.stringMatching(/^scope:/)] });
    expect(await bad(admin48, { name: 'IOC Hà Nội', scope: '01' })).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await bad(admin, { name: 'IOC Da Nang', scope: '48' })).toMatchObject({ status: 409, code: 'conflict' });
    const noCsrf = await admin.call('POST', '/api/v1/links', { name: 'y', scope: '48' }, { csrf: false });
    expect(noCsrf.status).toBe(403);

    const hn = await admin.call('POST', '/api/v1/links', { name: 'IOC Hà Nội', scope: '01' });
    expect(hn.status).toBe(201);
    // a province's admin neither sees nor changes another province's link
    expect(((await admin48.call('GET', '/api/v1/links')).body.links as { id: string }[]).map((l) => l.id)).toEqual(['link-ioc-da-nang']);
    for (const action of ['rotate', 'revoke']) {
      expect((await admin48.call('POST', `/api/v1/links/link-ioc-ha-noi/${action}`)).status).toBe(403);
      expect((await admin.call('POST', `/api/v1/links/link-nope/${action}`)).body.error.code).toBe('not_found');
    }
    expect((await linkCall(hn.body.token)).status).toBe(200);
    // a feed source is not a link
    const src = await admin.call('POST', '/api/v1/sources', { name: 'feed 48', units: ['48'], indicators: '*' });
    expect((await admin.call('POST', `/api/v1/links/${src.body.source.id}/revoke`)).status).toBe(404);
  });

  it('rotates (the old token refused at once) and revokes (the link refused until a new token), audited', async () => {
    const created = await admin.call('POST', '/api/v1/links', { name: 'IOC Huế', scope: '46' });
    const first = created.body.token as string;
    const rotated = await admin.call('POST', '/api/v1/links/link-ioc-hue/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(first);
    expect(rotated.body.link).toMatchObject({ id: 'link-ioc-hue', scope: '46' });
    expect((await linkCall(first)).status).toBe(401);
    expect((await linkCall(rotated.body.token)).status).toBe(200);

    const revoked = await admin.call('POST', '/api/v1/links/link-ioc-hue/revoke');
    expect(revoked.status).toBe(200);
    expect(revoked.body.link).toMatchObject({ state: 'refused', revokedAt: expect.any(Number) });
    expect(revoked.body.token).toBeUndefined();
    expect((await linkCall(rotated.body.token)).status).toBe(401);
    expect(await feedRow(admin, 'link-ioc-hue')).toMatchObject({ state: 'failing', link: { state: 'refused' } });
    expect((await auditOf('link-ioc-hue')).map((e) => [e.action, e.scope])).toEqual([['link.revoke', '46'], ['link.rotate', '46'], ['link.create', '46']]);
  });

  it('an instance with an upstream shows its link as a row of its own feed board', async () => {
    const hcm = await admin.call('POST', '/api/v1/links', { name: 'IOC TP. Hồ Chí Minh', scope: '79' });
    lower = await startStack({ UPSTREAM_URL: stack.url, UPSTREAM_TOKEN: hcm.body.token, LINK_DOWN_MS: '5000' });
    const lowerAdmin = await signIn(lower.url, 'admin', TEST_ADMIN_PASSWORD);
    const row = await feedRow(lowerAdmin, 'upstream');
    expect(row).toMatchObject({ name: new URL(stack.url).host, link: { upstream: true, backlog: 0 } });
    expect(['never', 'connected']).toContain(row!.link!.state);
    // a plain instance has no such row
    expect(await feedRow(admin, 'upstream')).toBeUndefined();
  }, 60_000);
});
