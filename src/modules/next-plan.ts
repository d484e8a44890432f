/**
 * Next year's plan from a unit's result (issue 12.6): the result's per-criterion scores, the next
 * year's framework for the unit's group (through the stored crosswalk, else one proposed by
 * core/crosswalk.ts) and this year's plan of the unit → core/next-plan.ts's draft. A dry run answers
 * the proposed rows; otherwise the draft is written in the official layout (formats/xlsx-write.ts) and
 * stored through the plans' own import (imports.ts#importPlans: the reader, the checker, the unit
 * resolution, the framework, the audit), so the stored plan is exactly what its appendix re-imports as.
 */
import type { Kysely } from 'kysely';
import {
  proposeNextPlan,
  type AchievedCriterion,
  type LastPlanRow,
  type NextCriterion,
  type NextPlanDraft,
  type Recovery,
} from '../core/next-plan.js';
import type { PlanDocument } from '../core/plan.js';
import { add, decimalOrNull, fromDecimalString, storedScore, type Score } from '../core/score.js';
import { findSubject, type Subject } from '../core/subject.js';
import type { FollowUpStatus } from '../core/follow-up.js';
import { crosswalkRows, findFrameworkRow, frameworkCriteria } from '../db/frameworks-repo.js';
import { findPlanBySubjectYear } from '../db/plans-repo.js';
import {
  findResult,
  resultParts,
  resultScores,
  resultUnits,
  resultsOfUnits,
  type ResultRecord,
} from '../db/results-repo.js';
import type { DB } from '../db/schema.js';
import { allUnits, findUnit } from '../db/units-repo.js';
import { unitKey } from '../core/units.js';
import { writeDocx } from '../formats/docx-write.js';
import { writeXlsx } from '../formats/xlsx-write.js';
import type { NextPlanBody, NextPlanCreated, NextPlanPreview, NextPlanRow } from '../shared/api/next-plan.js';
import { parentsFor, requireWholePlan, type Actor } from './access.js';
import { audit } from './audit.js';
import { AppError } from './errors.js';
import { frameworkInForce } from './frameworks.js';
import { storedDiffRows } from './import-merge.js';
import { importPlans, resolveImportTarget, type ImportDeps } from './imports.js';

export interface NextPlanRequest {
  /** absent: the result's year + 1 */
  year?: number | undefined;
  recovery: Readonly<
    Record<string, { mode: 'full' } | { mode: 'share'; share: string } | { mode: 'manual' }>
  >;
  dryRun: boolean;
}

/** What the draft was made from, beside the draft itself. */
export interface NextPlanProposal {
  draft: NextPlanDraft;
  result: ResultRecord;
  unit: { id: number; name: string };
  subject: Subject;
  framework: { id: number | null; name: string; crosswalk: boolean };
  lastPlanId: number | null;
  existingPlanId: number | null;
}

/** The draft of a unit's next-year plan from one of its results (no rights checked: callers do). */
export async function proposeFromResult(
  db: Kysely<DB>,
  resultId: number,
  unitId: number,
  year: number,
  recovery: NextPlanRequest['recovery'],
): Promise<NextPlanProposal> {
  const result = await findResult(db, resultId);
  if (!result) throw new AppError('RESULT_NOT_FOUND', { id: resultId });
  const resultUnit = (await resultUnits(db, resultId)).find((u) => u.unit_id === unitId);
  const unit = await findUnit(db, unitId);
  if (!resultUnit || !unit) throw new AppError('RESULT_UNIT_NOT_FOUND', { resultId, unitId });
  const subject = findSubject([unit.name]);
  if (!subject) throw new AppError('NEXT_PLAN_SUBJECT', { subject: unit.name });

  const parts = await resultParts(db, resultId);
  const scores = new Map(
    (await resultScores(db, resultId, [resultUnit.id])).map((s) => [s.code, storedScore(s.score)]),
  );
  const achieved: AchievedCriterion[] = parts
    .filter((p) => p.kind === 'criterion')
    .map((p) => ({ code: p.code, name: p.name, score: scores.get(p.code) ?? null }));
  if (!achieved.some((a) => a.score !== null)) {
    throw new AppError('NEXT_PLAN_NO_CRITERIA', { unit: unit.name, resultId });
  }

  const next = await nextFramework(db, result, subject, year);
  const criteria: NextCriterion[] =
    next?.criteria ??
    // no framework stored at all: the result's own areas and criteria with their max
    parts
      .filter((p) => p.kind !== 'component')
      .map((p) => ({ code: p.code, rawCode: p.code, name: p.name, max: storedScore(p.max) }));
  let crosswalk: { fromCode: string; toCode: string | null }[] | null = null;
  if (next && result.framework_id !== null) {
    crosswalk =
      next.id === result.framework_id
        ? achieved.map((a) => ({ fromCode: a.code, toCode: a.code }))
        : (await crosswalkRows(db, result.framework_id, next.id)).map((r) => ({
            fromCode: r.from_code,
            toCode: r.to_code,
          }));
    if (crosswalk.length === 0) crosswalk = null;
  }

  const lastPlan = await findPlanBySubjectYear(db, unitId, result.year);
  const lastRows: LastPlanRow[] = lastPlan
    ? (await storedDiffRows(db, lastPlan.id)).flatMap((row) =>
        row.tasks.length === 0
          ? []
          : row.tasks.map((t) => ({
              code: row.code,
              task: t.text,
              leadUnits: t.leadUnits.join('; '),
              status: t.followUp.status as FollowUpStatus,
            })),
      )
    : [];
  const draft = proposeNextPlan({
    subject: subject.name,
    year,
    resultYear: result.year,
    criteria,
    achieved,
    crosswalk,
    lastPlan: lastRows,
    recovery: recoveryOf(recovery),
  });
  const existing = await findPlanBySubjectYear(db, unitId, year);
  return {
    draft,
    result,
    unit: { id: unit.id, name: unit.name },
    subject,
    framework: {
      id: next?.id ?? null,
      name: next?.name ?? result.title,
      crosswalk: next !== null && result.framework_id !== null && next.id !== result.framework_id,
    },
    lastPlanId: lastPlan?.id ?? null,
    existingPlanId: existing?.id ?? null,
  };
}

/**
 * The framework the next year's plan follows: the newest version published or in use for the unit's
 * group in that year; else the result's own framework; else none (the result's parts are used).
 */
async function nextFramework(
  db: Kysely<DB>,
  result: ResultRecord,
  subject: Subject,
  year: number,
): Promise<{ id: number; name: string; criteria: NextCriterion[] } | null> {
  const chosen =
    (await frameworkInForce(db, subject.group, year)) ??
    (result.framework_id === null ? undefined : await findFrameworkRow(db, result.framework_id));
  if (!chosen) return null;
  const rows = await frameworkCriteria(db, chosen.id);
  return {
    id: chosen.id,
    name: chosen.name,
    criteria: rows.map((c) => ({
      code: c.code,
      rawCode: c.raw_code === '' ? c.code : c.raw_code,
      name: c.name,
      max: storedScore(c.max_score),
    })),
  };
}

function recoveryOf(given: NextPlanRequest['recovery']): Record<string, Recovery> {
  return Object.fromEntries(
    Object.entries(given).map(([area, r]) => [
      area,
      r.mode === 'share' ? { mode: 'share', share: fromDecimalString(r.share) } : r,
    ]),
  );
}

export async function nextPlan(
  deps: ImportDeps,
  actor: Actor,
  resultId: number,
  unitId: number,
  body: NextPlanRequest,
): Promise<NextPlanPreview | NextPlanCreated> {
  // the result first (404), then the right to plan for the unit (403), then the draft
  const result = await findResult(deps.db, resultId);
  if (!result) throw new AppError('RESULT_NOT_FOUND', { id: resultId });
  requireWholePlan(actor, 'plan.import', unitId, await parentsFor(deps.db, actor));
  const year = body.year ?? result.year + 1;
  const proposal = await proposeFromResult(deps.db, resultId, unitId, year, body.recovery);
  if (body.dryRun) return previewOf(proposal);
  return { dryRun: false, planId: await storeDraft(deps, actor, proposal, body.recovery) };
}

/**
 * Stores the draft as the unit's plan through the import: refused when the unit has a plan of that
 * year (checked again inside the import's transaction), audited as drafted from the result.
 */
export async function storeDraft(
  deps: ImportDeps,
  actor: Actor,
  proposal: NextPlanProposal,
  recovery: NextPlanRequest['recovery'],
): Promise<number> {
  const { draft, unit, subject, result } = proposal;
  const year = draft.document.year!;
  const refuseExisting = async (db: Kysely<DB>) => {
    const existing = await findPlanBySubjectYear(db, unit.id, year);
    if (existing) throw new AppError('NEXT_PLAN_EXISTS', { subject: unit.name, year, planId: existing.id });
  };
  await refuseExisting(deps.db);
  const target = await resolveImportTarget(deps.db, actor, subject);
  if (target.kind === 'forbidden') throw new AppError('FORBIDDEN');
  if (target.kind !== 'existing' || target.id !== unit.id) {
    throw new AppError('NEXT_PLAN_SUBJECT', { subject: unit.name });
  }
  const outcome = await importPlans(deps, {
    actor,
    bytes: await writeXlsx([draft.document]),
    sourceName: `ke-hoach-${year}-tu-ket-qua-${result.year}.xlsx`,
    claim: async (db) => {
      await refuseExisting(db);
      return true;
    },
    after: async (db, plans) => {
      const planId = plans[0]!.planId;
      await audit(db, actor, deps.clock().toISOString(), [
        {
          action: 'plan.next',
          entity: 'plan',
          entityId: planId,
          planId,
          unitId: unit.id,
          oldValue: null,
          newValue: describeDraft(proposal, recovery),
        },
      ]);
    },
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.plans[0]!.planId;
}

/** "Kết quả #4 (2026) → 2027: 12 giữ, 9 đủ điểm, 3 một phần, 2 tự nhập; 5 nhiệm vụ chuyển tiếp, 6 mới; 1: share 0.5" */
function describeDraft(proposal: NextPlanProposal, recovery: NextPlanRequest['recovery']): string {
  const leaves = proposal.draft.rows.filter((r) => r.leaf);
  const count = (pred: (r: (typeof leaves)[number]) => boolean) => leaves.filter(pred).length;
  const choices = Object.entries(recovery)
    .map(([area, r]) => `${area}: ${r.mode}${r.mode === 'share' ? ` ${r.share}` : ''}`)
    .join(', ');
  return (
    `Kết quả #${proposal.result.id} (${proposal.result.year}) → ${proposal.draft.document.year}: ` +
    `${count((r) => r.basis === 'kept')} giữ, ${count((r) => r.basis === 'full')} đủ điểm, ` +
    `${count((r) => r.basis === 'share')} một phần, ${count((r) => r.basis === 'manual')} tự nhập; ` +
    `${count((r) => r.task === 'carried')} nhiệm vụ chuyển tiếp, ${count((r) => r.task === 'new')} mới` +
    (choices === '' ? '' : `; ${choices}`)
  );
}

export function previewOf(proposal: NextPlanProposal): NextPlanPreview {
  const { draft } = proposal;
  const doc: PlanDocument = draft.document;
  const rows: NextPlanRow[] = draft.rows.map((r) => ({
    code: r.code,
    name: r.name,
    area: r.area,
    leaf: r.leaf,
    fromCode: r.fromCode,
    max: decimalOrNull(r.max),
    baseline: decimalOrNull(r.baseline),
    lost: decimalOrNull(r.lost),
    target: decimalOrNull(r.target),
    basis: r.basis,
    task: r.task,
    carriedStatus: r.carriedStatus,
    taskText: r.taskText,
    leadUnits: r.leadUnits,
  }));
  const areas = draft.rows
    .filter((r) => r.code === r.area)
    .map((area) => {
      const lost = draft.rows
        .filter((r) => r.area === area.code && r.lost !== null)
        .reduce<Score | null>((s, r) => (s === null ? r.lost : add(s, r.lost!)), null);
      return { code: area.code, name: area.name, lost: decimalOrNull(lost) };
    });
  return {
    dryRun: true,
    resultId: proposal.result.id,
    unit: proposal.unit,
    year: doc.year!,
    resultYear: proposal.result.year,
    framework: proposal.framework,
    lastPlanId: proposal.lastPlanId,
    existingPlanId: proposal.existingPlanId,
    areas,
    rows,
    totals: {
      max: decimalOrNull(doc.statedTotals?.max ?? null),
      baseline: decimalOrNull(doc.statedTotals?.baseline ?? null),
      target: decimalOrNull(doc.statedTotals?.target ?? null),
    },
  };
}

/** The draft as the official appendix (XLSX or DOCX), nothing stored; plan.import on the unit. */
export async function nextPlanFile(
  deps: ImportDeps,
  actor: Actor,
  resultId: number,
  unitId: number,
  request: Omit<NextPlanRequest, 'dryRun'>,
  format: 'xlsx' | 'docx',
): Promise<{ bytes: Uint8Array; proposal: NextPlanProposal }> {
  const result = await findResult(deps.db, resultId);
  if (!result) throw new AppError('RESULT_NOT_FOUND', { id: resultId });
  requireWholePlan(actor, 'plan.import', unitId, await parentsFor(deps.db, actor));
  const year = request.year ?? result.year + 1;
  const proposal = await proposeFromResult(deps.db, resultId, unitId, year, request.recovery);
  const doc = proposal.draft.document;
  return { bytes: format === 'xlsx' ? await writeXlsx([doc]) : await writeDocx([doc]), proposal };
}

/** The units whose name is this one (spelling and case aside), for the command line's --unit. */
export async function unitsNamed(db: Kysely<DB>, name: string): Promise<{ id: number; name: string }[]> {
  const key = unitKey(name, { levelWords: [] });
  return (await allUnits(db))
    .filter((u) => u.name_key === key || unitKey(u.name, { levelWords: [] }) === key)
    .map((u) => ({ id: u.id, name: u.name }));
}

/** The result a unit's plan of `year` starts from: of the year before, else the latest before it. */
export async function resultBefore(db: Kysely<DB>, unitId: number, year: number): Promise<number | null> {
  const rows = (await resultsOfUnits(db, [unitId])).filter((r) => r.year < year);
  if (rows.length === 0) return null;
  const latest = Math.max(...rows.map((r) => r.year));
  return rows.find((r) => r.year === latest)!.result_id;
}

export type { NextPlanBody };
