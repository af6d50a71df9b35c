import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { newSource, postBatch } from '../support/ingest-client';
import { startTestRedis, type TestRedis } from '../support/private-redis';
import { startStack, type Stack } from '../support/stack';

const WALL = '/wall?scenes=national&interval=600&kpis=cpi_yoy,dossier_received_count&test=1';
/** Failures a page may log while the server cannot read Redis (its REST reads answer 503): anything else is a problem. */
const OFFLINE_NOISE = /503|Service Unavailable|Failed to fetch|Failed to load resource/;

let redis: TestRedis;
let stack: Stack;
let browser: Browser;
let token: string;

/** Posts the national CPI, sending again while ingest answers 503 (Redis not back yet), as a feed does. */
async function postCpi(value: number, batchId: string): Promise<number> {
  const body = {
    batchId,
    observations: [{ indicator: 'cpi_yoy', unit: 'VN', period: currentPeriod('month', Date.now()), value, observedAt: new Date().toISOString() }],
  };
  for (let i = 0; i < 100; i++) {
    const res = await postBatch(stack.url, token, body);
    if (res.status !== 503) return res.status;
    await new Promise((r) => setTimeout(r, 100));
  }
  return 503;
}

beforeAll(async () => {
  redis = await startTestRedis();
  stack = await startStack({ REDIS_URL: redis.url });
  token = await newSource(stack.redis, stack.keys, 'e2e-offline');
  expect(await postCpi(3.1, 'cpi-1')).toBe(202);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (redis && !redis.running) await redis.start();
  await stack?.stop();
  await redis?.dispose();
});

describe('a wall screen while Redis is down', () => {
  it('says the figures are not live while Redis is down, and shows the new figures within 10 s of its return', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}${WALL}`);
    const kpi = page.locator('[data-testid="kpi-cpi_yoy"]');
    await expect.poll(() => kpi.getAttribute('data-value'), { timeout: 30_000 }).toBe('3.1');
    const chip = page.locator('[data-testid="connection"]');
    await expect.poll(() => chip.getAttribute('data-live'), { timeout: 10_000 }).toBe('true');
    const banner = page.locator('[data-testid="offline-banner"]:visible');
    expect(await banner.count()).toBe(0);

    const downAt = Date.now();
    await redis.shutdown();
    // the socket stays up, but the chip stops saying live at once, and the banner comes after the usual 5 s
    await expect.poll(() => chip.getAttribute('data-store'), { timeout: 5_000 }).toBe('down');
    expect(await chip.getAttribute('data-live')).toBe('false');
    expect(await chip.getAttribute('data-state')).toBe('connected');
    await banner.waitFor({ timeout: 12_000 });
    expect(Date.now() - downAt).toBeGreaterThan(4_000);
    expect(await banner.getAttribute('data-cause')).toBe('store');
    expect(await banner.textContent()).toContain('Máy chủ mất kết nối cơ sở dữ liệu');
    await screenshot(page, 'offline-redis-down-1920');

    await redis.start();
    const upAt = Date.now();
    expect(await postCpi(3.4, 'cpi-2')).toBe(202);
    await expect.poll(() => kpi.getAttribute('data-value'), { timeout: Math.max(1, upAt + 10_000 - Date.now()) }).toBe('3.4');
    expect(Date.now() - upAt, 'the new figure on the wall after Redis answered').toBeLessThan(10_000);
    await banner.waitFor({ state: 'hidden', timeout: 5_000 });
    await expect.poll(() => chip.getAttribute('data-live'), { timeout: 5_000 }).toBe('true');
    await screenshot(page, 'offline-redis-back-1920');
    expect(problems.filter((p) => !OFFLINE_NOISE.test(p)), problems.join('\n')).toEqual([]);
    await page.close();
  }, 110_000);
});
