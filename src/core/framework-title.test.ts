import { describe, expect, it } from 'vitest';
import { findDecision, findYears } from './framework-title.js';

describe('findDecision', () => {
  it.each([
    [
      '(Ban hành kèm theo Quyết định số 5666/QĐ-UBND ngày 17/11/2025 của UBND thành phố Hà Nội)',
      { number: '5666/QĐ-UBND', date: '2025-11-17' },
    ],
    [
      'Kèm theo Quyết định số 876/QĐ-BNV ngày 10 tháng 11 năm 2022 của Bộ trưởng Bộ Nội vụ',
      { number: '876/QĐ-BNV', date: '2022-11-10' },
    ],
    ['KÈM THEO QUYẾT ĐỊNH SỐ 2712/QĐ-UBND NGÀY 31/10/2025', { number: '2712/QĐ-UBND', date: '2025-10-31' }],
    ['Ban hành kèm theo Quyết định số 1187/QĐ-BNV', { number: '1187/QĐ-BNV', date: null }],
    ['Quyết định số 12/QĐ-UBND ngày 31/02/2025', { number: '12/QĐ-UBND', date: null }],
    ['Kế hoạch số 214/KH-UBND', null],
    [null, null],
  ])('%s', (text, decision) => {
    expect(findDecision(text)).toEqual(decision);
  });
});

describe('findYears', () => {
  it.each([
    ['BỘ TIÊU CHÍ … CỦA UBND CẤP XÃ NĂM 2026', [2026, 2026]],
    ['Đề án xác định Chỉ số CCHC giai đoạn 2022–2030', [2022, 2030]],
    ['giai đoạn 2024 - 2030', [2024, 2030]],
    ['Bộ chỉ số năm 2025 (thay thế bộ chỉ số 2021-2023)', [2025, 2025]],
    ['Không có năm', null],
  ])('%s', (text, years) => {
    const found = findYears(text);
    expect(found === null ? null : [found.from, found.to]).toEqual(years);
  });
});
