/**
 * Scoring rules evaluated: one pure function gives a criterion its score from its rule, its max and
 * an answer (the web's "try it" box and the assessment use the same), and one scores a whole
 * framework — parents from their children, bonus and penalty, not applicable per the criterion's
 * policy, gates after what they depend on, the total and the index. Exact throughout: ratios are
 * compared by integer cross-multiplication, products rounded half-up to ten-thousandths
 * (core/score.ts). A wrong answer is a problem as a value (a code of the catalog), never a throw.
 */
import type { Answer, FrameworkCriterion, ScoringRule } from './framework.js';
import type { ScoringParams, ScoringProblem, ScoringProblemCode } from './messages/scoring.js';
import { abs, compare, parseScore, sub, sum, trimScale, ZERO, type Score } from './score.js';
import { fold, oneLine } from './text.js';
import { buildTree, type Tree, type TreeNode } from './tree.js';

export type { ScoringProblem } from './messages/scoring.js';

export type RuleScore = { ok: true; score: Score } | ({ ok: false } & ScoringProblem);
export type ParsedAnswer = { ok: true; answer: Answer } | ({ ok: false } & ScoringProblem);

const PERCENT = 10_000n; // 100 % in hundredths of a percent

function problem<C extends ScoringProblemCode>(
  code: C,
  params: ScoringParams[C],
): { ok: false } & ScoringProblem {
  return { ok: false, problem: code, params } as { ok: false } & ScoringProblem;
}

const ok = (score: Score): RuleScore => ({ ok: true, score });

/** n ÷ d, half-up, for n ≥ 0 and d > 0 */
function divHalfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}

/** points ÷ max × 100, half-up to 4 decimals (1149/QĐ-BNV); null when the max is not above 0. */
export function indexOfPoints(points: Score, max: Score): Score | null {
  if (max.units <= 0) return null;
  return trimScale({ units: divHalfUp(BigInt(points.units) * 1_000_000n, BigInt(max.units)), scale: 0 });
}

interface Ratio {
  n: bigint;
  d: bigint;
}

/** The answer as an exact ratio in [0, 1]; a zero denominator is a problem, not a ratio. */
function ratioOf(answer: Answer): Ratio | ({ ok: false } & ScoringProblem) {
  if (answer.kind === 'ratio') {
    const { numerator, denominator } = answer;
    if (![numerator, denominator].every((v) => Number.isSafeInteger(v) && v >= 0)) {
      return problem('scoring.badRatio', { numerator, denominator });
    }
    // 0/0: nothing was due. That is "không áp dụng" (the criterion's policy), not 0 % nor 100 %.
    if (denominator === 0) return problem('scoring.zeroDenominator', {});
    const ratio = { n: BigInt(numerator), d: BigInt(denominator) };
    if (numerator > denominator) {
      return problem('scoring.ratioAbove100', { percent: Number((ratio.n * PERCENT) / ratio.d) });
    }
    return ratio;
  }
  if (answer.kind === 'percent') {
    if (!Number.isSafeInteger(answer.value) || answer.value < 0) {
      return problem('scoring.badRatio', { numerator: answer.value, denominator: Number(PERCENT) });
    }
    if (answer.value > Number(PERCENT)) return problem('scoring.ratioAbove100', { percent: answer.value });
    return { n: BigInt(answer.value), d: PERCENT };
  }
  return problem('scoring.badRatio', { numerator: 0, denominator: 0 });
}

/** ratio ≥ edge (hundredths of a percent), or > when strict: n × 10000 against edge × d */
function reaches(r: Ratio, edge: number, strict: boolean): boolean {
  const left = r.n * PERCENT;
  const right = BigInt(edge) * r.d;
  return strict ? left > right : left >= right;
}

const percentOf = (r: Ratio) => Number((r.n * PERCENT) / r.d);

/** The ratio answers a rule takes; anything else is the wrong kind of answer. */
const TAKES: Record<ScoringRule['kind'], readonly Answer['kind'][]> = {
  choice: ['choice'],
  bands: ['ratio', 'percent'],
  linear: ['ratio', 'percent'],
  count: ['count'],
  parts: ['parts'],
  all: ['all'],
  gate: [],
  manual: ['score'],
  survey: ['score'],
  bonus: ['score'],
  penalty: ['score', 'count'],
};

/**
 * The score one rule gives one answer. `max` is the criterion's max (bonus and penalty use their
 * cap instead). `scoreOf` gives the score of another criterion for a gate; without it (a "try it"
 * box with one criterion) the gate's own rule decides. Not applicable is the criterion's policy
 * (scoreFramework), so here it is a problem.
 */
export function scoreRule(
  rule: ScoringRule,
  max: Score,
  answer: Answer | undefined,
  scoreOf?: (code: string) => Score | null,
): RuleScore {
  if (rule.kind === 'gate') {
    if (scoreOf) {
      const other = scoreOf(rule.code);
      if (other === null) return problem('scoring.gateUnknown', { code: rule.code });
      // "không ban hành kế hoạch thì 1.1.4 = 0": whatever this criterion's own answer
      if (other.units <= 0) return ok(ZERO);
    }
    return scoreRule(rule.rule, max, answer, scoreOf);
  }
  if (answer === undefined) return problem('scoring.noAnswer', {});
  if (answer.kind === 'not-applicable') return problem('scoring.notApplicable', {});
  if (!TAKES[rule.kind].includes(answer.kind)) {
    return problem('scoring.wrongAnswer', { rule: rule.kind, answer: answer.kind });
  }
  const result = points(rule, max, answer);
  if (!result.ok) return result;
  if (!['bonus', 'penalty'].includes(rule.kind) && compare(result.score, max) > 0) {
    return problem('scoring.aboveMax', { points: result.score, max });
  }
  // a computed score has no written precision: 0,25 + 0,25 + 0,5 is 1, not "1,00"
  return ok(trimScale(result.score));
}

function points(rule: Exclude<ScoringRule, { kind: 'gate' }>, max: Score, answer: Answer): RuleScore {
  switch (rule.kind) {
    case 'choice': {
      if (answer.kind !== 'choice') break;
      const option = rule.options[answer.option];
      if (!Number.isInteger(answer.option) || option === undefined) {
        return problem('scoring.noOption', { option: answer.option + 1, options: rule.options.length });
      }
      return ok(option.points);
    }
    case 'bands': {
      const r = ratioOf(answer);
      if ('ok' in r) return r;
      const band = rule.bands.find((b) => b.edge === null || reaches(r, b.edge, b.strict));
      return band ? ok(band.points) : problem('scoring.noRatioBand', { percent: percentOf(r) });
    }
    case 'linear': {
      const r = ratioOf(answer);
      if ('ok' in r) return r;
      if (reaches(r, rule.full, false)) return ok(max);
      if (!reaches(r, rule.floor, rule.floorStrict)) return ok(ZERO);
      // "tỷ lệ × điểm tối đa": 4 of 5 × 1 = 0,8
      return ok(trimScale({ units: divHalfUp(r.n * BigInt(max.units), r.d), scale: 0 }));
    }
    case 'count': {
      if (answer.kind !== 'count') break;
      const n = answer.count;
      if (!Number.isSafeInteger(n) || n < 0) return problem('scoring.badCount', { count: n });
      if (rule.each !== null) {
        // "mỗi lần trừ 0,25 điểm", never below the floor
        const floor = rule.floor ?? ZERO;
        const left = { units: max.units - rule.each.units * n, scale: Math.max(max.scale, rule.each.scale) };
        return ok(compare(left, floor) < 0 ? floor : left);
      }
      const band = rule.bands.find((b) => b.atMost === null || n <= b.atMost);
      return band ? ok(band.points) : problem('scoring.noCountBand', { count: n });
    }
    case 'parts': {
      if (answer.kind !== 'parts') break;
      const seen = new Set<number>();
      for (const i of answer.met) {
        if (!Number.isInteger(i) || rule.parts[i] === undefined) {
          return problem('scoring.noPart', { part: i + 1, parts: rule.parts.length });
        }
        if (seen.has(i)) return problem('scoring.partTwice', { part: i + 1 });
        seen.add(i);
      }
      return ok(sum([...seen].map((i) => rule.parts[i]!.points)));
    }
    case 'all': {
      if (answer.kind !== 'all') break;
      if (answer.met.length !== rule.conditions.length) {
        return problem('scoring.conditions', { expected: rule.conditions.length, got: answer.met.length });
      }
      return ok(answer.met.every(Boolean) ? rule.points : ZERO);
    }
    case 'manual':
    case 'survey': {
      if (answer.kind !== 'score') break;
      const s = answer.score;
      if (s.units < 0 || compare(s, max) > 0) return problem('scoring.outOfRange', { score: s, max });
      if (rule.kind === 'manual' && rule.step.units > 0 && s.units % rule.step.units !== 0) {
        return problem('scoring.offStep', { score: s, step: rule.step });
      }
      return ok(s);
    }
    case 'bonus': {
      if (answer.kind !== 'score') break;
      const s = answer.score;
      if (s.units < 0) return problem('scoring.outOfRange', { score: s, max: rule.cap });
      if (compare(s, rule.cap) > 0) return problem('scoring.aboveCap', { score: s, cap: rule.cap });
      return ok(s);
    }
    case 'penalty': {
      if (answer.kind === 'count') {
        if (rule.each === null) return problem('scoring.noEach', {});
        const n = answer.count;
        if (!Number.isSafeInteger(n) || n < 0) return problem('scoring.badCount', { count: n });
        // "mỗi lần trừ …", at most the cap
        const amount = { units: rule.each.units * n, scale: rule.each.scale };
        return ok(sub(ZERO, compare(amount, rule.cap) > 0 ? rule.cap : amount));
      }
      if (answer.kind !== 'score') break;
      const s = answer.score;
      if (s.units < 0) return problem('scoring.outOfRange', { score: s, max: rule.cap });
      if (compare(s, rule.cap) > 0) return problem('scoring.aboveCap', { score: s, cap: rule.cap });
      return ok(sub(ZERO, s));
    }
  }
  return problem('scoring.wrongAnswer', { rule: rule.kind, answer: answer.kind });
}

/** The most a rule can give: for checks ("the rule never reaches the max") and display. */
export function ruleMaxPoints(rule: ScoringRule, max: Score): Score {
  return trimScale(bestPoints(rule, max));
}

function bestPoints(rule: ScoringRule, max: Score): Score {
  const best = (scores: Score[]) => scores.reduce((a, b) => (compare(b, a) > 0 ? b : a), ZERO);
  switch (rule.kind) {
    case 'choice':
      return best(rule.options.map((o) => o.points));
    case 'bands':
      return best(rule.bands.map((b) => b.points));
    case 'count':
      return rule.each !== null ? max : best(rule.bands.map((b) => b.points));
    case 'parts':
      return sum(rule.parts.map((p) => p.points));
    case 'all':
      return rule.points;
    case 'gate':
      return bestPoints(rule.rule, max);
    case 'linear':
    case 'manual':
    case 'survey':
      return max;
    case 'bonus':
      return rule.cap;
    case 'penalty':
      return ZERO;
  }
}

// ——— answers written as text (the command line's answers file, the "try it" box) ———

const NOT_APPLICABLE = new Set(['n/a', 'na', 'khong ap dung', 'kad']);
const YES = new Set(['dat', 'co', 'x', 'yes', 'met']);
const NO = new Set(['khong', 'khong dat', 'no', '-']);

/** How labels are matched: without diacritics, case or trailing punctuation. */
function key(text: string): string {
  return fold(oneLine(text)).replace(/[\s.;:,]+$/u, '');
}

function indexByLabel(labels: readonly string[], item: string): number | null {
  const k = key(item);
  const i = labels.findIndex((l) => key(l) === k);
  if (i >= 0) return i;
  if (/^\d+$/.test(k)) return Number(k) - 1;
  return null;
}

function items(text: string): string[] {
  return text
    .split(';')
    .map((s) => oneLine(s))
    .filter((s) => s !== '');
}

/**
 * Reads a written answer for a rule: an option's text or number, "45/50", "90%", "90,5 %", a
 * count ("2", "2 lần"), part labels or numbers separated by ";", "đạt"/"có"/"x" lists for `all`, a
 * number for a score (a penalty as the points taken away, or "2 lần"), and "N/A", "không áp dụng",
 * "KAD" for any rule.
 */
export function parseAnswer(rule: ScoringRule, text: string): ParsedAnswer {
  const written = oneLine(text);
  const folded = key(written);
  if (NOT_APPLICABLE.has(folded)) return { ok: true, answer: { kind: 'not-applicable' } };
  const unreadable = () => problem('scoring.unreadable', { text: written, rule: rule.kind });
  const answer = (a: Answer): ParsedAnswer => ({ ok: true, answer: a });
  switch (rule.kind) {
    case 'gate':
      return parseAnswer(rule.rule, text);
    case 'choice': {
      if (folded === '') return unreadable();
      const labels = rule.options.map((o) => o.label);
      const i = indexByLabel(labels, written);
      if (i === null) return problem('scoring.noSuchOption', { text: written, options: labels.join('; ') });
      if (i < 0 || i >= labels.length)
        return problem('scoring.noOption', { option: i + 1, options: labels.length });
      return answer({ kind: 'choice', option: i });
    }
    case 'bands':
    case 'linear': {
      const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(written);
      if (ratio) return answer({ kind: 'ratio', numerator: Number(ratio[1]), denominator: Number(ratio[2]) });
      const percent = /^(.+?)\s*%$/.exec(written);
      if (!percent) return unreadable();
      const parsed = parseScore(percent[1]!);
      // hundredths of a percent: "90,5 %" → 9050; a third decimal is not a percentage a band can hold
      if (!parsed.ok || parsed.score === null || parsed.score.units < 0 || parsed.score.units % 100 !== 0) {
        return unreadable();
      }
      return answer({ kind: 'percent', value: parsed.score.units / 100 });
    }
    case 'count': {
      const m = /^(\d+)(?:\s*lan)?$/.exec(folded);
      return m ? answer({ kind: 'count', count: Number(m[1]) }) : unreadable();
    }
    case 'parts': {
      if (folded === '' || NO.has(folded)) return answer({ kind: 'parts', met: [] });
      const labels = rule.parts.map((p) => p.label);
      const met: number[] = [];
      for (const item of items(written)) {
        const i = indexByLabel(labels, item);
        if (i === null) return problem('scoring.noSuchPart', { text: item });
        if (i < 0 || i >= labels.length)
          return problem('scoring.noPart', { part: i + 1, parts: labels.length });
        if (met.includes(i)) return problem('scoring.partTwice', { part: i + 1 });
        met.push(i);
      }
      return answer({ kind: 'parts', met });
    }
    case 'all': {
      const list = items(written).map(key);
      const n = rule.conditions.length;
      if (list.length === 0) return unreadable();
      const yesNo = list.every((w) => YES.has(w) || NO.has(w));
      // "có;không": one word per condition, in order
      if (yesNo && list.length === n) return answer({ kind: 'all', met: list.map((w) => YES.has(w)) });
      // "đạt" / "không đạt": all of them, or none
      if (yesNo && list.length === 1)
        return answer({ kind: 'all', met: rule.conditions.map(() => YES.has(list[0]!)) });
      if (yesNo) return problem('scoring.conditions', { expected: n, got: list.length });
      // the conditions met, by label or number
      const met = rule.conditions.map(() => false);
      for (const item of items(written)) {
        const i = indexByLabel(rule.conditions, item);
        if (i === null || i < 0 || i >= n) return problem('scoring.noSuchCondition', { text: item });
        met[i] = true;
      }
      return answer({ kind: 'all', met });
    }
    case 'penalty': {
      const times = /^(\d+)\s*lan$/.exec(folded);
      if (times) return answer({ kind: 'count', count: Number(times[1]) });
      const parsed = parseScore(written);
      // "-0,25" and "0,25" both take 0,25 away
      return parsed.ok && parsed.score !== null
        ? answer({ kind: 'score', score: abs(parsed.score) })
        : unreadable();
    }
    case 'manual':
    case 'survey':
    case 'bonus': {
      const parsed = parseScore(written);
      return parsed.ok && parsed.score !== null
        ? answer({ kind: 'score', score: parsed.score })
        : unreadable();
    }
  }
}

// ——— a whole framework ———

export interface CriterionScore {
  code: string;
  /** null: unanswered, a problem, or not applicable and excluded (a parent: no child has a score) */
  score: Score | null;
  /** the max the framework states */
  max: Score | null;
  /** what the criterion adds to the index's denominator: 0 when excluded, and for bonus and penalty */
  applicableMax: Score;
  applicable: boolean;
  problem?: ScoringProblem;
}

export interface FrameworkScore {
  /** every criterion in document order */
  criteria: CriterionScore[];
  /** the areas' scores with bonus and penalty, never below 0 */
  total: Score;
  /** the applicable max: the areas' max less what is excluded as not applicable */
  max: Score;
  /** total ÷ max × 100, rounded half-up to 4 decimals (display rounds to 2); null when max is 0 */
  index: Score | null;
  /** leaves without an answer (their score is null, not 0) */
  missing: string[];
  /** no leaf missing and no problem: the total and index are final */
  complete: boolean;
}

/** Bonus and penalty criteria add or take away points; they are not part of the max. */
export function isExtra(c: Pick<FrameworkCriterion, 'scorer' | 'rule'>): boolean {
  return (
    c.scorer === 'bonus' || c.scorer === 'penalty' || c.rule?.kind === 'bonus' || c.rule?.kind === 'penalty'
  );
}

interface Evaluated {
  score: Score | null;
  applicableMax: Score;
  applicable: boolean;
  problem?: ScoringProblem;
}

export interface ScoreOptions {
  /** the criteria's tree when the caller keeps it (built from the same criteria) */
  tree?: Tree<FrameworkCriterion>;
  /**
   * Score only the leaves in `rescore` by their rule; every other leaf takes its score as given (as
   * scoreFromLeaves does: a score, "not applicable", or missing when absent). With `rescore` from
   * followersOf and the scores the rules gave before, the totals are the whole framework's, and so is
   * every answered leaf's score (an unanswered gate whose target scored 0 is 0 there and missing
   * here: it adds nothing either way).
   */
  kept?: { scores: ReadonlyMap<string, LeafScore>; rescore: ReadonlySet<string> };
}

/** The criteria a rule's gates read (a gate may wrap another). */
function gateTargets(rule: ScoringRule | null): string[] {
  return rule?.kind === 'gate' ? [rule.code, ...gateTargets(rule.rule)] : [];
}

/**
 * The leaves whose score may change when the answer of leaf `code` changes: itself, and every gate
 * reading it, one of its ancestors, or (in turn) such a gate or one of its ancestors. Every other
 * leaf's score depends on its own answer alone.
 */
export function followersOf(tree: Tree<FrameworkCriterion>, code: string): Set<string> {
  const follows = new Set([code]);
  const gates = tree.nodes.filter((n) => n.children.length === 0 && n.row.rule?.kind === 'gate');
  /** whether a changed leaf sits at or under `target` */
  const moves = (target: string) =>
    [...follows].some((changed) => {
      for (let n = tree.byCode.get(changed) ?? null; n; n = n.parent) if (n.row.code === target) return true;
      return false;
    });
  for (let grew = true; grew;) {
    grew = false;
    for (const g of gates) {
      if (follows.has(g.row.code) || !gateTargets(g.row.rule).some(moves)) continue;
      follows.add(g.row.code);
      grew = true;
    }
  }
  return follows;
}

/**
 * Scores a framework with a set of answers (by criterion code). Leaves are scored by their rule;
 * a parent is the sum of its children (bonus adds, penalty takes away, so an area may fall below its
 * children's sum); the total never falls below 0. Not applicable follows the criterion's policy:
 * full points scores the max, excluded leaves the applicable max, not allowed is a problem. Gates
 * are evaluated after the criterion they depend on, on demand; a cycle is a problem on each of its
 * criteria. Unanswered leaves are listed in `missing` and add nothing; they are never taken as 0.
 */
export function scoreFramework(
  criteria: readonly FrameworkCriterion[],
  answers: ReadonlyMap<string, Answer>,
  options: ScoreOptions = {},
): FrameworkScore {
  const tree = options.tree ?? buildTree(criteria);
  const kept = options.kept;
  const done = new Map<string, Evaluated>();
  const stack: string[] = [];
  const inCycle = new Map<string, string>();
  const missing = new Set<string>();

  const evaluate = (node: TreeNode<FrameworkCriterion>): Evaluated => {
    const code = node.row.code;
    const known = done.get(code);
    if (known) return known;
    stack.push(code);
    const result = node.children.length > 0 ? evaluateParent(node) : evaluateLeaf(node.row);
    stack.pop();
    done.set(code, result);
    return result;
  };

  const evaluateParent = (node: TreeNode<FrameworkCriterion>): Evaluated =>
    parentOf(node.children.map((c) => evaluate(c)));

  const evaluateLeaf = (c: FrameworkCriterion): Evaluated => {
    if (kept && !kept.rescore.has(c.code)) return givenLeaf(c, kept.scores.get(c.code), missing);
    const extra = isExtra(c);
    const full = extra || c.max === null ? ZERO : c.max;
    const failed = (p: { ok: false } & ScoringProblem): Evaluated => {
      const { ok: _ok, ...rest } = p;
      return { score: null, applicableMax: full, applicable: true, problem: rest };
    };
    const answer = answers.get(c.code);
    if (c.rule === null) return failed(problem('scoring.noRule', {}));
    if (c.max === null && !extra) return failed(problem('scoring.noMax', {}));
    if (answer?.kind === 'not-applicable') return notApplicableLeaf(c);
    let unknownCode: string | null = null;
    let excludedTarget = false;
    const scoreOf = (other: string): Score | null => {
      const target = tree.byCode.get(other);
      if (!target) {
        unknownCode = other;
        return null;
      }
      const at = stack.indexOf(other);
      if (at >= 0) {
        const cycle = [...stack.slice(at), other].join(' → ');
        for (const member of stack.slice(at)) inCycle.set(member, cycle);
        return null;
      }
      const e = evaluate(target);
      if (!e.applicable) excludedTarget = true;
      return e.score;
    };
    const max = c.max ?? (c.rule.kind === 'bonus' || c.rule.kind === 'penalty' ? c.rule.cap : ZERO);
    let result = scoreRule(c.rule, max, answer, scoreOf);
    // a gate on a criterion excluded as not applicable does not close: the own rule decides
    if (!result.ok && result.problem === 'scoring.gateUnknown' && excludedTarget && c.rule.kind === 'gate') {
      result = scoreRule(c.rule.rule, max, answer, scoreOf);
    }
    if (result.ok) return { score: result.score, applicableMax: full, applicable: true };
    if (result.problem === 'scoring.noAnswer') {
      missing.add(c.code);
      return { score: null, applicableMax: full, applicable: true };
    }
    if (result.problem === 'scoring.gateUnknown') {
      const cycle = inCycle.get(c.code);
      if (cycle !== undefined) return failed(problem('scoring.gateCycle', { codes: cycle }));
      if (unknownCode !== null) return failed(problem('scoring.gateNoCriterion', { code: unknownCode }));
      // neither this criterion nor the one it depends on answered yet: missing, not a problem
      if (answer === undefined) {
        missing.add(c.code);
        return { score: null, applicableMax: full, applicable: true };
      }
    }
    return failed(result);
  };

  for (const node of tree.nodes) evaluate(node);
  // a criterion of a cycle evaluated before the cycle was seen learns it now
  for (const [code, cycle] of inCycle) {
    const e = done.get(code);
    if (e && e.problem?.problem === 'scoring.gateUnknown') {
      e.problem = { problem: 'scoring.gateCycle', params: { codes: cycle } };
    }
  }

  return frameworkScoreOf(tree, done, missing);
}

/** A parent: the sum of its children's scores (null when none has one), their applicable max. */
function parentOf(children: readonly Evaluated[]): Evaluated {
  const scores = children.map((e) => e.score).filter((s): s is Score => s !== null);
  return {
    score: scores.length === 0 ? null : trimScale(sum(scores)),
    applicableMax: trimScale(sum(children.map((e) => e.applicableMax))),
    applicable: children.some((e) => e.applicable),
  };
}

/** A leaf answered "not applicable", per its policy: full points, excluded from the max, or a problem. */
function notApplicableLeaf(c: FrameworkCriterion): Evaluated {
  const extra = isExtra(c);
  const full = extra || c.max === null ? ZERO : c.max;
  if (extra) return { score: ZERO, applicableMax: ZERO, applicable: true };
  if (c.notApplicable === 'full-points' && c.max !== null) {
    return { score: c.max, applicableMax: full, applicable: true };
  }
  if (c.notApplicable === 'excluded') return { score: null, applicableMax: ZERO, applicable: false };
  return {
    score: null,
    applicableMax: full,
    applicable: true,
    problem: { problem: 'scoring.notApplicable', params: {} },
  };
}

/** A leaf's score as a stage gave it (an appraiser's, the council's): a score, or "not applicable". */
export type LeafScore = Score | 'not-applicable';

/**
 * The same totals as scoreFramework from leaf scores already given rather than answers (an
 * appraiser's override has no answer): parents are sums, bonus adds and penalty takes away, not
 * applicable follows the criterion's policy, the total never below 0, the same exact index. A leaf
 * without a score is missing. `tree`: buildTree(criteria) when the caller scores many units alike.
 */
export function scoreFromLeaves(
  criteria: readonly FrameworkCriterion[],
  leaves: ReadonlyMap<string, LeafScore>,
  tree: Tree<FrameworkCriterion> = buildTree(criteria),
): FrameworkScore {
  const done = new Map<string, Evaluated>();
  const missing = new Set<string>();
  const evaluate = (node: TreeNode<FrameworkCriterion>): Evaluated => {
    let result: Evaluated;
    if (node.children.length > 0) result = parentOf(node.children.map(evaluate));
    else result = givenLeaf(node.row, leaves.get(node.row.code), missing);
    done.set(node.row.code, result);
    return result;
  };
  for (const root of tree.roots) evaluate(root);
  return frameworkScoreOf(tree, done, missing);
}

/** A leaf whose score is given: a score, "not applicable" by its policy, or missing. */
function givenLeaf(c: FrameworkCriterion, given: LeafScore | undefined, missing: Set<string>): Evaluated {
  const full = isExtra(c) || c.max === null ? ZERO : c.max;
  if (given === 'not-applicable') return notApplicableLeaf(c);
  if (given === undefined) {
    missing.add(c.code);
    return { score: null, applicableMax: full, applicable: true };
  }
  return { score: trimScale(given), applicableMax: full, applicable: true };
}

function frameworkScoreOf(
  tree: Tree<FrameworkCriterion>,
  done: ReadonlyMap<string, Evaluated>,
  missing: ReadonlySet<string>,
): FrameworkScore {
  const rows: CriterionScore[] = tree.nodes.map((node) => {
    const e = done.get(node.row.code)!;
    const row: CriterionScore = {
      code: node.row.code,
      score: e.score,
      max: node.row.max,
      applicableMax: e.applicableMax,
      applicable: e.applicable,
    };
    if (e.problem) row.problem = e.problem;
    return row;
  });
  const roots = tree.roots.map((r) => done.get(r.row.code)!);
  const raw = sum(roots.map((r) => r.score).filter((s): s is Score => s !== null));
  // a penalty may take an area below its sum, never the total below 0
  const total = raw.units < 0 ? ZERO : trimScale(raw);
  const max = trimScale(sum(roots.map((r) => r.applicableMax)));
  const index = indexOfPoints(total, max);
  return {
    criteria: rows,
    total,
    max,
    index,
    missing: tree.nodes.map((n) => n.row.code).filter((code) => missing.has(code)),
    complete: missing.size === 0 && rows.every((r) => r.problem === undefined),
  };
}
