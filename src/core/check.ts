/**
 * The checker: rules over a plan's tree and numbers. Pure; the same function checks a document
 * being imported and a stored plan after an edit.
 */
import { compareCodes, parentCode, previousSibling } from './codes.js';
import {
  finding,
  type Finding,
  type FindingParamsOf,
  type ScoreField,
  type Severity,
  type SourceLocation,
} from './findings.js';
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
      const sums = sumParams(node.row[field], statedSum(node.children.map((c) => c.row[field])), field);
      if (sums) {
        findings.push(
          finding(`sum-${field}`, sums.severity, node.row.code, at(node.row, field), {
            ...sums.params,
            parent: node.row.code,
          }),
        );
      }
    }
  }

  const areas = tree.roots.filter((r) => !tree.orphans.includes(r));
  const areaMax = areas.map((a) => a.row.max);
  if (areas.length > 0 && areaMax.every((m) => m !== null)) {
    const computed = sum(areaMax);
    if (computed.units !== 100 * 10_000) {
      const location = doc.totalLocation ? cellLocation(doc, doc.totalLocation, 'max') : null;
      findings.push(finding('areas-not-100', 'warning', null, location, { computed }));
    }
  }

  if (doc.statedTotals) {
    for (const field of SCORE_FIELDS) {
      const sums = sumParams(doc.statedTotals[field], statedSum(areas.map((a) => a.row[field])), field);
      if (sums) {
        const location = doc.totalLocation ? cellLocation(doc, doc.totalLocation, field) : null;
        findings.push(finding(`total-${field}`, sums.severity, null, location, sums.params));
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
    findings.push(
      finding('duplicate-code', 'error', row.code, where(row), {
        code: row.code,
        first: first.location?.line ?? first.location?.row ?? null,
      }),
    );
  }

  for (const node of tree.orphans) {
    findings.push(
      finding('missing-parent', 'error', node.row.code, where(node.row), {
        code: node.row.code,
        parent: parentCode(node.row.code),
      }),
    );
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
      findings.push(
        finding('numbering-gap', 'warning', node.row.code, where(node.row), {
          code: node.row.code,
          previous: before ?? parentCode(node.row.code) ?? '—',
        }),
      );
    }
  }
  return findings;
}

/** A parent or total that disagrees with its children under the rule of core/consistency.ts. */
export function sumParams(
  stated: Score | null,
  computed: Score | null,
  field: ScoreField,
): { severity: Severity; params: FindingParamsOf['total-max'] } | null {
  const agrees = agreement(stated, computed);
  if (agrees === 'exact') return null;
  const rounding = agrees === 'rounding';
  return {
    severity: rounding ? 'warning' : 'error',
    params: { field, stated, computed, difference: difference(stated, computed), rounding: rounding ? 1 : 0 },
  };
}

function checkRow(node: TreeNode<PlanRow>, doc: CheckedPlan): Finding[] {
  const row = node.row;
  const out: Finding[] = [];
  const at = (field: Parameters<typeof cellLocation>[2]) => cellLocation(doc, row.location, field);
  if (row.max === null) {
    out.push(finding('missing-max', 'error', row.code, at('max'), {}));
  }
  for (const field of ['baseline', 'target'] as const) {
    if (row[field] === null) {
      out.push(finding('missing-value', 'warning', row.code, at(field), { field }));
    }
  }
  for (const field of SCORE_FIELDS) {
    const value = row[field];
    if (value !== null && isNegative(value)) {
      out.push(finding('negative-score', 'error', row.code, at(field), { field, value }));
    }
  }
  if (row.max !== null) {
    for (const field of ['baseline', 'target'] as const) {
      const value = row[field];
      if (value !== null && compare(value, row.max) > 0) {
        out.push(
          finding(
            field === 'baseline' ? 'baseline-above-max' : 'target-above-max',
            'error',
            row.code,
            at(field),
            { field, value, max: row.max },
          ),
        );
      }
    }
  }
  if (node.children.length === 0) {
    if (row.baseline !== null && row.target !== null && compare(row.target, row.baseline) < 0) {
      out.push(
        finding('target-below-baseline', 'warning', row.code, at('target'), {
          target: row.target,
          baseline: row.baseline,
        }),
      );
    }
    if (row.leadUnits.trim() === '') {
      out.push(finding('leaf-without-lead-unit', 'warning', row.code, at('lead'), {}));
    }
    if (row.task.trim() === '') {
      out.push(finding('leaf-without-task', 'warning', row.code, at('task'), {}));
    }
  }
  return out;
}
