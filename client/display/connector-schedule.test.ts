import { describe, expect, it } from 'vitest';
import { describeCron, describeSchedule } from './connector-schedule';

describe('describeSchedule', () => {
  it('says every N minutes in the largest whole unit', () => {
    expect(describeSchedule({ everyMinutes: 15 }, 'vi')).toBe('mỗi 15 phút');
    expect(describeSchedule({ everyMinutes: 1 }, 'vi')).toBe('mỗi phút');
    expect(describeSchedule({ everyMinutes: 90 }, 'vi')).toBe('mỗi 90 phút');
    expect(describeSchedule({ everyMinutes: 60 }, 'vi')).toBe('mỗi giờ');
    expect(describeSchedule({ everyMinutes: 120 }, 'vi')).toBe('mỗi 2 giờ');
    expect(describeSchedule({ everyMinutes: 1440 }, 'vi')).toBe('mỗi ngày');
    expect(describeSchedule({ everyMinutes: 2880 }, 'en')).toBe('every 2 days');
    expect(describeSchedule({ everyMinutes: 15 }, 'en')).toBe('every 15 min');
  });

  it('puts the common crons in words, in Viet Nam time as written', () => {
    expect(describeSchedule({ cron: '0 7 * * *' }, 'vi')).toBe('07:00 hằng ngày');
    expect(describeSchedule({ cron: '0 7 * * *' }, 'en')).toBe('daily at 07:00');
    expect(describeCron('30 6,12,18 * * *', 'vi')).toBe('06:30, 12:30, 18:30 hằng ngày');
    expect(describeCron('*/10 * * * *', 'vi')).toBe('mỗi 10 phút');
    expect(describeCron('* * * * *', 'vi')).toBe('mỗi phút');
    expect(describeCron('5 * * * *', 'vi')).toBe('mỗi giờ, phút 05');
    expect(describeCron('5 * * * *', 'en')).toBe('hourly at :05');
    expect(describeCron('15 */2 * * *', 'vi')).toBe('mỗi 2 giờ, phút 15');
    expect(describeCron('30 7 * * 1-5', 'vi')).toBe('07:30 thứ Hai–thứ Sáu');
    expect(describeCron('30 7 * * 1-5', 'en')).toBe('07:30 Monday–Friday');
    expect(describeCron('0 8 * * 1', 'vi')).toBe('08:00 thứ Hai hằng tuần');
    expect(describeCron('0 8 * * 0', 'vi')).toBe('08:00 Chủ nhật hằng tuần');
    expect(describeCron('0 8 * * 7', 'vi')).toBe('08:00 Chủ nhật hằng tuần');
    expect(describeCron('0 6 1 * *', 'vi')).toBe('06:00 ngày 1 hằng tháng');
    expect(describeCron('  0   7 * * *  ', 'vi')).toBe('07:00 hằng ngày');
  });

  it('shows any other cron as written rather than a wrong sentence', () => {
    for (const cron of ['0 7 1-7 * 1', '0 7 * 1 *', '0 7-9 * * *', '*/5 8-17 * * 1-5', '0 25 * * *', '61 7 * * *', '0 7 * * MON', '0 7 32 * *', '*/0 * * * *']) {
      expect(describeCron(cron, 'vi')).toBe(`cron ${cron}`);
    }
    expect(describeSchedule({ cron: '0 7 1-7 * 1' }, 'en')).toBe('cron 0 7 1-7 * 1');
  });
});
