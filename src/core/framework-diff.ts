/**
 * What changed between two versions of a framework: criteria matched by code; per criterion the
 * fields that differ (name, max, method and evidence texts, scorer, not-applicable policy, who
 * follows it, its rule). Rules compare by content: the order of an object's keys and the decimals a
 * score is written with (0,5 or 0,50) do not make a change. Pure.
 */
import type { FrameworkCriterion, ScoringRule } from './framework.js';
import { decimalOrNull } from './score.js';

export type FrameworkDiffField =
  'name' | 'max' | 'method' | 'evidence' | 'scorer' | 'notApplicable' | 'followedBy' | 'rule';

export interface FrameworkDiffRow {
  code: string;
  name: string;
  kind: 'added' | 'removed' | 'changed';
  /** old → new per field; scores as decimal strings, a rule as its JSON; empty for added and removed rows */
  changes: { field: FrameworkDiffField; old: string | null; new: string | null }[];
  oldRule: ScoringRule | null;
  newRule: ScoringRule | null;
}

export interface FrameworkDiffResult {
  added: number;
  removed: number;
  changed: number;
  /** the later version's order, then the removed criteria in the earlier one's */
  rows: FrameworkDiffRow[];
}

type Comparable = Pick<
  FrameworkCriterion,
  'code' | 'name' | 'max' | 'method' | 'evidence' | 'scorer' | 'notApplicable' | 'followedBy' | 'rule'
>;

/** A value as JSON with object keys sorted and scores without their written decimals. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const keys = entries.map(([k]) => k).sort();
    // a score: only its value counts
    if (keys.length === 2 && keys[0] === 'scale' && keys[1] === 'units') {
      return { units: (value as { units: number }).units };
    }
    return Object.fromEntries(
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

function fieldsOf(c: Comparable): Record<FrameworkDiffField, string | null> {
  return {
    name: c.name,
    max: decimalOrNull(c.max),
    method: c.method,
    evidence: c.evidence,
    scorer: c.scorer,
    notApplicable: c.notApplicable,
    followedBy: c.followedBy,
    rule: c.rule === null ? null : JSON.stringify(c.rule),
  };
}

const FIELDS: readonly FrameworkDiffField[] = [
  'name',
  'max',
  'method',
  'evidence',
  'scorer',
  'notApplicable',
  'followedBy',
  'rule',
];

export function diffFrameworks(from: readonly Comparable[], to: readonly Comparable[]): FrameworkDiffResult {
  const before = new Map(from.map((c) => [c.code, c]));
  const after = new Set(to.map((c) => c.code));
  const rows: FrameworkDiffRow[] = [];
  for (const c of to) {
    const old = before.get(c.code);
    if (!old) {
      rows.push({ code: c.code, name: c.name, kind: 'added', changes: [], oldRule: null, newRule: c.rule });
      continue;
    }
    const a = fieldsOf(old);
    const b = fieldsOf(c);
    const changes = FIELDS.filter((f) =>
      f === 'rule' ? canonicalJson(old.rule) !== canonicalJson(c.rule) : a[f] !== b[f],
    ).map((field) => ({ field, old: a[field], new: b[field] }));
    if (changes.length > 0) {
      rows.push({ code: c.code, name: c.name, kind: 'changed', changes, oldRule: old.rule, newRule: c.rule });
    }
  }
  for (const c of from) {
    if (!after.has(c.code)) {
      rows.push({ code: c.code, name: c.name, kind: 'removed', changes: [], oldRule: c.rule, newRule: null });
    }
  }
  const count = (kind: FrameworkDiffRow['kind']) => rows.filter((r) => r.kind === kind).length;
  return { added: count('added'), removed: count('removed'), changed: count('changed'), rows };
}
