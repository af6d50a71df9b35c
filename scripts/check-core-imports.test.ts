import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations } from './check-core-imports';

function fakeCore(files: Record<string, string>): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'core-check-')), 'core');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('core purity check', () => {
  it('accepts core-relative imports and zod', () => {
    const dir = fakeCore({ 'a/x.ts': "import { z } from 'zod';\nimport type { Y } from '../b/y';\n", 'b/y.ts': 'export type Y = 1;' });
    expect(findViolations(dir)).toEqual([]);
  });

  it('flags Node, Redis, Vue and DOM-library imports, type-only ones too, and paths that leave core', () => {
    const dir = fakeCore({
      'x.ts': [
        "import { readFileSync } from 'node:fs';",
        "import type { Redis } from 'ioredis';",
        "export { ref } from 'vue';",
        "const m = await import('express');",
        "import '../store/keys';",
        "import { a } from '../platform/config';",
      ].join('\n'),
    });
    expect(findViolations(dir).map((v) => v.specifier)).toEqual(['node:fs', 'ioredis', 'vue', 'express', '../store/keys', '../platform/config']);
  });

  it('allows vitest in tests only', () => {
    const dir = fakeCore({ 'x.test.ts': "import { it } from 'vitest';", 'y.ts': "import { it } from 'vitest';" });
    expect(findViolations(dir).map((v) => path.basename(v.file))).toEqual(['y.ts']);
  });
});
