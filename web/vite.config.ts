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
 * antd's modules that reach a large library for a small or rarely shown piece, pointed at that piece:
 * - its form context (antd/es/form/context.js, imported by every popup: menu, dropdown, tooltip)
 *   takes rc-form's FormProvider from the package's index, whose statics (Form.Field = …) keep all
 *   of rc-form (≈13 KB gzip): pointed at the provider's own module;
 * - the radio group (in every table's filter menu) takes a three-line name formatter from antd's
 *   useForm hook, which imports rc-form's store: given that formatter alone;
 * - a table's filter menu shows antd's Tree only for columns filtered with filterMode: 'tree': it
 *   loads when such a menu is first shown; the table's row selection takes four helpers from
 *   rc-tree's index, which keeps the whole tree: taken from their own modules (≈14 KB gzip).
 * The shell and the pages without a form or a tree no longer carry them; a page using them loads
 * them with its chunk (the same module instances).
 */
const RADIO_NAME_PATH = '\0parindex-radio-name-path';
const TABLE_FILTER_TREE = '\0parindex-table-filter-tree';
const TABLE_TREE_HELPERS = '\0parindex-table-tree-helpers';
function antdPiecesWhereUsed(): Plugin {
  const from = (importer: string | undefined, end: string) =>
    importer?.replace(/\\/g, '/').endsWith(end) === true;
  return {
    name: 'parindex-antd-pieces-where-used',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === '@rc-component/form' && from(importer, 'antd/es/form/context.js')) {
        return this.resolve('@rc-component/form/es/FormContext', importer, { skipSelf: true });
      }
      if (source === '../form/hooks/useForm' && from(importer, 'antd/es/radio/group.js')) {
        return RADIO_NAME_PATH;
      }
      if (source === '../../../tree' && from(importer, 'antd/es/table/hooks/useFilter/FilterDropdown.js')) {
        return TABLE_FILTER_TREE;
      }
      if (source === '@rc-component/tree' && from(importer, 'antd/es/table/hooks/useSelection.js')) {
        return TABLE_TREE_HELPERS;
      }
      return null;
    },
    load(id) {
      // antd/es/form/hooks/useForm.js's toNamePathStr, as it is there
      if (id === RADIO_NAME_PATH) {
        return `import { toArray } from 'antd/es/form/util';
export function toNamePathStr(name) { return toArray(name).join('_'); }`;
      }
      if (id === TABLE_FILTER_TREE) {
        return `import { createElement, lazy, Suspense } from 'react';
const Tree = lazy(() => import('antd/es/tree'));
export default function LazyFilterTree(props) {
  return createElement(Suspense, { fallback: null }, createElement(Tree, props));
}`;
      }
      if (id === TABLE_TREE_HELPERS) {
        return `export { arrAdd, arrDel } from '@rc-component/tree/es/util';
export { conductCheck } from '@rc-component/tree/es/utils/conductUtil';
export { convertDataToEntities } from '@rc-component/tree/es/utils/treeUtil';`;
      }
      return null;
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), antdPiecesWhereUsed(), precompress()],
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
