import { describe, expect, it } from 'vitest';
import { contentDisposition, reportFilenames, reportRequestSchema, scheduleRequestSchema } from './reports';

describe('report contract', () => {
  it('names the download in ASCII and, in filename*, in Vietnamese', () => {
    const names = reportFilenames({ kind: 'briefing', scope: '48', createdAt: 0 }, 'Thành phố Đà Nẵng', '07-12-2026');
    expect(names).toEqual({ ascii: 'bao-cao-giao-ban-48-07-12-2026.pdf', utf8: 'Báo cáo giao ban — Thành phố Đà Nẵng — 07-12-2026.pdf' });
    const header = contentDisposition(names);
    expect(header).toMatch(/^attachment; filename="bao-cao-giao-ban-48-07-12-2026\.pdf"; filename\*=UTF-8''/);
    expect(header).not.toMatch(/[^\x20-\x7e]/);
    expect(decodeURIComponent(header.split("''")[1]!)).toBe(names.utf8);
  });

  it('keeps characters a file system refuses out of the Vietnamese name', () => {
    expect(reportFilenames({ kind: 'scene', scope: 'VN', createdAt: 0 }, 'A/B: "C"', '01-01-2027').utf8).toBe('Báo cáo — A-B- -C- — 01-01-2027.pdf');
  });

  it('checks requests and schedules', () => {
    expect(reportRequestSchema.safeParse({ kind: 'briefing', scope: '48' }).success).toBe(true);
    expect(reportRequestSchema.safeParse({ kind: 'briefing', scope: 'HN' }).success).toBe(false);
    expect(scheduleRequestSchema.parse({ name: 'x', kind: 'briefing', scope: 'VN', cron: '30 7 * * 1-5' }).tz).toBe('Asia/Ho_Chi_Minh');
    expect(scheduleRequestSchema.safeParse({ name: 'x', kind: 'briefing', scope: 'VN', cron: '30 7 * * 1-5', tz: 'UTC' }).success).toBe(false);
  });
});
