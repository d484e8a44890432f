/**
 * The worker side of read-pool.ts: reads one file in a worker thread of its own heap, so that a
 * file that takes too long or too much memory ends this thread, not the server.
 */
import { readLineageList as readList, type ListOutcome } from './lineage-list.js';
import { readPlans, type ReadOutcome } from './read.js';

export default function read(bytes: Uint8Array): Promise<ReadOutcome> {
  return readPlans(bytes);
}

/** A list of reorganisations (lineage-list.ts), under the same limits. */
export function readLineageList(bytes: Uint8Array): Promise<ListOutcome> {
  return readList(bytes);
}
