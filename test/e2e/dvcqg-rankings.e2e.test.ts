import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRow } from '../../core/contract/connectors';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { startFakePortal, type FakePortal } from '../support/fake-portal';
import { eventually } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * The 766 adapter against the recorded portal answers (fixtures/dvcqg/), served by a stand-in portal on loopback: a
 * `dvcqg-766` connector pulls the national ranking through real workers, and the rankings scene shows the portal's
 * totals for all 34 provinces — as the portal gives them, never recomputed.
 */
const domain = loadDomain();
const fixture = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/dvcqg/service-results.month.json'), 'utf8')) as {
  data: { evaluation: { departmentCode: string; totalScore: number | null }[] };
};
let stack: Stack;
let portal: FakePortal;
let browser: Browser;
let admin: Session;

async function rows(page: Page) {
  return page.locator('[data-testid="ranking-row"]').evaluateAll((trs) =>
    trs.map((tr) => ({ code: tr.getAttribute('data-code')!, total: Number(tr.getAttribute('data-total')), text: tr.querySelector('td.total')?.textContent?.trim() ?? '' })),
  );
}

beforeAll(async () => {
  portal = await startFakePortal();
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const created = await admin.call('POST', '/api/v1/connectors', {
    id: 'dvcqg-766',
    name: 'Cổng Dịch vụ công quốc gia — Bộ chỉ số 766',
    adapter: 'dvcqg-766',
    scope: { units: ['VN'], indicators: '*' },
    schedule: { cron: '0 * * * *' },
    request: { url: portal.url },
    endpoints: ['service-results'],
    acceptPartial: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await admin.call('POST', '/api/v1/connectors/dvcqg-766/run')).status).toBe(202);
  await eventually(async () => {
    const r = (await admin.call('GET', '/api/v1/connectors/dvcqg-766')).body as ConnectorRow;
    return r.status.lastOutcome === 'ok' ? true : undefined;
  }, 30_000);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await portal?.close();
});

describe('the 766 adapter on the rankings scene', () => {
  it('shows the portal scores of all 34 provinces', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/rankings`);
    await expect.poll(async () => (await rows(page)).filter((r) => r.total > 0).length, { timeout: 20_000 }).toBe(34);
    const shown = new Map((await rows(page)).map((r) => [r.code, r]));
    // each province's total is the portal's, for the province its H-code names
    expect(shown.size).toBe(34);
    for (const e of fixture.data.evaluation) {
      const unit = domain.units.resolve(e.departmentCode, 'dvcqg');
      if (!unit.ok) throw new Error(`${e.departmentCode}: ${unit.reason}`);
      expect(shown.get(unit.code)?.total, e.departmentCode).toBe(e.totalScore);
    }
    // vi-VN: two decimals with a comma
    expect([...shown.values()][0]!.text).toMatch(/^\d{2},\d{2}$/);
    await screenshot(page, 'rankings-dvcqg-1920');
    expect(problems).toEqual([]);
    await page.close();
  });
});
