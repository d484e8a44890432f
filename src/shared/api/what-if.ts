/**
 * The what-if simulator (issue 12 point 5): what the page needs to run core/what-if.ts live (the
 * pool's units, the unit's scores per part, bands and tie-break), the server's answer to a set of
 * expected scores, and the fewest parts that reach the next group.
 */
import { z } from 'zod';
import { Decimal, Id, IdParam } from './common.js';
import { PoolBand, ResultPart } from './results.js';

export const WhatIfQuery = z.object({ unit: IdParam });

export const WhatIfScore = z.object({ score: Decimal.nullable(), max: Decimal.nullable() });

export const WhatIfUnit = z.object({
  unitId: z.number().int(),
  name: z.string(),
  index: Decimal,
  points: Decimal.nullable(),
  max: Decimal.nullable(),
  /** every part for the simulated unit; the tie-break parts only for the others */
  scores: z.record(z.string(), WhatIfScore),
});

/** GET /api/results/:id/what-if?unit=: the pool as core/what-if.ts takes it. */
export const WhatIfData = z.object({
  resultId: z.number().int(),
  year: z.number().int(),
  poolId: z.number().int(),
  poolName: z.string(),
  title: z.string(),
  unitId: z.number().int(),
  parts: z.array(ResultPart),
  bands: z.array(PoolBand),
  tieBreak: z.array(z.string()),
  units: z.array(WhatIfUnit),
});
export type WhatIfData = z.infer<typeof WhatIfData>;

export const WhatIfChange = z.object({ code: z.string().min(1).max(40), score: Decimal });

export const WhatIfBody = z.object({
  unitId: Id,
  changes: z.array(WhatIfChange).max(1000),
});
export type WhatIfBody = z.infer<typeof WhatIfBody>;

export const WhatIfPlace = z.object({
  index: Decimal,
  rank: z.number().int().nullable(),
  group: z.string().nullable(),
});

export const NextGroupBand = z.object({ label: z.string(), minIndex: Decimal });

export const WhatIfResponse = z.object({
  points: z.object({ before: Decimal.nullable(), after: Decimal.nullable() }),
  before: WhatIfPlace,
  after: WhatIfPlace,
  /** the units overtaken, in their new order */
  passed: z.array(z.object({ unitId: z.number().int(), unit: z.string(), index: Decimal })),
  nextGroup: NextGroupBand.nullable(),
});
export type WhatIfResponse = z.infer<typeof WhatIfResponse>;

export const PartAtStake = z.object({
  code: z.string(),
  name: z.string(),
  score: Decimal,
  max: Decimal,
  atStake: Decimal,
});

/** The fewest parts (each to its max, biggest stake first) that reach the band above; null when none does. */
export const NextGroupResponse = z
  .object({ target: NextGroupBand, criteria: z.array(PartAtStake), reaches: WhatIfPlace })
  .nullable();
export type NextGroupResponse = z.infer<typeof NextGroupResponse>;
