/**
 * CPU-heavy pure work off the server's thread (issue 13 point 2): a round's totals for its overview,
 * results and exports (core/round-totals.ts: 100–120 units × ~100 criteria scored in three views) take
 * tens of milliseconds of CPU, which on the server's thread would hold every other request that long.
 * One worker thread (piscina, as formats/read-pool.ts reads uploads) takes the tasks of every kind in
 * turn; their inputs and outcomes are texts and typed arrays, cheap to hand over. (A pool's ranking
 * ran here until the database ranked and stored it in one statement: db/results-repo.ts#storeRanking.)
 *
 * Which file the worker runs: from the build it is dist/modules/compute-worker.js; from the
 * TypeScript sources (vitest, tsx) compute-worker-tsx.js, which registers tsx in the thread.
 */
import { Piscina } from 'piscina';
import type { RoundTotalsInput, RoundTotalsOutcome } from '../core/round-totals.js';
import type { ComputeOutcomes, ComputeTask } from './compute-worker.js';

function workerFile(): string {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './compute-worker.js' : './compute-worker-tsx.js', import.meta.url).href;
}

let pool: Piscina<ComputeTask, ComputeOutcomes[ComputeTask['kind']]> | null = null;
/** tasks finished by kind since the process started (a pool closed and made again included) */
const done: Record<ComputeTask['kind'], number> = { 'round-totals': 0 };

async function run<K extends ComputeTask['kind']>(
  task: Extract<ComputeTask, { kind: K }>,
): Promise<ComputeOutcomes[K]> {
  pool ??= new Piscina<ComputeTask, ComputeOutcomes[ComputeTask['kind']]>({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: 1,
    // a warm worker takes the next task without loading its modules again
    idleTimeout: 60_000,
  });
  const outcome = (await pool.run(task)) as ComputeOutcomes[K];
  done[task.kind] += 1;
  return outcome;
}

/** core/round-totals.ts#computeRoundTotals in the worker thread. */
export function roundTotalsInWorker(input: RoundTotalsInput): Promise<RoundTotalsOutcome> {
  return run({ kind: 'round-totals', input });
}

/** The tasks the worker has finished, by kind (tests; the server's thread did none of them). */
export function computeTasksDone(): Readonly<Record<ComputeTask['kind'], number>> {
  return { ...done };
}

/** Ends the worker thread (it ends by itself after a minute idle). */
export async function closeComputePool(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.destroy();
}
