/**
 * The official layout of a criteria framework (bộ tiêu chí), shared by the XLSX and DOCX writers:
 * STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Cách tính điểm | Tài liệu kiểm chứng,
 * and "Đơn vị theo dõi" when any criterion names the department that follows it; the title with the
 * years and the line "Ban hành kèm theo Quyết định số …"; the rows in tree order; each criterion's
 * method text.
 */
import type { FrameworkCriterion, FrameworkDocument, ScoringRule } from '../core/framework.js';
import { MANUAL_STEP, recognizeMethod } from '../core/method-text.js';
import { describeRule } from '../core/rule-text.js';
import { isExtra } from '../core/scoring.js';
import { buildTree, walk, type TreeNode } from '../core/tree.js';
import { applyGateStatements } from './framework-read.js';
import type { LayoutColumn } from './layout.js';

export const FRAMEWORK_TOTAL_LABEL = 'TỔNG ĐIỂM';

export type FrameworkField = 'code' | 'name' | 'max' | 'method' | 'evidence' | 'followedBy';

export interface FrameworkColumn extends LayoutColumn {
  field: FrameworkField;
}

export function frameworkColumns(doc: Pick<FrameworkDocument, 'criteria'>): FrameworkColumn[] {
  const columns: FrameworkColumn[] = [
    { field: 'code', title: 'STT', width: 7, kind: 'code' },
    { field: 'name', title: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', width: 44, kind: 'text' },
    { field: 'max', title: 'Điểm tối đa', width: 9, kind: 'score' },
    { field: 'method', title: 'Cách tính điểm', width: 52, kind: 'text' },
    { field: 'evidence', title: 'Tài liệu kiểm chứng', width: 40, kind: 'text' },
  ];
  if (doc.criteria.some((c) => (c.followedBy ?? '').trim() !== '')) {
    columns.push({ field: 'followedBy', title: 'Đơn vị theo dõi', width: 20, kind: 'text' });
  }
  return columns;
}

/** The title (with the years when it does not say them) and the issuing decision's line. */
export function frameworkTitleLines(
  doc: Pick<FrameworkDocument, 'title' | 'decision' | 'yearFrom' | 'yearTo'>,
): { title: string; decision: string | null } {
  let title = (doc.title ?? '').trim() || 'BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH';
  const { yearFrom, yearTo } = doc;
  if (yearFrom !== null && !title.includes(String(yearFrom))) {
    title +=
      yearTo === null || yearTo === yearFrom ? ` NĂM ${yearFrom}` : ` GIAI ĐOẠN ${yearFrom} - ${yearTo}`;
  }
  if (doc.decision === null) return { title, decision: null };
  const date = doc.decision.date === null ? '' : ` ngày ${dayMonthYear(doc.decision.date)}`;
  return { title, decision: `(Ban hành kèm theo Quyết định số ${doc.decision.number}${date})` };
}

/** "2025-11-17" → "17/11/2025"; anything else as it is. */
function dayMonthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Rows in tree order (parents before their children), each with its node. */
export function frameworkRows(doc: Pick<FrameworkDocument, 'criteria'>): TreeNode<FrameworkCriterion>[] {
  const out: TreeNode<FrameworkCriterion>[] = [];
  walk(buildTree(doc.criteria).roots, (n) => out.push(n));
  return out;
}

/**
 * The children a parent's maximum adds up: bonus and penalty criteria are not part of it, unless
 * the parent holds nothing else (the area "Điểm thưởng, điểm trừ").
 */
export function summedChildren(node: TreeNode<FrameworkCriterion>): TreeNode<FrameworkCriterion>[] {
  const counted = node.children.filter((c) => !isExtra(c.row));
  return counted.length > 0 ? counted : node.children;
}

/** The areas the total adds up (bonus and penalty areas stand beside it). */
export function summedRoots(nodes: readonly TreeNode<FrameworkCriterion>[]): TreeNode<FrameworkCriterion>[] {
  return nodes.filter((n) => n.parent === null && !isExtra(n.row) && !allExtra(n));
}

function allExtra(node: TreeNode<FrameworkCriterion>): boolean {
  return node.children.length > 0 && node.children.every((c) => isExtra(c.row) || allExtra(c));
}

/**
 * The method text printed for each criterion: the document's own words while they still say what
 * the rule does — read back as the reader reads them (core/method-text.ts, then the gate sentences
 * across criteria) they give the same rule, or no rule for a rule scored by hand — and otherwise (a
 * rule set by hand, or no text) the rule in describeRule's words, so that reading the printed
 * framework back gives the same rule.
 */
export function printedMethods(doc: Pick<FrameworkDocument, 'criteria'>): Map<string, string> {
  const unrecognised = new Set<string>();
  const read = doc.criteria.map((c) => {
    if (c.rule === null) return { ...c };
    const rule = recognizeMethod(c.method, c.max, c.scorer);
    if (rule === null) unrecognised.add(c.code);
    return { ...c, rule: rule ?? { kind: 'manual' as const, step: MANUAL_STEP } };
  });
  applyGateStatements(read);
  const out = new Map<string, string>();
  doc.criteria.forEach((c, i) => {
    const written = c.method.trim();
    const kept =
      c.rule === null ||
      (written !== '' &&
        (sameRule(read[i]!.rule, c.rule) || (unrecognised.has(c.code) && c.rule.kind === 'manual')));
    out.set(c.code, kept ? written : describeRule(c.rule!, 'vi', c.max));
  });
  return out;
}

/** Two rules alike, scores compared by value (a written "1,0" is the rule's 1). */
export function sameRule(a: ScoringRule | null, b: ScoringRule | null): boolean {
  return JSON.stringify(a, byValue) === JSON.stringify(b, byValue);
}

function byValue(key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'units' in value && 'scale' in value) {
    return (value as { units: number }).units;
  }
  return value;
}
