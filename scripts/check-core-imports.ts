/**
 * `npm run check:core` (part of `npm test`): core/ stays pure. Its files may import other core files and `zod`
 * (tests also `vitest`), nothing else: no Node, DOM, Redis, Express or Vue module, not even as `import type`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ALLOWED = new Set(['zod']);
const ALLOWED_IN_TESTS = new Set(['vitest']);

export interface ImportViolation {
  file: string;
  specifier: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|vue|js|mjs)$/.test(name) ? [p] : [];
  });
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

export function findViolations(coreDir: string): ImportViolation[] {
  const out: ImportViolation[] = [];
  for (const file of walk(coreDir)) {
    const text = readFileSync(file, 'utf8');
    const isTest = file.endsWith('.test.ts');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(coreDir + path.sep)) out.push({ file, specifier: spec });
      } else if (!ALLOWED.has(spec) && !(isTest && ALLOWED_IN_TESTS.has(spec))) {
        out.push({ file, specifier: spec });
      }
    }
  }
  return out;
}

if (process.argv[1]?.endsWith('check-core-imports.ts')) {
  const coreDir = path.resolve(import.meta.dirname, '..', 'core');
  const violations = findViolations(coreDir);
  for (const v of violations) console.error(`core must stay pure: ${path.relative(process.cwd(), v.file)} imports '${v.specifier}'`);
  if (violations.length > 0) process.exit(1);
  console.log(`core/ is pure: ${walk(coreDir).length} files import only core and ${[...ALLOWED].join(', ')}`);
}
