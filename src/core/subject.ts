/**
 * Whose plan an appendix is, and for which year, from its title and column headers:
 * "… CHỈ SỐ CCHC TỈNH ĐẮK NÔNG NĂM 2022" → Tỉnh Đắk Nông, 2022.
 */
import { titleCase } from './text.js';
import { PROVINCE_LEVEL_CITIES, SUBJECT_LEVELS, type UnitGroup } from './unit-names.js';

export interface Subject {
  /** "Tỉnh Đắk Nông" */
  name: string;
  kind: string;
  group: UnitGroup;
  /** the level word that starts the name, lower case: "tỉnh" */
  levelWord: string;
}

const STOP = /^(năm|giai|đến|từ|ban|kèm|theo|của|về|\d.*|[(),.;:“”"]+)$/iu;

/** Looks for "<level word> <Name>" in each text in turn; the first text that has one wins. */
export function findSubject(texts: readonly (string | null)[]): Subject | null {
  for (const text of texts) {
    if (!text) continue;
    const found = subjectIn(text);
    if (found) return found;
  }
  return null;
}

function subjectIn(text: string): Subject | null {
  const words = text.normalize('NFC').replace(/\*/g, ' ').split(/\s+/).filter(Boolean);
  const lowerWords = words.map((w) => w.toLocaleLowerCase('vi').replace(/[(),.;:]+$/g, ''));
  for (let i = 0; i < words.length; i++) {
    for (const level of SUBJECT_LEVELS) {
      const levelWords = level.word.split(' ');
      const matches = levelWords.every((lw, k) => lowerWords[i + k] === lw);
      if (!matches) continue;
      // "cấp tỉnh", "xã hội", "các xã" are not names of a unit
      if (i > 0 && /^(cấp|các|những|toàn)$/u.test(lowerWords[i - 1]!)) continue;
      const nameWords: string[] = [];
      for (let j = i + levelWords.length; j < words.length; j++) {
        const w = words[j]!.replace(/[(),;:]+$/g, '');
        if (STOP.test(w) || w === '') break;
        nameWords.push(w);
        if (/[(),;:]$/.test(words[j]!)) break;
      }
      if (nameWords.length === 0 || (level.word === 'xã' && lowerWords[i + 1] === 'hội')) continue;
      const properName = titleCase(nameWords.join(' '));
      const provinceCity =
        level.word === 'thành phố' && PROVINCE_LEVEL_CITIES.includes(properName.toLocaleLowerCase('vi'));
      return {
        name: `${level.word.charAt(0).toLocaleUpperCase('vi')}${level.word.slice(1)} ${properName}`,
        kind: provinceCity ? 'province' : level.kind,
        group: provinceCity ? 'province' : level.group,
        levelWord: level.word,
      };
    }
  }
  return null;
}

/** The last four-digit year between 1990 and 2100 in a text: "Mục tiêu năm 2022" → 2022. */
export function findYear(text: string | null | undefined): number | null {
  if (!text) return null;
  const years = [...text.matchAll(/(?<!\d)(19[9]\d|20\d\d|2100)(?!\d)/g)].map((m) => Number(m[1]));
  return years.length > 0 ? years[years.length - 1]! : null;
}

/** The level word of a subject name: "Huyện Krông Nô" → "huyện". */
export function levelWordOf(subjectName: string): string | null {
  const lower = subjectName.toLocaleLowerCase('vi');
  const level = SUBJECT_LEVELS.find((l) => lower.startsWith(`${l.word} `));
  return level ? level.word : null;
}
