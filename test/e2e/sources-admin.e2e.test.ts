import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSource } from '../../store/sources.repo';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { newSource } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

/**
 * Quản trị › Nguồn dữ liệu in headless Chromium: a source is edited (its deadline, then its scope into another
 * source's, which asks which one is the authority), and deleted after a confirmation.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  await newSource(stack.redis, stack.keys, 'Bộ Y tế', ['VN'], ['dossier_received_count']);
  await newSource(stack.redis, stack.keys, 'Sở Y tế Đà Nẵng', ['01'], ['dossier_received_count']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('sources page', () => {
  it('edits a source, settles an overlap, and deletes one after confirming', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/admin/sources`);
    const row = page.locator('[data-source="so-y-te-da-nang"]');
    await row.locator('[data-testid="source-edit"]').click();
    const form = page.locator('[data-testid="source-form"]');
    expect(await form.locator('h2').textContent()).toContain('Sửa nguồn Sở Y tế Đà Nẵng');
    await form.locator('#source-deadline').fill('16:30');
    // moved from 01 to 48: every unit is also the ministry's, so the admin is asked which is the authority
    await form.getByRole('button', { name: /^Bỏ .*Hà Nội/ }).click();
    await page.locator('[data-testid="source-unit-top"]').selectOption('48');
    await page.locator('[data-testid="source-add-unit"]').click();
    await page.locator('[data-testid="source-submit"]').click();
    const conflict = page.locator('[data-testid="authority-conflict"]');
    await conflict.locator('[data-conflict="bo-y-te"]').waitFor();
    expect(await conflict.textContent()).toContain('Bộ Y tế');
    expect(await page.locator('[data-testid="source-submit"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="authority-wins"]').check();
    await screenshot(page, 'sources-conflict-1920');
    await page.locator('[data-testid="source-submit"]').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-source="bo-y-te"] [data-testid="source-yields"]').textContent()).toContain('Sở Y tế Đà Nẵng');
    expect(await row.textContent()).toContain('16:30');
    expect(await getSource(stack.redis, stack.keys, 'so-y-te-da-nang')).toMatchObject({ units: ['48'], deadline: '16:30' });
    await screenshot(page, 'sources-edited-1920');

    await row.locator('[data-testid="source-delete"]').click();
    const dialog = page.locator('[data-testid="confirm-dialog"]');
    expect(await dialog.textContent()).toContain('số liệu nguồn đã gửi vẫn được giữ');
    await dialog.getByRole('button', { name: 'Xóa' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await getSource(stack.redis, stack.keys, 'so-y-te-da-nang')).toBeUndefined();
    await expect.poll(() => page.locator('[data-source="bo-y-te"]').textContent()).not.toContain('Sở Y tế Đà Nẵng');
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  });
});
