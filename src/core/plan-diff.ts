/**
 * What re-importing a plan changes in the stored one, row by row, and which tasks keep their
 * follow-up. Rows are the same row when they have the same criterion code. A task is the same task:
 * first when it sits at the same code and position with the same text; then, when the rows moved in
 * the file, wherever the same text appears again; then at the same code and position with a new text
 * (an edited task). A stored task found nowhere is removed, and its follow-up (status, progress, a
 * deadline set in the app, a note) is lost — the preview counts those before anything is written.
 */
import { parseDeadline } from './dates.js';
import { compareCodes } from './codes.js';
import { compare, toDecimalString, type Score } from './score.js';
import { oneLine } from './text.js';

export interface FollowUp {
  status: string;
  progress: number;
  /** ISO date */
  deadline: string | null;
  note: string;
}

export interface TaskContent {
  text: string;
  /** names of the units the cell resolved to, in order */
  leadUnits: readonly string[];
  supportUnits: readonly string[];
  deadlineText: string;
}

export interface StoredTask extends TaskContent {
  id: number;
  position: number;
  followUp: FollowUp;
}

interface RowContent {
  code: string;
  name: string;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
}

export interface StoredDiffRow extends RowContent {
  tasks: readonly StoredTask[];
}

export interface IncomingDiffRow extends RowContent {
  /** a plan row holds one task (position 0) */
  task: TaskContent | null;
}

export type DiffField =
  'name' | 'max' | 'baseline' | 'target' | 'task' | 'leadUnits' | 'supportUnits' | 'deadline';

export interface FieldChange {
  field: DiffField;
  /** scores as decimal strings ("0.25"), unit lists joined by "; ", "" for no task text */
  old: string | null;
  new: string | null;
}

export interface RowDiff {
  code: string;
  name: string;
  kind: 'added' | 'removed' | 'changed';
  changes: FieldChange[];
  /** the task of this row was the stored task of another criterion (rows moved in the file) */
  movedFrom: string | null;
  /** stored tasks of this row with follow-up that nothing matched */
  lostFollowUp: number;
}

export interface PlanDiff {
  /** only the rows that differ, in code order */
  rows: RowDiff[];
  added: number;
  removed: number;
  changed: number;
  /** tasks found again under another criterion */
  moved: number;
  /** stored tasks with follow-up that the new content drops */
  lostFollowUp: number;
  /** every stored task kept: its id and the code of the row it belongs to now */
  kept: { taskId: number; code: string }[];
  /** stored tasks dropped, with or without follow-up */
  removedTaskIds: number[];
}

/** Whether a task carries follow-up a re-import could lose: anything an officer set in the app. */
export function hasFollowUp(task: Pick<StoredTask, 'followUp' | 'deadlineText'>): boolean {
  const f = task.followUp;
  return (
    f.status !== 'not_started' ||
    f.progress !== 0 ||
    f.note.trim() !== '' ||
    (f.deadline !== null && f.deadline !== parseDeadline(task.deadlineText))
  );
}

/** Writers and readers normalise white space and line-break style: those are not changes. */
const sameText = (a: string, b: string) => oneLine(a) === oneLine(b);
const units = (names: readonly string[]) => names.map(oneLine).join('; ');
const decimal = (s: Score | null) => (s === null ? null : toDecimalString(s));
/** Scores compare by value: "0,5" and "0,50" are one number (the file's formatting is not content). */
const sameScore = (a: Score | null, b: Score | null) =>
  a === null || b === null ? a === b : compare(a, b) === 0;

const EMPTY_TASK: TaskContent = { text: '', leadUnits: [], supportUnits: [], deadlineText: '' };

export function diffPlan(stored: readonly StoredDiffRow[], incoming: readonly IncomingDiffRow[]): PlanDiff {
  const before = new Map(stored.map((r) => [r.code, r]));
  const after = new Map(incoming.map((r) => [r.code, r]));

  // matching tasks: old task id → new code
  const open = new Map(stored.flatMap((r) => r.tasks.map((t) => [t.id, { task: t, code: r.code }] as const)));
  const wanting = new Set(incoming.filter((r) => r.task !== null).map((r) => r.code));
  const kept = new Map<string, { taskId: number; from: string }>();
  const take = (taskId: number, code: string) => {
    kept.set(code, { taskId, from: open.get(taskId)!.code });
    open.delete(taskId);
    wanting.delete(code);
  };
  // 1. same code, same position, same text
  for (const code of [...wanting]) {
    const t = before.get(code)?.tasks.find((x) => x.position === 0);
    if (t && open.has(t.id) && sameText(t.text, after.get(code)!.task!.text)) take(t.id, code);
  }
  // 2. the same text elsewhere, when it appears once among the tasks still open
  for (const code of [...wanting]) {
    const text = after.get(code)!.task!.text;
    if (oneLine(text) === '') continue;
    const same = [...open.values()].filter((o) => sameText(o.task.text, text));
    const wantedTwice = [...wanting].filter((c) => sameText(after.get(c)!.task!.text, text)).length > 1;
    if (same.length === 1 && !wantedTwice) take(same[0]!.task.id, code);
  }
  // 3. same code and position, edited text
  for (const code of [...wanting]) {
    const t = before.get(code)?.tasks.find((x) => x.position === 0);
    if (t && open.has(t.id)) take(t.id, code);
  }

  const lostAt = new Map<string, number>();
  for (const o of open.values()) {
    if (hasFollowUp(o.task)) lostAt.set(o.code, (lostAt.get(o.code) ?? 0) + 1);
  }

  const rows: RowDiff[] = [];
  const codes = [...new Set([...before.keys(), ...after.keys()])].sort(compareCodes);
  for (const code of codes) {
    const old = before.get(code);
    const now = after.get(code);
    const lostFollowUp = lostAt.get(code) ?? 0;
    const from = kept.get(code)?.from;
    const movedFrom = from !== undefined && from !== code ? from : null;
    if (!old || !now) {
      const row = (old ?? now)!;
      const task = old ? (old.tasks.find((t) => t.position === 0) ?? EMPTY_TASK) : (now!.task ?? EMPTY_TASK);
      const changes = fieldChanges(old ? row : null, old ? null : row, old ? task : null, old ? null : task);
      rows.push({ code, name: row.name, kind: old ? 'removed' : 'added', changes, movedFrom, lostFollowUp });
      continue;
    }
    const oldTask = old.tasks.find((t) => t.position === 0) ?? EMPTY_TASK;
    const changes = fieldChanges(old, now, oldTask, now.task ?? EMPTY_TASK);
    if (changes.length > 0 || movedFrom !== null || lostFollowUp > 0) {
      rows.push({ code, name: now.name, kind: 'changed', changes, movedFrom, lostFollowUp });
    }
  }
  return {
    rows,
    added: rows.filter((r) => r.kind === 'added').length,
    removed: rows.filter((r) => r.kind === 'removed').length,
    changed: rows.filter((r) => r.kind === 'changed').length,
    moved: rows.filter((r) => r.movedFrom !== null).length,
    lostFollowUp: [...lostAt.values()].reduce((a, b) => a + b, 0),
    kept: [...kept.entries()].map(([code, k]) => ({ taskId: k.taskId, code })),
    removedTaskIds: [...open.keys()],
  };
}

/** The fields that differ; a side that is missing (a row added or removed) shows as null. */
function fieldChanges(
  old: RowContent | null,
  now: RowContent | null,
  oldTask: TaskContent | null,
  newTask: TaskContent | null,
): FieldChange[] {
  const out: FieldChange[] = [];
  const text = (field: DiffField, a: string | null, b: string | null) => {
    if (a === null || b === null ? (a ?? b) !== '' : !sameText(a, b)) out.push({ field, old: a, new: b });
  };
  text('name', old?.name ?? null, now?.name ?? null);
  for (const field of ['max', 'baseline', 'target'] as const) {
    const a = old ? old[field] : null;
    const b = now ? now[field] : null;
    if (old && now ? !sameScore(a, b) : (a ?? b) !== null) {
      out.push({ field, old: decimal(a), new: decimal(b) });
    }
  }
  text('task', oldTask?.text ?? null, newTask?.text ?? null);
  text('leadUnits', oldTask && units(oldTask.leadUnits), newTask && units(newTask.leadUnits));
  text('supportUnits', oldTask && units(oldTask.supportUnits), newTask && units(newTask.supportUnits));
  text('deadline', oldTask?.deadlineText ?? null, newTask?.deadlineText ?? null);
  return out;
}
