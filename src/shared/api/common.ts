/** The shapes every part of the API shares: exact decimals, units, task status, errors, ids. */
import { z } from 'zod';
import { TASK_STATUSES } from '../../core/follow-up.js';
import { MAX_ID } from '../limits.js';

export const Decimal = z
  .string()
  .regex(/^-?\d{1,6}(\.\d{1,4})?$/, 'a decimal with at most 4 decimals, e.g. "8.5"')
  .describe('exact decimal score, decimal point, e.g. "10.10"');

export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const Severity = z.enum(['error', 'warning', 'info']);

export const UnitRef = z.object({ id: z.number().int(), name: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

export const Unit = UnitRef.extend({ kind: z.string() });
export type Unit = z.infer<typeof Unit>;

export const Totals = z.object({
  max: Decimal.nullable(),
  baseline: Decimal.nullable(),
  target: Decimal.nullable(),
});
export type Totals = z.infer<typeof Totals>;

// the largest id, one number for the server and the web app
export { MAX_ID };

/** A row's id in a JSON body. */
export const Id = z.number().int().min(1).max(MAX_ID);

/**
 * A row's version in a JSON body, as the client last saw it (a stale one is refused): versions are
 * PostgreSQL integers too, so a larger number is refused here as ids are.
 */
export const Version = z.number().int().min(1).max(MAX_ID);

/** A version read of a row that may not exist yet: 0 when there was none. */
export const VersionOrNone = z.number().int().min(0).max(MAX_ID);

/** A row's id in a path or a query string (text made a number). */
export const IdParam = z.coerce.number().int().min(1).max(MAX_ID);

export const IdParams = z.object({ id: IdParam });

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
