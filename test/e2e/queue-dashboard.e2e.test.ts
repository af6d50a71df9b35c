import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestJob } from '../../core/contract/observation';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { readAudit } from '../../store/audit.repo';
import { createSource } from '../../store/sources.repo';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

/**
 * The queue dashboard in headless Chromium (docs/operations.md "Queue dashboard"): a national admin goes there from
 * Quản trị, sees a batch the apply script refused as a failed ingest job with its reason, retries it from the page,
 * and the audit log has the retry (who, which queue and job); the page runs under its CSP with no violation.
 */
const domain = loadDomain();
let stack: Stack;
let browser: Browser;
let jobId: string;

beforeAll(async () => {
  stack = await startStack();
  const { source } = await createSource(stack.redis, stack.keys, { name: 'e2e-queue-feed', units: ['VN'], indicators: '*' });
  // a batch the apply script refuses (a count past its limits, as a worker of another version might queue): it fails at once
  const { openIngestQueue, enqueueBatch, ingestJobId, queuePrefix, INGEST_QUEUE } = await import('../../platform/queues');
  const queue = openIngestQueue(queuePrefix(INGEST_QUEUE, stack.prefix));
  const [a, b] = domain.registry.children('48', 'commune').map((u) => u.code);
  const obs = (unit: string, num: number) => ({ indicator: 'dossier_received_count', unit, period: currentPeriod('day', Date.now()), num, den: null, observedAt: Date.now() });
  const job: IngestJob = { source: source.id, batchId: 'refused-batch', receivedAt: Date.now(), observations: [obs(a!, 8), obs(b!, 1e300)] };
  await enqueueBatch(queue, job);
  jobId = ingestJobId(source.id, job.batchId);
  await eventually(async () => ((await queue.getJobs(['failed'])).some((j) => j.id === jobId) ? true : undefined), 30_000);
  await queue.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the queue dashboard', () => {
  it('shows the failed job with its reason, retries it, and the retry is audited; no CSP violation', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    await page.goto(`${stack.url}/admin/sources`);
    const link = page.locator('[data-testid="admin-queues-link"]');
    await link.waitFor({ timeout: 20_000 });
    expect(await link.textContent()).toContain('Hàng đợi xử lý');
    await link.click();
    await page.waitForURL((u) => u.pathname.startsWith('/admin/queues'), { timeout: 15_000 });
    await page.getByText('ingest', { exact: true }).first().waitFor({ timeout: 20_000 });

    await page.goto(`${stack.url}/admin/queues/queue/ingest?status=failed`);
    await page.getByText('could not be applied', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await page.locator('body').innerText()).toContain('count out of bounds');
    await screenshot(page, 'queue-dashboard-failed');

    // a failed job card's first action is its retry (an icon with a tooltip), confirmed in a dialog that says so
    await page.locator('ul[class*="jobActions"] button').first().click();
    const confirm = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await confirm.getByText('Are you sure that you want to retry this job?').waitFor({ timeout: 10_000 });
    await screenshot(page, 'queue-dashboard-confirm');
    await confirm.getByRole('button', { name: /Confirm/i }).click();
    const entry = await eventually(async () => (await readAudit(stack.redis, stack.keys, 50)).find((e) => e.action === 'queue.retry'), 15_000);
    expect(entry).toMatchObject({ actor: 'admin', target: `ingest/${jobId}`, detail: { queue: 'ingest', job: jobId, failedReason: expect.stringContaining('count out of bounds') } });
    // the retried batch is refused again by the script: a second attempt, back among the failed
    const { openIngestQueue, queuePrefix, INGEST_QUEUE } = await import('../../platform/queues');
    const queue = openIngestQueue(queuePrefix(INGEST_QUEUE, stack.prefix));
    await eventually(async () => {
      const job = await queue.getJob(jobId);
      return job && job.attemptsMade >= 2 && (await job.isFailed()) ? true : undefined;
    }, 30_000);
    await queue.close();
    await screenshot(page, 'queue-dashboard-retried');
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });
});
