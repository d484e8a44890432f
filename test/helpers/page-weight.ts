/**
 * What a browser loads before a page can show: from the Vite manifest of the built app, the shell
 * (the entry and what it imports statically) and each page's chunk with its static imports,
 * recursively, as gzip bytes of JavaScript. Code a page asks for later (a tab, a chart, a dialog)
 * is not in it. bench/web.ts prints it; test/browser/web-weight.test.ts holds every page to the budget.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './fixtures.js';

export const WEB_DIST = resolve(ROOT, 'web/dist');
/** issue 13: the first load of any page, gzip */
export const FIRST_LOAD_BUDGET = 350 * 1024;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface PageWeight {
  /** the page's source, e.g. src/features/plans/PlanPage.tsx */
  page: string;
  /** gzip bytes of the shell and the page's own static imports */
  bytes: number;
}

export interface Weights {
  shell: number;
  pages: PageWeight[];
}

export function pageWeights(dist = WEB_DIST): Weights {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const sizes = new Map<string, number>();
  const gzip = (key: string) => {
    const file = manifest[key]!.file;
    if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
    return sizes.get(file)!;
  };
  const closure = (keys: string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const next of manifest[key]!.imports ?? []) visit(next);
    };
    keys.forEach(visit);
    return seen;
  };
  const total = (keys: Set<string>) => [...keys].reduce((sum, key) => sum + gzip(key), 0);
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('the manifest has no entry: build the web app first');
  const shell = closure([entry]);
  // the pages: what the shell loads lazily (App.tsx's routes, the sign-in page)
  const pages = [...closure([entry])]
    .flatMap((key) => manifest[key]!.dynamicImports ?? [])
    .filter((key, i, all) => /Page\.tsx$/.test(key) && all.indexOf(key) === i)
    .map((page) => ({ page, bytes: total(closure([entry, page])) }))
    .sort((a, b) => b.bytes - a.bytes);
  return { shell: total(shell), pages };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
