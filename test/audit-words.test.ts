/**
 * Every action and field the code writes to the audit trail has its words in the catalog
 * (core/messages/audit.ts), so the trail's page and workbook never show a code. Read from the
 * sources with TypeScript's parser (no type check): the string literals an `action:` or `field:`
 * property takes (through `?:` and `as const` too), that a `const action =` holds, and that a call
 * passes where the called function of the same file names its parameter `action` or `field`
 * (evidence.ts#entry, appraisal.ts#followState, users-admin.ts#roleEntry …).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_VALUES, isAuditWord } from '../src/core/messages.js';

const SRC = resolve(import.meta.dirname, '../src');
type Kind = 'action' | 'field';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The string literals an expression can give: itself, either branch of `?:`, under `as`/brackets. */
function literals(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) {
    return literals(node.expression);
  }
  return [];
}

/** What one source writes as actions and fields, each with where. */
function writtenWords(file: string, code: string): { kind: Kind; value: string; at: string }[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: { kind: Kind; value: string; at: string }[] = [];
  const add = (kind: Kind, node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    for (const value of literals(node)) found.push({ kind, value, at: `${file}:${line}` });
  };
  const kindOf = (name: string): Kind | null => (name === 'action' || name === 'field' ? name : null);
  // the functions of the file whose parameters are named action or field: position → kind
  const params = new Map<string, Map<number, Kind>>();
  const collect = (node: ts.Node) => {
    const fn =
      ts.isFunctionDeclaration(node) && node.name
        ? { name: node.name.text, parameters: node.parameters }
        : ts.isVariableDeclaration(node) &&
            ts.isIdentifier(node.name) &&
            node.initializer &&
            (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
          ? { name: node.name.text, parameters: node.initializer.parameters }
          : null;
    if (fn) {
      fn.parameters.forEach((p, i) => {
        const kind = ts.isIdentifier(p.name) ? kindOf(p.name.text) : null;
        if (kind) {
          const map = params.get(fn.name) ?? new Map<number, Kind>();
          params.set(fn.name, map.set(i, kind));
        }
      });
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
      const kind = kindOf(node.name.text);
      if (kind) add(kind, node.initializer);
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const kind = kindOf(node.name.text);
      if (kind) add(kind, node.initializer);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const named = params.get(node.expression.text);
      node.arguments.forEach((arg, i) => {
        const kind = named?.get(i);
        if (kind) add(kind, arg);
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The files that write the trail: they import modules/audit.ts. */
const writers = sources(SRC)
  .map((path) => ({ path, code: readFileSync(path, 'utf8') }))
  .filter(({ code }) => /from '(?:\.\.?\/)+(?:modules\/)?audit\.js'/.test(code));
const written = writers.flatMap(({ path, code }) => writtenWords(relative(SRC, path), code));

describe('the words of every action and field the code writes to the audit trail', () => {
  it('finds the writers and what they write, literals passed to a helper included', () => {
    expect(writers.length).toBeGreaterThan(15);
    const actions = new Set(written.filter((w) => w.kind === 'action').map((w) => w.value));
    // through a ternary (rounds.ts), a helper's parameter (evidence.ts, appraisal.ts, users-admin.ts)
    for (const action of [
      'round.extension_grant',
      'round.extension_refuse',
      'evidence.link',
      'appraisal.return',
      'user.revoke',
      'round.published',
    ]) {
      expect(actions).toContain(action);
    }
    expect(actions.size).toBeGreaterThan(AUDIT_VALUES.action.length * 0.8);
  });

  it('catches an action or a field without words', () => {
    const made = writtenWords(
      'made.ts',
      `const mark = (action: string, field: string) => ({ action, field });
       audit(db, actor, at, [{ action: ok ? 'round.teleport' : 'round.create', field: 'calendar' }]);
       mark('round.vanish', 'colour_of_sky');`,
    );
    const unworded = made.filter((w) => !isAuditWord(w.kind, w.value)).map((w) => w.value);
    expect(unworded).toEqual(['round.teleport', 'round.vanish', 'colour_of_sky']);
  });

  it('has Vietnamese and English words for each of them', () => {
    const missing = written
      .filter((w) => !isAuditWord(w.kind, w.value))
      .map((w) => `${w.kind} ${w.value} (${w.at})`);
    expect(missing).toEqual([]);
  });
});
