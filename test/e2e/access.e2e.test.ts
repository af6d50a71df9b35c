import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { appendAudit } from '../../store/audit.repo';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
const firstCommunes = domain.registry.all('province').map((p) => domain.registry.children(p.code, 'commune')[0]!.code);
const VIEWER = { username: 'viewer48', password: 'viewer48-password-123' };
/** The browser's own log of a refused request (bad input, a wrong password, a revoked token, an overlap to settle): expected here, nothing else is. */
const REFUSALS = /status of (400|401|403|409)/;

let stack: Stack;
let browser: Browser;
let token: string;
/** The admin's desk page, shared by the admin steps in order. */
let desk: { page: Page; problems: string[] };

const item = (unit: string, num: number) => ({
  indicator: 'dossier_on_time_rate',
  unit,
  period: currentPeriod('day', Date.now()),
  num,
  den: 100,
  observedAt: new Date().toISOString(),
});

beforeAll(async () => {
  stack = await startStack();
  token = await newSource(stack.redis, stack.keys, 'e2e-access');
  const res = await postBatch(stack.url, token, { batchId: 'seed', observations: firstCommunes.map((c) => item(c, 80)) });
  expect(res.body.accepted).toBe(34);
  await eventually(async () => ((await stack.redis.hlen(stack.keys.latest('dossier_on_time_rate', 'VN', item('x', 0).period))) >= 34 ? true : undefined));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signInByKeyboard(page: Page, username: string, password: string): Promise<void> {
  const user = page.locator('#login-username');
  await expect.poll(() => user.evaluate((e) => e === document.activeElement)).toBe(true); // focus starts there
  await user.fill(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

describe('access in headless Chromium', () => {
  it('(a) sends an unsigned page to /login, says a wrong password, then lands on the dashboard', async () => {
    const { page, problems } = await openPage(browser, null);
    await page.goto(`${stack.url}/?indicator=dossier_on_time_rate`);
    await page.waitForURL((u) => u.pathname === '/login', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?indicator=dossier_on_time_rate');
    await page.locator('[data-testid="login"] h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Đăng nhập');
    await screenshot(page, 'access-login-1920');

    await signInByKeyboard(page, 'admin', 'not-the-password');
    const error = page.locator('[data-testid="login-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'access-login-error-1920');

    await page.locator('#login-password').fill(TEST_ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('indicator') === 'dossier_on_time_rate');
    await page.locator('[data-testid="map"][data-provinces-drawn="34"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="connection"][data-live="true"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="user-summary"]').textContent()).toBe('admin · Quản trị · Cả nước');
    expect(await page.locator('[data-testid="admin-entry"]').count()).toBe(1);
    expect(problems.filter((p) => !REFUSALS.test(p))).toEqual([]);
    await page.close();

    // ten wrong tries for one name: the eleventh is refused for a while, and the form says so
    const other = await openPage(browser, null);
    for (let i = 0; i < 10; i++) await other.page.request.post(`${stack.url}/api/v1/auth/login`, { data: { username: 'mallory', password: 'guess' } });
    await other.page.goto(`${stack.url}/login`);
    await signInByKeyboard(other.page, 'mallory', 'guess-again');
    await expect.poll(() => other.page.locator('[data-testid="login-error"]').textContent()).toContain('Quá nhiều lần thử');
    await other.page.close();
  });

  it('(b) an admin creates a viewer of Da Nang in /admin/users; the viewer sees no admin entry and is refused there', async () => {
    desk = await openPage(browser, stack.url);
    const { page } = desk;
    await page.goto(`${stack.url}/admin/users`);
    await page.locator('[data-testid="users-table"] [data-user="admin"]').waitFor();
    await page.locator('[data-testid="user-new"]').click();
    await page.locator('#user-username').fill(VIEWER.username);
    await page.locator('#user-display-name').fill('Người xem Đà Nẵng');
    await page.locator('#user-role').selectOption('viewer');
    await page.locator('[data-testid="user-scope-top"]').selectOption('48');
    await page.locator('#user-password').fill('short');
    await page.locator('[data-testid="user-submit"]').click();
    // the server's issue, beside its field, in Vietnamese
    await page.locator('[data-testid="error-password"]').waitFor();
    expect(await page.locator('[data-testid="error-password"]').textContent()).toContain('ít nhất 12 ký tự');
    expect(await page.locator('#user-password').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'access-admin-users-error-1920');
    await page.locator('#user-password').fill(VIEWER.password);
    await page.locator('#user-password').press('Enter');
    const row = page.locator(`[data-user="${VIEWER.username}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Đà Nẵng');
    expect(await row.textContent()).toContain('Xem');
    await screenshot(page, 'access-admin-users-1920');

    const viewer = await openPage(browser, stack.url, 1920, 1080, VIEWER);
    await viewer.page.goto(`${stack.url}/`);
    await viewer.page.waitForURL((u) => u.pathname === '/province/48'); // a province's user starts on that province
    // the scope's name comes from the units list, fetched apart from the user: the summary says "48" until it is in
    await expect.poll(() => viewer.page.locator('[data-testid="user-summary"]').textContent(), { timeout: 10_000 }).toBe('viewer48 · Xem · Đà Nẵng');
    expect(await viewer.page.locator('[data-testid="admin-entry"]').count()).toBe(0);
    await viewer.page.goto(`${stack.url}/admin/users`);
    await viewer.page.waitForURL((u) => u.pathname === '/forbidden');
    expect(await viewer.page.locator('[data-testid="forbidden"]').textContent()).toContain('Không có quyền');
    expect(await viewer.page.locator('[data-testid="users-table"]').count()).toBe(0);
    // the server refuses the viewer too
    expect((await viewer.page.request.get(`${stack.url}/api/v1/users`)).status()).toBe(403);
    await screenshot(viewer.page, 'access-forbidden-1920');
    await viewer.page.close();
  });

  it('(c) a wall opened with a display token is live until the admin revokes it, then shows the revoked notice', async () => {
    const { page } = desk;
    await page.goto(`${stack.url}/admin/displays`);
    await page.locator('[data-testid="display-new"]').click();
    await page.locator('#display-name').fill('Tường IOC e2e');
    for (const scene of ['rankings', 'nq214', 'feeds', 'alerts']) await page.locator(`[data-testid="display-scene-${scene}"]`).uncheck();
    await page.locator('[data-testid="display-submit"]').click();
    const secret = page.locator('[data-testid="secret-value"]');
    await secret.waitFor();
    const wallUrl = await secret.inputValue();
    // the address is the code alone: the wall reads its scenes from the server (and follows later edits)
    expect(wallUrl).toMatch(new RegExp(`^${stack.url.replace(/\./g, '\\.')}/wall\\?display=[^&]+$`));
    await screenshot(page, 'access-admin-displays-1920');
    await page.locator('[data-testid="secret-close"]').click();
    expect(await secret.count()).toBe(0); // shown once

    const wall = await openPage(browser, null);
    const sockets: number[] = [];
    wall.page.on('websocket', () => sockets.push(Date.now()));
    await wall.page.goto(`${wallUrl}&kpis=dossier_on_time_rate`);
    await wall.page.locator('[data-testid="wall"]').waitFor({ timeout: 15_000 });
    expect(new URL(wall.page.url()).searchParams.has('display')).toBe(false); // out of the visible URL
    const tile = wall.page.locator('[data-testid="kpi-dossier_on_time_rate"]');
    await expect.poll(async () => Number(await tile.getAttribute('data-value')), { timeout: 15_000 }).toBeCloseTo(80, 6);
    await postBatch(stack.url, token, { batchId: 'live', observations: firstCommunes.map((c) => item(c, 90)) });
    await expect.poll(async () => Number(await tile.getAttribute('data-value')), { timeout: 5_000 }).toBeCloseTo(90, 6);
    expect(await wall.page.locator('[data-testid="user-menu"]').count()).toBe(0);

    await page.locator('[data-display="Tường IOC e2e"] [data-testid="display-revoke"]').click();
    await page.locator('[data-testid="confirm-yes"]').click();
    const revokedAt = Date.now();
    await wall.page.locator('[data-testid="revoked-notice"]').waitFor({ timeout: 5_000 });
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    expect(await wall.page.locator('[data-testid="revoked-notice"]').textContent()).toContain('Mã màn hình không hợp lệ hoặc đã bị thu hồi');
    await expect.poll(() => page.locator('[data-display="Tường IOC e2e"]').textContent()).toContain('Đã thu hồi');
    // no reconnect loop: the socket stays closed
    const socketsAtNotice = sockets.length;
    await wall.page.waitForTimeout(3_000);
    expect(sockets.length).toBe(socketsAtNotice);
    await screenshot(wall.page, 'access-revoked-1920');
    // a reload keeps the token (this tab's storage) and shows the notice again, not the login page
    await wall.page.reload();
    await wall.page.locator('[data-testid="revoked-notice"]').waitFor({ timeout: 10_000 });
    expect(new URL(wall.page.url()).pathname).toBe('/wall');
    expect(wall.problems.filter((p) => !REFUSALS.test(p) && !/WebSocket|socket\.io/.test(p))).toEqual([]);
    await wall.page.close();
  });

  it('(d) sources and contact points are managed by the admin; the audit log shows sign-ins and changes', async () => {
    const { page } = desk;
    await page.goto(`${stack.url}/admin/sources`);
    await page.locator('[data-source="e2e-access"]').waitFor();
    await page.locator('[data-testid="source-new"]').click();
    await page.locator('#source-name').fill('Sở TTTT Đà Nẵng');
    await page.locator('[data-testid="source-unit-top"]').selectOption('48');
    await page.locator('[data-testid="source-add-unit"]').click();
    await page.locator('#source-deadline').fill('17:00');
    await page.locator('[data-testid="source-submit"]').click();
    // e2e-access reports every unit: the admin says the province's own system is the authority for 48
    await page.locator('[data-testid="authority-conflict"] [data-conflict="e2e-access"]').waitFor();
    await page.locator('[data-testid="authority-wins"]').check();
    await page.locator('[data-testid="source-submit"]').click();
    await page.locator('[data-testid="secret-value"]').waitFor();
    expect((await page.locator('[data-testid="secret-value"]').inputValue()).length).toBeGreaterThan(20);
    await expect.poll(() => page.locator('[data-testid="sources-table"]').textContent(), { timeout: 10_000 }).toContain('Sở TTTT Đà Nẵng');
    await screenshot(page, 'access-admin-sources-1920');

    await page.goto(`${stack.url}/admin/contact-points`);
    await page.locator('#cp-name').fill('Tổng đài SMS Đà Nẵng');
    await page.locator('[data-testid="cp-scope-top"]').selectOption('48');
    await page.locator('#cp-url').fill('not a url');
    await page.locator('[data-testid="cp-submit"]').click();
    await page.locator('[data-testid="error-url"]').waitFor();
    await page.locator('#cp-url').fill('https://sms.danang.example/hook');
    await page.locator('[data-testid="cp-submit"]').click();
    await page.locator('[data-contact-point="Tổng đài SMS Đà Nẵng"]').waitFor();
    await screenshot(page, 'access-admin-contact-points-1920');

    // the admin renames the viewer in the edit form, then disables them (asked first): both audited as changes
    await page.goto(`${stack.url}/admin/users`);
    await page.locator(`[data-user="${VIEWER.username}"] button`, { hasText: 'Sửa' }).click();
    await page.locator('#user-display-name').fill('Lãnh đạo Đà Nẵng');
    await page.locator('#user-display-name').press('Enter');
    await expect.poll(() => page.locator(`[data-user="${VIEWER.username}"]`).textContent(), { timeout: 10_000 }).toContain('Lãnh đạo Đà Nẵng');
    await page.locator(`[data-user="${VIEWER.username}"] button`, { hasText: 'Khóa' }).click();
    await page.locator('[data-testid="confirm-dialog"]').waitFor();
    await page.keyboard.press('Escape'); // Esc cancels: nothing changes
    expect(await page.locator(`[data-user="${VIEWER.username}"]`).textContent()).toContain('Hoạt động');
    await page.locator(`[data-user="${VIEWER.username}"] button`, { hasText: 'Khóa' }).click();
    await page.locator('[data-testid="confirm-yes"]').click();
    await expect.poll(() => page.locator(`[data-user="${VIEWER.username}"]`).textContent(), { timeout: 10_000 }).toContain('Đã khóa');
    expect((await page.request.post(`${stack.url}/api/v1/auth/login`, { data: VIEWER })).status()).toBe(401);

    // older entries than one page: "Xem thêm" asks for those before the last one shown
    for (let i = 0; i < 230; i++) await appendAudit(stack.redis, stack.keys, { at: Date.now() - 86_400_000, actor: 'system', ip: '', action: 'logout', target: `old-${i}` });
    await page.goto(`${stack.url}/admin/audit`);
    const audit = page.locator('[data-testid="audit-table"]');
    await audit.locator('tbody tr').nth(199).waitFor();
    expect(await audit.locator('tbody tr').count()).toBe(200);
    await page.locator('[data-testid="audit-more"]').click();
    await audit.locator('[data-action="user.create"][data-target="viewer48"]').waitFor();
    expect(await page.locator('[data-testid="audit-more"]').count()).toBe(0); // the end of the log
    const updates = audit.locator('[data-action="user.update"][data-target="viewer48"]');
    expect(await updates.nth(0).textContent()).toContain('khóa: có');
    expect(await updates.nth(1).textContent()).toContain('họ tên: Người xem Đà Nẵng → Lãnh đạo Đà Nẵng');
    expect(await audit.locator('[data-action="login.success"][data-target="admin"]').count()).toBeGreaterThan(0);
    expect(await audit.locator('[data-action="login.failure"][data-target="admin"]').count()).toBe(1);
    expect(await audit.locator('[data-action="display.revoke"]').count()).toBe(1);
    const created = await audit.locator('[data-action="user.create"][data-target="viewer48"]').textContent();
    expect(created).toContain('Tạo người dùng');
    expect(created).toContain('vai trò: Xem');
    expect(created).toContain('phạm vi: Đà Nẵng');
    expect(await audit.locator('[data-action="login.failure"][data-target="admin"]').textContent()).toContain('Đăng nhập thất bại');
    await updates.nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, 'access-admin-audit-1920');
    // (requests cut short by the test's own page.goto are not counted: openPage)
    expect(desk.problems.filter((p) => !REFUSALS.test(p))).toEqual([]);
    await page.close();
  });
});
