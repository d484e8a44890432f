/**
 * A criterion's scoring method as the document words it ("Cách tính điểm", "Phương pháp chấm
 * điểm") turned into a rule (core/framework.ts ScoringRule) where the wording is one the documents
 * use; null where it is not, and the reader keeps the text for a person to set the rule by hand.
 * Pure and table-tested from the real sentences (../shared/docs/SCORING.md).
 *
 * The text is cut into clauses (lines, ";", a sentence that ends on "điểm"), each clause into a
 * condition and its points ("Từ 90% trở lên: 2 điểm", "0 lần: 2 điểm", "tỷ lệ × 1"). What the
 * conditions are decides the kind: percentages → bands (or linear when a clause scores "tỷ lệ ×"),
 * counts of occurrences → count, "đủ … và …" against "thiếu …" → all, labels alone → choice or parts.
 */
import type { ChoiceOption, CountBand, RatioBand, RulePart, Scorer, ScoringRule } from './framework.js';
import { compare, parseScore, sum, type Score } from './score.js';
import { fold, oneLine } from './text.js';

const STEP: Score = { units: 2500, scale: 2 };

/** The step of a rule set by hand: a quarter of a point, as the documents score. */
export const MANUAL_STEP = STEP;

// ------------------------------------------------------------------------------------------------
// numbers

const NUM = String.raw`\d+(?:[.,]\d+)?`;
const WORD_NUMBERS: Record<string, number> = { khong: 0, mot: 1, hai: 2, ba: 3, bon: 4, nam: 5 };

/** "01" → 1, "0,5", "0.25", "1/2" → 0,5; null when not an exact score. */
export function methodNumber(text: string): Score | null {
  const t = text.trim();
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (fraction) {
    const n = Number(fraction[1]);
    const d = Number(fraction[2]);
    if (d === 0 || (n * 10_000) % d !== 0) return null;
    const units = (n * 10_000) / d;
    return { units, scale: units % 10_000 === 0 ? 0 : units % 1000 === 0 ? 1 : units % 100 === 0 ? 2 : 4 };
  }
  const folded = fold(t);
  if (folded in WORD_NUMBERS) return { units: WORD_NUMBERS[folded]! * 10_000, scale: 0 };
  const parsed = parseScore(t);
  return parsed.ok ? parsed.score : null;
}

/** "90%", "12,5 %" → hundredths of a percent (9000, 1250). */
function percentValue(text: string): number | null {
  const s = methodNumber(text);
  if (s === null || s.units % 100 !== 0) return null;
  return s.units / 100;
}

// ------------------------------------------------------------------------------------------------
// clauses

interface Clause {
  /** the condition before the points, as written (trimmed) */
  label: string;
  /** folded condition */
  cond: string;
  points: Score | null;
  /** "tỷ lệ × 1", "tỷ lệ % × điểm tối đa": the ratio times the max */
  linear: boolean;
  /** "(Tài liệu kiểm chứng: …)" after the points */
  evidence: string;
}

const POINTS_WORD = String.raw`(?:điểm|đ)(?![\p{L}])`;
const POINTS = new RegExp(
  String.raw`(${NUM}|\d+\s*/\s*\d+|không|một|hai|ba|bốn|năm)\s*${POINTS_WORD}`,
  'giu',
);
const BARE_POINTS = new RegExp(String.raw`[:=→]\s*(${NUM})\s*$`, 'u');
const LINEAR = new RegExp(
  String.raw`(?:tỷ lệ|tỉ lệ|kết quả|\))[^:;]*?(?:×|\*|(?<![\p{L}])x(?![\p{L}])|nhân(?: với)?)\s*(?:(${NUM})(?!\s*%)|(?:số\s+)?điểm\s+tối\s+đa)`,
  'iu',
);
const FULL_POINTS = /(được tính |đạt |được )?(đủ điểm|điểm tối đa|tối đa số điểm)/iu;

function splitClauses(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/\r/g, '')
    .split(/\n|;|(?<=(?:điểm|đ))\s*[.,]\s+|\.\s+(?=[-+•\p{Lu}])/u)
    .map((c) =>
      c
        .replace(/^\s*(?:[-+•*–]|[a-zđ][).]|\d+[).])\s*/iu, '')
        .replace(/[.\s]+$/u, '')
        .trim(),
    )
    .filter((c) => c !== '');
}

function trimLabel(text: string): string {
  return text
    .replace(/(?:^|\s*[:=→,–-]|\s+(?:thì|được|đạt|tính|bằng|cho))\s*$/iu, '')
    .replace(/(?:^|\s*[:=→,–-]|\s+(?:thì|được|tính|bằng))\s*$/iu, '')
    .replace(/^\s*(?:nếu|trường hợp)\s+/iu, '')
    .trim();
}

function readClause(raw: string, max: Score | null): Clause {
  const linear = LINEAR.exec(raw);
  // "Tỷ lệ % = (số hồ sơ đúng hạn ÷ tổng số hồ sơ) × 100" defines the ratio; it scores nothing
  const definition = linear?.[1] !== undefined && methodNumber(linear[1])?.units === 100 * 10_000;
  if (linear && !definition) {
    return {
      label: trimLabel(raw.slice(0, linear.index)),
      cond: fold(raw.slice(0, linear.index)),
      points: null,
      linear: true,
      evidence: '',
    };
  }
  const matches = [...raw.matchAll(POINTS)];
  const last = matches[matches.length - 1];
  let points: Score | null = null;
  let before = raw;
  let after = '';
  if (last && last.index !== undefined) {
    points = methodNumber(last[1]!);
    before = raw.slice(0, last.index);
    after = raw.slice(last.index + last[0].length);
  } else {
    const bare = BARE_POINTS.exec(raw);
    const full = FULL_POINTS.exec(raw);
    if (bare) {
      points = methodNumber(bare[1]!);
      before = raw.slice(0, bare.index);
    } else if (full && max !== null) {
      points = max;
      before = raw.slice(0, full.index);
    }
  }
  const evidence =
    /^\s*\(([^)]*)\)/u.exec(after)?.[1]?.replace(/^(tài liệu kiểm chứng|tlkc)\s*:\s*/iu, '') ?? '';
  const label = trimLabel(before);
  return { label, cond: fold(label), points, linear: false, evidence: evidence.trim() };
}

// ------------------------------------------------------------------------------------------------
// conditions

type Edge = { kind: 'below' } | { kind: 'at-least'; edge: number; strict: boolean };

const PCT = String.raw`(\d+(?:[.,]\d+)?)\s*(?:%|phan tram)`;
const RANGE_PCT = new RegExp(
  String.raw`(\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|—|den|toi)\s*(?:duoi\s*)?(?:\d+(?:[.,]\d+)?)\s*%`,
);
const BELOW = /(?:duoi|nho hon|thap hon|khong dat|<|≤|<=|khong qua|toi da)\s*$/;
const ABOVE = /(?:tren|lon hon|cao hon|hon|vuot|>)\s*$/;

/** The ratio condition of a folded clause: "tu 70% den duoi 90%" → at least 70 %; "duoi 70%" → below. */
function ratioEdge(cond: string): Edge | null {
  const c = cond.replace(/≥|>=/g, 'tu ').replace(/\s+/g, ' ');
  const range = RANGE_PCT.exec(c);
  const single = new RegExp(PCT).exec(c);
  const m = range && (!single || range.index <= single.index) ? range : single;
  if (!m) return null;
  const value = percentValue(m[1]!);
  if (value === null) return null;
  const before = c.slice(0, m.index);
  const after = c.slice(m.index + m[0].length);
  if (BELOW.test(before) || /^\s*tro xuong/.test(after)) return { kind: 'below' };
  return { kind: 'at-least', edge: value, strict: ABOVE.test(before) };
}

type CountCond = { atMost: number | null } | null;

const OCCURRENCE = String.raw`(?:lan|truong hop|vu viec|vu|su co|van ban|ho so|sai sot)`;

/** "0 lan" → at most 0; "tren 1 lan" / "tu 2 lan tro len" → any number; "tu 2 den 3 lan" → 3. */
function countCondition(cond: string): CountCond {
  const c = cond.replace(/\s+/g, ' ');
  if (
    new RegExp(String.raw`^(khong co|khong (bi|phai|de)|khong)\b[^\d]*${OCCURRENCE}?`).test(c) &&
    !/\d/.test(c)
  ) {
    return { atMost: 0 };
  }
  const range = new RegExp(String.raw`(\d+)\s*(?:-|–|den|toi)\s*(\d+)\s*${OCCURRENCE}`).exec(c);
  if (range) return { atMost: Number(range[2]) };
  const m = new RegExp(String.raw`(\d+)\s*${OCCURRENCE}`).exec(c);
  if (!m) return null;
  const n = Number(m[1]);
  const before = c.slice(0, m.index);
  const after = c.slice(m.index + m[0].length);
  if (/(?:tren|hon|>)\s*$/.test(before)) return { atMost: null };
  if (/tro len/.test(after) || /(?:tu|≥)\s*$/.test(before)) return { atMost: null };
  if (/(?:duoi|<)\s*$/.test(before)) return { atMost: n - 1 };
  return { atMost: n };
}

// ------------------------------------------------------------------------------------------------
// whole-text forms

const SURVEY =
  /dieu tra xa hoi hoc|dieu tra xhh|\bxhh\b|sipas|khao sat (y kien|muc do|su hai long)|chi so hai long/;
const BONUS_WORDS = /^(diem thuong|thuong\b)|duoc cong|cong (them )?\d/;
// "bị trừ" inside a criterion's own method takes from its own max ("mỗi … bị trừ 0,25 điểm"): a count
const PENALTY_WORDS = /^(diem tru|tru diem)/;
const CAP = new RegExp(
  String.raw`(?:toi da|khong qua|nhieu nhat)\s*(?:(?:bi\s*)?tru\s*|(?:duoc\s*)?cong\s*)?(?:la\s*)?(${NUM})\s*diem`,
);
/** "Hội đồng thẩm định chấm điểm theo mức độ, từ 0 đến 2 điểm, bước 0,25 điểm": a score set by hand, said so. */
const MANUAL_WORDS = new RegExp(
  String.raw`(?:tu 0 (?:diem )?den ${NUM} diem|tuy (?:theo )?muc do|can cu muc do|theo muc do (?:thuc hien|hoan thanh))`,
);
const MANUAL_STEP_WORDS = new RegExp(String.raw`buoc (?:cham )?(?:diem )?(?:la )?(${NUM})\s*diem`);
const EACH_MINUS = new RegExp(String.raw`moi\b[^;:]*?\b(?:bi\s*)?tru\s*(${NUM})\s*diem`);
const EACH_PLUS = new RegExp(String.raw`moi\b[^;:]*?\b(?:duoc\s*)?(?:cong|thuong)\s*(${NUM})\s*diem`);
const FLOOR = new RegExp(String.raw`(?:toi thieu|thap nhat)\s*(?:con\s*|la\s*)?(${NUM})\s*diem`);

/** "Nếu tiêu chí 1.1.1 đạt 0 điểm thì …": the criterion this one depends on, and the text without it. */
const GATE =
  /(?:^|[.;\n]\s*|\s)(?:nếu|trường hợp|khi)\s+(?:tiêu chí|TC|TCTP|tiêu chí thành phần)\s+(\d+(?:\.\d+)+)\s+(?:đạt|được|bằng|=|là)\s*0\s*(?:điểm|đ)?\s*(?:\([^)]*\))?\s*thì\s+[^.;\n]*/iu;

/** "Không ban hành kế hoạch thì tiêu chí 1.1.4 = 0": a gate stated in words (the reader resolves it). */
const GATE_STATEMENT =
  /(?:không|chưa)\s+(ban hành|xây dựng|thực hiện|có)\s+([^.;\n]*?)\s+thì\s+(?:tiêu chí|TC|TCTP)\s+(\d+(?:\.\d+)+|này)\s*(?:=|đạt|được tính|được|bằng|là)\s*(?:0|không)\s*(?:điểm|đ)?/iu;

export interface GateStatement {
  /** what must exist: "ban hành kế hoạch" */
  condition: string;
  /** the criterion that scores 0 without it; null for "tiêu chí này" */
  target: string | null;
}

/** The gate sentences of a method ("Không ban hành kế hoạch thì tiêu chí 1.1.4 = 0"), for the reader. */
export function gateStatements(text: string): GateStatement[] {
  const out: GateStatement[] = [];
  const re = new RegExp(GATE_STATEMENT.source, 'giu');
  for (const m of text.normalize('NFC').matchAll(re)) {
    out.push({ condition: oneLine(`${m[1]} ${m[2]}`), target: m[3]!.toLowerCase() === 'này' ? null : m[3]! });
  }
  return out;
}

function withoutGateStatements(text: string): string {
  return text.normalize('NFC').replace(new RegExp(GATE_STATEMENT.source, 'giu'), '');
}

function scoreOf(text: string | undefined): Score | null {
  return text === undefined ? null : methodNumber(text);
}

// ------------------------------------------------------------------------------------------------
// the recogniser

/**
 * The rule a method text states, or null when its wording is none the documents use. `max` is the
 * criterion's maximum (it tells parts from options and sets caps); `scorer` is who scores it when
 * the table or the area says so (a bonus area's criterion is a bonus, a survey's a survey).
 */
export function recognizeMethod(text: string, max: Score | null, scorer?: Scorer): ScoringRule | null {
  const whole = oneLine(withoutGateStatements(text));
  const gate = GATE.exec(whole);
  if (gate) {
    const rest = recognizeMethod(
      whole.slice(0, gate.index) + ' ' + whole.slice(gate.index + gate[0].length),
      max,
      scorer,
    );
    return rest === null ? null : { kind: 'gate', code: gate[1]!, rule: rest };
  }
  const folded = fold(withoutGateStatements(text)).replace(/\s+/g, ' ').trim();

  if (scorer === 'survey' || SURVEY.test(folded)) return { kind: 'survey' };
  if (scorer === 'bonus' || BONUS_WORDS.test(folded)) {
    const cap = scoreOf(CAP.exec(folded)?.[1]) ?? max;
    return cap === null ? null : { kind: 'bonus', cap };
  }
  if (scorer === 'penalty' || PENALTY_WORDS.test(folded)) {
    const cap = scoreOf(CAP.exec(folded)?.[1]) ?? max;
    const each = scoreOf(EACH_MINUS.exec(folded)?.[1]);
    return cap === null ? null : { kind: 'penalty', cap, each };
  }
  const each = EACH_MINUS.exec(folded);
  if (each && !EACH_PLUS.test(folded)) {
    return { kind: 'count', bands: [], each: scoreOf(each[1]), floor: scoreOf(FLOOR.exec(folded)?.[1]) };
  }

  if (MANUAL_WORDS.test(folded) && !/(?:\d)\s*%/.test(folded)) {
    return { kind: 'manual', step: scoreOf(MANUAL_STEP_WORDS.exec(folded)?.[1]) ?? STEP };
  }
  const clauses = splitClauses(withoutGateStatements(text))
    .map((c) => readClause(c, max))
    .filter((c) => c.points !== null || c.linear);
  if (clauses.length === 0) return null;
  return (
    linearRule(clauses, max) ??
    bandsRule(clauses) ??
    countRule(clauses) ??
    allRule(clauses) ??
    optionsRule(clauses, max)
  );
}

/** "Đạt 100%: 1 điểm; từ 90% đến dưới 100%: tỷ lệ × 1; dưới 90%: 0 điểm". */
function linearRule(clauses: Clause[], max: Score | null): ScoringRule | null {
  const lin = clauses.filter((c) => c.linear);
  if (lin.length !== 1) return null;
  const floor = ratioEdge(lin[0]!.cond);
  if (floor === null || floor.kind !== 'at-least') {
    // "Điểm = tỷ lệ × điểm tối đa" alone: the ratio times the max from 0 %
    if (clauses.length === 1 && floor === null)
      return { kind: 'linear', floor: 0, floorStrict: false, full: 10_000 };
    return null;
  }
  let full = 10_000;
  for (const c of clauses) {
    if (c.linear) continue;
    const e = ratioEdge(c.cond);
    if (e === null) return null;
    if (e.kind === 'at-least' && c.points !== null && (max === null || compare(c.points, max) === 0))
      full = e.edge;
    else if (e.kind === 'at-least' || c.points === null || c.points.units !== 0) return null;
  }
  if (full < floor.edge) return null;
  return { kind: 'linear', floor: floor.edge, floorStrict: floor.strict, full };
}

/** "Từ 90% trở lên: 2 điểm; từ 70% đến dưới 90%: 1 điểm; dưới 70%: 0 điểm", in either order. */
function bandsRule(clauses: Clause[]): ScoringRule | null {
  if (clauses.some((c) => c.points === null)) return null;
  const edges = clauses.map((c) => ratioEdge(c.cond));
  if (edges.some((e) => e === null)) return null;
  const bands: RatioBand[] = clauses.map((c, i) => {
    const e = edges[i]!;
    return e.kind === 'below'
      ? { edge: null, strict: false, points: c.points! }
      : { edge: e.edge, strict: e.strict, points: c.points! };
  });
  if (bands.filter((b) => b.edge === null).length > 1) return null;
  // evaluation takes the first band that holds: the highest edge first, "dưới …" last
  bands.sort((a, b) => {
    if (a.edge === null || b.edge === null) return a.edge === null ? 1 : -1;
    return b.edge - a.edge || Number(b.strict) - Number(a.strict);
  });
  // "Từ 90% trở lên: 2; từ 70% đến dưới 90%: 1" says nothing below 70 %: it scores 0
  if (bands[bands.length - 1]!.edge !== null)
    bands.push({ edge: null, strict: false, points: { units: 0, scale: 0 } });
  return { kind: 'bands', bands };
}

/** "0 lần: 2 điểm; 1 lần: 1 điểm; trên 1 lần: 0 điểm". */
function countRule(clauses: Clause[]): ScoringRule | null {
  if (clauses.some((c) => c.points === null)) return null;
  const conds = clauses.map((c) => countCondition(c.cond));
  if (conds.some((c) => c === null)) return null;
  const bands: CountBand[] = clauses.map((c, i) => ({ atMost: conds[i]!.atMost, points: c.points! }));
  bands.sort((a, b) => (a.atMost ?? Infinity) - (b.atMost ?? Infinity));
  return { kind: 'count', bands, each: null, floor: null };
}

const ALL_WORDS =
  /^(?:(?:dap ung|co|thuc hien|xac dinh|ban hanh|bao dam|dam bao)\s+)?(?:day du|du|ca hai|tat ca|dong thoi)\b/;
const MISSING_WORDS =
  /^(?:thieu|khong du|khong day du|khong dap ung|mot trong|con lai|nguoc lai|cac truong hop (khac|con lai)|truong hop khac)/;

/** "Đủ nhiệm vụ và bố trí kinh phí: 1 điểm; thiếu một trong hai: 0 điểm". */
function allRule(clauses: Clause[]): ScoringRule | null {
  if (clauses.length !== 2) return null;
  const [met, missing] = clauses as [Clause, Clause];
  if (met.points === null || met.points.units <= 0 || missing.points?.units !== 0) return null;
  if (!ALL_WORDS.test(met.cond) || !MISSING_WORDS.test(missing.cond)) return null;
  const conditions = met.label
    .split(/\s+và\s+|,\s*|\s+đồng thời\s+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (conditions.length < 2) return null;
  return { kind: 'all', conditions, points: met.points };
}

/**
 * Labelled points are either alternatives (one applies: choice) or additive parts (each met adds:
 * parts). The documents never say which, but the maximum tells: alternatives are scored out of the
 * best of them (the top option equals the max, and one option scores 0 or the options overlap),
 * parts add up to the max and none of them is worth nothing. So: points summing to the max with no
 * zero among them → parts; else the top option equal to the max → choice; else not recognised.
 * Without a max, a zero option marks alternatives.
 */
function optionsRule(clauses: Clause[], max: Score | null): ScoringRule | null {
  // one labelled score alone ("Thực hiện đầy đủ: 1 điểm") leaves the other outcomes unsaid
  if (clauses.length < 2 || clauses.some((c) => c.linear || c.points === null || c.label === '')) return null;
  const points = clauses.map((c) => c.points!);
  const hasZero = points.some((p) => p.units === 0);
  const top = points.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
  const total = sum(points);
  const asParts = (): ScoringRule => ({
    kind: 'parts',
    parts: clauses.map((c): RulePart => ({ label: c.label, points: c.points!, evidence: c.evidence })),
  });
  const asChoice = (): ScoringRule => ({
    kind: 'choice',
    options: clauses.map((c): ChoiceOption => ({ label: c.label, points: c.points! })),
  });
  if (max === null) return hasZero ? asChoice() : null;
  if (!hasZero && compare(total, max) === 0) return asParts();
  if (compare(top, max) === 0) return asChoice();
  return null;
}

/**
 * Who scores, from a "Hình thức đánh giá" cell or a header note: "Tự đánh giá" → self, "Điều tra
 * XHH" → survey, "Hội đồng thẩm định" (or "SNV đánh giá") → council, "Điểm thưởng" → bonus,
 * "Điểm trừ" → penalty; null for anything else.
 */
export function scorerFromText(text: string): Scorer | null {
  const f = fold(text).replace(/\s+/g, ' ').trim();
  if (f === '') return null;
  if (SURVEY.test(f) || /^dieu tra\b/.test(f)) return 'survey';
  if (/\b(hoi dong|tham dinh|snv danh gia|so noi vu danh gia|to cong tac)\b/.test(f)) return 'council';
  if (/\btu (danh gia|cham)\b/.test(f)) return 'self';
  if (/^(diem )?thuong\b|\bcong diem\b/.test(f)) return 'bonus';
  if (/^(diem )?tru\b|\btru diem\b/.test(f)) return 'penalty';
  return null;
}
