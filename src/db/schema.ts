/**
 * Table shapes as Kysely sees them. Scores are stored as decimal strings ("10.10") so both engines
 * keep them exact and with the precision the document used; times are ISO-8601 strings in UTC.
 */
import type { Generated } from 'kysely';

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  /** folded spelling used to find the unit again (see core/units.ts) */
  name_key: string;
  kind: string;
  parent_id: number | null;
  /** lineage: the unit this one was merged into or renamed to */
  successor_id: number | null;
  lineage: string | null;
  valid_from: string | null;
  valid_to: string | null;
  created_at: string;
}

export interface UnitAliasesTable {
  id: Generated<number>;
  unit_id: number;
  alias: string;
  alias_key: string;
}

export interface FrameworksTable {
  id: Generated<number>;
  /** province / district / commune / department: whose framework it is */
  unit_group: string;
  year: number;
  version: number;
  name: string;
  content_hash: string;
  created_at: string;
}

export interface CriteriaTable {
  id: Generated<number>;
  framework_id: number;
  code: string;
  parent_code: string | null;
  depth: number;
  position: number;
  name: string;
  max_score: string | null;
}

export interface PlansTable {
  id: Generated<number>;
  subject_unit_id: number;
  framework_id: number;
  year: number;
  baseline_year: number | null;
  label: string | null;
  title: string | null;
  subtitle: string | null;
  source_name: string;
  source_format: string;
  content_hash: string;
  stated_max: string | null;
  stated_baseline: string | null;
  stated_target: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PlanItemsTable {
  id: Generated<number>;
  plan_id: number;
  criterion_id: number;
  baseline: string | null;
  target: string | null;
  version: number;
  updated_at: string;
}

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'at_risk';

export interface TasksTable {
  id: Generated<number>;
  plan_item_id: number;
  position: number;
  text: string;
  /** the lead-unit cell as the document wrote it */
  lead_units_text: string;
  support_units_text: string;
  /** ISO date when the document's deadline could be read as one */
  deadline: string | null;
  deadline_text: string;
  status: TaskStatus;
  progress: number;
  progress_note: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TaskUnitsTable {
  task_id: number;
  unit_id: number;
  role: 'lead' | 'support';
  position: number;
  /** the unit's name as this cell wrote it */
  source_text: string;
}

export interface PendingImportsTable {
  token: string;
  file_name: string;
  bytes: Uint8Array;
  created_at: string;
  expires_at: string;
}

export interface DB {
  units: UnitsTable;
  unit_aliases: UnitAliasesTable;
  frameworks: FrameworksTable;
  criteria: CriteriaTable;
  plans: PlansTable;
  plan_items: PlanItemsTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  pending_imports: PendingImportsTable;
}
