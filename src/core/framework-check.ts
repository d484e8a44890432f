/**
 * The checker of a criteria framework: its codes (as plans are checked), its max scores, and each
 * scoring rule against its criterion — points that do not fit the max, bands out of order, labels
 * taken twice, gates on nothing or in a cycle. Pure; the reader, the rule editor and publishing use it.
 */
import { codeFindings, sumFinding } from './check.js';
import { statedSum } from './consistency.js';
import type { FrameworkCriterion, FrameworkDocument, ScoringRule } from './framework.js';
import type { Finding, FindingParams, RuleFault, RuleId, Severity } from './findings.js';
import { compare, sum, type Score } from './score.js';
import { isExtra, ruleMaxPoints } from './scoring.js';
import { fold, oneLine } from './text.js';
import { buildTree, type Tree, type TreeNode } from './tree.js';

const HUNDRED = 100 * 10_000;
const FULL_PERCENT = 10_000;

export function checkFramework(doc: FrameworkDocument): Finding[] {
  const tree = buildTree(doc.criteria);
  const findings: Finding[] = codeFindings(tree, (row) => row.location);
  const extra = new Map(tree.nodes.map((n) => [n.row.code, allExtra(n)]));

  for (const node of tree.nodes) {
    const c = node.row;
    const push = (rule: RuleId, severity: Severity, params: FindingParams = {}) =>
      findings.push({ rule, severity, code: c.code, location: c.location, params });
    if (c.max === null && !extra.get(c.code)) push('missing-max', 'error');
    if (node.children.length > 0) {
      // bonus and penalty children add to or take from the area; they are not part of its max
      const counted = node.children.filter((child) => !extra.get(child.row.code));
      if (counted.length === 0 || c.max === null) continue;
      const f = sumFinding('sum-max', c.max, statedSum(counted.map((child) => child.row.max)), 'max');
      if (f)
        findings.push({ ...f, code: c.code, location: c.location, params: { ...f.params, parent: c.code } });
      continue;
    }
    if (c.rule === null) {
      push('leaf-without-rule', 'error');
      continue;
    }
    for (const f of ruleFindings(c, c.rule)) push(f.rule, f.severity, f.params);
  }

  findings.push(...gateFindings(tree));

  const areas = tree.roots.filter((r) => !tree.orphans.includes(r) && !extra.get(r.row.code));
  const areaMax = areas.map((a) => a.row.max);
  if (areas.length > 0 && areaMax.every((m) => m !== null)) {
    const computed = sum(areaMax);
    if (computed.units !== HUNDRED) {
      findings.push({
        rule: 'areas-not-100',
        severity: 'warning',
        code: null,
        location: null,
        params: { computed },
      });
    }
  }
  return findings;
}

/** A criterion that only adds or takes away points: a bonus or penalty leaf, or a parent of only those. */
function allExtra(node: TreeNode<FrameworkCriterion>): boolean {
  if (node.children.length === 0) return isExtra(node.row);
  return node.children.every(allExtra);
}

interface RuleFinding {
  rule: RuleId;
  severity: Severity;
  params: FindingParams;
}

function ruleFindings(c: FrameworkCriterion, rule: ScoringRule): RuleFinding[] {
  const out: RuleFinding[] = [];
  const invalid = (reason: RuleFault) =>
    out.push({ rule: 'rule-invalid', severity: 'error', params: { reason } });
  const negative = (s: Score | null) => s !== null && s.units < 0;

  if ((c.scorer === 'bonus' || c.scorer === 'penalty') && rule.kind !== 'bonus' && rule.kind !== 'penalty') {
    out.push({ rule: 'missing-cap', severity: 'error', params: {} });
  }
  switch (rule.kind) {
    case 'choice':
      if (rule.options.length === 0) invalid('no-options');
      out.push(...duplicateLabels(rule.options.map((o) => o.label)));
      break;
    case 'bands':
      if (rule.bands.length === 0) invalid('no-bands');
      if (rule.bands.some((b) => b.edge !== null && b.edge > FULL_PERCENT)) invalid('edge-above-100');
      out.push(...ratioBandOrder(rule.bands));
      break;
    case 'linear':
      if (rule.floor > FULL_PERCENT || rule.full > FULL_PERCENT) invalid('edge-above-100');
      if (rule.floor > rule.full) invalid('floor-above-full');
      break;
    case 'count':
      if (rule.bands.length === 0 && rule.each === null) invalid('no-count-rule');
      if (negative(rule.each) || rule.bands.some((b) => negative(b.points))) invalid('negative-points');
      if (rule.each === null) out.push(...countBandOrder(rule.bands));
      break;
    case 'parts':
      if (rule.parts.length === 0) invalid('no-parts');
      if (rule.parts.some((p) => negative(p.points))) invalid('negative-points');
      out.push(...duplicateLabels(rule.parts.map((p) => p.label)));
      break;
    case 'all':
      if (rule.conditions.length === 0) invalid('no-conditions');
      if (negative(rule.points)) invalid('negative-points');
      out.push(...duplicateLabels(rule.conditions));
      break;
    case 'gate':
      // the gate's target is checked over the whole tree (gateFindings); its own rule here
      out.push(...ruleFindings(c, rule.rule));
      return out;
    case 'manual':
      if (rule.step.units <= 0) invalid('step-not-positive');
      break;
    case 'survey':
      break;
    case 'bonus':
    case 'penalty':
      if (rule.cap.units <= 0) out.push({ rule: 'missing-cap', severity: 'error', params: {} });
      if (rule.kind === 'penalty' && negative(rule.each)) invalid('negative-points');
      return out;
  }
  if (c.max !== null && !isExtra(c)) {
    const points = ruleMaxPoints(rule, c.max);
    const order = compare(points, c.max);
    if (order > 0) out.push({ rule: 'rule-exceeds-max', severity: 'error', params: { points, max: c.max } });
    if (order < 0) out.push({ rule: 'rule-below-max', severity: 'warning', params: { points, max: c.max } });
  }
  return out;
}

function duplicateLabels(labels: readonly string[]): RuleFinding[] {
  const seen = new Set<string>();
  const out: RuleFinding[] = [];
  for (const label of labels) {
    const key = fold(oneLine(label));
    if (seen.has(key)) out.push({ rule: 'duplicate-option', severity: 'error', params: { label } });
    seen.add(key);
  }
  return out;
}

/**
 * Bands hold top to bottom: each edge strictly below the one before (or the same edge, "> 90 %"
 * then "≥ 90 %"), the open band ("dưới 70 %") last. A band under a higher one is never reached.
 */
function ratioBandOrder(bands: readonly { edge: number | null; strict: boolean }[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!;
    const cur = bands[i]!;
    const below =
      prev.edge !== null &&
      (cur.edge === null || cur.edge < prev.edge || (cur.edge === prev.edge && prev.strict && !cur.strict));
    if (!below) out.push({ rule: 'bands-out-of-order', severity: 'error', params: { band: i + 1 } });
  }
  const last = bands[bands.length - 1];
  if (last && last.edge !== null && (last.edge > 0 || last.strict) && out.length === 0) {
    out.push({ rule: 'bands-incomplete', severity: 'warning', params: { percent: last.edge } });
  }
  return out;
}

/** Count bands go up: "0 lần", "1 lần", "trên 1 lần" (the open band last). */
function countBandOrder(bands: readonly { atMost: number | null }[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!.atMost;
    const cur = bands[i]!.atMost;
    if (prev === null || (cur !== null && cur <= prev)) {
      out.push({ rule: 'bands-out-of-order', severity: 'error', params: { band: i + 1 } });
    }
  }
  const last = bands[bands.length - 1];
  if (last && last.atMost !== null && out.length === 0) {
    out.push({ rule: 'bands-incomplete', severity: 'warning', params: { count: last.atMost } });
  }
  return out;
}

/** The code a leaf's gate depends on, when its rule is a gate. */
function gateOf(c: FrameworkCriterion): string | null {
  return c.rule?.kind === 'gate' ? c.rule.code : null;
}

/**
 * Gates on an unknown code, on the criterion itself (or a parent of it, which sums it), and cycles:
 * a leaf depends on the leaves under its gate's target.
 */
function gateFindings(tree: Tree<FrameworkCriterion>): Finding[] {
  const out: Finding[] = [];
  const edges = new Map<string, string[]>();
  for (const node of tree.nodes) {
    const target = gateOf(node.row);
    if (target === null || node.children.length > 0) continue;
    const c = node.row;
    const push = (rule: RuleId, params: FindingParams = {}) =>
      out.push({ rule, severity: 'error', code: c.code, location: c.location, params });
    const targetNode = tree.byCode.get(target);
    if (!targetNode) {
      push('gate-unknown', { target });
      continue;
    }
    if (target === c.code || c.code.startsWith(`${target}.`)) {
      push('gate-self');
      continue;
    }
    edges.set(c.code, leavesOf(targetNode));
  }
  // depth-first: a node met again while on the path closes a cycle; each cycle reported once
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (code: string) => {
    state.set(code, 'open');
    path.push(code);
    for (const next of edges.get(code) ?? []) {
      const s = state.get(next);
      if (s === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const node = tree.byCode.get(next)!;
        out.push({
          rule: 'gate-cycle',
          severity: 'error',
          code: next,
          location: node.row.location,
          params: { codes: cycle.join(' → ') },
        });
      } else if (s === undefined) {
        visit(next);
      }
    }
    path.pop();
    state.set(code, 'done');
  };
  for (const code of edges.keys()) if (!state.has(code)) visit(code);
  return out;
}

function leavesOf(node: TreeNode<FrameworkCriterion>): string[] {
  if (node.children.length === 0) return [node.row.code];
  return node.children.flatMap(leavesOf);
}
