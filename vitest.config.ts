import { defineConfig } from 'vitest/config';

// One config, five projects, run in the order scripts/test.mjs gives them.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['domain/src/**/*.test.ts', 'contract/src/**/*.test.ts', 'server/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.process.test.ts', '**/*.fuzz.test.ts', '**/node_modules/**'],
          env: { TZ: 'Asia/Shanghai' },
        },
      },
      {
        test: {
          name: 'int',
          include: ['server/src/**/*.int.test.ts'],
          globalSetup: ['server/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { TZ: 'Asia/Shanghai' },
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['server/src/**/*.fuzz.test.ts'],
          globalSetup: ['server/src/testing/global-setup.ts'],
          testTimeout: 60 * 60_000,
          hookTimeout: 120_000,
          env: { TZ: 'Asia/Shanghai' },
        },
      },
      {
        test: {
          name: 'process',
          include: ['server/src/**/*.process.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          env: { TZ: 'Asia/Shanghai' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.spec.ts'],
          globalSetup: ['web/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          env: { TZ: 'Asia/Shanghai' },
        },
      },
    ],
  },
});
