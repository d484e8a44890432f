/**
 * The parts of a published result (issue 12, decision 0015): the fixed codes of the national
 * index's components — appraised points (điểm thẩm định / đánh giá của Bộ), SIPAS, the survey of
 * leaders and officials, the impact on socio-economic development — with their names, how a
 * column title names each, and the check that a unit's components add up to its stated index:
 * exactly, a warning when off by at most 0,01 (the publication rounded), an error beyond. Pure and
 * exact (core/score.ts). Areas and criteria use the framework's codes ("1", "8.1").
 */
import { finding, type Finding, type SourceLocation } from './findings.js';
import { abs, compare, sub, sum, trimScale, type Score } from './score.js';
import { fold, oneLine } from './text.js';

export const COMPONENT_CODES = ['appraised', 'sipas', 'leaders', 'impact'] as const;
export type ComponentCode = (typeof COMPONENT_CODES)[number];

/** Each component's name as results show it (vi, en). */
export const COMPONENT_NAMES: Record<ComponentCode, { vi: string; en: string }> = {
  appraised: { vi: 'Điểm thẩm định, đánh giá', en: 'Appraised points' },
  sipas: { vi: 'Chỉ số hài lòng SIPAS', en: 'Satisfaction index (SIPAS)' },
  leaders: { vi: 'Khảo sát lãnh đạo, cán bộ', en: 'Survey of leaders and officials' },
  impact: { vi: 'Tác động đến phát triển KT-XH', en: 'Impact on socio-economic development' },
};

export function isComponentCode(code: string): code is ComponentCode {
  return (COMPONENT_CODES as readonly string[]).includes(code);
}

/** Column titles (folded: no diacritics, lower case, punctuation as spaces) naming each component. */
const COMPONENT_TITLES: readonly [ComponentCode, RegExp][] = [
  ['appraised', /\b(diem )?(tham dinh|danh gia cua bo|diem danh gia|appraised)\b/],
  ['sipas', /\b(sipas|hai long|satisfaction)\b/],
  ['leaders', /\b(lanh dao|can bo|cong chuc|leaders?)\b/],
  ['impact', /\b(tac dong|kt xh|kinh te xa hoi|impact)\b/],
];

/** Folded text of a column title: "Chỉ số hài lòng (SIPAS)" → "chi so hai long sipas". */
export function foldTitle(text: string): string {
  return oneLine(fold(text))
    .replace(/[/,.;:()*\-–%]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The component a column title names, or null. */
export function componentOfTitle(title: string): ComponentCode | null {
  const f = foldTitle(title);
  for (const [code, pattern] of COMPONENT_TITLES) if (pattern.test(f)) return code;
  return null;
}

/** The largest difference a publication's rounding explains: 0,01. */
export const ROUNDING_TOLERANCE: Score = { units: 100, scale: 2 };

/**
 * The components of one unit against its stated index: nothing when they add up exactly (or no
 * component is given), a warning when off by at most 0,01, an error beyond.
 */
export function componentsSumFinding(
  unit: string,
  index: Score,
  components: readonly (Score | null)[],
  location: SourceLocation | null,
): Finding | null {
  const given = components.filter((c): c is Score => c !== null);
  if (given.length === 0) return null;
  const total = sum(given);
  const difference = trimScale(abs(sub(total, index)));
  if (difference.units === 0) return null;
  const severity = compare(difference, ROUNDING_TOLERANCE) <= 0 ? 'warning' : 'error';
  return finding('results-components-sum', severity, null, location, {
    unit,
    index,
    sum: total,
    difference,
  });
}
