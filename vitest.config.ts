import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // the web app's pure modules are tested here too; they import core and shared by these aliases
  // (web/vite.config.ts, web/tsconfig.json)
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('src/shared', import.meta.url)),
      '@core': fileURLToPath(new URL('src/core', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
