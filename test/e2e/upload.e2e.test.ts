import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadsVi } from '../../client/i18n/uploads.vi';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { readXlsx, writeXlsx, type TableCell } from '../../platform/tabular';
import { launchBrowser, openPage, screenshot, screenshotDir } from '../support/browser';
import { mapSettled } from '../support/map-page';
import { cutText } from '../support/page-checks';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * An upload in the browser, as an operator of Đà Nẵng does it: the header's "Tải lên", the template downloaded,
 * two rows filled (one of them wrong), the file chosen, the preview with the rejected row and its reason, the commit,
 * and the uploaded figure on the province's map and commune table.
 */
const { registry } = loadDomain();
const P = '48';
const RATE = 'dossier_on_time_rate';
const COUNT = 'dossier_received_count';
const OPERATOR = { username: 'op48', password: 'op48-long-password' };
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const made = await admin.call('POST', '/api/v1/users', { ...OPERATOR, displayName: 'Điều hành viên Đà Nẵng', role: 'operator', scope: P });
  expect(made.status).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('upload in headless Chromium', () => {
  it('template, preview with a rejected row, commit, the figure on the map', async () => {
    const { page, problems } = await openPage(browser, stack.url, 1920, 1080, OPERATOR);
    await page.goto(`${stack.url}/province/${P}`);
    await page.getByTestId('upload-entry').click();
    await page.getByTestId('upload-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/upload');
    await expect.poll(() => page.getByTestId('upload-scope').textContent()).toBe('Phạm vi: Đà Nẵng');

    // choose two daily indicators; a monthly one can then not be added
    await page.locator(`input[data-indicator="${RATE}"]`).check();
    await page.locator(`input[data-indicator="${COUNT}"]`).check();
    expect(await page.locator('input[data-indicator="criminal_cases"]').isDisabled()).toBe(true);
    expect(await page.getByTestId('upload-selected-count').textContent()).toBe('Đã chọn 2 chỉ tiêu');
    await screenshot(page, 'upload-1920');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('upload-template-xlsx').click()]);
    const today = currentPeriod('day', Date.now());
    expect(download.suggestedFilename()).toBe(`mau-so-lieu-${P}-${today}.xlsx`);
    const template = await readXlsx(await readFile((await download.path())!));
    expect(template.rows.map((r) => r.record['Mã đơn vị']).sort()).toEqual(registry.children(P, 'commune').map((u) => u.code).sort());

    // fill two rows as an operator would: the first right, the second with a word where a count goes
    const [good, bad] = template.rows;
    const [numH, denH, countH] = template.headers.slice(3) as [string, string, string];
    const filled: TableCell[][] = [template.headers, ...template.rows.map((r) => template.headers.map((h) => r.record[h] ?? null))];
    const fill = (row: typeof good, values: Record<string, TableCell>) => {
      const line = filled[template.rows.indexOf(row!) + 1]!;
      for (const [h, v] of Object.entries(values)) line[template.headers.indexOf(h)] = v;
    };
    fill(good, { [numH]: 45, [denH]: 50, [countH]: 50 });
    fill(bad, { [numH]: 7, [denH]: 10, [countH]: 'mười hai' });
    const file = path.join(screenshotDir, '..', 'so-lieu-da-nang.xlsx');
    await writeFile(file, await writeXlsx([{ name: 'Số liệu', rows: filled, textColumns: [1, 3] }]));
    const goodCode = String(good!.record['Mã đơn vị']);
    const badCode = String(bad!.record['Mã đơn vị']);

    await page.getByTestId('upload-file').setInputFiles(file);
    const preview = page.getByTestId('upload-preview');
    await preview.waitFor();
    const rowOf = (n: number) => page.locator(`[data-testid="upload-row"][data-row="${n}"]`);
    expect(await rowOf(good!.row).getAttribute('data-status')).toBe('accepted');
    expect(await rowOf(good!.row).getByTestId('upload-row-status').textContent()).toContain('Hợp lệ');
    expect(await rowOf(bad!.row).getAttribute('data-status')).toBe('rejected');
    expect(await rowOf(bad!.row).getByTestId('upload-row-status').textContent()).toContain('Bị từ chối');
    const reasons = await rowOf(bad!.row).getByTestId('upload-row-reasons').textContent();
    expect(reasons).toContain(uploadsVi.uploads.reason.bad_number);
    expect(reasons).toContain('mười hai');
    expect(await rowOf(bad!.row).locator('td').nth(2).textContent()).toBe(registry.get(badCode)!.fullName.vi);
    expect(await page.getByTestId('upload-count-accepted').locator('dd').textContent()).toBe('1 dòng');
    expect(await page.getByTestId('upload-count-rejected').locator('dd').textContent()).toBe('1 dòng');
    expect(await page.getByTestId('upload-count-figures').locator('dd').textContent()).toBe('2');
    expect(await page.locator('[data-testid="upload-row"]').count()).toBe(2);
    expect(await cutText(page, '[data-testid="upload-row"] td')).toEqual([]);
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'upload-preview-1920');

    await page.getByTestId('upload-commit').click();
    const receipt = page.getByTestId('upload-receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain('Đã ghi 2 số liệu của 1 dòng thành một lô.');
    await receipt.scrollIntoViewIfNeeded();
    await screenshot(page, 'upload-receipt-1920');

    // the province's map: the uploaded commune coloured (the only one with a figure), its 90 % in the commune table
    await page.goto(`${stack.url}/province/${P}?test=1&indicator=${RATE}`);
    await page
      .locator('[data-testid="map"][data-communes-drawn="1"]')
      .waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => {
        await screenshot(page, 'upload-map-failed');
        throw new Error(`${e.message}; drawn: ${await page.getByTestId('map').getAttribute('data-communes-drawn')}; ${problems.join('; ')}`);
      });
    await mapSettled(page);
    const state = await page.evaluate((code) => window.__iocMap!.getFeatureState({ source: 'communes', id: code }), goodCode);
    expect(state).toMatchObject({ hasValue: true });
    const row = page.locator(`[data-testid="commune-table"] tbody tr[data-code="${goodCode}"]`);
    await expect.poll(async () => Number(await row.getAttribute('data-value')), { timeout: 15_000 }).toBeCloseTo(90, 6);
    expect(await page.locator(`[data-testid="commune-table"] tbody tr[data-code="${badCode}"]`).getAttribute('data-value')).toBe('');
    await screenshot(page, 'upload-map-1920');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads on a phone (390 × 844) and in English; a viewer is sent to the forbidden page', async () => {
    const { page, problems } = await openPage(browser, stack.url, 390, 844, OPERATOR);
    await page.goto(`${stack.url}/upload`);
    await page.locator(`input[data-indicator="${RATE}"]`).check();
    await page.getByTestId('upload-file').setInputFiles({
      name: 'thu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`Mã đơn vị;Kỳ;Tử số [${RATE}.num];Mẫu số [${RATE}.den]\r\n99999;${currentPeriod('day', Date.now())};1;2\r\n`),
    });
    await page.getByTestId('upload-preview').waitFor();
    expect(await page.locator('[data-testid="upload-row"]').getAttribute('data-status')).toBe('rejected');
    expect(await page.getByTestId('upload-commit').isDisabled()).toBe(true);
    // nothing past the phone's edge or over another box, but the table, which scrolls in its own box
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="upload-page"] *')]
        .filter((el) => !el.closest('.scroll') && el.getClientRects().length > 0)
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < -1 || r.right > window.innerWidth + 1;
        })
        .map((el) => `${el.tagName}.${el.className}: ${el.textContent?.trim().slice(0, 40)}`),
    );
    expect(outside).toEqual([]);
    const header = await page.evaluate(() => {
      const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      const [title, clock] = [box('.header h1'), box('.header .clock')];
      return { titleLines: Math.round(title.height / parseFloat(getComputedStyle(document.querySelector('.header h1')!).lineHeight)), overlap: title.bottom > clock.top && title.right > clock.left };
    });
    expect(header).toEqual({ titleLines: 1, overlap: false });
    await screenshot(page, 'upload-390');
    await page.getByTestId('upload-preview').scrollIntoViewIfNeeded();
    await screenshot(page, 'upload-preview-390');
    await page.goto(`${stack.url}/upload?lang=en`);
    await expect.poll(() => page.locator('h2').first().textContent()).toBe('1. Choose indicators');
    await screenshot(page, 'upload-390-en');
    expect(problems).toEqual([]);
    await page.close();

    const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
    await admin.call('POST', '/api/v1/users', { username: 'viewer48', password: 'viewer48-long-password', displayName: 'Lãnh đạo', role: 'viewer', scope: P });
    const viewer = await openPage(browser, stack.url, 1920, 1080, { username: 'viewer48', password: 'viewer48-long-password' });
    await viewer.page.goto(`${stack.url}/upload`);
    await viewer.page.getByTestId('forbidden').waitFor({ timeout: 15_000 }).catch(async (e: Error) => {
      await screenshot(viewer.page, 'upload-viewer-failed');
      throw new Error(`${e.message}; at ${viewer.page.url()}; ${viewer.problems.join('; ')}`);
    });
    expect(await viewer.page.getByTestId('upload-entry').count()).toBe(0);
    await viewer.page.close();
  });
});
