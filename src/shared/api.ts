/**
 * The shapes the HTTP API speaks, as zod schemas: the server validates requests and documents
 * responses with them (OpenAPI at /api/docs), the web app takes its types from them. Scores travel
 * as exact decimal strings ("10.10") so neither side ever sums binary floats.
 */
import { z } from 'zod';
import { parseDeadline } from '../core/dates.js';
import { TASK_STATUSES } from '../core/follow-up.js';

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

export const Finding = z.object({
  rule: z.string(),
  severity: Severity,
  code: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
  /** a stated value that disagrees with its children: the key to act on it (core/consistency.ts) */
  key: z.string().nullable().optional(),
  /** whether "use the children's sum" can replace the stated value (a max belongs to the framework) */
  adoptable: z.boolean().optional(),
  /** "keep as written": acknowledged for the values it has now; no longer an open error */
  acknowledgement: FindingAcknowledgement.nullable().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const Totals = z.object({
  max: Decimal.nullable(),
  baseline: Decimal.nullable(),
  target: Decimal.nullable(),
});
export type Totals = z.infer<typeof Totals>;

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
  get access() {
    return Access;
  },
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
});
export type PlanListItem = z.infer<typeof PlanListItem>;

const Flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const PlanListQuery = z.object({
  q: z.string().max(200).optional().describe('search in the unit name and year, diacritics optional'),
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  unit: z.coerce.number().int().positive().optional().describe('plans of this unit or of a unit below it'),
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

export const PlanPatch = z.object({
  archived: z.boolean().describe('archived: read-only and hidden from the plans list by default'),
});

export const PlanDelete = z.object({
  confirm: z.string().max(500).describe("the plan's subject and year as the list shows them"),
});

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const ItemParams = z.object({
  id: z.coerce.number().int().positive(),
  itemId: z.coerce.number().int().positive(),
});
export const UnitParams = z.object({
  id: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
});

export const ItemPatch = z
  .object({
    version: z.number().int().min(1).describe('the version the client last saw'),
    baseline: Decimal.nullable().optional(),
    target: Decimal.nullable().optional(),
  })
  .refine((p) => p.baseline !== undefined || p.target !== undefined, 'baseline or target is needed');
export type ItemPatch = z.infer<typeof ItemPatch>;

/** "Use the children's sum": for one finding (its key) or for every open one of the plan. */
export const AdoptSums = z.object({
  version: z.number().int().min(1).describe('the plan version the client last saw'),
  key: z.string().min(1).max(500).nullable().describe('one finding; null: every open sum finding'),
});
export type AdoptSums = z.infer<typeof AdoptSums>;

/** "Keep as written": a finding acknowledged with a note. */
export const AcknowledgeFinding = z.object({
  version: z.number().int().min(1),
  key: z.string().min(1).max(500),
  note: z.string().trim().min(1).max(2000),
});
export type AcknowledgeFinding = z.infer<typeof AcknowledgeFinding>;

export const TaskPatch = z.object({
  version: z
    .number()
    .int()
    .min(0)
    .describe('the task version the client last saw; 0 when there is no task yet'),
  text: z.string().max(20_000).optional(),
  status: TaskStatus.optional(),
  progress: z.number().int().min(0).max(100).optional(),
  deadline: z
    .string()
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && parseDeadline(d) !== null, 'a calendar date yyyy-mm-dd')
    .nullable()
    .optional(),
  progressNote: z.string().max(2000).optional(),
  leadUnitIds: z.array(z.number().int().positive()).max(50).optional(),
  supportUnitIds: z.array(z.number().int().positive()).max(50).optional(),
});
export type TaskPatch = z.infer<typeof TaskPatch>;

/** dd/mm/yyyy as officers write it, or yyyy-mm-dd; the day the report is "as of". */
export const ReportQuery = z.object({
  unit: z.coerce.number().int().positive().optional().describe("a lead unit's report"),
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
  findings: z.array(Finding.extend({ location: z.string() })),
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
  /** the subject unit ended before the plan's year: the import is refused, with why */
  ended: z
    .object({
      until: z.string(),
      successor: z.string().nullable(),
      message: z.string(),
      messageEn: z.string(),
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
        unitId: z
          .number()
          .int()
          .positive()
          .nullable()
          .describe('an existing unit, or null to create a new one'),
      }),
    )
    .default([]),
  replace: z.boolean().default(false),
  /** the versions of the stored plans the preview showed: a plan changed since is not replaced */
  seenVersions: z
    .array(z.object({ plan: z.number().int().min(0), version: z.number().int().min(1) }))
    .default([]),
  /** where each new subject unit goes: under an existing unit or under an earlier plan's subject */
  parents: z
    .array(
      z.union([
        z.object({ plan: z.number().int().min(0), unitId: z.number().int().positive() }),
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

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

// ——— accounts, administration, audit ———

export const Login = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const PasswordChange = z.object({
  current: z.string().min(1).max(200),
  next: z.string().min(1).max(200),
});

export const GrantView = z.object({
  id: z.number().int(),
  role: z.string(),
  unitId: z.number().int().nullable().describe('null: the whole installation'),
  unitName: z.string().nullable(),
});

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

export const Me = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(GrantView),
  csrfToken: z.string(),
  can: z.object({
    import: z.boolean(),
    adminUsers: z.boolean(),
    adminUnits: z.boolean(),
    readAudit: z.boolean(),
    backup: z.boolean().describe('an administrator of the whole installation: the backup page'),
  }),
});
export type Me = z.infer<typeof Me>;

export const Role = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  scope: z.enum(['subtree', 'unit', 'lead']),
  permissions: z.array(z.string()),
});
export type Role = z.infer<typeof Role>;

export const AdminUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(GrantView),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const GrantInput = z.object({
  role: z.string().min(1).max(50),
  unitId: z.number().int().positive().nullable(),
});

export const NewUser = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{3,50}$/, '3–50 letters, digits, ".", "_" or "-"'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200).optional().describe('omitted: a random one is made and returned once'),
  grants: z.array(GrantInput).max(50).default([]),
});
export type NewUser = z.infer<typeof NewUser>;

export const UserPatch = z
  .object({ displayName: z.string().trim().min(1).max(200).optional(), disabled: z.boolean().optional() })
  .refine((p) => p.displayName !== undefined || p.disabled !== undefined, 'nothing to change');

export const UserParams = z.object({ userId: z.coerce.number().int().positive() });
export const GrantParams = z.object({
  userId: z.coerce.number().int().positive(),
  grantId: z.coerce.number().int().positive(),
});

export const UnitNode = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  parentId: z.number().int().nullable(),
  successorId: z
    .number()
    .int()
    .nullable()
    .describe('lineage: the unit this one was merged into or renamed to'),
  lineage: z.string().nullable().describe('merged | renamed | dissolved'),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  archived: z.boolean(),
});
export type UnitNode = z.infer<typeof UnitNode>;

export const UnitInput = z.object({
  name: z.string().trim().min(2).max(300),
  kind: z.string().trim().min(2).max(40),
  parentId: z.number().int().positive().nullable(),
});

export const UnitPatch = z
  .object({
    name: z.string().trim().min(2).max(300).optional(),
    kind: z.string().trim().min(2).max(40).optional(),
    parentId: z.number().int().positive().nullable().optional(),
    successorId: z.number().int().positive().nullable().optional(),
    lineage: z.enum(['merged', 'renamed', 'dissolved']).nullable().optional(),
    validTo: z
      .string()
      .refine((d) => parseDeadline(d) !== null, 'a calendar date yyyy-mm-dd')
      .nullable()
      .optional(),
    archived: z.boolean().optional().describe('hidden from lists by default, kept with its audit'),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UnitPatch = z.infer<typeof UnitPatch>;

export const UnitIdParams = z.object({ unitId: z.coerce.number().int().positive() });

export const SameNameQuery = z.object({
  name: z.string().trim().min(1).max(300),
  except: z.coerce.number().int().positive().optional().describe('the unit being edited'),
});

export const SameNameUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  path: z.array(z.string()).describe('names from the root down to the unit'),
});
export type SameNameUnit = z.infer<typeof SameNameUnit>;

export const AuditQueryString = z.object({
  user: z.string().max(100).optional(),
  unit: z.coerce.number().int().positive().optional(),
  plan: z.coerce.number().int().positive().optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  ip: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  planId: z.number().int().nullable(),
  itemId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  /** the same entry in words, in the request's language (modules/audit-view.ts) */
  time: z.string(),
  entityLabel: z.string(),
  planLabel: z.string().nullable(),
  unitLabel: z.string().nullable(),
  fieldLabel: z.string().nullable(),
  oldText: z.string().nullable(),
  newText: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditPage = z.object({ total: z.number().int(), entries: z.array(AuditEntryView) });
export type AuditPage = z.infer<typeof AuditPage>;

/** The head of the audit chain: an anchor the administrator keeps outside the database. */
export const AuditHeadView = z.object({
  id: z.number().int().describe('the last entry'),
  hash: z.string(),
  entries: z.number().int(),
  anchor: z.string().describe('"id:hash", for `parindex audit verify --anchor`'),
});
export type AuditHeadView = z.infer<typeof AuditHeadView>;

export const BackupInfo = z.object({
  engine: z.enum(['sqlite', 'postgres']),
  download: z
    .boolean()
    .describe(
      'the server makes the copy (PostgreSQL: it knows its address); else `parindex backup` or pg_dump',
    ),
  head: AuditHeadView,
});
export type BackupInfo = z.infer<typeof BackupInfo>;
