import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvNumber, parseCsv } from '../../core/format/csv';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot, screenshotDir } from '../support/browser';
import { cutText } from '../support/page-checks';
import { IND, post, spreadItems, untilView } from '../support/drill-seed';
import { newSource } from '../support/ingest-client';
import { mapSettled } from '../support/map-page';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const registry = loadDomain().registry;
/** Hà Nội: 126 communes and wards, all on the view the scene fits. */
const P = '01';
const COMMUNES = registry.children(P, 'commune');
/** Two communes left without a figure: they sort last either way and export with an empty value. */
const SILENT = new Set(COMMUNES.slice(-2).map((u) => u.code));
const SEEDED = COMMUNES.filter((u) => !SILENT.has(u.code)).map((u) => u.code);
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  const token = await newSource(stack.redis, stack.keys, 'e2e-province');
  await post(stack.url, token, spreadItems(SEEDED, 3), 'province');
  await untilView(await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD), P, SEEDED.length);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const table = (page: Page) => page.getByTestId('commune-table');
const rowCodes = (page: Page) => table(page).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!));
const rowValues = (page: Page) =>
  table(page)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r.getAttribute('data-value') === '' ? null : Number(r.getAttribute('data-value')))));

async function openScene(page: Page): Promise<void> {
  await page.goto(`${stack.url}/province/${P}?test=1&indicator=${IND}`);
  await page.locator(`[data-testid="map"][data-communes-drawn="${SEEDED.length}"]`).waitFor({ timeout: 60_000 });
  await mapSettled(page);
  await expect.poll(() => table(page).locator('tbody tr').count()).toBe(COMMUNES.length);
}

describe('province scene', () => {
  it('shows the communes map and a sortable table, opens a commune by keyboard', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await openScene(page);
    expect(new Set(await rowCodes(page))).toEqual(new Set(COMMUNES.map((u) => u.code)));
    await page.waitForTimeout(300);
    await screenshot(page, 'province-1920');
    expect(await cutText(page, '[data-testid^="kpi-"] h3')).toEqual([]);

    // value: highest first, the two without a figure last; again: lowest first, still last
    const valueHeader = table(page).locator('th', { has: page.locator('[data-sort="value"]') });
    await page.locator('[data-sort="value"]').click();
    expect(await valueHeader.getAttribute('aria-sort')).toBe('descending');
    let values = await rowValues(page);
    const numbers = values.filter((v): v is number => v !== null);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(values.slice(-2)).toEqual([null, null]);
    await page.locator('[data-sort="value"]').click();
    expect(await valueHeader.getAttribute('aria-sort')).toBe('ascending');
    values = await rowValues(page);
    expect(values.filter((v) => v !== null)).toEqual([...numbers].sort((a, b) => a - b));
    expect(values.slice(-2)).toEqual([null, null]);

    // name, by keyboard on the header button: Vietnamese order
    await page.locator('[data-sort="name"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const names = await table(page).locator('tbody th').allTextContents();
    const collator = new Intl.Collator('vi-VN', { sensitivity: 'base', numeric: true });
    expect(names).toEqual([...names].sort((a, b) => -collator.compare(a, b)));
    expect(await table(page).locator('th', { has: page.locator('[data-sort="name"]') }).getAttribute('aria-sort')).toBe('descending');

    // Tab reaches the rows (one tab stop), arrows move, Enter opens the detail
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.closest('tbody') !== null && document.activeElement?.tagName === 'TR'))) {
      await page.keyboard.press('Tab');
      if (++guard > 40) throw new Error('Tab never reached a table row');
    }
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-code'));
    expect(focused).toBe((await rowCodes(page))[1]);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth);
    expect(parseFloat(outline)).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Enter');
    const panel = page.locator(`[data-testid="unit-detail"][data-unit="${focused}"]`);
    await panel.waitFor();
    expect(await panel.getByTestId('unit-detail-name').textContent()).toBe(registry.get(focused!)!.fullName.vi);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ unit: focused, range: '7d', indicator: IND });
    // focus moved into the panel (its heading); closing it by keyboard returns focus to the row
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('unit-detail-name');
    await panel.getByRole('button', { name: 'Đóng bảng chi tiết' }).focus();
    await page.keyboard.press('Enter');
    await table(page).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-code'))).toBe(focused);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('exports the table as CSV (BOM, ";", rows as on screen) and the scene as a PNG of its size', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await openScene(page);
    await page.locator('[data-sort="value"]').click();

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^ioc-live_01_dossier_on_time_rate_\d{8}-\d{4}\.csv$/);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Mã', 'Xã, phường', expect.stringContaining('(%)'), 'Kỳ số liệu', 'Thời điểm số liệu', 'Độ mới']);
    const body = rows.slice(1);
    expect(body.map((r) => r[0])).toEqual(await rowCodes(page));
    expect(body.map((r) => r[1])).toEqual(await table(page).locator('tbody th').allTextContents());
    expect(body.map((r) => r[2])).toEqual((await rowValues(page)).map((v) => csvNumber(v, 1, 'vi')));
    expect(body.slice(-2).map((r) => r[5])).toEqual(['Chưa có số liệu', 'Chưa có số liệu']);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await readFile((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const scene = (await page.getByTestId('scene').boundingBox())!;
    expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }).toEqual({
      width: Math.round(scene.width),
      height: Math.round(scene.height),
    });
    const shot = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      // the map area must not be blank: count distinct colours in its middle
      const box = document.querySelector('.map-canvas')!.getBoundingClientRect();
      const data = ctx.getImageData(box.left, box.top, box.width, box.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return colours.size;
    }, bytes.toString('base64'));
    expect(shot).toBeGreaterThan(6);
    await writeFile(path.join(screenshotDir, 'province-export.png'), bytes);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads at 3840×2160', async () => {
    const { page, problems } = await openPage(browser, stack.url, 3840, 2160);
    await openScene(page);
    await page.waitForTimeout(300);
    await screenshot(page, 'province-3840');
    expect(await cutText(page, '[data-testid^="kpi-"] h3')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000); // software WebGL at 3840×2160 is slow on a busy CI machine
});
