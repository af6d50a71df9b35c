import { describe, expect, it } from 'vitest';
import { httpOutcome, smtpOutcome } from './outcome';

describe('delivery outcome', () => {
  it.each([
    [200, 'done'], [204, 'done'],
    [400, 'give-up'], [401, 'give-up'], [404, 'give-up'], [410, 'give-up'], [422, 'give-up'],
    [408, 'retry'], [429, 'retry'], [500, 'retry'], [502, 'retry'], [503, 'retry'],
  ] as const)('HTTP %i → %s', (status, outcome) => {
    expect(httpOutcome(status)).toBe(outcome);
  });
  it('SMTP: a permanent 5xx reply is given up; 4xx and no reply are retried', () => {
    expect(smtpOutcome(550)).toBe('give-up');
    expect(smtpOutcome(554)).toBe('give-up');
    expect(smtpOutcome(451)).toBe('retry');
    expect(smtpOutcome(421)).toBe('retry');
    expect(smtpOutcome(undefined)).toBe('retry');
  });
});
