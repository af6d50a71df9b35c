import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../alerts/alert';
import { defaultRule } from '../alerts/rule';
import type { ReportDelivery } from '../contract/reports';
import { indicatorById } from '../indicators/catalog';
import type { Unit } from '../units/unit';
import { alertLink, alertNotification, isNotified } from './alert-notification';
import { alertMail, reportMail } from './mail-text';

const unit: Unit = {
  code: '20194', level: 'commune', parent: '48', areaKm2: null,
  type: { vi: 'Phường', en: 'Ward' }, name: { vi: 'Hải Châu', en: 'Hai Chau' }, fullName: { vi: 'Phường Hải Châu', en: 'Hai Chau Ward' },
};
const indicator = indicatorById('dossier_on_time_rate')!;
// 07/12/2026 19:05 in Viet Nam (UTC+7)
const at = Date.UTC(2026, 11, 7, 12, 5, 30);
const event = (kind: AlertEvent['kind'], severity: 'warning' | 'critical' | 'nodata' = 'critical', value: number | null = 1234.56, silencedUntil: number | null = null): AlertEvent => ({
  kind, at, by: 'system',
  alert: { id: 'a-1', indicator: indicator.id, unit: unit.code, ruleScope: 'VN', severity, phase: 'firing', value, firedAt: at, resolvedAt: null, acknowledged: null, assignee: null, silencedUntil },
});
const notify = (e: AlertEvent) => alertNotification(e, { unit, indicator, rule: defaultRule(indicator), publicUrl: 'https://ioc.danang.gov.vn/' });

describe('alert notification', () => {
  it('names the unit, indicator and level crossed, and links the alert', () => {
    const n = notify(event('fired'));
    expect(n).toMatchObject({ type: 'alert.fired', unitName: unit.fullName, indicatorName: indicator.name, threshold: 90, decimals: 1, link: 'https://ioc.danang.gov.vn/alerts?alert=a-1' });
    expect(notify(event('fired', 'warning')).threshold).toBe(95);
    expect(notify(event('fired', 'nodata')).threshold).toBeNull();
  });
  it('is sent for fired, escalated and resolved, not for operator actions nor while silenced', () => {
    expect(['fired', 'escalated', 'resolved', 'acknowledged', 'assigned', 'silenced'].map((k) => isNotified(event(k as AlertEvent['kind'])))).toEqual([true, true, true, false, false, false]);
    expect(isNotified(event('fired', 'critical', 1, at + 1))).toBe(false);
    expect(isNotified(event('fired', 'critical', 1, at))).toBe(true);
  });
  it('encodes the alert id in its link', () => {
    expect(alertLink('http://h:1', 'a b/c')).toBe('http://h:1/alerts?alert=a%20b%2Fc');
  });
});

describe('alert mail', () => {
  it('is Vietnamese: unit, indicator, vi-VN value and threshold with the unit of measure, Viet Nam time, the link', () => {
    const m = alertMail(notify(event('fired')));
    expect(m.subject).toBe(`[IOC] Cảnh báo mức nghiêm trọng: ${indicator.name.vi} — Phường Hải Châu`);
    expect(m.text).toContain('Đơn vị: Phường Hải Châu');
    expect(m.text).toContain(`Chỉ tiêu: ${indicator.name.vi}`);
    expect(m.text).toContain('Giá trị: 1.234,6 %');
    expect(m.text).toContain('Ngưỡng: 90,0 %');
    expect(m.text).toContain('Thời điểm: 07/12/2026 19:05');
    expect(m.text).toContain('https://ioc.danang.gov.vn/alerts?alert=a-1');
    expect(m.html).toContain('<td style="padding:4px 0">Phường Hải Châu</td>');
    expect(m.html).toContain('href="https://ioc.danang.gov.vn/alerts?alert=a-1"');
  });
  it('says when it resolved, and shows a missing value as a dash', () => {
    const m = alertMail(notify(event('resolved', 'nodata', null)));
    expect(m.subject).toMatch(/^\[IOC\] Hết cảnh báo không có dữ liệu/);
    expect(m.text).toContain('Giá trị: –');
    expect(m.text).toContain('Ngưỡng: –');
  });
  it('escapes HTML in names', () => {
    const m = alertMail({ ...notify(event('fired')), unitName: { vi: '<b>X</b>', en: 'X' } });
    expect(m.html).not.toContain('<b>X</b>');
    expect(m.html).toContain('&#60;b&#62;X&#60;/b&#62;');
  });
});

describe('report mail', () => {
  it('names the report, scope and download link', () => {
    const d = { type: 'report.done', time: new Date(at).toISOString(), scopeName: 'Thành phố Đà Nẵng', downloadUrl: 'https://ioc/api/v1/reports/r1/pdf', report: { id: 'r1', kind: 'briefing', scope: '48' } } as ReportDelivery;
    const m = reportMail(d);
    expect(m.subject).toBe('[IOC] Báo cáo giao ban — Thành phố Đà Nẵng');
    expect(m.text).toContain('Thời điểm: 07/12/2026 19:05');
    expect(m.text).toContain('Tải báo cáo (PDF): https://ioc/api/v1/reports/r1/pdf');
  });
});
