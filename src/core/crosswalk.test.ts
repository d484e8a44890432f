import { describe, expect, it } from 'vitest';
import { nameLikeness, proposeCrosswalk, type CrosswalkCriterion } from './crosswalk.js';

const c = (code: string, name: string): CrosswalkCriterion => ({ code, name });

describe('nameLikeness', () => {
  it.each([
    // the same words whatever the diacritics, case and punctuation
    ['Ban hành kế hoạch CCHC năm', 'BAN HÀNH KẾ HOẠCH CCHC NĂM.', 1],
    ['Ban hành kế hoạch CCHC năm', 'Ban hanh ke hoach cchc nam', 1],
    // nothing shared
    ['Mức độ thực hiện kế hoạch CCHC', 'Điểm thưởng', 0],
    ['', 'Điểm thưởng', 0],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(nameLikeness(a, b)).toBe(expected);
  });

  it('counts a repeated word once per occurrence on each side', () => {
    // "báo cáo" twice against once: 2 shared of 4 + 2 words
    expect(nameLikeness('báo cáo báo cáo', 'báo cáo')).toBeCloseTo((2 * 2) / 6);
  });

  it('a longer wording of the same criterion stays alike', () => {
    const likeness = nameLikeness(
      'Ban hành kế hoạch CCHC năm',
      'Ban hành Kế hoạch CCHC năm 2026 đúng thời hạn',
    );
    expect(likeness).toBeGreaterThanOrEqual(0.5);
    expect(likeness).toBeLessThan(0.8);
  });
});

describe('proposeCrosswalk', () => {
  it('matches the same code with alike names by code', () => {
    const result = proposeCrosswalk(
      [c('1.1.1', 'Ban hành kế hoạch CCHC năm'), c('1.1.4', 'Mức độ thực hiện kế hoạch CCHC')],
      [
        c('1.1.1', 'Ban hành Kế hoạch CCHC năm 2026 đúng thời hạn'),
        c('1.1.4', 'Mức độ thực hiện kế hoạch CCHC'),
      ],
    );
    expect(result.matches.map((m) => [m.fromCode, m.toCode, m.method])).toEqual([
      ['1.1.1', '1.1.1', 'code'],
      ['1.1.4', '1.1.4', 'code'],
    ]);
    expect(result.matches[1]!.likeness).toBe(1);
    expect(result.unmatched).toEqual([]);
  });

  it('follows a renumbered criterion by its name', () => {
    // 1.2.2 became 1.2.3 when a new 1.2.2 was inserted
    const result = proposeCrosswalk(
      [
        c('1.2.1', 'Tất cả báo cáo được gửi đúng thời gian quy định'),
        c('1.2.2', 'Tất cả báo cáo có đầy đủ nội dung theo hướng dẫn'),
      ],
      [
        c('1.2.1', 'Tất cả báo cáo được gửi đúng thời gian quy định'),
        c('1.2.2', 'Báo cáo được cập nhật trên Hệ thống thông tin báo cáo'),
        c('1.2.3', 'Tất cả báo cáo có đầy đủ nội dung theo hướng dẫn'),
      ],
    );
    expect(result.matches.map((m) => [m.fromCode, m.toCode, m.method])).toEqual([
      ['1.2.1', '1.2.1', 'code'],
      ['1.2.2', '1.2.3', 'name'],
    ]);
    expect(result.unmatched).toEqual(['1.2.2']);
  });

  it('keeps a reworded criterion under its code when nothing else claims it', () => {
    const result = proposeCrosswalk(
      [c('4.2', 'Mức độ đa dạng trong tuyên truyền CCHC')],
      [c('4.2', 'Đa dạng hóa hình thức thông tin, truyền thông về cải cách hành chính')],
    );
    expect(result.matches).toEqual([
      expect.objectContaining({ fromCode: '4.2', toCode: '4.2', method: 'code' }),
    ]);
    expect(result.matches[0]!.likeness).toBeLessThan(0.5);
  });

  it('leaves a removed criterion unmatched and lists the new ones', () => {
    const result = proposeCrosswalk(
      [c('9', 'Điểm thưởng, điểm trừ')],
      [c('8', 'Tác động của cải cách hành chính')],
    );
    expect(result.matches).toEqual([{ fromCode: '9', toCode: null, method: null, likeness: 0 }]);
    expect(result.unmatched).toEqual(['8']);
  });

  it('matches each later criterion at most once', () => {
    // two earlier criteria merged into one: the closer name wins, the other stays open
    const result = proposeCrosswalk(
      [
        c('2.1', 'Ban hành văn bản quy phạm pháp luật'),
        c('2.2', 'Ban hành văn bản quy phạm pháp luật của UBND'),
      ],
      [c('2.5', 'Ban hành văn bản quy phạm pháp luật')],
    );
    const toCodes = result.matches.map((m) => m.toCode);
    expect(toCodes).toEqual(['2.5', null]);
    expect(result.matches[0]!.method).toBe('name');
  });
});
