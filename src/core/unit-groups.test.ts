import { describe, expect, it } from 'vitest';
import { UNIT_GROUPS, unitGroupFromTitle } from './unit-groups.js';

describe('unitGroupFromTitle', () => {
  it.each([
    ['BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM 2026', 'commune'],
    ['Bộ tiêu chí xác định Chỉ số CCHC của UBND các xã, phường, đặc khu', 'commune'],
    ['Chỉ số cải cách hành chính của Ủy ban nhân dân các phường', 'ward'],
    ['Bộ chỉ số CCHC của các đặc khu thuộc thành phố Hải Phòng', 'special-zone'],
    ['CHỈ SỐ CCHC CỦA CÁC SỞ, BAN, NGÀNH THUỘC UBND TỈNH SƠN LA', 'department'],
    ['Bộ Chỉ số theo dõi, đánh giá CCHC các cơ quan chuyên môn thuộc UBND tỉnh', 'department'],
    ['Chỉ số CCHC của Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương', 'province'],
    ['Chỉ số CCHC của UBND cấp huyện năm 2024', 'district'],
    ['Điều tra xã hội học năm 2026', null],
    ['Kế hoạch cải thiện Chỉ số CCHC tỉnh Đắk Nông', null],
    [null, null],
  ])('%s → %s', (title, group) => {
    expect(unitGroupFromTitle(title)).toBe(group);
  });

  it('names only groups of the data', () => {
    const codes = new Set(UNIT_GROUPS.map((g) => g.code));
    expect(codes.size).toBe(UNIT_GROUPS.length);
    expect(codes.has(unitGroupFromTitle('UBND cấp xã')!)).toBe(true);
  });
});
