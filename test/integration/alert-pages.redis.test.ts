import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent, AlertRecord } from '../../core/alerts/alert';
import { pageAlertHistory, pageAlerts, type Page } from '../../store/alert-pages.repo';
import { ensureAlertIndex } from '../../store/alert-retention.repo';
import { newAlertId, writeAlertAction, writeAlertChange } from '../../store/alerts.repo';
import { keys } from '../../store/keys';
import { alertPrunerRole } from '../../workers/maintenance/alert-pruner';
import { eventually } from '../support/ingest-client';
import { dropPrefix } from '../support/redis-prefix';

const prefix = `t-${randomBytes(4).toString('hex')}`;
const k = keys(prefix);
const retention = { maxLen: 100_000, windowMs: 600_000 };
const DAY = 86400_000;
let redis: Redis;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

/** An alert as the evaluator writes it: its state, record, history entry and change-stream entry in one MULTI. */
async function fire(unit: string, firedAt: number): Promise<AlertRecord> {
  const alert: AlertRecord = {
    id: newAlertId(), indicator: 'dossier_on_time_rate', unit, ruleScope: 'VN', severity: 'warning', phase: 'firing', value: 70,
    firedAt, resolvedAt: null, acknowledged: null, assignee: null, silencedUntil: null, mutedBy: null,
  };
  const state = { state: { phase: 'firing' as const, severity: 'warning' as const, since: firedAt, firedAt, value: 70 }, alertId: alert.id };
  await writeAlertChange(redis, k, { indicator: alert.indicator, unit, state, event: { alert, kind: 'fired', at: firedAt, by: 'system' } }, retention);
  return alert;
}
async function resolve(a: AlertRecord, at: number): Promise<AlertRecord> {
  const closed: AlertRecord = { ...a, phase: 'resolved', resolvedAt: at };
  await writeAlertAction(redis, k, { alert: closed, kind: 'resolved', at, by: 'system' }, retention);
  return closed;
}

/** Every page from the start, calling `between` after each page; the ids seen, in order. */
async function pageThrough<T>(read: (cursor: string | undefined) => Promise<Page<T>>, id: (t: T) => string, between?: (page: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    expect(page.items.length).toBeLessThanOrEqual(100);
    seen.push(...page.items.map(id));
    cursor = page.nextCursor ?? undefined;
    await between?.(++pages);
  } while (cursor);
  return seen;
}

describe('alert paging with cursors', () => {
  const all: AlertRecord[] = [];
  const base = Date.now() - 10 * DAY;

  it('2,500 alerts, limit 100: every alert seen exactly once, newest fired first, also while alerts fire and resolve', async () => {
    // many share a firedAt (a rule saved, a whole province firing in the same sweep): the id orders them
    for (let i = 0; i < 2500; i++) all.push(await fire(`u${i % 300}`, base + Math.floor(i / 7) * 1000));
    const keep = () => true;
    const quiet = await pageThrough((cursor) => pageAlerts(redis, k, { open: false }, { cursor, limit: 100, keep }), (a) => a.id);
    expect(quiet).toHaveLength(2500);
    expect(new Set(quiet).size).toBe(2500);
    const firedAt = new Map(all.map((a) => [a.id, a.firedAt]));
    for (let i = 1; i < quiet.length; i++) expect(firedAt.get(quiet[i - 1]!)! >= firedAt.get(quiet[i]!)!).toBe(true);

    // meanwhile: new alerts fire after every page (they sort before the cursor) and some already listed resolve
    const fresh: string[] = [];
    const busy = await pageThrough(
      (cursor) => pageAlerts(redis, k, { open: false }, { cursor, limit: 100, keep }),
      (a) => a.id,
      async (page) => {
        fresh.push((await fire(`n${page}`, Date.now())).id);
        all[page * 50] = await resolve(all[page * 50]!, Date.now());
      },
    );
    expect(busy).toHaveLength(2500);
    expect(new Set(busy)).toEqual(new Set(quiet));
    expect(busy.filter((id) => fresh.includes(id))).toEqual([]);
  }, 120_000);

  it('the open alerts alone, with a filter: each open one once, none closed; pages may be short but go on', async () => {
    const closed = new Set(all.filter((a) => a.phase === 'resolved').map((a) => a.id));
    expect(closed.size).toBeGreaterThan(10);
    const seen = await pageThrough((cursor) => pageAlerts(redis, k, { open: true }, { cursor, limit: 100, keep: () => true }), (a) => a.id);
    expect(seen.filter((id) => closed.has(id))).toEqual([]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await redis.zcard(k.alertsOpenByFired())));
    // a filter matching one unit in 300: pages scan at most scanMax positions, so they are short, and the list still ends
    let cursor: string | undefined;
    const u7: string[] = [];
    let requests = 0;
    do {
      const page = await pageAlerts(redis, k, { open: false }, { cursor, limit: 100, keep: (a) => a.unit === 'u7', scanMax: 600 });
      u7.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
      requests += 1;
    } while (cursor);
    expect(u7.sort()).toEqual(all.filter((a) => a.unit === 'u7').map((a) => a.id).sort());
    expect(requests).toBeGreaterThan(3);
  });

  it('the history pages the same way, newest first, while events are added', async () => {
    const total = await redis.xlen(k.alertHistory());
    const seen = await pageThrough(
      (cursor) => pageAlertHistory(redis, k, { cursor, limit: 100, keep: () => true }),
      (e: AlertEvent) => `${e.alert.id}|${e.kind}|${e.at}`,
      async (page) => void (page % 5 === 0 ? await fire(`h${page}`, Date.now()) : undefined),
    );
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  }, 60_000);

  it('an older install gets its indexes built from the alerts hash', async () => {
    await redis.del(k.alertsByFired(), k.alertsOpenByFired(), k.alertsClosedAt(), k.alertIndexVersion());
    expect(await ensureAlertIndex(redis, k)).toBe(await redis.hlen(k.alerts()));
    expect(await redis.zcard(k.alertsByFired())).toBe(await redis.hlen(k.alerts()));
    expect(await ensureAlertIndex(redis, k)).toBe(0); // once
  });
});

describe('alert pruning', () => {
  it('closed alerts and history past ALERT_KEEP_DAYS are deleted by the pruner; open ones are kept', async () => {
    const open = await redis.zcard(k.alertsOpenByFired());
    const closed = await redis.zcard(k.alertsClosedAt());
    expect(open).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(0);
    const log = pino({ level: 'silent' });
    // 89 days on: nothing is old enough
    const early = alertPrunerRole({ redis, keys: k, keepDays: 90, everyMs: 60_000, log, now: () => Date.now() + 89 * DAY });
    early.start();
    await new Promise((r) => setTimeout(r, 1500));
    await early.stop();
    expect(await redis.zcard(k.alertsClosedAt())).toBe(closed);
    expect(await redis.xlen(k.alertHistory())).toBeGreaterThan(0);
    // 91 days on: every closed alert and every history entry is past its keep
    const late = alertPrunerRole({ redis, keys: k, keepDays: 90, everyMs: 60_000, log, now: () => Date.now() + 91 * DAY });
    late.start();
    await eventually(async () => ((await redis.zcard(k.alertsClosedAt())) === 0 && (await redis.xlen(k.alertHistory())) === 0 ? true : undefined), 20_000);
    await late.stop();
    expect(await redis.hlen(k.alerts())).toBe(open);
    expect(await redis.zcard(k.alertsByFired())).toBe(open);
    expect(await redis.zcard(k.alertsOpenByFired())).toBe(open);
    const listed = await pageAlerts(redis, k, { open: false }, { limit: 1000, keep: () => true });
    expect(listed.items.every((a) => a.phase === 'firing')).toBe(true);
  }, 60_000);
});
