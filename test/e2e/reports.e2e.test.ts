import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDelivery, ReportRecord } from '../../core/contract/reports';
import { formatNumber } from '../../core/format';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot, screenshotDir } from '../support/browser';
import { IND, post, untilView } from '../support/drill-seed';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { mapSettled } from '../support/map-page';
import { queuePrefix, REPORTS_QUEUE } from '../../platform/queues';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * Reports end to end: a real server (whose renderer drives Debian's Chromium), real workers (the webhook sender) and
 * Redis. A briefing for Đà Nẵng is made, downloaded and read back with poppler's pdftotext and pdffonts; a render
 * that cannot reach its page fails after its retries; a schedule's report reaches a contact point.
 */
const run = promisify(execFile);
const registry = loadDomain().registry;
const P = '48';
const COMMUNES = registry.children(P, 'commune').map((u) => u.code);
const DAY = 86_400_000;
/** Today's on-time rates: 80–99 %, so the communes fall in several colour classes and best ≠ worst. */
const today = COMMUNES.map((unit, i) => ({ unit, num: 80 + ((i * 7) % 20), den: 100 }));
/** Yesterday's: 3 points lower everywhere, so the province's change is +3,0. */
const yesterday = today.map((x) => ({ ...x, num: x.num - 3 }));
/** Dossiers received today: a sum over the communes, over a thousand (vi-VN writes 1.234). */
const RECEIVED = COMMUNES.map((unit, i) => ({ unit, value: 10 + (i % 5) }));

/** A port nothing listens on: one the system gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const addr = s.address();
  await new Promise((resolve) => s.close(resolve));
  return typeof addr === 'object' && addr ? addr.port : 1;
}

const normalize = (s: string) => s.replace(/\s+/g, ' ');

async function pdfText(file: string): Promise<string> {
  return normalize((await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout);
}

async function untilFinished(admin: Session, id: string, timeoutMs = 180_000): Promise<ReportRecord> {
  return eventually(
    async () => {
      const r = (await admin.call('GET', `/api/v1/reports/${id}`)).body.report as ReportRecord;
      return r.state === 'done' || r.state === 'failed' ? r : undefined;
    },
    timeoutMs,
    500,
  );
}

async function download(stack: Stack, admin: Session, id: string): Promise<Response> {
  return fetch(`${stack.url}/api/v1/reports/${id}/pdf`, { headers: { cookie: admin.cookie } });
}

describe('reports', () => {
  let stack: Stack;
  let admin: Session;
  let browser: Browser;
  let dir: string;
  const deliveries: ReportDelivery[] = [];
  let hook: Server;
  let hookUrl = '';

  beforeAll(async () => {
    stack = await startStack();
    admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
    const token = await newSource(stack.redis, stack.keys, 'e2e-reports');
    await post(stack.url, token, yesterday, 'yesterday', Date.now() - DAY);
    await post(stack.url, token, today, 'today');
    const received = await postBatch(stack.url, token, {
      batchId: 'received',
      observations: RECEIVED.map((x) => ({ indicator: 'dossier_received_count', unit: x.unit, period: currentPeriod('day', Date.now()), value: x.value, observedAt: new Date().toISOString() })),
    });
    expect(received.status).toBe(202);
    await untilView(admin, P, COMMUNES.length);
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'ioc-reports-'));
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        deliveries.push(JSON.parse(body) as ReportDelivery);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const addr = hook.address();
    hookUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hook`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    hook?.close();
    await stack?.stop();
  });

  it('makes a briefing whose PDF holds the province name with its diacritics and the figures shown on screen', async () => {
    // the figures as the province's screen shows them
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/province/${P}?test=1&indicator=${IND}`);
    // (every commune that has a polygon: Đặc khu Hoàng Sa is drawn as a label, not an area)
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="map"]')?.getAttribute('data-communes-drawn')) >= n, COMMUNES.length - 1, { timeout: 60_000 });
    await mapSettled(page);
    const onScreen = async (id: string) => (await page.getByTestId(`kpi-${id}`).locator('.number').textContent())?.trim() ?? '';
    const rate = await onScreen(IND);
    const receivedText = await onScreen('dossier_received_count');
    const num = today.reduce((s, x) => s + x.num, 0);
    const den = today.reduce((s, x) => s + x.den, 0);
    expect(rate).toBe(formatNumber((100 * num) / den, 1, 'vi'));
    expect(receivedText).toBe(formatNumber(RECEIVED.reduce((s, x) => s + x.value, 0), 0, 'vi'));
    expect(receivedText).toMatch(/^\d\.\d{3}$/);

    // the PDF button is on the desk screen, next to PNG and CSV
    await expect(page.getByTestId('export-pdf').isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.close();

    const asked = await admin.call('POST', '/api/v1/reports', { kind: 'briefing', scope: P });
    expect(asked.status).toBe(202);
    expect(asked.body.report).toMatchObject({ kind: 'briefing', scope: P, state: 'queued', attempts: 0 });
    const done = await untilFinished(admin, asked.body.report.id);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ state: 'done', attempts: 1 });

    const listed = (await admin.call('GET', '/api/v1/reports')).body.reports as ReportRecord[];
    expect(listed[0]?.id).toBe(done.id);

    const res = await download(stack, admin, done.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`filename="bao-cao-giao-ban-${P}-`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '')).toMatch(/^Báo cáo giao ban — Thành phố Đà Nẵng — \d{2}-\d{2}-\d{4}\.pdf$/);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBe(done.bytes);
    const file = path.join(dir, 'briefing.pdf');
    await writeFile(file, pdf);

    const text = await pdfText(file);
    expect(text).toContain('Báo cáo giao ban — Đà Nẵng');
    expect(text).toContain(rate);
    expect(text).toContain(receivedText);
    // the change since yesterday, each of the province's communes 3 points up
    expect(text).toContain('+3,0 so với');
    // (section headings are set in capitals by CSS, and printed so)
    expect(text.toLocaleLowerCase('vi')).toContain('cảnh báo đang mở');
    expect(text.toLocaleLowerCase('vi')).toContain('nguồn dữ liệu chậm, lỗi');
    const fonts = (await run('pdffonts', [file])).stdout;
    const beVietnam = fonts.split('\n').filter((l) => /BeVietnamPro/i.test(l));
    expect(beVietnam.length).toBeGreaterThan(0);
    // name, type, encoding, emb, sub, uni, object id: every Be Vietnam Pro face embedded
    for (const line of beVietnam) expect(line.trim().split(/\s+/).slice(-5, -4)).toEqual(['yes']);

    // the render token went with the render
    expect(await stack.redis.keys(`${stack.keys.prefix}render-token:*`)).toEqual([]);

    // its first page as a person sees it
    mkdirSync(screenshotDir, { recursive: true });
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(screenshotDir, 'report-briefing')]);
  }, 300_000);

  it('the print page itself, at 1920 × 1080 (the render token is what the renderer uses; a user session works too)', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/report?kind=scene&scope=${P}&indicator=${IND}`);
    await page.waitForFunction(() => document.body.dataset.reportReady === '1' || document.body.dataset.reportError !== undefined, undefined, { timeout: 90_000 });
    expect(await page.evaluate(() => document.body.dataset.reportError)).toBeUndefined();
    expect(await page.locator('button, select, input').count()).toBe(0);
    await screenshot(page, 'report-scene-1920');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('the PDF button of the province screen downloads its report; the Báo cáo page lists it', async () => {
    const { page, problems } = await openPage(browser, stack.url);
    await page.goto(`${stack.url}/province/${P}?indicator=${IND}`);
    await page.getByTestId('export-pdf').waitFor();
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('export-pdf').click()]);
    expect(file.suggestedFilename()).toMatch(/^Báo cáo — Thành phố Đà Nẵng — \d{2}-\d{2}-\d{4}\.pdf$/);
    const saved = path.join(dir, 'scene.pdf');
    await file.saveAs(saved);
    const text = await pdfText(saved);
    expect(text).toContain('Đà Nẵng — Tỷ lệ hồ sơ giải quyết');
    expect(await page.getByTestId('export-pdf-error').count()).toBe(0);

    await page.getByTestId('reports-entry').click();
    await page.getByTestId('reports-page').waitFor();
    await expect.poll(() => page.locator('[data-testid="reports-table"] tr[data-state="done"]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('report-download').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'reports-page-1920');
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('a schedule is a job scheduler; its report reaches the scope’s contact point with a download URL', async () => {
    const cp = await admin.call('POST', '/api/v1/contact-points', { name: 'Tổ giao ban Đà Nẵng', scope: P, url: hookUrl });
    expect(cp.status).toBe(201);
    const made = await admin.call('POST', '/api/v1/report-schedules', { name: 'Giao ban sáng', kind: 'briefing', scope: P, cron: '30 7 * * 1-5' });
    expect(made.status).toBe(201);
    const schedule = made.body.schedule;
    // the next run is a working day at 07:30 in Viet Nam
    const next = new Date(schedule.nextAt + 7 * 3600_000);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([7, 30]);
    expect([1, 2, 3, 4, 5]).toContain(next.getUTCDay());
    expect(await stack.redis.exists(`${queuePrefix(REPORTS_QUEUE, stack.prefix)}:reports:repeat:${schedule.id}`)).toBe(1);

    expect((await admin.call('POST', `/api/v1/report-schedules/${schedule.id}/run`)).status).toBe(202);
    const delivery = await eventually(async () => deliveries.find((d) => d.report.schedule === schedule.id), 240_000, 500);
    expect(delivery).toMatchObject({ type: 'report.done', scopeName: 'Thành phố Đà Nẵng', report: { state: 'done', scope: P, kind: 'briefing' } });
    expect(delivery.downloadUrl).toBe(`${stack.url}/api/v1/reports/${delivery.report.id}/pdf`);
    const res = await fetch(delivery.downloadUrl, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const file = path.join(dir, 'scheduled.pdf');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    expect(await pdfText(file)).toContain('Đà Nẵng');

    // removed: the scheduler goes with it
    expect((await admin.call('DELETE', `/api/v1/report-schedules/${schedule.id}`)).status).toBe(200);
    expect(await stack.redis.exists(`${queuePrefix(REPORTS_QUEUE, stack.prefix)}:reports:repeat:${schedule.id}`)).toBe(0);
  }, 300_000);
});

describe('a renderer that cannot reach its page', () => {
  let stack: Stack;
  let admin: Session;
  beforeAll(async () => {
    // a port that was free a moment ago: nothing listens there, every try fails at once
    stack = await startStack({ REPORT_BASE_URL: `http://127.0.0.1:${await closedPort()}`, REPORT_ATTEMPTS: '2' });
    admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  }, 60_000);
  afterAll(async () => stack?.stop());

  it('retries, then marks the report failed with the reason, and serves no PDF for it', async () => {
    const asked = await admin.call('POST', '/api/v1/reports', { kind: 'scene', scope: P, indicator: IND });
    expect(asked.status).toBe(202);
    const failed = await untilFinished(admin, asked.body.report.id, 60_000);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, maxAttempts: 2, error: { code: 'unreachable' } });
    expect(failed.error?.message).toContain('ERR_CONNECTION_REFUSED');
    const res = await download(stack, admin, failed.id);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('report_failed');
    expect(body.error.message).toContain('ERR_CONNECTION_REFUSED');
    expect(await stack.redis.exists(stack.keys.reportPdf(failed.id))).toBe(0);
  }, 90_000);
});
