import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomain } from '../../platform/domain';
import { flagTestHooks, launchBrowser, openPage, screenshot, screenshotDir } from '../support/browser';
import { IND, post, spreadItems, untilView } from '../support/drill-seed';
import { eventually, newSource } from '../support/ingest-client';
import { communePoint, mapSettled, provinceLabelPoint } from '../support/map-page';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * The phone layout (issue 14): the overviews, a unit's detail and /alerts at 390 × 844 on a touch phone scroll
 * vertically only, with readable type and finger-sized targets; a tap on the map drills. The walls at 1920 × 1080 are
 * screenshotted (and their boxes written out) to compare with the layout before the phone styles.
 */
const registry = loadDomain().registry;
const PHONE = { width: 390, height: 844 };
/** Hà Nội: its communes are the province overview's table. */
const P = '01';
const P_COMMUNES = registry.children(P, 'commune').map((u) => u.code);
const C = P_COMMUNES[0]!;
/** Provinces to tap on the national map, the first whose inside is not under the legend (Huế, else Hà Nội). */
const TAP_CANDIDATES = ['46', P];
const LEADER = { username: 'lanhdao-hanoi', password: 'lanhdao-hanoi-password-1' };

let stack: Stack;
let browser: Browser;
let admin: Session;

beforeAll(async () => {
  stack = await startStack();
  const token = await newSource(stack.redis, stack.keys, 'e2e-phone');
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const firstOfEach = registry.all('province').map((p) => registry.children(p.code, 'commune')[0]!.code);
  const tapped = TAP_CANDIDATES.flatMap((code) => registry.children(code, 'commune').map((u) => u.code));
  await post(stack.url, token, spreadItems([...new Set([...P_COMMUNES, ...tapped, ...firstOfEach])]), 'phone');
  await Promise.all([untilView(admin, 'VN', 34), untilView(admin, P, P_COMMUNES.length)]);
  // the spread (55–99 %) is under the catalog's 90 % for many communes: the alert list has rows to lay out
  await eventually(async () => {
    const body = (await admin.call('GET', `/api/v1/alerts?indicator=${IND}&state=firing`)).body as { items?: unknown[] };
    return (body.items?.length ?? 0) >= 5 ? true : undefined;
  }, 60_000, 250);
  const created = await admin.call('POST', '/api/v1/users', { ...LEADER, displayName: 'Nguyễn Thị Lãnh Đạo', role: 'viewer', scope: P });
  expect(created.status).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A touch phone (390 × 844 CSS px, DPR 2), signed in, recording console errors and failed requests. */
async function openPhone(as = { username: 'admin', password: TEST_ADMIN_PASSWORD }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: PHONE,
    screen: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const res = await context.request.post(`${stack.url}/api/v1/auth/login`, { data: as });
  if (!res.ok()) throw new Error(`sign-in as ${as.username} failed: ${res.status()}`);
  await context.addInitScript(flagTestHooks);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${why}`);
  });
  return { context, page, problems };
}

/**
 * What does not fit a phone: the page wider than the viewport, any visible element sticking out of it (unless it sits
 * in a box that scrolls sideways itself), text under 14 px, and controls smaller than 44 × 44 px.
 */
async function phoneProblems(page: Page): Promise<{ scrollWidth: number; wide: string[]; small: string[]; tiny: string[] }> {
  // the phone's width, not the layout's: a page wider than the screen widens a mobile browser's layout viewport
  return page.evaluate((vw) => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && el.closest('.sr-only') === null;
    };
    /** Inside a box of its own that scrolls sideways (a table's): its overflow is that box's, not the page's. */
    const inSideScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
      }
      return false;
    };
    const wide: string[] = [];
    const small: string[] = [];
    const tiny: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) || el.closest('.maplibregl-canvas-container')) continue;
      const r = el.getBoundingClientRect();
      if ((r.right > vw + 0.5 || r.left < -0.5) && !inSideScroller(el)) wide.push(`${name(el)} ${Math.round(r.left)}–${Math.round(r.right)}`);
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      const size = parseFloat(getComputedStyle(el).fontSize);
      // (the map's data credit is fine print, as on every map)
      if (ownText && size < 14 - 0.01 && !el.closest('.maplibregl-ctrl-attrib')) small.push(`${name(el)} ${size.toFixed(1)} px`);
      const control = el.matches('button, select, input, textarea, a[href], summary, [role="button"], tbody tr[tabindex]');
      if (control && (r.width < 44 - 0.5 || r.height < 44 - 0.5)) tiny.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    // the page is wider than the screen though nothing above sticks out: name what does, wherever it is
    if (document.documentElement.scrollWidth > vw && wide.length === 0) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > vw + 0.5) wide.push(`(inside a clipping box) ${name(el)} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
      // text running out of its box (a box narrower than its unbreakable text)
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && r.right > vw + 0.5) wide.push(`(text) ${name(n.parentElement!)} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide, small, tiny };
  }, PHONE.width);
}

async function expectFitsPhone(page: Page, rows: string): Promise<void> {
  const found = await phoneProblems(page);
  expect(found).toEqual({ scrollWidth: expect.any(Number), wide: [], small: [], tiny: [] });
  expect(found.scrollWidth).toBeLessThanOrEqual(PHONE.width);
  // every tile and row lies within the viewport's width
  const boxes = await page.locator(rows).evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
  expect(boxes.length).toBeGreaterThan(0);
  expect(boxes.filter(([l, r]) => l! < 0 || r! > 390)).toEqual([]);
}

/** Only vertical scrolling: scrolling sideways moves nothing; scrolling down does. */
async function scrollsVerticallyOnly(page: Page): Promise<void> {
  const moved = await page.evaluate(() => {
    window.scrollTo(500, 0);
    const x = window.scrollX;
    window.scrollTo(0, 100_000);
    const y = window.scrollY;
    window.scrollTo(0, 0);
    return { x, y };
  });
  expect(moved.x).toBe(0);
  expect(moved.y).toBeGreaterThan(0);
}

/** A full-page screenshot too: the whole column as a person scrolls through it. */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}-full.png`), fullPage: true });
}

const national = (page: Page, query = '') => page.goto(`${stack.url}/?test=1&indicator=${IND}${query}`);
const provinceDrawn = (page: Page, n = 34) => page.locator(`[data-testid="map"][data-provinces-drawn="${n}"]`).waitFor({ timeout: 60_000 });
const communesDrawn = (page: Page, n: number) => page.locator(`[data-testid="map"][data-communes-drawn="${n}"]`).waitFor({ timeout: 60_000 });

describe('the phone layout at 390 × 844', () => {
  it('national overview: one column, map of a fixed height, KPIs and lists within the width', async () => {
    const { context, page, problems } = await openPhone();
    await national(page);
    await provinceDrawn(page);
    await mapSettled(page);
    await page.locator('[data-testid^="kpi-"]').first().waitFor();
    await page.waitForTimeout(500);
    await shots(page, 'phone-national');
    await expectFitsPhone(page, '[data-testid^="kpi-"], [data-testid^="extremes-"] li');
    await scrollsVerticallyOnly(page);
    // the map keeps a fixed share of the screen inside the page's scroll; one finger scrolls the page, two move the map
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(map.height).toBeGreaterThanOrEqual(PHONE.height * 0.5);
    expect(map.height).toBeLessThanOrEqual(PHONE.height * 0.62);
    expect(await page.evaluate(() => window.__iocMap!.cooperativeGestures.isEnabled())).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a tap on a province drills into it; a tap on a commune opens its detail', async () => {
    const { context, page, problems } = await openPhone();
    await national(page);
    await provinceDrawn(page);
    await mapSettled(page);
    let tap: { code: string; x: number; y: number } | null = null;
    for (const code of TAP_CANDIDATES) {
      const at = await provinceLabelPoint(page, code);
      const onMap = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.classList.contains('maplibregl-canvas') ?? false, [at.x, at.y]);
      if (onMap) {
        tap = { code, ...at };
        break;
      }
    }
    if (!tap) throw new Error(`none of ${TAP_CANDIDATES.join(', ')} can be tapped on the phone's national map`);
    const TAP = tap.code;
    // the hint MapLibre shows when one finger tries to move the map is in Vietnamese
    expect(await page.locator('.maplibregl-mobile-message').textContent()).toContain('hai ngón tay');
    await page.touchscreen.tap(tap.x, tap.y);
    await page.locator(`[data-testid="map"][data-focus="${TAP}"]`).waitFor({ timeout: 30_000 });
    await communesDrawn(page, registry.children(TAP, 'commune').length);
    await mapSettled(page);
    expect(new URL(page.url()).searchParams.get('scope')).toBe(TAP);
    await page.waitForTimeout(300);
    await shots(page, 'phone-national-drilled');
    await expectFitsPhone(page, '[data-testid^="kpi-"]');
    // the drilled province fills the map: no legend on its side pushes it into a corner
    const fill = await page.evaluate((code) => {
      const map = window.__iocMap!;
      const box = map.getCanvas().getBoundingClientRect();
      const shape = map.querySourceFeatures('communes').filter((f) => String(f.properties?.code ?? '').length === 5);
      let w = Infinity, e = -Infinity;
      for (const f of shape) {
        const visit = (x: unknown): void => {
          if (!Array.isArray(x)) return;
          if (typeof x[0] === 'number') {
            const p = map.project(x as [number, number]);
            w = Math.min(w, p.x);
            e = Math.max(e, p.x);
            return;
          }
          for (const y of x) visit(y);
        };
        if ('coordinates' in f.geometry) visit(f.geometry.coordinates);
      }
      return { code, left: w, right: e, width: box.width };
    }, TAP);
    expect((fill.left + fill.right) / 2).toBeGreaterThan(fill.width * 0.3);
    expect((fill.left + fill.right) / 2).toBeLessThan(fill.width * 0.7);

    // a tap on a commune: its tooltip across the map's foot, inside the screen, and its detail below the map
    let commune: { code: string; x: number; y: number } | null = null;
    for (const code of registry.children(TAP, 'commune').map((u) => u.code)) {
      const at = await communePoint(page, code).catch(() => null);
      if (!at) continue;
      const onMap = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.classList.contains('maplibregl-canvas') ?? false, [at.x, at.y]);
      if (onMap) {
        commune = { code, ...at };
        break;
      }
    }
    if (!commune) throw new Error(`no commune of ${TAP} can be tapped`);
    await page.touchscreen.tap(commune.x, commune.y);
    await page.locator(`[data-testid="unit-detail"][data-unit="${commune.code}"]`).waitFor({ timeout: 30_000 });
    const tooltip = await page.getByTestId('map-tooltip').boundingBox();
    expect(tooltip).not.toBeNull();
    expect(tooltip!.x).toBeGreaterThanOrEqual(0);
    expect(tooltip!.x + tooltip!.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-national-commune-tap');
    await expectFitsPhone(page, '[data-testid="unit-detail"]');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('province overview: KPIs, map and the communes as stacked rows; a commune detail with its chart', async () => {
    const { context, page, problems } = await openPhone();
    await page.goto(`${stack.url}/province/${P}?test=1&indicator=${IND}`);
    await communesDrawn(page, P_COMMUNES.length);
    await mapSettled(page);
    await expect.poll(() => page.locator('[data-testid="commune-table"] tbody tr').count()).toBe(P_COMMUNES.length);
    await page.waitForTimeout(500);
    await shots(page, 'phone-province');
    await expectFitsPhone(page, '[data-testid^="kpi-"], [data-testid="commune-table"] tbody tr');
    await scrollsVerticallyOnly(page);

    // a tap on a row opens the commune's detail, its chart as wide as the column
    await page.locator(`[data-testid="commune-table"] tbody tr[data-code="${C}"]`).tap();
    const panel = page.locator(`[data-testid="unit-detail"][data-unit="${C}"]`);
    await panel.waitFor();
    await panel.getByTestId('history-chart').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await shots(page, 'phone-commune-detail');
    await expectFitsPhone(page, '[data-testid="unit-detail"], [data-testid="history-chart"]');
    const chart = (await panel.getByTestId('history-chart').boundingBox())!;
    const detail = (await panel.boundingBox())!;
    expect(chart.width).toBeGreaterThan(detail.width * 0.8);
    expect(chart.height).toBeGreaterThanOrEqual(180);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('/alerts: filters stacked, each alert a block within the width', async () => {
    const { context, page, problems } = await openPhone();
    await page.goto(`${stack.url}/alerts`);
    await page.locator('[data-testid="alert-item"]').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await shots(page, 'phone-alerts');
    await expectFitsPhone(page, '[data-testid="alert-item"]');
    await scrollsVerticallyOnly(page);
    // an action form opens inside the width too
    await page.locator('[data-testid="alert-ack"]').first().tap();
    await page.getByTestId('alert-form-ack').waitFor();
    await page.getByTestId('alert-form-ack').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-alerts-ack');
    await expectFitsPhone(page, '[data-testid="alert-item"], [data-testid="alert-form-ack"]');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a province's leader starts on their province", async () => {
    const { context, page, problems } = await openPhone(LEADER);
    await page.goto(`${stack.url}/?test=1&indicator=${IND}`);
    await page.waitForURL((u) => u.pathname === `/province/${P}`);
    await communesDrawn(page, P_COMMUNES.length);
    await mapSettled(page);
    await page.waitForTimeout(300);
    await shots(page, 'phone-leader-province');
    await expectFitsPhone(page, '[data-testid^="kpi-"], [data-testid="commune-table"] tbody tr');
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** Boxes of the landmarks of a desk or wall page, to compare with the layout before the phone styles. */
async function boxes(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    const els = document.querySelectorAll('[data-testid], header, main, section, aside, h1, h2, h3, table, nav');
    els.forEach((el, i) => {
      const r = el.getBoundingClientRect();
      out[`${i}:${el.tagName.toLowerCase()}:${el.getAttribute('data-testid') ?? el.className}`] = [r.left, r.top, r.width, r.height].map(Math.round);
    });
    return out;
  });
}

describe('walls and desks at 1920 × 1080 are as before', () => {
  const layout: Record<string, Record<string, number[]>> = {};
  afterAll(() => {
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(path.join(screenshotDir, `desk-layout-${process.env.PHONE_LAYOUT_TAG ?? 'after'}.json`), JSON.stringify(layout, null, 1));
  });

  it('national, province, a commune detail, /alerts and the wall: no page scroll, nothing wider than the screen', async () => {
    const pages: Array<[string, string, (page: Page) => Promise<void>]> = [
      ['desk-national', `/?test=1&indicator=${IND}`, async (page) => { await provinceDrawn(page); await mapSettled(page); }],
      ['desk-province', `/province/${P}?test=1&indicator=${IND}`, async (page) => { await communesDrawn(page, P_COMMUNES.length); await mapSettled(page); }],
      ['desk-commune', `/province/${P}?test=1&indicator=${IND}&unit=${C}&range=7d`, async (page) => {
        await communesDrawn(page, P_COMMUNES.length);
        await page.locator('[data-testid="unit-detail"] [data-testid="history-chart"]').waitFor({ timeout: 30_000 });
        await mapSettled(page);
      }],
      ['desk-alerts', '/alerts', async (page) => { await page.locator('[data-testid="alert-item"]').first().waitFor({ timeout: 30_000 }); }],
      ['wall-national', `/wall?scenes=national,alerts&interval=600&test=1&indicator=${IND}`, async (page) => { await provinceDrawn(page); await mapSettled(page); }],
    ];
    for (const [name, url, ready] of pages) {
      const { page, problems } = await openPage(browser, stack.url);
      await page.goto(`${stack.url}${url}`);
      await ready(page);
      await page.waitForTimeout(800);
      await screenshot(page, `${name}-1920`);
      const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
      expect(size, name).toEqual({ w: 1920, h: 1080 });
      // a desk's or a wall's map keeps its one-finger drag and its wheel zoom (cooperative gestures are the phone's)
      if (url.includes('test=1')) expect(await page.evaluate(() => window.__iocMap!.cooperativeGestures.isEnabled()), name).toBe(false);
      layout[name] = await boxes(page);
      expect(problems, name).toEqual([]);
      await page.close();
    }
  }, 300_000);
});
