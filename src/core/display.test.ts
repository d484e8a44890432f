import { describe, expect, it } from 'vitest';
import { escapeHtml, formatDate, formatDateTime, sentenceCase, shortName } from './display.js';

describe('formatDate', () => {
  it.each([
    ['2026-06-30', '30/06/2026'],
    ['2025-01-31', '31/01/2025'],
    // 20:00 UTC on the 30th is already the 1st in Vietnam
    ['2026-06-30T20:00:00.000Z', '01/07/2026'],
    ['2026-06-30T16:59:59Z', '30/06/2026'],
    ['không phải ngày', 'không phải ngày'],
  ])('%s → %s', (iso, text) => {
    expect(formatDate(iso)).toBe(text);
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2026-11-30T04:05:06.789Z', '30/11/2026 11:05:06'],
    ['2026-12-31T17:00:00Z', '01/01/2027 00:00:00'],
    ['2026-03-01T09:30:00+07:00', '01/03/2026 09:30:00'],
  ])('%s → %s in Vietnam time', (iso, text) => {
    expect(formatDateTime(iso)).toBe(text);
  });

  it('drops the seconds on request and keeps what it cannot read', () => {
    expect(formatDateTime('2026-11-30T04:05:06Z', false)).toBe('30/11/2026 11:05');
    expect(formatDateTime('2026-06-30')).toBe('2026-06-30');
    expect(formatDateTime('2026-13-45T99:00:00Z')).toBe('2026-13-45T99:00:00Z');
  });
});

describe('sentenceCase and shortName', () => {
  it.each([
    ['CẢI CÁCH THỦ TỤC HÀNH CHÍNH', 'Cải cách thủ tục hành chính'],
    ['CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', 'Công tác chỉ đạo, điều hành CCHC'],
    ['  HIỆN ĐẠI HÓA   NỀN HÀNH CHÍNH ', 'Hiện đại hóa nền hành chính'],
    ['Cải cách TTHC', 'Cải cách TTHC'],
  ])('%j → %j', (text, sentence) => {
    expect(sentenceCase(text)).toBe(sentence);
  });

  it.each([
    ['CẢI CÁCH TÀI CHÍNH CÔNG', 24, 'Cải cách tài chính công'],
    ['CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', 20, 'Công tác chỉ đạo…'],
    [
      'TÁC ĐỘNG CỦA CCHC ĐẾN NGƯỜI DÂN, TỔ CHỨC VÀ PHÁT TRIỂN KINH TẾ - XÃ HỘI CỦA TỈNH',
      24,
      'Tác động của CCHC đến…',
    ],
    ['Chínhphủsốvàchuyểnđổisố', 10, 'Chínhphủs…'],
  ])('%j cut to %i → %j', (text, max, short) => {
    const cut = shortName(text, max);
    expect(cut).toBe(short);
    expect(cut.length).toBeLessThanOrEqual(max);
  });
});

describe('escapeHtml', () => {
  it('leaves no markup', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)"> & \'b\'')).toBe(
      '&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; &#39;b&#39;',
    );
    expect(escapeHtml('Cải cách TTHC')).toBe('Cải cách TTHC');
  });
});
