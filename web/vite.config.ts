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
 * - a table's column filter (antd's Dropdown and Menu, with Checkbox and Radio) is drawn only for a
 *   column with `filters` or `filterDropdown`, the Dropdown of a row selection or a breadcrumb only
 *   for `selections` or an item's `menu`:
 *   each loads when first drawn (a filtered column's title shows meanwhile, its filter button joins
 *   it); the table keeps the filter's helper flattenKeys, copied as it is there. With the header's
 *   links (web/src/ui/HeaderNav.tsx), no page's first load carries Menu and Dropdown (≈15 KB gzip);
 * - the tabs' "more" menu (rc-tabs' OperationNode: rc-dropdown and rc-menu, ≈8 KB gzip) loads with
 *   the first tabs drawn, its button drawn meanwhile as it draws it (so the tabs measure the same).
 * - the table's pieces most tables never draw, each loaded when first drawn (nothing meanwhile): the
 *   pagination's page-size changer (antd's Select, with rc-virtual-list ≈23 KB gzip; drawn with
 *   showSizeChanger, which antd turns on by itself past 50 rows), the row selection's Checkbox and
 *   Radio (≈6 KB), the virtual table (`virtual`: rc-virtual-list again); and a Card's Tabs (tabList,
 *   ≈9 KB) and loading Skeleton (≈3 KB). rc-tree's arrAdd/arrDel are copied as they are there: their
 *   module keeps rc-tree's TreeNode, shared with the filter's tree;
 * - the shell's: Typography's edit box (its TextArea and antd's input styles, ≈8 KB, drawn only while
 *   editing an `editable` text). (App.useApp()'s modal dialogs stay in the shell: loaded when first
 *   asked for, a modal.error opened from a modal.confirm's onOk never showed.)
 * The shell and the pages without a form or a tree no longer carry them; a page using them loads
 * them with its chunk (the same module instances).
 */
const RADIO_NAME_PATH = '\0parindex-radio-name-path';
const TABLE_FILTER_TREE = '\0parindex-table-filter-tree';
const TABLE_TREE_HELPERS = '\0parindex-table-tree-helpers';
const TABLE_FILTER_DROPDOWN = '\0parindex-table-filter-dropdown';
const LAZY_DROPDOWN = '\0parindex-lazy-dropdown';
const TABS_MORE_MENU = '\0parindex-tabs-more-menu';
const LAZY_SELECT = '\0parindex-lazy-select';
const LAZY_CHECKBOX = '\0parindex-lazy-checkbox';
const LAZY_RADIO = '\0parindex-lazy-radio';
const LAZY_TYPOGRAPHY_EDITABLE = '\0parindex-lazy-typography-editable';
const LAZY_TABS = '\0parindex-lazy-tabs';
const LAZY_SKELETON = '\0parindex-lazy-skeleton';
const LAZY_VIRTUAL_TABLE = '\0parindex-lazy-virtual-table';
const LAZY_LAYOUT_SIDER = '\0parindex-lazy-layout-sider';

/**
 * A module whose default export draws `source`'s default export, loaded when it is first drawn;
 * `fallback` (an expression that may read `props`) shows meanwhile.
 */
function lazyComponent(source: string, fallback: string): string {
  return `import { createElement, lazy, Suspense } from 'react';
const Component = lazy(() => import('${source}'));
export default function LazyComponent(props) {
  return createElement(Suspense, { fallback: ${fallback} }, createElement(Component, props));
}`;
}
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
      if (source === './FilterDropdown' && from(importer, 'antd/es/table/hooks/useFilter/index.js')) {
        return TABLE_FILTER_DROPDOWN;
      }
      if (source === '../../dropdown' && from(importer, 'antd/es/table/hooks/useSelection.js')) {
        return LAZY_DROPDOWN;
      }
      if (source === '../dropdown/dropdown' && from(importer, 'antd/es/breadcrumb/BreadcrumbItem.js')) {
        return LAZY_DROPDOWN;
      }
      if (source === './OperationNode' && from(importer, '@rc-component/tabs/es/TabNavList/index.js')) {
        return TABS_MORE_MENU;
      }
      if (source === '../select' && from(importer, 'antd/es/pagination/Pagination.js')) {
        return LAZY_SELECT;
      }
      if (source === '../../checkbox' && from(importer, 'antd/es/table/hooks/useSelection.js')) {
        return LAZY_CHECKBOX;
      }
      if (source === '../../radio' && from(importer, 'antd/es/table/hooks/useSelection.js')) {
        return LAZY_RADIO;
      }
      if (source === '../Editable' && from(importer, 'antd/es/typography/Base/index.js')) {
        return LAZY_TYPOGRAPHY_EDITABLE;
      }
      if (source === '../tabs' && from(importer, 'antd/es/card/Card.js')) return LAZY_TABS;
      if (source === '../skeleton' && from(importer, 'antd/es/card/Card.js')) return LAZY_SKELETON;
      if (source === './RcTable/VirtualTable' && from(importer, 'antd/es/table/InternalTable.js')) {
        return LAZY_VIRTUAL_TABLE;
      }
      if (
        (source === './Sider' && from(importer, 'antd/es/layout/index.js')) ||
        (source === '../Sider' && from(importer, 'antd/es/layout/hooks/useHasSider.js'))
      ) {
        return LAZY_LAYOUT_SIDER;
      }
      return null;
    },
    load(id) {
      // antd/es/form/hooks/useForm.js's toNamePathStr, as it is there
      if (id === RADIO_NAME_PATH) {
        return `import { toArray } from 'antd/es/form/util';
export function toNamePathStr(name) { return toArray(name).join('_'); }`;
      }
      if (id === TABLE_FILTER_TREE) return lazyComponent('antd/es/tree', 'null');
      if (id === LAZY_SELECT) return lazyComponent('antd/es/select', 'null');
      if (id === LAZY_CHECKBOX) return lazyComponent('antd/es/checkbox', 'null');
      if (id === LAZY_RADIO) return lazyComponent('antd/es/radio', 'null');
      if (id === LAZY_TYPOGRAPHY_EDITABLE) return lazyComponent('antd/es/typography/Editable', 'null');
      if (id === LAZY_TABS) return lazyComponent('antd/es/tabs', 'null');
      if (id === LAZY_SKELETON) return lazyComponent('antd/es/skeleton', 'null');
      if (id === LAZY_VIRTUAL_TABLE) return lazyComponent('antd/es/table/RcTable/VirtualTable', 'null');
      // one module for both importers, so that the layout still finds a Layout.Sider among its children;
      // the Sider's context, which only Layout._InternalSiderContext exposes here (antd's Menu takes it
      // from Sider.js), is a context of its own
      if (id === LAZY_LAYOUT_SIDER) {
        return `import { createContext } from 'react';
${lazyComponent('antd/es/layout/Sider', 'null')}
export const SiderContext = createContext({});`;
      }
      if (id === TABLE_TREE_HELPERS) {
        return `export function arrDel(list, value) {
  if (!list) return [];
  const clone = list.slice();
  const index = clone.indexOf(value);
  if (index >= 0) clone.splice(index, 1);
  return clone;
}
export function arrAdd(list, value) {
  const clone = (list || []).slice();
  if (clone.indexOf(value) === -1) clone.push(value);
  return clone;
}
export { conductCheck } from '@rc-component/tree/es/utils/conductUtil';
export { convertDataToEntities } from '@rc-component/tree/es/utils/treeUtil';`;
      }
      if (id === LAZY_DROPDOWN) return lazyComponent('antd/es/dropdown', 'props.children');
      // the same elements as OperationNode.js draws, its "more" button without its menu until loaded
      if (id === TABS_MORE_MENU) {
        return `import { createElement, lazy, Suspense } from 'react';
import AddButton from '@rc-component/tabs/es/TabNavList/AddButton';
const OperationNode = lazy(() => import('@rc-component/tabs/es/TabNavList/OperationNode'));
export default function LazyOperationNode(props) {
  const { prefixCls, id, tabs, tabBarGutter, mobile, className, style, editable, locale, ref } = props;
  const moreStyle = { marginInlineStart: tabBarGutter };
  if (!tabs.length) Object.assign(moreStyle, { visibility: 'hidden', order: 1 });
  const more = mobile
    ? null
    : createElement('button', {
        type: 'button',
        className: prefixCls + '-nav-more',
        style: moreStyle,
        'aria-haspopup': 'listbox',
        id: id + '-more',
        'aria-expanded': false,
      }, props.more?.icon ?? 'More');
  const fallback = createElement(
    'div',
    { className: [prefixCls + '-nav-operations', className].filter(Boolean).join(' '), style, ref },
    more,
    createElement(AddButton, { prefixCls, locale, editable }),
  );
  return createElement(Suspense, { fallback }, createElement(OperationNode, props));
}`;
      }
      // antd/es/table/hooks/useFilter/FilterDropdown.js's flattenKeys, as it is there
      if (id === TABLE_FILTER_DROPDOWN) {
        return `import { createElement, lazy, Suspense } from 'react';
const FilterDropdown = lazy(() => import('antd/es/table/hooks/useFilter/FilterDropdown'));
export function flattenKeys(filters) {
  let keys = [];
  (filters || []).forEach(({ value, children }) => {
    keys.push(value);
    if (children) keys = [...keys, ...flattenKeys(children)];
  });
  return keys;
}
export default function LazyFilterDropdown(props) {
  const title = createElement('div', { className: props.prefixCls + '-column' },
    createElement('span', { className: props.tablePrefixCls + '-column-title' }, props.children));
  return createElement(Suspense, { fallback: title }, createElement(FilterDropdown, props));
}`;
      }
      return null;
    },
  };
}

/**
 * The chunks the entry imports, loaded before any page: Vite lists every chunk a lazy import needs
 * so that it is preloaded at once, the shell's included (≈60 names per page, ≈2 KB gzip in the
 * shell alone); those are loaded already, so the lists leave them out. Read by
 * build.modulePreload.resolveDependencies below, filled before Vite writes the lists.
 */
const shellFiles = new Set<string>();
function shellChunks(): Plugin {
  return {
    name: 'parindex-shell-chunks',
    apply: 'build',
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        shellFiles.clear();
        const visit = (file: string) => {
          const chunk = bundle[file];
          if (shellFiles.has(file) || chunk?.type !== 'chunk') return;
          shellFiles.add(file);
          chunk.imports.forEach(visit);
        };
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName);
        }
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), antdPiecesWhereUsed(), shellChunks(), precompress()],
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
    modulePreload: {
      // index.html preloads the entry's imports (hostType 'html'); a lazy import, what it adds to them
      resolveDependencies: (_file, deps, { hostType }) =>
        hostType === 'js' ? deps.filter((dep) => !shellFiles.has(dep)) : deps,
    },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
