import type { ConnectorSchedule } from '../../core/connectors/definition';
import type { Locale } from '../../core/i18n';

/**
 * A connector's schedule in words, for the admin list and the feed board: "mỗi 15 phút", "07:00 hằng ngày",
 * "07:30 thứ Hai–thứ Sáu". Only the crons people write every day are put in words; any other is shown as written
 * (`cron 0 7 1-7 * 1`): a wrong sentence about when a pull runs is worse than none.
 */

const WORDS = {
  vi: {
    every: (n: number, unit: 'minute' | 'hour' | 'day') =>
      n === 1 ? { minute: 'mỗi phút', hour: 'mỗi giờ', day: 'mỗi ngày' }[unit] : `mỗi ${n} ${{ minute: 'phút', hour: 'giờ', day: 'ngày' }[unit]}`,
    hourlyAt: (m: string) => `mỗi giờ, phút ${m}`,
    everyHoursAt: (n: number, m: string) => `mỗi ${n} giờ, phút ${m}`,
    daily: (times: string) => `${times} hằng ngày`,
    weekdays: (times: string, from: string, to: string) => `${times} ${from}–${to}`,
    weekly: (times: string, day: string) => `${times} ${day} hằng tuần`,
    monthly: (times: string, day: number) => `${times} ngày ${day} hằng tháng`,
    days: ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'],
  },
  en: {
    every: (n: number, unit: 'minute' | 'hour' | 'day') =>
      n === 1 ? `every ${unit}` : `every ${n} ${{ minute: 'min', hour: 'h', day: 'days' }[unit]}`,
    hourlyAt: (m: string) => `hourly at :${m}`,
    everyHoursAt: (n: number, m: string) => `every ${n} h at :${m}`,
    daily: (times: string) => `daily at ${times}`,
    weekdays: (times: string, from: string, to: string) => `${times} ${from}–${to}`,
    weekly: (times: string, day: string) => `${times} every ${day}`,
    monthly: (times: string, day: number) => `${times} on day ${day} of each month`,
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  },
} as const;

/** A whole number within [min, max] as a cron field writes it (no leading sign, no step). */
function int(field: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(field)) return undefined;
  const n = Number(field);
  return n >= min && n <= max ? n : undefined;
}

/** `7` or `7,13,17` (hours), each within 0–23. */
function hoursList(field: string): number[] | undefined {
  const hours = field.split(',').map((h) => int(h, 0, 23));
  return hours.every((h): h is number => h !== undefined) ? hours : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function describeCron(cron: string, locale: Locale): string {
  const w = WORDS[locale];
  const raw = `cron ${cron.trim()}`;
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return raw;
  const [min, hour, dom, month, dow] = f as [string, string, string, string, string];
  if (month !== '*') return raw;
  // every N minutes, every hour at :MM, every N hours at :MM
  if (hour === '*' && dom === '*' && dow === '*') {
    if (min === '*') return w.every(1, 'minute');
    const step = /^\*\/(\d{1,2})$/.exec(min);
    if (step && int(step[1]!, 1, 59) !== undefined) return w.every(Number(step[1]), 'minute');
    const m = int(min, 0, 59);
    return m === undefined ? raw : w.hourlyAt(pad(m));
  }
  const m = int(min, 0, 59);
  if (m === undefined) return raw;
  const hourStep = /^\*\/(\d{1,2})$/.exec(hour);
  if (hourStep && dom === '*' && dow === '*') {
    const n = int(hourStep[1]!, 1, 23);
    return n === undefined ? raw : w.everyHoursAt(n, pad(m));
  }
  const hours = hoursList(hour);
  if (!hours) return raw;
  const times = hours.map((h) => `${pad(h)}:${pad(m)}`).join(', ');
  if (dom === '*' && dow === '*') return w.daily(times);
  if (dom === '*') {
    if (dow === '1-5') return w.weekdays(times, w.days[1], w.days[5]);
    if (dow === '1-6') return w.weekdays(times, w.days[1], w.days[6]);
    const d = int(dow, 0, 7);
    return d === undefined ? raw : w.weekly(times, w.days[d % 7]!);
  }
  if (dow === '*') {
    const d = int(dom, 1, 31);
    return d === undefined ? raw : w.monthly(times, d);
  }
  return raw;
}

/** Every N minutes in the largest whole unit (90 → "mỗi 90 phút", 120 → "mỗi 2 giờ", 1440 → "mỗi ngày"), or the cron in words. */
export function describeSchedule(schedule: ConnectorSchedule, locale: Locale): string {
  if ('cron' in schedule) return describeCron(schedule.cron, locale);
  const n = schedule.everyMinutes;
  const w = WORDS[locale];
  if (n % 1440 === 0) return w.every(n / 1440, 'day');
  if (n % 60 === 0) return w.every(n / 60, 'hour');
  return w.every(n, 'minute');
}
