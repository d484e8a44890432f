/** The next year's plan page, pure: the officer's choice per area → the request's recovery; the draft's counts. */
import type { AreaRecovery, NextPlanRow } from '@shared/api';

export type Mode = AreaRecovery['mode'];

/** A choice as the page holds it: a whole percentage for a share (1..100). */
export interface AreaChoice {
  mode: Mode;
  percent: number;
}

export const DEFAULT_CHOICE: AreaChoice = { mode: 'full', percent: 50 };

/** 50 → "0.5", 33 → "0.33", 100 → "1": a percentage as the API's fraction (exact, no float sums). */
export function shareOf(percent: number): string {
  const p = Math.min(100, Math.max(1, Math.round(percent)));
  if (p === 100) return '1';
  return `0.${String(p).padStart(2, '0')}`.replace(/0+$/, '');
}

export function recoveryOf(choices: Readonly<Record<string, AreaChoice>>): Record<string, AreaRecovery> {
  return Object.fromEntries(
    Object.entries(choices).map(([area, c]) => [
      area,
      c.mode === 'share' ? { mode: 'share', share: shareOf(c.percent) } : { mode: c.mode },
    ]),
  );
}

export function taskCounts(rows: readonly NextPlanRow[]): { carried: number; new: number } {
  return {
    carried: rows.filter((r) => r.task === 'carried').length,
    new: rows.filter((r) => r.task === 'new').length,
  };
}
