/**
 * Follow-up of a task: what its status and progress become after a change, so that the two never
 * contradict each other where the officer did not choose it. The server applies it to every saved
 * change; the page applies the same function to show the change before the server answers.
 */
/** A task's statuses, in the order the page lists them: the one definition (db schema, API, page). */
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'at_risk'] as const;
export type FollowUpStatus = (typeof TASK_STATUSES)[number];

export interface FollowUp {
  status: FollowUpStatus;
  /** whole per cent, 0–100 */
  progress: number;
}

/**
 * The follow-up after `change` (the fields the officer set) is applied to `before`:
 *  - a task marked done is complete: its progress becomes 100 unless the same change sets it;
 *  - reaching 100 % marks it done unless the same change sets the status;
 *  - progress above 0 on a task "not started" means work has begun: it moves to "in progress",
 *    unless the same change chose the status.
 */
export function settleFollowUp(
  before: FollowUp,
  change: { status?: FollowUpStatus; progress?: number },
): FollowUp {
  const status = change.status ?? before.status;
  const progress = change.progress ?? before.progress;
  if (change.status === 'done' && change.progress === undefined) return { status, progress: 100 };
  if (change.status !== undefined) return { status, progress };
  if (change.progress === undefined) return { status, progress };
  if (progress === 100) return { status: 'done', progress };
  if (progress > 0 && status === 'not_started') return { status: 'in_progress', progress };
  return { status, progress };
}

/** A deadline (ISO date) that falls outside the plan's year: the page asks before saving it. */
export function deadlineOutsideYear(deadline: string | null, year: number): boolean {
  return deadline !== null && Number(deadline.slice(0, 4)) !== year;
}
