/**
 * The frameworks pages' pure helpers: the rule a change of kind starts from, percentages typed as
 * Vietnamese officers write them ("90", "12,5") into hundredths of a percent and back, lists edited
 * by position, and the answer the "try it" box builds from what was typed, for core/scoring.ts to
 * score. Nothing here scores: core does, the same function the assessment uses (checks.ts: the
 * drawers' scores and findings, apart so the pages showing rules do not load the scorer).
 */
import type { Answer, NotApplicablePolicy, RuleKind, ScoringRule } from '@core/framework';
// the catalog's scoring part only: the whole catalog (every server error and CLI text) is not for a page
import { formatPercent as percentWithSign } from '@core/messages/scoring';
import { formatScore, parseScore, ZERO, type Score } from '@core/score';
import { buildTree, type TreeNode } from '@core/tree';
import '../../i18n/frameworks';

/** Hundredths of a percent per whole percent (90 % = 9000). */
const PER_PERCENT = 100;
/** Ten-thousandths of a point per hundredth of a percent, to reuse the score parser for percentages. */
const UNITS_PER_HUNDREDTH = 100;

/** Words a new rule needs that come from the page's language (the document's own words replace them). */
export interface RuleWords {
  met: string;
  notMet: string;
  part: string;
  condition: string;
}

/**
 * The rule a criterion gets when its kind is changed by hand: the simplest rule of that kind that
 * gives the whole max at best and 0 at worst, so it fits the max from the start. What the old rule
 * had that the new kind can use is kept (a gate keeps the rule it wraps; a gate set on any rule
 * wraps that rule).
 */
export function defaultRule(
  kind: RuleKind,
  max: Score | null,
  words: RuleWords,
  from: ScoringRule | null = null,
): ScoringRule {
  const full = max ?? ZERO;
  switch (kind) {
    case 'choice':
      return {
        kind,
        options: [
          { label: words.met, points: full },
          { label: words.notMet, points: ZERO },
        ],
      };
    case 'bands':
      return {
        kind,
        bands: [
          { edge: 90 * PER_PERCENT, strict: false, points: full },
          { edge: null, strict: false, points: ZERO },
        ],
      };
    case 'linear':
      return { kind, floor: 90 * PER_PERCENT, floorStrict: false, full: 100 * PER_PERCENT };
    case 'count':
      return {
        kind,
        bands: [
          { atMost: 0, points: full },
          { atMost: null, points: ZERO },
        ],
        each: null,
        floor: null,
      };
    case 'parts':
      return { kind, parts: [{ label: `${words.part} 1`, points: full, evidence: '' }] };
    case 'all':
      return { kind, conditions: [`${words.condition} 1`, `${words.condition} 2`], points: full };
    case 'gate': {
      const inner = from === null ? null : from.kind === 'gate' ? from.rule : from;
      return { kind, code: '', rule: inner ?? { kind: 'manual', step: QUARTER } };
    }
    case 'manual':
      return { kind, step: QUARTER };
    case 'survey':
      return { kind };
    case 'bonus':
      return { kind, cap: full };
    case 'penalty':
      return { kind, cap: full, each: null };
  }
}

/** 0,25: the step of a manual score when the document gives none. */
export const QUARTER: Score = { units: 2500, scale: 2 };

/** The kinds a gate may wrap: any but another gate (a gate of a gate is two gates' codes in one rule). */
export const INNER_KINDS: readonly RuleKind[] = [
  'choice',
  'bands',
  'linear',
  'count',
  'parts',
  'all',
  'manual',
  'survey',
  'bonus',
  'penalty',
];

export type PercentParse =
  { ok: true; value: number } | { ok: false; reason: 'not-a-number' | 'out-of-range' };

/**
 * A percentage as typed: "90", "90 %", "12,5", "99,99" → hundredths of a percent (9000, 1250, 9999).
 * More than two decimals, a negative or a value above `upTo` (100 % by default) is refused.
 */
export function parsePercent(text: string, upTo = 100 * PER_PERCENT): PercentParse {
  const parsed = parseScore(text.replace(/%/g, ''));
  if (!parsed.ok || parsed.score === null) return { ok: false, reason: 'not-a-number' };
  const units = parsed.score.units;
  if (units % UNITS_PER_HUNDREDTH !== 0) return { ok: false, reason: 'not-a-number' };
  const value = units / UNITS_PER_HUNDREDTH;
  if (value < 0 || value > upTo) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value };
}

/** Hundredths of a percent as typed in a field: 9000 → "90", 1250 → "12,5" (vi) or "12.5" (en). */
export function formatPercent(value: number, lang: 'vi' | 'en'): string {
  return percentWithSign(value, lang).replace(/\s*%$/, '');
}

/** A whole number of occurrences or items as typed ("0", "12"); anything else is null. */
export function parseCount(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/** A list with the item at `index` replaced. */
export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/** A list without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_x, i) => i !== index);
}

/** A list with the item at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function moveAt<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/**
 * A new band inserted before the last ("the rest", edge null) with the edge halfway between its
 * neighbours, so the bands stay in order from the start.
 */
export function insertBand(rule: Extract<ScoringRule, { kind: 'bands' }>): typeof rule {
  const bands = rule.bands;
  const lastIsRest = bands.length > 0 && bands[bands.length - 1]!.edge === null;
  const at = lastIsRest ? bands.length - 1 : bands.length;
  const above = at > 0 ? (bands[at - 1]!.edge ?? 100 * PER_PERCENT) : 100 * PER_PERCENT;
  const edge = Math.max(0, Math.round(above / 2 / PER_PERCENT) * PER_PERCENT);
  const band = { edge, strict: false, points: ZERO };
  return { ...rule, bands: [...bands.slice(0, at), band, ...bands.slice(at)] };
}

/** A new count band before the last ("more", atMost null), one more than the band above. */
export function insertCountBand(rule: Extract<ScoringRule, { kind: 'count' }>): typeof rule {
  const bands = rule.bands;
  const lastIsRest = bands.length > 0 && bands[bands.length - 1]!.atMost === null;
  const at = lastIsRest ? bands.length - 1 : bands.length;
  const above = at > 0 ? bands[at - 1]!.atMost : null;
  const band = { atMost: above === null ? 0 : above + 1, points: ZERO };
  return { ...rule, bands: [...bands.slice(0, at), band, ...bands.slice(at)] };
}

/** How the "try it" box asks for an answer: one form per rule kind (a gate asks as the rule it wraps). */
export type AnswerForm = 'choice' | 'ratio' | 'count' | 'parts' | 'all' | 'score';

export function answerForm(rule: ScoringRule): AnswerForm {
  switch (rule.kind) {
    case 'choice':
      return 'choice';
    case 'bands':
    case 'linear':
      return 'ratio';
    case 'count':
      return 'count';
    case 'parts':
      return 'parts';
    case 'all':
      return 'all';
    case 'gate':
      return answerForm(rule.rule);
    case 'manual':
    case 'survey':
    case 'bonus':
    case 'penalty':
      return 'score';
  }
}

/** What the "try it" box holds: every field as typed, so switching forms loses nothing. */
export interface TryInput {
  notApplicable: boolean;
  option: number | null;
  /** a ratio as two numbers, or a percentage */
  ratioMode: 'ratio' | 'percent';
  numerator: string;
  denominator: string;
  percent: string;
  count: string;
  /** parts met (by index) */
  parts: readonly number[];
  /** conditions met (by index) */
  conditions: readonly number[];
  score: string;
  /** a penalty typed as a number of occurrences (each × count) instead of an amount */
  penaltyByCount: boolean;
}

export const EMPTY_INPUT: TryInput = {
  notApplicable: false,
  option: null,
  ratioMode: 'ratio',
  numerator: '',
  denominator: '',
  percent: '',
  count: '',
  parts: [],
  conditions: [],
  score: '',
  penaltyByCount: false,
};

/** Why what was typed is not an answer yet: a key of the page's catalog. */
export type InputProblem =
  'tryNeedOption' | 'tryNeedNumbers' | 'tryNeedPercent' | 'tryNeedCount' | 'tryNeedScore';

export type BuiltAnswer = { ok: true; answer: Answer } | { ok: false; problem: InputProblem };

/**
 * The answer the "try it" box sends to core's scoreRule, from what was typed. Incomplete or
 * malformed input is a problem to show, not an answer: the score is never guessed.
 */
export function buildAnswer(rule: ScoringRule, input: TryInput): BuiltAnswer {
  if (input.notApplicable) return { ok: true, answer: { kind: 'not-applicable' } };
  switch (answerForm(rule)) {
    case 'choice':
      return input.option === null
        ? { ok: false, problem: 'tryNeedOption' }
        : { ok: true, answer: { kind: 'choice', option: input.option } };
    case 'ratio': {
      if (input.ratioMode === 'percent') {
        // a ratio read from a report may pass 100 % ("vượt kế hoạch"); the rule decides what it scores
        const p = parsePercent(input.percent, 1000 * PER_PERCENT);
        return p.ok
          ? { ok: true, answer: { kind: 'percent', value: p.value } }
          : { ok: false, problem: 'tryNeedPercent' };
      }
      const numerator = parseCount(input.numerator);
      const denominator = parseCount(input.denominator);
      return numerator === null || denominator === null
        ? { ok: false, problem: 'tryNeedNumbers' }
        : { ok: true, answer: { kind: 'ratio', numerator, denominator } };
    }
    case 'count': {
      const count = parseCount(input.count);
      return count === null
        ? { ok: false, problem: 'tryNeedCount' }
        : { ok: true, answer: { kind: 'count', count } };
    }
    case 'parts':
      return { ok: true, answer: { kind: 'parts', met: [...input.parts].sort((a, b) => a - b) } };
    case 'all': {
      const inner = innerRule(rule);
      const size = inner.kind === 'all' ? inner.conditions.length : 0;
      const met = Array.from({ length: size }, (_x, i) => input.conditions.includes(i));
      return { ok: true, answer: { kind: 'all', met } };
    }
    case 'score': {
      const inner = innerRule(rule);
      if (inner.kind === 'penalty' && inner.each !== null && input.penaltyByCount) {
        const count = parseCount(input.count);
        return count === null
          ? { ok: false, problem: 'tryNeedCount' }
          : { ok: true, answer: { kind: 'count', count } };
      }
      const parsed = parseScore(input.score);
      return parsed.ok && parsed.score !== null
        ? { ok: true, answer: { kind: 'score', score: parsed.score } }
        : { ok: false, problem: 'tryNeedScore' };
    }
  }
}

/**
 * What was typed, from a saved answer: buildAnswer's inverse (buildAnswer(rule, inputOf(answer)) is
 * the answer), so the unit's form and the appraiser's drawer start from the answer as it stands.
 */
export function inputOf(answer: Answer | null): TryInput {
  if (answer === null) return EMPTY_INPUT;
  switch (answer.kind) {
    case 'not-applicable':
      return { ...EMPTY_INPUT, notApplicable: true };
    case 'choice':
      return { ...EMPTY_INPUT, option: answer.option };
    case 'ratio':
      return { ...EMPTY_INPUT, numerator: String(answer.numerator), denominator: String(answer.denominator) };
    case 'percent':
      return { ...EMPTY_INPUT, ratioMode: 'percent', percent: formatPercent(answer.value, 'vi') };
    case 'count':
      return { ...EMPTY_INPUT, count: String(answer.count), penaltyByCount: true };
    case 'parts':
      return { ...EMPTY_INPUT, parts: answer.met };
    case 'all':
      return { ...EMPTY_INPUT, conditions: answer.met.flatMap((m, i) => (m ? [i] : [])) };
    case 'score':
      return { ...EMPTY_INPUT, score: formatScore(answer.score, 'vi') };
  }
}

/** The rule that decides once a gate is open: the gate's own rule, or the rule itself. */
export function innerRule(rule: ScoringRule): Exclude<ScoringRule, { kind: 'gate' }> {
  return rule.kind === 'gate' ? innerRule(rule.rule) : rule;
}

/** Whether "không áp dụng" may be answered for a criterion, by its policy. */
export function mayBeNotApplicable(policy: NotApplicablePolicy): boolean {
  return policy !== 'not-allowed';
}

/** A row of the criteria tree table: the criterion and, for a parent, its children (antd's tree data). */
export type TreeRow<C> = C & { key: string; children?: TreeRow<C>[] };

/**
 * The criteria as a tree by their dotted codes (core/tree.ts), in document order; a criterion whose
 * parent is missing stays at the top so nothing is hidden.
 */
export function treeRows<C extends { code: string }>(criteria: readonly C[]): TreeRow<C>[] {
  const tree = buildTree(criteria);
  const toRow = (node: TreeNode<C>): TreeRow<C> => {
    const row: TreeRow<C> = { ...node.row, key: node.row.code };
    if (node.children.length > 0) row.children = node.children.map(toRow);
    return row;
  };
  return tree.roots.map(toRow);
}

/** Whether two rules are the same data (key order aside): the editor's "changed, not saved". */
export function sameRule(a: ScoringRule | null, b: ScoringRule | null): boolean {
  return sameData(a, b);
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * What the editor holds that the server would refuse: an empty label of an option, part or
 * condition, a gate without its criterion, a list left empty. Counted so Save waits for them.
 */
export function ruleGaps(rule: ScoringRule): number {
  const blank = (s: string) => (s.trim() === '' ? 1 : 0);
  switch (rule.kind) {
    case 'choice':
      return (rule.options.length === 0 ? 1 : 0) + rule.options.reduce((n, o) => n + blank(o.label), 0);
    case 'bands':
      return rule.bands.length === 0 ? 1 : 0;
    case 'parts':
      return (rule.parts.length === 0 ? 1 : 0) + rule.parts.reduce((n, p) => n + blank(p.label), 0);
    case 'all':
      return (rule.conditions.length === 0 ? 1 : 0) + rule.conditions.reduce((n, c) => n + blank(c), 0);
    case 'gate':
      return blank(rule.code) + ruleGaps(rule.rule);
    default:
      return 0;
  }
}
