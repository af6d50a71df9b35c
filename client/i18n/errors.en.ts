import type { errorsVi } from './errors.vi';

/** English words for the server's error codes; the Vietnamese originals are in errors.vi.ts. */
export const errorsEn: typeof errorsVi = {
  errors: {
    access: {
      no_session: 'You are not signed in. Please sign in.',
      session_expired: 'Your session has expired. Please sign in again.',
      user_disabled: 'This account is disabled. Please contact an administrator.',
      display_revoked: 'This display token has been revoked.',
      display_read_only: 'a wall screen may only view, not change',
      role_required: 'your role does not allow this',
      out_of_scope: 'this is outside your units',
    },
    code: {
      unavailable: 'The data store is not answering. Please try again in a few minutes.',
      upstream_failed: 'The source system did not answer as expected. Please try again later.',
      rate_limited: 'Too many requests. Please wait a moment and try again.',
      too_large: 'What was sent is too large.',
      internal: 'The server failed. Please try again; if it keeps failing, tell an administrator.',
      bad_json: 'The server answered in an unexpected format. Please reload the page.',
    },
  },
};
