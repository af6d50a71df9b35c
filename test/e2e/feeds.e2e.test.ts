import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedsAnswer } from '../../core/contract/boards';
import { FEED_STATES_WORST_FIRST } from '../../core/feeds/feed-board';
import { boardsVi } from '../../client/i18n/boards.vi';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
/** Reads as the stack's admin (the read API wants a session). */
let admin: Session;

const feeds = async () => ((await admin.call('GET', '/api/v1/feeds')).body as Partial<FeedsAnswer>).feeds ?? [];

async function shownRows(page: Page) {
  return page.locator('[data-testid="feed-row"]').evaluateAll((trs) =>
    trs.map((tr) => ({
      source: tr.getAttribute('data-source')!,
      state: tr.getAttribute('data-state')!,
      stateText: tr.querySelector('[data-testid="feed-state"]')!.textContent!.trim(),
      error: tr.querySelector('[data-testid="feed-error"]')?.textContent?.trim() ?? null,
    })),
  );
}

beforeAll(async () => {
  // no simulated quiet province here (it plays one for half of every other hour): every simulated source sends
  stack = await startStack({ SIMULATOR: 'on', SIMULATOR_RATE: '300', SIMULATOR_LATE_PROVINCE: 'none' });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  await newSource(stack.redis, stack.keys, 'e2e-never', ['01']);
  const failing = await newSource(stack.redis, stack.keys, 'e2e-failing', ['01']);
  const res = await postBatch(stack.url, failing, {
    batchId: 'bad-1',
    observations: [{ indicator: 'no_such_indicator', unit: '01', period: '2026-01-01', value: 1, observedAt: new Date().toISOString() }],
  });
  expect(res.body.rejected).toHaveLength(1);
  // the simulator's 52 sources (34 provinces, 17 ministries, the nation) have all sent, and ours are listed
  await eventually(async () => {
    const list = await feeds();
    return list.length === 54 && list.filter((f) => f.source.startsWith('sim-')).every((f) => f.lastSeenAt !== null) ? true : undefined;
  }, 90_000, 500);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('feed health board in headless Chromium', () => {
  it('lists every source of /api/v1/feeds with its state, worst first, counted by state; a new silent source shows "Chưa gửi"', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/feeds`);
    await expect.poll(async () => (await shownRows(page)).length, { timeout: 15_000 }).toBe(54);
    const api = await feeds();
    const rows = await shownRows(page);
    expect(rows.map((r) => r.source).sort()).toEqual(api.map((f) => f.source).sort());
    for (const r of rows) expect(r.stateText).toBe(boardsVi.feeds.state[r.state as keyof typeof boardsVi.feeds.state]);
    // worst first
    const severity = rows.map((r) => FEED_STATES_WORST_FIRST.indexOf(r.state as never));
    expect(severity.every((s) => s >= 0)).toBe(true);
    expect(severity).toEqual([...severity].sort((a, b) => a - b));
    // the failing source leads, with its error; the silent one says "Chưa gửi"
    expect(rows[0]).toMatchObject({ source: 'e2e-failing', state: 'failing', stateText: 'Lỗi' });
    expect(rows[0]!.error).toContain('no_such_indicator');
    expect(rows.find((r) => r.source === 'e2e-never')).toMatchObject({ state: 'never', stateText: 'Chưa gửi' });
    expect(rows.filter((r) => r.source.startsWith('sim-')).every((r) => ['ok', 'late', 'stale'].includes(r.state))).toBe(true);
    // counts per state at the top add up to every source (read in one pass with the rows' states: the board refreshes
    // every 5 s, and a simulated source may turn late between two reads)
    const board = await page.evaluate((states) => ({
      counts: states.map((s) => Number(document.querySelector(`[data-testid="feed-count-${s}"] .value strong`)?.textContent)),
      states: [...document.querySelectorAll('[data-testid="feed-row"]')].map((tr) => tr.getAttribute('data-state')),
    }), [...FEED_STATES_WORST_FIRST]);
    expect(board.counts).toEqual(FEED_STATES_WORST_FIRST.map((s) => board.states.filter((x) => x === s).length));
    expect(board.counts.reduce((a, b) => a + b, 0)).toBe(54);
    await screenshot(page, 'feeds-1920');

    // a source created now, which never sends, appears on the next refresh (every 5 s)
    await newSource(stack.redis, stack.keys, 'e2e-never-2', ['48']);
    await expect
      .poll(async () => (await shownRows(page)).find((r) => r.source === 'e2e-never-2')?.stateText, { timeout: 8_000 })
      .toBe('Chưa gửi');
    expect(await page.locator('[data-testid="feed-count-never"] .value strong').textContent()).toBe('2');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('when a refresh fails, keeps the last figures and says from when they are', async () => {
    const { page } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/feeds`);
    await expect.poll(async () => (await shownRows(page)).length, { timeout: 15_000 }).toBe(55);
    // the server answers no more: the next refreshes (every 5 s) fail
    await page.route('**/api/v1/feeds', (route) => route.fulfill({ status: 503, body: '{"code":"unavailable"}', contentType: 'application/json' }));
    const line = page.locator('[data-testid="scene-feeds"] .load-error');
    await expect.poll(async () => (await line.count()) > 0 && (await line.textContent()), { timeout: 15_000 }).toMatch(
      /^Không cập nhật được danh sách nguồn; số liệu dưới đây là lần cuối lúc \d{2}:\d{2}:\d{2} \(vừa xong\)\.$/,
    );
    expect((await shownRows(page)).length).toBe(55);
    await screenshot(page, 'feeds-1920-refresh-failed');
    await page.close();
  });

  it('reads on a 3840 × 2160 wall, and in English', async () => {
    const { page, problems } = await openPage(browser, stack.url, 3840, 2160);
    await page.goto(`${stack.url}/feeds`);
    await expect.poll(async () => (await shownRows(page)).length, { timeout: 15_000 }).toBe(55);
    await screenshot(page, 'feeds-3840');
    await page.goto(`${stack.url}/feeds?lang=en`);
    await expect.poll(async () => (await shownRows(page)).find((r) => r.source === 'e2e-never')?.stateText, { timeout: 15_000 }).toBe('Never sent');
    await screenshot(page, 'feeds-3840-en');
    expect(problems).toEqual([]);
    await page.close();
  });
});
