/**
 * Rankings computed off the server's thread (issue 13 point 3): a pool of 3,500 units ranked whole
 * (core/rank-pool.ts: the stored scores read, sorted, grouped, averaged) takes tens of milliseconds
 * of CPU, which on the server's thread would hold every other request that long. One worker thread
 * (piscina, as formats/read-pool.ts reads uploads) takes them in turn; modules/results.ts keeps each
 * outcome per result and pool version, so a pool is ranked again only after it changed.
 *
 * Which file the worker runs: from the build it is dist/modules/ranking-worker.js; from the
 * TypeScript sources (vitest, tsx) ranking-worker-tsx.js, which registers tsx in the thread.
 */
import { Piscina } from 'piscina';
import type { PoolRanking, PoolRankingInput } from '../core/rank-pool.js';

function workerFile(): string {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './ranking-worker.js' : './ranking-worker-tsx.js', import.meta.url).href;
}

let pool: Piscina<PoolRankingInput, PoolRanking> | null = null;

/** core/rank-pool.ts#rankPool in the worker thread. */
export function rankPoolInWorker(input: PoolRankingInput): Promise<PoolRanking> {
  pool ??= new Piscina<PoolRankingInput, PoolRanking>({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: 1,
    // a warm worker ranks the next pool without loading its modules again
    idleTimeout: 60_000,
  });
  return pool.run(input);
}

/** Ends the worker thread (it ends by itself after a minute idle). */
export async function closeRankingPool(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.destroy();
}
