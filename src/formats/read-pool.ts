/**
 * Reading files off the main thread: plans (readPlans), frameworks (readFrameworks), lists of
 * reorganisations, survey scores, results tables and evidence files' types, one task kind each. Each file is read by read-worker.ts
 * in a pool of worker threads (piscina) with a heap of READ_HEAP_MB and READ_TIME_LIMIT_MS to finish:
 * a file past either ends its worker — the server keeps answering — and gets one ReadFailure
 * ('out-of-memory', 'too-slow') like any unreadable file. The caps of zip.ts and scan.ts refuse known bombs in
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
import type { ReadFailure } from './errors.js';
import type { EvidenceVerdict } from './evidence-type.js';
import type { FrameworkReadOutcome } from './framework-read.js';
import type { ListOutcome } from './lineage-list.js';
import type { ReadOutcome } from './read.js';
import type { ReadTask, TaskOutcome } from './read-worker.js';
import type { ResultsOutcome } from './results-read.js';
import type { SurveyOutcome } from './survey-read.js';

/** Two cores here: one file read at a time per core, the server's own thread aside. */
const THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));
const MAX_WAITING = 8;

export interface ReadPoolOptions {
  threads: number;
  /** files waiting for a worker; one more is refused as 'busy' */
  maxWaiting: number;
  timeLimitMs: number;
  heapMb: number;
}

export interface ReadPool {
  /** readPlans in a worker thread, within the heap and time limits; never throws for a bad file */
  read(bytes: Uint8Array): Promise<ReadOutcome>;
  /** readFrameworks the same way, within the same limits */
  readFrameworks(bytes: Uint8Array, fileName: string): Promise<FrameworkReadOutcome>;
  /** a list of reorganisations (lineage-list.ts) the same way */
  readList(bytes: Uint8Array): Promise<ListOutcome>;
  /** a survey's scores (survey-read.ts) the same way */
  readSurvey(bytes: Uint8Array): Promise<SurveyOutcome>;
  /** a published result's table (results-read.ts) the same way */
  readResults(bytes: Uint8Array): Promise<ResultsOutcome>;
  /**
   * an evidence file's type by content (evidence-type.ts: its ZIP parts inflated) the same way; a
   * file the pool cannot take or finish is `{ ok: false, failure }`
   */
  evidenceType(
    bytes: Uint8Array,
    fileName: string,
    maxFileBytes: number,
  ): Promise<EvidenceVerdict | { ok: false; failure: ReadFailure }>;
  /** what the pool holds now (for /metrics) */
  stats(): ReadPoolStats;
  /** ends the threads */
  close(): Promise<void>;
}

export interface ReadPoolStats {
  /** worker threads alive (0 until the first file, and after a minute idle) */
  threads: number;
  /** files being read */
  running: number;
  /** files waiting for a worker (at most maxWaiting) */
  waiting: number;
}

function workerFile(): string {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './read-worker.js' : './read-worker-tsx.js', import.meta.url).href;
}

export function createReadPool(options: ReadPoolOptions): ReadPool {
  let pool: Piscina<ReadTask, TaskOutcome> | null = null;
  let running = 0;
  const waiting: (() => void)[] = [];

  const thePool = () =>
    (pool ??= new Piscina<ReadTask, TaskOutcome>({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: options.threads,
      // a warm worker answers the next upload without loading exceljs and mammoth again
      idleTimeout: 60_000,
      resourceLimits: {
        maxOldGenerationSizeMb: options.heapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    }));

  /** A worker slot: taken at once, or handed over by a finishing file; false when too many wait. */
  const acquire = async (): Promise<boolean> => {
    if (running < options.threads) {
      running += 1;
      return true;
    }
    if (waiting.length >= options.maxWaiting) return false;
    await new Promise<void>((resolve) => waiting.push(resolve));
    return true;
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  /** One task in a worker; a file the pool cannot take or finish is a ReadFailure in the task's shape. */
  const run = async <T>(task: ReadTask, failed: (failure: ReadFailure) => T): Promise<T> => {
    if (!(await acquire())) return failed({ code: 'busy' });
    try {
      return (await thePool().run(task, { signal: AbortSignal.timeout(options.timeLimitMs) })) as T;
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') {
        return failed({ code: 'too-slow', detail: String(options.timeLimitMs / 1000) });
      }
      if (isOutOfMemory(error)) return failed({ code: 'out-of-memory', detail: `${options.heapMb} MB` });
      throw error;
    } finally {
      release();
    }
  };

  return {
    read(bytes) {
      return run<ReadOutcome>({ kind: 'plans', bytes }, (failure) => ({ ok: false, failure }));
    },
    readFrameworks(bytes, fileName) {
      return run<FrameworkReadOutcome>({ kind: 'frameworks', bytes, fileName }, (failure) => ({
        frameworks: [],
        failure,
      }));
    },
    readList(bytes) {
      return run<ListOutcome>({ kind: 'lineage-list', bytes }, (failure) => ({ ok: false, failure }));
    },
    readSurvey(bytes) {
      return run<SurveyOutcome>({ kind: 'survey', bytes }, (failure) => ({ ok: false, failure }));
    },
    readResults(bytes) {
      return run<ResultsOutcome>({ kind: 'results', bytes }, (failure) => ({ ok: false, failure }));
    },
    evidenceType(bytes, fileName, maxFileBytes) {
      return run<EvidenceVerdict | { ok: false; failure: ReadFailure }>(
        { kind: 'evidence-type', bytes, fileName, maxFileBytes },
        (failure) => ({ ok: false, failure }),
      );
    },
    stats() {
      return { threads: pool?.threads.length ?? 0, running, waiting: waiting.length };
    },
    async close() {
      const closing = pool;
      pool = null;
      await closing?.destroy();
    },
  };
}

function isOutOfMemory(error: unknown): boolean {
  return (
    error instanceof Error &&
    ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory limit/i.test(error.message))
  );
}

/** The pool uploads and the command line read with. */
const shared = createReadPool({
  threads: THREADS,
  maxWaiting: MAX_WAITING,
  timeLimitMs: READ_TIME_LIMIT_MS,
  heapMb: READ_HEAP_MB,
});

/** readPlans in the shared worker pool, within the limits of src/shared/limits.ts. */
export function readPlansIsolated(bytes: Uint8Array): Promise<ReadOutcome> {
  return shared.read(bytes);
}

/** readFrameworks in the shared worker pool, within the same limits as plans. */
export function readFrameworksInPool(bytes: Uint8Array, fileName: string): Promise<FrameworkReadOutcome> {
  return shared.readFrameworks(bytes, fileName);
}

/** A list of reorganisations read in the shared worker pool (modules/unit-events.ts). */
export function readLineageListIsolated(bytes: Uint8Array): Promise<ListOutcome> {
  return shared.readList(bytes);
}

/** A survey's scores read in the shared worker pool (modules/survey.ts). */
export function readSurveyInPool(bytes: Uint8Array): Promise<SurveyOutcome> {
  return shared.readSurvey(bytes);
}

/** A published result's table read in the shared worker pool (modules/results-import.ts). */
export function readResultsInPool(bytes: Uint8Array): Promise<ResultsOutcome> {
  return shared.readResults(bytes);
}

/** An evidence file's type by content, in the shared worker pool (modules/evidence.ts). */
export function evidenceTypeInPool(
  bytes: Uint8Array,
  fileName: string,
  maxFileBytes: number,
): Promise<EvidenceVerdict | { ok: false; failure: ReadFailure }> {
  return shared.evidenceType(bytes, fileName, maxFileBytes);
}

/** The shared pool's threads and files (GET /metrics). */
export function readPoolStats(): ReadPoolStats {
  return shared.stats();
}

/** Ends the shared pool's threads (they end by themselves after a minute idle). */
export function closeReadPool(): Promise<void> {
  return shared.close();
}
