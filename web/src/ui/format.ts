/** Numbers and dates as Vietnamese officers read them: "86,26", "31/01/2025". */
import { formatDate, formatDateTime } from '@core/display';
import { vietnamDate } from '@core/dates';
import { fromDecimalString, type Score } from '@core/score';
import { formatShownScore, formatSigned } from '@shared/plan-heading';

export function scoreOf(decimal: string | null | undefined): Score | null {
  return decimal === null || decimal === undefined ? null : fromDecimalString(decimal);
}

/** A score as the pages show it, "86,26", "−1,5" (shared/plan-heading.ts#formatShownScore). */
export function fmt(value: Score | string | null | undefined, lang: 'vi' | 'en'): string {
  if (value === null || value === undefined) return '';
  return formatShownScore(typeof value === 'string' ? fromDecimalString(value) : value, lang);
}

/** A signed difference: "+0,5", "−0,25", "0". */
export function fmtSigned(value: Score | null, lang: 'vi' | 'en'): string {
  return value === null ? '' : formatSigned(value, lang);
}

/** dd/mm/yyyy in both languages; a timestamp gives its day in Vietnam (core/display.ts). */
export function fmtDate(iso: string | null | undefined, _lang?: 'vi' | 'en'): string {
  return iso ? formatDate(iso) : '';
}

/** dd/mm/yyyy HH:mm (or :ss) in Vietnam time, wherever the browser is. */
export function fmtDateTime(iso: string, _lang?: 'vi' | 'en', seconds = false): string {
  return formatDateTime(iso, seconds);
}

/**
 * Today as yyyy-mm-dd in Vietnam, wherever the browser is: the day the server counts deadlines and
 * overdue tasks by (core/dates.ts#vietnamDate), so both say the same between 17:00 and 24:00 UTC.
 */
export function todayIso(): string {
  return vietnamDate(new Date());
}
