/**
 * A scoring rule in words, as the official documents write their "Cách tính điểm": "Từ 90% trở lên:
 * 2 điểm; từ 70% đến dưới 90%: 1 điểm; dưới 70%: 0 điểm". The exported framework prints it for a
 * rule set by hand (not read from the document), and the web page shows it beside the rule editor.
 * Vietnamese first; English for the page in English. Pure.
 */
import type { Lang } from './findings.js';
import type { CountBand, RatioBand, ScoringRule } from './framework.js';
import { formatScore, type Score } from './score.js';

interface Words {
  points(s: string): string;
  percent(s: string): string;
  max: string;
  from(a: string): string;
  fromUpTo(a: string, b: string): string;
  fromUpToIncl(a: string, b: string): string;
  above(a: string): string;
  aboveUpTo(a: string, b: string): string;
  aboveUpToIncl(a: string, b: string): string;
  below(a: string): string;
  atMost(a: string): string;
  any: string;
  reached(a: string): string;
  ratioTimes(max: string): string;
  times(n: number): string;
  timesRange(a: number, b: number): string;
  timesAbove(n: number): string;
  anyCount: string;
  each(points: string): string;
  floor(points: string): string;
  allOf(conditions: readonly string[]): string;
  missingOne(n: number): string;
  gate(code: string): string;
  manual(max: string, step: string): string;
  maxLevel: string;
  evidence(text: string): string;
  survey(max: string | null): string;
  bonus(cap: string): string;
  penalty(cap: string): string;
  penaltyEach(each: string, cap: string): string;
}

const VI: Words = {
  points: (s) => `${s} điểm`,
  percent: (s) => `${s}%`,
  max: 'điểm tối đa',
  from: (a) => `từ ${a} trở lên`,
  fromUpTo: (a, b) => `từ ${a} đến dưới ${b}`,
  fromUpToIncl: (a, b) => `từ ${a} đến ${b}`,
  above: (a) => `trên ${a}`,
  aboveUpTo: (a, b) => `trên ${a} đến dưới ${b}`,
  aboveUpToIncl: (a, b) => `trên ${a} đến ${b}`,
  below: (a) => `dưới ${a}`,
  atMost: (a) => `từ ${a} trở xuống`,
  any: 'mọi tỷ lệ',
  reached: (a) => `đạt ${a}`,
  ratioTimes: (max) => `tỷ lệ % × ${max}`,
  times: (n) => `${n} lần`,
  timesRange: (a, b) => `từ ${a} đến ${b} lần`,
  timesAbove: (n) => `trên ${n} lần`,
  anyCount: 'mọi số lần',
  each: (p) => `mỗi lần trừ ${p}`,
  floor: (p) => `thấp nhất ${p}`,
  // "đủ" first, as the documents say it, unless the first condition says it already
  allOf: (c) => {
    const listed = c.length === 1 ? c[0]! : `${c.slice(0, -1).join(', ')} và ${c[c.length - 1]}`;
    return /^(\p{L}+\s+){0,2}(đầy đủ|đủ)(?=\s|$)/iu.test(listed)
      ? listed
      : `đủ ${listed[0]!.toLowerCase()}${listed.slice(1)}`;
  },
  missingOne: (n) =>
    n === 1 ? 'không đáp ứng' : n === 2 ? 'thiếu một trong hai' : 'thiếu một trong các nội dung trên',
  gate: (code) => `nếu tiêu chí ${code} đạt 0 điểm thì tiêu chí này đạt 0 điểm`,
  maxLevel: 'mức tối đa',
  evidence: (t) => `(Tài liệu kiểm chứng: ${t})`,
  manual: (max, step) => `chấm điểm trực tiếp trong khoảng từ 0 đến ${max} (mỗi bậc ${step})`,
  survey: (max) => `theo kết quả điều tra xã hội học${max === null ? '' : `, tối đa ${max}`}`,
  bonus: (cap) => `điểm thưởng, tối đa ${cap}`,
  penalty: (cap) => `điểm trừ, tối đa ${cap}`,
  penaltyEach: (each, cap) => `điểm trừ: mỗi lần trừ ${each}, tối đa ${cap}`,
};

const EN: Words = {
  points: (s) => `${s} ${s === '1' ? 'point' : 'points'}`,
  percent: (s) => `${s}%`,
  max: 'the maximum',
  from: (a) => `${a} or more`,
  fromUpTo: (a, b) => `from ${a} to under ${b}`,
  fromUpToIncl: (a, b) => `from ${a} to ${b}`,
  above: (a) => `over ${a}`,
  aboveUpTo: (a, b) => `over ${a} to under ${b}`,
  aboveUpToIncl: (a, b) => `over ${a} to ${b}`,
  below: (a) => `under ${a}`,
  atMost: (a) => `${a} or less`,
  any: 'any ratio',
  reached: (a) => `${a} reached`,
  ratioTimes: (max) => `ratio × ${max}`,
  times: (n) => `${n} ${n === 1 ? 'time' : 'times'}`,
  timesRange: (a, b) => `${a} to ${b} times`,
  timesAbove: (n) => `more than ${n} ${n === 1 ? 'time' : 'times'}`,
  anyCount: 'any number of times',
  each: (p) => `less ${p} each time`,
  floor: (p) => `no lower than ${p}`,
  allOf: (c) => (c.length === 1 ? c[0]! : `${c.slice(0, -1).join(', ')} and ${c[c.length - 1]}`),
  missingOne: (n) => (n === 1 ? 'not met' : n === 2 ? 'either missing' : 'any of them missing'),
  gate: (code) => `if criterion ${code} scores 0, this criterion scores 0`,
  maxLevel: 'the maximum',
  evidence: (t) => `(evidence: ${t})`,
  manual: (max, step) => `scored directly from 0 to ${max} (in steps of ${step})`,
  survey: (max) => `the survey's result${max === null ? '' : `, at most ${max}`}`,
  bonus: (cap) => `bonus points, at most ${cap}`,
  penalty: (cap) => `points taken away, at most ${cap}`,
  penaltyEach: (each, cap) => `points taken away: ${each} each time, at most ${cap}`,
};

const WORDS: Record<Lang, Words> = { vi: VI, en: EN };

const DEFAULT_STEP: Score = { units: 2500, scale: 2 };

/**
 * The rule in the documents' words. `max` is the criterion's maximum, written where a rule refers
 * to it (a linear rule's "tỷ lệ % × 1", a manual score's range); without it the words say "điểm
 * tối đa".
 */
export function describeRule(rule: ScoringRule, lang: Lang, max: Score | null = null): string {
  return capitalise(clauses(rule, WORDS[lang], lang, max).join('; '));
}

function clauses(rule: ScoringRule, w: Words, lang: Lang, max: Score | null): string[] {
  const pts = (s: Score) => w.points(formatScore(s, lang));
  const pct = (hundredths: number) => w.percent(formatScore({ units: hundredths * 100, scale: 0 }, lang));
  const maxText = max === null ? w.max : pts(max);
  switch (rule.kind) {
    case 'choice':
      return rule.options.map((o) => `${o.label}: ${pts(o.points)}`);
    case 'bands':
      return bandClauses(rule.bands, w, pct).map((c, i) => `${c}: ${pts(rule.bands[i]!.points)}`);
    case 'linear': {
      const top = rule.full === 10000 ? w.reached(pct(rule.full)) : w.from(pct(rule.full));
      const middle = rule.floorStrict
        ? w.aboveUpTo(pct(rule.floor), pct(rule.full))
        : w.fromUpTo(pct(rule.floor), pct(rule.full));
      const bottom = rule.floorStrict ? w.atMost(pct(rule.floor)) : w.below(pct(rule.floor));
      const zero = pts({ units: 0, scale: 0 });
      const ratio = w.ratioTimes(max === null ? w.max : formatScore(max, lang));
      return [`${top}: ${maxText}`, `${middle}: ${ratio}`, `${bottom}: ${zero}`];
    }
    case 'count': {
      const out = countClauses(rule.bands, w).map((c, i) => `${c}: ${pts(rule.bands[i]!.points)}`);
      if (rule.each !== null) {
        out.push(w.each(pts(rule.each)));
        if (rule.floor !== null && rule.floor.units !== 0) out.push(w.floor(pts(rule.floor)));
      }
      return out;
    }
    case 'parts':
      // additive parts, one a line as the documents list them (the choice's options share one line)
      return [
        rule.parts
          .map((p) => {
            const evidence = p.evidence.trim() === '' ? '' : ` ${w.evidence(p.evidence.trim())}`;
            return `- ${p.label}: ${pts(p.points)}${evidence}`;
          })
          .join('\n'),
      ];
    case 'all': {
      const zero = pts({ units: 0, scale: 0 });
      return [
        `${w.allOf(rule.conditions)}: ${pts(rule.points)}`,
        `${w.missingOne(rule.conditions.length)}: ${zero}`,
      ];
    }
    case 'gate':
      return [w.gate(rule.code), ...clauses(rule.rule, w, lang, max)];
    case 'manual':
      // the numbers without "điểm": worded so, the text reads as no other rule
      return [
        w.manual(
          max === null ? w.maxLevel : formatScore(max, lang),
          formatScore(rule.step.units > 0 ? rule.step : DEFAULT_STEP, lang),
        ),
      ];
    case 'survey':
      return [w.survey(max === null ? null : pts(max))];
    case 'bonus':
      return [w.bonus(pts(rule.cap))];
    case 'penalty':
      return [rule.each === null ? w.penalty(pts(rule.cap)) : w.penaltyEach(pts(rule.each), pts(rule.cap))];
  }
}

/**
 * Each band's range. A band holds from its edge up to the previous band's edge: under it when the
 * previous edge is inclusive ("từ 90% trở lên" → "từ 70% đến dưới 90%"), up to it when strict
 * ("trên 90%" → "từ 70% đến 90%").
 */
function bandClauses(bands: readonly RatioBand[], w: Words, pct: (h: number) => string): string[] {
  return bands.map((band, i) => {
    const upper = i === 0 ? null : bands[i - 1]!;
    if (band.edge === null) {
      if (upper === null || upper.edge === null) return w.any;
      return upper.strict ? w.atMost(pct(upper.edge)) : w.below(pct(upper.edge));
    }
    const at = pct(band.edge);
    if (upper === null || upper.edge === null) return band.strict ? w.above(at) : w.from(at);
    const to = pct(upper.edge);
    if (band.strict) return upper.strict ? w.aboveUpToIncl(at, to) : w.aboveUpTo(at, to);
    return upper.strict ? w.fromUpToIncl(at, to) : w.fromUpTo(at, to);
  });
}

/** "0 lần", "từ 2 đến 3 lần", "trên 3 lần": each band from the previous one's count + 1. */
function countClauses(bands: readonly CountBand[], w: Words): string[] {
  return bands.map((band, i) => {
    const from = i === 0 ? 0 : (bands[i - 1]!.atMost ?? 0) + 1;
    if (band.atMost === null) return from === 0 ? w.anyCount : w.timesAbove(from - 1);
    if (band.atMost === from) return w.times(from);
    return w.timesRange(from, band.atMost);
  });
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
