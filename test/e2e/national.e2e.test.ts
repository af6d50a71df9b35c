import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { cutText } from '../support/page-checks';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

const domain = loadDomain();
const provinces = domain.registry.all('province');
let stack: Stack;
let browser: Browser;
let token: string;
/**
 * The day of every figure here, seed and live change alike: read once, so a run across midnight in Viet Nam changes the
 * figures of the day the page shows (the newest with data), not the first of a new day.
 */
const period = currentPeriod('day', Date.now());

const item = (unit: string, num: number, den: number) => ({
  indicator: 'dossier_on_time_rate',
  unit,
  period,
  num,
  den,
  observedAt: new Date().toISOString(),
});
/** The first commune of each province, with its figure. */
const firstCommunes = provinces.map((p) => domain.registry.children(p.code, 'commune')[0]!.code);

beforeAll(async () => {
  stack = await startStack();
  token = await newSource(stack.redis, stack.keys, 'e2e-national');
  // one commune in each of the 34 provinces: 80..113 dossiers on time of 120
  const res = await postBatch(stack.url, token, { batchId: 'seed', observations: firstCommunes.map((c, i) => item(c, 80 + i, 120)) });
  expect(res.body.accepted).toBe(34);
  await eventually(async () => ((await stack.redis.hlen(stack.keys.latest('dossier_on_time_rate', 'VN', period))) >= 34 ? true : undefined));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('national overview in headless Chromium', () => {
  it('draws 34 coloured provinces, fully offline, and shows a posted value within 2 s without reload', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    const external: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) external.push(r.url());
    });
    await page.goto(`${stack.url}/?test=1&indicator=dossier_on_time_rate&kpis=dossier_on_time_rate,dossier_received_count`);
    await page.locator('[data-testid="map"][data-provinces-drawn="34"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => window.__iocMap?.loaded() && !window.__iocMap.isMoving(), undefined, { timeout: 30_000 });
    await page.locator('[data-testid="connection"][data-state="connected"]').waitFor();

    // the map really paints the provinces: features rendered with a fill colour from the scale
    const painted = await page.evaluate(() => {
      const map = window.__iocMap!;
      const layers = map.getStyle().layers.filter((l) => l.type === 'fill').map((l) => l.id);
      const codes = new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties?.code ?? f.id)));
      return codes.size;
    });
    expect(painted).toBe(34);
    await screenshot(page, 'national-overview-1920');
    expect(await cutText(page, '[data-testid^="kpi-"] h3')).toEqual([]);

    const tile = page.locator('[data-testid="kpi-dossier_on_time_rate"]');
    const sumNum = firstCommunes.reduce((a, _c, i) => a + 80 + i, 0);
    const before = (sumNum / (34 * 120)) * 100;
    await expect.poll(async () => Number(await tile.getAttribute('data-value')), { timeout: 5000 }).toBeCloseTo(before, 6);

    // a corrected figure for Ha Noi's commune moves the national ratio: Σnum / Σden, live
    const posted = Date.now();
    await postBatch(stack.url, token, { batchId: 'live-change', observations: [item(firstCommunes[0]!, 0, 120)] });
    const after = ((sumNum - 80) / (34 * 120)) * 100;
    await expect.poll(async () => Number(await tile.getAttribute('data-value')), { timeout: 2000, interval: 50 }).toBeCloseTo(after, 6);
    const seenAfterMs = Date.now() - posted;
    expect(seenAfterMs).toBeLessThan(2000);
    await screenshot(page, 'national-overview-after-update');

    expect(external).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the provinces once their layer loads after failing at first (the page and the map retry it)', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    // the national layer fails for the first 3 s, for the page's fetch and the map worker's alike
    const failUntil = Date.now() + 3_000;
    const failed: string[] = [];
    await page.context().route('**/maps/national.geojson', async (route) => {
      if (Date.now() < failUntil) {
        failed.push(route.request().url());
        await route.fulfill({ status: 503, body: 'unavailable' });
      } else await route.continue();
    });
    await page.goto(`${stack.url}/?test=1&indicator=dossier_on_time_rate`);
    await page.locator('[data-testid="map"][data-provinces-drawn="34"]').waitFor({ timeout: 30_000 });
    expect(failed.length).toBeGreaterThanOrEqual(2);
    const painted = await page.evaluate(() => {
      const map = window.__iocMap!;
      return new Set(map.queryRenderedFeatures({ layers: ['provinces-fill'] }).map((f) => String(f.properties?.code))).size;
    });
    expect(painted).toBe(34);
    // the browser reports each refused request on the console; nothing else may go wrong
    expect(problems.filter((p) => !p.includes('status of 503'))).toEqual([]);
    await page.close();
  });
});
