/**
 * The overview page's pure parts: the colour of a cell by the gap between the self-score and the
 * appraisal (exact, from the decimal strings), a decimal as a chart number, the table's rows.
 */
import { abs, compare, fromDecimalString, sub, toNumber } from '@core/score';

const ONE_POINT = fromDecimalString('1');
import type { OverviewUnit } from '@shared/api';

/** Over-scored (self above the appraisal): warm; under-scored: cool; equal or not yet appraised: none. */
export function gapColour(self: string | null, appraised: string | null): string | undefined {
  if (self === null || appraised === null) return undefined;
  const gap = sub(fromDecimalString(self), fromDecimalString(appraised));
  if (gap.units === 0) return undefined;
  const big = compare(abs(gap), ONE_POINT) >= 0;
  if (gap.units > 0) return big ? '#ffccc7' : '#fff1e6';
  return big ? '#bae0ff' : '#e6f4ff';
}

/** For the chart only (never summed): a decimal string as a number, null stays null. */
export function chartNumber(decimal: string | null): number | null {
  return decimal === null ? null : toNumber(fromDecimalString(decimal));
}

/** The area cells of one unit and view: the score at the area's position. */
export function areaCell(
  unit: OverviewUnit,
  view: 'self' | 'appraised' | 'final',
  area: number,
): string | null {
  return unit[view].areas[area] ?? null;
}
