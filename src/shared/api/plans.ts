/** Plans: the plan page, the list, edits of scores and tasks, findings, reports, a lead unit's page. */
import { z } from 'zod';
import { parseDeadline } from '../../core/dates.js';
import { RULE_IDS } from '../../core/findings.js';
import {
  FILTER_YEAR_MAX,
  FILTER_YEAR_MIN,
  SEARCH_TEXT_MAX,
  SUBJECT_CHOICES_DEFAULT,
  SUBJECT_CHOICES_MAX,
} from '../limits.js';
import {
  Decimal,
  Id,
  IdParam,
  MAX_ID,
  Severity,
  TaskStatus,
  Totals,
  Unit,
  UnitRef,
  Version,
  VersionOrNone,
} from './common.js';

export const Task = z.object({
  id: z.number().int(),
  text: z.string(),
  status: TaskStatus,
  progress: z.number().int().min(0).max(100),
  deadline: z.string().nullable().describe('ISO date yyyy-mm-dd'),
  deadlineText: z.string().describe('the deadline as the document wrote it'),
  progressNote: z.string(),
  version: z.number().int(),
  leadUnits: z.array(UnitRef),
  supportUnits: z.array(UnitRef),
  leadUnitsText: z.string().describe('the lead-unit cell as the document wrote it'),
});
export type Task = z.infer<typeof Task>;

export const PlanRow = z.object({
  itemId: z.number().int(),
  code: z.string(),
  parentCode: z.string().nullable(),
  depth: z.number().int(),
  name: z.string(),
  max: Decimal.nullable(),
  baseline: Decimal.nullable().describe('as stated; for a parent the live value is the sum of its children'),
  target: Decimal.nullable(),
  version: z.number().int(),
  task: Task.nullable(),
});
export type PlanRow = z.infer<typeof PlanRow>;

export const FindingAcknowledgement = z.object({
  note: z.string(),
  by: z.string(),
  at: z.string(),
});

/** Where in the source a finding points (core/findings.ts#SourceLocation). */
export const SourceLocation = z.object({
  line: z.number().int().optional(),
  sheet: z.string().optional(),
  table: z.number().int().optional(),
  row: z.number().int().optional(),
  column: z.number().int().optional(),
});

/** A finding's parameter: a word, a number, a score (ten-thousandths and decimals shown) or empty. */
const FindingParam = z.union([
  z.string(),
  z.number(),
  z.object({ units: z.number().int(), scale: z.number().int() }),
  z.null(),
]);

/**
 * A finding as a value: its rule, parameters and location; the page words it in the reader's
 * language with the rule catalog of core/findings.ts (findingMessage, formatLocation).
 */
export const Finding = z.object({
  rule: z.enum(RULE_IDS),
  severity: Severity,
  code: z.string().nullable(),
  params: z.record(z.string(), FindingParam),
  location: SourceLocation.nullable(),
  /** a stated value that disagrees with its children: the key to act on it (core/consistency.ts) */
  key: z.string().nullable().optional(),
  /** whether "use the children's sum" can replace the stated value (a max belongs to the framework) */
  adoptable: z.boolean().optional(),
  /** "keep as written": acknowledged for the values it has now; no longer an open error */
  acknowledgement: FindingAcknowledgement.nullable().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const Access = z.object({
  /** full: the whole plan; lead: only the rows of the user's lead units */
  scope: z.enum(['full', 'lead']),
  editScores: z.boolean(),
  editTasks: z.boolean().describe('task text and follow-up'),
  editLeadUnits: z.boolean(),
  export: z.boolean(),
  readAudit: z.boolean(),
  archive: z.boolean().describe('archive or unarchive the plan (plan.edit on the whole plan)'),
  delete: z.boolean().describe('delete the plan (plan.delete)'),
  /** the user's own lead units in this plan (lead scope) */
  leadUnitIds: z.array(z.number().int()),
});
export type Access = z.infer<typeof Access>;

export const PlanView = z.object({
  id: z.number().int(),
  subject: UnitRef,
  year: z.number().int(),
  baselineYear: z.number().int().nullable(),
  label: z.string().nullable(),
  title: z.string().nullable(),
  subtitle: z.string().nullable(),
  sourceName: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  archived: z.boolean().describe('read-only; unarchive it to edit'),
  statedTotals: Totals.nullable(),
  rows: z.array(PlanRow),
  findings: z.array(Finding),
  /** units under the plan's subject: the choices for lead units */
  units: z.array(Unit),
  /** what the reader may do with this plan (the server enforces it; the page hides the rest) */
  access: Access,
});
export type PlanView = z.infer<typeof PlanView>;

export const PlanListItem = z.object({
  id: z.number().int(),
  subject: z.string(),
  subjectPath: z
    .array(z.string())
    .describe('names from the root down to the subject: ["Tỉnh Đắk Nông", "Huyện Krông Nô"]'),
  year: z.number().int(),
  baselineYear: z.number().int().nullable(),
  criteria: z.number().int(),
  totals: Totals.describe('live sums of the criteria'),
  errors: z.number().int(),
  warnings: z.number().int(),
  updatedAt: z.string(),
  subjectId: z.number().int(),
  tasks: z.number().int().describe('tasks followed (with text or a lead unit) the reader sees'),
  tasksDone: z.number().int(),
  overdue: z.number().int().describe('tasks past their deadline and not done, today in Vietnam'),
  archived: z.boolean(),
  subjectShared: z
    .boolean()
    .describe("another unit of the subject's name has a plan: the list shows the path to tell them apart"),
});
export type PlanListItem = z.infer<typeof PlanListItem>;

const Flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const PlanListQuery = z.object({
  q: z
    .string()
    .max(SEARCH_TEXT_MAX)
    .optional()
    .describe('search in the unit name and year, diacritics optional'),
  year: z.coerce.number().int().min(FILTER_YEAR_MIN).max(FILTER_YEAR_MAX).optional(),
  unit: IdParam.optional().describe('plans of this unit or of a unit below it'),
  hasErrors: Flag.optional(),
  overdue: Flag.optional().describe('only plans with an overdue task'),
  archived: Flag.optional().describe('1: archived plans are listed too'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe('a page of at most this many plans; the header x-total-count gives how many match'),
  offset: z.coerce.number().int().min(0).optional().describe('plans skipped before the page'),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;

/** The choices of the plans list's year filter: the years the reader's plans have. */
export const PlanListChoices = z.object({
  years: z.array(z.number().int()).describe('the years of the plans the reader may see, newest first'),
});
export type PlanListChoices = z.infer<typeof PlanListChoices>;

export const PlanChoicesQuery = z.object({
  archived: Flag.optional().describe('1: the choices of archived plans too'),
});

/** A unit of the plans list's unit filter: a unit with a plan the reader may see. */
export const SubjectChoice = z.object({
  id: z.number().int(),
  name: z.string(),
  parent: z.string().nullable().describe("the parent's name"),
  label: z
    .string()
    .describe(
      'the name, with the parent\'s when another unit of this name has a plan: "Phòng Nội vụ — Huyện Cư Jút"',
    ),
});
export type SubjectChoice = z.infer<typeof SubjectChoice>;

export const SubjectChoices = z.object({
  items: z.array(SubjectChoice).describe('in Vietnamese order of the name'),
  more: z.boolean().describe('more units match past this page'),
});
export type SubjectChoices = z.infer<typeof SubjectChoices>;

export const SubjectChoicesQuery = z.object({
  q: z.string().max(SEARCH_TEXT_MAX).optional().describe('search in the unit name, diacritics optional'),
  id: IdParam.optional().describe(
    "this unit only, if the reader may choose it (a filter's label from the address)",
  ),
  archived: Flag.optional().describe('1: the units of archived plans too'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(SUBJECT_CHOICES_MAX)
    .optional()
    .describe(`at most this many units (${SUBJECT_CHOICES_DEFAULT} when left out)`),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_ID - SUBJECT_CHOICES_MAX)
    .optional()
    .describe('units skipped before the page'),
});
export type SubjectChoicesQuery = z.infer<typeof SubjectChoicesQuery>;

export const PlanPatch = z.object({
  archived: z.boolean().describe('archived: read-only and hidden from the plans list by default'),
});

export const PlanDelete = z.object({
  confirm: z.string().max(500).describe("the plan's subject and year as the list shows them"),
});

export const ItemParams = z.object({
  id: IdParam,
  itemId: IdParam,
});
export const UnitParams = z.object({
  id: IdParam,
  unitId: IdParam,
});

export const ItemPatch = z
  .object({
    version: Version.describe('the version the client last saw'),
    baseline: Decimal.nullable().optional(),
    target: Decimal.nullable().optional(),
  })
  .refine((p) => p.baseline !== undefined || p.target !== undefined, 'baseline or target is needed');
export type ItemPatch = z.infer<typeof ItemPatch>;

/**
 * What a score edit answers: what it changed, not the whole plan — the version it made, the rows
 * whose values moved (the edited leaf and the stated parents that followed it), the stated total,
 * and every finding as the checker gives it after the edit. mergePlanEdit (shared/plan-edit.ts)
 * applies it to the plan a page holds: the result is what a reload of that version shows.
 */
export const PlanEdit = z.object({
  id: z.number().int(),
  version: z.number().int().describe("the plan's version this edit made"),
  updatedAt: z.string(),
  statedTotals: Totals.nullable(),
  totals: Totals.describe('live sums of the criteria, as the plans list shows them'),
  rows: z.array(PlanRow).describe('the edited row and the parents whose stated value followed it'),
  findings: z.array(Finding).describe("every finding of the plan after the edit (the whole plan's)"),
});
export type PlanEdit = z.infer<typeof PlanEdit>;

/** "Use the children's sum": for one finding (its key) or for every open one of the plan. */
export const AdoptSums = z.object({
  version: Version.describe('the plan version the client last saw'),
  key: z.string().min(1).max(500).nullable().describe('one finding; null: every open sum finding'),
});
export type AdoptSums = z.infer<typeof AdoptSums>;

/** "Keep as written": a finding acknowledged with a note. */
export const AcknowledgeFinding = z.object({
  version: Version,
  key: z.string().min(1).max(500),
  note: z.string().trim().min(1).max(2000),
});
export type AcknowledgeFinding = z.infer<typeof AcknowledgeFinding>;

export const TaskPatch = z.object({
  version: VersionOrNone.describe('the task version the client last saw; 0 when there is no task yet'),
  text: z.string().max(20_000).optional(),
  status: TaskStatus.optional(),
  progress: z.number().int().min(0).max(100).optional(),
  deadline: z
    .string()
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && parseDeadline(d) !== null, 'a calendar date yyyy-mm-dd')
    .nullable()
    .optional(),
  progressNote: z.string().max(2000).optional(),
  leadUnitIds: z.array(Id).max(50).optional(),
  supportUnitIds: z.array(Id).max(50).optional(),
});
export type TaskPatch = z.infer<typeof TaskPatch>;

/** dd/mm/yyyy as officers write it, or yyyy-mm-dd; the day the report is "as of". */
export const ReportQuery = z.object({
  unit: IdParam.optional().describe("a lead unit's report"),
  asOf: z
    .string()
    .trim()
    .refine(
      (d) => /^\d{1,2}\/\d{1,2}\/\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(d) && parseDeadline(d) !== null,
      'a calendar date dd/mm/yyyy',
    )
    .transform((d) => parseDeadline(d)!)
    .optional()
    .describe('dd/mm/yyyy (or yyyy-mm-dd); today in Vietnam when absent'),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const UnitCreate = z.object({ name: z.string().trim().min(2).max(300) });

export const LeadUnitRow = z.object({
  itemId: z.number().int(),
  code: z.string(),
  name: z.string(),
  role: z.enum(['lead', 'support']),
  max: Decimal.nullable(),
  baseline: Decimal.nullable(),
  target: Decimal.nullable(),
  atStake: Decimal.nullable().describe('max − baseline'),
  gain: Decimal.nullable().describe('target − baseline'),
  task: Task,
});
export type LeadUnitRow = z.infer<typeof LeadUnitRow>;

export const LeadUnitView = z.object({
  plan: z.object({ id: z.number().int(), subject: z.string(), year: z.number().int() }),
  unit: Unit,
  rows: z.array(LeadUnitRow),
});
export type LeadUnitView = z.infer<typeof LeadUnitView>;
