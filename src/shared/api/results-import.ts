/**
 * A published result's import (issue 12): the preview of an uploaded table for a pool and a year,
 * the mapping of the names it could not match, and the confirmation (modules/results-import.ts).
 * The upload is multipart: `file`, `year`, `pool` (a pool's id), `title` (optional).
 */
import { z } from 'zod';
import { Decimal, Id, IdParam, UnitRef } from './common.js';
import { Finding, SourceLocation } from './plans.js';
import { ResultPart } from './results.js';

/** The multipart fields of the upload beside the file (read as text, checked with this). */
export const ResultsImportFields = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  pool: IdParam,
  title: z.string().trim().max(300).default(''),
});
export type ResultsImportFields = z.infer<typeof ResultsImportFields>;

export const ResultsImportUnit = z.object({
  /** the row's line (text) or row (spreadsheet), and its place */
  row: z.number().int().nullable(),
  location: SourceLocation,
  /** the unit's name as the publication wrote it, and the unit it matched (null: to be mapped) */
  writtenAs: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  index: Decimal,
  publishedRank: z.number().int().nullable(),
  publishedGroup: z.string().nullable(),
  /** computed from the table (core/ranking.ts) and the pool's bands of the year */
  rank: z.number().int().nullable(),
  group: z.string().nullable(),
  /** per part code */
  scores: z.record(z.string(), Decimal.nullable()),
});
export type ResultsImportUnit = z.infer<typeof ResultsImportUnit>;

export const ResultsImportPreview = z.object({
  token: z.string(),
  fileName: z.string(),
  expiresAt: z.string(),
  year: z.number().int(),
  poolId: z.number().int(),
  poolName: z.string(),
  title: z.string(),
  layout: z.enum(['wide', 'long']).nullable(),
  parts: z.array(ResultPart),
  units: z.array(ResultsImportUnit),
  /** names no unit answers to, with the rows they are on and the units most alike */
  unknownNames: z.array(
    z.object({ name: z.string(), rows: z.array(z.number().int()), candidates: z.array(UnitRef) }),
  ),
  findings: z.array(Finding),
  /** the pool's result of that year, replaced on confirmation */
  replaces: z.object({ resultId: z.number().int(), title: z.string(), units: z.number().int() }).nullable(),
  /** rows whose computed rank or group differ from the published ones */
  differences: z.number().int(),
  /** no blocking finding: confirmable once every unknown name is mapped */
  canConfirm: z.boolean(),
});
export type ResultsImportPreview = z.infer<typeof ResultsImportPreview>;

export const ResultsImportConfirm = z.object({
  /** an unknown name as written → the unit it is */
  mapping: z.record(z.string().min(1).max(300), Id).default({}),
});
export type ResultsImportConfirm = z.infer<typeof ResultsImportConfirm>;

export const ResultsImportResult = z.object({
  resultId: z.number().int(),
  /** the result it replaced, if any */
  replaced: z.number().int().nullable(),
  units: z.number().int(),
});
export type ResultsImportResult = z.infer<typeof ResultsImportResult>;

export const ResultsImportTokenParams = z.object({ token: z.string().regex(/^[a-f0-9]{32}$/) });
