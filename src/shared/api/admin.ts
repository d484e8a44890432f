/** Administration: accounts and their roles, units, the audit trail, backups. */
import { z } from 'zod';
import { Id, IdParam } from './common.js';
import { GrantView } from './auth.js';

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
  email: z.string().nullable().describe('where reminders are also mailed; null: none'),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(GrantView),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const GrantInput = z.object({
  role: z.string().min(1).max(50),
  unitId: Id.nullable(),
});

/** An e-mail address, or null / empty to have none. */
const Email = z
  .union([z.literal('').transform(() => null), z.email().max(254), z.null()])
  .describe('an e-mail address; empty or null: none');

export const NewUser = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{3,50}$/, '3–50 letters, digits, ".", "_" or "-"'),
  displayName: z.string().trim().min(1).max(200),
  email: Email.optional(),
  password: z.string().min(1).max(200).optional().describe('omitted: a random one is made and returned once'),
  grants: z.array(GrantInput).max(50).default([]),
});
export type NewUser = z.infer<typeof NewUser>;

export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: Email.optional(),
    disabled: z.boolean().optional(),
  })
  .refine(
    (p) => p.displayName !== undefined || p.email !== undefined || p.disabled !== undefined,
    'nothing to change',
  );

export const UserParams = z.object({ userId: IdParam });
export const GrantParams = z.object({
  userId: IdParam,
  grantId: IdParam,
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
  parentId: Id.nullable(),
});

/** Name, kind, parent, archived; a reorganisation is recorded as an event (POST /api/unit-events). */
export const UnitPatch = z
  .object({
    name: z.string().trim().min(2).max(300).optional(),
    kind: z.string().trim().min(2).max(40).optional(),
    parentId: Id.nullable().optional(),
    archived: z.boolean().optional().describe('hidden from lists by default, kept with its audit'),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UnitPatch = z.infer<typeof UnitPatch>;

export const UnitIdParams = z.object({ unitId: IdParam });

export const SameNameQuery = z.object({
  name: z.string().trim().min(1).max(300),
  except: IdParam.optional().describe('the unit being edited'),
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
  unit: IdParam.optional(),
  plan: IdParam.optional(),
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
