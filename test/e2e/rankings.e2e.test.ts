import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DVC766_GROUPS } from '../../core/indicators/variants';
import { competitionRanks, dvc766Band } from '../../core/rankings/dvc766';
import { currentPeriod, previousPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { boardsVi } from '../../client/i18n/boards.vi';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
const provinces = domain.registry.all('province');
const ministries = domain.registry.all('ministry');
const today = currentPeriod('day', Date.now());
const yesterday = previousPeriod(today)!;
let stack: Stack;
let browser: Browser;
let token: string;
/** Reads as the stack's admin (the read API wants a session). */
let admin: Session;

/** Totals from 96 down by 1.6 a place (every band), with a tie between the 6th and the 7th unit. */
function totalOf(i: number): number {
  const k = i === 6 ? 5 : i;
  return Math.round((96 - k * 1.6) * 100) / 100;
}
/** Yesterday: the even ones were 2 points higher, the odd ones 1 point lower (places change). */
const yesterdayOf = (i: number) => Math.round((totalOf(i) + (i % 2 === 0 ? 2 : -1)) * 100) / 100;

function observations(units: readonly { code: string }[]) {
  const observedAt = new Date().toISOString();
  return units.flatMap((u, i) => [
    { indicator: 'dvc766_total_score', unit: u.code, period: today, value: totalOf(i), observedAt },
    { indicator: 'dvc766_total_score', unit: u.code, period: yesterday, value: yesterdayOf(i), observedAt },
    ...DVC766_GROUPS.map((g) => ({
      indicator: `dvc766_group_score.${g.code}`,
      unit: u.code,
      period: today,
      value: Math.round(((totalOf(i) * g.max!) / 100) * 100) / 100,
      observedAt,
    })),
  ]);
}

async function rows(page: Page) {
  return page.locator('[data-testid="ranking-row"]').evaluateAll((trs) =>
    trs.map((tr) => ({
      code: tr.getAttribute('data-code')!,
      rank: Number(tr.getAttribute('data-rank')),
      total: Number(tr.getAttribute('data-total')),
      bandText: tr.querySelector('td.band')!.textContent!.trim(),
      move: tr.querySelector('td.move')!.textContent!.trim(),
      delta: tr.querySelector('td.delta')!.textContent!.trim(),
    })),
  );
}

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  token = await newSource(stack.redis, stack.keys, 'e2e-766');
  const res = await postBatch(stack.url, token, { batchId: 'seed-766', observations: [...observations(provinces), ...observations(ministries)] });
  expect(res.body.rejected).toEqual([]);
  await eventually(async () => {
    const view = (await admin.call('GET', '/api/v1/views?scope=VN&indicators=dvc766_group_score.mdsh')).body as { values?: unknown[] };
    return (view.values?.length ?? 0) >= provinces.length + ministries.length ? true : undefined;
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('766 ranking in headless Chromium', () => {
  it('ranks the 34 provinces by total with bands, ties and the change since yesterday; live; then the 17 ministries', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    // the first read of yesterday's totals fails: the change column must fill in on the retry, not stay empty
    let previousReads = 0;
    await page.route(/\/api\/v1\/views\?.*period=/, (route) =>
      ++previousReads === 1 ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"busy"}' }) : route.continue(),
    );
    await page.goto(`${stack.url}/rankings`);
    await expect.poll(async () => (await rows(page)).filter((r) => r.total > 0).length, { timeout: 15_000 }).toBe(34);
    const shown = await rows(page);
    expect(shown).toHaveLength(34);
    // sorted by total, descending, with competition ranks (the 6th and 7th share rank 6; the next is 8)
    const totals = shown.map((r) => r.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const expectedRanks = competitionRanks(provinces.map((p, i) => ({ code: p.code, name: p.code, total: totalOf(i) })));
    for (const r of shown) expect(r.rank).toBe(expectedRanks.get(r.code));
    expect(shown.slice(5, 8).map((r) => r.rank)).toEqual([6, 6, 8]);
    // bands named, per the 766 cut-offs
    for (const r of shown) expect(r.bandText).toBe(boardsVi.rankings.band[dvc766Band(r.total)!]);
    expect(new Set(shown.map((r) => r.bandText))).toEqual(new Set(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu']));
    // change since yesterday (fetched apart from the live totals, so it may fill in a moment later): the first
    // province was 2 points higher yesterday and ranked lower (the second was 95.4)
    const deltaOf = async (code: string) => (await rows(page)).find((r) => r.code === code)!;
    await expect.poll(async () => (await deltaOf(provinces[0]!.code)).delta, { timeout: 15_000 }).toBe('−2,00');
    expect(previousReads).toBe(2);
    const second = await deltaOf(provinces[1]!.code);
    expect(second.delta).toBe('+1,00');
    expect(second.move).toMatch(/^(▲|▼) \d+$|^=$/);
    await expect.poll(() => page.locator('[data-testid="ranking-chart"] canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'rankings-provinces-1920');

    // live: a new total for the last province moves it to the top without a reload
    const last = provinces[33]!.code;
    await postBatch(stack.url, token, {
      batchId: 'live-766',
      observations: [{ indicator: 'dvc766_total_score', unit: last, period: today, value: 99.5, observedAt: new Date().toISOString() }],
    });
    await expect.poll(async () => (await rows(page))[0]?.code, { timeout: 5_000 }).toBe(last);
    expect((await rows(page))[0]).toMatchObject({ rank: 1, total: 99.5, bandText: 'Xuất sắc' });

    await page.locator('[data-testid="tab-ministry"]').click();
    await expect.poll(async () => (await rows(page)).length).toBe(17);
    const ms = await rows(page);
    expect(ms.map((r) => r.code).sort()).toEqual(ministries.map((m) => m.code).sort());
    expect(ms.map((r) => r.total)).toEqual(ms.map((r) => r.total).sort((a, b) => b - a));
    await expect.poll(() => page.locator('[data-testid="ranking-row"] td.name').first().textContent()).toMatch(/^(Bộ|Văn phòng|Thanh tra|Ngân hàng)/);
    await screenshot(page, 'rankings-ministries-1920');
    expect(problems.filter((p) => !/status of 503/.test(p))).toEqual([]);
    await page.close();
  });

  it('draws both tabs on a 3840 × 2160 wall, and in English', async () => {
    const { page, problems } = await openPage(browser, stack.url, 3840, 2160);
    await page.goto(`${stack.url}/rankings`);
    await expect.poll(async () => (await rows(page)).length, { timeout: 15_000 }).toBe(34);
    await page.waitForTimeout(500);
    await screenshot(page, 'rankings-provinces-3840');
    await page.goto(`${stack.url}/rankings?tab=ministries&lang=en`);
    await expect.poll(async () => (await rows(page)).length, { timeout: 15_000 }).toBe(17);
    await expect(page.locator('h1').textContent()).resolves.toBe('Decision 766 ranking');
    await page.waitForTimeout(500);
    await screenshot(page, 'rankings-ministries-3840-en');
    expect(problems).toEqual([]);
    await page.close();
  });
});
