import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { errorText, type ErrorWords } from './error-text';
import { accessOfHandshake, HttpError } from './http';

function words(locale: 'vi' | 'en'): ErrorWords {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'vi', messages: { vi, en }, missingWarn: false, fallbackWarn: false });
  return { t: (key, params) => i18n.global.t(key, params ?? {}), te: (key) => i18n.global.te(key) };
}
const viWords = words('vi');

describe('errorText: words by code, never by message', () => {
  it('asks to sign in again for an ended session or a stale CSRF token, whatever the message', () => {
    for (const e of [
      new HttpError(401, 'unauthorized', 'anything at all'),
      new HttpError(401, 'unauthorized', 'x', [], 'session_expired'),
      new HttpError(401, 'unauthorized', 'x', [], 'no_session'),
      new HttpError(403, 'csrf', 'missing or wrong X-CSRF-Token'),
    ]) {
      expect(errorText(e, viWords)).toBe('Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.');
    }
  });
  it('says why access was refused in the page language', () => {
    const scope = new HttpError(403, 'forbidden', '01 is outside your scope (48)', [], 'out_of_scope');
    expect(errorText(scope, viWords)).toBe('Không có quyền: việc này nằm ngoài phạm vi đơn vị của bạn');
    expect(errorText(scope, words('en'))).toBe('Not allowed: this is outside your units');
    expect(errorText(new HttpError(403, 'forbidden', 'x', [], 'role_required'), viWords)).toBe('Không có quyền: vai trò của bạn không đủ cho việc này');
    expect(errorText(new HttpError(401, 'unauthorized', 'x', [], 'user_disabled'), viWords)).toBe('Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.');
    // a 403 with no access code keeps the server's reason as the detail
    expect(errorText(new HttpError(403, 'forbidden', 'reports are requested by a signed-in user'), viWords)).toBe('Không có quyền: reports are requested by a signed-in user');
  });
  it('tells an operational failure and a server bug apart from a mistake', () => {
    expect(errorText(new HttpError(503, 'unavailable', 'the data store is not answering'), viWords)).toMatch(/^Máy chủ dữ liệu đang không trả lời/);
    expect(errorText(new HttpError(500, 'internal', 'internal error'), words('en'))).toMatch(/^The server failed/);
    expect(errorText(new HttpError(429, 'rate_limited', 'slow down'), viWords)).toMatch(/^Quá nhiều yêu cầu/);
  });
  it('falls back to the key given, with the message as detail', () => {
    expect(errorText(new HttpError(400, 'unknown_unit', "unknown unit '99'"), viWords)).toBe("Lỗi: unknown unit '99'");
    expect(errorText(new HttpError(400, 'bad_request', 'x'), viWords, 'auth.failed')).toBe('Không đăng nhập được: x');
    expect(errorText(new TypeError('Failed to fetch'), words('en'))).toBe('Error: Failed to fetch');
  });
  it('has words for every access code in both languages', () => {
    for (const w of [viWords, words('en')]) {
      for (const code of ['no_session', 'session_expired', 'user_disabled', 'display_revoked', 'display_read_only', 'role_required', 'out_of_scope']) {
        expect(w.te(`errors.access.${code}`), code).toBe(true);
      }
    }
  });
});

describe('accessOfHandshake', () => {
  it("reads a refused handshake's access code from its data, not its message", () => {
    const refused = Object.assign(new Error('whatever the text'), { data: { code: 'unauthorized', access: 'display_revoked' } });
    expect(accessOfHandshake(refused)).toBe('display_revoked');
    expect(accessOfHandshake(new Error('unknown or revoked display token'))).toBeUndefined();
    expect(accessOfHandshake(Object.assign(new Error('x'), { data: { access: 'made_up' } }))).toBeUndefined();
  });
});
