import { describe, expect, it } from 'vitest';
import {
  effectiveRange,
  historyWindow,
  previousWindow,
  rangeAllowed,
  RANGE_MS,
  seriesSpec,
  seriesSummary,
  parseDayInput,
  dayInputText,
  shiftOnto,
  showsDates,
  spanProblem,
  vnDate,
  windowMs,
} from './history.model';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 28, 7, 0); // 28/11/2026 14:00 in Viet Nam
const vnMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 7 * 3600_000;

describe('ranges', () => {
  it('never offers a commune the 24 h range (communes keep daily buckets only)', () => {
    expect(rangeAllowed('24h', 'commune')).toBe(false);
    expect(effectiveRange('24h', 'commune')).toBe('7d');
    expect(effectiveRange(null, 'commune')).toBe('7d');
    expect(effectiveRange(null, 'province')).toBe('24h');
    expect(effectiveRange('30d', 'national')).toBe('30d');
  });
});

describe('history windows', () => {
  it('a from–to span in the URL wins over the preset', () => {
    expect(historyWindow({ range: '7d', from: '2026-11-01', to: '2026-11-30' }, 'province')).toEqual({ kind: 'span', from: '2026-11-01', to: '2026-11-30' });
    expect(historyWindow({ range: null, from: null, to: null }, 'commune')).toEqual({ kind: 'preset', range: '7d' });
  });
  it('a span covers whole Vietnam days, its last day included; a preset ends now', () => {
    expect(windowMs({ kind: 'span', from: '2026-11-01', to: '2026-11-30' }, now)).toEqual({ from: vnMidnight(2026, 11, 1), to: vnMidnight(2026, 12, 1) });
    expect(windowMs({ kind: 'span', from: '2026-11-28', to: '2026-11-28' }, now)).toEqual({ from: vnMidnight(2026, 11, 28), to: vnMidnight(2026, 11, 29) });
    expect(windowMs({ kind: 'preset', range: '7d' }, now)).toEqual({ from: now - 7 * DAY, to: now });
  });
  it('asks the API by preset name or by dates', () => {
    expect(seriesSpec({ kind: 'preset', range: '30d' })).toBe('range=30d');
    expect(seriesSpec({ kind: 'span', from: '2026-11-01', to: '2026-11-30' })).toBe('from=2026-11-01&to=2026-11-30');
  });
  it('the previous period has the same length and ends where the window starts (to the minute)', () => {
    const w = windowMs({ kind: 'span', from: '2026-11-01', to: '2026-11-30' }, now);
    expect(previousWindow(w)).toEqual({ from: vnMidnight(2026, 10, 2), to: vnMidnight(2026, 11, 1) });
    const day = previousWindow({ from: now - DAY + 1234, to: now + 1234 });
    expect(day.to - day.from).toBe(DAY);
    expect(day.from % 60_000).toBe(0);
  });
  it('moves the previous period onto the window, dropping what falls outside', () => {
    const w = { from: vnMidnight(2026, 11, 22), to: vnMidnight(2026, 11, 29) };
    const prev = [14, 15, 16, 20, 21, 22].map((d) => ({ t: vnMidnight(2026, 11, d), value: d }));
    const shifted = shiftOnto(prev, 7 * DAY, w, DAY);
    expect(shifted.map((p) => p.value)).toEqual([15, 16, 20, 21]);
    expect(shifted[0]!.t).toBe(vnMidnight(2026, 11, 22));
  });
  it('labels dates beyond a day', () => {
    expect(showsDates({ from: 0, to: DAY })).toBe(false);
    expect(showsDates({ from: 0, to: 2 * DAY })).toBe(true);
  });
});

describe('a span picked in the date inputs', () => {
  const today = vnDate(now);
  it('is today in Viet Nam', () => expect(today).toBe('2026-11-28'));
  it('says what is wrong', () => {
    expect(spanProblem('2026-11-01', '2026-11-28', today)).toBeNull();
    expect(spanProblem('2026-11-20', '2026-11-01', today)).toBe('order');
    expect(spanProblem('2026-11-29', '2026-11-30', today)).toBe('future');
    expect(spanProblem('2024-01-01', '2026-11-28', today)).toBe('long');
    expect(spanProblem('', '2026-11-28', today)).toBe('missing');
    expect(spanProblem('2026-02-30', '2026-03-01', today)).toBe('missing');
  });
});

describe('seriesSummary', () => {
  it('ignores missing values', () => {
    expect(seriesSummary([{ t: 1, value: 3 }, { t: 2, value: null }, { t: 3, value: 5 }])).toEqual({ last: 5, first: 3, min: 3, max: 5 });
    expect(seriesSummary([]).last).toBeNull();
  });
  it('RANGE_MS is the API’s', () => expect(RANGE_MS['30d']).toBe(30 * DAY));
});

describe('day inputs (Vietnamese order)', () => {
  it('reads dd/mm/yyyy (and ISO), refuses impossible days', () => {
    expect(parseDayInput('25/11/2026')).toBe('2026-11-25');
    expect(parseDayInput(' 5/1/2026 ')).toBe('2026-01-05');
    expect(parseDayInput('2026-11-25')).toBe('2026-11-25');
    expect(parseDayInput('30/02/2026')).toBeNull();
    expect(parseDayInput('11/25/2026')).toBeNull();
    expect(parseDayInput('hôm qua')).toBeNull();
    expect(dayInputText('2026-11-25')).toBe('25/11/2026');
  });
});
