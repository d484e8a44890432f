/**
 * Exact scores. A score is a whole number of ten-thousandths plus the number of decimals the source
 * wrote ("10,10" keeps two). PAR scores carry at most four decimals (0,8791), so every sum of a
 * criteria tree stays far inside the range where JavaScript integers are exact: no binary float is
 * ever used for a sum (0,8791 + 1 + 0,83 = 2,7091 exactly).
 */
export interface Score {
  /** ten-thousandths of a point */
  readonly units: number;
  /** decimals to show, 0..4: the precision the document used */
  readonly scale: number;
}

export const MAX_DECIMALS = 4;
const FACTOR = 10 ** MAX_DECIMALS;

export type ScoreParse =
  { ok: true; score: Score | null } | { ok: false; reason: 'not-a-number' | 'too-many-decimals' };

const EMPTY_MARKS = new Set(['', '-', '–', '—', 'x', '/']);

/**
 * Reads a number as Vietnamese documents write it: "8,5", "0,8791", "10,10", "100"; also the
 * decimal point of spreadsheets and English text ("8.5"), and "1.234,5" with a thousands dot.
 * An empty cell (or a dash) is no score, not zero.
 */
export function parseScore(input: string): ScoreParse {
  let text = input
    .normalize('NFC')
    .replace(/[\s\u00a0\u202f]+/g, '')
    .replace(/\u2212/g, '-')
    .replace(/(điểm|đ)$/iu, '');
  if (EMPTY_MARKS.has(text.toLowerCase())) return { ok: true, score: null };
  let sign = 1;
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)?(?:[.,](\d+))?$/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return { ok: false, reason: 'not-a-number' };
  let intPart = m[1] ?? '0';
  let frac = m[2] ?? '';
  // "1.000" alone is a decimal point in a score column (scores never reach a thousand).
  if (intPart.includes('.') && m[2] === undefined) {
    const dot = intPart.indexOf('.');
    if (intPart.indexOf('.', dot + 1) !== -1) return { ok: false, reason: 'not-a-number' };
    frac = intPart.slice(dot + 1);
    intPart = intPart.slice(0, dot);
  }
  intPart = intPart.replace(/\./g, '');
  if (frac.length > MAX_DECIMALS) {
    // trailing zeros beyond the fourth decimal carry no value
    if (!/^0+$/.test(frac.slice(MAX_DECIMALS))) return { ok: false, reason: 'too-many-decimals' };
    frac = frac.slice(0, MAX_DECIMALS);
  }
  const units = Number(intPart) * FACTOR + Number(frac.padEnd(MAX_DECIMALS, '0'));
  if (!Number.isSafeInteger(units)) return { ok: false, reason: 'not-a-number' };
  return { ok: true, score: { units: sign * units, scale: frac.length } };
}

/**
 * Turns a spreadsheet number into a score. `decimals` is the precision the cell's number format
 * shows ("0.00" → 2); the value's own digits count too, so 0,8791 under "General" keeps four.
 * Float noise from a cached formula result (2.7091000000000003) is rounded away at four decimals.
 */
export function scoreFromNumber(value: number, decimals?: number): Score | null {
  if (!Number.isFinite(value)) return null;
  const units = Math.round(value * FACTOR);
  if (!Number.isSafeInteger(units)) return null;
  const natural = naturalScale(units);
  const shown = decimals === undefined ? natural : Math.min(MAX_DECIMALS, Math.max(0, decimals));
  return { units, scale: Math.max(natural, shown) };
}

function naturalScale(units: number): number {
  let scale = MAX_DECIMALS;
  let u = Math.abs(units);
  while (scale > 0 && u % 10 === 0) {
    u /= 10;
    scale -= 1;
  }
  return scale;
}

export function score(text: string): Score {
  const parsed = parseScore(text);
  if (!parsed.ok || parsed.score === null) throw new Error(`not a score: ${text}`);
  return parsed.score;
}

export const ZERO: Score = { units: 0, scale: 0 };

export function add(a: Score, b: Score): Score {
  return { units: a.units + b.units, scale: Math.max(a.scale, b.scale) };
}

export function sub(a: Score, b: Score): Score {
  return { units: a.units - b.units, scale: Math.max(a.scale, b.scale) };
}

export function sum(scores: readonly Score[]): Score {
  return scores.reduce(add, ZERO);
}

/** A computed value has no written precision: "100,00" from adding hundredths is shown as "100". */
export function trimScale(a: Score): Score {
  return { units: a.units, scale: naturalScale(a.units) };
}

export function compare(a: Score, b: Score): number {
  return a.units - b.units;
}

/** Same value and same written precision: "10,10" is not "10,1" when a round trip is checked. */
export function sameScore(a: Score | null, b: Score | null): boolean {
  if (a === null || b === null) return a === b;
  return a.units === b.units && a.scale === b.scale;
}

export function abs(a: Score): Score {
  return { units: Math.abs(a.units), scale: a.scale };
}

export function isNegative(a: Score): boolean {
  return a.units < 0;
}

/** For JSON and charts only: never sum the result. */
export function toNumber(a: Score): number {
  return a.units / FACTOR;
}

/** Canonical storage form with a decimal point, keeping the written precision: "10.10", "-0.5". */
export function toDecimalString(a: Score): string {
  const sign = a.units < 0 ? '-' : '';
  const u = Math.abs(a.units);
  const int = Math.trunc(u / FACTOR);
  if (a.scale === 0 && u % FACTOR === 0) return `${sign}${int}`;
  const scale = Math.max(a.scale, naturalScale(a.units));
  const frac = String(u % FACTOR)
    .padStart(MAX_DECIMALS, '0')
    .slice(0, scale);
  return scale === 0 ? `${sign}${int}` : `${sign}${int}.${frac}`;
}

const CANONICAL = /^(-?)(\d{1,9})(?:\.(\d{1,4}))?$/;

/** A stored decimal string ("10.10", "-0.5"): its canonical form read directly, any other as score() reads it. */
export function fromDecimalString(text: string): Score {
  const m = CANONICAL.exec(text);
  if (!m) return score(text);
  const frac = m[3] ?? '';
  const units = Number(m[2]) * FACTOR + Number(frac.padEnd(MAX_DECIMALS, '0'));
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/** A stored score column (decimal string or NULL) as a score. */
export function storedScore(text: string | null): Score | null {
  return text === null ? null : fromDecimalString(text);
}

/** A score for a stored column or the API: decimal string, or null. */
export function decimalOrNull(value: Score | null): string | null {
  return value === null ? null : toDecimalString(value);
}

/**
 * "86,26" in Vietnamese, "86.26" in English, with the score's own precision: the storage form with
 * the locale's decimal sign. Not Intl.NumberFormat: the digits are the same (no grouping, the
 * exact fixed-point digits), and building ICU's number format cost ~11 ms of CPU at the start of
 * every `parindex check` (bench/cli.ts); a negative zero is "0", not "-0".
 */
export function formatScore(a: Score, locale: 'vi' | 'en' = 'vi'): string {
  const text = toDecimalString(a);
  return locale === 'vi' ? text.replace('.', ',') : text;
}
