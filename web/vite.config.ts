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
 * Two of antd's modules reach the whole form library (rc-form, ≈13 KB gzip) for one small piece:
 * its form context (antd/es/form/context.js, imported by every popup: menu, dropdown, tooltip) takes
 * rc-form's FormProvider from the package's index, whose statics (Form.Field = …) keep all of it;
 * the radio group (in every table's filter menu) takes a three-line name formatter from antd's
 * useForm hook, which imports rc-form's store. Pointed at the provider's own module and at that
 * formatter alone, the shell and the pages without a form no longer carry rc-form; a page with a
 * form loads it with its chunk (the same module instances).
 */
const RADIO_NAME_PATH = '\0parindex-radio-name-path';
function formOnlyWhereUsed(): Plugin {
  const from = (importer: string | undefined, end: string) =>
    importer?.replace(/\\/g, '/').endsWith(end) === true;
  return {
    name: 'parindex-form-only-where-used',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === '@rc-component/form' && from(importer, 'antd/es/form/context.js')) {
        return this.resolve('@rc-component/form/es/FormContext', importer, { skipSelf: true });
      }
      if (source === '../form/hooks/useForm' && from(importer, 'antd/es/radio/group.js'))
        return RADIO_NAME_PATH;
      return null;
    },
    load(id) {
      if (id !== RADIO_NAME_PATH) return null;
      // antd/es/form/hooks/useForm.js's toNamePathStr, as it is there
      return `import { toArray } from 'antd/es/form/util';
export function toNamePathStr(name) { return toArray(name).join('_'); }`;
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), formOnlyWhereUsed(), precompress()],
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
