import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesAnswer } from '../../core/contract/series';
import { currentPeriod, periodStartMs } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * History in the unit detail, in Chromium against a real server and workers: a from–to window picked with the two
 * date inputs draws exactly that window and stays in the URL; a comparison with a sibling commune draws two named
 * lines; and a fresh install (the simulator's first start, SIMULATOR_SCOPE=12) has a 30-day chart at once, marked as
 * simulated.
 */
const registry = loadDomain().registry;
const DAY = 86400_000;
const IND = 'dossier_on_time_rate';
const P = '48';
const [C, C2] = registry.children(P, 'commune').map((u) => u.code) as [string, string];
const now = Date.now();
const dayAgo = (n: number) => currentPeriod('day', now - n * DAY);
const vnMidnight = (day: string) => periodStartMs(day)!;

let stack: Stack;
let browser: Browser;

/** 20 past days and today for two communes of Đà Nẵng, each day's figure observed at 10:00 that day. */
async function seedHistory(token: string): Promise<void> {
  for (let d = 20; d >= 0; d--) {
    const period = dayAgo(d);
    const observedAt = new Date(d === 0 ? now - 60_000 : vnMidnight(period) + 3 * 3600_000).toISOString();
    const r = await postBatch(stack.url, token, {
      batchId: `h-${d}`,
      observations: [
        { indicator: IND, unit: C, period, num: 60 + d, den: 100, observedAt },
        { indicator: IND, unit: C2, period, num: 90 - d, den: 100, observedAt },
      ],
    });
    expect(r.status).toBe(202);
  }
}

beforeAll(async () => {
  stack = await startStack();
  const token = await newSource(stack.redis, stack.keys, 'Sở TT&TT Đà Nẵng (thử nghiệm)', [P]);
  await seedHistory(token);
  const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  await eventually(async () => {
    const s = (await admin.call('GET', `/api/v1/series?indicator=${IND}&unit=${C2}&range=30d`)).body as SeriesAnswer;
    return s.points.length === 21 ? s : undefined;
  }, 30_000);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const panelOf = (page: Page, unit: string) => page.locator(`[data-testid="unit-detail"][data-unit="${unit}"]`);
const attr = async (page: Page, unit: string, name: string) => Number(await panelOf(page, unit).getByTestId('history-chart').getAttribute(name));

describe('history in the unit detail', () => {
  it('a from–to window chosen in the detail draws exactly that window, kept in the URL; compare draws two named lines', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/?test=1&scope=${P}&indicator=${IND}&unit=${C}`);
    const panel = panelOf(page, C);
    await panel.waitFor({ timeout: 60_000 });
    await expect.poll(() => attr(page, C, 'data-points'), { timeout: 20_000 }).toBeGreaterThanOrEqual(7);
    expect(await panel.getByTestId('unit-detail-source').textContent()).toMatch(/^Nguồn: Sở TT&TT Đà Nẵng \(thử nghiệm\), cập nhật \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);

    const [from, to] = [dayAgo(12), dayAgo(3)];
    const typed = (day: string) => day.split('-').reverse().join('/'); // 25/11/2026, as a person types it here
    await panel.getByTestId('history-from').fill(typed(from));
    await panel.getByTestId('history-to').fill(typed(to));
    await panel.getByTestId('history-apply').click();
    await expect.poll(() => Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ from, to, unit: C });
    // the window drawn is the two days inclusive, in Viet Nam time, and every day in it has its point
    await expect.poll(() => attr(page, C, 'data-from'), { timeout: 20_000 }).toBe(vnMidnight(from));
    expect(await attr(page, C, 'data-to')).toBe(vnMidnight(to) + DAY);
    await expect.poll(() => attr(page, C, 'data-points')).toBe(10);
    expect(await attr(page, C, 'data-first')).toBe(vnMidnight(from));
    expect(await attr(page, C, 'data-last')).toBe(vnMidnight(to));
    expect(await panel.getByTestId('history-window').textContent()).toBe(`${typed(from)} – ${typed(to)}`);
    expect(await panel.getByTestId('history-from').inputValue()).toBe(typed(from));
    expect(await panel.locator('[data-range][aria-pressed="true"]').count()).toBe(0);
    expect(await panel.getByTestId('history-simulated').count()).toBe(0);
    // a span the other way round is refused with its reason, and the URL keeps the last good one
    await panel.getByTestId('history-from').fill(typed(to));
    await panel.getByTestId('history-to').fill(typed(from));
    await panel.getByTestId('history-apply').click();
    expect(await panel.getByTestId('history-span-problem').textContent()).toContain('Ngày bắt đầu phải trước');
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);

    // the comparison with a sibling commune over the same window: two lines, the legend naming both
    await panel.getByTestId('compare-select').selectOption(C2!);
    await expect.poll(() => attr(page, C, 'data-compare-points'), { timeout: 20_000 }).toBe(10);
    const legend = await panel.locator('[data-testid="history-legend"] .key').allTextContents();
    expect(legend).toEqual([registry.get(C!)!.name.vi, registry.get(C2!)!.name.vi]);
    await page.waitForTimeout(400);
    await screenshot(page, 'history-span-compare-1920');

    // reload: the URL alone restores the window and the comparison
    await page.reload();
    await expect.poll(() => attr(page, C, 'data-compare-points'), { timeout: 30_000 }).toBe(10);
    expect(await attr(page, C, 'data-from')).toBe(vnMidnight(from));

    // the previous period of the same length, then a preset: the span leaves the URL
    await panel.getByTestId('compare-select').selectOption('prev');
    await expect.poll(() => attr(page, C, 'data-compare-points'), { timeout: 20_000 }).toBe(8); // 13…20 days ago
    await page.waitForTimeout(400);
    await screenshot(page, 'history-span-previous-1920');
    await panel.locator('[data-range="30d"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBeNull();
    expect(new URL(page.url()).searchParams.get('range')).toBe('30d');
    await expect.poll(() => attr(page, C, 'data-points'), { timeout: 20_000 }).toBe(21);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('a fresh install', () => {
  let fresh: Stack;
  const S = '12'; // Lai Châu: the fewest communes
  const commune = registry.children(S, 'commune')[0]!.code;
  beforeAll(async () => {
    fresh = await startStack();
    await fresh.stopWorkers();
    fresh.startWorkers({ SIMULATOR: 'on', SIMULATOR_SCOPE: S, SIMULATOR_BACKFILL_DAYS: '30', SIMULATOR_RATE: '50' });
  }, 60_000);
  afterAll(async () => fresh?.stop());

  it('plays the last 30 days on its first start: the 30-day chart is full at once, marked as simulated', async () => {
    const marker = await eventually(async () => {
      const h = await fresh.redis.hgetall(fresh.keys.simulatorBackfill());
      return h.finishedAt ? h : undefined;
    }, 240_000, 500);
    expect(Number(marker.observations)).toBeGreaterThan(0);
    const admin = await signIn(fresh.url, 'admin', TEST_ADMIN_PASSWORD);
    const days = (s: SeriesAnswer) => new Set(s.points.filter((p) => p.value !== null).map((p) => currentPeriod('day', p.t))).size;
    const api = await eventually(async () => {
      const s = (await admin.call('GET', `/api/v1/series?indicator=${IND}&unit=${commune}&range=30d`)).body as SeriesAnswer;
      return days(s) >= 25 ? s : undefined;
    }, 60_000, 500);
    expect(api.simulated).toBe(true);
    expect(api.sources.map((s) => s.name)).toContain(`Mô phỏng — IOC ${registry.get(S)!.fullName.vi}`);
    // the province's 24-hour chart is not empty either (5-minute buckets, from the last day played every two hours)
    const day = (await admin.call('GET', `/api/v1/series?indicator=${IND}&unit=${S}&range=24h`)).body as SeriesAnswer;
    expect(day.resolution).toBe('5m');
    expect(day.points.length).toBeGreaterThanOrEqual(10);

    const { page, problems } = await openPage(browser, fresh.url);
    await page.goto(`${fresh.url}/?test=1&scope=${S}&indicator=${IND}&unit=${commune}&range=30d`);
    const panel = panelOf(page, commune);
    await panel.waitFor({ timeout: 60_000 });
    await expect.poll(() => attr(page, commune, 'data-days'), { timeout: 30_000 }).toBeGreaterThanOrEqual(25);
    expect(await panel.getByTestId('history-simulated').textContent()).toContain('Số liệu mô phỏng');
    expect(await panel.getByTestId('unit-detail-source').textContent()).toContain('Nguồn: Mô phỏng — IOC');
    await page.waitForTimeout(400);
    await screenshot(page, 'history-fresh-install-1920');
    // a restart does not replay: the marker stays as it was
    await fresh.stopWorkers();
    fresh.startWorkers({ SIMULATOR: 'on', SIMULATOR_SCOPE: S, SIMULATOR_BACKFILL_DAYS: '30', SIMULATOR_RATE: '50' });
    await new Promise((r) => setTimeout(r, 3000));
    expect(await fresh.redis.hget(fresh.keys.simulatorBackfill(), 'finishedAt')).toBe(marker.finishedAt);
    expect(problems).toEqual([]);
    await page.close();
  }, 360_000);
});
