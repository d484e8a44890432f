/**
 * The feature catalogs are loaded with their pages (messages.ts): a file that shows a feature's text
 * must import that feature's catalog, itself or through its static imports, or the page would show
 * the key. Checked from the sources: the keys a file names (quoted, or as the start of a template
 * such as `roundPhase_${phase}`) and its static imports (not `import type`, not `import()`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB = resolve(import.meta.dirname, '../web/src');
const I18N = join(WEB, 'i18n');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(WEB);
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

/** The modules a file loads before it runs: its static imports and re-exports, resolved in web/src. */
function staticImports(file: string): string[] {
  const code = text.get(file) ?? '';
  const specs = [...code.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?'(\.[^']+)'/gms)].map(
    (m) => m[1]!,
  );
  return specs.flatMap((spec) => {
    const base = resolve(dirname(file), spec);
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
      (p) => existsSync(p) && statSync(p).isFile(),
    );
    return found && text.has(found) ? [found] : [];
  });
}

function closure(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    staticImports(f).forEach(visit);
  };
  visit(file);
  return seen;
}

type Texts = Record<string, string>;
const load = async (file: string) =>
  (await import(pathToFileURL(file).href)) as Record<string, Texts | undefined>;

/** The shell's own keys (messages.ts), and each feature's catalog: the objects exported as …_VI, …_EN. */
const SHELL = Object.keys((await load(join(I18N, 'messages.ts'))).SHELL_MESSAGES!.vi!);
const catalogs = await Promise.all(
  readdirSync(I18N)
    .filter((name) => name.endsWith('.ts') && name !== 'messages.ts')
    .map(async (name) => {
      const module = await load(join(I18N, name));
      const named = (suffix: string) =>
        Object.entries(module).find(([exported]) => exported.endsWith(suffix))![1]!;
      return { file: join(I18N, name), vi: named('_VI'), en: named('_EN'), keys: Object.keys(named('_VI')) };
    }),
);

/** The keys a file names: quoted strings, and the keys a template's fixed start can make. */
function keysNamed(code: string, keys: string[]): string[] {
  const quoted = new Set([...code.matchAll(/['"]([A-Za-z]\w*)['"]/g)].map((m) => m[1]!));
  const prefixes = [...code.matchAll(/`([A-Za-z]\w*_)\$\{/g)].map((m) => m[1]!);
  return keys.filter((key) => quoted.has(key) || prefixes.some((p) => key.startsWith(p)));
}

describe("each feature's texts load with the pages that show them", () => {
  it('finds the catalogs and the files using them', () => {
    expect(catalogs.map((c) => relative(I18N, c.file))).toEqual(
      expect.arrayContaining(['rounds.ts', 'frameworks.ts', 'results.ts']),
    );
    const users = files.filter((f) => catalogs.some((c) => keysNamed(text.get(f)!, c.keys).length > 0));
    expect(users.length).toBeGreaterThan(20);
  });

  it("every file naming a feature's key imports that feature's catalog", () => {
    const missing: string[] = [];
    for (const file of files) {
      if (file.startsWith(I18N)) continue;
      const loaded = closure(file);
      // a key two catalogs share (the same text in both) is there when either is loaded
      const unmet = catalogs
        .flatMap((c) => keysNamed(text.get(file)!, c.keys))
        .filter((key) => !catalogs.some((c) => key in c.vi && loaded.has(c.file)));
      for (const catalog of catalogs) {
        const key = unmet.find((k) => k in catalog.vi);
        if (key) missing.push(`${relative(WEB, file)} → i18n/${relative(I18N, catalog.file)} (${key})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a key in two catalogs says the same in both, and English covers each', () => {
    expect(catalogs.flatMap((c) => c.keys.filter((key) => SHELL.includes(key)))).toEqual([]);
    const differ = catalogs.flatMap((a) =>
      catalogs.flatMap((b) =>
        a.keys.filter((key) => key in b.vi && (a.vi[key] !== b.vi[key] || a.en[key] !== b.en[key])),
      ),
    );
    expect(differ).toEqual([]);
    for (const c of catalogs) expect(Object.keys(c.en).sort()).toEqual([...c.keys].sort());
  });
});

describe('one spelling of a word across the pages and the server', () => {
  it('writes "Xóa" (the tone placement most texts use), never "Xoá"', () => {
    const all = [...files, ...sources(resolve(import.meta.dirname, '../src'))].map((f) =>
      (text.get(f) ?? readFileSync(f, 'utf8')).normalize('NFC'),
    );
    expect(all.filter((code) => /Xóa/u.test(code)).length).toBeGreaterThan(5);
    expect(all.flatMap((code) => code.match(/[^\n']*[Xx]oá[^\n']*/gu) ?? [])).toEqual([]);
  });
});
