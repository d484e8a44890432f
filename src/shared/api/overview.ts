/**
 * The provincial office's overview of a round and its results (modules/round-results.ts): units ×
 * areas for the self-assessment, the appraisal and the final scores, the biggest self/appraisal gaps,
 * late units, the appraisal's progress per area, and the ranking by index.
 */
import { z } from 'zod';
import { Decimal, IdParam } from './common.js';

export const OverviewUnitParams = z.object({
  id: IdParam,
  unitId: IdParam,
});

/** A view's totals: per area (the overview's areas, in order; null: no score yet), the total, the applicable max, the index. */
export const OverviewTotals = z.object({
  areas: z.array(Decimal.nullable()),
  total: Decimal,
  max: Decimal,
  index: Decimal.nullable(),
  missing: z.number().int(),
});
export type OverviewTotals = z.infer<typeof OverviewTotals>;

export const OverviewArea = z.object({
  code: z.string(),
  name: z.string(),
  max: Decimal.nullable(),
  /** the department that follows (and appraises) the area */
  followedBy: z.string().nullable(),
});

export const OverviewUnit = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  state: z.string(),
  /** by the final index; equal indexes share a rank */
  rank: z.number().int().nullable(),
  self: OverviewTotals,
  appraised: OverviewTotals,
  final: OverviewTotals,
});
export type OverviewUnit = z.infer<typeof OverviewUnit>;

export const OverviewGap = z.object({
  code: z.string(),
  name: z.string(),
  max: Decimal.nullable(),
  /** the sum over units of |self − appraised| */
  total: Decimal,
  units: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      self: Decimal,
      appraised: Decimal,
      gap: Decimal,
    }),
  ),
});
export type OverviewGap = z.infer<typeof OverviewGap>;

export const OverviewLateUnit = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  state: z.string(),
  reasons: z.array(z.enum(['not-submitted', 'returns-unexplained'])),
  unexplainedReturns: z.number().int(),
});
export type OverviewLateUnit = z.infer<typeof OverviewLateUnit>;

export const OverviewProgress = z.object({
  code: z.string(),
  stage: z.enum(['appraisal1', 'appraisal2']),
  scored: z.number().int(),
  toScore: z.number().int(),
});

export const RoundOverview = z.object({
  round: z.object({
    id: z.number().int(),
    name: z.string(),
    year: z.number().int(),
    phase: z.string(),
    published: z.boolean(),
    /** today in Vietnam, the day lateness is judged on */
    day: z.string(),
  }),
  areas: z.array(OverviewArea),
  units: z.array(OverviewUnit),
  gaps: z.array(OverviewGap),
  late: z.array(OverviewLateUnit),
  progress: z.array(OverviewProgress),
});
export type RoundOverview = z.infer<typeof RoundOverview>;

export const RoundResultRow = z.object({
  unit: z.string(),
  unitId: z.number().int(),
  self: Decimal,
  appraised: Decimal,
  final: Decimal,
  max: Decimal,
  index: Decimal.nullable(),
  rank: z.number().int().nullable(),
});
export type RoundResultRow = z.infer<typeof RoundResultRow>;

export const RoundResults = z.object({ units: z.array(RoundResultRow) });
export type RoundResults = z.infer<typeof RoundResults>;
