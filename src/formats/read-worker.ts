/**
 * The worker side of read-pool.ts: reads one file in a worker thread of its own heap, so that a
 * file that takes too long or too much memory ends this thread, not the server.
 */
import { readPlans, type ReadOutcome } from './read.js';

export default function read(bytes: Uint8Array): Promise<ReadOutcome> {
  return readPlans(bytes);
}
