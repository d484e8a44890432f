import type { Answer, ScoringRule } from '@core/framework';
import { formatScore, score } from '@core/score';
import { describe, expect, it } from 'vitest';
import { findingsWithRule, problemText, tryScore } from './checks';
import {
  answerForm,
  buildAnswer,
  defaultRule,
  EMPTY_INPUT,
  formatPercent,
  inputOf,
  insertBand,
  insertCountBand,
  moveAt,
  parseCount,
  parsePercent,
  removeAt,
  replaceAt,
  ruleGaps,
  sameRule,
  treeRows,
} from './model';

const WORDS = { met: 'Đạt', notMet: 'Không đạt', part: 'Phần', condition: 'Điều kiện' };

describe('percentages as officers type them', () => {
  it.each([
    ['90', 9000],
    ['90 %', 9000],
    ['90%', 9000],
    ['12,5', 1250],
    ['99,99', 9999],
    ['0', 0],
    ['100', 10000],
    ['70.5', 7050],
  ])('%s → %i hundredths', (text, value) => {
    expect(parsePercent(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'not-a-number'],
    ['abc', 'not-a-number'],
    ['90,125', 'not-a-number'],
    ['-5', 'out-of-range'],
    ['100,01', 'out-of-range'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(parsePercent(text)).toEqual({ ok: false, reason });
  });

  it('takes more than 100 % when asked to (a plan done beyond itself)', () => {
    expect(parsePercent('120', 100_000)).toEqual({ ok: true, value: 12000 });
  });

  it.each([
    [9000, 'vi', '90'],
    [1250, 'vi', '12,5'],
    [1250, 'en', '12.5'],
    [9999, 'vi', '99,99'],
    [0, 'vi', '0'],
  ] as const)('%i hundredths read "%s" in %s', (value, lang, text) => {
    expect(formatPercent(value, lang)).toBe(text);
  });

  it('reads back what it writes', () => {
    for (const v of [0, 1, 50, 999, 1250, 7000, 8999, 10000]) {
      expect(parsePercent(formatPercent(v, 'vi'))).toEqual({ ok: true, value: v });
    }
  });
});

describe('counts', () => {
  it.each([
    ['0', 0],
    [' 12 ', 12],
  ])('%s → %i', (text, n) => expect(parseCount(text)).toBe(n));
  it.each(['', '1,5', '-1', 'hai', '1e3'])('%s is no count', (text) => expect(parseCount(text)).toBeNull());
});

describe('lists edited by position', () => {
  const list = ['a', 'b', 'c'];
  it('replaces, removes and moves without touching the original', () => {
    expect(replaceAt(list, 1, 'B')).toEqual(['a', 'B', 'c']);
    expect(removeAt(list, 0)).toEqual(['b', 'c']);
    expect(moveAt(list, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveAt(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveAt(list, 0, -1)).toEqual(list);
    expect(moveAt(list, 2, 1)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('the rule a change of kind starts from', () => {
  const max = score('2');
  it('fits the max: the best answer gives it, the worst 0', () => {
    const choice = defaultRule('choice', max, WORDS);
    expect(choice).toEqual({
      kind: 'choice',
      options: [
        { label: 'Đạt', points: max },
        { label: 'Không đạt', points: { units: 0, scale: 0 } },
      ],
    });
    const bands = defaultRule('bands', max, WORDS);
    expect(bands.kind === 'bands' && bands.bands.map((b) => [b.edge, b.points.units])).toEqual([
      [9000, 20000],
      [null, 0],
    ]);
    const count = defaultRule('count', max, WORDS);
    expect(count.kind === 'count' && count.bands.map((b) => [b.atMost, b.points.units])).toEqual([
      [0, 20000],
      [null, 0],
    ]);
    expect(defaultRule('parts', max, WORDS)).toMatchObject({ parts: [{ points: max }] });
    expect(defaultRule('all', max, WORDS)).toMatchObject({ points: max });
    expect(defaultRule('bonus', max, WORDS)).toEqual({ kind: 'bonus', cap: max });
    expect(defaultRule('penalty', max, WORDS)).toEqual({ kind: 'penalty', cap: max, each: null });
    expect(defaultRule('manual', max, WORDS)).toEqual({ kind: 'manual', step: score('0,25') });
  });

  it('a gate wraps the rule it replaces, and a rule replacing a gate keeps nothing of it', () => {
    const bands = defaultRule('bands', max, WORDS);
    expect(defaultRule('gate', max, WORDS, bands)).toEqual({ kind: 'gate', code: '', rule: bands });
    const gate: ScoringRule = { kind: 'gate', code: '1.1.1', rule: bands };
    expect(defaultRule('gate', max, WORDS, gate)).toEqual({ kind: 'gate', code: '', rule: bands });
    expect(defaultRule('gate', max, WORDS)).toEqual({
      kind: 'gate',
      code: '',
      rule: { kind: 'manual', step: score('0,25') },
    });
  });

  it('a criterion without a max starts at 0 points', () => {
    expect(defaultRule('all', null, WORDS)).toMatchObject({ points: { units: 0 } });
  });
});

describe('adding bands', () => {
  it('puts a new ratio band before "the rest", halfway below the one above', () => {
    // "Từ 90% trở lên: 2 điểm; dưới 90%: 0 điểm" → a band at 45 % between them
    const rule = defaultRule('bands', score('2'), WORDS) as Extract<ScoringRule, { kind: 'bands' }>;
    const next = insertBand(rule);
    expect(next.bands.map((b) => b.edge)).toEqual([9000, 4500, null]);
    expect(insertBand(next).bands.map((b) => b.edge)).toEqual([9000, 4500, 2300, null]);
  });

  it('puts a new count band before "more", one above the band before it', () => {
    // "0 lần: 2; trên 0 lần: 0" → "1 lần"
    const rule = defaultRule('count', score('2'), WORDS) as Extract<ScoringRule, { kind: 'count' }>;
    expect(insertCountBand(rule).bands.map((b) => b.atMost)).toEqual([0, 1, null]);
  });
});

describe('the answer "try it" builds', () => {
  const choice: ScoringRule = {
    kind: 'choice',
    options: [
      { label: 'Ban hành kịp thời', points: score('1') },
      { label: 'Ban hành không kịp thời', points: score('0,5') },
      { label: 'Không ban hành', points: score('0') },
    ],
  };
  const bands: ScoringRule = {
    kind: 'bands',
    bands: [
      { edge: 9000, strict: true, points: score('2') },
      { edge: 7000, strict: false, points: score('1') },
      { edge: null, strict: false, points: score('0') },
    ],
  };
  const penalty: ScoringRule = { kind: 'penalty', cap: score('1'), each: score('0,25') };

  it('asks each rule for its own kind of answer; a gate as the rule it wraps', () => {
    expect(answerForm(choice)).toBe('choice');
    expect(answerForm(bands)).toBe('ratio');
    expect(answerForm({ kind: 'linear', floor: 9000, floorStrict: false, full: 10000 })).toBe('ratio');
    expect(answerForm({ kind: 'gate', code: '1.1.1', rule: bands })).toBe('ratio');
    expect(answerForm(penalty)).toBe('score');
    expect(answerForm({ kind: 'survey' })).toBe('score');
  });

  it('builds answers from what was typed', () => {
    expect(buildAnswer(choice, { ...EMPTY_INPUT, option: 1 })).toEqual({
      ok: true,
      answer: { kind: 'choice', option: 1 },
    });
    expect(buildAnswer(bands, { ...EMPTY_INPUT, numerator: '45', denominator: '50' })).toEqual({
      ok: true,
      answer: { kind: 'ratio', numerator: 45, denominator: 50 },
    });
    expect(buildAnswer(bands, { ...EMPTY_INPUT, ratioMode: 'percent', percent: '92,5' })).toEqual({
      ok: true,
      answer: { kind: 'percent', value: 9250 },
    });
    expect(buildAnswer(penalty, { ...EMPTY_INPUT, score: '0,5' })).toEqual({
      ok: true,
      answer: { kind: 'score', score: score('0,5') },
    });
    expect(buildAnswer(penalty, { ...EMPTY_INPUT, penaltyByCount: true, count: '3' })).toEqual({
      ok: true,
      answer: { kind: 'count', count: 3 },
    });
    expect(
      buildAnswer(
        { kind: 'all', conditions: ['đủ nhiệm vụ', 'bố trí kinh phí'], points: score('1') },
        {
          ...EMPTY_INPUT,
          conditions: [1],
        },
      ),
    ).toEqual({ ok: true, answer: { kind: 'all', met: [false, true] } });
    expect(buildAnswer(choice, { ...EMPTY_INPUT, notApplicable: true })).toEqual({
      ok: true,
      answer: { kind: 'not-applicable' },
    });
  });

  it.each<[string, ScoringRule, Answer]>([
    ['an option', choice, { kind: 'choice', option: 1 }],
    ['a ratio', bands, { kind: 'ratio', numerator: 45, denominator: 50 }],
    ['a percentage', bands, { kind: 'percent', value: 9250 }],
    [
      'a percentage past 100',
      { kind: 'linear', floor: 8000, floorStrict: false, full: 10000 },
      { kind: 'percent', value: 12_050 },
    ],
    ['a count', { kind: 'count', bands: [], each: score('0,25'), floor: null }, { kind: 'count', count: 2 }],
    ['a penalty by its count', penalty, { kind: 'count', count: 3 }],
    ['a penalty by its points', penalty, { kind: 'score', score: score('0,5') }],
    [
      'parts',
      {
        kind: 'parts',
        parts: [
          { label: 'a', points: score('0,25'), evidence: '' },
          { label: 'b', points: score('0,5'), evidence: '' },
        ],
      },
      { kind: 'parts', met: [1] },
    ],
    [
      'conditions',
      { kind: 'all', conditions: ['x', 'y'], points: score('1') },
      { kind: 'all', met: [true, false] },
    ],
    ['a score in steps', { kind: 'manual', step: score('0,25') }, { kind: 'score', score: score('0,75') }],
    ['a large bonus', { kind: 'bonus', cap: score('2000') }, { kind: 'score', score: score('1234,5') }],
    ['not applicable', choice, { kind: 'not-applicable' }],
    [
      'a gated ratio',
      { kind: 'gate', code: '1.1.1', rule: bands },
      { kind: 'ratio', numerator: 1, denominator: 2 },
    ],
  ])('reads a saved answer back into what was typed: %s', (_what, rule, answer) => {
    expect(buildAnswer(rule, inputOf(answer))).toEqual({ ok: true, answer });
  });

  it('starts from nothing typed when there is no answer', () => {
    expect(inputOf(null)).toEqual(EMPTY_INPUT);
  });

  it('names what is missing instead of guessing a score', () => {
    expect(buildAnswer(choice, EMPTY_INPUT)).toEqual({ ok: false, problem: 'tryNeedOption' });
    expect(buildAnswer(bands, { ...EMPTY_INPUT, numerator: '45' })).toEqual({
      ok: false,
      problem: 'tryNeedNumbers',
    });
    expect(buildAnswer(bands, { ...EMPTY_INPUT, numerator: '4,5', denominator: '5' })).toEqual({
      ok: false,
      problem: 'tryNeedNumbers',
    });
    expect(buildAnswer(bands, { ...EMPTY_INPUT, ratioMode: 'percent', percent: 'chín mươi' })).toEqual({
      ok: false,
      problem: 'tryNeedPercent',
    });
    expect(buildAnswer({ kind: 'manual', step: score('0,25') }, { ...EMPTY_INPUT, score: '' })).toEqual({
      ok: false,
      problem: 'tryNeedScore',
    });
  });
});

describe('the criteria tree', () => {
  it('nests criteria by code in document order, any depth; an orphan stays visible at the top', () => {
    const rows = treeRows([
      { code: '1', name: 'Công tác chỉ đạo' },
      { code: '1.1', name: 'Kế hoạch CCHC' },
      { code: '1.1.1', name: 'Ban hành kế hoạch' },
      { code: '1.1.2', name: 'Xác định nhiệm vụ' },
      { code: '1.2', name: 'Báo cáo' },
      { code: '2', name: 'Thể chế' },
      { code: '3.1', name: 'Lạc chỗ' },
    ]);
    expect(rows.map((r) => r.key)).toEqual(['1', '2', '3.1']);
    expect(rows[0]!.children!.map((r) => r.key)).toEqual(['1.1', '1.2']);
    expect(rows[0]!.children![0]!.children!.map((r) => r.name)).toEqual([
      'Ban hành kế hoạch',
      'Xác định nhiệm vụ',
    ]);
    // a leaf has no children array (the table shows no expander)
    expect(rows[0]!.children![1]!.children).toBeUndefined();
  });
});

describe('the editor', () => {
  it('sees the same rule whatever the order of its keys, and a changed point as a change', () => {
    const a: ScoringRule = { kind: 'all', conditions: ['x'], points: score('1') };
    const b = { points: { scale: 0, units: 10000 }, conditions: ['x'], kind: 'all' } as ScoringRule;
    expect(sameRule(a, b)).toBe(true);
    expect(sameRule(a, { ...a, points: score('0,5') })).toBe(false);
    expect(sameRule(a, null)).toBe(false);
    expect(sameRule(null, null)).toBe(true);
  });

  it('counts what the server would refuse: empty labels, a gate without its criterion', () => {
    expect(ruleGaps({ kind: 'choice', options: [{ label: ' ', points: score('1') }] })).toBe(1);
    expect(ruleGaps({ kind: 'all', conditions: [], points: score('1') })).toBe(1);
    expect(
      ruleGaps({
        kind: 'gate',
        code: '',
        rule: { kind: 'parts', parts: [{ label: '', points: score('1'), evidence: '' }] },
      }),
    ).toBe(2);
    expect(ruleGaps(defaultRule('choice', score('1'), WORDS))).toBe(0);
  });
});

describe('"try it" scores with core, as the assessment will', () => {
  // 1.1.4 "Mức độ thực hiện kế hoạch CCHC": trên 90 % 2 điểm; từ 70 % đến 90 % 1 điểm; dưới 70 % 0
  const plan: ScoringRule = {
    kind: 'bands',
    bands: [
      { edge: 9000, strict: true, points: score('2') },
      { edge: 7000, strict: false, points: score('1') },
      { edge: null, strict: false, points: score('0') },
    ],
  };
  const max = score('2');
  const ratio = (n: string, d: string) => ({ ...EMPTY_INPUT, numerator: n, denominator: d });
  const shown = (r: ReturnType<typeof tryScore>) =>
    r.kind === 'score' ? formatScore(r.score, 'vi') : r.kind;

  it.each([
    ['46', '50', '2'], // 92 %
    ['45', '50', '1'], // exactly 90 %: not above it
    ['35', '50', '1'], // exactly 70 %
    ['34', '50', '0'], // 68 %
  ])('%s/%s → %s', (n, d, expected) => {
    expect(shown(tryScore(plan, max, 'not-allowed', ratio(n, d), ''))).toBe(expected);
  });

  it('a band changed in the editor scores at once', () => {
    const edited: ScoringRule = {
      kind: 'bands',
      bands: plan.bands.map((b, i) => (i === 1 ? { ...b, points: score('1,5') } : b)),
    };
    expect(shown(tryScore(edited, max, 'not-allowed', ratio('40', '50'), ''))).toBe('1,5');
  });

  it('words what cannot be scored instead of a number', () => {
    const zero = tryScore(plan, max, 'not-allowed', ratio('0', '0'), '');
    expect(zero.kind).toBe('problem');
    expect(zero.kind === 'problem' && problemText(zero.problem, 'vi')).toMatch(/\S/);
    expect(tryScore(plan, max, 'not-allowed', ratio('', '50'), '')).toEqual({
      kind: 'input',
      problem: 'tryNeedNumbers',
    });
  });

  it('"không áp dụng" follows the criterion\'s policy', () => {
    const na = { ...EMPTY_INPUT, notApplicable: true };
    expect(shown(tryScore(plan, max, 'full-points', na, ''))).toBe('2');
    expect(tryScore(plan, max, 'excluded', na, '')).toEqual({ kind: 'excluded' });
    expect(tryScore(plan, max, 'not-allowed', na, '').kind).toBe('problem');
  });

  it('a gate closes when the other criterion scored 0, and is open otherwise', () => {
    // "không ban hành kế hoạch thì 1.1.4 = 0"
    const gate: ScoringRule = { kind: 'gate', code: '1.1.1', rule: plan };
    expect(shown(tryScore(gate, max, 'not-allowed', ratio('46', '50'), '0'))).toBe('0');
    expect(shown(tryScore(gate, max, 'not-allowed', ratio('46', '50'), '1'))).toBe('2');
    expect(shown(tryScore(gate, max, 'not-allowed', ratio('46', '50'), ''))).toBe('2');
  });

  it('a linear rule: 4 of 5 done scores 0,8 of 1 (4.1, commune)', () => {
    const linear: ScoringRule = { kind: 'linear', floor: 9000, floorStrict: false, full: 10000 };
    expect(shown(tryScore(linear, score('1'), 'not-allowed', ratio('9', '10'), ''))).toBe('0,9');
    expect(shown(tryScore(linear, score('1'), 'not-allowed', ratio('4', '5'), ''))).toBe('0');
  });
});

describe('the checker on the rule being edited', () => {
  const criterion = (code: string, max: string | null, rule: ScoringRule | null) => ({
    code,
    rawCode: code,
    name: `Tiêu chí ${code}`,
    max,
    method: '',
    evidence: '',
    scorer: 'self' as const,
    notApplicable: 'not-allowed' as const,
    followedByText: null,
    rule,
  });
  const choice = (points: string): ScoringRule => ({
    kind: 'choice',
    options: [
      { label: 'Ban hành kịp thời', points: score(points) },
      { label: 'Không ban hành', points: score('0') },
    ],
  });
  const criteria = [
    criterion('1', '2', null),
    criterion('1.1', '1', choice('1')),
    criterion('1.2', '1', choice('1')),
  ];

  it('says nothing of a rule that fits, and names points above the max on that criterion only', () => {
    expect(findingsWithRule(criteria, '1.1', choice('1'))).toEqual([]);
    const found = findingsWithRule(criteria, '1.1', choice('1,5'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.code === '1.1')).toBe(true);
    expect(found.some((f) => f.severity === 'error')).toBe(true);
  });

  it('names a gate on a criterion that is not there', () => {
    const gate: ScoringRule = { kind: 'gate', code: '9.9', rule: choice('1') };
    expect(findingsWithRule(criteria, '1.2', gate).length).toBeGreaterThan(0);
    expect(findingsWithRule(criteria, '1.2', { ...gate, code: '1.1' })).toEqual([]);
  });
});
