/** Units across reorganisations: events, a unit's lineage both ways, a list to import, last year's figure. */
import { z } from 'zod';
import { parseDeadline } from '../../core/dates.js';
import { BASELINE_RULES, LINEAGE_KINDS } from '../../core/lineage.js';
import { Id, UnitRef } from './common.js';
import { Finding } from './plans.js';

const Day = z
  .string()
  .refine((d) => parseDeadline(d) !== null, 'a calendar date yyyy-mm-dd or dd/mm/yyyy')
  .describe('the first day of the new arrangement');

export const UnitEventInput = z.object({
  kind: z.enum(LINEAGE_KINDS),
  date: Day,
  decision: z.string().trim().max(300).default(''),
  note: z.string().trim().max(2000).default(''),
  from: z.array(Id).min(1).max(100).describe('the units that end, or the unit moved'),
  to: z.array(Id).max(100).default([]).describe('the successors, or the new parent of a moved unit'),
  newUnit: z
    .object({
      name: z.string().trim().min(2).max(300),
      kind: z.string().trim().min(2).max(40),
      parentId: Id.nullable(),
    })
    .nullable()
    .default(null)
    .describe('a successor created in the same step (added to "to")'),
});
export type UnitEventInput = z.input<typeof UnitEventInput>;

export const UnitEventView = z.object({
  id: z.number().int(),
  kind: z.enum(LINEAGE_KINDS),
  date: z.string().nullable(),
  decision: z.string(),
  note: z.string(),
  from: z.array(UnitRef),
  to: z.array(UnitRef),
});
export type UnitEventView = z.infer<typeof UnitEventView>;

export const LineageStepView = z.object({
  unit: UnitRef,
  eventId: z.number().int(),
  kind: z.enum(LINEAGE_KINDS),
  date: z.string().nullable(),
  decision: z.string(),
  depth: z.number().int().describe('1: direct; 2: one of theirs…'),
});
export type LineageStepView = z.infer<typeof LineageStepView>;

export const UnitLineage = z.object({
  unit: z.object({
    id: z.number().int(),
    name: z.string(),
    kind: z.string(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  }),
  predecessors: z.array(LineageStepView),
  successors: z.array(LineageStepView),
  /** every event naming the unit, moves included */
  events: z.array(UnitEventView),
});
export type UnitLineage = z.infer<typeof UnitLineage>;

export const LineageListResult = z.object({
  /** the events the list makes, in its order (preview) or as recorded */
  events: z.array(UnitEventView.omit({ id: true }).extend({ id: z.number().int().nullable() })),
  findings: z.array(Finding),
  /** no error: the list can be recorded as it is */
  canConfirm: z.boolean(),
  written: z.boolean(),
});
export type LineageListResult = z.infer<typeof LineageListResult>;

export const LineageListQuery = z.object({
  confirm: z.enum(['0', '1']).default('0').describe('1: record the events (all or nothing); 0: preview only'),
});

export const LastYearQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .describe("the figures' year (the predecessors' plans of it)"),
});

export const PredecessorPlan = z.object({
  unit: UnitRef,
  depth: z.number().int(),
  planId: z.number().int().nullable(),
  max: z.string().nullable(),
  baseline: z.string().nullable(),
  /** the figure the rules use: the plan's total target for that year */
  target: z.string().nullable(),
});

export const LastYearView = z.object({
  unitId: z.number().int(),
  year: z.number().int(),
  predecessors: z.array(PredecessorPlan),
  largest: z.object({ value: z.string(), from: z.number().int() }).nullable(),
  average: z.string().nullable(),
  recorded: z
    .object({
      rule: z.enum(BASELINE_RULES),
      value: z.string(),
      fromUnitId: z.number().int().nullable(),
      username: z.string(),
      at: z.string(),
    })
    .nullable(),
});
export type LastYearView = z.infer<typeof LastYearView>;

export const LastYearInput = z.object({
  year: z.number().int().min(2000).max(2100),
  rule: z.enum(BASELINE_RULES),
  value: z
    .string()
    .regex(/^\d{1,3}([.,]\d{1,4})?$/, 'a score with at most four decimals')
    .nullable()
    .default(null)
    .describe('the entered value (rule "entered")'),
});
