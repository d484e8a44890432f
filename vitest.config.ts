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
    // vitest's default is one worker less than the cores: a single worker on this 2-core machine,
    // idle while a test waits for PostgreSQL, Chromium or a reading thread. Two files at a time take
    // the suite from one core to both (issue 9). The browser tests run apart, one file at a time
    // (package.json "test"): their pages wait on polls that a loaded machine makes flaky.
    maxWorkers: 2,
    // each worker keeps the modules it has loaded from one file to the next instead of importing the
    // whole app again per file (issue 9: 184 s → 113 s for the files apart from the browser's). What
    // the modules keep is per database handle (modules/version-cache.ts, the plan view) or shared on
    // purpose (the read worker pool); no test mocks a module or stubs the environment.
    isolate: false,
    // a page polled for what it shows: code split by tab and chart (issue 13) arrives lazily, which on
    // a loaded 2-core machine takes longer than the default second
    expect: { poll: { timeout: 5_000 } },
  },
});
