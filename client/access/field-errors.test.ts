import { describe, expect, it } from 'vitest';
import { splitIssues } from './field-errors';

describe('splitIssues', () => {
  it('groups issues by their first path segment and keeps pathless ones general', () => {
    expect(
      splitIssues(['username: 3–32 letters, digits, . _ -', 'password: at least 12 characters', 'units.0: Too small', ': odd', 'no colon here']),
    ).toEqual({
      fields: { username: ['3–32 letters, digits, . _ -'], password: ['at least 12 characters'], units: ['Too small'] },
      general: [': odd', 'no colon here'],
    });
  });
});
