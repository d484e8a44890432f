import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Each built text file beside its .br and .gz, compressed once at their best: the server sends
 * them as they are (@fastify/static's preCompressed) instead of compressing every request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'parindex-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = [
        'index.html',
        ...readdirSync(join(outDir, 'assets')).map((f) => join('assets', f)),
      ].filter((f) => /\.(js|css|html|svg)$/.test(f));
      for (const file of files) {
        const bytes = readFileSync(join(outDir, file));
        writeFileSync(
          join(outDir, `${file}.br`),
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(join(outDir, `${file}.gz`), gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)),
      '@core': fileURLToPath(new URL('../src/core', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/http.ts reads it to measure what each page loads
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
