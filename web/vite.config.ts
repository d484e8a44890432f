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

/**
 * antd's form context (antd/es/form/context.js) takes rc-form's FormProvider from the package's index,
 * whose statics (Form.Field = …) keep all of rc-form in the bundle; every popup (menu, dropdown,
 * tooltip) imports that context, so the shell carried the whole form library (≈13 KB gzip) for a
 * provider that lives in one small module. Pointed at that module: the pages with a form load rc-form
 * with their chunk, the same module instance.
 */
function formProviderOnly(): Plugin {
  return {
    name: 'parindex-form-provider-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (
        source !== '@rc-component/form' ||
        !importer?.replace(/\\/g, '/').endsWith('antd/es/form/context.js')
      ) {
        return null;
      }
      return this.resolve('@rc-component/form/es/FormContext', importer, { skipSelf: true });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), formProviderOnly(), precompress()],
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
