/**
 * The progress report of a plan, or of one lead unit in it, on a chosen day: the plan's stored
 * follow-up (status, progress, deadline, note) through core/progress.ts into the report writers.
 * Readers of the whole plan get any unit's report; a lead-unit officer gets its own unit's only.
 */
import type { Kysely } from 'kysely';
import { vietnamDate } from '../core/dates.js';
import { fileSlug, fold, oneLine } from '../core/text.js';
import { progressReport, type ProgressInput } from '../core/progress.js';
import { storedScore } from '../core/score.js';
import { findPlan } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { writeReportDocx } from '../formats/report-docx.js';
import type { ProgressReportDocument } from '../formats/report-layout.js';
import { writeReportXlsx } from '../formats/report-xlsx.js';
import type { PlanView } from '../shared/api.js';
import { parentsForPlan, planAccess, type Actor } from './access.js';
import { AppError } from './errors.js';
import type { ExportFormat } from './plans.js';
import { planView } from './plan-view.js';

export interface ReportRequest {
  planId: number;
  format: ExportFormat;
  /** a lead unit's report; absent for the whole plan (a lead-unit officer gets its own unit's) */
  unitId?: number;
  /** yyyy-mm-dd; today in Vietnam when absent */
  asOf?: string;
}

export interface ReportFile {
  bytes: Uint8Array;
  fileName: string;
}

export async function progressReportDocument(
  db: Kysely<DB>,
  actor: Actor,
  clock: () => Date,
  request: Omit<ReportRequest, 'format'>,
): Promise<{ doc: ProgressReportDocument; unitId: number | null }> {
  const plan = await findPlan(db, request.planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: request.planId });
  const read = planAccess(
    actor,
    'plan.read',
    plan.subject_unit_id,
    await parentsForPlan(db, actor, plan.subject_unit_id),
  );
  if (!read) throw new AppError('FORBIDDEN');
  let unitId = request.unitId;
  if (read.kind === 'lead') {
    // an officer of several lead units names the one whose report it wants
    if (unitId === undefined && read.units.size === 1) unitId = [...read.units][0];
    if (unitId === undefined || !read.units.has(unitId)) throw new AppError('FORBIDDEN');
  }
  const view = await planView(db, request.planId);
  const unit = unitId === undefined ? null : view.units.find((u) => u.id === unitId);
  if (unit === undefined) throw new AppError('UNIT_NOT_FOUND', { id: unitId ?? 0 });
  const asOf = request.asOf ?? vietnamDate(clock());
  const mine = unit === null ? null : unitRows(view, unit.id);
  const doc = {
    subject: view.subject.name,
    year: view.year,
    unit: unit?.name ?? null,
    report: progressReport(progressInputs(view), asOf, (r) => mine === null || mine.has(r.code)),
  };
  return { doc, unitId: unit?.id ?? null };
}

/** The report as XLSX or DOCX, with a file name that says whose and on which day. */
export async function exportProgressReport(
  db: Kysely<DB>,
  actor: Actor,
  clock: () => Date,
  request: ReportRequest,
): Promise<ReportFile> {
  const { doc, unitId } = await progressReportDocument(db, actor, clock, request);
  const bytes = request.format === 'xlsx' ? await writeReportXlsx(doc) : await writeReportDocx(doc);
  // whose plan, which year, which lead unit's part (its name, else its id), on which day
  const subject = fileSlug(doc.subject) || String(request.planId);
  const unitPart = doc.unit === null ? '' : `-${fileSlug(doc.unit) || `don-vi-${unitId}`}`;
  return {
    bytes,
    fileName: `bao-cao-tien-do-${subject}-${doc.year}${unitPart}-${doc.report.asOf}.${request.format}`,
  };
}

/** The codes of the rows where a unit leads or supports a task (the rows its officer reads). */
function unitRows(view: PlanView, unitId: number): Set<string> {
  return new Set(
    view.rows
      .filter((r) => r.task && [...r.task.leadUnits, ...r.task.supportUnits].some((u) => u.id === unitId))
      .map((r) => r.code),
  );
}

export function progressInputs(view: PlanView): ProgressInput[] {
  return view.rows.map((r) => ({
    code: r.code,
    name: r.name,
    max: storedScore(r.max),
    baseline: storedScore(r.baseline),
    task: r.task && {
      text: r.task.text,
      status: r.task.status,
      progress: r.task.progress,
      deadline: r.task.deadline,
      deadlineText: r.task.deadlineText,
      note: r.task.progressNote,
      leadUnits:
        r.task.leadUnits.length > 0
          ? r.task.leadUnits.map((u) => u.name)
          : r.task.leadUnitsText.trim() === ''
            ? []
            : [r.task.leadUnitsText.trim()],
    },
  }));
}

/** The units of a plan's subject whose name is this one, diacritics and case aside (for the CLI). */
export async function planUnitsNamed(
  db: Kysely<DB>,
  planId: number,
  name: string,
): Promise<{ id: number; name: string }[]> {
  const view = await planView(db, planId);
  const wanted = fold(oneLine(name));
  return view.units.filter((u) => fold(oneLine(u.name)) === wanted).map((u) => ({ id: u.id, name: u.name }));
}
