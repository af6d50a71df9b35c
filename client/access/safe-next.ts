import type { LocationQueryValue } from 'vue-router';

/**
 * Where to go after signing in (`/login?next=`): a path of this app only — never another site (`//evil`, `/\evil`,
 * `https://…`), never back to /login; anything else goes to the start page.
 */
export function safeNext(next: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return /^\/login(?:[/?#]|$)/.test(value) ? '/' : value;
}
