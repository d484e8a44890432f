import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, FrameworkCriterion, NotApplicablePolicy, Scorer, ScoringRule } from './framework.js';
import { render } from './messages.js';
import { score, toDecimalString, type Score } from './score.js';
import {
  followersOf,
  parseAnswer,
  ruleMaxPoints,
  scoreFramework,
  scoreRule,
  type CriterionScore,
  type FrameworkScore,
  type LeafScore,
  type RuleScore,
} from './scoring.js';
import { buildTree } from './tree.js';

const pts = (text: string): Score => score(text);
/** a result as text: "0,8" → "0.8"; a problem as its code */
const shown = (r: RuleScore): string => (r.ok ? toDecimalString(r.score) : r.problem);

// ——— rules as the real documents word them (../shared/docs/SCORING.md) ———

/** 1.1.1 Ban hành kế hoạch CCHC năm (1): kịp thời 1; không kịp thời 0,5; không ban hành 0 */
const issuedPlan: ScoringRule = {
  kind: 'choice',
  options: [
    { label: 'Ban hành kịp thời', points: pts('1') },
    { label: 'Ban hành không kịp thời', points: pts('0,5') },
    { label: 'Không ban hành', points: pts('0') },
  ],
};

/** 1.1.2 đủ các nhiệm vụ CCHC và bố trí kinh phí thực hiện: 1; thiếu một trong hai: 0 */
const tasksAndBudget: ScoringRule = {
  kind: 'all',
  conditions: ['Xác định đầy đủ các nhiệm vụ CCHC', 'Bố trí kinh phí thực hiện'],
  points: pts('1'),
};

/** 1.1.4 (2): trên 90 % kế hoạch 2; từ 70 % đến 90 % 1; dưới 70 % 0 */
const planDone: ScoringRule = {
  kind: 'bands',
  bands: [
    { edge: 9000, strict: true, points: pts('2') },
    { edge: 7000, strict: false, points: pts('1') },
    { edge: null, strict: false, points: pts('0') },
  ],
};

/** issue 10's wording: "Từ 90% trở lên: 2 điểm; từ 70% đến dưới 90%: 1 điểm; dưới 70%: 0 điểm" */
const fromNinety: ScoringRule = {
  kind: 'bands',
  bands: [
    { edge: 9000, strict: false, points: pts('2') },
    { edge: 7000, strict: false, points: pts('1') },
    { edge: null, strict: false, points: pts('0') },
  ],
};

/** 4.1 (1): 100 % → 1; từ 90 % đến dưới 100 % → tỷ lệ × 1; dưới 90 % → 0 */
const outreach: ScoringRule = { kind: 'linear', floor: 9000, floorStrict: false, full: 10000 };

/** 4.2 (1): bảng điện tử 0,25 + trang thông tin điện tử, mạng xã hội 0,25 + hình thức truyền thống 0,5 */
const channels: ScoringRule = {
  kind: 'parts',
  parts: [
    { label: 'Bảng điện tử, màn hình', points: pts('0,25'), evidence: 'Ảnh chụp bảng điện tử' },
    { label: 'Trang thông tin điện tử, mạng xã hội', points: pts('0,25'), evidence: 'Đường dẫn bài viết' },
    { label: 'Hình thức truyền thống', points: pts('0,5'), evidence: 'Kế hoạch, báo cáo' },
  ],
};

/** Số lần phải liên hệ để hoàn thiện hồ sơ: 0 lần 2; 1 lần 1; trên 1 lần 0 */
const contacts: ScoringRule = {
  kind: 'count',
  bands: [
    { atMost: 0, points: pts('2') },
    { atMost: 1, points: pts('1') },
    { atMost: null, points: pts('0') },
  ],
  each: null,
  floor: null,
};

/** "mỗi lần trừ 0,25 điểm" from a max of 1 */
const eachLate: ScoringRule = { kind: 'count', bands: [], each: pts('0,25'), floor: null };

describe('scoreRule, kind by kind, from the real wording', () => {
  it.each<[string, ScoringRule, string, Answer, string]>([
    ['1.1.1 on time', issuedPlan, '1', { kind: 'choice', option: 0 }, '1'],
    ['1.1.1 late', issuedPlan, '1', { kind: 'choice', option: 1 }, '0.5'],
    ['1.1.1 not issued', issuedPlan, '1', { kind: 'choice', option: 2 }, '0'],
    ['1.1.1 a fourth option', issuedPlan, '1', { kind: 'choice', option: 3 }, 'scoring.noOption'],
    ['1.1.2 tasks and budget', tasksAndBudget, '1', { kind: 'all', met: [true, true] }, '1'],
    ['1.1.2 budget missing', tasksAndBudget, '1', { kind: 'all', met: [true, false] }, '0'],
    ['1.1.2 both missing', tasksAndBudget, '1', { kind: 'all', met: [false, false] }, '0'],
    ['1.1.2 one flag for two', tasksAndBudget, '1', { kind: 'all', met: [true] }, 'scoring.conditions'],
    ['1.1.4 all done', planDone, '2', { kind: 'ratio', numerator: 50, denominator: 50 }, '2'],
    ['1.1.4 just above 90 %', planDone, '2', { kind: 'ratio', numerator: 9001, denominator: 10000 }, '2'],
    [
      '1.1.4 exactly 90 % (">90" is strict)',
      planDone,
      '2',
      { kind: 'ratio', numerator: 45, denominator: 50 },
      '1',
    ],
    ['1.1.4 exactly 90 % as a percentage', planDone, '2', { kind: 'percent', value: 9000 }, '1'],
    ['1.1.4 exactly 70 %', planDone, '2', { kind: 'ratio', numerator: 7, denominator: 10 }, '1'],
    ['1.1.4 just below 70 %', planDone, '2', { kind: 'percent', value: 6999 }, '0'],
    ['1.1.4 two thirds', planDone, '2', { kind: 'ratio', numerator: 2, denominator: 3 }, '0'],
    ['1.1.4 nothing done', planDone, '2', { kind: 'ratio', numerator: 0, denominator: 12 }, '0'],
    ['"từ 90% trở lên" at 90 %', fromNinety, '2', { kind: 'ratio', numerator: 9, denominator: 10 }, '2'],
    ['"từ 90% trở lên" at 89,99 %', fromNinety, '2', { kind: 'percent', value: 8999 }, '1'],
    ['4.1 all done', outreach, '1', { kind: 'percent', value: 10000 }, '1'],
    ['4.1 19 of 20', outreach, '1', { kind: 'ratio', numerator: 19, denominator: 20 }, '0.95'],
    ['4.1 at the floor, 90 %', outreach, '1', { kind: 'ratio', numerator: 9, denominator: 10 }, '0.9'],
    ['4.1 just below the floor', outreach, '1', { kind: 'percent', value: 8999 }, '0'],
    [
      '4.1 2 of 3 under a floor of 0',
      { ...outreach, floor: 0 },
      '1',
      { kind: 'ratio', numerator: 2, denominator: 3 },
      '0.6667',
    ],
    [
      '4.1 4 of 5 under a floor of 0',
      { ...outreach, floor: 0 },
      '1',
      { kind: 'ratio', numerator: 4, denominator: 5 },
      '0.8',
    ],
    ['4.1 4 of 5 under the 90 % floor', outreach, '1', { kind: 'ratio', numerator: 4, denominator: 5 }, '0'],
    ['linear × 3: 29 of 30', outreach, '3', { kind: 'ratio', numerator: 29, denominator: 30 }, '2.9'],
    [
      'linear half-up: 91 of 97 × 1',
      outreach,
      '1',
      { kind: 'ratio', numerator: 91, denominator: 97 },
      '0.9381',
    ],
    ['4.2 all three', channels, '1', { kind: 'parts', met: [0, 1, 2] }, '1'],
    ['4.2 boards and tradition', channels, '1', { kind: 'parts', met: [0, 2] }, '0.75'],
    ['4.2 none', channels, '1', { kind: 'parts', met: [] }, '0'],
    ['4.2 a part twice', channels, '1', { kind: 'parts', met: [1, 1] }, 'scoring.partTwice'],
    ['4.2 a fourth part', channels, '1', { kind: 'parts', met: [3] }, 'scoring.noPart'],
    ['0 lần', contacts, '2', { kind: 'count', count: 0 }, '2'],
    ['1 lần', contacts, '2', { kind: 'count', count: 1 }, '1'],
    ['trên 1 lần', contacts, '2', { kind: 'count', count: 5 }, '0'],
    ['a negative count', contacts, '2', { kind: 'count', count: -1 }, 'scoring.badCount'],
    ['mỗi lần trừ 0,25: none', eachLate, '1', { kind: 'count', count: 0 }, '1'],
    ['mỗi lần trừ 0,25: 3 times', eachLate, '1', { kind: 'count', count: 3 }, '0.25'],
    ['mỗi lần trừ 0,25: never below 0', eachLate, '1', { kind: 'count', count: 9 }, '0'],
    [
      'mỗi lần trừ 0,25 down to 0,5',
      { ...eachLate, floor: pts('0,5') },
      '1',
      { kind: 'count', count: 3 },
      '0.5',
    ],
    [
      'manual on its step',
      { kind: 'manual', step: pts('0,25') },
      '1',
      { kind: 'score', score: pts('0,75') },
      '0.75',
    ],
    [
      'manual off its step',
      { kind: 'manual', step: pts('0,25') },
      '1',
      { kind: 'score', score: pts('0,3') },
      'scoring.offStep',
    ],
    [
      'manual above max',
      { kind: 'manual', step: pts('0,25') },
      '1',
      { kind: 'score', score: pts('1,25') },
      'scoring.outOfRange',
    ],
    [
      'manual below 0',
      { kind: 'manual', step: pts('0,25') },
      '1',
      { kind: 'score', score: pts('-0,25') },
      'scoring.outOfRange',
    ],
    ['survey', { kind: 'survey' }, '6,5', { kind: 'score', score: pts('5,8791') }, '5.8791'],
    ['survey above max', { kind: 'survey' }, '6,5', { kind: 'score', score: pts('7') }, 'scoring.outOfRange'],
    [
      'bonus within its cap',
      { kind: 'bonus', cap: pts('2') },
      '0',
      { kind: 'score', score: pts('1,5') },
      '1.5',
    ],
    [
      'bonus above its cap',
      { kind: 'bonus', cap: pts('2') },
      '0',
      { kind: 'score', score: pts('2,5') },
      'scoring.aboveCap',
    ],
    [
      'penalty typed',
      { kind: 'penalty', cap: pts('1'), each: null },
      '0',
      { kind: 'score', score: pts('0,25') },
      '-0.25',
    ],
    [
      'penalty above its cap',
      { kind: 'penalty', cap: pts('1'), each: null },
      '0',
      { kind: 'score', score: pts('1,5') },
      'scoring.aboveCap',
    ],
    [
      'penalty 3 × 0,25',
      { kind: 'penalty', cap: pts('1'), each: pts('0,25') },
      '0',
      { kind: 'count', count: 3 },
      '-0.75',
    ],
    [
      'penalty 6 × 0,25 capped at 1',
      { kind: 'penalty', cap: pts('1'), each: pts('0,25') },
      '0',
      { kind: 'count', count: 6 },
      '-1',
    ],
    [
      'penalty counted without "each"',
      { kind: 'penalty', cap: pts('1'), each: null },
      '0',
      { kind: 'count', count: 2 },
      'scoring.noEach',
    ],
    [
      'penalty of nothing',
      { kind: 'penalty', cap: pts('1'), each: pts('0,25') },
      '0',
      { kind: 'count', count: 0 },
      '0',
    ],
  ])('%s', (_name, rule, max, answer, expected) => {
    expect(shown(scoreRule(rule, pts(max), answer))).toBe(expected);
  });

  it('"bị 0 điểm và bị trừ 0,25 điểm": an option below zero', () => {
    const budget: ScoringRule = {
      kind: 'choice',
      options: [
        { label: 'Bố trí đủ kinh phí', points: pts('0,5') },
        { label: 'Không bố trí kinh phí', points: pts('-0,25') },
      ],
    };
    expect(shown(scoreRule(budget, pts('0,5'), { kind: 'choice', option: 1 }))).toBe('-0.25');
  });

  it.each<[string, Answer, string]>([
    [
      '0/0: nothing was due — not applicable, not 0 % nor 100 %',
      { kind: 'ratio', numerator: 0, denominator: 0 },
      'scoring.zeroDenominator',
    ],
    ['more done than planned', { kind: 'ratio', numerator: 6, denominator: 5 }, 'scoring.ratioAbove100'],
    ['a percentage above 100', { kind: 'percent', value: 10001 }, 'scoring.ratioAbove100'],
    ['a negative numerator', { kind: 'ratio', numerator: -1, denominator: 5 }, 'scoring.badRatio'],
    ['a fractional denominator', { kind: 'ratio', numerator: 1, denominator: 2.5 }, 'scoring.badRatio'],
    ['a count for a ratio', { kind: 'count', count: 3 }, 'scoring.wrongAnswer'],
    ['not applicable (the policy decides)', { kind: 'not-applicable' }, 'scoring.notApplicable'],
  ])('a ratio answer that cannot be scored: %s', (_name, answer, expected) => {
    expect(shown(scoreRule(planDone, pts('2'), answer))).toBe(expected);
  });

  it('no answer is a problem, not 0', () => {
    expect(shown(scoreRule(issuedPlan, pts('1'), undefined))).toBe('scoring.noAnswer');
  });

  it('a rule whose points do not fit the max is a problem', () => {
    const r = scoreRule(planDone, pts('1'), { kind: 'percent', value: 9500 });
    expect(r).toEqual({
      ok: false,
      problem: 'scoring.aboveMax',
      params: { points: pts('2'), max: pts('1') },
    });
    expect(render('scoring.aboveMax', { points: pts('2'), max: pts('1') }, 'vi')).toBe(
      'Cách tính điểm cho 2 điểm, vượt điểm tối đa 1 của tiêu chí',
    );
  });

  it('a band that no ratio reaches is a problem', () => {
    const open: ScoringRule = { kind: 'bands', bands: [{ edge: 5000, strict: false, points: pts('1') }] };
    expect(shown(scoreRule(open, pts('1'), { kind: 'percent', value: 4000 }))).toBe('scoring.noRatioBand');
  });

  describe('gate: "không ban hành kế hoạch thì 1.1.4 = 0"', () => {
    const gated: ScoringRule = { kind: 'gate', code: '1.1.1', rule: planDone };
    const done: Answer = { kind: 'percent', value: 9500 };
    it.each<[string, string | null, Answer | undefined, string]>([
      ['plan issued: the bands decide', '1', done, '2'],
      ['plan issued late: the bands decide', '0,5', done, '2'],
      ['no plan: 0 whatever was done', '0', done, '0'],
      ['no plan and no answer: still 0', '0', undefined, '0'],
      ['1.1.1 not scored yet', null, done, 'scoring.gateUnknown'],
    ])('%s', (_name, planScore, answer, expected) => {
      const scoreOf = (code: string) => (code === '1.1.1' && planScore !== null ? pts(planScore) : null);
      expect(shown(scoreRule(gated, pts('2'), answer, scoreOf))).toBe(expected);
    });
    it('without the other criterion (a "try it" box) the own rule decides', () => {
      expect(shown(scoreRule(gated, pts('2'), done))).toBe('2');
    });
  });

  it('linear is exact: ratio × max rounded half-up to ten-thousandths, never above max', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 200_000 }),
        (d, n0, maxUnits) => {
          const n = n0 % (d + 1);
          const max = { units: maxUnits, scale: 4 };
          const r = scoreRule({ kind: 'linear', floor: 0, floorStrict: false, full: 10000 }, max, {
            kind: 'ratio',
            numerator: n,
            denominator: d,
          });
          if (!r.ok) throw new Error(r.problem);
          // |r × d − n × max| ≤ d / 2: the nearest ten-thousandth
          const error = Math.abs(r.score.units * d - n * maxUnits);
          expect(2 * error).toBeLessThanOrEqual(d);
          expect(r.score.units).toBeLessThanOrEqual(maxUnits);
        },
      ),
    );
  });
});

describe('bands hold top to bottom', () => {
  it('a higher ratio never scores less under descending bands (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (d, a0, b0) => {
          const [lo, hi] = [a0 % (d + 1), b0 % (d + 1)].sort((x, y) => x - y) as [number, number];
          const at = (n: number) =>
            scoreRule(planDone, pts('2'), { kind: 'ratio', numerator: n, denominator: d });
          const low = at(lo);
          const high = at(hi);
          if (!low.ok || !high.ok) throw new Error('unscored');
          expect(high.score.units).toBeGreaterThanOrEqual(low.score.units);
          // the same ratio as a percentage, when it is one exactly, scores the same
          if ((hi * 10_000) % d === 0) {
            const percent = scoreRule(planDone, pts('2'), { kind: 'percent', value: (hi * 10_000) / d });
            expect(percent).toEqual(high);
          }
        },
      ),
    );
  });
});

describe('ruleMaxPoints', () => {
  it.each<[string, ScoringRule, string, string]>([
    ['choice: the best option', issuedPlan, '1', '1'],
    ['bands: the best band', planDone, '2', '2'],
    ['linear: the max', outreach, '1', '1'],
    ['parts: all of them', channels, '1', '1'],
    ['parts that fall short', { ...channels, parts: channels.parts.slice(0, 2) }, '1', '0.5'],
    ['count bands', contacts, '2', '2'],
    ['count "mỗi lần trừ"', eachLate, '1', '1'],
    ['all', tasksAndBudget, '1', '1'],
    ['gate: its own rule', { kind: 'gate', code: '1.1.1', rule: planDone }, '2', '2'],
    ['manual', { kind: 'manual', step: pts('0,25') }, '3', '3'],
    ['bonus: its cap', { kind: 'bonus', cap: pts('2') }, '0', '2'],
    ['penalty: nothing to gain', { kind: 'penalty', cap: pts('2'), each: null }, '0', '0'],
  ])('%s', (_name, rule, max, expected) => {
    expect(toDecimalString(ruleMaxPoints(rule, pts(max)))).toBe(expected);
  });
});

describe('parseAnswer (the answers file)', () => {
  it.each<[string, ScoringRule, string, Answer | string]>([
    ['an option by its text', issuedPlan, 'Ban hành kịp thời', { kind: 'choice', option: 0 }],
    ['without diacritics or case', issuedPlan, 'ban hanh KHONG kip thoi', { kind: 'choice', option: 1 }],
    ['with a trailing full stop', issuedPlan, 'Không ban hành.', { kind: 'choice', option: 2 }],
    ['by its number', issuedPlan, '2', { kind: 'choice', option: 1 }],
    ['a number past the options', issuedPlan, '4', 'scoring.noOption'],
    ['an unknown option', issuedPlan, 'Ban hành muộn', 'scoring.noSuchOption'],
    ['"45/50"', planDone, '45/50', { kind: 'ratio', numerator: 45, denominator: 50 }],
    ['"45 / 50"', planDone, '45 / 50', { kind: 'ratio', numerator: 45, denominator: 50 }],
    ['"90%"', planDone, '90%', { kind: 'percent', value: 9000 }],
    ['"90,5 %"', planDone, '90,5 %', { kind: 'percent', value: 9050 }],
    ['"89,99%"', outreach, '89,99%', { kind: 'percent', value: 8999 }],
    ['"90.5%"', planDone, '90.5%', { kind: 'percent', value: 9050 }],
    ['a percentage finer than hundredths', planDone, '90,125%', 'scoring.unreadable'],
    ['a bare number for a ratio', planDone, '0,9', 'scoring.unreadable'],
    ['a count', contacts, '1', { kind: 'count', count: 1 }],
    ['"2 lần"', contacts, '2 lần', { kind: 'count', count: 2 }],
    ['a count that is not whole', contacts, '1,5', 'scoring.unreadable'],
    [
      'parts by label',
      channels,
      'Bảng điện tử, màn hình; Hình thức truyền thống',
      { kind: 'parts', met: [0, 2] },
    ],
    ['parts by number', channels, '2;3', { kind: 'parts', met: [1, 2] }],
    ['no part met', channels, 'không', { kind: 'parts', met: [] }],
    ['an unknown part', channels, 'Báo giấy', 'scoring.noSuchPart'],
    ['"đạt": every condition', tasksAndBudget, 'Đạt', { kind: 'all', met: [true, true] }],
    ['"x"', tasksAndBudget, 'x', { kind: 'all', met: [true, true] }],
    ['"không": none', tasksAndBudget, 'không', { kind: 'all', met: [false, false] }],
    ['"có;không" in order', tasksAndBudget, 'có; không', { kind: 'all', met: [true, false] }],
    ['three words for two conditions', tasksAndBudget, 'có;có;không', 'scoring.conditions'],
    ['conditions by label', tasksAndBudget, 'bo tri kinh phi thuc hien', { kind: 'all', met: [false, true] }],
    [
      'a gate reads its own rule',
      { kind: 'gate', code: '1.1.1', rule: planDone },
      '45/50',
      { kind: 'ratio', numerator: 45, denominator: 50 },
    ],
    ['a manual score', { kind: 'manual', step: pts('0,25') }, '0,75', { kind: 'score', score: pts('0,75') }],
    ['a survey score', { kind: 'survey' }, '5.8791', { kind: 'score', score: pts('5,8791') }],
    ['a bonus', { kind: 'bonus', cap: pts('2') }, '1', { kind: 'score', score: pts('1') }],
    [
      'a penalty written negative',
      { kind: 'penalty', cap: pts('1'), each: null },
      '-0,25',
      { kind: 'score', score: pts('0,25') },
    ],
    [
      'a penalty counted',
      { kind: 'penalty', cap: pts('1'), each: pts('0,25') },
      '3 lần',
      { kind: 'count', count: 3 },
    ],
    ['not a number', { kind: 'manual', step: pts('0,25') }, 'nhiều', 'scoring.unreadable'],
    ['"N/A"', issuedPlan, 'N/A', { kind: 'not-applicable' }],
    ['"không áp dụng"', planDone, 'Không áp dụng', { kind: 'not-applicable' }],
    ['"KAD"', channels, 'KAD', { kind: 'not-applicable' }],
  ])('%s', (_name, rule, text, expected) => {
    const parsed = parseAnswer(rule, text);
    if (typeof expected === 'string') expect(parsed.ok ? parsed.answer : parsed.problem).toBe(expected);
    else expect(parsed).toEqual({ ok: true, answer: expected });
  });

  it('names the options when none matches', () => {
    const parsed = parseAnswer(issuedPlan, 'Muộn');
    expect(parsed.ok).toBe(false);
    if (parsed.ok || parsed.problem !== 'scoring.noSuchOption') throw new Error('expected noSuchOption');
    expect(render(parsed.problem, parsed.params, 'vi')).toBe(
      'Không có phương án "Muộn"; các phương án: Ban hành kịp thời; Ban hành không kịp thời; Không ban hành',
    );
  });
});

// ——— a whole framework ———

function criterion(
  code: string,
  max: string | null,
  rule: ScoringRule | null,
  extra: { scorer?: Scorer; notApplicable?: NotApplicablePolicy } = {},
): FrameworkCriterion {
  return {
    code,
    rawCode: code,
    name: `Tiêu chí ${code}`,
    max: max === null ? null : pts(max),
    method: '',
    evidence: '',
    scorer: extra.scorer ?? 'self',
    notApplicable: extra.notApplicable ?? 'not-allowed',
    followedBy: null,
    rule,
    location: null,
  };
}

const manual: ScoringRule = { kind: 'manual', step: pts('0,25') };

/**
 * A small commune framework: area 1 (5 points) with 1.1.1–1.1.4 and 1.2, area 2 (4 points) with
 * 2.1 (not applicable: full points) and 2.2 (not applicable: excluded), area 3 of bonus and penalty.
 */
const framework: FrameworkCriterion[] = [
  criterion('1', '5', null),
  criterion('1.1', '5', null),
  criterion('1.1.1', '1', issuedPlan),
  criterion('1.1.2', '1', tasksAndBudget),
  criterion('1.1.4', '2', { kind: 'gate', code: '1.1.1', rule: planDone }),
  criterion('1.1.5', '1', outreach),
  criterion('2', '4', null),
  criterion('2.1', '3', manual, { notApplicable: 'full-points' }),
  criterion('2.2', '1', channels, { notApplicable: 'excluded' }),
  criterion('3', null, null),
  criterion('3.1', null, { kind: 'bonus', cap: pts('1') }, { scorer: 'bonus' }),
  criterion('3.2', null, { kind: 'penalty', cap: pts('2'), each: pts('0,25') }, { scorer: 'penalty' }),
];

const answerMap = (rows: Record<string, string>): Map<string, Answer> => {
  const byCode = new Map(framework.map((c) => [c.code, c]));
  return new Map(
    Object.entries(rows).map(([code, text]) => {
      const parsed = parseAnswer(byCode.get(code)!.rule!, text);
      if (!parsed.ok) throw new Error(`${code}: ${parsed.problem}`);
      return [code, parsed.answer];
    }),
  );
};

const row = (rows: CriterionScore[], code: string) => rows.find((r) => r.code === code)!;
const dec = (s: Score | null) => (s === null ? null : toDecimalString(s));

describe('scoreFramework', () => {
  it('adds up a framework as a hand computation does', () => {
    const result = scoreFramework(
      framework,
      answerMap({
        '1.1.1': 'Ban hành không kịp thời', // 0,5
        '1.1.2': 'có;có', // 1
        '1.1.4': '40/50', // 80 % → 1
        '1.1.5': '19/20', // 0,95
        '2.1': 'N/A', // full points: 3
        '2.2': 'không áp dụng', // excluded: the max is 9 − 1 = 8
        '3.1': '0,5', // bonus
        '3.2': '3 lần', // − 0,75
      }),
    );
    // 0,5 + 1 + 1 + 0,95 = 3,45; + 3 = 6,45; + 0,5 − 0,75 = 6,2 of 8 → 77,5
    expect(dec(row(result.criteria, '1.1').score)).toBe('3.45');
    expect(dec(row(result.criteria, '1').score)).toBe('3.45');
    expect(dec(row(result.criteria, '2').score)).toBe('3');
    expect(dec(row(result.criteria, '2').applicableMax)).toBe('3');
    expect(row(result.criteria, '2.2')).toMatchObject({ score: null, applicable: false });
    expect(dec(row(result.criteria, '3').score)).toBe('-0.25');
    expect(dec(row(result.criteria, '3').applicableMax)).toBe('0');
    expect(dec(result.total)).toBe('6.2');
    expect(dec(result.max)).toBe('8');
    expect(dec(result.index)).toBe('77.5');
    expect(result.missing).toEqual([]);
    expect(result.complete).toBe(true);
  });

  it('keeps the index exact to four decimals, rounded half-up', () => {
    const result = scoreFramework(
      framework,
      answerMap({
        '1.1.1': '1',
        '1.1.2': 'đạt',
        '1.1.4': '100%',
        '1.1.5': '100%',
        '2.1': '2,75',
        '2.2': '1;2',
        '3.1': '0',
        '3.2': '0',
      }),
    );
    // 1 + 1 + 2 + 1 + 2,75 + 0,5 = 8,25 of 9 = 91,6666… → 91,6667
    expect(dec(result.total)).toBe('8.25');
    expect(dec(result.max)).toBe('9');
    expect(dec(result.index)).toBe('91.6667');
  });

  it('gates: no plan issued makes 1.1.4 zero, whatever its answer, evaluated after 1.1.1', () => {
    const result = scoreFramework(
      [...framework].reverse(), // 1.1.4 comes before 1.1.1: order does not matter
      answerMap({ '1.1.1': 'Không ban hành', '1.1.4': '50/50' }),
    );
    expect(dec(row(result.criteria, '1.1.4').score)).toBe('0');
    expect(dec(row(result.criteria, '1.1.1').score)).toBe('0');
  });

  it('a gate on a criterion excluded as not applicable leaves the decision to the own rule', () => {
    const rows = [
      criterion('1', '3', null),
      criterion('1.1', '1', issuedPlan, { notApplicable: 'excluded' }),
      criterion('1.2', '2', { kind: 'gate', code: '1.1', rule: planDone }),
    ];
    const result = scoreFramework(
      rows,
      new Map<string, Answer>([
        ['1.1', { kind: 'not-applicable' }],
        ['1.2', { kind: 'percent', value: 9500 }],
      ]),
    );
    expect(dec(row(result.criteria, '1.2').score)).toBe('2');
    expect(dec(result.max)).toBe('2');
    expect(dec(result.index)).toBe('100');
  });

  it('a gated leaf waits for the criterion it depends on', () => {
    const waiting = scoreFramework(framework, answerMap({ '1.1.4': '50/50' }));
    expect(row(waiting.criteria, '1.1.4').problem).toEqual({
      problem: 'scoring.gateUnknown',
      params: { code: '1.1.1' },
    });
    const unanswered = scoreFramework(framework, answerMap({}));
    expect(row(unanswered.criteria, '1.1.4').problem).toBeUndefined();
    expect(unanswered.missing).toContain('1.1.4');
  });

  it('lists unanswered leaves and never counts them as 0', () => {
    const result = scoreFramework(framework, answerMap({ '1.1.1': '1', '2.1': '3' }));
    expect(result.missing).toEqual(['1.1.2', '1.1.4', '1.1.5', '2.2', '3.1', '3.2']);
    expect(row(result.criteria, '1.1.2').score).toBeNull();
    expect(row(result.criteria, '1.1.2').problem).toBeUndefined();
    expect(dec(result.total)).toBe('4');
    expect(result.complete).toBe(false);
  });

  it('a penalty takes an area below its children but never the total below 0', () => {
    const result = scoreFramework(
      framework,
      answerMap({
        '1.1.1': 'Không ban hành',
        '1.1.2': 'không',
        '1.1.4': '0%',
        '1.1.5': '50%',
        '2.1': '0',
        '2.2': 'không',
        '3.1': '0',
        '3.2': '2',
      }),
    );
    expect(dec(row(result.criteria, '3').score)).toBe('-2');
    expect(dec(result.total)).toBe('0');
    expect(dec(result.index)).toBe('0');
  });

  it("a penalty inside an area takes the area below its children's sum", () => {
    const rows = [
      criterion('1', '2', null),
      criterion('1.1', '2', manual),
      criterion('1.2', null, { kind: 'penalty', cap: pts('1'), each: null }, { scorer: 'penalty' }),
    ];
    const result = scoreFramework(
      rows,
      new Map<string, Answer>([
        ['1.1', { kind: 'score', score: pts('1,5') }],
        ['1.2', { kind: 'score', score: pts('0,25') }],
      ]),
    );
    expect(dec(row(result.criteria, '1').score)).toBe('1.25');
    expect(dec(result.max)).toBe('2');
  });

  it('not applicable where the policy does not allow it is a problem on the criterion', () => {
    const result = scoreFramework(framework, answerMap({ '1.1.1': 'N/A' }));
    expect(row(result.criteria, '1.1.1').problem?.problem).toBe('scoring.notApplicable');
    expect(result.complete).toBe(false);
  });

  it('a gate in a cycle is a problem on each of its criteria; a gate on nothing says so', () => {
    const rows = [
      criterion('1', '3', null),
      criterion('1.1', '1', { kind: 'gate', code: '1.2', rule: issuedPlan }),
      criterion('1.2', '1', { kind: 'gate', code: '1.1', rule: issuedPlan }),
      criterion('1.3', '1', { kind: 'gate', code: '9.9', rule: issuedPlan }),
    ];
    const first: Answer = { kind: 'choice', option: 0 };
    const result = scoreFramework(
      rows,
      new Map([
        ['1.1', first],
        ['1.2', first],
        ['1.3', first],
      ]),
    );
    expect(row(result.criteria, '1.1').problem?.problem).toBe('scoring.gateCycle');
    expect(row(result.criteria, '1.2').problem?.problem).toBe('scoring.gateCycle');
    expect(row(result.criteria, '1.3').problem).toEqual({
      problem: 'scoring.gateNoCriterion',
      params: { code: '9.9' },
    });
  });

  it('a leaf without a rule or a max is a problem, not a score', () => {
    const result = scoreFramework(
      [criterion('1', '2', null), criterion('1.1', '1', null), criterion('1.2', null, manual)],
      new Map<string, Answer>([['1.2', { kind: 'score', score: pts('1') }]]),
    );
    expect(row(result.criteria, '1.1').problem?.problem).toBe('scoring.noRule');
    expect(row(result.criteria, '1.2').problem?.problem).toBe('scoring.noMax');
  });

  it('the index is null when nothing is applicable', () => {
    const result = scoreFramework(
      [criterion('1', '1', null), criterion('1.1', '1', channels, { notApplicable: 'excluded' })],
      new Map<string, Answer>([['1.1', { kind: 'not-applicable' }]]),
    );
    expect(dec(result.max)).toBe('0');
    expect(result.index).toBeNull();
  });

  it('the total is the sum of the leaves, whatever the answers (property)', () => {
    const leaves = Array.from({ length: 12 }, (_, i) =>
      criterion(`${Math.floor(i / 4) + 1}.${(i % 4) + 1}`, '2', manual),
    );
    const rows = [criterion('1', '8', null), criterion('2', '8', null), criterion('3', '8', null)];
    const all = [...rows, ...leaves].sort((a, b) => a.code.localeCompare(b.code));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 12, maxLength: 12 }), (quarters) => {
        const answers = new Map<string, Answer>(
          leaves.map((l, i) => [l.code, { kind: 'score', score: { units: quarters[i]! * 2500, scale: 2 } }]),
        );
        const result = scoreFramework(all, answers);
        const expected = quarters.reduce((a, q) => a + q * 2500, 0);
        expect(result.total.units).toBe(expected);
        // index × max = total × 100, to within half a ten-thousandth of the index
        expect(Math.abs(result.index!.units * 24 - expected * 100)).toBeLessThanOrEqual(12);
      }),
    );
  });
});

describe('followersOf and scoring only what an answer moves', () => {
  const tree = buildTree(framework);

  it('a leaf moves itself and the gates reading it, or one of its ancestors', () => {
    expect([...followersOf(tree, '1.1.1')].sort()).toEqual(['1.1.1', '1.1.4']);
    expect([...followersOf(tree, '1.1.2')]).toEqual(['1.1.2']);
    // a gate on an area follows every leaf under it, and a gate on that gate follows in turn
    const onArea = [
      ...framework,
      criterion('4', '2', null),
      criterion('4.1', '1', { kind: 'gate', code: '2', rule: manual }),
      criterion('4.2', '1', { kind: 'gate', code: '4.1', rule: manual }),
    ];
    expect([...followersOf(buildTree(onArea), '2.2')].sort()).toEqual(['2.2', '4.1', '4.2']);
  });

  // each leaf's answers as written, undefined: unanswered
  const pools: Record<string, (string | undefined)[]> = {
    '1.1.1': ['1', '2', '3', undefined],
    '1.1.2': ['có;có', 'không;có', undefined],
    '1.1.4': ['40/50', '10/50', undefined],
    '1.1.5': ['19/20', '1/20', undefined],
    '2.1': ['N/A', '1', undefined],
    '2.2': ['không áp dụng', undefined],
    '3.1': ['0,5', '0', undefined],
    '3.2': ['3 lần', '0', undefined],
  };
  const codes = Object.keys(pools);
  const answersOf = (picks: readonly number[]) => {
    const written: Record<string, string> = {};
    codes.forEach((code, i) => {
      const text = pools[code]![picks[i]! % pools[code]!.length];
      if (text !== undefined) written[code] = text;
    });
    return answerMap(written);
  };

  it('re-scoring the followers of the changed leaf over the stored scores gives the whole framework’s', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(3), { minLength: codes.length, maxLength: codes.length }),
        fc.nat(codes.length - 1),
        fc.nat(3),
        (picks, changed, pick) => {
          const before = answersOf(picks);
          const stored = scoreFramework(framework, before);
          const kept = new Map<string, LeafScore>();
          for (const [code, a] of before) {
            const s = row(stored.criteria, code).score;
            if (a.kind === 'not-applicable') kept.set(code, 'not-applicable');
            else if (s !== null) kept.set(code, s);
          }
          const after = answersOf(picks.map((p, i) => (i === changed ? pick : p)));
          const code = codes[changed]!;
          const rescore = followersOf(tree, code);
          const partial = scoreFramework(framework, after, { tree, kept: { scores: kept, rescore } });
          const whole = scoreFramework(framework, after);
          // every answered leaf's score (an unanswered gate whose target scored 0 is 0 in the whole
          // framework and missing here: it adds nothing either way)
          const answered = (r: FrameworkScore) =>
            r.criteria.filter((c) => after.has(c.code)).map((c) => [c.code, dec(c.score)]);
          expect(answered(partial)).toEqual(answered(whole));
          expect([dec(partial.total), dec(partial.max), dec(partial.index)]).toEqual([
            dec(whole.total),
            dec(whole.max),
            dec(whole.index),
          ]);
        },
      ),
    );
  });
});
