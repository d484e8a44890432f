/**
 * Reasons a whole file cannot be read. A bad row is a finding; these are for files that are not a
 * plan at all. Their codes and texts live in the message catalog (core/messages.ts), never a stack
 * trace.
 */
export { readFailureText as readFailureMessage } from '../core/messages.js';
export type { ReadFailure, ReadFailureCode } from '../core/messages.js';
