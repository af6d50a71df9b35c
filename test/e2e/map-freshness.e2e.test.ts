import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { communePoint, mapSettled, provinceLabelPoint } from '../support/map-page';
import { startStack, type Stack } from '../support/stack';

const domain = loadDomain();
const IND = 'dossier_on_time_rate';
const DAY = 86_400_000;
const provinces = domain.registry.all('province');
/**
 * Lâm Đồng's figure is two days old (its deadline is 26 h); Gia Lai's is fresh, with the same value (the same class):
 * the two largest provinces, so each has room on the national map for a sample clear of badges and outlines.
 */
const STALE = '68';
const FRESH_TWIN = '52';
const SOURCE_NAME = 'Sở TT&TT Đà Nẵng';
/** The stale mark's stripe colour (client/map/hatch.ts STALE_STRIPE). */
const STRIPE: [number, number, number] = [0x9a, 0xa3, 0xb2];
const firstCommune = (p: string) => domain.registry.children(p, 'commune')[0]!.code;
/** One day for every figure, read once (a run across midnight in Viet Nam still shows this day). */
const period = currentPeriod('day', Date.now());

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  const token = await newSource(stack.redis, stack.keys, SOURCE_NAME);
  const now = Date.now();
  // one commune per province: values spread over the classes, the two compared provinces both at 99 %
  const observations = provinces.map((p, i) => ({
    indicator: IND,
    unit: firstCommune(p.code),
    period,
    num: p.code === STALE || p.code === FRESH_TWIN ? 99 : 60 + ((i * 7) % 39),
    den: 100,
    observedAt: new Date(p.code === STALE ? now - 2 * DAY - 60_000 : now).toISOString(),
  }));
  const res = await postBatch(stack.url, token, { batchId: 'freshness', observations });
  expect(res.body.accepted).toBe(provinces.length);
  await eventually(async () => ((await stack.redis.hlen(stack.keys.latest(IND, 'VN', period))) >= provinces.length ? true : undefined), 45_000);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * A square of `size` px inside a province, clear of its edge (an alert outline) and of its label point (an alert badge):
 * the corners of the square grown by 5 px and its centre are that province on the map's fill layer. Page coordinates.
 */
async function boxInside(page: Page, code: string, size = 12): Promise<{ x: number; y: number; size: number }> {
  const label = await provinceLabelPoint(page, code);
  return page.evaluate(
    ({ c, size, label }) => {
      const map = window.__iocMap!;
      const rect = map.getCanvas().getBoundingClientRect();
      const at = (x: number, y: number) =>
        map.queryRenderedFeatures([x - rect.left, y - rect.top], { layers: ['provinces-fill'] })[0]?.properties?.code === c;
      // a grid within 240 px of the province's label point, nearest first
      // an alert badge (an HTML marker, ~22 px across) sits on the label point: boxes keep clear of it
      const clear = (x: number, y: number) => Math.hypot(x + size / 2 - label.x, y + size / 2 - label.y) > 16 + size * 0.71;
      const candidates: Array<[number, number, number]> = [];
      for (let y = Math.max(rect.top, label.y - 240); y < Math.min(rect.bottom - size, label.y + 240); y += 3) {
        for (let x = Math.max(rect.left, label.x - 240); x < Math.min(rect.right - size, label.x + 240); x += 3) {
          const d = Math.hypot(x + size / 2 - label.x, y + size / 2 - label.y);
          if (d < 240 && clear(x, y)) candidates.push([x, y, d]);
        }
      }
      candidates.sort((a, b) => a[2] - b[2]);
      let inside = 0;
      for (const [x, y] of candidates) {
        if (!at(x, y)) continue;
        inside += 1;
        // 5 px clear of the province's edge too, where an alert outline is drawn
        const m = 5;
        const pts = [[x - m, y - m], [x + size + m, y - m], [x - m, y + size + m], [x + size + m, y + size + m], [x + size / 2, y + size / 2]];
        if (pts.every(([px, py]) => at(px!, py!))) return { x: Math.round(x), y: Math.round(y), size };
      }
      throw new Error(`no ${size} px box inside ${c} (${inside} grid points inside it; label at ${label.x},${label.y} is ${at(label.x, label.y) ? 'inside' : 'outside'})`);
    },
    { c: code, size, label },
  );
}

/** The pixels of a box of the page, as on screen (a screenshot: WebGL's buffer cannot be read back directly). */
async function pixels(page: Page, box: { x: number; y: number; size: number }): Promise<Array<[number, number, number]>> {
  const png = await page.screenshot({ clip: { x: box.x, y: box.y, width: box.size, height: box.size } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const out: Array<[number, number, number]> = [];
    for (let i = 0; i < d.length; i += 4) out.push([d[i]!, d[i + 1]!, d[i + 2]!]);
    return out;
  }, png.toString('base64'));
}

const near = (a: readonly number[], b: readonly number[], tol = 12) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);
/** The most frequent colour of a set of pixels. */
function mode(list: ReadonlyArray<[number, number, number]>): [number, number, number] {
  const counts = new Map<string, number>();
  for (const p of list) counts.set(p.join(), (counts.get(p.join()) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return top.split(',').map(Number) as [number, number, number];
}

describe('freshness on the map', () => {
  it('draws the province whose figure is two days old hatched, says its age and source, and counts it in the legend', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/?test=1&indicator=${IND}`);
    const map = page.locator(`[data-testid="map"][data-provinces-drawn="${provinces.length}"]`);
    await map.waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="map"][data-stale="${STALE}"]`).waitFor({ timeout: 30_000 });
    await mapSettled(page);
    await page.mouse.move(5, 1075); // no tooltip, no hover outline over the boxes sampled
    await page.waitForTimeout(200);
    await screenshot(page, 'map-freshness-national-1920');

    // the same class colour for both (the same value), as feature-state says
    const states = await page.evaluate(
      (codes) => codes.map((id) => window.__iocMap!.getFeatureState({ source: 'provinces', id })),
      [STALE, FRESH_TWIN],
    );
    expect(states[0]).toMatchObject({ hasValue: true, stale: true });
    expect(states[1]).toMatchObject({ hasValue: true, stale: false });
    expect(states[0]!.color).toBe(states[1]!.color);

    // and the pixels differ: the fresh one is its class colour throughout; the stale one has grey stripes over it
    const fresh = await pixels(page, await boxInside(page, FRESH_TWIN));
    const stale = await pixels(page, await boxInside(page, STALE));
    const classColour = mode(fresh);
    expect(fresh.filter((p) => near(p, classColour)).length / fresh.length).toBeGreaterThan(0.95);
    // (the pattern is sampled with filtering: a stripe's edges blend into the class colour)
    const asClass = stale.filter((p) => near(p, classColour)).length / stale.length;
    const asStripe = stale.filter((p) => near(p, STRIPE, 16)).length / stale.length;
    const grey = (p: readonly number[]) => Math.max(...p) - Math.min(...p) < 60;
    expect(asClass).toBeGreaterThan(0.3); // the class colour stays recognisable between the stripes
    expect(asClass).toBeLessThan(0.85);
    expect(asStripe).toBeGreaterThan(0.08);
    expect(stale.filter(grey).length / stale.length).toBeGreaterThan(0.1);
    expect(fresh.filter((p) => near(p, STRIPE, 40)).length).toBe(0);

    // the legend explains the mark and counts the stale provinces
    const entry = page.getByTestId('legend-stale');
    await expect.poll(() => entry.getAttribute('data-count')).toBe('1');
    expect(await entry.textContent()).toContain('Số liệu cũ (quá hạn)');
    expect(await entry.textContent()).toContain('1 tỉnh, thành phố');

    // the best-five list greys the stale figure, as the map does, and carries each figure's source
    const top = page.getByTestId('extremes-top');
    expect(await top.locator(`li[data-code="${STALE}"] .value`).getAttribute('data-stale')).toBe('true');
    expect(await top.locator(`li[data-code="${FRESH_TWIN}"] .value`).getAttribute('data-stale')).toBeNull();
    expect(await top.locator(`li[data-code="${STALE}"] .name`).getAttribute('title')).toBe('Nguồn: Tổng hợp từ xã, phường');

    // hover: the age ("2 ngày trước", in Vietnam time) and the source (a province's figure is its communes' rollup)
    const point = await provinceLabelPoint(page, STALE);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.getByTestId('tooltip-stale').textContent()).toContain('cập nhật 2 ngày trước');
    expect(await tooltip.getByTestId('tooltip-updated').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · 2 ngày trước$/);
    expect(await tooltip.getByTestId('tooltip-source').textContent()).toBe('Tổng hợp từ xã, phường');
    await page.waitForTimeout(200);
    await screenshot(page, 'map-freshness-1920');

    // a fresh province: no stale note, "vừa xong"
    const twin = await provinceLabelPoint(page, FRESH_TWIN);
    await page.mouse.move(twin.x, twin.y);
    await expect.poll(() => tooltip.locator('.name').textContent()).toBe(domain.registry.get(FRESH_TWIN)!.name.vi);
    expect(await tooltip.getByTestId('tooltip-stale').count()).toBe(0);
    expect(await tooltip.getByTestId('tooltip-updated').textContent()).toContain('vừa xong');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("drilled into the province, marks its stale commune and names the commune's source in the tooltip and the table", async () => {
    const { page, problems } = await openPage(browser, stack.url);
    const commune = firstCommune(STALE);
    await page.goto(`${stack.url}/province/${STALE}?test=1&indicator=${IND}`);
    await page.locator(`[data-testid="map"][data-communes-drawn="1"][data-stale="${commune}"]`).waitFor({ timeout: 60_000 });
    await mapSettled(page);
    expect(await page.getByTestId('legend-stale').textContent()).toContain('1 xã, phường');
    const row = page.locator(`[data-testid="commune-table"] tr[data-code="${commune}"]`);
    expect(await row.getByTestId('row-source').textContent()).toBe(SOURCE_NAME);
    expect(await row.textContent()).toContain('2 ngày trước');

    const p = await communePoint(page, commune);
    await page.mouse.move(p.x, p.y);
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.getByTestId('tooltip-source').textContent()).toBe(SOURCE_NAME);
    expect(await tooltip.getByTestId('tooltip-stale').textContent()).toContain('cập nhật 2 ngày trước');
    await page.waitForTimeout(200);
    await screenshot(page, 'map-freshness-province-1920');
    expect(problems).toEqual([]);
    await page.close();
  });
});
