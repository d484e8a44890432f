/** Pure helpers of the survey import page: which names still need a unit, how many units the file scores. */
import type { SurveyPreview } from '@shared/api';

/** The unknown names the officer has not mapped yet. */
export function unmappedNames(preview: SurveyPreview, mapping: Readonly<Record<string, number>>): string[] {
  return preview.unknownUnits.filter((u) => mapping[u.name] === undefined).map((u) => u.name);
}

/** The units the file's rows score: matched ones by id, mapped names by their unit, others by name. */
export function unitCount(preview: SurveyPreview, mapping: Readonly<Record<string, number>>): number {
  return new Set(
    preview.rows.map((r) => {
      const id = r.unitId ?? mapping[r.unit];
      return id === undefined ? `?${r.unit}` : String(id);
    }),
  ).size;
}
