import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesAnswer } from '../../core/contract/series';
import { currentPeriod, periodStartMs, previousPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * History through the real path (ingest API → worker → Lua apply → `/api/v1/series`): a from–to window at the
 * resolution the unit's level keeps, a late correction of yesterday landing in yesterday's buckets of the commune, its
 * province and the nation (today's untouched), and every bad or hostile window answered 400 `bad_range`, never 5xx.
 */
const domain = loadDomain();
const DAY = 86400_000;
const province = '46';
const [communeA, communeB] = domain.registry.children(province, 'commune').map((u) => u.code);
const now = Date.now();
const today = currentPeriod('day', now);
const yesterday = previousPeriod(today)!;
const todayStart = periodStartMs(today)!;
const yesterdayStart = periodStartMs(yesterday)!;
/** A window of three whole days ends today: daily buckets (a 2-day window ending now would be within the 48 h of 5-minute buckets). */
const dayBefore = previousPeriod(yesterday)!;

let stack: Stack;
let admin: Session;
let token: string;

const series = async (query: string) => admin.call('GET', `/api/v1/series?${query}`) as Promise<{ status: number; body: SeriesAnswer & { error?: { code: string; message: string } } }>;
const at = (points: SeriesAnswer['points'], t: number) => points.find((p) => p.t === t);

function figure(indicator: string, unit: string, period: string, observedAt: number, n: number) {
  const base = { indicator, unit, period, observedAt: new Date(observedAt).toISOString() };
  return indicator === 'dossier_on_time_rate' ? { ...base, num: n, den: 100 } : { ...base, value: n };
}

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  token = await newSource(stack.redis, stack.keys, 'Sở TT&TT thử nghiệm', [province]);
}, 60_000);
afterAll(async () => stack?.stop());

describe('late corrections reach the history they correct', () => {
  it('yesterday corrected today: yesterday’s daily bucket of the commune, its province and VN move; today’s stay', async () => {
    const yesterdayNoon = yesterdayStart + 5 * 3600_000; // 12:00 in Viet Nam
    const ind = 'dossier_received_count';
    // yesterday's figures as they came yesterday, then today's
    let r = await postBatch(stack.url, token, { batchId: 'y1', observations: [figure(ind, communeA!, yesterday, yesterdayNoon, 10), figure(ind, communeB!, yesterday, yesterdayNoon, 5)] });
    expect(r.status).toBe(202);
    r = await postBatch(stack.url, token, { batchId: 't1', observations: [figure(ind, communeA!, today, now - 60_000, 3), figure(ind, communeB!, today, now - 60_000, 4)] });
    expect(r.status).toBe(202);
    const window = `indicator=${ind}&from=${dayBefore}&to=${today}`;
    const before = await eventually(async () => {
      const vn = (await series(`${window}&unit=VN`)).body;
      return at(vn.points, todayStart)?.value === 7 ? vn : undefined;
    });
    expect(at(before.points, yesterdayStart)?.value).toBe(15);
    // a late correction of yesterday's figure, observed now
    r = await postBatch(stack.url, token, { batchId: 'fix', observations: [figure(ind, communeA!, yesterday, now, 12)] });
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(1);
    const vn = await eventually(async () => {
      const s = (await series(`${window}&unit=VN`)).body;
      return at(s.points, yesterdayStart)?.value === 17 ? s : undefined;
    });
    expect(vn.resolution).toBe('1d');
    expect(at(vn.points, todayStart)?.value).toBe(7);
    const p = (await series(`${window}&unit=${province}`)).body;
    expect([at(p.points, yesterdayStart)?.value, at(p.points, todayStart)?.value]).toEqual([17, 7]);
    const c = (await series(`${window}&unit=${communeA}`)).body;
    expect([at(c.points, yesterdayStart)?.value, at(c.points, todayStart)?.value]).toEqual([12, 3]);
    // the province's 5-minute series: the correction sits at yesterday's last bucket (when it is within 48 h), and
    // today's buckets keep today's figure
    const fine = (await series(`indicator=${ind}&unit=${province}&range=24h`)).body;
    expect(fine.resolution).toBe('5m');
    expect(fine.points.filter((q) => q.t >= todayStart).every((q) => q.value === 7)).toBe(true);
    const last = (await series(`indicator=${ind}&unit=${province}&from=${todayStart - 10 * 60_000}&to=${todayStart}`)).body;
    expect(last.resolution).toBe('5m');
    if (todayStart - 300_000 >= now - 48 * 3600_000) expect(at(last.points, todayStart - 300_000)?.value).toBe(17);
  });

  it('a ratio corrected late: Σnum/Σden at yesterday’s bucket, up to the nation', async () => {
    const ind = 'dossier_on_time_rate';
    const noon = yesterdayStart + 5 * 3600_000;
    await postBatch(stack.url, token, { batchId: 'ry', observations: [figure(ind, communeA!, yesterday, noon, 80), figure(ind, communeB!, yesterday, noon, 90)] });
    await postBatch(stack.url, token, { batchId: 'rt', observations: [figure(ind, communeA!, today, now - 1000, 50)] });
    await postBatch(stack.url, token, { batchId: 'rfix', observations: [figure(ind, communeB!, yesterday, now, 100)] });
    const vn = await eventually(async () => {
      const s = (await series(`indicator=${ind}&unit=VN&from=${dayBefore}&to=${today}`)).body;
      return at(s.points, yesterdayStart)?.value === 90 ? s : undefined;
    });
    expect(at(vn.points, yesterdayStart)).toMatchObject({ num: 180, den: 200 });
    expect(at(vn.points, todayStart)?.value).toBe(50);
  });
});

describe('GET /api/v1/series from–to', () => {
  it('answers the window, its resolution and the sources that feed the unit', async () => {
    const { status, body } = await series(`indicator=dossier_received_count&unit=${province}&from=${dayBefore}&to=${today}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: periodStartMs(dayBefore), to: todayStart + DAY, resolution: '1d', bucketMs: DAY, simulated: false });
    expect(body.range).toBeUndefined();
    expect(body.sources.map((s) => s.name)).toContain('Sở TT&TT thử nghiệm');
    expect(body.points.every((p) => p.t > body.from - DAY && p.t < body.to)).toBe(true);
    // within the 5-minute retention, at most 48 h, above the commune level: 5-minute buckets
    const iso = (t: number) => new Date(t).toISOString();
    const fine = await series(`indicator=dossier_received_count&unit=VN&from=${iso(now - 6 * 3600_000)}&to=${iso(now)}`);
    expect(fine.body).toMatchObject({ resolution: '5m', bucketMs: 300_000, from: now - 6 * 3600_000 });
    // a commune keeps daily buckets only, whatever the span
    expect((await series(`indicator=dossier_received_count&unit=${communeA}&from=${now - 3600_000}&to=${now}`)).body.resolution).toBe('1d');
    // an ISO date-time without a zone is Viet Nam time
    const local = await series(`indicator=dossier_received_count&unit=VN&from=${yesterday}T08:00&to=${yesterday}T17:30`);
    expect(local.body.from).toBe(yesterdayStart + 8 * 3600_000);
    // presets still answer with their name
    expect((await series('indicator=dossier_received_count&unit=VN&range=7d')).body).toMatchObject({ range: '7d', resolution: '1d' });
  });

  it('a bad window is a 400 bad_range that says why', async () => {
    const bad = [
      `from=${today}&to=${yesterday}`,
      `from=${now}&to=${now}`,
      'from=2024-01-01&to=2026-06-01',
      'from=yesterday',
      'from=2026-02-30',
      'from=1999-12-31&to=2000-01-02',
      `from=${now + 2 * DAY}`,
      `from=${now - DAY}&to=${now + 3 * DAY}`,
      `to=${today}`,
      `range=7d&from=${yesterday}`,
      'range=5y',
      `from=${'9'.repeat(41)}`,
      'from=2026-11-01T25:00Z',
      `from=${encodeURIComponent('2026-11-01T08:00+99:99')}`,
      'from=-1',
      'from=1e12',
    ];
    for (const q of bad) {
      const r = await series(`indicator=dossier_received_count&unit=VN&${q}`);
      expect({ q, status: r.status, code: r.body.error?.code }).toEqual({ q, status: 400, code: 'bad_range' });
      expect(typeof r.body.error?.message).toBe('string');
    }
    expect((await series('indicator=nope&unit=VN&from=2026-11-01')).status).toBe(404);
    expect((await series('indicator=dossier_received_count&unit=99&from=2026-11-01')).status).toBe(404);
  });

  it('hostile from/to: never a 5xx, every 4xx with a code', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.integer({ min: -1e16, max: 1e16 }).map(String),
      fc.double().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('', ' ', '0', '2026-11-01', '2026-11-01T00:00', 'NaN', 'Infinity', '__proto__', '2026-13-01', '%00', '2026-11-01T23:59:59.999Z'),
    );
    await fc.assert(
      fc.asyncProperty(fc.option(text), fc.option(text), fc.option(fc.constantFrom('24h', '7d', 'all', '')), async (from, to, range) => {
        const q = new URLSearchParams({ indicator: 'dossier_on_time_rate', unit: province });
        if (from !== null) q.set('from', from);
        if (to !== null) q.set('to', to);
        if (range !== null) q.set('range', range);
        const r = await series(q.toString());
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(typeof r.body.error?.code).toBe('string');
        else expect(r.body.to - r.body.from).toBeGreaterThan(0);
      }),
      { seed: 20261207, numRuns: 300 },
    );
    // repeated keys arrive as arrays
    const twice = await series(`indicator=dossier_on_time_rate&unit=${province}&from=${yesterday}&from=${today}`);
    expect([twice.status, twice.body.error?.code]).toEqual([400, 'bad_range']);
  });
});
