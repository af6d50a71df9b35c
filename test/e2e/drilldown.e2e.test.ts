import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { cutText } from '../support/page-checks';
import { IND, largestProvince, post, seedHistory, spreadItems, untilView } from '../support/drill-seed';
import { newSource } from '../support/ingest-client';
import { communePoint, mapSettled, provinceLabelPoint } from '../support/map-page';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
const registry = domain.registry;
const communesOf = (p: string) => registry.children(p, 'commune').map((u) => u.code);
/** The province clicked on the map (Huế: all its communes lie on the mainland view it flies to). */
const P = '46';
const P_COMMUNES = communesOf(P);
const C = P_COMMUNES[0]!;
/** The province with the most communes, found from the running server's registry (/api/v1/units) in beforeAll. */
let L: { code: string; communes: number } = { code: '', communes: 0 };
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  const token = await newSource(stack.redis, stack.keys, 'e2e-drill');
  const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  L = await largestProvince(admin);
  await seedHistory(stack.url, token, admin, C, 6);
  const firstOfEach = registry.all('province').map((p) => communesOf(p.code)[0]!);
  const today = new Set([...P_COMMUNES, ...communesOf(L.code), ...firstOfEach]);
  await post(stack.url, token, spreadItems([...today]), 'today');
  await Promise.all([untilView(admin, 'VN', 34), untilView(admin, P, P_COMMUNES.length), untilView(admin, L.code, L.communes)]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openNational(page: Page): Promise<void> {
  await page.goto(`${stack.url}/?test=1&indicator=${IND}`);
  await page.locator('[data-testid="map"][data-provinces-drawn="34"]').waitFor({ timeout: 60_000 });
  await mapSettled(page);
}

const communesDrawn = (page: Page, n: number) =>
  page.locator(`[data-testid="map"][data-communes-drawn="${n}"]`).waitFor({ timeout: 60_000 });

describe('drill-down from the national map', () => {
  it('flies to a clicked province, draws only its communes, opens a commune and goes back up', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    // the province layers the page asked for, and those whose bytes came over the network: the page fetches a layer
    // and the map's worker reads the same file, from the HTTP cache
    const requested = new Set<string>();
    const overNetwork: string[] = [];
    page.on('requestfinished', (r) => {
      const m = /\/maps\/provinces\/([^/]+)\.geojson/.exec(r.url());
      if (!m) return;
      requested.add(m[1]!);
      void r.sizes().then((s) => s.responseBodySize > 0 && overNetwork.push(m[1]!));
    });
    const provinceLayers = () => ({ requested: [...requested], overNetwork });
    await openNational(page);
    expect(provinceLayers()).toEqual({ requested: [], overNetwork: [] });
    const before = await page.evaluate(() => window.__iocMap!.getZoom());
    await screenshot(page, 'drill-national-1920');

    // click the province on the map itself (noting the drawing buffer's width at every frame of the flight)
    // and its width when the map says the communes are drawn: the figure counts the picture at full resolution
    await page.evaluate(() => {
      const map = window.__iocMap!;
      const w = window as unknown as { __widths: number[]; __drawnAt: number[]; __communeTiles: number[]; __provinceTiles: string[] };
      w.__widths = [];
      w.__drawnAt = [];
      w.__communeTiles = [];
      w.__provinceTiles = [];
      map.on('render', () => map.isMoving() && w.__widths.push(map.getCanvas().width));
      // the zoom of every commune tile the map asks its worker for, and of every national one, during the flight or after
      map.on('dataloading', (e) => {
        const tile = (e as { sourceId?: string; tile?: { tileID: { canonical: { z: number } } } }).tile;
        const source = (e as { sourceId?: string }).sourceId;
        if (source === 'communes' && tile) w.__communeTiles.push(tile.tileID.canonical.z);
        if (source === 'provinces' && tile) w.__provinceTiles.push(`${map.isMoving() ? 'flying' : 'arrived'} z${tile.tileID.canonical.z}`);
      });
      const el = map.getContainer().closest('[data-testid="map"]')!;
      new MutationObserver(() => {
        if (el.getAttribute('data-communes-drawn') !== '0') w.__drawnAt.push(map.getCanvas().width);
      }).observe(el, { attributes: true, attributeFilter: ['data-communes-drawn'] });
    });
    const at = await provinceLabelPoint(page, P);
    await page.mouse.click(at.x, at.y);
    await communesDrawn(page, P_COMMUNES.length);
    await mapSettled(page);
    // no GPU here (SwiftShader): the flight is drawn at half resolution, the map at rest at full resolution again
    const sizes = await page.evaluate(() => ({
      moving: Math.min(...(window as unknown as { __widths: number[] }).__widths),
      resting: window.__iocMap!.getCanvas().width,
      drawnAt: (window as unknown as { __drawnAt: number[] }).__drawnAt,
      box: window.__iocMap!.getContainer().clientWidth * window.devicePixelRatio,
    }));
    expect(sizes.resting).toBe(sizes.box);
    expect(sizes.moving).toBe(Math.floor(sizes.box / 2));
    expect(sizes.drawnAt.length).toBeGreaterThan(0);
    expect(sizes.drawnAt.every((w) => w === sizes.box)).toBe(true);
    await expect.poll(provinceLayers).toEqual({ requested: [P], overNetwork: [P] });
    const flown = await page.evaluate(async () => {
      const labels = (await (await fetch('/maps/labels.geojson')).json()) as {
        features: Array<{ geometry: { coordinates: [number, number] }; properties: { code: string } }>;
      };
      const map = window.__iocMap!;
      const point = labels.features.find((f) => f.properties.code === '46')!.geometry.coordinates;
      return { zoom: map.getZoom(), contains: map.getBounds().contains(point) };
    });
    expect(flown.zoom).toBeGreaterThan(before + 1.5);
    expect(flown.contains).toBe(true);
    // the communes' tiles were cut at the zoom the map arrived at only, none at the zooms the flight passed through
    const communeTiles = await page.evaluate(() => (window as unknown as { __communeTiles: number[] }).__communeTiles);
    expect(communeTiles.length).toBeGreaterThan(0);
    expect([...new Set(communeTiles)]).toEqual([Math.floor(flown.zoom)]);
    // the national layer kept its tiles while the map flew (none asked for), and since Huế is shown more than 3 zooms
    // deeper than those tiles, it has its own at the arrival (the national layer's deepest tiles are zoom 7)
    const provinceTiles = await page.evaluate(() => (window as unknown as { __provinceTiles: string[] }).__provinceTiles);
    expect(Math.floor(flown.zoom) - Math.floor(before)).toBeGreaterThan(3);
    expect([...new Set(provinceTiles)]).toEqual(['arrived z7']);
    let url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ scope: P, indicator: IND, range: '24h' });
    await page.locator('[data-testid="breadcrumb"]').getByText(registry.get(P)!.name.vi).waitFor();
    await screenshot(page, 'drill-province-1920');
    expect(await cutText(page, '[data-testid^="kpi-"] h3')).toEqual([]);

    // once arrived, the communes are drawn at any zoom again: zoomed out a little, they are still there
    await page.evaluate((z) => window.__iocMap!.jumpTo({ zoom: z - 0.7 }), flown.zoom);
    await mapSettled(page);
    const zoomedOut = await page.evaluate(() => new Set(window.__iocMap!.queryRenderedFeatures({ layers: ['communes-fill'] }).map((f) => f.properties?.code)).size);
    expect(zoomedOut).toBe(P_COMMUNES.length);
    await page.evaluate((z) => window.__iocMap!.jumpTo({ zoom: z }), flown.zoom);
    await mapSettled(page);

    // a commune on the map opens its detail panel with its history
    const inside = await communePoint(page, C);
    await page.mouse.click(inside.x, inside.y);
    const panel = page.locator(`[data-testid="unit-detail"][data-unit="${C}"]`);
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('unit-detail-name').textContent()).toBe(registry.get(C)!.fullName.vi);
    const chart = panel.getByTestId('history-chart');
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ scope: P, indicator: IND, range: '7d', unit: C });
    await expect.poll(() => panel.locator('.history-chart canvas').count()).toBeGreaterThan(0);

    // the comparison: the previous period, then the province one level up
    await panel.getByTestId('compare-select').selectOption('prev');
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('prev');
    await panel.getByTestId('compare-select').selectOption(P);
    await expect.poll(async () => Number(await chart.getAttribute('data-compare-points')), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await screenshot(page, 'drill-commune-1920');

    // breadcrumb, by keyboard: back to the nation
    await page.locator('[data-testid="breadcrumb"] a', { hasText: 'Cả nước' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="map"][data-focus=""][data-provinces-drawn="34"]').waitFor();
    await mapSettled(page);
    expect(new URL(page.url()).searchParams.get('scope')).toBeNull();
    expect(await page.evaluate(() => window.__iocMap!.getZoom())).toBeLessThan(before + 0.5);

    // Back restores the province view with the commune's panel, then the province alone
    await page.goBack();
    await page.locator(`[data-testid="map"][data-focus="${P}"]`).waitFor();
    await communesDrawn(page, P_COMMUNES.length);
    await panel.waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBe(C);
    await page.goBack();
    await page.locator('[data-testid="unit-detail"]').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('scope')).toBe(P);
    await expect.poll(provinceLayers).toEqual({ requested: [P], overNetwork: [P] }); // the second visit came from the caches
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a copied link at 3840×2160 with the province, the commune panel and its history', async () => {
    const { page, problems } = await openPage(browser, stack.url, 3840, 2160);
    await page.goto(`${stack.url}/?test=1&scope=${P}&indicator=${IND}&range=7d&unit=${C}`);
    await communesDrawn(page, P_COMMUNES.length);
    await mapSettled(page);
    const chart = page.locator(`[data-testid="unit-detail"][data-unit="${C}"] [data-testid="history-chart"]`);
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await page.waitForTimeout(300);
    await screenshot(page, 'drill-commune-3840');
    await page.goto(`${stack.url}/?test=1&indicator=${IND}`);
    await page.locator('[data-testid="map"][data-provinces-drawn="34"]').waitFor({ timeout: 60_000 });
    await mapSettled(page);
    await page.waitForTimeout(500);
    await screenshot(page, 'drill-national-3840');
    expect(await cutText(page, '[data-testid^="kpi-"] h3')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000); // software WebGL at 3840×2160 is slow on a busy CI machine

  it('draws a chart whose code could not be fetched at first: the page reloads once the server answers', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    // the history chart's code is refused when first asked for and for 2 s after, as by a server down at that moment
    // (when the page first asks depends on when its main thread is first idle: not a fixed time after the load)
    const refused: string[] = [];
    let refuseUntil: number | null = null;
    await page.route(/\/assets\/HistoryChart-[^/]+\.js$/, async (route) => {
      refuseUntil ??= Date.now() + 2_000;
      if (Date.now() < refuseUntil) {
        refused.push(route.request().url());
        await route.abort('connectionrefused');
      } else await route.continue();
    });
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.goto(`${stack.url}/?test=1&scope=${P}&indicator=${IND}&range=7d&unit=${C}`);
    const chart = page.locator(`[data-testid="unit-detail"][data-unit="${C}"] [data-testid="history-chart"]`);
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    expect(refused.length).toBeGreaterThan(0);
    expect(loads).toBe(2);
    expect(new URL(page.url()).searchParams.get('unit')).toBe(C);
    // the refused request is reported by the browser; nothing else went wrong (no uncaught error of the failed import)
    expect(problems.filter((p) => !/ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
    await page.close();
  });

  it('finds the MapLibre internals the drill\'s tile hold uses (client/map/tile-hold.ts), and they still hold', async () => {
    const { page } = await openPage(browser, stack.url);
    await openNational(page);
    // map.style.tileManagers[source] with pause() and resume(): typed in MapLibre's API but little documented; a
    // release that renames or drops them would leave the hold silently doing nothing
    const found = await page.evaluate(() => {
      const manager = window.__iocMap!.style?.tileManagers?.provinces;
      return { manager: manager !== undefined, pause: typeof manager?.pause, resume: typeof manager?.resume };
    });
    expect(found).toEqual({ manager: true, pause: 'function', resume: 'function' });
    // paused, the source asks for no tiles while the map goes deeper; resumed, it asks for that zoom's
    const asked = await page.evaluate(async () => {
      const map = window.__iocMap!;
      const zooms: number[] = [];
      map.on('dataloading', (e) => {
        const tile = (e as { sourceId?: string; tile?: { tileID: { canonical: { z: number } } } }).tile;
        if ((e as { sourceId?: string }).sourceId === 'provinces' && tile) zooms.push(tile.tileID.canonical.z);
      });
      const manager = map.style.tileManagers.provinces!;
      const z = Math.floor(map.getZoom()) + 1.5;
      manager.pause();
      map.jumpTo({ zoom: z });
      await new Promise((r) => setTimeout(r, 1_000));
      const paused = [...zooms];
      manager.resume();
      await new Promise((r) => setTimeout(r, 1_000));
      return { paused, resumed: zooms.length > paused.length, deeper: zooms.some((t) => t === Math.min(7, Math.floor(z))) };
    });
    expect(asked).toEqual({ paused: [], resumed: true, deeper: true });
    await page.close();
  });

  it('measures the drill into the largest province (the most communes)', async () => {
    const { page } = await openPage(browser, stack.url);
    await openNational(page);
    const at = await provinceLabelPoint(page, L.code);
    type Marks = { clicked?: number; fetched?: number; flown?: number; tiled?: number; drawn?: number; loads: string[] };
    await page.evaluate(([n, code]) => {
      const d: Marks = { loads: [] };
      (window as unknown as { __drill: Marks }).__drill = d;
      window.addEventListener('mousedown', () => (d.clicked = performance.now()), { once: true });
      const map = window.__iocMap!;
      // every tile whose data the map's worker sends back, until the communes are drawn
      map.on('sourcedata', (e) => {
        const tile = (e as { tile?: { tileID: { key: string } } }).tile;
        if (tile && e.dataType === 'source' && d.drawn === undefined) d.loads.push(`${e.sourceId} ${tile.tileID.key}`);
      });
      map.once('moveend', () => (d.flown = performance.now()));
      map.on('sourcedata', (e) => {
        if (e.sourceId === 'communes' && e.isSourceLoaded && d.flown !== undefined && d.drawn === undefined) d.tiled = performance.now();
      });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name.endsWith(`/maps/provinces/${code}.geojson`)) d.fetched = e.startTime + e.duration;
      }).observe({ type: 'resource' });
      const el = document.querySelector('[data-testid="map"]')!;
      new MutationObserver(() => {
        if (el.getAttribute('data-communes-drawn') === String(n) && d.drawn === undefined) d.drawn = performance.now();
      }).observe(el, { attributes: true, attributeFilter: ['data-communes-drawn'] });
    }, [L.communes, L.code] as const);
    await page.mouse.click(at.x, at.y);
    await communesDrawn(page, L.communes);
    const d = await page.evaluate(() => (window as unknown as { __drill: Marks }).__drill);
    const after = (t: number | undefined) => (t === undefined ? '?' : `${Math.round(t - d.clicked!)} ms`);
    const ms = d.drawn! - d.clicked!;
    console.log(
      `[drill timing] click on ${registry.get(L.code)!.name.vi} (${L.code}) → ${L.communes} communes drawn in ${Math.round(ms)} ms ` +
        `(budget 500 ms, not asserted; layer fetched ${after(d.fetched)}, flight over ${after(d.flown)}, ` +
        `commune tiles loaded ${after(d.tiled)}, idle count ${after(d.drawn)})`,
    );
    expect(ms).toBeGreaterThan(0);
    // The map's worker cut only the communes' tiles, each once: the national layer was drawn from the tiles it had
    // (the largest province is shown 3 zooms deeper than them), and the drill changed no layer's paint,
    // filter or visibility (each such change has every tile of its source cut again)
    expect(d.loads.filter((l) => !l.startsWith('communes '))).toEqual([]);
    expect(d.loads.length).toBeGreaterThan(0);
    expect(new Set(d.loads).size).toBe(d.loads.length);
    await screenshot(page, 'drill-largest-1920');
    // the map's next move ends the hold: the national layer's own tiles for that zoom come
    const z = await page.evaluate(() => window.__iocMap!.getZoom());
    const asked = page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          window.__iocMap!.on('dataloading', (e) => {
            const tile = (e as { sourceId?: string; tile?: { tileID: { canonical: { z: number } } } }).tile;
            if ((e as { sourceId?: string }).sourceId === 'provinces' && tile) resolve(tile.tileID.canonical.z);
          }),
        ),
    );
    await page.evaluate(() => window.__iocMap!.panBy([40, 0], { duration: 0 }));
    expect(await asked).toBe(Math.min(7, Math.floor(z)));
    await page.close();
  });
});
