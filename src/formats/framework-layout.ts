/**
 * The official layout of a criteria framework (bộ tiêu chí), shared by the XLSX and DOCX writers:
 * STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Cách tính điểm | Tài liệu kiểm chứng,
 * and "Đơn vị theo dõi" when any criterion names the department that follows it; the title with the
 * years and the line "Ban hành kèm theo Quyết định số …"; the rows in tree order; each criterion's
 * method text.
 */
import type { FrameworkCriterion, FrameworkDocument, ScoringRule } from '../core/framework.js';
import { describeRule } from '../core/rule-text.js';
import { isExtra } from '../core/scoring.js';
import { buildTree, walk, type TreeNode } from '../core/tree.js';
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

/** How a method text reads as a rule (core/method-text.ts#recognizeMethod): null when it matches no pattern. */
export type RuleOfText = (text: string, c: Pick<FrameworkCriterion, 'max' | 'scorer'>) => ScoringRule | null;

/**
 * The method text printed for a criterion: the document's own words while they still say what the
 * rule does (a text no pattern matches stays as the instructions of a rule scored by hand); a rule
 * set by hand (no text, or a text that says something else) in describeRule's words, so that
 * reading the printed framework back gives the same rule.
 */
export function methodText(
  c: Pick<FrameworkCriterion, 'method' | 'rule' | 'max' | 'scorer'>,
  ruleOfText: RuleOfText,
): string {
  const written = c.method.trim();
  if (c.rule === null) return written;
  if (written !== '') {
    const read = ruleOfText(written, c);
    if (read === null ? c.rule.kind === 'manual' : sameRule(read, c.rule)) return written;
  }
  return describeRule(c.rule, 'vi', c.max);
}

/** The evidence column: the criterion's, or each part's on its own line when only the parts say it. */
export function evidenceText(c: Pick<FrameworkCriterion, 'evidence' | 'rule'>): string {
  if (c.evidence.trim() !== '' || c.rule?.kind !== 'parts') return c.evidence;
  return c.rule.parts
    .filter((p) => p.evidence.trim() !== '')
    .map((p) => `- ${p.evidence}`)
    .join('\n');
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
