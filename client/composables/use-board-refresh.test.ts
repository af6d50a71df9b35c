import { describe, expect, it } from 'vitest';
import { refreshFailureText } from './use-board-refresh';

const t = (key: string, values: Record<string, string>) => `${key} ${JSON.stringify(values)}`;
const at = Date.UTC(2026, 11, 7, 2, 0, 0); // 09:00:00 in Viet Nam

describe('refreshFailureText', () => {
  it('is null while the last refresh worked', () => {
    expect(refreshFailureText({ error: null, fetchedAt: at }, at + 1000, 'vi', t, 'feeds.refreshFailed')).toBeNull();
  });
  it('is the failure itself before any answer', () => {
    expect(refreshFailureText({ error: 'HTTP 503', fetchedAt: null }, at, 'vi', t, 'feeds.refreshFailed')).toBe('app.loadFailed {"detail":"HTTP 503"}');
  });
  it('says when the figures shown are from, in Viet Nam time and in the page language', () => {
    expect(refreshFailureText({ error: 'HTTP 503', fetchedAt: at }, at + 5 * 60_000, 'vi', t, 'pdb.refreshFailed')).toBe(
      'pdb.refreshFailed {"time":"09:00:00","ago":"5 phút trước"}',
    );
    expect(refreshFailureText({ error: 'HTTP 503', fetchedAt: at }, at + 5 * 60_000, 'en', t, 'pdb.refreshFailed')).toBe(
      'pdb.refreshFailed {"time":"09:00:00","ago":"5 min ago"}',
    );
  });
});
