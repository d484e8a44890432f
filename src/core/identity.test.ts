import { describe, expect, it } from 'vitest';
import { contentText, planContent, type IdentityPlan } from './identity.js';
import type { PlanRow } from './plan.js';
import { score } from './score.js';

const row = (code: string, over: Partial<PlanRow> = {}): PlanRow => ({
  code,
  rawCode: code,
  name: `Tiêu chí ${code}`,
  max: score('2'),
  baseline: score('1'),
  target: score('1,5'),
  task: 'Rà soát văn bản',
  leadUnits: 'Sở Nội vụ',
  supportUnits: '',
  deadline: 'Quý IV',
  location: null,
  ...over,
});

const plan = (rows: PlanRow[], over: Partial<IdentityPlan> = {}): IdentityPlan => ({
  label: 'PHỤ LỤC',
  title: 'KẾ HOẠCH CẢI THIỆN CHỈ SỐ CCHC NĂM 2024',
  subtitle: null,
  subject: 'Huyện Krông Nô',
  year: 2024,
  baselineYear: 2023,
  statedTotals: { max: score('4'), baseline: score('2'), target: score('3') },
  rows,
  ...over,
});

const units = [['Sở Nội vụ'], ['Sở Nội vụ'], [], []];
const base = plan([row('1', { max: score('4'), baseline: score('2'), target: score('3') }), row('1.1')]);

describe('contentText', () => {
  it.each([
    ['two  spaces', 'two spaces'],
    ['line\r\nbreak', 'line break'],
    ['line\rbreak\n', 'line break'],
    ['- Việc A.\n-Việc B', '- Việc A. - Việc B'],
    ['Việc A. - Việc B', 'Việc A. - Việc B'],
    ['  nbsp\u00a0here\t', 'nbsp here'],
    ['hòa'.normalize('NFD'), 'hòa'],
  ])('%j → %j', (input, expected) => {
    expect(contentText(input)).toBe(expected);
  });
});

describe('planContent', () => {
  const same = (other: IdentityPlan, names = units) => planContent(other, names) === planContent(base, units);

  it('ignores what the writers and readers normalise', () => {
    expect(same({ ...base, rows: base.rows.map((r) => ({ ...r, task: r.task.replace(' ', '  ') })) })).toBe(
      true,
    );
    expect(same({ ...base, rows: base.rows.map((r) => ({ ...r, task: `${r.task}\r\n` })) })).toBe(true);
    expect(
      same({
        ...base,
        rows: base.rows.map((r) => ({ ...r, target: r.target && { ...r.target, scale: 4 } })),
      }),
    ).toBe(true);
    expect(same({ ...base, rows: [...base.rows].reverse() })).toBe(true);
    expect(same({ ...base, title: 'KẾ HOẠCH CẢI THIỆN\nCHỈ SỐ CCHC NĂM 2024' })).toBe(true);
    expect(same(base, [['Sở  Nội vụ'], ['Sở Nội vụ'], [], []])).toBe(true);
  });

  it("a plan without a total row has the areas' sum as its total", () => {
    expect(same({ ...base, statedTotals: null })).toBe(true);
    expect(same({ ...base, statedTotals: { max: null, baseline: null, target: null } })).toBe(true);
    expect(
      same({ ...base, statedTotals: { max: score('4'), baseline: score('2'), target: score('3,5') } }),
    ).toBe(false);
  });

  it('sees every change of content', () => {
    expect(same({ ...base, rows: base.rows.map((r) => ({ ...r, task: `${r.task} nữa` })) })).toBe(false);
    expect(same({ ...base, rows: base.rows.map((r) => ({ ...r, target: score('1,25') })) })).toBe(false);
    expect(same({ ...base, rows: base.rows.map((r) => ({ ...r, target: null })) })).toBe(false);
    expect(same(base, [['Sở Tư pháp'], ['Sở Nội vụ'], [], []])).toBe(false);
    expect(same({ ...base, rows: base.rows.map((r) => ({ ...r, deadline: 'Quý III' })) })).toBe(false);
    expect(same({ ...base, year: 2025 })).toBe(false);
  });
});
