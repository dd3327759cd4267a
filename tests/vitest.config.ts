import { defineConfig } from 'vitest/config';

const alias = { '~': new URL('../src', import.meta.url).pathname };

// The integration suite runs once per real database: always on PGlite, and on the
// TCP PostgreSQL at DATABASE_URL when that is set.
const integration = (name: string, driver: 'pglite' | 'postgres') => ({
  resolve: { alias },
  test: {
    name,
    include: ['tests/integration/**/*.test.ts'],
    env: { TEST_DB_DRIVER: driver },
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  // Paths below are relative to the repository root.
  root: new URL('..', import.meta.url).pathname,
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      integration('integration-pglite', 'pglite'),
      ...(process.env.DATABASE_URL ? [integration('integration-postgres', 'postgres')] : []),
    ],
  },
});
