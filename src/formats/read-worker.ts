/**
 * The worker side of read-pool.ts: reads one file in a worker thread of its own heap, so that a
 * file that takes too long or too much memory ends this thread, not the server. A task says what
 * the file is read as: plans, or a criteria framework.
 */
import { readFrameworks, type FrameworkReadOutcome } from './framework-read.js';
import { readPlans, type ReadOutcome } from './read.js';

export type ReadTask =
  { kind: 'plans'; bytes: Uint8Array } | { kind: 'frameworks'; bytes: Uint8Array; fileName: string };

export default function read(task: ReadTask): Promise<ReadOutcome | FrameworkReadOutcome> {
  return task.kind === 'frameworks' ? readFrameworks(task.bytes, task.fileName) : readPlans(task.bytes);
}
