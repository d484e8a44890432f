/**
 * Results and ranking (issue 12, decision 0015): ranking pools and their classification bands per
 * year, each pool's published result of a year (from a published round or imported), the ranking
 * computed from it (core/ranking.ts), a unit's explanation down to its parts and its history across
 * years. The import's preview (results-import.ts), the what-if (what-if.ts), the plan against its
 * result (plan-result.ts) and the next year's plan (next-plan.ts) have their own files.
 */
import { z } from 'zod';
import { Decimal, Id, IdParam, MAX_ID, Version } from './common.js';
import { Finding } from './plans.js';
import { RANKING_PAGE_DEFAULT, RANKING_PAGE_MAX } from '../limits.js';

export const PoolBand = z.object({
  label: z.string().min(1).max(60),
  /** the lowest index of the band, inclusive */
  minIndex: Decimal,
  /** a chart colour "#rrggbb"; '' = the page's palette */
  colour: z.string().regex(/^(#[0-9a-fA-F]{6})?$/),
});
export type PoolBand = z.infer<typeof PoolBand>;

export const Pool = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  /** part codes compared after an equal index, highest first; [] = equal indexes share a rank */
  tieBreak: z.array(z.string()),
  /** the years it has a result or bands for, newest first */
  years: z.array(z.number().int()),
  version: z.number().int(),
});
export type Pool = z.infer<typeof Pool>;

export const PoolsResponse = z.object({ pools: z.array(Pool) });
export type PoolsResponse = z.infer<typeof PoolsResponse>;

const PoolFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000),
  tieBreak: z.array(z.string().min(1).max(40)).max(10),
};
export const PoolBody = z.object({
  name: PoolFields.name,
  description: PoolFields.description.default(''),
  tieBreak: PoolFields.tieBreak.default([]),
});
/** what is left out stays as it is (no defaults here) */
export const PoolPatch = z.object(PoolFields).partial().extend({ version: Version });
export type PoolBody = z.input<typeof PoolBody>;
export type PoolPatch = z.infer<typeof PoolPatch>;

/** A result's year in a path or a query string. */
const YearParam = z.coerce.number().int().min(2000).max(2100);

export const BandsParams = z.object({ id: IdParam, year: YearParam });
export const BandsBody = z.object({ bands: z.array(PoolBand).max(10) });
export type BandsBody = z.infer<typeof BandsBody>;
export const BandsResponse = z.object({
  poolId: z.number().int(),
  year: z.number().int(),
  bands: z.array(PoolBand),
});
export type BandsResponse = z.infer<typeof BandsResponse>;

export const ResultSummary = z.object({
  id: z.number().int(),
  poolId: z.number().int(),
  poolName: z.string(),
  year: z.number().int(),
  source: z.enum(['round', 'import']),
  roundId: z.number().int().nullable(),
  frameworkId: z.number().int().nullable(),
  title: z.string(),
  sourceName: z.string().nullable(),
  units: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ResultSummary = z.infer<typeof ResultSummary>;

export const ResultsQuery = z.object({
  pool: IdParam.optional(),
  year: YearParam.optional(),
});
export const ResultsResponse = z.object({ results: z.array(ResultSummary) });

export const ResultPart = z.object({
  code: z.string(),
  kind: z.enum(['component', 'area', 'criterion']),
  parentCode: z.string().nullable(),
  name: z.string(),
  max: Decimal.nullable(),
});
export type ResultPart = z.infer<typeof ResultPart>;

export const PointsLost = z.object({ code: z.string(), lost: Decimal });

/** A unit's place the year before in the same pool (through its lineage), when there is one. */
export const PreviousPlace = z.object({
  year: z.number().int(),
  index: Decimal,
  rank: z.number().int().nullable(),
  group: z.string().nullable(),
});

export const RankedUnit = z.object({
  unitId: z.number().int(),
  /** the unit's name in the register */
  unit: z.string(),
  /** as the publication wrote it */
  writtenAs: z.string(),
  index: Decimal,
  points: Decimal.nullable(),
  max: Decimal.nullable(),
  /** computed (core/ranking.ts) */
  rank: z.number().int().nullable(),
  group: z.string().nullable(),
  publishedRank: z.number().int().nullable(),
  publishedGroup: z.string().nullable(),
  /** the score per component and area part (criteria are in the unit's explanation) */
  scores: z.record(z.string(), Decimal.nullable()),
  /** the three parts where most points were lost */
  lost: z.array(PointsLost),
  previous: PreviousPlace.nullable(),
});
export type RankedUnit = z.infer<typeof RankedUnit>;

export const RankingResponse = z.object({
  result: ResultSummary,
  /** components and areas (criteria are in the unit's explanation) */
  parts: z.array(ResultPart),
  bands: z.array(PoolBand),
  tieBreak: z.array(z.string()),
  units: z.array(RankedUnit),
  /** the pool's average index and per part average and best, for the charts */
  average: z.object({ index: Decimal.nullable(), parts: z.record(z.string(), Decimal.nullable()) }),
  best: z.object({ parts: z.record(z.string(), Decimal.nullable()) }),
  /** computed ranks or groups that differ from the published ones, and the import's kept warnings */
  findings: z.array(Finding),
});
export type RankingResponse = z.infer<typeof RankingResponse>;

// defined with the other limits, where the web pages take them without zod's schemas
export { RANKING_PAGE_DEFAULT, RANKING_PAGE_MAX };

export const RankingQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(RANKING_PAGE_MAX)
    .optional()
    .describe(`a page of at most this many ranked units (${RANKING_PAGE_DEFAULT} when left out)`),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_ID - RANKING_PAGE_MAX)
    .optional()
    .describe('ranked units skipped before the page (its last position a PostgreSQL integer)'),
});
export type RankingQuery = z.infer<typeof RankingQuery>;

/** How many units of the pool a band holds (group null: below every band, or no bands). */
export const GroupCount = z.object({ group: z.string().nullable(), units: z.number().int() });

/** The findings a page of the ranking shows at most (the XLSX and the command line have them all). */
export const RANKING_FINDINGS_SHOWN = 100;

/**
 * A page of a result's ranking (GET /api/results/:id/ranking): the units from `offset` in rank order
 * (unranked last), with what the page needs of the whole pool — how many units, the average and
 * best, the units per group, the findings (the first RANKING_FINDINGS_SHOWN, `findingsTotal` in all).
 */
export const RankingPage = RankingResponse.extend({
  /** the units of the page, in rank order */
  units: z.array(RankedUnit),
  offset: z.number().int(),
  limit: z.number().int(),
  /** units in the pool's result */
  total: z.number().int(),
  groups: z.array(GroupCount),
  findingsTotal: z.number().int(),
});
export type RankingPage = z.infer<typeof RankingPage>;

export const ResultUnitParams = z.object({
  id: IdParam,
  unitId: IdParam,
});

export const UnitPartScore = ResultPart.extend({
  score: Decimal.nullable(),
  /** the unit's applicable max when it differs from the part's */
  unitMax: Decimal.nullable(),
  lost: Decimal.nullable(),
  /** index of the part for the unit (score ÷ max × 100) */
  index: Decimal.nullable(),
});

export const HistoryPoint = z.object({
  year: z.number().int(),
  resultId: z.number().int(),
  poolName: z.string(),
  /** the unit as it was named that year (a predecessor before a merger) */
  unit: z.string(),
  index: Decimal,
  rank: z.number().int().nullable(),
  group: z.string().nullable(),
  of: z.number().int(),
});

/** Why a unit's rank is what it is: every part with what was lost, biggest loss first; its history. */
export const UnitExplanation = z.object({
  resultId: z.number().int(),
  unit: RankedUnit,
  /** every part (components, areas, criteria) in the result's order */
  parts: z.array(UnitPartScore),
  /** every part where points were lost, biggest first */
  lost: z.array(PointsLost),
  history: z.array(HistoryPoint),
  /** against the year before: change in index, rank, group; the areas that moved most */
  change: z
    .object({
      year: z.number().int(),
      index: Decimal.nullable(),
      rank: z.number().int().nullable(),
      groupBefore: z.string().nullable(),
      areas: z.array(z.object({ code: z.string(), name: z.string(), change: Decimal })),
    })
    .nullable(),
});
export type UnitExplanation = z.infer<typeof UnitExplanation>;

export const RoundResultsBody = z.object({ poolId: Id });
