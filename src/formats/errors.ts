/**
 * Reasons a whole file cannot be read. A bad row is a finding; these are for files that are not a
 * plan at all. Their codes and texts live in the message catalog (core/messages.ts), never a stack
 * trace.
 */
import type { ReadLimit } from '../core/messages.js';

export { readFailureText as readFailureMessage } from '../core/messages.js';
export type { ReadFailure, ReadFailureCode } from '../core/messages.js';
export type { ReadLimit, ReadLimitName } from '../core/messages.js';

/** Thrown by a reader that meets a limit; readPlans turns it into its ReadFailure. */
export class ReadLimitError extends Error {
  constructor(readonly limit: ReadLimit) {
    super(`read limit: ${limit.name} > ${limit.max}`);
  }
}
