import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { newSource, postBatch } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

/** The wall's connection chip when the workers stop: health is degraded, the chip says so, large, with no click. */
const WALL = '/wall?scenes=national&interval=600&kpis=cpi_yoy,dossier_received_count&test=1';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ HEARTBEAT_MS: '500' });
  const token = await newSource(stack.redis, stack.keys, 'e2e-liveness');
  const observations = [{ indicator: 'cpi_yoy', unit: 'VN', period: currentPeriod('month', Date.now()), value: 3.2, observedAt: new Date().toISOString() }];
  expect((await postBatch(stack.url, token, { batchId: 'cpi-1', observations })).status).toBe(202);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the connection chip when part of the system stops', () => {
  it('shows "Máy xử lý dừng từ HH:MM" on the wall while the workers are down, and live again once they run', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}${WALL}`);
    await expect.poll(() => page.locator('[data-testid="kpi-cpi_yoy"]').getAttribute('data-value'), { timeout: 60_000 }).toBe('3.2');
    const chip = page.locator('[data-testid="connection"]');
    await expect.poll(() => chip.getAttribute('data-live'), { timeout: 20_000 }).toBe('true');
    await expect.poll(() => chip.getAttribute('data-degraded'), { timeout: 30_000 }).toBe('false');

    await stack.killWorkers();
    // the header reads health every 12 s; the workers are missing after 3 silent beats
    await expect.poll(() => chip.getAttribute('data-degraded'), { timeout: 30_000 }).toBe('true');
    expect(await chip.getAttribute('data-missing')).toContain('workers');
    expect(await chip.textContent()).toMatch(/Máy xử lý dừng từ \d\d:\d\d/);
    // large enough to read across the room: at least 1.2 × the header text, and not hidden behind a click
    const size = await chip.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const headerSize = await page.locator('header').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(headerSize * 1.2);
    expect(await chip.isVisible()).toBe(true);
    await screenshot(page, 'liveness-workers-down-1920');

    // on a phone the chip says the same, within the width
    const phone = await openPage(browser, stack.url, 390, 844);
    await phone.page.goto(`${stack.url}/?test=1`);
    const phoneChip = phone.page.locator('[data-testid="connection"]');
    await expect.poll(() => phoneChip.getAttribute('data-degraded'), { timeout: 30_000 }).toBe('true');
    const box = (await phoneChip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'liveness-workers-down-390');
    expect(phone.problems, phone.problems.join('\n')).toEqual([]);
    await phone.page.close();

    stack.startWorkers();
    // a worker's start (tsx, the registry, the queues) takes a while on a busy machine; then a beat and the next poll
    await expect.poll(() => chip.getAttribute('data-degraded'), { timeout: 120_000 }).toBe('false');
    expect(await chip.getAttribute('data-live')).toBe('true');
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  }, 300_000);
});
