/** Tag colours shared by the pages: task status and finding severity. */
import { TASK_STATUSES } from '@core/follow-up';
import type { TaskStatus } from '@shared/api';

export const STATUSES: readonly TaskStatus[] = TASK_STATUSES;

export const STATUS_COLOR: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'blue',
  done: 'green',
  at_risk: 'orange',
};

export const SEVERITY_COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;
