/**
 * A survey's scores import (điều tra xã hội học): the preview of an uploaded file against a round,
 * the mapping of the names it could not match, and the confirmation (modules/survey.ts).
 */
import { z } from 'zod';
import { Decimal, Id, IdParam, UnitRef } from './common.js';
import { Finding, SourceLocation } from './plans.js';

export const SurveyRowStatus = z.enum(['ok', 'unknown-unit', 'error']);
export type SurveyRowStatus = z.infer<typeof SurveyRowStatus>;

export const SurveyPreviewRow = z.object({
  location: SourceLocation,
  /** the unit's name as written, and the round's unit it matched (null: unknown, to be mapped) */
  unit: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  code: z.string(),
  criterionName: z.string().nullable(),
  score: Decimal,
  max: Decimal.nullable(),
  /** the survey score stored now for that unit and criterion, replaced on confirmation */
  previous: Decimal.nullable(),
  status: SurveyRowStatus,
});
export type SurveyPreviewRow = z.infer<typeof SurveyPreviewRow>;

export const SurveyPreview = z.object({
  token: z.string(),
  fileName: z.string(),
  expiresAt: z.string(),
  /** long: a row per unit and criterion; wide: a row per unit, a column per criterion */
  layout: z.enum(['long', 'wide']).nullable(),
  rows: z.array(SurveyPreviewRow),
  findings: z.array(Finding),
  /** names no unit of the round answers to, each with the unit sharing most words, if any */
  unknownUnits: z.array(z.object({ name: z.string(), suggestion: UnitRef.nullable() })),
  /** the round's units, to map those names to */
  units: z.array(UnitRef),
  /** the survey criteria of the round's framework */
  criteria: z.array(z.object({ code: z.string(), name: z.string(), max: Decimal.nullable() })),
  /** no blocking finding: confirmable once every unknown name is mapped */
  canConfirm: z.boolean(),
});
export type SurveyPreview = z.infer<typeof SurveyPreview>;

export const SurveyConfirm = z.object({
  /** an unknown name as written → the round's unit it is */
  units: z.record(z.string().min(1).max(300), Id).default({}),
});
export type SurveyConfirm = z.infer<typeof SurveyConfirm>;

export const SurveyResult = z.object({
  /** scores stored (new or changed) */
  written: z.number().int(),
  /** of those, scores that replaced an earlier survey score */
  replaced: z.number().int(),
  /** scores the file gives as already stored */
  unchanged: z.number().int(),
});
export type SurveyResult = z.infer<typeof SurveyResult>;

export const RoundTokenParams = z.object({
  id: IdParam,
  token: z.string().regex(/^[a-f0-9]{32}$/),
});
