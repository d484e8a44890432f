/**
 * What the appraisal's tests need beyond the seeded round (test/helpers/rounds.ts): a unit's
 * self-assessment written straight into the table (every leaf it scores answered at its best, scored
 * by core/scoring.ts as the unit's page scores it, then submitted), and the round's calendar moved
 * so that today is in a phase (the clock stays: a clock moved by days would outlive the sessions).
 */
import type { Kysely } from 'kysely';
import { PHASES, roundDay, type Phase, type RoundCalendar } from '../../src/core/assessment.js';
import type { Answer, ScoringRule } from '../../src/core/framework.js';
import { scoreFramework } from '../../src/core/scoring.js';
import { toDecimalString, ZERO, type Score } from '../../src/core/score.js';
import type { DB } from '../../src/db/schema.js';
import { loadRound, type RoundCriterion } from '../../src/modules/round-context.js';
import { addDays, calendarFrom, roundChanged } from './rounds.js';

/** An answer the rule takes, the best one (what a unit sure of itself would enter). */
export function bestAnswer(rule: ScoringRule, max: Score): Answer {
  switch (rule.kind) {
    case 'choice':
      return { kind: 'choice', option: 0 };
    case 'bands':
    case 'linear':
      return { kind: 'percent', value: 10_000 };
    case 'count':
      return { kind: 'count', count: 0 };
    case 'parts':
      return { kind: 'parts', met: rule.parts.map((_, i) => i) };
    case 'all':
      return { kind: 'all', met: rule.conditions.map(() => true) };
    case 'gate':
      return bestAnswer(rule.rule, max);
    case 'manual':
      return { kind: 'score', score: max };
    case 'survey':
    case 'bonus':
    case 'penalty':
      return { kind: 'score', score: ZERO };
  }
}

/** A leaf the unit scores itself (the appraisers check it): not a survey's nor the council's own. */
export const selfScored = (c: RoundCriterion) =>
  c.rule !== null && c.scorer !== 'survey' && c.scorer !== 'council';

export async function selfAssess(db: Kysely<DB>, roundId: number, unitId: number, now: Date): Promise<void> {
  const ctx = await loadRound(db, roundId, now);
  const answers = new Map<string, Answer>();
  for (const c of ctx.criteria.filter(selfScored)) answers.set(c.code, bestAnswer(c.rule!, c.max ?? ZERO));
  const scored = scoreFramework(ctx.criteria, answers);
  const at = now.toISOString();
  for (const c of ctx.criteria.filter(selfScored)) {
    const s = scored.criteria.find((x) => x.code === c.code)!.score;
    await db
      .insertInto('assessment_answers')
      .values({
        round_id: roundId,
        unit_id: unitId,
        criterion_id: c.id,
        answer: JSON.stringify(answers.get(c.code)),
        score: s === null ? null : toDecimalString(s),
        not_applicable_reason: null,
        updated_at: at,
        updated_by: 'test',
      })
      .execute();
  }
  await db
    .updateTable('round_units')
    .set({ state: 'submitted', submitted_at: at, submitted_by: 'test' })
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
}

/**
 * The round's calendar moved so that `now` is in `phase` (its second day), or — 'afterCouncil' —
 * past the council's last day with publication still to come.
 */
export async function enterPhase(
  db: Kysely<DB>,
  roundId: number,
  phase: Phase | 'afterCouncil',
  now: Date,
): Promise<void> {
  const today = roundDay(now);
  let calendar: RoundCalendar;
  if (phase === 'afterCouncil') {
    const back = calendarFrom(addDays(today, -5 * PHASES.indexOf('publication')));
    calendar = back.map((p) =>
      p.phase === 'publication' ? { ...p, opensOn: addDays(today, 3), closesOn: addDays(today, 8) } : p,
    );
  } else {
    calendar = calendarFrom(addDays(today, -5 * PHASES.indexOf(phase) - 1));
  }
  for (const p of calendar) {
    await db
      .updateTable('round_phases')
      .set({ opens_on: p.opensOn, closes_on: p.closesOn })
      .where('round_id', '=', roundId)
      .where('phase', '=', p.phase)
      .execute();
  }
  await roundChanged(db, roundId);
}
