import { describe, expect, it } from 'vitest';
import { findSubject, findYear, levelWordOf, type Subject } from './subject.js';

describe('findSubject', () => {
  it.each<[string, Subject]>([
    [
      'KẾ HOẠCH CẢI THIỆN, NÂNG CAO CHỈ SỐ CCHC TỈNH ĐẮK NÔNG NĂM 2022',
      { name: 'Tỉnh Đắk Nông', kind: 'province', group: 'province', levelWord: 'tỉnh' },
    ],
    [
      'KẾ HOẠCH NÂNG CAO CHỈ SỐ CCHC HUYỆN KRÔNG NÔ NĂM 2023',
      { name: 'Huyện Krông Nô', kind: 'district', group: 'district', levelWord: 'huyện' },
    ],
    [
      'NÂNG CAO CHỈ SỐ CCHC THÀNH PHỐ HỒ CHÍ MINH NĂM 2024',
      { name: 'Thành phố Hồ Chí Minh', kind: 'province', group: 'province', levelWord: 'thành phố' },
    ],
    [
      'CHỈ SỐ CCHC THÀNH PHỐ GIA NGHĨA NĂM 2024',
      { name: 'Thành phố Gia Nghĩa', kind: 'city', group: 'district', levelWord: 'thành phố' },
    ],
    [
      'CHỈ SỐ CCHC THỊ XÃ BUÔN HỒ NĂM 2023',
      { name: 'Thị xã Buôn Hồ', kind: 'town', group: 'district', levelWord: 'thị xã' },
    ],
    [
      'CHỈ SỐ CCHC THỊ TRẤN ĐẮK MÂM NĂM 2023',
      { name: 'Thị trấn Đắk Mâm', kind: 'township', group: 'commune', levelWord: 'thị trấn' },
    ],
    [
      'CHỈ SỐ CCHC XÃ ĐẮK DRÔ NĂM 2023',
      { name: 'Xã Đắk Drô', kind: 'commune', group: 'commune', levelWord: 'xã' },
    ],
    [
      'CHỈ SỐ CCHC TỈNH BÀ RỊA - VŨNG TÀU NĂM 2022',
      { name: 'Tỉnh Bà Rịa - Vũng Tàu', kind: 'province', group: 'province', levelWord: 'tỉnh' },
    ],
    [
      '(Kèm theo Kế hoạch số 12/KH-UBND ngày 5/3/2023 của UBND huyện Krông Nô, tỉnh Đắk Nông)',
      { name: 'Huyện Krông Nô', kind: 'district', group: 'district', levelWord: 'huyện' },
    ],
    [
      'Chỉ số CCHC của tỉnh Đắk Nông năm 2022',
      { name: 'Tỉnh Đắk Nông', kind: 'province', group: 'province', levelWord: 'tỉnh' },
    ],
    [
      // "xã hội" is not a commune; the district after it is the subject
      'PHÁT TRIỂN KINH TẾ - XÃ HỘI HUYỆN KRÔNG NÔ NĂM 2023',
      { name: 'Huyện Krông Nô', kind: 'district', group: 'district', levelWord: 'huyện' },
    ],
  ])('finds the subject of %j', (title, subject) => {
    expect(findSubject([title])).toEqual(subject);
  });

  it('finds a department as subject (capitals of an agency name cannot be restored from an upper-case title)', () => {
    const found = findSubject(['CHỈ SỐ CCHC SỞ NỘI VỤ NĂM 2023']);
    expect(found).toMatchObject({ kind: 'department', group: 'department', levelWord: 'sở' });
    expect(found?.name.toLocaleLowerCase('vi')).toBe('sở nội vụ');
  });

  it.each([
    'KẾ HOẠCH NÂNG CAO CHỈ SỐ CCHC CÁC SỞ, BAN, NGÀNH CẤP TỈNH',
    'KẾ HOẠCH NÂNG CAO CHỈ SỐ CCHC CÁC SỞ, BAN, NGÀNH CẤP TỈNH NĂM 2023',
    'CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA CÁC SỞ, BAN, NGÀNH TỈNH NĂM 2023',
    'KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2023',
    'CHỈ SỐ CCHC TOÀN TỈNH NĂM 2023',
    'ĐỐI VỚI UBND CÁC XÃ, THỊ TRẤN',
    'PHỤ LỤC',
    '',
  ])('finds no subject in %j', (title) => {
    expect(findSubject([title])).toBeNull();
  });

  it('never names a subject by its level word alone', () => {
    const titles = [
      'CÁC SỞ, BAN, NGÀNH CẤP TỈNH',
      'SỞ, BAN, NGÀNH',
      'TỈNH NĂM 2023',
      'KINH TẾ - XÃ HỘI',
      'HUYỆN (2023)',
    ];
    for (const t of titles) {
      const found = findSubject([t]);
      if (found) expect(found.name.split(' ').length).toBeGreaterThan(found.levelWord.split(' ').length);
    }
  });

  it('takes the first text that names a subject, skipping empty ones', () => {
    expect(findSubject([null, '', 'PHỤ LỤC', 'HUYỆN KRÔNG NÔ', 'TỈNH ĐẮK NÔNG'])?.name).toBe(
      'Huyện Krông Nô',
    );
    expect(findSubject([])).toBeNull();
  });
});

describe('findYear', () => {
  it.each([
    ['Mục tiêu năm 2022', 2022],
    ['KẾ HOẠCH ... GIAI ĐOẠN 2021-2025 NĂM 2023', 2023],
    ['Điểm đạt được năm 2021 (điểm)', 2021],
    ['1990', 1990],
    ['2100', 2100],
    ['12022', null],
    ['20221', null],
    ['1989', null],
    ['2101', null],
    ['Kế hoạch số 123/KH-UBND', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('findYear(%j) is %j', (text, year) => {
    expect(findYear(text)).toBe(year);
  });
});

describe('levelWordOf', () => {
  it.each([
    ['Huyện Krông Nô', 'huyện'],
    ['Tỉnh Đắk Nông', 'tỉnh'],
    ['Thành phố Hồ Chí Minh', 'thành phố'],
    ['Thị xã Buôn Hồ', 'thị xã'],
    ['Thị trấn Đắk Mâm', 'thị trấn'],
    ['Xã Đắk Drô', 'xã'],
    ['Sở Nội vụ', 'sở'],
    ['Phòng Nội vụ', null],
    ['Huyện', null],
  ])('levelWordOf(%j) is %j', (name, word) => {
    expect(levelWordOf(name)).toBe(word);
  });

  it('reads back the level word of every subject it finds', () => {
    const titles = [
      'TỈNH ĐẮK NÔNG',
      'HUYỆN KRÔNG NÔ',
      'THÀNH PHỐ HỒ CHÍ MINH',
      'THỊ XÃ BUÔN HỒ',
      'XÃ ĐẮK DRÔ',
    ];
    for (const t of titles) {
      const found = findSubject([t])!;
      expect(levelWordOf(found.name)).toBe(found.levelWord);
    }
  });
});
