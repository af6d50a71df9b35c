import { describe, expect, it } from 'vitest';
import { testHooksOn } from './test-hooks';

describe('testHooksOn', () => {
  it('is on in development whatever the URL says', () => {
    expect(testHooksOn('', true, false)).toBe(true);
  });
  it("is on in a build when the test's browser flagged the page", () => {
    expect(testHooksOn('', false, true)).toBe(true);
  });
  it('is on in a build only with ?test=1', () => {
    expect(testHooksOn('?test=1', false, false)).toBe(true);
    expect(testHooksOn('?scenes=national&test=1', false, false)).toBe(true);
    expect(testHooksOn('', false, false)).toBe(false);
    expect(testHooksOn('?test=0', false, false)).toBe(false);
    expect(testHooksOn('?test', false, false)).toBe(false);
  });
});
