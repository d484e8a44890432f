/**
 * Reading files off the main thread. Each file is read by read-worker.ts in a pool of worker
 * threads (piscina) with a heap of READ_HEAP_MB and READ_TIME_LIMIT_MS to finish: a file past
 * either ends its worker — the server keeps answering — and gets one ReadFailure ('out-of-memory',
 * 'too-slow') like any unreadable file. The caps of zip.ts and scan.ts refuse known bombs in
 * milliseconds; these limits catch whatever they miss.
 *
 * The time limit starts when a worker takes the file, not while it waits for one, so a slow file
 * never makes the next one "too slow"; at most MAX_WAITING files wait, further ones are refused
 * ('busy'), so waiting uploads cannot pile up in memory.
 *
 * Which file the worker runs: from the build (`npm start`, bin/parindex.js) this module is
 * dist/formats/read-pool.js and loads dist/formats/read-worker.js; from the TypeScript sources
 * (vitest, tsx) it is read-pool.ts and loads read-worker-tsx.js, which registers tsx in the thread.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { READ_HEAP_MB, READ_TIME_LIMIT_MS } from '../shared/limits.js';
import type { ReadOutcome } from './read.js';

/** Two cores here: one file read at a time per core, the server's own thread aside. */
const THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));
const MAX_WAITING = 8;

let pool: Piscina<Uint8Array, ReadOutcome> | null = null;
let running = 0;
const waiting: (() => void)[] = [];

function workerFile(): string {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './read-worker.js' : './read-worker-tsx.js', import.meta.url).href;
}

function thePool(): Piscina<Uint8Array, ReadOutcome> {
  pool ??= new Piscina<Uint8Array, ReadOutcome>({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: THREADS,
    // a warm worker answers the next upload without loading exceljs and mammoth again
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: READ_HEAP_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  return pool;
}

/** readPlans in a worker thread, within the heap and time limits; never throws for a bad file. */
export async function readPlansIsolated(bytes: Uint8Array): Promise<ReadOutcome> {
  if (running >= THREADS) {
    if (waiting.length >= MAX_WAITING) return { ok: false, failure: { code: 'busy' } };
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running += 1;
  try {
    return await thePool().run(bytes, { signal: AbortSignal.timeout(READ_TIME_LIMIT_MS) });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      return { ok: false, failure: { code: 'too-slow', detail: String(READ_TIME_LIMIT_MS / 1000) } };
    }
    if (isOutOfMemory(error)) {
      return { ok: false, failure: { code: 'out-of-memory', detail: `${READ_HEAP_MB} MB` } };
    }
    throw error;
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function isOutOfMemory(error: unknown): boolean {
  return (
    error instanceof Error &&
    ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory limit/i.test(error.message))
  );
}

/** Ends the pool's threads (the command line, once its work is done). */
export async function closeReadPool(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.destroy();
}
