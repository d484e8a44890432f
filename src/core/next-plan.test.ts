import { describe, expect, it } from 'vitest';
import { checkPlan } from './check.js';
import { blockingFindings } from './findings.js';
import {
  proposeNextPlan,
  shareTarget,
  type AchievedCriterion,
  type NextCriterion,
  type NextPlanInput,
} from './next-plan.js';
import { score, toDecimalString, type Score } from './score.js';

const s = (text: string): Score => score(text);
const c = (code: string, name: string, max: string): NextCriterion => ({
  code,
  rawCode: code,
  name,
  max: s(max),
});
const a = (code: string, name: string, got: string | null): AchievedCriterion => ({
  code,
  name,
  score: got === null ? null : s(got),
});
const dec = (x: Score | null) => (x === null ? null : toDecimalString(x));

// the next year's framework: two areas, 1 with three leaves, 2 with a sub-criterion of two leaves
const CRITERIA = [
  c('1', 'Công tác chỉ đạo, điều hành CCHC', '4'),
  c('1.1', 'Thực hiện kế hoạch CCHC', '1,5'),
  c('1.2', 'Thực hiện chế độ báo cáo CCHC định kỳ', '0,5'),
  c('1.3', 'Công tác tuyên truyền CCHC', '2'),
  c('2', 'Cải cách thủ tục hành chính', '3'),
  c('2.1', 'Công khai thủ tục hành chính', '3'),
  c('2.1.1', 'Công khai đầy đủ thủ tục hành chính', '1'),
  c('2.1.2', 'Cập nhật thủ tục hành chính lên cơ sở dữ liệu quốc gia', '2'),
];
const ACHIEVED = [
  a('1.1', 'Thực hiện kế hoạch CCHC', '1,46'),
  a('1.2', 'Thực hiện chế độ báo cáo CCHC định kỳ', '0'),
  a('1.3', 'Công tác tuyên truyền CCHC', '2'),
  a('2.1.1', 'Công khai đầy đủ thủ tục hành chính', '1'),
  a('2.1.2', 'Cập nhật thủ tục hành chính lên cơ sở dữ liệu quốc gia', '0,75'),
];

function input(over: Partial<NextPlanInput> = {}): NextPlanInput {
  return {
    subject: 'Tỉnh Đắk Nông',
    year: 2027,
    resultYear: 2026,
    criteria: CRITERIA,
    achieved: ACHIEVED,
    crosswalk: null,
    lastPlan: [],
    recovery: {},
    ...over,
  };
}

describe('proposeNextPlan', () => {
  it('keeps a criterion at its max and recovers fully by default; parents and the total are sums', () => {
    const { rows, document } = proposeNextPlan(input());
    const row = (code: string) => rows.find((r) => r.code === code)!;
    expect(row('1.3')).toMatchObject({ basis: 'kept', lost: null, task: null });
    expect(dec(row('1.3').target)).toBe('2');
    expect(row('1.1')).toMatchObject({ basis: 'full', task: 'new' });
    expect(dec(row('1.1').baseline)).toBe('1.46');
    expect(dec(row('1.1').lost)).toBe('0.04');
    expect(dec(row('1.1').target)).toBe('1.5');
    expect(dec(row('1').baseline)).toBe('3.46');
    expect(dec(row('1').target)).toBe('4');
    expect(dec(row('2.1').baseline)).toBe('1.75');
    expect(dec(row('2').target)).toBe('3');
    expect(dec(document.statedTotals!.baseline)).toBe('5.21');
    expect(dec(document.statedTotals!.target)).toBe('7');
    expect(dec(document.statedTotals!.max)).toBe('7');
    expect(document).toMatchObject({ subject: 'Tỉnh Đắk Nông', year: 2027, baselineYear: 2026 });
    expect(document.title).toContain('TỈNH ĐẮK NÔNG NĂM 2027');
    // the checker finds nothing that would refuse the draft at import
    expect(blockingFindings(checkPlan(document))).toEqual([]);
  });

  it('recovers a share of the points lost, half-up to the criterion precision, per area', () => {
    const { rows } = proposeNextPlan(
      input({
        recovery: { '1': { mode: 'share', share: s('0,5') }, '2': { mode: 'share', share: s('0,3') } },
      }),
    );
    const row = (code: string) => rows.find((r) => r.code === code)!;
    // 1,46 + 0,5 × 0,04 = 1,48
    expect(dec(row('1.1').target)).toBe('1.48');
    expect(row('1.1').basis).toBe('share');
    // 0 + 0,5 × 0,5 = 0,25 (max written with one decimal, baseline with none: 0,25 → 0,3 half-up)
    expect(dec(row('1.2').target)).toBe('0.3');
    // 0,75 + 0,3 × 1,25 = 1,125 → 1,13 (two decimals: the baseline's)
    expect(dec(row('2.1.2').target)).toBe('1.13');
    // a kept criterion stays whatever the area's choice
    expect(row('1.3').basis).toBe('kept');
    expect(dec(row('1').target)).toBe('3.78');
  });

  it('leaves the target empty for the officer in a manual area, the parent summing the rest', () => {
    const { rows, document } = proposeNextPlan(input({ recovery: { '1': { mode: 'manual' } } }));
    const row = (code: string) => rows.find((r) => r.code === code)!;
    expect(row('1.1')).toMatchObject({ basis: 'manual', target: null, task: 'new' });
    expect(row('1.2')).toMatchObject({ basis: 'manual', target: null });
    expect(dec(row('1').target)).toBe('2');
    expect(dec(row('2.1.2').target)).toBe('2');
    expect(blockingFindings(checkPlan(document))).toEqual([]);
  });

  it('carries a task of a criterion that still lost points, with its status and lead units', () => {
    const { rows, document } = proposeNextPlan(
      input({
        lastPlan: [
          { code: '1.1', task: 'Theo dõi, đôn đốc kế hoạch', leadUnits: 'Sở Nội vụ', status: 'in_progress' },
          // at its max now: the task is not carried, the lead unit stays
          { code: '1.3', task: 'Tuyên truyền', leadUnits: 'Sở Thông tin và Truyền thông', status: 'done' },
          { code: '2.1.2', task: 'Cập nhật CSDL', leadUnits: 'Văn phòng UBND tỉnh', status: 'at_risk' },
          { code: '2.1.2', task: 'Rà soát TTHC', leadUnits: 'Sở Tư pháp', status: 'done' },
        ],
      }),
    );
    const row = (code: string) => rows.find((r) => r.code === code)!;
    expect(row('1.1')).toMatchObject({
      task: 'carried',
      carriedStatus: 'in_progress',
      taskText: 'Theo dõi, đôn đốc kế hoạch',
      leadUnits: 'Sở Nội vụ',
    });
    expect(row('1.2')).toMatchObject({ task: 'new', taskText: '', carriedStatus: null });
    expect(row('1.3')).toMatchObject({ task: null, taskText: '', leadUnits: 'Sở Thông tin và Truyền thông' });
    // two tasks into one row: both texts, the status needing most attention
    expect(row('2.1.2')).toMatchObject({
      task: 'carried',
      carriedStatus: 'at_risk',
      taskText: 'Cập nhật CSDL\nRà soát TTHC',
      leadUnits: 'Văn phòng UBND tỉnh; Sở Tư pháp',
    });
    const doc = document.rows.find((r) => r.code === '1.1')!;
    expect(doc).toMatchObject({ task: 'Theo dõi, đôn đốc kế hoạch', leadUnits: 'Sở Nội vụ' });
  });

  it('follows the crosswalk when the framework changed: renumbered, new and dropped criteria', () => {
    const { rows } = proposeNextPlan(
      input({
        // last year's 1.2 and 1.3 swapped places; 2.1.1 dropped; the new 2.1.1 has no score
        achieved: [
          a('1.1', 'Thực hiện kế hoạch CCHC', '1,46'),
          a('1.2', 'Công tác tuyên truyền CCHC', '1,5'),
          a('1.3', 'Thực hiện chế độ báo cáo CCHC định kỳ', '0,5'),
          a('2.1.1', 'Niêm yết thủ tục tại trụ sở', '1'),
          a('2.1.2', 'Cập nhật thủ tục hành chính lên cơ sở dữ liệu quốc gia', '2'),
        ],
        crosswalk: [
          { fromCode: '1.1', toCode: '1.1' },
          { fromCode: '1.2', toCode: '1.3' },
          { fromCode: '1.3', toCode: '1.2' },
          { fromCode: '2.1.1', toCode: null },
          { fromCode: '2.1.2', toCode: '2.1.2' },
        ],
        lastPlan: [{ code: '1.2', task: 'Tuyên truyền', leadUnits: 'Sở Nội vụ', status: 'not_started' }],
        recovery: { '2': { mode: 'share', share: s('0,5') } },
      }),
    );
    const row = (code: string) => rows.find((r) => r.code === code)!;
    expect(row('1.3')).toMatchObject({ fromCode: '1.2', task: 'carried', taskText: 'Tuyên truyền' });
    expect(dec(row('1.3').baseline)).toBe('1.5');
    expect(row('1.2')).toMatchObject({ fromCode: '1.3', basis: 'kept', task: null });
    // nothing achieved known: a share proposes nothing
    expect(row('2.1.1')).toMatchObject({ fromCode: null, baseline: null, target: null, basis: 'manual' });
  });

  it('proposes the crosswalk itself when none is given: the same name under another code', () => {
    const { rows } = proposeNextPlan(
      input({
        achieved: [
          a('1.1', 'Thực hiện kế hoạch CCHC', '1,5'),
          a('1.4', 'Thực hiện chế độ báo cáo CCHC định kỳ', '0,25'),
        ],
      }),
    );
    const row = (code: string) => rows.find((r) => r.code === code)!;
    expect(row('1.2').fromCode).toBe('1.4');
    expect(dec(row('1.2').baseline)).toBe('0.25');
    expect(row('1.3')).toMatchObject({ fromCode: null, baseline: null, basis: 'full' });
    expect(dec(row('1.3').target)).toBe('2');
  });
});

describe('shareTarget', () => {
  it.each([
    ['1,46', '0,04', '0,5', 2, '1.48'],
    ['0', '1', '0,125', 2, '0.13'],
    ['0', '1', '0,124', 2, '0.12'],
    ['7,46', '1,04', '1', 2, '8.50'],
    ['1', '1', '0,5', 0, '2'],
  ])('%s + %s × %s at %d decimals = %s', (baseline, lost, share, decimals, expected) => {
    expect(toDecimalString(shareTarget(s(baseline), s(lost), s(share), decimals))).toBe(expected);
  });
});
