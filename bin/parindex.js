#!/usr/bin/env node
// The `parindex` command: runs the compiled CLI (`npm install` builds it; `npm run build` rebuilds).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'parindex: chưa biên dịch — hãy chạy `npm run build` / not built: run `npm run build`\n',
  );
  process.exit(2);
}
await import(entry.href);
