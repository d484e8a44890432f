/**
 * The real appendices: Đắk Nông province 2022 and Krông Nô district 2023. Each inconsistency the
 * documents really have is found by name, with its two numbers, and nothing else is reported as an
 * error or a warning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFindingParams, Finding } from '../src/core/findings.js';
import { formatScore, type Score } from '../src/core/score.js';
import { readPlans, type ReadPlan } from '../src/formats/read.js';
import { summarise } from '../src/core/summary.js';
import { seedBytes } from './helpers/fixtures.js';

let province: ReadPlan;
let district: ReadPlan;

beforeAll(async () => {
  const read = await readPlans(seedBytes());
  if (!read.ok) throw new Error(`seed not read: ${read.failure.code}`);
  expect(read.format).toBe('text');
  expect(read.plans).toHaveLength(2);
  [province, district] = read.plans as [ReadPlan, ReadPlan];
});

const vi = (s: Score | null | undefined) => (s ? formatScore(s, 'vi') : null);

/** rule, code, and the two numbers a sum finding compares */
function sumFindings(findings: readonly Finding[]) {
  return findings
    .filter((f) => f.severity !== 'info')
    .map((f) => ({
      rule: f.rule,
      severity: f.severity,
      code: f.code,
      stated: vi((f.params as AnyFindingParams).stated as Score | undefined),
      computed: vi((f.params as AnyFindingParams).computed as Score | undefined),
    }));
}

describe('Đắk Nông 2022 (province)', () => {
  it('reads the subject, years, titles and every criterion row', () => {
    const s = summarise(province.plan);
    expect(s.subject).toBe('Tỉnh Đắk Nông');
    expect(s.year).toBe(2022);
    expect(s.baselineYear).toBe(2021);
    expect(s.criteria).toBe(119);
    expect(s.areas).toBe(8);
    expect(province.plan.label).toBe('PHỤ LỤC');
    expect(province.plan.title).toBe(
      'NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC TỈNH ĐẮK NÔNG NĂM 2022',
    );
    expect(province.plan.subtitle).toMatch(/^\(Ban hành kèm theo Kế hoạch số/);
  });

  it('keeps the stated totals 100 / 86,26 / 89,93', () => {
    const t = province.plan.statedTotals!;
    expect([vi(t.max), vi(t.baseline), vi(t.target)]).toEqual(['100', '86,26', '89,93']);
  });

  it('finds exactly the real inconsistencies', () => {
    expect(sumFindings(province.findings)).toEqual([
      { rule: 'sum-baseline', severity: 'warning', code: '6.1', stated: '2,71', computed: '2,7091' },
      { rule: 'sum-baseline', severity: 'error', code: '7', stated: '13,25', computed: '12,96' },
      { rule: 'sum-baseline', severity: 'error', code: '7.2', stated: '1,21', computed: '1,5' },
      { rule: 'total-baseline', severity: 'error', code: null, stated: '86,26', computed: '86,24' },
    ]);
  });

  it('points each finding at its line and column', () => {
    const f = province.findings.find((x) => x.rule === 'sum-baseline' && x.code === '7.2')!;
    expect(f.location).toEqual({ line: 154, column: 4 });
  });

  it('normalises "2,3" and "2,4" and reports it', () => {
    const infos = province.findings
      .filter((f) => f.rule === 'code-normalised')
      .map((f) => [f.code, f.params.raw]);
    expect(infos).toEqual([
      ['2.3', '2,3'],
      ['2.4', '2,4'],
    ]);
    expect(province.plan.rows.map((r) => r.code)).toContain('2.3');
  });

  it('turns HTML lists into plain bullet lines and says so', () => {
    const markup = province.findings.filter((f) => f.rule === 'markup-in-cell');
    expect(markup).toHaveLength(11);
    for (const row of province.plan.rows) expect(row.task).not.toMatch(/<[a-z]/i);
    const row = province.plan.rows.find((r) => r.code === '4.1.1')!;
    expect(row.task.split('\n')).toEqual([
      '- Hướng dẫn các cơ quan, đơn vị thực hiện đúng quy định về tổ chức bộ máy. Đảm bảo 100% số cơ quan chuyên môn cấp tỉnh, phòng chuyên môn cấp huyện được quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức đúng quy định.',
      '- Tổ chức thanh tra, kiểm tra và đề xuất xử lý đối với các cơ quan, đơn vị thực hiện sai quy định về tổ chức bộ máy.',
    ]);
  });

  it('keeps four decimals and the precision the document wrote', () => {
    const byCode = new Map(province.plan.rows.map((r) => [r.code, r]));
    expect(vi(byCode.get('6.1.1')!.baseline)).toBe('0,8791');
    expect(vi(byCode.get('6')!.target)).toBe('10,10');
  });
});

describe('Krông Nô 2023 (district)', () => {
  it('reads the subject, years and every criterion row', () => {
    const s = summarise(district.plan);
    expect(s.subject).toBe('Huyện Krông Nô');
    expect([s.year, s.baselineYear, s.criteria, s.areas]).toEqual([2023, 2022, 146, 8]);
    const t = district.plan.statedTotals!;
    expect([vi(t.max), vi(t.baseline), vi(t.target)]).toEqual(['100', '78,046', '95,4']);
  });

  it('reads four-level codes', () => {
    const codes = district.plan.rows.map((r) => r.code);
    expect(codes).toContain('3.4.4.1');
    expect(codes).toContain('3.4.4.2');
  });

  it('finds the leaves without a task or a lead unit, and nothing else', () => {
    expect(sumFindings(district.findings).map((f) => [f.rule, f.code])).toEqual([
      ['leaf-without-task', '1.3.2'],
      ['leaf-without-lead-unit', '1.3.2'],
      ['leaf-without-task', '3.2.2'],
      ['leaf-without-lead-unit', '3.2.2'],
      ['leaf-without-lead-unit', '3.3.3'],
    ]);
  });

  it('normalises the area codes written "1." to "8."', () => {
    const normalised = district.findings.filter((f) => f.rule === 'code-normalised').map((f) => f.params.raw);
    expect(normalised).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.']);
  });

  it('folds the spelling variants of one office into one unit', () => {
    const folded = district.findings
      .filter((f) => f.rule === 'unit-name-folded')
      .map((f) => [f.code, f.params.original, f.params.unit]);
    expect(folded).toEqual([
      ['1.4.2', 'Văn phòng HĐND&UBND', 'Văn phòng HĐND&UBND huyện'],
      ['3.1.1', 'Văn phòng HỘND&UBND huyện', 'Văn phòng HĐND&UBND huyện'],
      ['5.9', 'Phòng nội vụ', 'Phòng Nội vụ'],
      ['7.2.1', 'Văn phòng HỖND&UBND', 'Văn phòng HĐND&UBND huyện'],
    ]);
  });
});
