import { defineConfig } from 'vitest/config';

// The unit tests of the benches' pure helpers (no project of the main config covers test/bench):
// `npx vitest run --config test/bench/vitest.config.ts`
export default defineConfig({ test: { root: import.meta.dirname, include: ['*.test.ts'], environment: 'node' } });
