/**
 * The groups of units a criteria framework is issued for (issue 10): a province issues one set for
 * its departments and one for its communes and wards every year; MOHA one for the provinces. The
 * groups are data; which group a framework belongs to is read from its title ("… CỦA UBND CẤP XÃ").
 */
import { fold } from './text.js';

export interface UnitGroupEntry {
  code: string;
  vi: string;
  en: string;
}

export const UNIT_GROUPS: readonly UnitGroupEntry[] = [
  { code: 'province', vi: 'UBND cấp tỉnh', en: 'Provincial people’s committees' },
  { code: 'department', vi: 'Sở, ban, ngành', en: 'Departments and agencies' },
  { code: 'district', vi: 'UBND cấp huyện', en: 'District people’s committees' },
  { code: 'commune', vi: 'UBND xã', en: 'Commune people’s committees' },
  { code: 'ward', vi: 'UBND phường', en: 'Ward people’s committees' },
  { code: 'special-zone', vi: 'Đặc khu', en: 'Special zones' },
];

/**
 * How a title names each group, on folded text. "Sở, ban, ngành thuộc UBND tỉnh" names departments,
 * not the province: the earliest mention in the title wins, so the subject of "của" comes first.
 * "xã hội" (social, as in "điều tra xã hội học") is not a commune.
 */
const MENTIONS: readonly [string, RegExp][] = [
  [
    'department',
    /\b(so,? ban,? nganh|cac so\b|co quan chuyen mon (truc )?thuoc (ubnd|uy ban nhan dan) (cap )?tinh)/,
  ],
  ['province', /\b((ubnd|uy ban nhan dan) (cac |cap )?tinh|cap tinh|cac tinh,? thanh pho)\b/],
  ['district', /\b(cap huyen|(ubnd|uy ban nhan dan) (cac )?(huyen|quan|thi xa))\b/],
  ['special-zone', /\bdac khu\b/],
  ['ward', /\b(cap phuong|(ubnd|uy ban nhan dan) (cac )?phuong|cac phuong)\b/],
  ['commune', /\b(cap xa|(ubnd|uy ban nhan dan) (cac )?xa|cac xa)\b(?! hoi)/],
];

/** The group a framework's title (or subtitle) names, or null: "… của UBND cấp xã năm 2026" → commune. */
export function unitGroupFromTitle(text: string | null | undefined): string | null {
  if (!text) return null;
  const f = fold(text).replace(/\s+/g, ' ');
  let best: { code: string; at: number } | null = null;
  for (const [code, pattern] of MENTIONS) {
    const m = pattern.exec(f);
    if (m && (best === null || m.index < best.at)) best = { code, at: m.index };
  }
  return best?.code ?? null;
}

export function unitGroupName(code: string, lang: 'vi' | 'en'): string {
  return UNIT_GROUPS.find((g) => g.code === code)?.[lang] ?? code;
}
