import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Written to coverage/ (git-ignored); regenerate.sh copies lcov and cobertura into reports/.
      reportsDirectory: 'coverage',
      reporter: ['text', 'lcovonly', 'cobertura'],
      // The CI job still publishes coverage when a test fails.
      reportOnFailure: true,
    },
  },
});
