/** The import wizard: preview of a file, the officer's unit mapping, the confirmation's result. */
import { z } from 'zod';
import { Decimal, Id, Totals, Unit, UnitRef, Version } from './common.js';
import { Finding } from './plans.js';

export const PreviewRow = z.object({
  code: z.string(),
  name: z.string(),
  depth: z.number().int(),
  max: Decimal.nullable(),
  baseline: Decimal.nullable(),
  target: Decimal.nullable(),
  task: z.string(),
  leadUnits: z.string(),
});

export const UnknownUnit = z.object({
  name: z.string(),
  variants: z.array(z.string()),
  suggestion: UnitRef.nullable(),
});

export const DiffChange = z.object({
  field: z.enum(['name', 'max', 'baseline', 'target', 'task', 'leadUnits', 'supportUnits', 'deadline']),
  old: z.string().nullable().describe('scores as decimal strings; null: the row is new'),
  new: z.string().nullable().describe('null: the row is removed'),
});

export const PlanDiffView = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  moved: z.number().int().describe('tasks found again under another criterion'),
  lostFollowUp: z.number().int().describe('stored tasks with follow-up that replacing would drop'),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      changes: z.array(DiffChange),
      movedFrom: z.string().nullable(),
      lostFollowUp: z.number().int(),
    }),
  ),
});
export type PlanDiffView = z.infer<typeof PlanDiffView>;

export const ImportPreviewPlan = z.object({
  /** the account may import this plan (its unit's plans, or a new unit for an installation-wide right) */
  allowed: z.boolean(),
  subject: z.string().nullable(),
  year: z.number().int().nullable(),
  baselineYear: z.number().int().nullable(),
  criteria: z.number().int(),
  areas: z.number().int(),
  totals: Totals,
  rows: z.array(PreviewRow),
  findings: z.array(Finding),
  blocking: z.boolean(),
  existingPlanId: z.number().int().nullable(),
  /** the stored plan's version the differences were computed on (sent back with the confirmation) */
  existingVersion: z.number().int().nullable(),
  /** the stored plan has exactly this content: importing changes nothing */
  unchanged: z.boolean(),
  unknownUnits: z.array(UnknownUnit),
  knownUnits: z.array(Unit),
  /** what replacing the stored plan would change (a plan that exists with other content) */
  diff: PlanDiffView.nullable(),
  /**
   * the subject unit ended before the plan's year: the import is refused; the parameters of
   * UNIT_DISSOLVED (core/messages.ts), which the page words as the server does
   */
  ended: z
    .object({
      subject: z.string(),
      year: z.number().int(),
      until: z.string(),
      lineage: z.string().nullable(),
      successor: z.string().nullable(),
    })
    .nullable(),
  /** the subject is a new unit: where it can be placed */
  newSubject: z
    .object({
      kind: z.string(),
      /** it belongs under another unit (a district under a province…): a parent must be chosen */
      needsParent: z.boolean(),
      parentOptions: z.array(Unit),
      /** earlier plans of this file whose (new) subject can be its parent */
      parentPlans: z.array(z.number().int()),
    })
    .nullable(),
});
export type ImportPreviewPlan = z.infer<typeof ImportPreviewPlan>;

export const ImportPreview = z.object({
  token: z.string(),
  fileName: z.string(),
  format: z.string(),
  expiresAt: z.string(),
  plans: z.array(ImportPreviewPlan),
  canConfirm: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportConfirm = z.object({
  mapping: z
    .array(
      z.object({
        plan: z.number().int().min(0),
        name: z.string(),
        unitId: Id.nullable().describe('an existing unit, or null to create a new one'),
      }),
    )
    .default([]),
  replace: z.boolean().default(false),
  /** the versions of the stored plans the preview showed: a plan changed since is not replaced */
  seenVersions: z.array(z.object({ plan: z.number().int().min(0), version: Version })).default([]),
  /** where each new subject unit goes: under an existing unit or under an earlier plan's subject */
  parents: z
    .array(
      z.union([
        z.object({ plan: z.number().int().min(0), unitId: Id }),
        z.object({ plan: z.number().int().min(0), parentPlan: z.number().int().min(0) }),
      ]),
    )
    .default([]),
});
export type ImportConfirm = z.infer<typeof ImportConfirm>;

export const ImportResult = z.object({
  plans: z.array(
    z.object({
      id: z.number().int(),
      subject: z.string(),
      year: z.number().int(),
      outcome: z.enum(['created', 'unchanged', 'replaced']),
    }),
  ),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const TokenParams = z.object({ token: z.string().regex(/^[a-f0-9]{32}$/) });
