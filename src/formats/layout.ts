/**
 * The official layout of an improvement-plan appendix, shared by the XLSX and DOCX writers: the
 * seven columns in their order, their titles for a given year, and the rows in tree order.
 */
import type { PlanDocument, PlanRow } from '../core/plan.js';
import { buildTree, walk, type TreeNode } from '../core/tree.js';

export interface LayoutColumn {
  title: string;
  /** relative width: characters in a spreadsheet, a share of the page in Word */
  width: number;
  kind: 'code' | 'text' | 'score';
}

export function officialColumns(plan: Pick<PlanDocument, 'year' | 'baselineYear'>): LayoutColumn[] {
  const baseline =
    plan.baselineYear === null ? 'Điểm năm trước đạt được' : `Điểm ${plan.baselineYear} đạt được`;
  const target = plan.year === null ? 'Mục tiêu' : `Mục tiêu năm ${plan.year}`;
  return [
    { title: 'STT', width: 8, kind: 'code' },
    { title: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', width: 46, kind: 'text' },
    { title: 'Điểm chuẩn', width: 10, kind: 'score' },
    { title: baseline, width: 12, kind: 'score' },
    { title: target, width: 12, kind: 'score' },
    { title: 'Nhiệm vụ/giải pháp', width: 58, kind: 'text' },
    { title: 'Đơn vị chủ trì', width: 26, kind: 'text' },
  ];
}

export const TOTAL_LABEL = 'TỔNG ĐIỂM';

/** Rows in tree order (parents before their children), each with its node. */
export function layoutRows(plan: Pick<PlanDocument, 'rows'>): TreeNode<PlanRow>[] {
  const tree = buildTree(plan.rows);
  const out: TreeNode<PlanRow>[] = [];
  walk(tree.roots, (n) => out.push(n));
  return out;
}

export function titleLines(plan: Pick<PlanDocument, 'label' | 'title' | 'subtitle'>): {
  label: string;
  title: string | null;
  subtitle: string | null;
} {
  return { label: plan.label ?? 'PHỤ LỤC', title: plan.title, subtitle: plan.subtitle };
}
