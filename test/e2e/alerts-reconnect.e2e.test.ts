import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../core/alerts/alert';
import type { ViewSnapshot } from '../../core/contract/metrics';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
const RATE = 'dossier_on_time_rate';
const communes = domain.registry.children('48', 'commune').slice(0, 6).map((u) => u.code);
let stack: Stack;
let admin: Session;
let browser: Browser;

/** The requests a page makes for the alert list (GET /api/v1/alerts, not the history), from now on. */
function countAlertLists(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() === 'GET' && url.pathname === '/api/v1/alerts') seen.urls.push(`${url.pathname}${url.search}`);
  });
  return seen;
}

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const token = await newSource(stack.redis, stack.keys, 'reconnect-feed');
  const rule = { indicator: RATE, scope: '48', bad: 'below', warning: 80, critical: 60, clear: 85, pendingMs: 0, noDataMs: null };
  expect((await admin.call('PUT', '/api/v1/alert-rules', rule)).status).toBe(200);
  const silence = { target: { kind: 'unit', unit: communes[0] }, endsAt: new Date(Date.now() + 4 * 3600_000).toISOString(), comment: 'Bảo trì hệ thống một cửa' };
  expect((await admin.call('POST', '/api/v1/silences', silence)).status).toBe(201);
  const observe = (unit: string, num: number) => ({ indicator: RATE, unit, period: currentPeriod('day', Date.now()), num, den: 100, observedAt: new Date().toISOString() });
  await postBatch(stack.url, token, { batchId: 'ok', observations: communes.map((u) => observe(u, 95)) });
  // the workers start in the background: the breach goes in once the good figures are applied (in that order)
  await eventually(async () => {
    const view = (await admin.call('GET', `/api/v1/views?scope=48&indicators=${RATE}`)).body as ViewSnapshot;
    return communes.every((u) => view.values?.some((v) => v.unit === u && v.value !== null)) ? true : undefined;
  }, 60_000, 250);
  await postBatch(stack.url, token, { batchId: 'bad', observations: communes.map((u, i) => observe(u, i % 2 ? 55 : 70)) });
  await eventually(async () => {
    const open = (await admin.call('GET', `/api/v1/alerts?state=firing&unit=48&limit=100`)).body.items as AlertRecord[];
    // the communes' and the province's own (its rolled-up rate is below the level too)
    return communes.every((u) => open.some((a) => a.unit === u)) && open.some((a) => a.unit === '48') ? true : undefined;
  }, 60_000, 250);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('alerts after a reconnect', () => {
  it('the national overview fetches the open alerts with one request after the server restarts', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    const lists = countAlertLists(page);
    await page.goto(`${stack.url}/?test=1`);
    const chip = page.locator('[data-testid="connection"]');
    await expect.poll(() => chip.getAttribute('data-live'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => lists.urls.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(2_000);
    const atStart = [...lists.urls];

    lists.urls.length = 0;
    await stack.stopServer();
    await expect.poll(() => chip.getAttribute('data-live'), { timeout: 10_000 }).toBe('false');
    await stack.startServer();
    await expect.poll(() => chip.getAttribute('data-live'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => lists.urls.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(3_000); // anything else the reconnect would fetch has gone out by now
    console.log(`GET /api/v1/alerts requests: at start ${atStart.length} (${atStart.join(', ')}); after a reconnect ${lists.urls.length} (${lists.urls.join(', ')})`);
    expect(lists.urls).toEqual(['/api/v1/alerts?state=firing&limit=1000']);
    expect(atStart).toEqual(['/api/v1/alerts?state=firing&limit=1000']);
    expect(problems.filter((p) => !/WebSocket|socket\.io|ERR_CONNECTION_REFUSED|Failed to load resource|Failed to fetch|503/.test(p))).toEqual([]);
    await page.close();
  }, 120_000);

  it('the alerts page lists the silences, marks the muted alert, and ends a silence early', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/alerts?unit=48`);
    await page.locator('[data-testid="silence-item"]').first().waitFor({ timeout: 20_000 });
    const muted = page.locator(`[data-testid="alert-item"][data-unit="${communes[0]}"]`);
    await expect.poll(() => muted.getAttribute('data-muted'), { timeout: 10_000 }).toBe('true');
    expect(await page.locator('[data-testid="alert-item"][data-muted="true"]').count()).toBe(1);
    expect(await muted.locator('[data-testid="alert-muted"]').textContent()).toContain('Tạm ngưng thông báo (bảo trì)');
    expect(await page.locator('[data-testid="silence-item"]').first().getAttribute('data-state')).toBe('active');
    await screenshot(page, 'alerts-silences-1920');

    // a new silence of a whole province from the form: it marks every open alert there
    await page.locator('[data-testid="silence-comment"]').fill('Nâng cấp đường truyền');
    await page.locator('[data-testid="silence-submit"]').click();
    await page.locator('[data-testid="silence-done"]').waitFor({ timeout: 10_000 });
    const rows = await page.locator('[data-testid="alert-item"]').count();
    expect(rows).toBe(communes.length + 1);
    await expect.poll(() => page.locator('[data-testid="alert-item"][data-muted="true"]').count(), { timeout: 10_000 }).toBe(rows);
    // end the first (newest) one early: the others stay muted by the unit's own silence only
    await page.locator('[data-testid="silence-end"]').first().click();
    await expect.poll(() => page.locator('[data-testid="silence-item"][data-state="over"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="alert-item"][data-muted="true"]').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'alerts-silence-ended-1920');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('on a phone the silences sit above the history, in English too', async () => {
    const { page, problems } = await openPage(browser, stack.url, 390, 844);
    await page.goto(`${stack.url}/alerts?unit=48&lang=en`);
    await page.locator('[data-testid="silence-item"]').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="silences"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'alerts-silences-390');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
