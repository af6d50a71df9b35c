import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const registry = loadDomain().registry;
/** Phường Ba Đình of Hà Nội (a Xã Ba Đình elsewhere shares its name: the ward comes first, by the official order). */
const BA_DINH = registry.all('commune').find((u) => u.fullName.vi === 'Phường Ba Đình' && u.parent === '01')!;
const HAI_CHAU = registry.all('commune').find((u) => u.fullName.vi === 'Phường Hải Châu' && u.parent === '48')!;
const VIEWER = { username: 'viewer48', password: 'viewer48-long-password' };

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const made = await admin.call('POST', '/api/v1/users', { ...VIEWER, displayName: 'Lãnh đạo Đà Nẵng', role: 'viewer', scope: '48' });
  expect(made.status).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const input = (page: Page) => page.getByTestId('search-input');
const options = (page: Page) => page.getByTestId('search-results').getByRole('option');
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('search', () => {
  it('"ba dinh" lists Phường Ba Đình of Hà Nội first; Enter opens its detail; / and Ctrl+K focus the box', async () => {
    expect(BA_DINH).toBeDefined();
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/?test=1`);
    await page.getByTestId('map').waitFor();
    expect(await input(page).getAttribute('placeholder')).toBe('Tìm kiếm (/)');
    // the header keeps its height when the box takes the focus and widens (the map's box below must not move)
    const header = page.locator('header.header');
    const before = (await header.boundingBox())!.height;

    // the shortcut, from the page's body
    await page.locator('body').click({ position: { x: 5, y: 1070 } });
    await page.keyboard.press('/');
    expect(await focusedTestId(page)).toBe('search-input');
    expect(await input(page).inputValue()).toBe(''); // the "/" is the shortcut, not typed
    expect((await header.boundingBox())!.height).toBe(before);
    expect((await input(page).boundingBox())!.width).toBeGreaterThan(300);
    await page.keyboard.type('ba dinh');
    await expect.poll(() => options(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = options(page).first();
    expect(await first.getAttribute('data-code')).toBe(BA_DINH.code);
    expect(await first.textContent()).toContain('Phường Ba Đình, Hà Nội');
    expect(await input(page).getAttribute('aria-expanded')).toBe('true');
    expect(await input(page).getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    await screenshot(page, 'search-open-1920');

    // arrows move the active option and wrap; Escape closes the list, a second Escape leaves the box
    const count = await options(page).count();
    await page.keyboard.press('ArrowDown');
    expect(await input(page).getAttribute('aria-activedescendant')).toBe(await options(page).nth(Math.min(1, count - 1)).getAttribute('id'));
    await page.keyboard.press('ArrowUp');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await input(page).getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Escape');
    expect(await focusedTestId(page)).not.toBe('search-input');

    // Ctrl+K focuses it again; Enter opens the commune's detail on its province's page
    await page.keyboard.press('Control+k');
    expect(await focusedTestId(page)).toBe('search-input');
    await input(page).fill('Ba Đình');
    await expect.poll(() => options(page).first().getAttribute('data-code')).toBe(BA_DINH.code);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/province/01' && u.searchParams.get('unit') === BA_DINH.code);
    const panel = page.locator(`[data-testid="unit-detail"][data-unit="${BA_DINH.code}"]`);
    await panel.waitFor({ timeout: 30_000 });
    // the panel opens at once with the code; the name follows with the province's communes
    await expect.poll(() => panel.getByTestId('unit-detail-name').textContent(), { timeout: 15_000 }).toBe('Phường Ba Đình');

    // a province without diacritics opens its page
    await input(page).focus();
    await page.keyboard.type('dak lak');
    await expect.poll(() => options(page).first().getAttribute('data-code')).toBe('66');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/province/66');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens its list within a phone screen (390 × 844)', async () => {
    const { page, problems } = await openPage(browser, stack.url, 390, 844);
    await page.goto(`${stack.url}/?test=1`);
    await page.getByTestId('map').waitFor();
    await input(page).focus();
    await page.keyboard.type('ba dinh');
    await expect.poll(() => options(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const list = (await page.getByTestId('search-results').boundingBox())!;
    const box = (await input(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(list.x).toBeGreaterThanOrEqual(0);
    expect(list.x + list.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'search-open-390');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps a province's viewer to its province: another province's commune is not found", async () => {
    const { page, problems } = await openPage(browser, stack.url, 1920, 1080, VIEWER);
    await page.goto(`${stack.url}/province/48?test=1`);
    await page.getByTestId('map').waitFor();
    await input(page).focus();
    await page.keyboard.type('hai chau');
    await expect.poll(() => options(page).first().getAttribute('data-code'), { timeout: 15_000 }).toBe(HAI_CHAU.code);
    expect(await options(page).first().textContent()).toContain('Phường Hải Châu, Đà Nẵng');

    await input(page).fill('ba dinh');
    await page.getByTestId('search-empty').waitFor();
    expect(await page.getByTestId('search-empty').textContent()).toContain('Không tìm thấy');
    expect(await options(page).count()).toBe(0);
    await input(page).fill('ha noi');
    await page.getByTestId('search-empty').waitFor();
    // the communes it loaded were its province's only
    const asked = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('/api/v1/units')));
    expect(asked.some((n) => n.includes('parent=48'))).toBe(true);
    expect(asked.some((n) => n.includes('level=commune'))).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
