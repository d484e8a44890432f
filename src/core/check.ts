/**
 * The checker: rules over a plan's tree and numbers. Pure; the same function checks a document
 * being imported and a stored plan after an edit.
 */
import { compareCodes, parentCode, previousSibling } from './codes.js';
import type { Finding, ScoreField, Severity, SourceLocation } from './findings.js';
import { cellLocation, SCORE_FIELDS, type PlanDocument, type PlanRow } from './plan.js';
import { agreement, difference, statedSum } from './consistency.js';
import { compare, isNegative, sum, type Score } from './score.js';
import { buildTree, type Tree, type TreeNode } from './tree.js';

type CheckedPlan = Pick<PlanDocument, 'rows' | 'statedTotals' | 'totalLocation' | 'columns'>;

export function checkPlan(doc: CheckedPlan): Finding[] {
  const findings: Finding[] = [];
  const tree = buildTree(doc.rows);
  const at = (row: PlanRow, role: Parameters<typeof cellLocation>[2]) =>
    cellLocation(doc, row.location, role);

  findings.push(...codeFindings(tree, (row) => at(row, 'code')));

  for (const node of tree.nodes) findings.push(...checkRow(node, doc));

  for (const node of tree.nodes) {
    if (node.children.length === 0) continue;
    for (const field of SCORE_FIELDS) {
      const stated = node.row[field];
      const finding = sumFinding(
        `sum-${field}`,
        stated,
        statedSum(node.children.map((c) => c.row[field])),
        field,
      );
      if (finding) {
        findings.push({
          ...finding,
          code: node.row.code,
          location: at(node.row, field),
          params: { ...finding.params, parent: node.row.code },
        });
      }
    }
  }

  const areas = tree.roots.filter((r) => !tree.orphans.includes(r));
  const areaMax = areas.map((a) => a.row.max);
  if (areas.length > 0 && areaMax.every((m) => m !== null)) {
    const computed = sum(areaMax);
    if (computed.units !== 100 * 10_000) {
      findings.push({
        rule: 'areas-not-100',
        severity: 'warning',
        code: null,
        location: doc.totalLocation ? cellLocation(doc, doc.totalLocation, 'max') : null,
        params: { computed },
      });
    }
  }

  if (doc.statedTotals) {
    for (const field of SCORE_FIELDS) {
      const stated = doc.statedTotals[field];
      const finding = sumFinding(`total-${field}`, stated, statedSum(areas.map((a) => a.row[field])), field);
      if (finding) {
        findings.push({
          ...finding,
          location: doc.totalLocation ? cellLocation(doc, doc.totalLocation, field) : null,
        });
      }
    }
  }
  return findings;
}

/**
 * What the codes of a criteria tree say, for plans and frameworks alike: a code taken twice, a
 * parent that is absent, a gap in the numbering. `where` locates a row's code cell.
 */
export function codeFindings<R extends { code: string; location: SourceLocation | null }>(
  tree: Tree<R>,
  where: (row: R) => SourceLocation | null,
): Finding[] {
  const findings: Finding[] = [];
  for (const { row, first } of tree.duplicates) {
    findings.push({
      rule: 'duplicate-code',
      severity: 'error',
      code: row.code,
      location: where(row),
      params: { code: row.code, first: first.location?.line ?? first.location?.row ?? null },
    });
  }

  for (const node of tree.orphans) {
    findings.push({
      rule: 'missing-parent',
      severity: 'error',
      code: node.row.code,
      location: where(node.row),
      params: { code: node.row.code, parent: parentCode(node.row.code) },
    });
  }

  for (const node of tree.nodes) {
    const prev = previousSibling(node.row.code);
    if (prev !== null && !tree.byCode.has(prev)) {
      const siblings = node.parent ? node.parent.children : tree.roots;
      const before = siblings
        .map((s) => s.row.code)
        .filter((c) => parentCode(c) === parentCode(node.row.code) && compareCodes(c, node.row.code) < 0)
        .sort(compareCodes)
        .pop();
      findings.push({
        rule: 'numbering-gap',
        severity: 'warning',
        code: node.row.code,
        location: where(node.row),
        params: { code: node.row.code, previous: before ?? parentCode(node.row.code) ?? '—' },
      });
    }
  }

  return findings;
}

/** A parent or total that disagrees with its children under the rule of core/consistency.ts. */
export function sumFinding(
  rule: `sum-${ScoreField}` | `total-${ScoreField}`,
  stated: Score | null,
  computed: Score | null,
  field: ScoreField,
): Finding | null {
  const agrees = agreement(stated, computed);
  if (agrees === 'exact') return null;
  const rounding = agrees === 'rounding';
  const severity: Severity = rounding ? 'warning' : 'error';
  return {
    rule,
    severity,
    code: null,
    location: null,
    params: { field, stated, computed, difference: difference(stated, computed), rounding: rounding ? 1 : 0 },
  };
}

function checkRow(node: TreeNode<PlanRow>, doc: CheckedPlan): Finding[] {
  const row = node.row;
  const out: Finding[] = [];
  const push = (f: Omit<Finding, 'code'>) => out.push({ ...f, code: row.code });
  if (row.max === null) {
    push({
      rule: 'missing-max',
      severity: 'error',
      location: cellLocation(doc, row.location, 'max'),
      params: {},
    });
  }
  for (const field of ['baseline', 'target'] as const) {
    if (row[field] === null) {
      push({
        rule: 'missing-value',
        severity: 'warning',
        location: cellLocation(doc, row.location, field),
        params: { field },
      });
    }
  }
  for (const field of SCORE_FIELDS) {
    const value = row[field];
    if (value !== null && isNegative(value)) {
      push({
        rule: 'negative-score',
        severity: 'error',
        location: cellLocation(doc, row.location, field),
        params: { field, value },
      });
    }
  }
  if (row.max !== null) {
    for (const field of ['baseline', 'target'] as const) {
      const value = row[field];
      if (value !== null && compare(value, row.max) > 0) {
        push({
          rule: field === 'baseline' ? 'baseline-above-max' : 'target-above-max',
          severity: 'error',
          location: cellLocation(doc, row.location, field),
          params: { field, value, max: row.max },
        });
      }
    }
  }
  if (node.children.length === 0) {
    if (row.baseline !== null && row.target !== null && compare(row.target, row.baseline) < 0) {
      push({
        rule: 'target-below-baseline',
        severity: 'warning',
        location: cellLocation(doc, row.location, 'target'),
        params: { target: row.target, baseline: row.baseline },
      });
    }
    if (row.leadUnits.trim() === '') {
      push({
        rule: 'leaf-without-lead-unit',
        severity: 'warning',
        location: cellLocation(doc, row.location, 'lead'),
        params: {},
      });
    }
    if (row.task.trim() === '') {
      push({
        rule: 'leaf-without-task',
        severity: 'warning',
        location: cellLocation(doc, row.location, 'task'),
        params: {},
      });
    }
  }
  return out;
}
