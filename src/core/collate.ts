/**
 * Names in Vietnamese order: "Đắk Mil" after "Cư Jút" and before "Gia Nghĩa", "Ủy ban" among the
 * U's — not by code points, which put every accented capital after "Z". Numbers inside names count
 * as numbers ("Phường 2" before "Phường 10").
 */
const collator = new Intl.Collator('vi', { numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A copy sorted by a name, in Vietnamese order. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareVi(name(a), name(b)));
}

export interface NamedUnit {
  id: number;
  name: string;
  parentId: number | null;
}

/** Names that differ only in case or in spaces are the same name to a reader. */
const sameNameKey = (name: string) =>
  name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * What to call one unit: its name, or its name and its parent's when another unit has the same name
 * ("Phòng Nội vụ — Huyện Cư Jút"); a unit without a parent keeps its name.
 */
export function unitLabel(name: string, parentName: string | null, shared: boolean): string {
  return shared && parentName !== null ? `${name} — ${parentName}` : name;
}

/**
 * What to call each unit in a list: its name, or — where two units of the list share the name — its
 * name and its parent's ("Phòng Nội vụ — Huyện Cư Jút"). A unit without a parent keeps its name.
 */
export function unitLabels(units: readonly NamedUnit[]): Map<number, string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const count = new Map<string, number>();
  for (const u of units) count.set(sameNameKey(u.name), (count.get(sameNameKey(u.name)) ?? 0) + 1);
  const labels = new Map<number, string>();
  for (const u of units) {
    const parent = u.parentId === null ? undefined : byId.get(u.parentId);
    const shared = (count.get(sameNameKey(u.name)) ?? 0) > 1;
    labels.set(u.id, unitLabel(u.name, parent?.name ?? null, shared));
  }
  return labels;
}

/**
 * Everything but letters and digits a unit name may hold, in the collator's order (all before the
 * digits, which come before the letters).
 */
// prettier-ignore
const MARKS = [
  '\t', ' ', '_', '-', '–', '—', ',', ';', ':', '!', '?', '…', '.', '·', "'", '‘', '’', '"', '“', '”', '(',
  ')', '[', ']', '{', '}', '@', '*', '/', '\\', '&', '#', '%', '`', '^', '+', '<', '=', '>', '|', '~', '$',
];
/** Vietnamese letters in order, ASCII letters between (f, j, w, z), as letter + primary mark (NFD). */
// prettier-ignore
const LETTERS = [
  'a', 'a\u0306', 'a\u0302', 'b', 'c', 'd', 'đ', 'e', 'e\u0302', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
  'n', 'o', 'o\u0302', 'o\u031b', 'p', 'q', 'r', 's', 't', 'u', 'u\u031b', 'v', 'w', 'x', 'y', 'z',
];
/** The tones, a second-level difference: none, huyền, hỏi, ngã, sắc, nặng. */
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
/** Marks that make another letter in Vietnamese (ă, â, ê, ô, ơ, ư): first-level. */
const LETTER_MARKS = new Set(['\u0306', '\u0302', '\u031b']);

/** First-level weights: one printable ASCII character each, above the level separator "!". */
const FIRST = 0x23;
const markWeight = new Map(MARKS.map((m, i) => [m, String.fromCharCode(FIRST + i)]));
const NUMBER = String.fromCharCode(FIRST + MARKS.length);
const letterWeight = new Map(LETTERS.map((l, i) => [l, String.fromCharCode(FIRST + MARKS.length + 1 + i)]));
/** Anything else: after every letter, by code point (six hex digits). */
const OTHER = String.fromCharCode(FIRST + MARKS.length + 1 + LETTERS.length);
const SEPARATOR = '!';

/**
 * A key whose plain byte order (SQLite's BINARY, PostgreSQL's COLLATE "C", JavaScript's `<`) is the
 * order of compareVi, so a database sorts unit names the Vietnamese way: the letters' order first
 * (case and tones aside, numbers by value), then the tones (none, huyền, hỏi, ngã, sắc, nặng), then
 * the case (small before capital) — the collator's three levels, one after the other, separated by
 * "!", lower than any weight. Equal keys for names the collator holds equal ("Phường 01" and
 * "Phường 1"). Exact for what unit names hold: Vietnamese and ASCII letters, digits, spaces and the
 * punctuation in MARKS; any other character (a letter with a foreign accent, a symbol) sorts after
 * the letters by code point, which the collator does not.
 */
export function vietnameseSortKey(name: string): string {
  const chars = [...name.normalize('NFD')];
  let first = '';
  let second = '';
  let third = '';
  for (let i = 0; i < chars.length;) {
    const c = chars[i]!;
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < chars.length && chars[j]! >= '0' && chars[j]! <= '9') j++;
      const digits = chars.slice(i, j).join('').replace(/^0+/, '');
      // numbers by value: longer is larger, then digit by digit (up to 90 digits)
      first += NUMBER + String.fromCharCode(FIRST + Math.min(digits.length, 90)) + digits;
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && /\p{M}/u.test(chars[j]!)) j++;
    const marks = chars.slice(i + 1, j);
    i = j;
    const lower = c.toLowerCase();
    const letterMarks = marks.filter((m) => LETTER_MARKS.has(m));
    const tones = marks.filter((m) => !LETTER_MARKS.has(m));
    const letter = letterWeight.get(lower + letterMarks.join(''));
    const tone = tones.length === 0 ? 0 : tones.length === 1 ? TONES.indexOf(tones[0]!) : -1;
    if (letter !== undefined && tone >= 0) {
      first += letter;
      second += String(tone);
      third += lower === c ? '0' : '1';
      continue;
    }
    const mark = marks.length === 0 ? markWeight.get(c) : undefined;
    if (mark !== undefined) {
      first += mark;
      continue;
    }
    const cluster = (c + marks.join('')).normalize('NFC');
    for (const ch of cluster) first += OTHER + ch.codePointAt(0)!.toString(16).padStart(6, '0');
  }
  return first + SEPARATOR + second + SEPARATOR + third;
}
