/**
 * Lead units: splitting a cell into units and folding spelling variants into one unit.
 *
 * A cell names several units separated by ";" or line breaks. A comma splits only where every side
 * is a unit known already (from the registry or written alone elsewhere in the document), because
 * "UBND các xã, thị trấn" is one unit. Variants fold by a key that ignores case, tone placement,
 * spacing around "&" and "-", known OCR misreadings and the subject's own level word ("Văn phòng
 * HĐND&UBND" is "Văn phòng HĐND&UBND huyện" in a district's plan); then by the same letters without
 * diacritics; then, for long names, by one wrong letter.
 */
import { distance } from 'fastest-levenshtein';
import { fold, normaliseTonePlacement, oneLine } from './text.js';
import { SPELLING_VARIANTS, UNIT_KIND_PREFIXES } from './unit-names.js';

export interface UnitNameContext {
  /** level words of the plan's subject, dropped at the end of a name: ["huyện"] for a district */
  levelWords: readonly string[];
}

/** Names shorter than this must match exactly (modulo case and diacritics), never by one letter. */
const FUZZY_MIN_LENGTH = 12;

function lower(name: string): string {
  return normaliseTonePlacement(oneLine(name)).toLocaleLowerCase('vi');
}

function spelled(text: string): string {
  let s = text;
  for (const { pattern, replacement } of SPELLING_VARIANTS) s = s.replace(pattern, replacement);
  return s;
}

export function unitKey(name: string, ctx: UnitNameContext): string {
  let s = lower(name)
    .replace(/\s*&\s*/g, '&')
    .replace(/\s+và\s+/g, '&')
    .replace(/\s*-\s*/g, '-')
    .replace(/[\s.,;:]+$/g, '')
    .trim();
  s = spelled(s);
  for (const w of ctx.levelWords) {
    if (s.endsWith(` ${w}`)) s = s.slice(0, -w.length - 1);
  }
  return s;
}

/** Whether the name carries a known misspelling (so another variant should name the unit). */
export function isMisspelled(name: string): boolean {
  const l = lower(name);
  return SPELLING_VARIANTS.some(
    ({ pattern, replacement, misspelling }) =>
      misspelling && (l.match(pattern) ?? []).some((m) => m !== replacement),
  );
}

function skeleton(key: string): string {
  return fold(key)
    .replace(/[^a-z0-9&-]+/g, ' ')
    .trim();
}

export function unitKind(name: string): string {
  const f = skeleton(lower(name));
  for (const [pattern, kind] of UNIT_KIND_PREFIXES) if (pattern.test(f)) return kind;
  return 'other';
}

/** Splits a cell on ";" and line breaks, dropping list bullets and trailing punctuation. */
export function splitUnitCell(cell: string): string[] {
  return cell
    .split(/[;\n\r]+/)
    .map((s) =>
      s
        .replace(/^[\s\-+•*–]+/, '')
        .replace(/[\s.,:]+$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((s) => s !== '');
}

interface Entry<T> {
  value: T;
  key: string;
  skeleton: string;
}

/** Finds a unit by key: exactly, then without diacritics, then one letter off for long names. */
export class UnitMatcher<T> {
  private readonly byKey = new Map<string, Entry<T>>();
  private readonly bySkeleton = new Map<string, Entry<T>>();
  private readonly entries: Entry<T>[] = [];

  constructor(private readonly ctx: UnitNameContext) {}

  add(name: string, value: T): void {
    const key = unitKey(name, this.ctx);
    if (key === '' || this.byKey.has(key)) return;
    const entry = { value, key, skeleton: skeleton(key) };
    this.byKey.set(key, entry);
    if (!this.bySkeleton.has(entry.skeleton)) this.bySkeleton.set(entry.skeleton, entry);
    this.entries.push(entry);
  }

  match(name: string): { value: T; exact: boolean } | null {
    const key = unitKey(name, this.ctx);
    const exact = this.byKey.get(key);
    if (exact) return { value: exact.value, exact: true };
    const sk = skeleton(key);
    const loose = this.bySkeleton.get(sk);
    if (loose) return { value: loose.value, exact: false };
    if (sk.length < FUZZY_MIN_LENGTH) return null;
    for (const e of this.entries) {
      if (e.skeleton.length >= FUZZY_MIN_LENGTH && Math.abs(e.skeleton.length - sk.length) <= 1) {
        if (distance(e.skeleton, sk) <= 1) return { value: e.value, exact: false };
      }
    }
    return null;
  }
}

/** "Tỉnh Bắc Giang" is also written "Bắc Giang", "Thành phố Hà Nội" "Hà Nội" or "TP. Hà Nội", "Xã Nam Đà" "Nam Đà". */
const KIND_WORD = /^(ubnd\s+)?(tỉnh|thành phố|tp\.?|xã|phường|thị trấn|thị xã|đặc khu|huyện|quận|sở)\s+/iu;

/**
 * Units by the names a table of results or scores writes them with: their names, their aliases, and
 * the name without its kind word when only one unit has that name (the survey's and the results'
 * imports alike). Null: no unit answers to the name.
 */
export function tableUnitMatcher<T>(
  units: readonly { name: string; aliases: readonly string[]; value: T }[],
): (name: string) => T | null {
  const matcher = new UnitMatcher<T>({ levelWords: [] });
  for (const u of units) matcher.add(u.name, u.value);
  for (const u of units) for (const a of u.aliases) matcher.add(a, u.value);
  const bare = new Map<string, T[]>();
  for (const u of units) {
    const short = u.name.replace(KIND_WORD, '');
    if (short !== u.name) bare.set(short, [...(bare.get(short) ?? []), u.value]);
  }
  const byShort = new UnitMatcher<T>({ levelWords: [] });
  for (const [short, values] of bare) if (values.length === 1) byShort.add(short, values[0]!);
  return (name) => matcher.match(name)?.value ?? byShort.match(name.replace(KIND_WORD, ''))?.value ?? null;
}

/**
 * Splits a segment at commas only where every part is known; the split with the most parts wins.
 * Returns the segment whole when it is known itself or cannot be split that way.
 */
export function splitAtCommas(segment: string, isKnown: (name: string) => boolean): string[] {
  if (!segment.includes(',') || isKnown(segment)) return [segment];
  const parts = segment.split(',');
  const n = parts.length;
  // best[i]: the split of parts[0..i) into known groups with the most groups, or null
  const best: (string[] | null)[] = Array.from({ length: n + 1 }, () => null);
  best[0] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < i; j++) {
      const prefix = best[j];
      if (!prefix) continue;
      const group = parts.slice(j, i).join(',').trim();
      if (group === '' || !isKnown(group)) continue;
      const candidate = [...prefix, group];
      const current = best[i];
      if (!current || candidate.length > current.length) best[i] = candidate;
    }
  }
  const split = best[n];
  return split && split.length > 1 ? split : [segment];
}

export interface KnownUnit {
  id: number;
  name: string;
  aliases: readonly string[];
}

/** A unit as one cell names it: the text as written and which unit it is. */
export interface UnitMention {
  text: string;
  /** index into `units` of the resolution */
  unit: number;
}

export interface ResolvedUnit {
  /** set when the unit is already in the registry */
  id: number | null;
  name: string;
  kind: string;
  /** every spelling the document used for it */
  variants: string[];
}

export interface UnitResolution {
  units: ResolvedUnit[];
  cells: UnitMention[][];
  /** a written name that was read as a differently written unit */
  folded: { cell: number; original: string; unit: string }[];
}

interface Cluster {
  id: number | null;
  registryName: string | null;
  counts: Map<string, number>;
}

/**
 * Resolves the unit cells of one document against the registry. Units not in the registry are
 * returned with `id: null` and the best of their spellings as name (a correctly spelled, full form,
 * the most used).
 */
export function resolveUnits(
  cellTexts: readonly string[],
  known: readonly KnownUnit[],
  ctx: UnitNameContext,
): UnitResolution {
  const firstLevel = cellTexts.map(splitUnitCell);

  const knowledge = new UnitMatcher<true>(ctx);
  for (const u of known) {
    knowledge.add(u.name, true);
    for (const a of u.aliases) knowledge.add(a, true);
  }
  for (const segments of firstLevel) for (const s of segments) if (!s.includes(',')) knowledge.add(s, true);
  // a segment with a comma that is written alone somewhere is a name on its own
  for (const segments of firstLevel)
    for (const s of segments) if (s.includes(',') && segments.length > 1) knowledge.add(s, true);
  const isKnown = (name: string) => knowledge.match(name) !== null;

  const clusters: Cluster[] = [];
  const matcher = new UnitMatcher<number>(ctx);
  for (const u of known) {
    const index = clusters.push({ id: u.id, registryName: u.name, counts: new Map() }) - 1;
    matcher.add(u.name, index);
    for (const a of u.aliases) matcher.add(a, index);
  }

  const cells: UnitMention[][] = firstLevel.map((segments) =>
    segments
      .flatMap((s) => splitAtCommas(s, isKnown))
      .map((text) => {
        let index = matcher.match(text)?.value;
        if (index === undefined) {
          index = clusters.push({ id: null, registryName: null, counts: new Map() }) - 1;
          matcher.add(text, index);
        }
        const counts = clusters[index]!.counts;
        counts.set(text, (counts.get(text) ?? 0) + 1);
        return { text, unit: index };
      }),
  );

  const units: ResolvedUnit[] = clusters.map((c) => {
    const variants = [...c.counts.keys()];
    const name = c.registryName ?? bestSpelling(c.counts, ctx);
    return { id: c.id, name, kind: unitKind(name), variants };
  });

  const folded: UnitResolution['folded'] = [];
  const seen = new Set<string>();
  cells.forEach((mentions, cell) => {
    for (const m of mentions) {
      const unit = units[m.unit]!.name;
      const tag = `${m.text}\u0000${unit}`;
      if (m.text !== unit && !seen.has(tag)) {
        seen.add(tag);
        folded.push({ cell, original: m.text, unit });
      }
    }
  });
  return { units, cells, folded };
}

function bestSpelling(counts: Map<string, number>, ctx: UnitNameContext): string {
  const rank = (name: string): number[] => {
    const l = lower(name);
    const full = ctx.levelWords.some((w) => l.endsWith(` ${w}`)) ? 1 : 0;
    // a capitalised word reads as a proper name: "Phòng Nội vụ" over "Phòng nội vụ"
    const capitals = (name.match(/\p{Lu}/gu) ?? []).length;
    return [isMisspelled(name) ? 0 : 1, full, counts.get(name) ?? 0, capitals];
  };
  let best = '';
  let bestRank: number[] | null = null;
  for (const name of counts.keys()) {
    const r = rank(name);
    if (!bestRank || compareRanks(r, bestRank) > 0) {
      best = name;
      bestRank = r;
    }
  }
  return best;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}
