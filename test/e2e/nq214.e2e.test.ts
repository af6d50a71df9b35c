import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MILESTONES, PRIORITY_DATABASES } from '../../core/priority-databases/catalog';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
let stack: Stack;
let browser: Browser;
/** Reads as the stack's admin (the read API wants a session). */
let admin: Session;

const DAY = 86400_000;
/** A Viet Nam date `days` from today (negative: in the past). */
const day = (days: number) => currentPeriod('day', Date.now() + days * DAY);

/** Ten databases reported, each in a known state; social_security never reported. */
const PLAN: Record<string, { planned: number[]; reached: number; state: 'done' | 'late' | 'on_track' }> = {
  land: { planned: [-200, -160, -120, -80, -40], reached: 5, state: 'done' },
  civil_status: { planned: [-200, -160, -120, -80, -40], reached: 5, state: 'done' },
  health: { planned: [-200, -160, -120, -80, -40], reached: 5, state: 'done' },
  goods: { planned: [-200, -160, -120, -80, -40], reached: 5, state: 'done' },
  construction: { planned: [-200, -160, -120, -80, -40], reached: 5, state: 'done' },
  finance: { planned: [-120, -90, -60, -20, 30], reached: 3, state: 'late' },
  asset_income: { planned: [-120, -90, -45, -20, 30], reached: 2, state: 'late' },
  education: { planned: [-60, -30, 10, 40, 70], reached: 2, state: 'on_track' },
  admin_violations: { planned: [-60, 5, 10, 40, 70], reached: 1, state: 'on_track' },
  agriculture: { planned: [-90, -60, -30, -10, 20], reached: 4, state: 'on_track' },
};

async function shownRows(page: Page) {
  return page.locator('[data-testid="pdb-row"]').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-id')!,
      owner: tr.getAttribute('data-owner')!,
      ownerText: tr.querySelector('[data-testid="pdb-owner"]')!.textContent!.trim(),
      state: tr.getAttribute('data-state')!,
      stateText: tr.querySelector('[data-testid="pdb-state"]')!.textContent!.trim(),
      text: tr.textContent!,
    })),
  );
}

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  for (const db of PRIORITY_DATABASES) {
    const plan = PLAN[db.id];
    if (!plan) continue;
    const token = await newSource(stack.redis, stack.keys, `e2e-pdb-${db.id}`, [db.owner]);
    const milestones = MILESTONES.map((m, i) => ({
      id: m.id,
      planned: day(plan.planned[i]!),
      // reached on time (two days before the plan), except finance's third, reached 5 days late
      actual: i < plan.reached ? day(plan.planned[i]! + (db.id === 'finance' && i === 2 ? 5 : -2)) : null,
    }));
    const res = await fetch(`${stack.url}/api/v1/priority-databases/${db.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ milestones }),
    });
    expect(res.status, await res.text()).toBe(200);
  }
  // the national count of databases connected to the NDC, rolled up from two provinces
  const token = await newSource(stack.redis, stack.keys, 'e2e-ndc');
  const observedAt = new Date().toISOString();
  const obs = [['01', 3], ['79', 4]].map(([unit, value]) => ({ indicator: 'db_connected_ndc_count', unit, period: day(0), value, observedAt }));
  expect((await postBatch(stack.url, token, { batchId: 'ndc', observations: obs })).body.accepted).toBe(2);
  await eventually(async () => {
    const v = (await admin.call('GET', '/api/v1/views?scope=VN&indicators=db_connected_ndc_count')).body as { values?: { unit: string; value: number }[] };
    return v.values?.find((x) => x.unit === 'VN')?.value === 7 ? true : undefined;
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Resolution 214 board in headless Chromium', () => {
  it('lists the 11 priority databases with their owners, milestones and states, and the headline figures', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/nq214`);
    await expect.poll(async () => (await shownRows(page)).length, { timeout: 15_000 }).toBe(11);
    const rows = await shownRows(page);
    expect(rows.map((r) => r.id)).toEqual(PRIORITY_DATABASES.map((d) => d.id));
    for (const r of rows) {
      const db = PRIORITY_DATABASES.find((d) => d.id === r.id)!;
      expect(r.owner).toBe(db.owner);
      expect(r.ownerText).toBe(domain.registry.get(db.owner)!.fullName.vi);
      const expected = PLAN[r.id]?.state ?? 'none';
      expect(r.state, r.id).toBe(expected);
      expect(r.stateText).toBe({ done: 'Hoàn thành', late: 'Chậm tiến độ', on_track: 'Đúng tiến độ', none: 'Chưa báo cáo' }[expected]);
    }
    expect(rows.find((r) => r.id === 'finance')!.text).toContain('quá hạn 20 ngày');
    expect(rows.find((r) => r.id === 'finance')!.text).toContain('trễ 5 ngày');
    expect(rows.find((r) => r.id === 'asset_income')!.text).toContain('quá hạn 45 ngày');
    expect(await page.locator('[data-testid="pdb-done"]').textContent()).toContain('5/11');
    expect(await page.locator('[data-testid="pdb-late"] .value').textContent()).toBe('2');
    expect(await page.locator('[data-testid="pdb-connected"]').textContent()).toContain('6/11');
    expect(await page.locator('[data-testid="pdb-national-ndc"] .value').textContent()).toBe('7');
    await screenshot(page, 'nq214-1920');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads on a 3840 × 2160 wall, and in English', async () => {
    const { page, problems } = await openPage(browser, stack.url, 3840, 2160);
    await page.goto(`${stack.url}/nq214`);
    await expect.poll(async () => (await shownRows(page)).length, { timeout: 15_000 }).toBe(11);
    await screenshot(page, 'nq214-3840');
    await page.goto(`${stack.url}/nq214?lang=en`);
    await expect.poll(async () => (await shownRows(page)).map((r) => r.stateText).includes('Late'), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'nq214-3840-en');
    expect(problems).toEqual([]);
    await page.close();
  });
});
