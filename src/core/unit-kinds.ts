/**
 * Which kind of unit may sit under which: data, not rules scattered in code. Local governments come
 * in three ranks (province, district level, commune level: since 1 July 2025 communes sit directly
 * under provinces too); a local government sits only under a local government of a higher rank.
 * Agencies and offices sit under any unit of a rank not below theirs, never above a local government.
 * A kind the table does not know is ranked as "other".
 */
import { levelWordOf } from './subject.js';
import { PROVINCE_LEVEL_CITIES, SUBJECT_LEVELS } from './unit-names.js';

export interface UnitKindRule {
  kind: string;
  /** 1 is the highest */
  rank: number;
  /** a local government: only a local government of a strictly higher rank may be its parent */
  government: boolean;
  vi: string;
  en: string;
}

export const UNIT_KIND_RULES: readonly UnitKindRule[] = [
  {
    kind: 'province',
    rank: 1,
    government: true,
    vi: 'tỉnh, thành phố trực thuộc trung ương',
    en: 'province',
  },
  { kind: 'city', rank: 2, government: true, vi: 'thành phố thuộc tỉnh', en: 'city' },
  { kind: 'district', rank: 2, government: true, vi: 'huyện', en: 'district' },
  { kind: 'town', rank: 2, government: true, vi: 'thị xã', en: 'town' },
  { kind: 'urban-district', rank: 2, government: true, vi: 'quận', en: 'urban district' },
  { kind: 'department', rank: 2, government: false, vi: 'sở, ban, ngành', en: 'department' },
  { kind: 'commune', rank: 3, government: true, vi: 'xã', en: 'commune' },
  { kind: 'ward', rank: 3, government: true, vi: 'phường', en: 'ward' },
  { kind: 'township', rank: 3, government: true, vi: 'thị trấn', en: 'township' },
  { kind: 'committee', rank: 4, government: false, vi: 'UBND', en: "people's committee" },
  { kind: 'office', rank: 4, government: false, vi: 'phòng, văn phòng', en: 'office' },
  { kind: 'agency', rank: 4, government: false, vi: 'cơ quan ngành dọc', en: 'central agency branch' },
  { kind: 'center', rank: 5, government: false, vi: 'trung tâm', en: 'center' },
  { kind: 'section', rank: 6, government: false, vi: 'bộ phận', en: 'section' },
  { kind: 'group', rank: 7, government: false, vi: 'nhóm đơn vị', en: 'group of units' },
  { kind: 'other', rank: 7, government: false, vi: 'khác', en: 'other' },
];

const OTHER = UNIT_KIND_RULES.find((r) => r.kind === 'other')!;

export function kindRule(kind: string): UnitKindRule {
  return UNIT_KIND_RULES.find((r) => r.kind === kind) ?? { ...OTHER, kind, vi: kind, en: kind };
}

/** Whether a unit of this kind may sit under a unit of that kind (null: no parent, always allowed). */
export function kindFitsParent(kind: string, parentKind: string | null): boolean {
  if (parentKind === null) return true;
  const child = kindRule(kind);
  const parent = kindRule(parentKind);
  if (child.government) return parent.government && parent.rank < child.rank;
  // a department is a province's; an office may sit under an office (a section of a department's office)
  return child.rank === 2 ? parent.government && parent.rank < 2 : parent.rank <= child.rank;
}

/**
 * The kind a name announces when it starts with a local government's level word ("Tỉnh Đắk Nông" is
 * a province, "Thành phố Hà Nội" too, "Thành phố Gia Nghĩa" a city), or null when it announces none.
 */
export function kindOfName(name: string): string | null {
  const word = levelWordOf(name.normalize('NFC').trim());
  if (word === null) return null;
  const level = SUBJECT_LEVELS.find((l) => l.word === word)!;
  const rest = name.normalize('NFC').trim().slice(word.length).trim().toLocaleLowerCase('vi');
  return level.word === 'thành phố' && PROVINCE_LEVEL_CITIES.includes(rest) ? 'province' : level.kind;
}
