/**
 * describeRule against the wording of the real documents (../shared/docs/SCORING.md): a rule built
 * by hand reads as the document that would have given it.
 */
import { describe, expect, it } from 'vitest';
import type { ScoringRule } from './framework.js';
import { recognizeMethod } from './method-text.js';
import { describeRule } from './rule-text.js';
import { score, type Score } from './score.js';

const s = score;
const band = (edge: number | null, points: string, strict = false) => ({ edge, strict, points: s(points) });

const CASES: { name: string; rule: ScoringRule; max: Score | null; vi: string; en: string }[] = [
  {
    name: '1.1.1 timeliness (choice)',
    rule: {
      kind: 'choice',
      options: [
        { label: 'Ban hành kịp thời', points: s('1') },
        { label: 'Ban hành không kịp thời', points: s('0,5') },
        { label: 'Không ban hành', points: s('0') },
      ],
    },
    max: s('1'),
    vi: 'Ban hành kịp thời: 1 điểm; Ban hành không kịp thời: 0,5 điểm; Không ban hành: 0 điểm',
    en: 'Ban hành kịp thời: 1 point; Ban hành không kịp thời: 0.5 points; Không ban hành: 0 points',
  },
  {
    name: '1.1.4 bands, inclusive edges',
    rule: { kind: 'bands', bands: [band(9000, '2'), band(7000, '1'), band(null, '0')] },
    max: s('2'),
    vi: 'Từ 90% trở lên: 2 điểm; từ 70% đến dưới 90%: 1 điểm; dưới 70%: 0 điểm',
    en: '90% or more: 2 points; from 70% to under 90%: 1 point; under 70%: 0 points',
  },
  {
    name: 'bands with a strict top edge ("trên 90%")',
    rule: { kind: 'bands', bands: [band(9000, '2', true), band(7000, '1'), band(null, '0')] },
    max: s('2'),
    vi: 'Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm',
    en: 'Over 90%: 2 points; from 70% to 90%: 1 point; under 70%: 0 points',
  },
  {
    name: 'four bands, a decimal point score, a decimal edge',
    rule: {
      kind: 'bands',
      bands: [band(8000, '1'), band(7000, '0,5'), band(5250, '0,25'), band(null, '0')],
    },
    max: s('1'),
    vi: 'Từ 80% trở lên: 1 điểm; từ 70% đến dưới 80%: 0,5 điểm; từ 52,5% đến dưới 70%: 0,25 điểm; dưới 52,5%: 0 điểm',
    en: '80% or more: 1 point; from 70% to under 80%: 0.5 points; from 52.5% to under 70%: 0.25 points; under 52.5%: 0 points',
  },
  {
    name: '4.1 linear with a floor',
    rule: { kind: 'linear', floor: 9000, floorStrict: false, full: 10000 },
    max: s('1'),
    vi: 'Đạt 100%: 1 điểm; từ 90% đến dưới 100%: tỷ lệ % × 1; dưới 90%: 0 điểm',
    en: '100% reached: 1 point; from 90% to under 100%: ratio × 1; under 90%: 0 points',
  },
  {
    name: 'linear without the max',
    rule: { kind: 'linear', floor: 9000, floorStrict: true, full: 10000 },
    max: null,
    vi: 'Đạt 100%: điểm tối đa; trên 90% đến dưới 100%: tỷ lệ % × điểm tối đa; từ 90% trở xuống: 0 điểm',
    en: '100% reached: the maximum; over 90% to under 100%: ratio × the maximum; 90% or less: 0 points',
  },
  {
    name: 'count bands (Thông tư 01/2018/TT-VPCP)',
    rule: {
      kind: 'count',
      bands: [
        { atMost: 0, points: s('2') },
        { atMost: 1, points: s('1') },
        { atMost: null, points: s('0') },
      ],
      each: null,
      floor: null,
    },
    max: s('2'),
    vi: '0 lần: 2 điểm; 1 lần: 1 điểm; trên 1 lần: 0 điểm',
    en: '0 times: 2 points; 1 time: 1 point; more than 1 time: 0 points',
  },
  {
    name: 'count: so much less each time',
    rule: { kind: 'count', bands: [], each: s('0,25'), floor: null },
    max: s('1'),
    vi: 'Mỗi lần trừ 0,25 điểm',
    en: 'Less 0.25 points each time',
  },
  {
    name: '4.2 additive parts, one a line',
    rule: {
      kind: 'parts',
      parts: [
        { label: 'Tuyên truyền qua bảng điện tử, màn hình', points: s('0,25'), evidence: '' },
        { label: 'Tuyên truyền trên trang thông tin điện tử, mạng xã hội', points: s('0,25'), evidence: '' },
        { label: 'Tuyên truyền qua các kênh truyền thống', points: s('0,5'), evidence: 'Ảnh chụp, biên bản' },
      ],
    },
    max: s('1'),
    vi: '- Tuyên truyền qua bảng điện tử, màn hình: 0,25 điểm\n- Tuyên truyền trên trang thông tin điện tử, mạng xã hội: 0,25 điểm\n- Tuyên truyền qua các kênh truyền thống: 0,5 điểm (Tài liệu kiểm chứng: Ảnh chụp, biên bản)',
    en: '- Tuyên truyền qua bảng điện tử, màn hình: 0.25 points\n- Tuyên truyền trên trang thông tin điện tử, mạng xã hội: 0.25 points\n- Tuyên truyền qua các kênh truyền thống: 0.5 points (evidence: Ảnh chụp, biên bản)',
  },
  {
    name: '1.1.2 all of two conditions',
    rule: {
      kind: 'all',
      conditions: ['xác định đầy đủ các nhiệm vụ', 'bố trí kinh phí thực hiện'],
      points: s('1'),
    },
    max: s('1'),
    vi: 'Xác định đầy đủ các nhiệm vụ và bố trí kinh phí thực hiện: 1 điểm; thiếu một trong hai: 0 điểm',
    en: 'Xác định đầy đủ các nhiệm vụ and bố trí kinh phí thực hiện: 1 point; either missing: 0 points',
  },
  {
    name: 'all of three conditions, "đủ" put first',
    rule: {
      kind: 'all',
      conditions: ['Có kế hoạch kiểm tra', 'tổ chức kiểm tra', 'báo cáo kết quả'],
      points: s('1'),
    },
    max: s('1'),
    vi: 'Đủ có kế hoạch kiểm tra, tổ chức kiểm tra và báo cáo kết quả: 1 điểm; thiếu một trong các nội dung trên: 0 điểm',
    en: 'Có kế hoạch kiểm tra, tổ chức kiểm tra and báo cáo kết quả: 1 point; any of them missing: 0 points',
  },
  {
    name: 'gate on 1.1.1 around bands',
    rule: {
      kind: 'gate',
      code: '1.1.1',
      rule: { kind: 'bands', bands: [band(9000, '2'), band(null, '0')] },
    },
    max: s('2'),
    vi: 'Nếu tiêu chí 1.1.1 đạt 0 điểm thì tiêu chí này đạt 0 điểm; từ 90% trở lên: 2 điểm; dưới 90%: 0 điểm',
    en: 'If criterion 1.1.1 scores 0, this criterion scores 0; 90% or more: 2 points; under 90%: 0 points',
  },
  {
    name: 'manual in steps of 0,25',
    rule: { kind: 'manual', step: s('0,25') },
    max: s('1,5'),
    vi: 'Chấm điểm trực tiếp trong khoảng từ 0 đến 1,5 (mỗi bậc 0,25)',
    en: 'Scored directly from 0 to 1.5 (in steps of 0.25)',
  },
  {
    name: 'survey',
    rule: { kind: 'survey' },
    max: s('10'),
    vi: 'Theo kết quả điều tra xã hội học, tối đa 10 điểm',
    en: "The survey's result, at most 10 points",
  },
  {
    name: 'bonus with a cap',
    rule: { kind: 'bonus', cap: s('2') },
    max: s('2'),
    vi: 'Điểm thưởng, tối đa 2 điểm',
    en: 'Bonus points, at most 2 points',
  },
  {
    name: 'penalty per occurrence with a cap',
    rule: { kind: 'penalty', cap: s('1'), each: s('0,25') },
    max: null,
    vi: 'Điểm trừ: mỗi lần trừ 0,25 điểm, tối đa 1 điểm',
    en: 'Points taken away: 0.25 points each time, at most 1 point',
  },
];

describe('describeRule', () => {
  it.each(CASES)('$name', ({ rule, max, vi, en }) => {
    expect(describeRule(rule, 'vi', max)).toBe(vi);
    expect(describeRule(rule, 'en', max)).toBe(en);
  });

  it('words every rule kind', () => {
    const kinds = new Set(CASES.map((c) => c.rule.kind));
    expect([...kinds].sort()).toEqual(
      [
        'all',
        'bands',
        'choice',
        'count',
        'gate',
        'linear',
        'manual',
        'parts',
        'penalty',
        'survey',
        'bonus',
      ].sort(),
    );
  });
});

/**
 * The printed framework is read back by the document reader: a rule set by hand, once described,
 * must be recognised as the same rule. Two kinds cannot come back whole: the reader puts the "đủ"
 * it needs into the first condition's label, and a manual rule's text is recognised as none (the
 * reader makes it manual with its default step).
 */
describe('describeRule read back by recognizeMethod', () => {
  const values = (x: unknown) =>
    JSON.parse(
      JSON.stringify(x, (_k, v: unknown) =>
        v !== null && typeof v === 'object' && 'units' in v ? (v as Score).units : v,
      ),
    ) as unknown;
  const scorer = (rule: ScoringRule) =>
    rule.kind === 'survey' || rule.kind === 'bonus' || rule.kind === 'penalty' ? undefined : 'self';

  it.each(CASES.filter((c) => c.rule.kind !== 'manual' && c.rule.kind !== 'all'))(
    '$name',
    ({ rule, max }) => {
      const text = describeRule(rule, 'vi', max);
      expect(values(recognizeMethod(text, max, scorer(rule)))).toEqual(values(rule));
    },
  );

  it('all: the kind, the points and the conditions after the first come back', () => {
    for (const c of CASES.filter((x) => x.rule.kind === 'all')) {
      const rule = c.rule as Extract<ScoringRule, { kind: 'all' }>;
      const read = recognizeMethod(describeRule(rule, 'vi', c.max), c.max, 'self');
      expect(read?.kind).toBe('all');
      if (read?.kind !== 'all') continue;
      expect(read.points).toEqual(rule.points);
      expect(read.conditions.slice(1)).toEqual(rule.conditions.slice(1));
      expect(read.conditions[0]!.toLowerCase()).toContain(rule.conditions[0]!.toLowerCase());
    }
  });

  it('manual: the text is recognised as no other rule', () => {
    for (const c of CASES.filter((x) => x.rule.kind === 'manual')) {
      expect(recognizeMethod(describeRule(c.rule, 'vi', c.max), c.max, 'self')).toBeNull();
      expect(recognizeMethod(describeRule(c.rule, 'vi', null), null, 'self')).toBeNull();
    }
  });
});
