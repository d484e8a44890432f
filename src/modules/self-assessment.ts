/**
 * A unit's self-assessment (issue 11 point 2, decision 0014): the view of its criteria with its
 * answers and the scores their rules give, saving one answer (version-checked per answer row, the
 * score computed here with core/scoring.ts and never typed over), submitting (every self-scored leaf
 * answered, every score above 0 without evidence explained), withdrawing, the report's texts.
 *
 * Who scores what: the unit answers criteria scored by itself and the bonus and penalty it declares
 * (the sample framework's "Hình thức đánh giá: Tự đánh giá"); survey and council criteria are shown,
 * not answered. Before publication the unit sees the questions returned to it, not the appraised
 * scores (SCORING.md: the council fixes them, the chairman announces them); appraisers, the council
 * and the round's managers see them. Every change runs in one transaction that first locks the
 * unit's round row, with its audit entries (old → new).
 */
import type { Kysely } from 'kysely';
import {
  appraisedAreas,
  canAppraise,
  canFixFinal,
  canManageRound,
  canReadAssessment,
  canSelfAssess,
  currentPhase,
  isPhaseOpen,
  type Phase,
  type ScoreStage,
  type UnitRoundState,
} from '../core/assessment.js';
import type { Lang } from '../core/findings.js';
import type { Answer } from '../core/framework.js';
import { render } from '../core/messages.js';
import { missingSelfScores, notSelfScoredBy } from '../core/round-results.js';
import { decimalOrNull, storedScore, ZERO, type Score } from '../core/score.js';
import {
  followersOf,
  scoreFramework,
  scoreRule,
  type FrameworkScore,
  type LeafScore,
} from '../core/scoring.js';
import {
  answerRows,
  evidenceLinkRows,
  grantedExtensionRows,
  insertAnswerRow,
  lockRoundUnit,
  returnRows,
  stageScoreRows,
  updateAnswerRow,
  updateAnswerScores,
  updateRoundUnitRow,
  type AnswerRecord,
  type ReturnRecord,
  type UnitRecord,
} from '../db/assessment-repo.js';
import type { DB } from '../db/schema.js';
import type {
  AnswerPatch,
  AnswerSaved,
  AssessmentCriterion,
  AssessmentView,
  ReportPatch,
  UnitSaved,
} from '../shared/api.js';
import { parentsFor, type Actor } from './access.js';
import { audit, type AuditEntry, type AuditField } from './audit.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import {
  loadRound,
  openUnit,
  requireRoundUnit,
  type RoundContext,
  type RoundCriterion,
} from './round-context.js';

const EDITABLE: readonly UnitRoundState[] = ['not-started', 'in-progress'];
const STAGES: readonly Exclude<ScoreStage, 'self'>[] = ['appraisal1', 'appraisal2', 'council', 'survey'];

/** The max a rule is checked against: the criterion's, or a bonus's or penalty's cap. */
function ruleMax(c: RoundCriterion): Score {
  if (c.max !== null) return c.max;
  if (c.rule?.kind === 'bonus' || c.rule?.kind === 'penalty') return c.rule.cap;
  return ZERO;
}

const parseAnswer = (text: string | null): Answer | null =>
  text === null ? null : (JSON.parse(text) as Answer);

// ---------------------------------------------------------------- the state of a unit's assessment

interface Rows {
  unit: UnitRecord & { unit_name: string };
  answers: AnswerRecord[];
  links: { evidence_id: number; criterion_id: number }[];
  returns?: ReturnRecord[];
  stages?: { criterion_id: number; stage: string; score: string; comment: string }[];
}

interface Scored {
  scores: FrameworkScore;
  byCriterion: Map<number, AnswerRecord>;
  evidence: Map<number, number[]>;
  leaves: ReadonlySet<string>;
  missing: string[];
  unexplained: string[];
}

/**
 * The unit's answers scored. With `rescore` (core/scoring.ts#followersOf of the answer changed) only
 * those leaves are scored by their rules; every other leaf takes the score stored with its answer.
 */
function score(
  ctx: RoundContext,
  rows: Pick<Rows, 'answers' | 'links'>,
  rescore?: ReadonlySet<string>,
): Scored {
  const byCriterion = new Map(rows.answers.map((a) => [a.criterion_id, a]));
  const answers = new Map<string, Answer>();
  const kept = new Map<string, LeafScore>();
  for (const c of ctx.criteria) {
    const row = byCriterion.get(c.id);
    const a = parseAnswer(row?.answer ?? null);
    if (!a) continue;
    answers.set(c.code, a);
    if (a.kind === 'not-applicable') kept.set(c.code, 'not-applicable');
    else if (row!.score !== null) kept.set(c.code, storedScore(row!.score)!);
  }
  const scores = scoreFramework(ctx.criteria, answers, {
    tree: ctx.shape.tree,
    ...(rescore ? { kept: { scores: kept, rescore } } : {}),
  });
  const evidence = new Map<number, number[]>();
  for (const l of rows.links)
    evidence.set(l.criterion_id, [...(evidence.get(l.criterion_id) ?? []), l.evidence_id]);
  const leaves = ctx.shape.leaves;
  const missing = missingSelfScores(ctx.criteria, leaves, (c, i) => {
    const s = scores.criteria[i]!;
    return answers.has(c.code) && !(s.score === null && s.applicable);
  });
  const unexplained: string[] = [];
  const isMissing = new Set(missing);
  ctx.criteria.forEach((c, i) => {
    if (!leaves.has(c.code) || notSelfScoredBy(c) !== null || isMissing.has(c.code)) return;
    const answer = answers.get(c.code) ?? null;
    const s = scores.criteria[i]!;
    if (needsExplanation(answer, s.score, evidence.get(c.id), byCriterion.get(c.id)))
      unexplained.push(c.code);
  });
  return { scores, byCriterion, evidence, leaves, missing, unexplained };
}

/** A score above 0 reached without evidence must say how (MOHA 383/BNV-CCHC, Hà Nội 307/KH-UBND). */
function needsExplanation(
  answer: Answer | null,
  s: Score | null,
  evidence: readonly number[] | undefined,
  row: AnswerRecord | undefined,
): boolean {
  if (answer === null || answer.kind === 'not-applicable' || s === null || s.units <= 0) return false;
  return (evidence?.length ?? 0) === 0 && (row?.scoring_explanation ?? '').trim() === '';
}

function criterionView(
  ctx: RoundContext,
  scored: Scored,
  i: number,
  lang: Lang,
  extra: { returns?: Map<number, ReturnRecord>; stages?: Rows['stages'] },
): AssessmentCriterion {
  const c = ctx.criteria[i]!;
  const s = scored.scores.criteria[i]!;
  const row = scored.byCriterion.get(c.id);
  const answer = parseAnswer(row?.answer ?? null);
  const evidenceIds = scored.evidence.get(c.id) ?? [];
  const leaf = scored.leaves.has(c.code);
  const view: AssessmentCriterion = {
    id: c.id,
    code: c.code,
    parentCode: c.parentCode,
    name: c.name,
    depth: c.depth,
    leaf,
    max: decimalOrNull(c.max),
    scorer: c.scorer,
    selfScored: leaf && notSelfScoredBy(c) === null,
    notApplicable: c.notApplicable,
    method: c.method,
    evidence: c.evidence,
    rule: c.rule,
    answer,
    score: decimalOrNull(s.score),
    problem: answer !== null && s.problem ? render(s.problem.problem, s.problem.params as never, lang) : null,
    note: row?.note ?? '',
    notApplicableReason: row?.not_applicable_reason ?? null,
    scoringExplanation: row?.scoring_explanation ?? '',
    version: row?.version ?? 0,
    evidenceIds,
    needsExplanation:
      leaf && notSelfScoredBy(c) === null && needsExplanation(answer, s.score, evidenceIds, row),
  };
  const r = extra.returns?.get(c.id);
  if (r) {
    view.returned = {
      question: r.question,
      askedBy: r.asked_by,
      askedAt: r.asked_at,
      explanation: r.explanation,
      explainedAt: r.explained_at,
      version: r.version,
    };
  }
  if (extra.stages) {
    const mine = extra.stages.filter((x) => x.criterion_id === c.id);
    if (mine.length > 0) {
      view.appraised = {};
      for (const stage of STAGES) {
        const x = mine.find((m) => m.stage === stage);
        if (x) view.appraised[stage] = { score: decimalOrNull(storedScore(x.score))!, comment: x.comment };
      }
    }
  }
  return view;
}

function unitView(unit: UnitRecord, name: string): AssessmentView['unit'] {
  return {
    id: unit.unit_id,
    name,
    state: unit.state as UnitRoundState,
    version: unit.version,
    submittedAt: unit.submitted_at,
    submittedBy: unit.submitted_by,
    difficulties: unit.difficulties,
    proposals: unit.proposals,
  };
}

function totalView(scored: Scored): AssessmentView['total'] {
  return {
    self: decimalOrNull(scored.scores.total)!,
    max: decimalOrNull(scored.scores.max)!,
    index: decimalOrNull(scored.scores.index),
    missing: scored.missing.length,
    unexplained: scored.unexplained.length,
  };
}

// ---------------------------------------------------------------- reading

/**
 * The unit's assessment as the reader may see it: an appraiser of some areas only (no other right on
 * the unit) sees the criteria of those areas; appraised scores are shown after publication and to
 * those who appraise, fix or manage.
 */
export async function getAssessment(
  deps: Deps,
  actor: Actor,
  lang: Lang,
  roundId: number,
  unitId: number,
): Promise<AssessmentView> {
  const { db } = deps;
  const ctx = await loadRound(db, roundId, deps.clock(), { unitId });
  const unit = requireRoundUnit(ctx, unitId);
  const parents = await parentsFor(db, actor);
  if (!canReadAssessment(actor, unitId, parents, ctx.published)) throw new AppError('FORBIDDEN');
  const own = canSelfAssess(actor, unitId, parents);
  const manages = canManageRound(actor, [unitId], parents) || canFixFinal(actor, unitId, parents);
  const areas = appraisedAreas(actor);
  const appraises = areas === 'all' || areas.size > 0;
  const wholeUnit = own || manages || ctx.published;

  const [answers, links, returns, stages, extensions] = await Promise.all([
    answerRows(db, roundId, unitId),
    evidenceLinkRows(db, roundId, unitId),
    returnRows(db, roundId, unitId),
    ctx.published || manages || appraises ? stageScoreRows(db, roundId, unitId) : Promise.resolve(undefined),
    grantedExtensionRows(db, roundId, unitId),
  ]);
  const scored = score(ctx, { answers, links });
  const returnsBy = new Map(returns.map((r) => [r.criterion_id, r]));

  // an appraiser of some areas: the criteria of those areas and the parents above them
  let shown = ctx.criteria.map(() => true);
  if (!wholeUnit) {
    const visible = new Set<string>();
    const byCode = new Map(ctx.criteria.map((c) => [c.code, c]));
    for (const c of ctx.criteria) {
      if (!scored.leaves.has(c.code) || !canAppraise(actor, c.followedByUnitId)) continue;
      for (let x: RoundCriterion | undefined = c; x; x = x.parentCode ? byCode.get(x.parentCode) : undefined)
        visible.add(x.code);
    }
    shown = ctx.criteria.map((c) => visible.has(c.code));
  }

  const until = new Map(extensions.map((e) => [e.phase, e.until]));
  const open = (phase: Phase) =>
    !ctx.published && isPhaseOpen(ctx.calendar, phase, ctx.day, until.get(phase) ?? null);
  const state = unit.state as UnitRoundState;
  const selfOpen = own && open('self');
  return {
    round: {
      id: ctx.round.id,
      name: ctx.round.name,
      year: ctx.round.year,
      phase: currentPhase(ctx.calendar, ctx.day),
      published: ctx.published,
      day: ctx.day,
      calendar: ctx.calendar.map((p) => ({ ...p })),
    },
    unit: unitView(unit, unit.unit_name),
    deadlines: ctx.calendar.map((p) => {
      const granted = until.get(p.phase) ?? null;
      return { ...p, extendedUntil: granted !== null && granted > p.closesOn ? granted : null };
    }),
    total: totalView(scored),
    access: {
      edit: selfOpen && EDITABLE.includes(state),
      submit: selfOpen && EDITABLE.includes(state),
      withdraw: selfOpen && state === 'submitted',
      explain: own && open('explanation') && returns.some((r) => r.explanation === null),
    },
    criteria: ctx.criteria.flatMap((_c, i) =>
      shown[i] ? [criterionView(ctx, scored, i, lang, { returns: returnsBy, stages })] : [],
    ),
  };
}

// ---------------------------------------------------------------- changes

interface Change {
  ctx: RoundContext;
  unitName: string;
}

/** The round, the unit in it, the right to self-assess it, the self phase open for it (its extension counted). */
async function beginChange(deps: Deps, actor: Actor, roundId: number, unitId: number): Promise<Change> {
  const { ctx, unit } = await openUnit(
    deps,
    actor,
    { roundId, unitId },
    {
      allowed: async (parents) => canSelfAssess(actor, unitId, await parents()),
      phase: 'self',
      extension: true,
    },
  );
  return { ctx, unitName: unit.unit_name };
}

async function lockUnit(db: Kysely<DB>, ctx: RoundContext, unitId: number): Promise<UnitRecord> {
  const unit = await lockRoundUnit(db, ctx.round.id, unitId);
  if (!unit) throw new AppError('UNIT_NOT_IN_ROUND', { unit: `#${unitId}`, round: ctx.round.name });
  return unit;
}

function requireEditable(unit: UnitRecord, name: string): void {
  const state = unit.state as UnitRoundState;
  if (!EDITABLE.includes(state)) throw new AppError('ASSESSMENT_NOT_EDITABLE', { unit: name, state });
}

const entityOf = (roundId: number, unitId: number) => `${roundId}:${unitId}`;

/** Checks an answer against the criterion: its rule takes it, "not applicable" only where allowed. */
function checkAnswer(c: RoundCriterion, answer: Answer): void {
  if (answer.kind === 'not-applicable') {
    if (c.notApplicable === 'not-allowed') throw new AppError('NOT_APPLICABLE_REFUSED', { code: c.code });
    return;
  }
  // a gate's own rule decides whether the answer fits; the gate closes when the answers are scored
  const result = scoreRule(c.rule!, ruleMax(c), answer);
  if (!result.ok) {
    const { ok: _ok, ...problem } = result;
    throw new AppError('ANSWER_INVALID', { code: c.code, problem });
  }
}

/** Saves one criterion's answer, note, "not applicable" reason, scoring explanation. */
export async function saveAnswer(
  deps: Deps,
  actor: Actor,
  lang: Lang,
  roundId: number,
  unitId: number,
  criterionId: number,
  patch: AnswerPatch,
): Promise<AnswerSaved> {
  const { ctx, unitName } = await beginChange(deps, actor, roundId, unitId);
  const index = ctx.shape.at.get(criterionId) ?? -1;
  const c = ctx.criteria[index];
  if (!c) throw new AppError('CRITERION_NOT_FOUND', { id: criterionId });
  if (!ctx.shape.leaves.has(c.code)) throw new AppError('NOT_A_LEAF', { code: c.code });
  const by = notSelfScoredBy(c);
  if (by !== null) throw new AppError('NOT_SELF_SCORED', { code: c.code, by });
  if (patch.answer) checkAnswer(c, patch.answer);
  const now = deps.clock().toISOString();
  // the leaves whose score may follow this answer: itself and the gates on it (most often itself)
  const touched = followersOf(ctx.shape.tree, c.code);
  const at = (criterion: number) => ctx.shape.at.get(criterion)!;

  return deps.db.transaction().execute(async (db) => {
    let unit = await lockUnit(db, ctx, unitId);
    requireEditable(unit, unitName);
    const [answers, links] = await Promise.all([
      answerRows(db, roundId, unitId),
      evidenceLinkRows(db, roundId, unitId),
    ]);
    const existing = answers.find((a) => a.criterion_id === c.id);
    if ((existing?.version ?? 0) !== patch.version) {
      const current = criterionView(ctx, score(ctx, { answers, links }, touched), index, lang, {});
      throw new AppError('STALE_VERSION', {}, { current });
    }

    const answer = patch.answer !== undefined ? patch.answer : parseAnswer(existing?.answer ?? null);
    let reason: string | null = null;
    if (answer?.kind === 'not-applicable') {
      reason =
        (patch.notApplicableReason !== undefined
          ? patch.notApplicableReason
          : (existing?.not_applicable_reason ?? null)
        )?.trim() ?? null;
      if (!reason) throw new AppError('NOT_APPLICABLE_REASON', { code: c.code });
    }
    const next = {
      answer: answer === null ? null : JSON.stringify(answer),
      note: patch.note ?? existing?.note ?? '',
      not_applicable_reason: reason,
      scoring_explanation: patch.scoringExplanation ?? existing?.scoring_explanation ?? '',
    };
    // the scores after: this criterion's and any a gate makes follow it; the others as stored
    const draft: AnswerRecord = {
      ...(existing ?? {
        id: 0,
        round_id: roundId,
        unit_id: unitId,
        criterion_id: c.id,
        score: null,
        version: 0,
        updated_at: now,
        updated_by: actor.username,
      }),
      ...next,
    };
    const afterAnswers = [...answers.filter((a) => a.criterion_id !== c.id), draft];
    const after = score(ctx, { answers: afterAnswers, links }, touched);
    const scoreAt = (criterion: number) => decimalOrNull(after.scores.criteria[at(criterion)]!.score);
    const newScore = scoreAt(c.id);

    const entries: AuditEntry[] = [];
    const base = {
      action: 'assessment.answer',
      entity: 'assessment',
      entityId: entityOf(roundId, unitId),
      code: c.code,
      unitId,
    } as const;
    const field = (name: AuditField, old: string | null, value: string | null) => {
      if (old !== value) entries.push({ ...base, field: name, oldValue: old, newValue: value });
    };
    field('answer', existing?.answer ?? null, next.answer);
    field('score', existing?.score ?? null, newScore);
    field('note', existing?.note ?? '', next.note);
    field('not_applicable_reason', existing?.not_applicable_reason ?? null, next.not_applicable_reason);
    field('scoring_explanation', existing?.scoring_explanation ?? '', next.scoring_explanation);

    let saved = existing;
    if (entries.length > 0) {
      const values = { ...next, score: newScore, updated_at: now, updated_by: actor.username };
      if (existing) {
        saved = await updateAnswerRow(db, existing.id, existing.version, values);
        if (!saved) throw new AppError('STALE_VERSION', {});
      } else {
        saved = await insertAnswerRow(db, {
          round_id: roundId,
          unit_id: unitId,
          criterion_id: c.id,
          ...values,
        });
      }
    }
    const followed = afterAnswers.filter(
      (a) =>
        a.criterion_id !== c.id &&
        a.id !== 0 &&
        touched.has(ctx.criteria[at(a.criterion_id)]!.code) &&
        a.score !== scoreAt(a.criterion_id),
    );
    await updateAnswerScores(
      db,
      followed.map((a) => ({ id: a.id, score: scoreAt(a.criterion_id) })),
    );
    for (const a of followed) {
      const code = ctx.criteria[at(a.criterion_id)]!.code;
      entries.push({ ...base, code, field: 'score', oldValue: a.score, newValue: scoreAt(a.criterion_id) });
    }
    if (unit.state === 'not-started' && entries.length > 0) {
      unit = (await updateRoundUnitRow(db, roundId, unitId, unit.version, { state: 'in-progress' }))!;
      entries.push({
        ...base,
        code: null,
        field: 'unit_state',
        oldValue: 'not-started',
        newValue: 'in-progress',
      });
    }
    await audit(db, actor, now, entries);

    // the rows as written: the saved one as RETURNING gave it; the scores are those just computed
    const byCriterion = new Map(after.byCriterion);
    if (saved) byCriterion.set(c.id, saved);
    else byCriterion.delete(c.id);
    const final: Scored = { ...after, byCriterion };
    return {
      criterion: criterionView(ctx, final, index, lang, {}),
      changed: followed.map((a) => criterionView(ctx, final, at(a.criterion_id), lang, {})),
      unit: unitView(unit, unitName),
      total: totalView(final),
    };
  });
}

/** Submits: every self-scored leaf answered, every score above 0 without evidence explained. */
export async function submitAssessment(
  deps: Deps,
  actor: Actor,
  roundId: number,
  unitId: number,
  version: number,
): Promise<UnitSaved> {
  const { ctx, unitName } = await beginChange(deps, actor, roundId, unitId);
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (db) => {
    const unit = await lockUnit(db, ctx, unitId);
    if (unit.version !== version) throw new AppError('STALE_VERSION', {});
    requireEditable(unit, unitName);
    const [answers, links] = await Promise.all([
      answerRows(db, roundId, unitId),
      evidenceLinkRows(db, roundId, unitId),
    ]);
    const scored = score(ctx, { answers, links });
    if (scored.missing.length > 0 || scored.unexplained.length > 0) {
      const params = { missing: scored.missing, unexplained: scored.unexplained };
      throw new AppError('ASSESSMENT_INCOMPLETE', params, params);
    }
    const saved = await updateRoundUnitRow(db, roundId, unitId, version, {
      state: 'submitted',
      submitted_at: now,
      submitted_by: actor.username,
    });
    if (!saved) throw new AppError('STALE_VERSION', {});
    await audit(db, actor, now, [
      {
        action: 'assessment.submit',
        entity: 'assessment',
        entityId: entityOf(roundId, unitId),
        unitId,
        field: 'unit_state',
        oldValue: unit.state,
        newValue: 'submitted',
      },
    ]);
    return { unit: unitView(saved, unitName), total: totalView(scored) };
  });
}

/** Withdraws a submission while the self-assessment phase is open: back to in progress. */
export async function withdrawAssessment(
  deps: Deps,
  actor: Actor,
  roundId: number,
  unitId: number,
  version: number,
): Promise<UnitSaved> {
  const { ctx, unitName } = await beginChange(deps, actor, roundId, unitId);
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (db) => {
    const unit = await lockUnit(db, ctx, unitId);
    if (unit.version !== version) throw new AppError('STALE_VERSION', {});
    if (unit.state !== 'submitted') {
      throw new AppError('ASSESSMENT_NOT_EDITABLE', { unit: unitName, state: unit.state as UnitRoundState });
    }
    const saved = await updateRoundUnitRow(db, roundId, unitId, version, {
      state: 'in-progress',
      submitted_at: null,
      submitted_by: null,
    });
    if (!saved) throw new AppError('STALE_VERSION', {});
    await audit(db, actor, now, [
      {
        action: 'assessment.withdraw',
        entity: 'assessment',
        entityId: entityOf(roundId, unitId),
        unitId,
        field: 'unit_state',
        oldValue: 'submitted',
        newValue: 'in-progress',
      },
    ]);
    const [answers, links] = await Promise.all([
      answerRows(db, roundId, unitId),
      evidenceLinkRows(db, roundId, unitId),
    ]);
    return { unit: unitView(saved, unitName), total: totalView(score(ctx, { answers, links })) };
  });
}

/** The report's free texts: difficulties ("khó khăn, vướng mắc") and proposals ("đề xuất, kiến nghị"). */
export async function updateReport(
  deps: Deps,
  actor: Actor,
  roundId: number,
  unitId: number,
  patch: ReportPatch,
): Promise<UnitSaved> {
  const { ctx, unitName } = await beginChange(deps, actor, roundId, unitId);
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (db) => {
    let unit = await lockUnit(db, ctx, unitId);
    if (unit.version !== patch.version) throw new AppError('STALE_VERSION', {});
    requireEditable(unit, unitName);
    const base = {
      action: 'assessment.report',
      entity: 'assessment',
      entityId: entityOf(roundId, unitId),
      unitId,
    } as const;
    const entries: AuditEntry[] = [];
    const set: { difficulties?: string; proposals?: string; state?: string } = {};
    if (patch.difficulties !== undefined && patch.difficulties !== unit.difficulties) {
      set.difficulties = patch.difficulties;
      entries.push({
        ...base,
        field: 'difficulties',
        oldValue: unit.difficulties,
        newValue: patch.difficulties,
      });
    }
    if (patch.proposals !== undefined && patch.proposals !== unit.proposals) {
      set.proposals = patch.proposals;
      entries.push({ ...base, field: 'proposals', oldValue: unit.proposals, newValue: patch.proposals });
    }
    if (entries.length > 0) {
      if (unit.state === 'not-started') {
        set.state = 'in-progress';
        entries.push({ ...base, field: 'unit_state', oldValue: 'not-started', newValue: 'in-progress' });
      }
      const saved = await updateRoundUnitRow(db, roundId, unitId, unit.version, set);
      if (!saved) throw new AppError('STALE_VERSION', {});
      unit = saved;
      await audit(db, actor, now, entries);
    }
    const [answers, links] = await Promise.all([
      answerRows(db, roundId, unitId),
      evidenceLinkRows(db, roundId, unitId),
    ]);
    return { unit: unitView(unit, unitName), total: totalView(score(ctx, { answers, links })) };
  });
}
