/**
 * The worker side of compute-pool.ts: one task of pure core code in a worker thread — a round's totals
 * (core/round-totals.ts). One kind for now; the switch takes the next.
 */
import { computeRoundTotals, type RoundTotalsInput, type RoundTotalsOutcome } from '../core/round-totals.js';

export type ComputeTask = { kind: 'round-totals'; input: RoundTotalsInput };

/** What each kind of task gives back. */
export interface ComputeOutcomes {
  'round-totals': RoundTotalsOutcome;
}

export default function compute(task: ComputeTask): ComputeOutcomes[ComputeTask['kind']] {
  switch (task.kind) {
    case 'round-totals':
      return computeRoundTotals(task.input);
  }
}
