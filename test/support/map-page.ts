import type { Page } from 'playwright-core';

/** Waits until the page's map has loaded and stopped moving. */
export async function mapSettled(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__iocMap;
      return !!map && map.loaded() && !map.isMoving() && map.areTilesLoaded();
    },
    undefined,
    { timeout },
  );
}

/** The page point of a province's label point (`/maps/labels.geojson`, inside the province), projected by the map. */
export async function provinceLabelPoint(page: Page, code: string): Promise<{ x: number; y: number }> {
  return page.evaluate(async (c) => {
    const labels = (await (await fetch('/maps/labels.geojson')).json()) as {
      features: Array<{ geometry: { coordinates: [number, number] }; properties: { code: string; kind: string } }>;
    };
    const f = labels.features.find((x) => x.properties.kind === 'province' && x.properties.code === c);
    if (!f) throw new Error(`no label for ${c}`);
    const map = window.__iocMap!;
    const p = map.project(f.geometry.coordinates);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, code);
}

/** A page point inside a drawn commune: its bounding box sampled until the map says the point is that commune. */
export async function communePoint(page: Page, code: string): Promise<{ x: number; y: number }> {
  return page.evaluate((c) => {
    const map = window.__iocMap!;
    const features = map.querySourceFeatures('communes', { filter: ['==', ['get', 'code'], c] });
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    const visit = (x: unknown): void => {
      if (!Array.isArray(x)) return;
      if (typeof x[0] === 'number' && typeof x[1] === 'number') {
        w = Math.min(w, x[0]); e = Math.max(e, x[0]); s = Math.min(s, x[1]); n = Math.max(n, x[1]);
        return;
      }
      for (const y of x) visit(y);
    };
    for (const f of features) if ('coordinates' in f.geometry) visit(f.geometry.coordinates);
    if (!Number.isFinite(w)) throw new Error(`commune ${c} is not drawn`);
    const box = map.getCanvas().getBoundingClientRect();
    for (let i = 1; i < 12; i += 1) {
      for (let j = 1; j < 12; j += 1) {
        const p = map.project([w + ((e - w) * i) / 12, s + ((n - s) * j) / 12]);
        if (p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) continue;
        const hit = map.queryRenderedFeatures(p, { layers: ['communes-fill'] })[0];
        if (hit?.properties?.code === c) return { x: box.left + p.x, y: box.top + p.y };
      }
    }
    throw new Error(`no point found inside commune ${c}`);
  }, code);
}
