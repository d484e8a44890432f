/**
 * Next year's plan from a unit's result (issue 12.6): per area a choice of how the points lost are
 * recovered, the proposed rows (a dry run) or the draft stored as the unit's plan.
 */
import { z } from 'zod';
import { Decimal, IdParam, TaskStatus, Totals } from './common.js';

export const NextPlanParams = z.object({
  id: IdParam,
  unitId: IdParam,
});

/** full: the max back; share: baseline + share × lost (share a fraction 0..1, "0.5"); manual: no target */
export const AreaRecovery = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('full') }),
  z.object({
    mode: z.literal('share'),
    share: Decimal.refine((s) => Number(s) > 0 && Number(s) <= 1, 'a share above 0, at most 1'),
  }),
  z.object({ mode: z.literal('manual') }),
]);
export type AreaRecovery = z.infer<typeof AreaRecovery>;

export const NextPlanBody = z.object({
  /** the plan's year; absent: the result's year + 1 */
  year: z.number().int().min(2000).max(2100).optional(),
  /** by area code ("1", "8"); an area not given recovers fully */
  recovery: z.record(z.string().min(1).max(20), AreaRecovery).default({}),
  dryRun: z.boolean().default(false),
});
export type NextPlanBody = z.input<typeof NextPlanBody>;

export const NextPlanRow = z.object({
  code: z.string(),
  name: z.string(),
  area: z.string(),
  leaf: z.boolean(),
  /** the result's criterion it continues (null: a new criterion, or a parent) */
  fromCode: z.string().nullable(),
  max: Decimal.nullable(),
  baseline: Decimal.nullable(),
  lost: Decimal.nullable(),
  target: Decimal.nullable(),
  basis: z.enum(['kept', 'full', 'share', 'manual', 'sum']),
  task: z.enum(['carried', 'new']).nullable(),
  carriedStatus: TaskStatus.nullable(),
  taskText: z.string(),
  leadUnits: z.string(),
});
export type NextPlanRow = z.infer<typeof NextPlanRow>;

export const NextPlanPreview = z.object({
  dryRun: z.literal(true),
  resultId: z.number().int(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  resultYear: z.number().int(),
  /** the framework the draft follows and whether the result's criteria were matched to it by a crosswalk */
  framework: z.object({ id: z.number().int().nullable(), name: z.string(), crosswalk: z.boolean() }),
  /** this year's plan whose tasks were carried over */
  lastPlanId: z.number().int().nullable(),
  /** a plan of that unit and year that already exists (creating is then refused) */
  existingPlanId: z.number().int().nullable(),
  areas: z.array(z.object({ code: z.string(), name: z.string(), lost: Decimal.nullable() })),
  rows: z.array(NextPlanRow),
  totals: Totals,
});
export type NextPlanPreview = z.infer<typeof NextPlanPreview>;

export const NextPlanCreated = z.object({ dryRun: z.literal(false), planId: z.number().int() });
export type NextPlanCreated = z.infer<typeof NextPlanCreated>;

export const NextPlanResponse = z.union([NextPlanPreview, NextPlanCreated]);
export type NextPlanResponse = z.infer<typeof NextPlanResponse>;
