/**
 * What the product knows about how Vietnamese administrative units are written. This is data, not
 * rules about one province: kinds of units by the words their names start with, the level words of
 * local governments, and spelling variants seen in real documents (OCR and typing).
 */

export type UnitGroup = 'province' | 'district' | 'commune' | 'department';

/** Local governments and agencies whose plan an appendix can be ("TỈNH ĐẮK NÔNG"). */
export const SUBJECT_LEVELS: readonly {
  word: string;
  kind: string;
  group: UnitGroup;
}[] = [
  { word: 'tỉnh', kind: 'province', group: 'province' },
  { word: 'thành phố', kind: 'city', group: 'district' },
  { word: 'huyện', kind: 'district', group: 'district' },
  { word: 'thị xã', kind: 'town', group: 'district' },
  { word: 'quận', kind: 'urban-district', group: 'district' },
  { word: 'sở', kind: 'department', group: 'department' },
  { word: 'phường', kind: 'ward', group: 'commune' },
  { word: 'thị trấn', kind: 'township', group: 'commune' },
  { word: 'xã', kind: 'commune', group: 'commune' },
];

/** Cities under the central government rank as provinces (Resolution 202/2025/QH15 keeps six). */
export const PROVINCE_LEVEL_CITIES: readonly string[] = [
  'hà nội',
  'hồ chí minh',
  'hải phòng',
  'đà nẵng',
  'cần thơ',
  'huế',
];

/** Kinds of lead units by how their (folded, lower-case) names start; first match wins. */
export const UNIT_KIND_PREFIXES: readonly [RegExp, string][] = [
  [/^(van phong ubnd|van phong uy ban nhan dan) (tinh|thanh pho)\b/, 'department'],
  [/^van phong (hdnd|hoi dong nhan dan)/, 'office'],
  [/^so /, 'department'],
  [/^(ban quan ly|ban dan toc|thanh tra tinh)\b/, 'department'],
  [/^(phong|thanh tra huyen)\b/, 'office'],
  [/^(ubnd|uy ban nhan dan)\b/, 'committee'],
  [/^trung tam\b/, 'center'],
  [/^(bo phan|to )\b/, 'section'],
  [/^(cac|lanh dao|chu tich|chuyen vien|cong chuc|can bo)\b/, 'group'],
  [/^(bao hiem|cong an|bo chi huy|kho bac|chi cuc|cuc|buu dien|ngan hang)\b/, 'agency'],
];

/** Whole-word pattern for Vietnamese text (JavaScript's \b only knows ASCII letters). */
function word(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'gu');
}

/**
 * Spelling variants of one word, as found in real appendices: OCR reads "HĐND" as "HỘND" or
 * "HỖND"; long forms and abbreviations name the same body. Applied to lower-case names, after tone
 * placement is normalised, before they are compared.
 */
export const SPELLING_VARIANTS: readonly { pattern: RegExp; replacement: string; misspelling: boolean }[] = [
  { pattern: word('h[ộỗôồốổọ]nd|hdnd'), replacement: 'hđnd', misspelling: true },
  { pattern: word('ủy ban nhân dân'), replacement: 'ubnd', misspelling: false },
  { pattern: word('hội đồng nhân dân'), replacement: 'hđnd', misspelling: false },
];

/**
 * Which groups of local governments or agencies a new subject may belong to: a district under a
 * province; a commune under a district, or under a province since the 2025 two-level reform; a
 * department under a province. A province stands at the top.
 */
export const PARENT_GROUPS: Record<UnitGroup, readonly UnitGroup[]> = {
  province: [],
  district: ['province'],
  commune: ['district', 'province'],
  department: ['province'],
};
