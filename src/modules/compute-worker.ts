/** The worker side of ranking-pool.ts: one pool ranked whole (core/rank-pool.ts) in a worker thread. */
import { rankPool, type PoolRanking, type PoolRankingInput } from '../core/rank-pool.js';

export default function rank(input: PoolRankingInput): PoolRanking {
  return rankPool(input);
}
