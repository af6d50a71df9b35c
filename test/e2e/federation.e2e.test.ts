import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksVi } from '../../client/i18n/links.vi';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * The federation link seen by people (issue 12): a national IOC issues a link under Quản trị › Liên kết IOC, a
 * provincial IOC (its simulator playing only 48) forwards with it; the national wall's feed board shows the link of 48
 * as connected, then as down while the provincial instance is stopped; the provincial header shows its upstream chip.
 */
const LINK_DOWN_MS = '5000';
let national: Stack;
let province: Stack | undefined;
let browser: Browser;
let token = '';
let wallPath = '';

/** The link row of the wall's feed board: its link state and what its state cell says. */
const linkRow = (page: Page) =>
  page.evaluate(() => {
    const tr = document.querySelector('[data-testid="feed-row"][data-source="link-ioc-da-nang"]');
    return tr ? { state: tr.getAttribute('data-link-state'), text: tr.querySelector('[data-testid="link-state"]')?.textContent?.trim() ?? null } : null;
  });

/** Type that is large enough for a wall and not cut off: the element's font size and whether its text overflows. */
const fit = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((e) => ({ fontPx: parseFloat(getComputedStyle(e).fontSize), clipped: e.scrollWidth > e.clientWidth + 1 }));

beforeAll(async () => {
  national = await startStack({ LINK_DOWN_MS });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await province?.stop();
  await national?.stop();
});

describe('federation link in headless Chromium', () => {
  it('an admin issues the link of 48: its token once, with the two lines for the IOC below', async () => {
    const { page, problems } = await openPage(browser, national.url);
    await page.goto(`${national.url}/admin/links`);
    await page.getByTestId('link-new').click();
    await page.locator('#link-name').fill('IOC Đà Nẵng');
    await page.getByTestId('link-scope-top').selectOption('48');
    await page.getByTestId('link-submit').click();
    token = await page.getByTestId('secret-value').inputValue();
    expect(token).toMatch(/^ioc_/);
    expect(await page.getByTestId('link-env').textContent()).toBe(`UPSTREAM_URL=${national.url}\nUPSTREAM_TOKEN=${token}`);
    await expect.poll(() => page.locator('[data-testid="link-row"][data-link="link-ioc-da-nang"]').getAttribute('data-state')).toBe('never');
    expect(await page.locator('[data-link="link-ioc-da-nang"] [data-testid="link-state"]').textContent()).toContain(linksVi.links.state.never);
    await screenshot(page, 'federation-admin-created-1920');
    expect(problems).toEqual([]);
    await page.close();

    province = await startStack({ UPSTREAM_URL: national.url, UPSTREAM_TOKEN: token, SIMULATOR: 'on', SIMULATOR_SCOPE: '48', SIMULATOR_RATE: '50', LINK_DOWN_MS });
    const admin = await signIn(national.url, 'admin', TEST_ADMIN_PASSWORD);
    const d = await admin.call('POST', '/api/v1/displays', { name: 'Tường quốc gia', scope: 'VN', scenes: ['feeds'] });
    wallPath = d.body.wallPath;
  }, 120_000);

  it('the provincial header says "Liên thông: Đã kết nối", and its board has a row for the link', async () => {
    const { page, problems } = await openPage(browser, province!.url);
    await page.goto(`${province!.url}/feeds`);
    const chip = page.getByTestId('upstream');
    await expect.poll(() => chip.getAttribute('data-state'), { timeout: 40_000 }).toBe('connected');
    expect((await chip.textContent())?.trim()).toBe(`Liên thông: ${linksVi.links.state.connected}`);
    const row = page.locator('[data-testid="feed-row"][data-source="upstream"]');
    await expect.poll(() => row.getAttribute('data-link-state'), { timeout: 15_000 }).toBe('connected');
    expect(await row.getByTestId('link-kind').textContent()).toBe(linksVi.links.upstream);
    expect((await fit(page, '[data-source="upstream"] .title')).clipped).toBe(false);
    expect(await fit(page, '[data-testid="upstream"]')).toMatchObject({ clipped: false });
    expect(await fit(page, 'h1')).toMatchObject({ clipped: false });
    await screenshot(page, 'federation-province-header-1920');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('the national wall shows the link of 48 as connected, then "Mất kết nối" while the province is stopped', async () => {
    const { page, problems } = await openPage(browser, null);
    await page.goto(`${national.url}${wallPath}&interval=600`);
    await expect.poll(() => linkRow(page), { timeout: 30_000 }).toEqual({ state: 'connected', text: linksVi.links.state.connected });
    // large type on a wall, nothing cut off in the link's row
    const cell = await fit(page, '[data-source="link-ioc-da-nang"] [data-testid="link-state"]');
    expect(cell.clipped).toBe(false);
    expect(cell.fontPx).toBeGreaterThanOrEqual(16);
    expect((await fit(page, '[data-source="link-ioc-da-nang"] .title')).clipped).toBe(false);
    await screenshot(page, 'federation-wall-connected-1920');

    // the admin page, with the link's figures
    const adminPage = await openPage(browser, national.url);
    await adminPage.page.goto(`${national.url}/admin/links`);
    await expect.poll(() => adminPage.page.locator('[data-link="link-ioc-da-nang"]').getAttribute('data-state')).toBe('connected');
    await screenshot(adminPage.page, 'federation-admin-links-1920');
    expect(adminPage.problems).toEqual([]);
    await adminPage.page.close();

    await province!.stopWorkers();
    await province!.stopServer();
    const stoppedAt = Date.now();
    await expect.poll(() => linkRow(page), { timeout: 30_000 }).toEqual({ state: 'down', text: linksVi.links.state.down });
    // down after LINK_DOWN_MS without word from below, seen on the next refresh of the board (every 5 s)
    expect(Date.now() - stoppedAt).toBeLessThan(Number(LINK_DOWN_MS) + 5_000 + 10_000);
    expect(await page.locator('[data-source="link-ioc-da-nang"]').getAttribute('data-state')).toBe('stale');
    await screenshot(page, 'federation-wall-down-1920');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
