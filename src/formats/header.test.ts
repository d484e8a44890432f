import { describe, expect, it } from 'vitest';
import { classifyTitle, detectHeader } from './header.js';

const row = (...titles: string[]) => titles.map((text) => ({ text }));

describe('classifyTitle', () => {
  it.each([
    // a plan's columns keep their roles
    ['STT', 'code'],
    ['Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'name'],
    ['Điểm chuẩn', 'max'],
    ['Điểm tối đa', 'max'],
    ['Điểm 2021 đạt được', 'baseline'],
    ['Mục tiêu năm 2022', 'target'],
    ['Nhiệm vụ/giải pháp', 'task'],
    ['Đơn vị chủ trì', 'lead'],
    ['Ghi chú', 'note'],
    // a framework's
    ['Cách tính điểm', 'method'],
    ['Phương pháp chấm điểm', 'method'],
    ['Tài liệu kiểm chứng', 'evidence'],
    ['Tài liệu kiểm chứng kết quả', 'evidence'],
    ['Hình thức đánh giá', 'scorer'],
    ['Đơn vị theo dõi', 'followedBy'],
    ['Cơ quan thẩm định', 'followedBy'],
    ['Cơ quan theo dõi, thẩm định', 'followedBy'],
    ['Điểm thẩm định', null],
  ])('%s → %s', (title, role) => {
    expect(classifyTitle(title)).toBe(role);
  });
});

describe('detectHeader', () => {
  const framework = row('TT', 'Tiêu chí', 'Điểm tối đa', 'Cách tính điểm', 'Tài liệu kiểm chứng');
  const plan = row('STT', 'Tiêu chí', 'Điểm chuẩn', 'Điểm đạt được năm 2021', 'Mục tiêu năm 2022');

  it('finds a framework table only when asked for one, and a plan table only as a plan', () => {
    expect(detectHeader(framework, null, 'framework')?.columns).toEqual({
      code: 0,
      name: 1,
      max: 2,
      method: 3,
      evidence: 4,
    });
    expect(detectHeader(framework, null)).toBe(null);
    expect(detectHeader(plan, null, 'framework')).toBe(null);
    expect(detectHeader(plan, null)?.columns).toEqual({ code: 0, name: 1, max: 2, baseline: 3, target: 4 });
  });
});
