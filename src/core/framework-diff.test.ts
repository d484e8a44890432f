import { describe, expect, it } from 'vitest';
import type { FrameworkCriterion, ScoringRule } from './framework.js';
import { canonicalJson, diffFrameworks } from './framework-diff.js';
import { score } from './score.js';

const choice: ScoringRule = {
  kind: 'choice',
  options: [
    { label: 'Ban hành kịp thời', points: score('1') },
    { label: 'Ban hành không kịp thời', points: score('0,5') },
    { label: 'Không ban hành', points: score('0') },
  ],
};

function c(code: string, name: string, over: Partial<FrameworkCriterion> = {}): FrameworkCriterion {
  return {
    code,
    rawCode: code,
    name,
    max: score('1'),
    method: '',
    evidence: '',
    scorer: 'self',
    notApplicable: 'not-allowed',
    followedBy: null,
    rule: choice,
    location: null,
    ...over,
  };
}

describe('canonicalJson', () => {
  it('ignores the order of keys and the decimals a score is written with', () => {
    expect(canonicalJson({ kind: 'manual', step: { units: 5000, scale: 1 } })).toBe(
      canonicalJson({ step: { scale: 2, units: 5000 }, kind: 'manual' }),
    );
    expect(canonicalJson({ kind: 'manual', step: score('0,5') })).not.toBe(
      canonicalJson({ kind: 'manual', step: score('0,25') }),
    );
  });
});

describe('diffFrameworks', () => {
  const before = [
    c('1.1.1', 'Ban hành kế hoạch CCHC năm', { evidence: 'Kế hoạch CCHC năm' }),
    c('1.1.2', 'Xác định đầy đủ các nhiệm vụ CCHC'),
    c('1.2.2', 'Tất cả báo cáo có đầy đủ nội dung theo hướng dẫn'),
  ];

  it('finds nothing between a version and its copy, whatever the decimals of the rule', () => {
    const copy = before.map((x) => ({
      ...x,
      max: score('1,00'),
      rule: { ...choice, options: choice.options.map((o) => ({ ...o, points: { ...o.points, scale: 2 } })) },
    }));
    expect(diffFrameworks(before, copy)).toEqual({ added: 0, removed: 0, changed: 0, rows: [] });
  });

  it('names each field that changed, with old and new values, and added and removed criteria', () => {
    const after = [
      c('1.1.1', 'Ban hành kế hoạch CCHC năm', {
        evidence: 'Kế hoạch CCHC năm của UBND xã',
        max: score('2'),
        rule: { kind: 'manual', step: score('0,25') },
        followedBy: 'Phòng Văn hóa - Xã hội',
      }),
      c('1.1.2', 'Xác định đầy đủ các nhiệm vụ CCHC'),
      c('1.3.1', 'Tỷ lệ bộ phận được kiểm tra trong năm'),
    ];
    const diff = diffFrameworks(before, after);
    expect([diff.added, diff.removed, diff.changed]).toEqual([1, 1, 1]);
    expect(diff.rows.map((r) => [r.code, r.kind])).toEqual([
      ['1.1.1', 'changed'],
      ['1.3.1', 'added'],
      ['1.2.2', 'removed'],
    ]);
    expect(diff.rows[0]!.changes).toEqual([
      { field: 'max', old: '1', new: '2' },
      { field: 'evidence', old: 'Kế hoạch CCHC năm', new: 'Kế hoạch CCHC năm của UBND xã' },
      { field: 'followedBy', old: null, new: 'Phòng Văn hóa - Xã hội' },
      {
        field: 'rule',
        old: JSON.stringify(choice),
        new: JSON.stringify({ kind: 'manual', step: score('0,25') }),
      },
    ]);
    expect(diff.rows[0]).toMatchObject({ oldRule: choice, newRule: { kind: 'manual' } });
    expect(diff.rows[2]).toMatchObject({ oldRule: choice, newRule: null, changes: [] });
  });
});
