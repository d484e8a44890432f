/** The shapes every part of the API shares: exact decimals, units, task status, errors, ids. */
import { z } from 'zod';
import { TASK_STATUSES } from '../../core/follow-up.js';

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

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
