/**
 * The one vitest config every package runs with (`vitest run --config ../../vitest.shared.ts`
 * from the package folder): runtime tests in test/*.test.ts, type tests in test/*.test-d.ts,
 * and a JSON report that scripts/test-summary.ts adds up after `pnpm test`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: process.cwd(),
    include: ['test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    passWithNoTests: false,
    // Several tests start Node processes and real builds; none asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
