import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The numbered steps of the README's trail: the path each names first, in backticks. */
function trailSteps(text: string): string[] {
  const start = text.indexOf('### The trail of one observation');
  if (start < 0) return [];
  const section = text.slice(start).split(/\n#{2,3} /)[0]!;
  return [...section.matchAll(/^\d+\. `([^`]+)`/gm)].map((m) => m[1]!);
}

describe("the README's trail", () => {
  const steps = trailSteps(readme);

  it('names one file per step, from the ingest route to the map layer', () => {
    expect(steps.length).toBeGreaterThanOrEqual(10);
    expect(steps[0]).toBe('server/routes/ingest.route.ts');
    expect(steps.at(-1)).toMatch(/^client\/map\/.+\.layer\.ts$/);
    expect(new Set(steps).size).toBe(steps.length);
  });

  it.each(steps)('%s exists and is a file', (step) => {
    expect(step).toMatch(/\.(ts|lua|vue)$/);
    expect(existsSync(path.join(root, step)), `${step} is named by the README but does not exist`).toBe(true);
  });

  it('finds no steps in a text without the section (the parser cannot pass vacuously)', () => {
    expect(trailSteps('# nothing here\n1. `a.ts`')).toEqual([]);
  });
});
