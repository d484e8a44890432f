/**
 * The appraisal of a round (issue 11 point 4, decision 0014): the area appraisers' worklist and
 * scores for appraisal 1 and 2, criteria returned to a unit with a question and the unit's
 * explanation, the council's proposals and final scores, and the audited corrections after the
 * council's phase. Each change is one transaction that first takes the unit's row in the round
 * (db/appraisal-repo.ts#lockRoundUnit), checks the row's version, writes, moves the unit's state
 * when it follows, and audits old and new values.
 *
 * Which leaves the appraisers score: those the unit scores itself (and bonus, penalty) — a survey's
 * and the council's own criteria are not theirs. A leaf the unit answered "not applicable" under an
 * "excluded" policy has no score at all; it needs no appraisal score unless the appraiser sets one.
 */
import {
  appraisedAreas,
  canAppraise,
  canFixFinal,
  canManageRound,
  canSelfAssess,
  countingScore,
  currentPhase,
  isPhaseOpen,
  phaseDates,
  type ScoreStage,
  type UnitRoundState,
} from '../core/assessment.js';
import type { Actor } from '../core/access.js';
import type { Answer } from '../core/framework.js';
import { ruleMaxPoints, scoreFramework } from '../core/scoring.js';
import {
  add,
  compare,
  fromDecimalString,
  sameScore,
  storedScore,
  toDecimalString,
  ZERO,
  type Score,
} from '../core/score.js';
import {
  answerRows,
  evidenceFileRefs,
  evidenceLinkRows,
  evidenceRemovalRows,
  explainReturnRow,
  findReturn,
  findStageScore,
  insertReturn,
  insertStageScore,
  lockRoundUnit,
  returnRows,
  setRoundUnitState,
  stageScoreRows,
  updateStageScore,
  type AnswerRecord,
  type EvidenceLinkRecord,
  type ReturnRecord,
  type StageScoreRecord,
  type StageScoreValues,
} from '../db/appraisal-repo.js';
import type { RoundUnitRecord } from '../db/rounds-repo.js';
import type { DB } from '../db/schema.js';
import type {
  AppraisalCriterion,
  AppraisalRow,
  AppraisalStage,
  AppraisalView,
  CorrectionResult,
  CouncilCell,
  CouncilView,
  EvidenceRef,
  FinalResult,
  ReturnResult,
  ReturnView,
  ScoredStage,
  StageScoreResult,
  StageScoreView,
} from '../shared/api/appraisal.js';
import type { Kysely } from 'kysely';
import { parentsFor } from './access.js';
import { audit, type AuditEntry } from './audit.js';
import { notify } from './notifications.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import {
  loadRound,
  openUnit,
  requireRoundUnit,
  type RoundContext,
  type RoundCriterion,
} from './round-context.js';

/** The states of a unit that has submitted: the appraisers and the council work on these. */
const SUBMITTED: ReadonlySet<string> = new Set<UnitRoundState>([
  'submitted',
  'returned',
  'appraised',
  'final',
]);

// ——— the round's leaves ———

function leavesOf(ctx: RoundContext): RoundCriterion[] {
  const parents = new Set(ctx.criteria.map((c) => c.parentCode).filter((c): c is string => c !== null));
  return ctx.criteria.filter((c) => !parents.has(c.code));
}

/** Scored by the area's appraisers: everything but a survey's and the council's own criteria. */
function appraisable(c: RoundCriterion): boolean {
  return c.scorer !== 'survey' && c.scorer !== 'council';
}

function areaCode(c: RoundCriterion): string {
  return c.code.split('.')[0]!;
}

function requireLeaf(ctx: RoundContext, criterionId: number): RoundCriterion {
  const c = leavesOf(ctx).find((x) => x.id === criterionId);
  if (!c) throw new AppError('CRITERION_NOT_FOUND', { id: criterionId });
  return c;
}

function parseAnswer(text: string | null): Answer | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return null;
  }
}

/** The range a score typed in may take: a penalty takes away up to its cap, a bonus adds up to its cap. */
function scoreRange(c: RoundCriterion): { low: Score; high: Score } {
  const max = c.max ?? ZERO;
  const cap = c.rule ? ruleMaxPoints(c.rule, max) : max;
  if (c.scorer === 'penalty' || c.rule?.kind === 'penalty')
    return { low: { units: -cap.units, scale: cap.scale }, high: ZERO };
  return { low: ZERO, high: cap };
}

/** Not applicable and excluded: the leaf has no score, and needs none from the appraisers. */
function excludedSelf(c: RoundCriterion, self: AnswerRecord | undefined): boolean {
  return c.notApplicable === 'excluded' && parseAnswer(self?.answer ?? null)?.kind === 'not-applicable';
}

// ——— views ———

function stageView(row: StageScoreRecord | undefined): StageScoreView | null {
  if (!row) return null;
  return {
    answer: parseAnswer(row.answer),
    score: toDecimalString(fromDecimalString(row.score)),
    overridden: row.overridden === 1,
    comment: row.comment,
    by: row.username,
    at: row.at,
    version: row.version,
  };
}

function returnView(row: ReturnRecord | undefined): ReturnView | null {
  if (!row) return null;
  return {
    question: row.question,
    askedBy: row.asked_by,
    askedAt: row.asked_at,
    explanation: row.explanation,
    explainedBy: row.explained_by,
    explainedAt: row.explained_at,
    version: row.version,
  };
}

function criterionView(c: RoundCriterion, mine: boolean): AppraisalCriterion {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    areaCode: areaCode(c),
    max: c.max === null ? null : toDecimalString(c.max),
    scorer: c.scorer,
    notApplicable: c.notApplicable,
    method: c.method,
    evidence: c.evidence,
    rule: c.rule,
    followedByUnitId: c.followedByUnitId,
    mine,
  };
}

function areasOf(ctx: RoundContext, codes: ReadonlySet<string>) {
  return ctx.criteria
    .filter((c) => c.parentCode === null && codes.has(c.code))
    .map((c) => ({ code: c.code, name: c.name, followedBy: c.followedBy }));
}

function roundHead(ctx: RoundContext) {
  return {
    id: ctx.round.id,
    name: ctx.round.name,
    phase: currentPhase(ctx.calendar, ctx.day),
    published: ctx.published,
    calendar: ctx.calendar.map((p) => ({ ...p })),
  };
}

const key = (unitId: number, criterionId: number) => `${unitId}:${criterionId}`;

function byKey<T extends { unit_id: number; criterion_id: number }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [key(r.unit_id, r.criterion_id), r]));
}

/** Everything the appraisal reads of a round's units, by unit and criterion. */
interface UnitData {
  answers: Map<string, AnswerRecord>;
  scores: Map<ScoreStage, Map<string, StageScoreRecord>>;
  returns: Map<string, ReturnRecord>;
  links: Map<string, EvidenceLinkRecord[]>;
  /** when the unit last took evidence off the criterion */
  removals: Map<string, string>;
}

async function unitData(db: Kysely<DB>, roundId: number, unitId?: number): Promise<UnitData> {
  const [answers, scores, returns, links, removals] = await Promise.all([
    answerRows(db, roundId, unitId),
    stageScoreRows(db, roundId, unitId === undefined ? {} : { unitId }),
    returnRows(db, roundId, unitId),
    evidenceLinkRows(db, roundId, unitId),
    evidenceRemovalRows(db, roundId, unitId),
  ]);
  const byStage = new Map<ScoreStage, Map<string, StageScoreRecord>>();
  for (const stage of ['appraisal1', 'appraisal2', 'council', 'survey'] as const) {
    byStage.set(stage, byKey(scores.filter((s) => s.stage === stage)));
  }
  const linked = new Map<string, EvidenceLinkRecord[]>();
  for (const l of links) {
    const k = key(l.unit_id, l.criterion_id);
    linked.set(k, [...(linked.get(k) ?? []), l]);
  }
  return {
    answers: byKey(answers),
    scores: byStage,
    returns: byKey(returns),
    links: linked,
    removals: new Map(removals.map((r) => [key(r.unit_id, r.criterion_id), r.removed_at])),
  };
}

/**
 * The answer, its evidence (added or taken off) or an explanation changed after round 1's score was
 * set; without a round-1 score, the criterion was returned and the unit has explained it.
 */
function changedSince(data: UnitData, k: string): boolean {
  const first = data.scores.get('appraisal1')!.get(k);
  const ret = data.returns.get(k);
  if (!first) return ret?.explained_at !== null && ret?.explained_at !== undefined;
  const answer = data.answers.get(k);
  const removed = data.removals.get(k);
  return (
    (answer !== undefined && answer.updated_at > first.at) ||
    (data.links.get(k) ?? []).some((l) => l.added_at > first.at) ||
    (removed !== undefined && removed > first.at) ||
    (ret?.explained_at !== null && ret?.explained_at !== undefined && ret.explained_at > first.at)
  );
}

/** Whether every leaf the appraisers score has a score of the latest appraisal stage. */
function appraisalComplete(
  ctx: RoundContext,
  data: UnitData,
  unitId: number,
  stage: AppraisalStage,
): boolean {
  return leavesOf(ctx)
    .filter(appraisable)
    .every((c) => {
      const k = key(unitId, c.id);
      const first = data.scores.get('appraisal1')!.get(k);
      const second = data.scores.get('appraisal2')!.get(k);
      if (excludedSelf(c, data.answers.get(k)) && !first && !second) return true;
      if (stage === 'appraisal1') return first !== undefined;
      return second !== undefined || (first !== undefined && !changedSince(data, k));
    });
}

function readsAll(actor: Actor, ctx: RoundContext, parents: ReadonlyMap<number, number | null>): boolean {
  const ids = ctx.units.map((u) => u.unit_id);
  return canManageRound(actor, ids, parents) || ids.some((u) => canFixFinal(actor, u, parents));
}

/** The area appraiser's worklist of a stage: the criteria of their areas × the units that submitted. */
export async function appraisalWorklist(
  deps: Deps,
  actor: Actor,
  roundId: number,
  query: { stage: AppraisalStage; unitId?: number | undefined; changedOnly?: boolean | undefined },
): Promise<AppraisalView> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  const parents = await parentsFor(deps.db, actor);
  const areas = appraisedAreas(actor);
  const all = areas === 'all' || readsAll(actor, ctx, parents);
  if (!all && areas.size === 0) throw new AppError('FORBIDDEN');
  if (query.unitId !== undefined) requireRoundUnit(ctx, query.unitId);
  const criteria = leavesOf(ctx).filter(
    (c) => appraisable(c) && (all || canAppraise(actor, c.followedByUnitId)),
  );
  const units = ctx.units.filter(
    (u) => SUBMITTED.has(u.state) && (query.unitId === undefined || u.unit_id === query.unitId),
  );
  const [data, files] = await Promise.all([
    unitData(deps.db, roundId, query.unitId),
    evidenceFileRefs(deps.db, roundId, query.unitId),
  ]);
  const fileById = new Map(files.map((f) => [f.id, f]));
  const rows: AppraisalRow[] = [];
  for (const u of units) {
    for (const c of criteria) {
      const k = key(u.unit_id, c.id);
      const self = data.answers.get(k);
      const changed = changedSince(data, k);
      if (query.changedOnly && !changed) continue;
      const evidence: EvidenceRef[] = (data.links.get(k) ?? []).flatMap((l) => {
        const f = fileById.get(l.evidence_id);
        return f ? [{ id: f.id, name: f.name, type: f.type, mime: f.mime, size: f.size }] : [];
      });
      rows.push({
        unitId: u.unit_id,
        criterionId: c.id,
        self: self
          ? {
              answer: parseAnswer(self.answer),
              score: self.score === null ? null : toDecimalString(fromDecimalString(self.score)),
              note: self.note,
              notApplicableReason: self.not_applicable_reason,
              scoringExplanation: self.scoring_explanation,
            }
          : null,
        evidence,
        score: stageView(data.scores.get(query.stage)!.get(k)),
        appraisal1: query.stage === 'appraisal2' ? stageView(data.scores.get('appraisal1')!.get(k)) : null,
        returned: returnView(data.returns.get(k)),
        changedSinceRound1: changed,
      });
    }
  }
  // round 2 sees what changed since round 1 first (the order otherwise: units, then criteria)
  if (query.stage === 'appraisal2') {
    rows.sort((a, b) => Number(b.changedSinceRound1) - Number(a.changedSinceRound1));
  }
  const areaCodes = new Set(criteria.map(areaCode));
  return {
    round: roundHead(ctx),
    stage: query.stage,
    open: !ctx.published && isPhaseOpen(ctx.calendar, query.stage, ctx.day),
    returnsOpen: !ctx.published && isPhaseOpen(ctx.calendar, 'appraisal1', ctx.day),
    units: units.map((u) => ({
      unitId: u.unit_id,
      unitName: u.unit_name,
      state: u.state,
      version: u.version,
    })),
    areas: areasOf(ctx, areaCodes),
    criteria: criteria.map((c) => criterionView(c, canAppraise(actor, c.followedByUnitId))),
    rows,
    progress: { scored: rows.filter((r) => r.score !== null).length, total: rows.length },
  };
}

// ——— changes ———

function requireSubmitted(unit: RoundUnitRecord): void {
  if (!SUBMITTED.has(unit.state)) throw new AppError('UNIT_NOT_SUBMITTED', { unit: unit.unit_name });
}

const assessmentEntry = (
  ctx: RoundContext,
  unitId: number,
  c: RoundCriterion,
  e: Pick<AuditEntry, 'action' | 'field' | 'oldValue' | 'newValue'>,
): AuditEntry => ({
  entity: 'assessment',
  entityId: `${ctx.round.id}:${unitId}`,
  code: c.code,
  unitId,
  ...e,
});

const stateEntry = (
  ctx: RoundContext,
  unitId: number,
  action: AuditEntry['action'],
  from: string,
  to: string,
): AuditEntry => ({
  action,
  entity: 'assessment',
  entityId: `${ctx.round.id}:${unitId}`,
  unitId,
  field: 'unit_state',
  oldValue: from,
  newValue: to,
});

function scoreJson(row: StageScoreRecord | StageScoreValues | undefined): string | null {
  if (!row) return null;
  return JSON.stringify({
    score: row.score,
    answer: parseAnswer(row.answer),
    overridden: row.overridden === 1,
    comment: row.comment,
  });
}

/** The answers the rule sees for a unit at a stage: that stage's, else round 1's, else the unit's own. */
function stageAnswers(
  ctx: RoundContext,
  data: UnitData,
  unitId: number,
  stage: ScoredStage,
): Map<string, Answer> {
  const order: ScoreStage[] =
    stage === 'council'
      ? ['council', 'appraisal2', 'appraisal1']
      : stage === 'appraisal2'
        ? ['appraisal2', 'appraisal1']
        : ['appraisal1'];
  const answers = new Map<string, Answer>();
  for (const c of leavesOf(ctx)) {
    const k = key(unitId, c.id);
    const staged = order
      .map((s) => parseAnswer(data.scores.get(s)!.get(k)?.answer ?? null))
      .find((a) => a !== null);
    const own = staged ?? parseAnswer(data.answers.get(k)?.answer ?? null);
    if (own) answers.set(c.code, own);
  }
  return answers;
}

/** The proposal the council starts from: the score that counts so far (council left out). */
function proposalOf(c: RoundCriterion, data: UnitData, unitId: number): Score | null {
  const k = key(unitId, c.id);
  const stored = (s: ScoreStage) => storedScore(data.scores.get(s)!.get(k)?.score ?? null);
  return countingScore(
    {
      self: storedScore(data.answers.get(k)?.score ?? null),
      appraisal1: stored('appraisal1'),
      appraisal2: stored('appraisal2'),
      survey: stored('survey'),
    },
    c.scorer,
  );
}

/** The leaves the council fixes for a unit (a survey's stand as imported; an excluded leaf has nothing to fix). */
function councilLeaves(ctx: RoundContext, data: UnitData, unitId: number): RoundCriterion[] {
  return leavesOf(ctx).filter((c) => {
    if (c.scorer === 'survey') return false;
    const k = key(unitId, c.id);
    return !(
      excludedSelf(c, data.answers.get(k)) &&
      proposalOf(c, data, unitId) === null &&
      !data.scores.get('council')!.get(k)
    );
  });
}

function councilComplete(ctx: RoundContext, data: UnitData, unitId: number): boolean {
  return councilLeaves(ctx, data, unitId).every((c) => data.scores.get('council')!.has(key(unitId, c.id)));
}

/** The unit's state after a change of its scores, and the audit entry of the move. */
async function followState(
  db: Kysely<DB>,
  ctx: RoundContext,
  unitId: number,
  from: string,
  to: string,
  action: AuditEntry['action'],
  entries: AuditEntry[],
): Promise<string> {
  if (from === to) return from;
  await setRoundUnitState(db, ctx.round.id, unitId, to);
  entries.push(stateEntry(ctx, unitId, action, from, to));
  return to;
}

/**
 * Sets a stage's score of one unit's leaf: from an answer by the criterion's rule (as the unit's
 * self-score is computed, with the unit's other answers for a gate), or typed over with a comment.
 * Appraisal 1 and 2 in their phases by the area's appraisers; the council in its phase (a value
 * other than the proposal needs a comment). Version-checked per row (0: none yet).
 */
export async function setStageScore(
  deps: Deps,
  actor: Actor,
  target: { roundId: number; unitId: number; criterionId: number; stage: ScoredStage },
  body: {
    version: number;
    answer?: Answer | undefined;
    score?: string | undefined;
    comment?: string | undefined;
  },
): Promise<StageScoreResult> {
  const now = deps.clock();
  const at = now.toISOString();
  const { roundId, unitId, criterionId, stage } = target;
  const opened = await openUnit(deps, actor, target, {
    criterion: (ctx) => requireLeaf(ctx, criterionId),
    allowed: async (parents, c) => {
      if (stage === 'council') return canFixFinal(actor, unitId, await parents());
      if (!canAppraise(actor, c!.followedByUnitId)) return false;
      if (!appraisable(c!))
        throw new AppError('CRITERION_NOT_APPRAISED', { code: c!.code, scorer: c!.scorer });
      return true;
    },
    phase: stage,
  });
  const { ctx, unit } = opened;
  const c = opened.criterion!;
  requireSubmitted(unit);
  const comment = body.comment?.trim() ?? '';

  return deps.db.transaction().execute(async (db) => {
    const locked = await lockRoundUnit(db, roundId, unitId);
    if (!locked) throw new AppError('UNIT_NOT_IN_ROUND', { unit: unit.unit_name, round: ctx.round.name });
    const data = await unitData(db, roundId, unitId);
    const k = key(unitId, c.id);
    const existing = data.scores.get(stage)!.get(k);
    if ((existing?.version ?? 0) !== body.version) throw new AppError('STALE_VERSION');

    let value: Score;
    let overridden = 0;
    if (body.answer !== undefined) {
      const answers = stageAnswers(ctx, data, unitId, stage);
      answers.set(c.code, body.answer);
      const scored = scoreFramework(ctx.criteria, answers).criteria.find((x) => x.code === c.code);
      if (!scored || scored.score === null) {
        throw new AppError('APPRAISAL_ANSWER_INVALID', {
          code: c.code,
          problem: scored?.problem ?? { problem: 'scoring.notApplicable', params: {} },
        });
      }
      value = scored.score;
    } else {
      value = fromDecimalString(body.score!);
      const { low, high } = scoreRange(c);
      if (compare(value, low) < 0 || compare(value, high) > 0) {
        throw new AppError('APPRAISAL_SCORE_RANGE', {
          code: c.code,
          value: toDecimalString(value),
          max: toDecimalString(high.units === 0 ? low : high),
        });
      }
      overridden = 1;
      if (comment === '') throw new AppError('COMMENT_REQUIRED', { code: c.code });
    }
    const proposal = stage === 'council' ? proposalOf(c, data, unitId) : null;
    if (proposal !== null && comment === '' && !sameScore(value, proposal)) {
      throw new AppError('COMMENT_REQUIRED', { code: c.code });
    }
    const values: StageScoreValues = {
      answer: body.answer === undefined ? null : JSON.stringify(body.answer),
      score: toDecimalString(value),
      overridden,
      comment,
      user_id: actor.userId,
      username: actor.username,
      at,
    };
    const written = existing
      ? await updateStageScore(db, existing.id, existing.version, values)
      : await insertStageScore(db, { roundId, unitId, criterionId, stage }, values);
    if (!written) throw new AppError('STALE_VERSION');
    data.scores.get(stage)!.set(k, written);

    const action = stage === 'council' ? 'council.final' : 'appraisal.score';
    const entries: AuditEntry[] = [
      assessmentEntry(ctx, unitId, c, {
        action,
        field: stage,
        oldValue: scoreJson(existing),
        newValue: scoreJson(written),
      }),
    ];
    let state = locked.state;
    if (stage === 'council') {
      if (councilComplete(ctx, data, unitId))
        state = await followState(db, ctx, unitId, state, 'final', action, entries);
    } else if (state === 'submitted' && appraisalComplete(ctx, data, unitId, stage)) {
      state = await followState(db, ctx, unitId, state, 'appraised', action, entries);
    }
    await audit(db, actor, at, entries);
    return {
      score: stageView(written)!,
      unit: { state, version: locked.version + (state === locked.state ? 0 : 1) },
    };
  });
}

/** Returns a criterion to the unit with a question (appraisal 1 phase): the unit is then 'returned'. */
export async function returnCriterion(
  deps: Deps,
  actor: Actor,
  target: { roundId: number; unitId: number; criterionId: number },
  body: { question: string },
): Promise<ReturnResult> {
  const now = deps.clock();
  const at = now.toISOString();
  const { roundId, unitId, criterionId } = target;
  const opened = await openUnit(deps, actor, target, {
    criterion: (ctx) => requireLeaf(ctx, criterionId),
    allowed: (_parents, c) => {
      if (!canAppraise(actor, c!.followedByUnitId)) return false;
      if (!appraisable(c!))
        throw new AppError('CRITERION_NOT_APPRAISED', { code: c!.code, scorer: c!.scorer });
      return true;
    },
    phase: 'appraisal1',
  });
  const { ctx, unit } = opened;
  const c = opened.criterion!;
  requireSubmitted(unit);
  const question = body.question.trim();

  return deps.db.transaction().execute(async (db) => {
    const locked = await lockRoundUnit(db, roundId, unitId);
    if (!locked) throw new AppError('UNIT_NOT_IN_ROUND', { unit: unit.unit_name, round: ctx.round.name });
    if (await findReturn(db, roundId, unitId, criterionId))
      throw new AppError('RETURN_EXISTS', { code: c.code });
    const row = await insertReturn(db, {
      round_id: roundId,
      unit_id: unitId,
      criterion_id: criterionId,
      question,
      asked_by: actor.username,
      asked_at: at,
    });
    const entries: AuditEntry[] = [
      assessmentEntry(ctx, unitId, c, {
        action: 'appraisal.return',
        field: 'question',
        oldValue: null,
        newValue: question,
      }),
    ];
    const state = ['submitted', 'appraised'].includes(locked.state)
      ? await followState(db, ctx, unitId, locked.state, 'returned', 'appraisal.return', entries)
      : locked.state;
    await audit(db, actor, at, entries);
    // the unit is told in the same transaction (the bell; modules/notifications.ts)
    await notify(
      db,
      [
        {
          unitId,
          roundId,
          message: { kind: 'returned', params: { round: ctx.round.name, code: c.code, question } },
        },
      ],
      at,
    );
    return {
      returned: returnView(row)!,
      unit: { state, version: locked.version + (state === locked.state ? 0 : 1) },
    };
  });
}

/**
 * The unit's explanation of a returned criterion (explanation phase, the unit's assessment.self
 * right, its granted extension counted); once every return of the unit is explained, it is
 * 'submitted' again for round 2. New evidence goes through the evidence upload with the criterion.
 */
export async function explainReturn(
  deps: Deps,
  actor: Actor,
  target: { roundId: number; unitId: number; criterionId: number },
  body: { version: number; explanation: string },
): Promise<ReturnResult> {
  const now = deps.clock();
  const at = now.toISOString();
  const { roundId, unitId, criterionId } = target;
  const opened = await openUnit(deps, actor, target, {
    criterion: (ctx) => requireLeaf(ctx, criterionId),
    allowed: async (parents) => canSelfAssess(actor, unitId, await parents()),
    phase: 'explanation',
    extension: true,
  });
  const { ctx, unit } = opened;
  const c = opened.criterion!;
  const explanation = body.explanation.trim();

  return deps.db.transaction().execute(async (db) => {
    const locked = await lockRoundUnit(db, roundId, unitId);
    if (!locked) throw new AppError('UNIT_NOT_IN_ROUND', { unit: unit.unit_name, round: ctx.round.name });
    const existing = await findReturn(db, roundId, unitId, criterionId);
    if (!existing) throw new AppError('RETURN_NOT_FOUND', { code: c.code });
    if (existing.version !== body.version) throw new AppError('STALE_VERSION');
    const row = await explainReturnRow(db, existing.id, existing.version, {
      explanation,
      explained_by: actor.username,
      explained_at: at,
    });
    if (!row) throw new AppError('STALE_VERSION');
    const entries: AuditEntry[] = [
      assessmentEntry(ctx, unitId, c, {
        action: 'appraisal.explain',
        field: 'explanation',
        oldValue: existing.explanation,
        newValue: explanation,
      }),
    ];
    const open = (await returnRows(db, roundId, unitId)).filter((r) => r.explanation === null);
    const state =
      locked.state === 'returned' && open.length === 0
        ? await followState(db, ctx, unitId, locked.state, 'submitted', 'appraisal.explain', entries)
        : locked.state;
    await audit(db, actor, at, entries);
    return {
      returned: returnView(row)!,
      unit: { state, version: locked.version + (state === locked.state ? 0 : 1) },
    };
  });
}

// ——— the council ———

function sumOf(scores: readonly (Score | null)[]): Score {
  return scores.reduce<Score>((acc, s) => (s === null ? acc : add(acc, s)), ZERO);
}

/** The council's table: units × areas (self → appraised → proposal → final), each leaf's stages and proposal. */
export async function councilView(deps: Deps, actor: Actor, roundId: number): Promise<CouncilView> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  const parents = await parentsFor(deps.db, actor);
  const manages = canManageRound(
    actor,
    ctx.units.map((u) => u.unit_id),
    parents,
  );
  const units = ctx.units.filter((u) => manages || canFixFinal(actor, u.unit_id, parents));
  if (units.length === 0 && !manages) throw new AppError('FORBIDDEN');
  const data = await unitData(deps.db, roundId);
  const leaves = leavesOf(ctx);
  const cells: CouncilCell[] = [];
  const dec = (s: Score | null) => (s === null ? null : toDecimalString(s));
  const viewUnits = units.map((u) => {
    const perArea = new Map<
      string,
      { self: Score[]; appraised: Score[]; proposal: Score[]; final: Score[]; max: Score[] }
    >();
    for (const c of leaves) {
      const k = key(u.unit_id, c.id);
      const stored = (s: ScoreStage) => storedScore(data.scores.get(s)!.get(k)?.score ?? null);
      const self = storedScore(data.answers.get(k)?.score ?? null);
      // where no appraiser scored (yet), the unit's own score stands
      const appraised = stored('appraisal2') ?? stored('appraisal1') ?? self;
      const proposal = proposalOf(c, data, u.unit_id);
      const final = data.scores.get('council')!.get(k);
      cells.push({
        unitId: u.unit_id,
        criterionId: c.id,
        self: dec(self),
        appraisal1: dec(stored('appraisal1')),
        appraisal2: dec(stored('appraisal2')),
        survey: dec(stored('survey')),
        proposal: dec(proposal),
        final: stageView(final),
      });
      const area = areaCode(c);
      const t = perArea.get(area) ?? { self: [], appraised: [], proposal: [], final: [], max: [] };
      if (self) t.self.push(self);
      if (appraised) t.appraised.push(appraised);
      if (proposal) t.proposal.push(proposal);
      if (final) t.final.push(fromDecimalString(final.score));
      if (c.max && c.scorer !== 'bonus' && c.scorer !== 'penalty') t.max.push(c.max);
      perArea.set(area, t);
    }
    const totalsOf = (t: {
      self: Score[];
      appraised: Score[];
      proposal: Score[];
      final: Score[];
      max: Score[];
    }) => ({
      self: toDecimalString(sumOf(t.self)),
      appraised: toDecimalString(sumOf(t.appraised)),
      proposal: toDecimalString(sumOf(t.proposal)),
      final: t.final.length === 0 ? null : toDecimalString(sumOf(t.final)),
      max: toDecimalString(sumOf(t.max)),
    });
    const all = [...perArea.values()].reduce(
      (acc, t) => ({
        self: [...acc.self, ...t.self],
        appraised: [...acc.appraised, ...t.appraised],
        proposal: [...acc.proposal, ...t.proposal],
        final: [...acc.final, ...t.final],
        max: [...acc.max, ...t.max],
      }),
      { self: [], appraised: [], proposal: [], final: [], max: [] },
    );
    const toFix = councilLeaves(ctx, data, u.unit_id);
    return {
      unitId: u.unit_id,
      unitName: u.unit_name,
      state: u.state,
      version: u.version,
      fixed: toFix.filter((c) => data.scores.get('council')!.has(key(u.unit_id, c.id))).length,
      toFix: toFix.length,
      totals: totalsOf(all),
      areas: [...perArea.entries()].map(([code, t]) => ({ code, ...totalsOf(t) })),
    };
  });
  const council = phaseDates(ctx.calendar, 'council');
  return {
    round: roundHead(ctx),
    open: !ctx.published && isPhaseOpen(ctx.calendar, 'council', ctx.day),
    corrections: !ctx.published && council !== undefined && ctx.day > council.closesOn,
    areas: areasOf(ctx, new Set(leaves.map(areaCode))),
    criteria: leaves.map((c) => criterionView(c, false)),
    units: viewUnits,
    cells,
  };
}

/**
 * Fixes a unit's final scores at their proposals (council phase): every leaf not yet fixed, or the
 * chosen ones (a chosen leaf without a proposal is refused; in "all" it is left and named). The
 * unit is 'final' once every leaf the council fixes has its score.
 */
export async function fixFinalScores(
  deps: Deps,
  actor: Actor,
  target: { roundId: number; unitId: number },
  body: { criteria?: number[] | undefined },
): Promise<FinalResult> {
  const now = deps.clock();
  const at = now.toISOString();
  const { roundId, unitId } = target;
  let chosen: RoundCriterion[] | undefined;
  const { ctx, unit } = await openUnit(deps, actor, target, {
    allowed: async (parents, _c, ctx) => {
      if (!canFixFinal(actor, unitId, await parents())) return false;
      // the criteria named are refused before the phase's check
      chosen = body.criteria?.map((id) => requireLeaf(ctx, id));
      return true;
    },
    phase: 'council',
  });
  requireSubmitted(unit);

  return deps.db.transaction().execute(async (db) => {
    const locked = await lockRoundUnit(db, roundId, unitId);
    if (!locked) throw new AppError('UNIT_NOT_IN_ROUND', { unit: unit.unit_name, round: ctx.round.name });
    const data = await unitData(db, roundId, unitId);
    const council = data.scores.get('council')!;
    const candidates = chosen ?? councilLeaves(ctx, data, unitId);
    const entries: AuditEntry[] = [];
    const skipped: string[] = [];
    let fixed = 0;
    for (const c of candidates) {
      const k = key(unitId, c.id);
      if (council.has(k)) continue;
      const proposal = proposalOf(c, data, unitId);
      if (proposal === null) {
        if (chosen) throw new AppError('NO_PROPOSAL', { code: c.code });
        skipped.push(c.code);
        continue;
      }
      const values: StageScoreValues = {
        answer: null,
        score: toDecimalString(proposal),
        overridden: 0,
        comment: '',
        user_id: actor.userId,
        username: actor.username,
        at,
      };
      const written = await insertStageScore(
        db,
        { roundId, unitId, criterionId: c.id, stage: 'council' },
        values,
      );
      council.set(k, written);
      fixed += 1;
      entries.push(
        assessmentEntry(ctx, unitId, c, {
          action: 'council.final',
          field: 'council',
          oldValue: null,
          newValue: scoreJson(written),
        }),
      );
    }
    const state = councilComplete(ctx, data, unitId)
      ? await followState(db, ctx, unitId, locked.state, 'final', 'council.final', entries)
      : locked.state;
    await audit(db, actor, at, entries);
    return { fixed, skipped, unit: { state, version: locked.version + (state === locked.state ? 0 : 1) } };
  });
}

/**
 * A correction of a final score after the council's phase and before publication: the reason is
 * mandatory and the trail keeps old → new (council.correct). The council's members or the round's
 * managers correct.
 */
export async function correctFinalScore(
  deps: Deps,
  actor: Actor,
  target: { roundId: number; unitId: number; criterionId: number },
  body: { score: string; reason: string },
): Promise<CorrectionResult> {
  const now = deps.clock();
  const at = now.toISOString();
  const { roundId, unitId, criterionId } = target;
  const opened = await openUnit(deps, actor, target, {
    criterion: (ctx) => requireLeaf(ctx, criterionId),
    allowed: async (parents) =>
      canFixFinal(actor, unitId, await parents()) || canManageRound(actor, [unitId], await parents()),
    phase: null,
  });
  const { ctx, unit } = opened;
  const c = opened.criterion!;
  const council = phaseDates(ctx.calendar, 'council');
  if (!council || ctx.day <= council.closesOn) {
    throw new AppError('CORRECTION_NOT_YET', { closesOn: council?.closesOn ?? null });
  }
  requireSubmitted(unit);
  const value = fromDecimalString(body.score);
  const { low, high } = scoreRange(c);
  if (compare(value, low) < 0 || compare(value, high) > 0) {
    throw new AppError('APPRAISAL_SCORE_RANGE', {
      code: c.code,
      value: body.score,
      max: toDecimalString(high),
    });
  }
  const reason = body.reason.trim();

  return deps.db.transaction().execute(async (db) => {
    const locked = await lockRoundUnit(db, roundId, unitId);
    if (!locked) throw new AppError('UNIT_NOT_IN_ROUND', { unit: unit.unit_name, round: ctx.round.name });
    const existing = await findStageScore(db, { roundId, unitId, criterionId, stage: 'council' });
    const values: StageScoreValues = {
      answer: null,
      score: toDecimalString(value),
      overridden: 1,
      comment: reason,
      user_id: actor.userId,
      username: actor.username,
      at,
    };
    const written = existing
      ? await updateStageScore(db, existing.id, existing.version, values)
      : await insertStageScore(db, { roundId, unitId, criterionId, stage: 'council' }, values);
    if (!written) throw new AppError('STALE_VERSION');
    const entries: AuditEntry[] = [
      assessmentEntry(ctx, unitId, c, {
        action: 'council.correct',
        field: 'council',
        oldValue: existing?.score ?? null,
        newValue: JSON.stringify({ score: written.score, reason }),
      }),
    ];
    const data = await unitData(db, roundId, unitId);
    if (locked.state !== 'final' && councilComplete(ctx, data, unitId)) {
      await followState(db, ctx, unitId, locked.state, 'final', 'council.correct', entries);
    }
    await audit(db, actor, at, entries);
    return { final: stageView(written)! };
  });
}
