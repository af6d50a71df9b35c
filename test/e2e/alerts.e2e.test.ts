import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../core/alerts/alert';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/contract/events';
import type { ViewSnapshot } from '../../core/contract/metrics';
import { loadDomain } from '../../platform/domain';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { eventually } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
const INDICATOR = 'dossier_on_time_rate';
const OPERATOR = { username: 'op-alerts', password: 'op-alerts-password-1' };
const COMMENT = 'Đã liên hệ Sở Nội vụ, đang kiểm tra hồ sơ trễ hạn';
/** The wall rotates its alerts scene and the national map, as a room's screen would. */
const WALL = '/wall?scenes=alerts,national&interval=10';
/** A new alert must be on the wall this soon after it fired. */
const WALL_BUDGET_MS = 2_000;

let stack: Stack;
let admin: Session;
let browser: Browser;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
const events: AlertEvent[] = [];
/** When (this process's clock, the host's as the browser's) the test's own socket received each event: the alert as announced. */
const receivedAt = new Map<AlertEvent, number>();
let wall: { page: Page; problems: string[] };
let desk: { page: Page; problems: string[] };
/** The province whose threshold is raised, its value then, and the alert that fires. */
let province: { code: string; value: number }, fired: AlertEvent;

/** Every element carrying an alert id, and when (page time) it first appeared and first showed as acknowledged. */
const SEEN_PROBE = () => {
  const w = Object.assign(window, { __seen: {} as Record<string, number>, __acked: {} as Record<string, number> });
  const scan = () => {
    for (const el of document.querySelectorAll('[data-alert-id]')) {
      const id = el.getAttribute('data-alert-id')!;
      w.__seen[id] ??= Date.now();
      if (el.getAttribute('data-acknowledged') === 'true') w.__acked[id] ??= Date.now();
    }
  };
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-alert-id', 'data-acknowledged'] });
};
/** When (page time) the page's socket received the first `alert:changed` of each alert. */
const SOCKET_PROBE = () => {
  const w = Object.assign(window, { __received: {} as Record<string, number> });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (e: MessageEvent) => {
        const m = typeof e.data === 'string' && e.data.includes('alert:changed') ? /"id":"([^"]+)"/.exec(e.data) : null;
        if (m) w.__received[m[1]!] ??= Date.now();
      });
    }
  };
};
const seenAt = (page: Page, which: '__seen' | '__acked' | '__received', id: string) =>
  page.evaluate(([w, i]) => (window as unknown as Record<string, Record<string, number>>)[w]![i] ?? null, [which, id] as const);
const sceneTurn = (page: Page, scene: string) =>
  page.waitForFunction((s) => document.querySelector('[data-testid="wall"]')?.getAttribute('data-scene') === s, scene, { timeout: 25_000 });

/** The alert evaluator has worked through the change stream (the simulator's first sweep fires thousands of alerts). */
async function evaluatorCaughtUp(): Promise<true | undefined> {
  const cursor = await stack.redis.get(stack.keys.alertCursor());
  const [last] = (await stack.redis.xrevrange(stack.keys.changes(), '+', '-', 'COUNT', 1)) as [string, string[]][];
  const ms = (id: string | null | undefined) => Number((id ?? '0-0').split('-')[0]);
  return cursor && last && ms(last[0]) - ms(cursor) < 2_000 ? true : undefined;
}

beforeAll(async () => {
  stack = await startStack({ SIMULATOR: 'on', SIMULATOR_RATE: '500' });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  // the simulator's first sweep: every province has its on-time rate, the ingest queue is empty, alerts are evaluated
  await eventually(async () => {
    const view = (await admin.call('GET', `/api/v1/views?scope=VN&indicators=${INDICATOR}`)).body as ViewSnapshot;
    const provinces = view.values?.filter((v) => v.indicator === INDICATOR && /^\d{2}$/.test(v.unit) && v.value !== null) ?? [];
    const health = (await admin.call('GET', '/api/v1/health')).body as { queue?: { waiting: number } };
    return provinces.length === 34 && health.queue?.waiting === 0 ? true : undefined;
  }, 180_000, 500);
  await eventually(evaluatorCaughtUp, 180_000, 500);
  const created = await admin.call('POST', '/api/v1/users', { ...OPERATOR, displayName: 'Trần Thị Vận Hành', role: 'operator', scope: 'VN' });
  expect(created.status).toBe(201);
  socket = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie: admin.cookie } });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.on('alert:changed', (e) => { receivedAt.set(e, Date.now()); events.push(e); });
  expect((await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: [INDICATOR] })).ok).toBe(true);
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  socket?.disconnect();
  await browser?.close();
  await stack?.stop();
});

/** A province with many communes (its value moves often) whose own on-time rate has no open alert now. */
async function pickProvince(): Promise<{ code: string; value: number }> {
  const view = (await admin.call('GET', `/api/v1/views?scope=VN&indicators=${INDICATOR}`)).body as ViewSnapshot;
  const isProvince = (v: ViewSnapshot['values'][number]) => v.indicator === INDICATOR && /^\d{2}$/.test(v.unit) && v.value !== null;
  const candidates = view.values.filter(isProvince).sort((a, b) => (b.expected ?? 0) - (a.expected ?? 0));
  for (const v of candidates) {
    const open = (await admin.call('GET', `/api/v1/alerts?unit=${v.unit}&indicator=${INDICATOR}&state=firing`)).body.items as { unit: string }[];
    if (!open.some((a) => a.unit === v.unit)) return { code: v.unit, value: v.value! };
  }
  throw new Error('every province already has an open on-time alert');
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const vi = (x: number) => String(x).replace('.', ',');

describe('alerts in headless Chromium', () => {
  it('an operator raises a province threshold above its value, sees the preview, saves; the wall shows the alert within 2 s of it firing', async () => {
    wall = await openPage(browser, stack.url);
    await wall.page.addInitScript(SEEN_PROBE);
    await wall.page.addInitScript(SOCKET_PROBE);
    await wall.page.goto(`${stack.url}${WALL}`);
    await wall.page.locator('[data-testid="wall-alert-list"] [data-testid="alert-row"]').first().waitFor({ timeout: 30_000 });
    await wall.page.locator('[data-testid="alert-ticker"]').waitFor();

    province = await pickProvince();
    const name = domain.registry.get(province.code)!.name.vi;
    // a warning level above the province's value (and a critical one between): its next value fires a critical alert
    const levels = { warning: round1(province.value + 3), critical: round1(province.value + 2), clear: round1(province.value + 4) };
    console.log(`[alerts] ${name} (${province.code}) on-time rate ${province.value.toFixed(2)} %: warning ${levels.warning}, critical ${levels.critical}, clear ${levels.clear}`);

    desk = await openPage(browser, stack.url, 1920, 1080, OPERATOR);
    const { page } = desk;
    await page.goto(`${stack.url}/alerts/rules`);
    await page.locator('[data-testid="rule-editor"]').waitFor({ timeout: 20_000 });
    await page.selectOption('[data-testid="rule-indicator"]', INDICATOR);
    await expect.poll(() => page.inputValue('[data-testid="rule-warning"]')).toBe('95'); // the catalog default, in force
    await page.selectOption('[data-testid="rule-scope-top"]', province.code);
    // the client says what the server would: critical above warning is refused before anything is sent
    await page.fill('[data-testid="rule-warning"]', vi(levels.warning));
    await page.fill('[data-testid="rule-critical"]', vi(levels.warning + 1));
    await expect.poll(() => page.locator('[data-testid="rule-critical-issue"]').textContent()).toContain('thấp hơn hoặc bằng ngưỡng cảnh báo');
    expect(await page.locator('[data-testid="rule-save"]').isDisabled()).toBe(true);
    await page.fill('[data-testid="rule-critical"]', vi(levels.critical));
    await page.fill('[data-testid="rule-clear"]', vi(levels.clear));
    expect(await page.locator('[data-testid="rule-critical-issue"]').count()).toBe(0);

    // the preview lists the province itself first, then its communes below the level; nothing outside it
    const own = page.locator(`[data-testid="rule-preview-unit"][data-unit="${province.code}"]`);
    await own.waitFor({ timeout: 15_000 });
    const listed = await page.locator('[data-testid="rule-preview-unit"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')!));
    expect(listed[0]).toBe(province.code);
    expect(listed.every((u) => domain.registry.isWithin(u, province.code))).toBe(true);
    const count = Number(await page.locator('[data-testid="rule-preview"]').getAttribute('data-count'));
    expect(count).toBeGreaterThanOrEqual(listed.length);
    expect(await own.textContent()).toContain(name);
    await screenshot(page, 'alerts-rules-preview');

    // save as the wall turns to its alerts scene (the ticker shows a new alert on the map scene too, but a software-GL
    // map on a busy two-core machine can hold the page's main thread for seconds)
    await sceneTurn(wall.page, 'national');
    await sceneTurn(wall.page, 'alerts');
    const savedAt = Date.now();
    await page.click('[data-testid="rule-save"]');
    await expect.poll(() => page.locator('[data-testid="rule-notice"]').textContent()).toContain(name);
    // the rule-change history on the page: who, what, before → after
    const entry = page.locator(`[data-testid="rule-history-entry"][data-target="${INDICATOR}|${province.code}"]`).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain(OPERATOR.username);
    expect(await entry.textContent()).toContain(`→ ${vi(levels.warning)}`);

    const isIt = (e: AlertEvent) => e.kind === 'fired' && e.alert.unit === province.code && e.alert.indicator === INDICATOR && e.at >= savedAt - 1_000;
    fired = await eventually(async () => events.find(isIt), 30_000, 50);
    expect(fired.alert).toMatchObject({ severity: 'critical', ruleScope: province.code, phase: 'firing' });
    await expect.poll(() => seenAt(wall.page, '__seen', fired.alert.id), { timeout: 15_000 }).not.toBeNull();
    // "fired" = announced on the change stream, as the test's own socket received it (the evaluator stamps `at` when it
    // starts evaluating, up to a sweep earlier than it writes the alert)
    const announcedAt = receivedAt.get(fired)!;
    const shownAt = (await seenAt(wall.page, '__seen', fired.alert.id))!;
    const pageGot = await seenAt(wall.page, '__received', fired.alert.id);
    const latency = shownAt - announcedAt;
    const scene = await wall.page.locator('[data-testid="wall"]').getAttribute('data-scene');
    console.log(
      `[alerts] announced ${announcedAt - savedAt} ms after the save (evaluated at +${fired.at - savedAt} ms); on the wall ${latency} ms after ` +
        `it was announced (the page's socket got it at ${pageGot === null ? '?' : pageGot - announcedAt} ms, drawn ${pageGot === null ? '?' : shownAt - pageGot} ms later; scene ${scene})`,
    );
    expect(latency).toBeLessThan(WALL_BUDGET_MS);
    if (pageGot !== null) expect(shownAt - pageGot).toBeLessThan(1_000); // the client's own part: socket → screen
  }, 120_000);

  it('the wall shows the alert panel, worst first, readable at 1920×1080 and 3840×2160', async () => {
    const { page } = wall;
    // the alerts scene comes round every 20 s: the new critical province alert is near the top, not yet acknowledged
    await sceneTurn(page, 'alerts');
    const row = page.locator(`[data-testid="wall-alert-list"] [data-alert-id="${fired.alert.id}"]`);
    await row.waitFor({ timeout: 5_000 });
    expect(await row.getAttribute('data-acknowledged')).toBe('false');
    expect(await row.textContent()).toContain('Nghiêm trọng');
    const severities = await page.locator('[data-testid="wall-alert-list"] [data-testid="alert-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
    const rank = { critical: 0, nodata: 1, warning: 2 } as Record<string, number>;
    expect(severities.every((s, i) => i === 0 || rank[severities[i - 1]!]! <= rank[s!]!)).toBe(true);
    await screenshot(page, 'alerts-wall-1920');

    const big = await openPage(browser, stack.url, 3840, 2160);
    await big.page.goto(`${stack.url}/wall?scenes=alerts`);
    await big.page.locator(`[data-testid="wall-alert-list"] [data-alert-id="${fired.alert.id}"]`).waitFor({ timeout: 30_000 });
    // nothing spills out of its row on a 4K wall
    const spill = await big.page.locator('[data-testid="alert-row"]').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(spill).toBe(0);
    await screenshot(big.page, 'alerts-wall-3840');
    expect(big.problems).toEqual([]);
    await big.page.close();
  }, 90_000);

  it('the operator acknowledges it with a comment on /alerts (keyboard), and the wall shows it acknowledged', async () => {
    const { page } = desk;
    await page.goto(`${stack.url}/alerts?unit=${province.code}&indicator=${INDICATOR}&state=firing`);
    const row = page.locator(`[data-testid="alert-item"][data-alert-id="${fired.alert.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    const ack = page.locator(`[data-act="${fired.alert.id}-ack"]`);
    await ack.focus();
    await page.keyboard.press('Enter');
    const comment = page.locator('[data-testid="ack-comment"]');
    await expect.poll(() => comment.evaluate((e) => e === document.activeElement)).toBe(true);
    // a comment is required: submitting without one says so and sends nothing
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="alert-form-ack"] .adm-error').textContent()).toContain('Hãy ghi rõ');
    await comment.focus();
    await page.keyboard.type(COMMENT);
    await page.keyboard.press('Tab');
    const ackedAt = Date.now();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="alert-action-done"]').waitFor();
    await expect.poll(() => row.getAttribute('data-acknowledged')).toBe('true');
    expect(await row.textContent()).toContain(COMMENT);
    expect(await row.textContent()).toContain(OPERATOR.username);
    // focus is back on the button that opened the form
    expect(await ack.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.locator('[data-testid="history-event"][data-kind="acknowledged"]').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'alerts-page');

    await expect.poll(() => seenAt(wall.page, '__acked', fired.alert.id), { timeout: 10_000 }).not.toBeNull();
    console.log(`[alerts] acknowledged on the wall ${(await seenAt(wall.page, '__acked', fired.alert.id))! - ackedAt} ms after the click`);
    // the test's own socket gets the event apart from the wall's: it may come a moment after the wall showed it
    const acked = await eventually(async () => events.find((e) => e.kind === 'acknowledged' && e.alert.id === fired.alert.id), 10_000, 50);
    expect(acked.alert.acknowledged).toMatchObject({ by: OPERATOR.username, comment: COMMENT });
    // (requests the page aborted itself, e.g. a preview in flight when the page changes, are not counted: openPage)
    expect(desk.problems).toEqual([]);
    expect(wall.problems).toEqual([]);
  }, 90_000);
});
