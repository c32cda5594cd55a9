import { defineConfig } from 'vitest/config';

// Two projects: the engine's own properties (test/) and the paper's claims (properties/).
// `npm test` runs both; `npm run audit` runs the claims project with the report writer.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'claims',
          include: ['properties/**/*.prop.test.ts'],
          testTimeout: 600_000,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/engine/**/*.ts', 'src/theory/**/*.ts', 'src/stats/**/*.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
