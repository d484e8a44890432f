/**
 * The worker side of compute-pool.ts: one task of pure core code in a worker thread — a pool ranked
 * whole (core/rank-pool.ts) or a round's totals (core/round-totals.ts).
 */
import { rankPool, type PoolRanking, type PoolRankingInput } from '../core/rank-pool.js';
import { computeRoundTotals, type RoundTotalsInput, type RoundTotalsOutcome } from '../core/round-totals.js';

export type ComputeTask =
  { kind: 'rank-pool'; input: PoolRankingInput } | { kind: 'round-totals'; input: RoundTotalsInput };

/** What each kind of task gives back. */
export interface ComputeOutcomes {
  'rank-pool': PoolRanking;
  'round-totals': RoundTotalsOutcome;
}

export default function compute(task: ComputeTask): ComputeOutcomes[ComputeTask['kind']] {
  switch (task.kind) {
    case 'rank-pool':
      return rankPool(task.input);
    case 'round-totals':
      return computeRoundTotals(task.input);
  }
}
