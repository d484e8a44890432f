/**
 * The progress report's layout shared by its XLSX and DOCX writers: the dated title, the columns
 * of the task list and of the summary tables, the Vietnamese labels of statuses and overdue marks.
 */
import { formatDateVi } from '../core/dates.js';
import type { ProgressCounts, ProgressReport, ProgressRow, ProgressStatus } from '../core/progress.js';

export interface ProgressReportDocument {
  subject: string;
  year: number;
  /** the lead unit of a unit's report; null for the whole plan */
  unit: string | null;
  report: ProgressReport;
}

export const STATUS_LABEL: Record<ProgressStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  at_risk: 'Có nguy cơ chậm',
  done: 'Hoàn thành',
};

export function reportTitle(doc: ProgressReportDocument): string {
  return (
    `Báo cáo tiến độ thực hiện Kế hoạch cải thiện Chỉ số CCHC năm ${doc.year} của ${doc.subject}` +
    ` — tính đến ngày ${formatDateVi(doc.report.asOf)}`
  );
}

export function reportSubtitle(doc: ProgressReportDocument): string | null {
  return doc.unit === null ? null : `Đơn vị: ${doc.unit}`;
}

export function overdueLabel(row: Pick<ProgressRow, 'overdueDays'>): string {
  return row.overdueDays === null ? '' : `Quá hạn ${row.overdueDays} ngày`;
}

/** The deadline as a date, else as the document wrote it ("Quý II/2023"), else "Chưa có thời hạn". */
export function deadlineLabel(row: Pick<ProgressRow, 'deadline' | 'deadlineText'>): string {
  if (row.deadline !== null) return formatDateVi(row.deadline);
  return row.deadlineText.trim() === '' ? 'Chưa có thời hạn' : row.deadlineText.trim();
}

export interface ReportColumn {
  title: string;
  /** characters in a spreadsheet, a share of the page in Word */
  width: number;
  align: 'left' | 'center' | 'right';
}

export const TASK_COLUMNS: readonly ReportColumn[] = [
  { title: 'STT', width: 7, align: 'center' },
  { title: 'Tiêu chí/Tiêu chí thành phần', width: 30, align: 'left' },
  { title: 'Nhiệm vụ/giải pháp', width: 38, align: 'left' },
  { title: 'Đơn vị chủ trì', width: 18, align: 'left' },
  { title: 'Thời hạn', width: 12, align: 'center' },
  { title: 'Trạng thái', width: 15, align: 'center' },
  { title: 'Tiến độ', width: 9, align: 'center' },
  { title: 'Ghi chú', width: 24, align: 'left' },
  { title: 'Quá hạn', width: 15, align: 'center' },
];

export const SUMMARY_COLUMNS = (first: string): readonly ReportColumn[] => [
  { title: first, width: 52, align: 'left' },
  { title: 'Số nhiệm vụ', width: 9, align: 'center' },
  { title: 'Hoàn thành', width: 10, align: 'center' },
  { title: 'Đang thực hiện', width: 10, align: 'center' },
  { title: 'Có nguy cơ chậm', width: 10, align: 'center' },
  { title: 'Chưa thực hiện', width: 10, align: 'center' },
  { title: 'Quá hạn', width: 9, align: 'center' },
  { title: 'Tỷ lệ hoàn thành', width: 10, align: 'center' },
  { title: 'Điểm còn thiếu', width: 10, align: 'center' },
  { title: 'Trong đó nhiệm vụ chưa hoàn thành', width: 13, align: 'center' },
];

/** The counts of a summary line in the order of SUMMARY_COLUMNS after the first. */
export function countCells(c: ProgressCounts): {
  counts: number[];
  donePercent: number;
  atStake: ProgressCounts['atStake'];
  atStakeOpen: ProgressCounts['atStakeOpen'];
} {
  return {
    counts: [
      c.tasks,
      c.byStatus.done,
      c.byStatus.in_progress,
      c.byStatus.at_risk,
      c.byStatus.not_started,
      c.overdue,
    ],
    donePercent: c.donePercent,
    atStake: c.atStake,
    atStakeOpen: c.atStakeOpen,
  };
}

export const SUMMARY_HEADING = 'TỔNG HỢP TIẾN ĐỘ';
export const TASKS_HEADING = 'CHI TIẾT NHIỆM VỤ';
export const BY_AREA = 'Theo lĩnh vực';
export const BY_UNIT = 'Theo đơn vị chủ trì';
export const TOTAL_LABEL = 'Tổng cộng';

/** One line of headline figures under the title. */
export function headline(c: ProgressCounts): string {
  return (
    `Tổng số ${c.tasks} nhiệm vụ: hoàn thành ${c.byStatus.done} (${c.donePercent}%), ` +
    `đang thực hiện ${c.byStatus.in_progress}, có nguy cơ chậm ${c.byStatus.at_risk}, ` +
    `chưa thực hiện ${c.byStatus.not_started}; quá hạn ${c.overdue}.`
  );
}
