/**
 * A plan against the result of its year (issue 12 point 4; core/plan-result.ts), with where the
 * what-if panel and the next year's plan start: the pool's last published result of the plan's unit.
 */
import { z } from 'zod';
import { Decimal, TaskStatus } from './common.js';

export const TargetOutcome = z.enum(['met', 'not-met', 'no-result', 'no-target']);

export const CriterionOutcome = z.object({
  code: z.string(),
  name: z.string(),
  resultCode: z.string().nullable(),
  max: Decimal.nullable(),
  baseline: Decimal.nullable(),
  target: Decimal.nullable(),
  achieved: Decimal.nullable(),
  gained: Decimal.nullable(),
  gap: Decimal.nullable(),
  outcome: TargetOutcome,
  hasTask: z.boolean(),
});

export const PlanResultLead = z.object({ id: z.number().int().nullable(), name: z.string() });

export const TaskOutcome = z.object({
  code: z.string(),
  name: z.string(),
  text: z.string(),
  status: TaskStatus,
  leadUnits: z.array(PlanResultLead),
  gained: Decimal.nullable(),
  outcome: TargetOutcome,
  paidOff: z.boolean().nullable(),
});

export const LeadUnitOutcome = z.object({
  unitId: z.number().int().nullable(),
  name: z.string(),
  tasks: z.number().int(),
  done: z.number().int(),
  targets: z.number().int(),
  targetsMet: z.number().int(),
  gained: Decimal.nullable(),
});

export const PlanResultRef = z.object({
  id: z.number().int(),
  year: z.number().int(),
  poolId: z.number().int(),
  poolName: z.string(),
  title: z.string(),
  index: Decimal,
  /** matched through the crosswalk (the result's framework is another version of the plan's) */
  crosswalk: z.boolean(),
});

export const PlanResultResponse = z.object({
  planId: z.number().int(),
  year: z.number().int(),
  unitId: z.number().int(),
  unit: z.string(),
  /** the result of the plan's year with the plan's unit; null: none yet */
  result: PlanResultRef.nullable(),
  /** the pool's last result with the unit (the what-if panel's, the next year's plan's) */
  latest: PlanResultRef.nullable(),
  comparison: z
    .object({
      criteria: z.array(CriterionOutcome),
      tasks: z.array(TaskOutcome),
      leadUnits: z.array(LeadUnitOutcome),
      notPaidOff: z.array(TaskOutcome),
      gainedWithoutTask: z.array(CriterionOutcome),
      counts: z.record(TargetOutcome, z.number().int()),
    })
    .nullable(),
});
export type PlanResultResponse = z.infer<typeof PlanResultResponse>;
