/**
 * Vietnamese words for the server's error codes (docs/api.md "Errors"), shown where the user sees a refusal;
 * English twins in errors.en.ts. `access`: why access was refused; `code`: the other codes worth words of their own.
 */
export const errorsVi = {
  errors: {
    access: {
      no_session: 'Bạn chưa đăng nhập. Hãy đăng nhập.',
      session_expired: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.',
      user_disabled: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.',
      display_revoked: 'Mã màn hình này đã bị thu hồi.',
      display_read_only: 'màn hình tường chỉ được xem, không được thay đổi',
      role_required: 'vai trò của bạn không đủ cho việc này',
      out_of_scope: 'việc này nằm ngoài phạm vi đơn vị của bạn',
    },
    code: {
      unavailable: 'Máy chủ dữ liệu đang không trả lời. Hãy thử lại sau ít phút.',
      upstream_failed: 'Hệ thống nguồn không trả lời đúng. Hãy thử lại sau.',
      rate_limited: 'Quá nhiều yêu cầu. Hãy đợi một lát rồi thử lại.',
      too_large: 'Dữ liệu gửi lên quá lớn.',
      internal: 'Máy chủ gặp lỗi. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên.',
      bad_json: 'Máy chủ trả lời không đúng định dạng. Hãy tải lại trang.',
    },
  },
};
