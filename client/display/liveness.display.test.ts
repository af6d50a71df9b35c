import { describe, expect, it } from 'vitest';
import { wallVi } from '../i18n/wall.vi';
import { missingText, sinceTime } from './liveness.display';

/** A tiny stand-in for vue-i18n's t over the Vietnamese texts: `{name}` placeholders filled from params. */
const t = (key: string, params: Record<string, unknown> = {}) => {
  const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], wallVi) as string;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
};
// 14:05:30 in Viet Nam (UTC+7)
const AT = Date.UTC(2026, 11, 7, 7, 5, 30);

describe('what the chip says is missing', () => {
  it('names the workers with the time they stopped, in Viet Nam time', () => {
    expect(missingText({ name: 'workers', kind: 'workers', since: AT }, t, AT + 60_000)).toBe('Máy xử lý dừng từ 14:05');
  });

  it('names a role and a late job in words, with the date when it was another day', () => {
    expect(missingText({ name: 'alert-evaluator', kind: 'role', since: AT }, t, AT)).toBe('Bộ đánh giá cảnh báo dừng từ 14:05');
    expect(missingText({ name: 'pull:hcm-dvc', kind: 'job', since: AT }, t, AT)).toBe('Lịch kéo dữ liệu hcm-dvc trễ từ 14:05');
    expect(missingText({ name: 'period-pruner', kind: 'job', since: AT }, t, AT)).toBe('Lịch dọn dữ liệu cũ trễ từ 14:05');
    expect(sinceTime(AT, AT + 86_400_000)).toBe('14:05 07/12/2026');
  });
});
