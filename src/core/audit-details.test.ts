import { describe, expect, it } from 'vitest';
import { detailText } from './audit-details.js';
import type { Lang } from './findings.js';

/** The JSON values the use-cases write (rounds.ts, results.ts, appraisal.ts, frameworks.ts …) in words. */
const CASES: [string, { action: string; field: string | null }, string, Lang, string][] = [
  [
    'a round made',
    { action: 'round.create', field: null },
    JSON.stringify({
      name: 'Đánh giá CCHC xã 2026',
      year: 2026,
      frameworkId: 3,
      units: [4, 5, 6],
      calendar: [
        { phase: 'self', opensOn: '2026-12-01', closesOn: '2026-12-20' },
        { phase: 'appraisal1', opensOn: '2026-12-21', closesOn: '2027-01-05' },
      ],
    }),
    'vi',
    'Tên: Đánh giá CCHC xã 2026\nNăm: 2026\nBộ tiêu chí (mã số): 3\nSố đơn vị: 3\nLịch các giai đoạn:\n' +
      '– Tự đánh giá: 01/12/2026 – 20/12/2026\n– Thẩm định lần 1: 21/12/2026 – 05/01/2027',
  ],
  [
    "a phase's new dates",
    { action: 'round.calendar', field: 'calendar' },
    '{"phase":"council","opensOn":"2027-02-01","closesOn":"2027-02-10"}',
    'vi',
    'Hội đồng thẩm định: 01/02/2027 – 10/02/2027',
  ],
  [
    'an extension granted',
    { action: 'round.extension_grant', field: 'extension' },
    '{"id":2,"phase":"self","state":"granted","until":"2026-12-27","note":null}',
    'vi',
    'Số đề nghị: 2\nGiai đoạn: Tự đánh giá\nTrạng thái: Đã chấp thuận\nGia hạn đến ngày: 27/12/2026\nGhi chú: —',
  ],
  [
    'an extension granted, in English',
    { action: 'round.extension_grant', field: 'extension' },
    '{"id":2,"phase":"self","state":"requested"}',
    'en',
    'Request number: 2\nPhase: Self-assessment\nState: Waiting',
  ],
  [
    "an appraiser's score typed in",
    { action: 'appraisal.score', field: 'appraisal1' },
    '{"score":"0.25","answer":{"kind":"percent","value":8550},"overridden":true,"comment":"Thiếu biên bản"}',
    'vi',
    'Điểm: 0,25\nCâu trả lời: 85,5 %\nĐiểm nhập tay (không theo cách tính): Có\nNhận xét: Thiếu biên bản',
  ],
  [
    "a pool's bands",
    { action: 'pool.bands', field: 'bands' },
    '[{"label":"A","minIndex":"90","colour":"#52c41a"},{"label":"B","minIndex":"80.5","colour":""}]',
    'vi',
    'Mức xếp loại: A, Chỉ số từ: 90, Màu: #52c41a\nMức xếp loại: B, Chỉ số từ: 80,5, Màu: —',
  ],
  [
    'a result published from a round',
    { action: 'result.publish', field: 'result' },
    '{"year":2026,"source":"round","title":"Kết quả 2026","sourceName":null,"units":8}',
    'vi',
    'Năm: 2026\nNguồn: Kết quả đợt đánh giá\nTiêu đề: Kết quả 2026\nTệp nguồn: —\nSố đơn vị: 8',
  ],
  [
    "a crosswalk's counts",
    { action: 'crosswalk.propose', field: null },
    '{"code":40,"name":3,"none":2}',
    'vi',
    'Khớp theo mã: 40\nKhớp theo tên: 3\nChưa khớp: 2',
  ],
  [
    'a framework imported',
    { action: 'framework.import', field: null },
    '{"name":"Bộ tiêu chí xã","group":"commune","year":2026,"yearTo":null,"version":1,"criteria":88,"source":"bo.docx"}',
    'vi',
    'Tên: Bộ tiêu chí xã\nNhóm đơn vị áp dụng: UBND xã\nNăm: 2026\nNăm cuối áp dụng: —\nPhiên bản: 1\nSố tiêu chí: 88\nNguồn: bo.docx',
  ],
  [
    'a self-assessment answer',
    { action: 'assessment.answer', field: 'answer' },
    '{"kind":"choice","option":1}',
    'vi',
    'Phương án 2',
  ],
  [
    'a scoring rule',
    { action: 'criterion.update', field: 'rule' },
    '{"kind":"manual","step":{"units":2500,"scale":2}}',
    'vi',
    'Chấm điểm trực tiếp trong khoảng từ 0 đến mức tối đa (mỗi bậc 0,25)',
  ],
  [
    'a deleted plan',
    { action: 'plan.delete', field: 'content' },
    JSON.stringify({
      record: { id: 7 },
      plan: { subject: { id: 1, name: 'Tỉnh Đắk Nông' }, year: 2022, title: 'Phụ lục', rows: [{}, {}] },
    }),
    'vi',
    'Đơn vị: Tỉnh Đắk Nông\nNăm: 2022\nTiêu đề: Phụ lục\nSố dòng tiêu chí: 2',
  ],
  [
    'a correction with its reason',
    { action: 'council.correct', field: 'council' },
    '{"score":"1","reason":"Sai sót khi tổng hợp"}',
    'en',
    'Score: 1\nReason: Sai sót khi tổng hợp',
  ],
];

describe('an audit entry kept as JSON, in words', () => {
  it.each(CASES)('%s', (_what, context, value, lang, expected) => {
    expect(detailText(value, lang, context)).toBe(expected);
  });

  it('never shows the JSON: no braces, quotes nor keys', () => {
    for (const [, context, value, lang] of CASES) {
      const text = detailText(value, lang, context)!;
      expect(text).not.toMatch(/[{}"[\]]|opensOn|closesOn|frameworkId|minIndex|sourceName/);
    }
  });

  it('leaves a plain value to its field, and an unknown key as its code', () => {
    expect(detailText('0.25', 'vi', { action: 'appraisal.score', field: 'score' })).toBeNull();
    expect(detailText('Tên có {ngoặc}', 'vi', { action: 'round.update', field: 'name' })).toBeNull();
    expect(detailText('{not json', 'vi', { action: 'round.update', field: 'name' })).toBeNull();
    expect(detailText('{"colourOfSky":"xanh"}', 'vi', { action: 'round.update', field: null })).toBe(
      'colourOfSky: xanh',
    );
  });

  it('lists the details of an answer of a kind it does not know or of the wrong shape, never throws', () => {
    const answer = { action: 'assessment.answer', field: 'answer' };
    expect(detailText('{"kind":"slider","at":3}', 'vi', answer)).toBe('kind: slider\nat: 3');
    // parts without the parts met, a choice whose option is text: what is stored, not "undefined"
    expect(detailText('{"kind":"parts"}', 'vi', answer)).toBe('kind: parts');
    expect(detailText('{"kind":"choice","option":"2"}', 'vi', answer)).toBe('kind: choice\noption: 2');
    expect(detailText('{"kind":"all","met":[true,false]}', 'vi', answer)).toBe('✓ ✗');
    // inside a stage's score
    const stage = { action: 'appraisal.score', field: 'appraisal1' };
    expect(detailText('{"score":"1","answer":{"kind":"score"}}', 'vi', stage)).toBe(
      'Điểm: 1\nCâu trả lời: kind: score',
    );
    expect(
      detailText('{"score":"1","answer":{"kind":"score","score":{"units":7500,"scale":4}}}', 'vi', stage),
    ).toBe('Điểm: 1\nCâu trả lời: 0,75');
  });

  it('an emptied list as a dash, the areas breaking a tie in their order', () => {
    const tieBreak = { action: 'pool.update', field: 'tie_break' };
    expect(detailText('[]', 'vi', tieBreak)).toBe('—');
    expect(detailText('["2","5","1"]', 'vi', tieBreak)).toBe('2 → 5 → 1');
  });
});
