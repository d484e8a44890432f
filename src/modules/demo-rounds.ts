/**
 * The generated country's assessment rounds and results (issue 13 point 1): for every year and
 * province, a round of its departments and one of its communes, made by modules/rounds.ts#createRound
 * (the framework put in use, follow-up units resolved, the calendar checked); every unit's answers,
 * evidence records, stage scores and state written in bulk (db/demo-rounds-repo.ts) as the
 * use-cases would leave them after each person's work — scores by core/scoring.ts from the answers
 * (samples.ts#sampleAnswer, the level drawn per unit and criterion), the round rows' versions moved
 * once per change of state; then each past year's round result published into its pool
 * (results.ts#publishRoundResult), so the ranking pages have data.
 *
 * Past years' rounds have ended (every unit appraised, the council's final scores fixed, published);
 * the last year's is in its self-assessment: units submitted, in progress and not started. Evidence
 * records point at one sample file: the store keeps a content once (decision 0013), so 100,000
 * records are one file. The audit trail is not written for the bulk rows (1,2 M entries for a
 * country that never happened); the rounds, pools and results made through the use-cases are audited.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Insertable, Kysely } from 'kysely';
import { systemActor } from '../core/access.js';
import { countingScore, roundDay } from '../core/assessment.js';
import type { DemoStep } from '../core/messages/cli.js';
import type { Answer } from '../core/framework.js';
import { notSelfScoredBy } from '../core/round-results.js';
import { decimalOrNull, scoreFromNumber, toNumber, ZERO, type Score } from '../core/score.js';
import { scoreFramework } from '../core/scoring.js';
import { refreshStatistics, type DatabaseKind } from '../db/database.js';
import {
  insertAnswerRows,
  insertEvidenceLinkRows,
  insertEvidenceRows,
  insertStageScoreRows,
  setRoundUnitStates,
} from '../db/demo-rounds-repo.js';
import type { AssessmentAnswersTable, AssessmentScoresTable, DB } from '../db/schema.js';
import { frameworkCriteria } from '../db/frameworks-repo.js';
import { evidenceType } from '../formats/evidence-type.js';
import type { DemoCountry, DemoCounts, DemoProvince } from './demo-country.js';
import { seededRandom } from './demo-country.js';
import type { EvidenceDeps } from './deps.js';
import { AppError } from './errors.js';
import { sha256 } from './hash.js';
import { loadRound, type RoundCriteria, type RoundCriterion } from './round-context.js';
import { assignFollowUps, createRound } from './rounds.js';
import { createPool, poolNamed, publishRoundResult, savePoolBands } from './results.js';
import { sampleAnswer, sampleCalendar, type SampleLevel } from './samples.js';

export interface DemoRoundsDeps {
  db: Kysely<DB>;
  kind: DatabaseKind;
  clock: () => Date;
  /** the evidence store: the sample file is put there once (absent: the records alone) */
  evidence?: EvidenceDeps;
}

export type RoundCounts = Pick<DemoCounts, 'rounds' | 'answers' | 'evidence' | 'results'>;

const GROUPS = [
  {
    group: 'department',
    title: 'sở, ban, ngành',
    of: (p: DemoProvince) => p.departments,
  },
  {
    group: 'commune',
    title: 'xã, phường, đặc khu',
    // a commune merged away is assessed up to the year before its merger, as it has plans until then
    of: (p: DemoProvince, year: number) => [
      ...p.communes,
      ...p.mergedAway.filter((m) => m.lastYear >= year).map((m) => m.id),
    ],
  },
] as const;

const BANDS = [
  { label: 'Xuất sắc', minIndex: '90', colour: '' },
  { label: 'Tốt', minIndex: '80', colour: '' },
  { label: 'Khá', minIndex: '70', colour: '' },
  { label: 'Trung bình', minIndex: '0', colour: '' },
];

const EVIDENCE_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../samples/evidence/ke-hoach-cchc-2026.pdf',
);
const DEMO_USER = 'demo';
const EXPLANATION = 'Căn cứ báo cáo kết quả thực hiện công tác CCHC năm của đơn vị.';

/** yyyy-mm-dd plus some days */
function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An instant on a Vietnam day (hour 0–16 Vietnam stays on that day in UTC too). */
const on = (day: string, hour: number): string =>
  new Date(Date.parse(`${day}T00:00:00+07:00`) + hour * 3_600_000).toISOString();

/** How far a unit got in the last year's self-assessment. */
type Progress = 'submitted' | 'in-progress' | 'not-started';

/** round_units.version after the use-cases' changes: 1 made, +1 per move of state. */
const UNIT_VERSION = { 'not-started': 1, 'in-progress': 2, submitted: 3, appraised: 4, final: 5 } as const;

interface Leaves {
  /** the leaves the unit answers (self-scored, with a rule) */
  self: RoundCriterion[];
  /** the leaves the area appraisers score */
  appraised: RoundCriterion[];
  survey: RoundCriterion[];
  council: RoundCriterion[];
  /** the leaves the evidence file supports: about one in ten of the answered */
  evidenced: RoundCriterion[];
}

function leavesOf(criteria: readonly RoundCriterion[]): Leaves {
  const parents = new Set(criteria.map((c) => c.parentCode));
  const leaves = criteria.filter((c) => !parents.has(c.code));
  const self = leaves.filter((c) => c.rule !== null && notSelfScoredBy(c) === null);
  return {
    self,
    appraised: self.filter((c) => c.scorer !== 'survey' && c.scorer !== 'council'),
    survey: leaves.filter((c) => notSelfScoredBy(c) === 'survey'),
    council: leaves.filter((c) => notSelfScoredBy(c) === 'council'),
    evidenced: self.filter((_, i) => i % 10 === 0),
  };
}

/** The max a rule is checked against: the criterion's, or a bonus's or penalty's cap (as self-assessment.ts). */
function ruleMax(c: RoundCriterion): Score {
  if (c.max !== null) return c.max;
  if (c.rule?.kind === 'bonus' || c.rule?.kind === 'penalty') return c.rule.cap;
  return ZERO;
}

/** A share of a criterion's max, in quarter points. */
function shareOf(c: RoundCriterion, share: number): Score {
  return scoreFromNumber(Math.round(toNumber(c.max ?? ZERO) * share * 4) / 4) ?? ZERO;
}

export async function generateRounds(
  deps: DemoRoundsDeps,
  country: DemoCountry,
  progress?: (step: DemoStep) => void,
): Promise<RoundCounts> {
  const random = seededRandom(country.options.seed + 1_000_003);
  const actor = systemActor(DEMO_USER);
  const now = deps.clock();
  const today = roundDay(now);
  const lastYear = country.years[country.years.length - 1];
  const counts: RoundCounts = { rounds: 0, answers: 0, evidence: 0, results: 0 };
  const evidence = await sampleEvidence(deps);

  for (const year of country.years) {
    const past = year !== lastYear;
    // past years: the self-assessment in the first half of November, published on 15 December;
    // the last year's is open today (the week before and the week after)
    const day = past ? `${year}-11-16` : plusDays(today, 7);
    const calendar = sampleCalendar(day);
    for (const province of country.provinces) {
      for (const g of GROUPS) {
        const unitIds = g.of(province, year);
        const frameworkId = country.frameworks[`${g.group}:${year}`];
        if (unitIds.length === 0 || frameworkId === undefined) continue;
        const made = { ...deps, clock: () => new Date(on(plusDays(day, -20), 3)) };
        const input = {
          name: `Đánh giá Chỉ số CCHC các ${g.title} ${province.name} năm ${year}`,
          year,
          frameworkId,
          unitIds: [...unitIds],
          calendar,
        };
        const round = await createRound(made, actor, input).catch(async (error: unknown) => {
          // a small province lacks some of the departments the framework names: its first follows them
          if (!(error instanceof AppError) || !error.is('ROUND_FOLLOW_UP_MISSING')) throw error;
          const codes = new Set(error.params.criteria.map((c) => c.code));
          await followedByFirst(made, frameworkId, codes, province.departments[0] ?? province.unitId);
          return createRound(made, actor, input);
        });
        const ctx = await loadRound(deps.db, round.id, now);
        const leaves = leavesOf(ctx.criteria);
        const written = await writeRound(deps.db, {
          roundId: round.id,
          criteria: ctx.criteria,
          tree: ctx.shape.tree,
          leaves,
          unitIds: [...unitIds].sort((a, b) => a - b),
          day,
          past,
          random,
          evidence,
        });
        counts.rounds += 1;
        counts.answers += written.answers;
        counts.evidence += written.evidence;
        if (past) {
          const poolId = await poolOf(deps, province.name, g.title, year);
          await publishRoundResult(deps, actor, round.id, poolId);
          counts.results += 1;
        }
      }
      progress?.({
        step: 'rounds',
        year,
        province: province.name,
        rounds: counts.rounds,
        answers: counts.answers,
      });
    }
  }
  await refreshStatistics(deps);
  return counts;
}

/**
 * The criteria the framework names a follow-up unit for that the province does not have: followed
 * by the unit given (audited as createRound audits a follow-up it resolves), before any round uses
 * the framework, so no round's kept criteria go stale.
 */
async function followedByFirst(
  deps: DemoRoundsDeps,
  frameworkId: number,
  codes: ReadonlySet<string>,
  unitId: number,
): Promise<void> {
  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const criteria = (await frameworkCriteria(db, frameworkId)).filter((c) => codes.has(c.code));
    await assignFollowUps(
      db,
      systemActor(DEMO_USER),
      at,
      criteria.map((criterion) => ({ criterion, unitId })),
    );
  });
}

/** The pool of a province's group, made with its bands of the year the first time. */
async function poolOf(deps: DemoRoundsDeps, province: string, title: string, year: number): Promise<number> {
  const actor = systemActor(DEMO_USER);
  const name = `Các ${title} ${province}`;
  const found = await poolNamed(deps.db, name);
  const id =
    found?.id ??
    (
      await createPool(deps, actor, {
        name,
        description: `Chỉ số CCHC các ${title} thuộc ${province}`,
        tieBreak: [],
      })
    ).id;
  await savePoolBands(deps, actor, id, year, BANDS);
  return id;
}

interface SampleEvidence {
  sha256: string;
  size: number;
  type: string;
  mime: string;
  name: string;
}

/** The one file every evidence record points at, put in the store when there is one. */
async function sampleEvidence(deps: DemoRoundsDeps): Promise<SampleEvidence> {
  const bytes = new Uint8Array(readFileSync(EVIDENCE_FILE));
  const name = 'ke-hoach-cchc.pdf';
  const verdict = await evidenceType(bytes, name, bytes.length);
  if (!verdict.ok) throw new Error(`the sample evidence file is refused: ${verdict.refusal.code}`);
  if (deps.evidence) await deps.evidence.store.put(bytes);
  return { sha256: sha256(bytes), size: bytes.length, type: verdict.type, mime: verdict.mime, name };
}

interface RoundPlan {
  roundId: number;
  criteria: RoundCriterion[];
  tree: RoundCriteria['tree'];
  leaves: Leaves;
  unitIds: number[];
  /** the calendar's pivot (appraisal round 1 opens on it) */
  day: string;
  past: boolean;
  random: () => number;
  evidence: SampleEvidence;
}

/**
 * One round's units: their answers, evidence, stage scores and states, in one transaction. The random
 * draws follow the units in id order and the criteria in document order: the same seed, the same rows.
 */
async function writeRound(db: Kysely<DB>, plan: RoundPlan): Promise<{ answers: number; evidence: number }> {
  const { roundId, criteria, tree, leaves, day, random } = plan;
  const answers: Insertable<AssessmentAnswersTable>[] = [];
  const stages: Insertable<AssessmentScoresTable>[] = [];
  const states = new Map<string, number[]>();
  const withEvidence: number[] = [];

  for (const [n, unitId] of plan.unitIds.entries()) {
    // a unit's quality: how many of its criteria it meets in full
    const quality = 0.55 + 0.45 * random();
    const reached: Progress = plan.past
      ? 'submitted'
      : ((): Progress => {
          const r = random();
          return r < 0.45 ? 'submitted' : r < 0.85 ? 'in-progress' : 'not-started';
        })();
    const state = plan.past ? 'final' : reached;
    states.set(state, [...(states.get(state) ?? []), unitId]);
    if (reached === 'not-started') continue;

    // the self-assessment: every leaf, or half of them while in progress, over the week before it closed
    const own = new Map<string, Answer>();
    const levels = new Map<string, SampleLevel>();
    const answered = leaves.self.filter((_, i) => reached === 'submitted' || i % 2 === n % 2);
    const answering = new Set(answered);
    for (const c of leaves.self) {
      const level: SampleLevel = random() < quality ? 'good' : 'fair';
      levels.set(c.code, level);
      if (!answering.has(c)) continue;
      const answer = sampleAnswer(c.rule!, ruleMax(c), level);
      if (answer) own.set(c.code, answer);
    }
    const selfScores = scoreFramework(criteria, own, { tree });
    const scoreOf = new Map(selfScores.criteria.map((s) => [s.code, s.score]));
    for (const [i, c] of answered.entries()) {
      const answer = own.get(c.code);
      if (!answer) continue;
      answers.push({
        round_id: roundId,
        unit_id: unitId,
        criterion_id: c.id,
        answer: JSON.stringify(answer),
        score: decimalOrNull(scoreOf.get(c.code) ?? null),
        note: '',
        not_applicable_reason: null,
        scoring_explanation: EXPLANATION,
        updated_at: on(plusDays(day, -7 + (i % 5)), 1 + (n % 8)),
        updated_by: DEMO_USER,
      });
    }
    if (reached !== 'submitted') continue;
    withEvidence.push(unitId);
    if (!plan.past) continue;

    // appraisal round 1: the appraisers agree, except where the evidence showed less than claimed
    const appraisal = new Map(own);
    const appraisedAnswers = new Map<string, Answer>();
    for (const c of leaves.appraised) {
      const lower = random() < 0.15;
      const answer = sampleAnswer(c.rule!, ruleMax(c), lower ? 'fair' : levels.get(c.code)!);
      if (!answer) continue;
      appraisal.set(c.code, answer);
      appraisedAnswers.set(c.code, answer);
    }
    const firstScores = new Map(
      scoreFramework(criteria, appraisal, { tree }).criteria.map((s) => [s.code, s.score]),
    );
    const stageRow = (c: RoundCriterion, stage: string, at: string, value: Score, answer: Answer | null) => {
      stages.push({
        round_id: roundId,
        unit_id: unitId,
        criterion_id: c.id,
        stage,
        answer: answer === null ? null : JSON.stringify(answer),
        score: decimalOrNull(value)!,
        overridden: 0,
        comment: '',
        user_id: null,
        username: DEMO_USER,
        at,
      });
    };
    const first = new Map<string, Score>();
    for (const [i, c] of leaves.appraised.entries()) {
      const answer = appraisedAnswers.get(c.code);
      const value = firstScores.get(c.code) ?? null;
      if (!answer || value === null) continue;
      first.set(c.code, value);
      stageRow(c, 'appraisal1', on(plusDays(day, i % 10), 2 + (n % 6)), value, answer);
    }
    // the survey's scores as imported, during the council's days
    const survey = new Map<string, Score>();
    for (const c of leaves.survey) {
      const value = shareOf(c, 0.6 + 0.4 * random());
      survey.set(c.code, value);
      stageRow(c, 'survey', on(plusDays(day, 22), 2), value, null);
    }
    // the council: its own criteria scored from an answer, every other leaf fixed at its proposal
    const council = new Map(appraisal);
    const councilAnswers = new Map<string, Answer>();
    for (const c of leaves.council) {
      if (c.rule === null) continue;
      const answer = sampleAnswer(c.rule, ruleMax(c), random() < quality ? 'good' : 'fair');
      if (!answer) continue;
      council.set(c.code, answer);
      councilAnswers.set(c.code, answer);
    }
    const councilScores = new Map(
      scoreFramework(criteria, council, { tree }).criteria.map((s) => [s.code, s.score]),
    );
    for (const c of leaves.council) {
      const answer = councilAnswers.get(c.code);
      const value = councilScores.get(c.code) ?? null;
      if (answer && value !== null) stageRow(c, 'council', on(plusDays(day, 24), 2), value, answer);
    }
    for (const c of leaves.self) {
      if (c.scorer === 'survey' || c.scorer === 'council') continue;
      const proposal = countingScore(
        {
          self: own.has(c.code) ? (scoreOf.get(c.code) ?? null) : null,
          appraisal1: first.get(c.code) ?? null,
          survey: survey.get(c.code) ?? null,
        },
        c.scorer,
      );
      if (proposal !== null) stageRow(c, 'council', on(plusDays(day, 26), 2), proposal, null);
    }
  }

  return db.transaction().execute(async (trx) => {
    await insertAnswerRows(trx, answers);
    await insertStageScoreRows(trx, stages);
    for (const [state, ids] of states) {
      const submitted =
        state === 'final' || state === 'submitted' ? { at: on(plusDays(day, -2), 9), by: DEMO_USER } : null;
      await setRoundUnitStates(
        trx,
        roundId,
        state,
        UNIT_VERSION[state as keyof typeof UNIT_VERSION],
        submitted,
        ids,
      );
    }
    const { evidence } = plan;
    const files = await insertEvidenceRows(
      trx,
      withEvidence.map((unitId) => ({
        round_id: roundId,
        unit_id: unitId,
        sha256: evidence.sha256,
        size: evidence.size,
        type: evidence.type,
        mime: evidence.mime,
        name: evidence.name,
        uploaded_by: DEMO_USER,
        uploaded_at: on(plusDays(day, -3), 3),
      })),
    );
    await insertEvidenceLinkRows(
      trx,
      withEvidence.flatMap((unitId) =>
        leaves.evidenced.map((c) => ({
          evidence_id: files.get(unitId)!,
          criterion_id: c.id,
          phase: 'self',
          added_at: on(plusDays(day, -3), 3),
        })),
      ),
    );
    return { answers: answers.length, evidence: withEvidence.length };
  });
}
