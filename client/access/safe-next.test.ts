import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path of this app with its query', () => {
    expect(safeNext('/province/48?indicator=x')).toBe('/province/48?indicator=x');
    expect(safeNext(['/admin/users', '/x'])).toBe('/admin/users');
  });
  it('never leaves the site or loops back to the login page', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null, undefined, '/login', '/login?next=/x']) {
      expect(safeNext(bad)).toBe('/');
    }
    expect(safeNext('/logins-report')).toBe('/logins-report');
  });
});
