/**
 * Table shapes as Kysely sees them. Scores are stored as decimal strings ("10.10") so both engines
 * keep them exact and with the precision the document used; times are ISO-8601 strings in UTC.
 */
import type { Generated } from 'kysely';
import type { FollowUpStatus } from '../core/follow-up.js';

/** The two engines; migrations and the database layer branch on it. */
export type DatabaseKind = 'sqlite' | 'postgres';

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
  /** 0/1: hidden from lists by default, kept with its audit trail (0010) */
  archived: Generated<number>;
  /** the name's Vietnamese-order key, compared bytewise (core/collate.ts#vietnameseSortKey, 0014) */
  sort_key: string;
}

/** A reorganisation (0016, decision 0012): what happened to which units, on which day, by which decision. */
export interface UnitEventsTable {
  id: Generated<number>;
  kind: 'merged' | 'split' | 'renamed' | 'moved' | 'dissolved';
  /** ISO date: the first day of the new arrangement; null for a lineage recorded before 0016 without it */
  date: string | null;
  decision: string;
  note: string;
  created_by: number | null;
  created_at: string;
}

/**
 * A unit and each unit above it, itself included (migration 0041, kept by triggers on units): the
 * units of a subtree are the rows of its root as ancestor_id.
 */
export interface UnitAncestorsTable {
  unit_id: number;
  ancestor_id: number;
}

/** The units of an event: 'from' those that end (or the unit moved), 'to' the successors (or the new parent). */
export interface UnitEventLinksTable {
  event_id: number;
  unit_id: number;
  side: 'from' | 'to';
  position: number;
}

/** A successor's figure of a year made from its predecessors' plans by a rule (core/lineage.ts). */
export interface UnitYearBaselinesTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  rule: 'largest' | 'average' | 'entered';
  /** decimal string */
  value: string;
  /** largest: the predecessor whose figure was taken */
  from_unit_id: number | null;
  /** JSON: the predecessors' figures the rule saw ([{unitId, planId, value}]) */
  figures: string;
  user_id: number | null;
  username: string;
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
  /** the document's title as written (0015) */
  title: string | null;
  decision_number: string | null;
  /** ISO date */
  decision_date: string | null;
  /** the last year it applies to; null: `year` only */
  year_to: number | null;
  /** draft → published → in-use (frozen: a change makes a new version) */
  state: Generated<FrameworkStateColumn>;
  /** the framework this one was made from (a new version, the next year's copy) */
  previous_id: number | null;
  source_name: string | null;
}

export type FrameworkStateColumn = 'draft' | 'published' | 'in-use';

export interface CriteriaTable {
  id: Generated<number>;
  framework_id: number;
  code: string;
  parent_code: string | null;
  depth: number;
  position: number;
  name: string;
  max_score: string | null;
  /** the code as the document wrote it ("1.1.4.", "II") (0015) */
  raw_code: Generated<string>;
  method: Generated<string>;
  evidence: Generated<string>;
  /** core/framework.ts#Scorer */
  scorer: Generated<string>;
  /** core/framework.ts#NotApplicablePolicy */
  not_applicable: Generated<string>;
  /** the unit that follows this criterion's area, when known */
  followed_by: number | null;
  followed_by_text: string | null;
  /** core/framework.ts#ScoringRule as JSON; null for a parent */
  rule: string | null;
  version: Generated<number>;
}

/** A match between a criterion of one framework and one of another (0015). */
export interface FrameworkCrosswalksTable {
  id: Generated<number>;
  from_framework_id: number;
  to_framework_id: number;
  from_code: string;
  /** null: no counterpart */
  to_code: string | null;
  status: 'proposed' | 'confirmed';
  method: 'code' | 'name' | 'officer';
  user_id: number | null;
  username: string;
  created_at: string;
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
  /** 0/1: read-only, hidden from the plans list by default (0010) */
  archived: Generated<number>;
  /** the version the list figures below were computed at; null before (0013) */
  figures_version: number | null;
  /** its items, one per criterion (0042); null before the figures are computed */
  criteria: number | null;
  /** live totals (core/consistency.ts#shownTotal), decimal strings */
  live_max: string | null;
  live_baseline: string | null;
  live_target: string | null;
  /** open (not acknowledged) error and warning findings */
  open_errors: Generated<number>;
  open_warnings: Generated<number>;
  /** tasks followed (with text or a lead unit) and those done */
  tasks_followed: Generated<number>;
  tasks_done: Generated<number>;
  /** JSON object: ISO date → followed tasks not done with that deadline */
  open_deadlines: Generated<string>;
  /** the earliest of those dates: a plan has an overdue task when it is before today */
  first_open_deadline: string | null;
  /** core/text.ts#fold of "subject year": the list's search */
  search_key: Generated<string>;
  /**
   * JSON array: the figures of the plan as each unit with a task in it sees it (0017); a trigger
   * spreads it into plan_unit_figures whenever it changes
   */
  unit_figures: Generated<string>;
  /**
   * the subject unit's sort_key, the list's order with the year (0032: plans_list_order); written
   * only by triggers, with the plan and with a rename of its unit
   */
  subject_sort_key: Generated<string>;
}

/**
 * A plan's list figures as one unit sees it: the rows where it leads or supports a task (0017).
 * Written only by the trigger on plans.unit_figures.
 */
export interface PlanUnitFiguresTable {
  plan_id: number;
  unit_id: number;
  /** the rows where the unit leads or supports a task (at least one) */
  criteria: number;
  open_errors: number;
  open_warnings: number;
  tasks_followed: number;
  tasks_done: number;
  /** JSON object: ISO date → followed tasks not done with that deadline */
  open_deadlines: string;
  first_open_deadline: string | null;
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

export type TaskStatus = FollowUpStatus;

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

/** "Keep as written": a finding of a plan acknowledged with a note, for the values it had then. */
export interface FindingAcknowledgementsTable {
  id: Generated<number>;
  plan_id: number;
  /** core/consistency.ts#findingKey: rule, row, field, stated and computed values */
  finding_key: string;
  note: string;
  user_id: number | null;
  username: string;
  created_at: string;
}

export interface PendingImportsTable {
  token: string;
  /** who uploaded it (null before accounts existed, or from the command line) */
  user_id: number | null;
  file_name: string;
  bytes: Uint8Array;
  created_at: string;
  expires_at: string;
  /** what the upload is for (0015; 'survey' 0024; 'results': a result's table, its pool and year in file_name as JSON) */
  kind: Generated<'plan' | 'framework' | 'survey' | 'results'>;
  /** the round a survey's scores are for (0024); null for the other kinds */
  round_id: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  /** lower case */
  username: string;
  display_name: string;
  password_hash: string;
  /** 0/1 on both engines */
  disabled: number;
  must_change_password: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  /** where mail for the account goes (0020); null: none */
  email: Generated<string | null>;
  /**
   * the account's grants as JSON, in grant id order (StoredGrant[]): kept by triggers from
   * user_roles and roles (0036), read with the session; never written by the app
   */
  grants: Generated<string>;
}

import type { RoleScope } from '../core/access.js';

export type { RoleScope };

export interface RolesTable {
  code: string;
  name_vi: string;
  name_en: string;
  scope: RoleScope;
  /** JSON array of permission names */
  permissions: string;
  position: number;
}

/** One grant as users.grants keeps it (0036): a user_roles row with its role's scope and permissions. */
export interface StoredGrant {
  id: number;
  role: string;
  unitId: number | null;
  scope: RoleScope;
  permissions: string[];
}

export interface UserRolesTable {
  id: Generated<number>;
  user_id: number;
  role_code: string;
  /** null: the whole installation */
  unit_id: number | null;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a stolen database gives no usable session */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

/** Requests per route and address in the current window of a route's rate limit (0029). */
export interface RateLimitsTable {
  /** the route's method and path, then the address */
  key: string;
  hits: number;
  /** when the window ends (ISO time); a request after it starts a new one */
  window_ends: string;
}

/** Sign-in attempts per user name and address (0006), counted before the password is checked. */
export interface LoginThrottleTable {
  username: string;
  /** the address, or for IPv6 its /64 network (modules/auth.ts#addressKey) */
  ip: string;
  /** every attempt since the last sign-in from there, counted before anything else */
  failures: number;
  /** the attempts whose password was checked; the back-off doubles by these */
  guesses: number;
  locked_until: string | null;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string;
  ip: string;
  action: string;
  entity: string;
  entity_id: string | null;
  plan_id: number | null;
  item_id: number | null;
  code: string | null;
  unit_id: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  /** the number of entries appended */
  appended: number;
  last_hash: string;
  /** the id of the last entry (0 before the first); entries take their ids from here (0005) */
  last_id: number;
}

/** An assessment round (0018): a year's assessment of some units against one framework version. */
export interface AssessmentRoundsTable {
  id: Generated<number>;
  name: string;
  year: number;
  framework_id: number;
  created_at: string;
  created_by: string;
  /** when the publication phase was reached and recorded (read-only from then on) */
  published_at: string | null;
  version: Generated<number>;
}

/** core/assessment.ts#Phase with its Vietnam days, both included (yyyy-mm-dd). */
export interface RoundPhasesTable {
  round_id: number;
  phase: string;
  opens_on: string;
  closes_on: string;
}

export interface RoundUnitsTable {
  round_id: number;
  unit_id: number;
  /** core/assessment.ts#UnitRoundState */
  state: Generated<string>;
  submitted_at: string | null;
  submitted_by: string | null;
  /** the self-assessment report's "khó khăn, vướng mắc" and "đề xuất, kiến nghị" */
  difficulties: Generated<string>;
  proposals: Generated<string>;
  version: Generated<number>;
}

export interface RoundExtensionsTable {
  id: Generated<number>;
  round_id: number;
  unit_id: number;
  phase: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  state: Generated<'requested' | 'granted' | 'refused'>;
  /** the last Vietnam day the phase stays open for the unit, when granted */
  until: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: Generated<string>;
}

/** A unit's self-assessment of one leaf. */
export interface AssessmentAnswersTable {
  id: Generated<number>;
  round_id: number;
  unit_id: number;
  criterion_id: number;
  /** core/framework.ts#Answer as JSON; null: not answered yet (a note alone) */
  answer: string | null;
  /** the score the criterion's rule gives (decimal), never typed over */
  score: string | null;
  note: Generated<string>;
  /** set when the answer is "not applicable" */
  not_applicable_reason: string | null;
  /** how a score above 0 was reached without evidence */
  scoring_explanation: Generated<string>;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

/** core/assessment.ts#ScoreStage other than 'self': appraisal1, appraisal2, council, survey. */
export interface AssessmentScoresTable {
  id: Generated<number>;
  round_id: number;
  unit_id: number;
  criterion_id: number;
  stage: string;
  /** the answer the score was computed from by the rule; null for an override or a survey's score */
  answer: string | null;
  score: string;
  /** 1: typed over the rule (the comment is mandatory) */
  overridden: Generated<number>;
  comment: Generated<string>;
  user_id: number | null;
  username: string;
  at: string;
  version: Generated<number>;
}

export interface CriterionReturnsTable {
  id: Generated<number>;
  round_id: number;
  unit_id: number;
  criterion_id: number;
  question: string;
  asked_by: string;
  asked_at: string;
  explanation: string | null;
  explained_by: string | null;
  explained_at: string | null;
  version: Generated<number>;
}

/** A unit's evidence file in a round; the bytes are in the evidence store under `sha256`. */
export interface EvidenceFilesTable {
  id: Generated<number>;
  round_id: number;
  unit_id: number;
  sha256: string;
  size: number;
  /** core/messages/evidence.ts#EvidenceType */
  type: string;
  mime: string;
  /** the file's name as uploaded (shown, never used as a path) */
  name: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** Which criteria an evidence file supports (added in which phase). */
export interface AnswerEvidenceTable {
  evidence_id: number;
  criterion_id: number;
  phase: string;
  added_at: string;
}

/** When a unit last took evidence off a criterion in a round (0026): a link undone or its file removed. */
export interface EvidenceRemovalsTable {
  round_id: number;
  unit_id: number;
  criterion_id: number;
  removed_at: string;
}

/** An in-app message to a unit (every account of it) or to one user. */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number | null;
  unit_id: number | null;
  round_id: number | null;
  kind: string;
  /** the message's parameters as JSON */
  params: Generated<string>;
  created_at: string;
  read_at: string | null;
}

/** Who has read a notification (0020): one row per account and notification. */
export interface NotificationReadsTable {
  notification_id: number;
  user_id: number;
  read_at: string;
}

/** Scheduled work done once, by key ("phase-opened:3:self", "reminder:3:2026-12-20"). */
export interface ScheduledRunsTable {
  key: string;
  ran_at: string;
  result: Generated<string>;
}

/** A set of units ranked together (0025): the country's provinces, a province's departments, wards, communes. */
export interface RankingPoolsTable {
  id: Generated<number>;
  name: string;
  /** core/text.ts#foldKey of the name: one pool per name */
  name_key: string;
  description: Generated<string>;
  /** JSON: part codes compared after an equal index, highest first ([]: equal indexes share a rank) */
  tie_break: Generated<string>;
  created_at: string;
  created_by: string;
  version: Generated<number>;
}

/** A classification band of a pool in a year: a label and the lowest index it takes ("A", "90"). */
export interface ClassificationBandsTable {
  id: Generated<number>;
  pool_id: number;
  year: number;
  /** 0 = the highest band */
  position: number;
  label: string;
  /** decimal string, inclusive */
  min_index: string;
  /** a chart colour ("#2e7d32"); '' = the page's palette */
  colour: Generated<string>;
}

/** A pool's published result of one year (one per pool and year). */
export interface ResultsTable {
  id: Generated<number>;
  pool_id: number;
  year: number;
  /** 'round': made from a published assessment round; 'import': read from a publication */
  source: 'round' | 'import';
  round_id: number | null;
  /** the framework whose criteria the parts' codes are (null: components only) */
  framework_id: number | null;
  title: string;
  /** the imported file's name */
  source_name: string | null;
  created_at: string;
  created_by: string;
}

/** A column a result scores: a component of the index, an area or a criterion, with its max. */
export interface ResultPartsTable {
  result_id: number;
  code: string;
  kind: 'component' | 'area' | 'criterion';
  parent_code: string | null;
  name: string;
  /** decimal string; null: not stated */
  max: string | null;
  position: number;
}

/** A unit's result: points, max and index (decimal strings), the rank and group as published. */
export interface ResultUnitsTable {
  id: Generated<number>;
  result_id: number;
  unit_id: number;
  /** the unit's name as the publication wrote it */
  name: string;
  points: string | null;
  max: string | null;
  index: string;
  published_rank: number | null;
  published_group: string | null;
  /** the row's place in the publication */
  position: number;
  /**
   * its component and area scores as one JSON object, code → [score, applicable max or null]
   * (0027: what a ranking reads, one row per unit; result_scores keeps every part's)
   */
  part_scores: string;
}

/** A result's ranking as stored (0030): the pool version it was ranked at and the whole pool's figures. */
export interface ResultRankingsTable {
  result_id: number;
  pool_version: number;
  /** JSON: modules/results.ts#StoredSummary */
  summary: string;
  ranked_at: string;
}

/** A unit's place in its result's stored ranking (0037): position in rank order, unranked last. */
export interface ResultPlacesTable {
  result_id: number;
  position: number;
  result_unit_id: number;
  /** null: none */
  rank: number | null;
  grp: string | null;
}

/** A unit's score on one part of its result; `max` only where the unit's applicable max differs. */
export interface ResultScoresTable {
  result_unit_id: number;
  code: string;
  score: string | null;
  max: string | null;
}

export interface DB {
  units: UnitsTable;
  unit_ancestors: UnitAncestorsTable;
  unit_aliases: UnitAliasesTable;
  unit_events: UnitEventsTable;
  unit_event_links: UnitEventLinksTable;
  unit_year_baselines: UnitYearBaselinesTable;
  frameworks: FrameworksTable;
  criteria: CriteriaTable;
  framework_crosswalks: FrameworkCrosswalksTable;
  plans: PlansTable;
  plan_items: PlanItemsTable;
  plan_unit_figures: PlanUnitFiguresTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  finding_acknowledgements: FindingAcknowledgementsTable;
  pending_imports: PendingImportsTable;
  users: UsersTable;
  roles: RolesTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  assessment_rounds: AssessmentRoundsTable;
  round_phases: RoundPhasesTable;
  round_units: RoundUnitsTable;
  round_extensions: RoundExtensionsTable;
  assessment_answers: AssessmentAnswersTable;
  assessment_scores: AssessmentScoresTable;
  criterion_returns: CriterionReturnsTable;
  evidence_files: EvidenceFilesTable;
  answer_evidence: AnswerEvidenceTable;
  evidence_removals: EvidenceRemovalsTable;
  notifications: NotificationsTable;
  notification_reads: NotificationReadsTable;
  scheduled_runs: ScheduledRunsTable;
  ranking_pools: RankingPoolsTable;
  classification_bands: ClassificationBandsTable;
  result_rankings: ResultRankingsTable;
  result_places: ResultPlacesTable;
  results: ResultsTable;
  result_parts: ResultPartsTable;
  result_units: ResultUnitsTable;
  result_scores: ResultScoresTable;
}
