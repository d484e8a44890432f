import { describe, expect, it } from 'vitest';
import type { ScoringRule } from './framework.js';
import { gateStatements, methodNumber, recognizeMethod, scorerFromText } from './method-text.js';
import { score, type Score } from './score.js';

const s = (text: string): Score => score(text);
const units = (text: string) => s(text).units;

/** Rules compared by value: points as their units (the written precision is the document's business). */
function shape(rule: ScoringRule | null): unknown {
  return JSON.parse(
    JSON.stringify(rule, (_k, v: unknown) =>
      v !== null && typeof v === 'object' && 'units' in v && 'scale' in v ? (v as Score).units : v,
    ),
  );
}

describe('recognizeMethod: choice', () => {
  it.each([
    [
      // 1.1.1 Ban hành kế hoạch CCHC năm (Cà Mau 1880/QĐ-UBND; Xuân Lộc 244/PNV)
      'Ban hành kịp thời: 1 điểm; Ban hành không kịp thời: 0,5 điểm; Không ban hành: 0 điểm',
      '1',
      [
        ['Ban hành kịp thời', '1'],
        ['Ban hành không kịp thời', '0,5'],
        ['Không ban hành', '0'],
      ],
    ],
    [
      // 1.1.3 and 1.2.2: a judgement
      'Đạt yêu cầu: 1 điểm; Không đạt yêu cầu: 0 điểm',
      '1',
      [
        ['Đạt yêu cầu', '1'],
        ['Không đạt yêu cầu', '0'],
      ],
    ],
    [
      // Thông tư 01/2018/TT-VPCP: time taken against the time allowed
      'Ngắn hơn thời gian quy định: 2 điểm\nBằng thời gian quy định: 1 điểm\nDài hơn thời gian quy định: 0 điểm',
      '2',
      [
        ['Ngắn hơn thời gian quy định', '2'],
        ['Bằng thời gian quy định', '1'],
        ['Dài hơn thời gian quy định', '0'],
      ],
    ],
    [
      // options on lines of their own, "01 điểm", a dot for the decimal
      '- Ban hành đúng thời hạn: 01 điểm.\n- Ban hành chậm: 0.5 điểm.\n- Không ban hành thì được 0 điểm.',
      '1',
      [
        ['Ban hành đúng thời hạn', '1'],
        ['Ban hành chậm', '0,5'],
        ['Không ban hành', '0'],
      ],
    ],
  ])('%s', (text, max, options) => {
    expect(shape(recognizeMethod(text, s(max)))).toEqual({
      kind: 'choice',
      options: options.map(([label, points]) => ({ label, points: units(points!) })),
    });
  });
});

describe('recognizeMethod: bands', () => {
  it.each([
    [
      // 1.1.4 Mức độ thực hiện kế hoạch CCHC: "> 90 % 2; 70–90 % 1; < 70 % 0"
      'Trên 90% kế hoạch: 2 điểm; Từ 70% đến 90% kế hoạch: 1 điểm; Dưới 70% kế hoạch: 0 điểm',
      [
        [9000, true, '2'],
        [7000, false, '1'],
        [null, false, '0'],
      ],
    ],
    [
      'Từ 90% trở lên: 2 điểm; từ 70% đến dưới 90%: 1 điểm; dưới 70%: 0 điểm',
      [
        [9000, false, '2'],
        [7000, false, '1'],
        [null, false, '0'],
      ],
    ],
    [
      '> 90%: 2 điểm; 70% - 90%: 1 điểm; < 70%: 0 điểm',
      [
        [9000, true, '2'],
        [7000, false, '1'],
        [null, false, '0'],
      ],
    ],
    [
      // the multi-band ratio of the neighbouring sets, written lowest first: read highest first
      'Dưới 50 %: 0 điểm; từ 50 % đến dưới 70 %: 0,25 điểm; từ 70 % đến dưới 80 %: 0,5 điểm; từ 80 % đến dưới 90 %: 01 điểm',
      [
        [8000, false, '1'],
        [7000, false, '0,5'],
        [5000, false, '0,25'],
        [null, false, '0'],
      ],
    ],
    [
      // a ratio's definition says how to count, not what it scores; 12,5 % is 1250
      'Tỷ lệ % = (số lượt TTHC giải quyết đúng hạn ÷ tổng số lượt tiếp nhận) × 100. Từ 12,5% trở lên: 1 điểm; dưới 12,5%: 0 điểm',
      [
        [1250, false, '1'],
        [null, false, '0'],
      ],
    ],
    [
      // nothing said below the last edge: it scores 0
      'Từ 90% trở lên: 2 điểm; Từ 70% đến dưới 90%: 1 điểm',
      [
        [9000, false, '2'],
        [7000, false, '1'],
        [null, false, '0'],
      ],
    ],
  ])('%s', (text, bands) => {
    expect(shape(recognizeMethod(text, s('2')))).toEqual({
      kind: 'bands',
      bands: bands.map(([edge, strict, points]) => ({ edge, strict, points: units(points as string) })),
    });
  });
});

describe('recognizeMethod: linear', () => {
  it.each([
    // 4.1 Mức độ thực hiện kế hoạch tuyên truyền (commune)
    ['Đạt 100%: 1 điểm; từ 90% đến dưới 100%: tỷ lệ × 1; dưới 90%: 0 điểm', '1', 9000, false, 10000],
    [
      'Đạt 100% kế hoạch: 1 điểm; Từ 90% đến dưới 100% kế hoạch: tỷ lệ % x điểm tối đa; Dưới 90%: 0 điểm',
      '1',
      9000,
      false,
      10000,
    ],
    ['Đạt 100%: 2 điểm; Trên 90% đến dưới 100%: tỷ lệ × 2; Từ 90% trở xuống: 0 điểm', '2', 9000, true, 10000],
    [
      'Từ 50% trở lên: 2 điểm; Từ 20% đến dưới 50%: tỷ lệ % x điểm tối đa; Dưới 20%: 0 điểm',
      '2',
      2000,
      false,
      5000,
    ],
  ])('%s', (text, max, floor, floorStrict, full) => {
    expect(recognizeMethod(text, s(max))).toEqual({ kind: 'linear', floor, floorStrict, full });
  });

  it('does not take a band of the wrong max for the full score', () => {
    expect(
      recognizeMethod('Đạt 100%: 1 điểm; từ 90% đến dưới 100%: tỷ lệ × 2; dưới 90%: 0 điểm', s('2')),
    ).toBe(null);
  });
});

describe('recognizeMethod: count', () => {
  it.each([
    ['0 lần: 2 điểm; 1 lần: 1 điểm; trên 1 lần: 0 điểm', [0, 1, null], ['2', '1', '0']],
    [
      'Không có trường hợp phải liên hệ lại: 2 điểm; 1 lần: 1 điểm; Từ 2 lần trở lên: 0 điểm',
      [0, 1, null],
      ['2', '1', '0'],
    ],
    ['Trên 1 lần: 0 điểm; 0 lần: 2 điểm; 1 lần: 1 điểm', [0, 1, null], ['2', '1', '0']],
  ])('%s', (text, atMost, points) => {
    expect(shape(recognizeMethod(text, s('2')))).toEqual({
      kind: 'count',
      bands: atMost.map((a, i) => ({ atMost: a, points: units(points[i]!) })),
      each: null,
      floor: null,
    });
  });

  it.each([
    ['Mỗi báo cáo gửi chậm trừ 0,25 điểm', '0,25'],
    ['Gửi đầy đủ, đúng hạn: 1 điểm; mỗi báo cáo gửi chậm hoặc không gửi bị trừ 0,25 điểm', '0,25'],
    ['Không để xảy ra sự cố: 2 điểm; mỗi sự cố trừ 1 điểm', '1'],
  ])('"mỗi … trừ": %s', (text, each) => {
    expect(shape(recognizeMethod(text, s('1')))).toEqual({
      kind: 'count',
      bands: [],
      each: units(each),
      floor: null,
    });
  });
});

describe('recognizeMethod: parts or options', () => {
  // 4.2 Mức độ đa dạng trong tuyên truyền CCHC: 0,25 + 0,25 + 0,5, each with its evidence
  const diverse =
    'Bảng điện tử, màn hình: 0,25 điểm (Tài liệu kiểm chứng: hình ảnh); Trang thông tin điện tử, mạng xã hội: 0,25 điểm (đường dẫn); Hình thức truyền thống: 0,5 điểm';

  it('points that add up to the max, none of them zero, are parts', () => {
    expect(shape(recognizeMethod(diverse, s('1')))).toEqual({
      kind: 'parts',
      parts: [
        { label: 'Bảng điện tử, màn hình', points: units('0,25'), evidence: 'hình ảnh' },
        { label: 'Trang thông tin điện tử, mạng xã hội', points: units('0,25'), evidence: 'đường dẫn' },
        { label: 'Hình thức truyền thống', points: units('0,5'), evidence: '' },
      ],
    });
  });

  it('the same points under a max they do not add up to are neither', () => {
    expect(recognizeMethod(diverse, s('2'))).toBe(null);
  });

  it('options whose best is the max and one is zero are a choice, even when they add up to it', () => {
    expect(recognizeMethod('Có: 1 điểm; Không: 0 điểm', s('1'))?.kind).toBe('choice');
  });

  it('one labelled score alone leaves the rest unsaid', () => {
    expect(recognizeMethod('Thực hiện đầy đủ: 1 điểm', s('1'))).toBe(null);
  });
});

describe('recognizeMethod: all', () => {
  it.each([
    [
      // 1.1.2 Xác định đầy đủ các nhiệm vụ CCHC … và bố trí kinh phí thực hiện
      'Đủ nhiệm vụ và bố trí kinh phí: 1 điểm; thiếu một trong hai: 0 điểm',
      ['Đủ nhiệm vụ', 'bố trí kinh phí'],
    ],
    [
      'Xác định đầy đủ các nhiệm vụ CCHC và bố trí kinh phí thực hiện: 1 điểm; Thiếu một trong các nội dung trên: 0 điểm',
      ['Xác định đầy đủ các nhiệm vụ CCHC', 'bố trí kinh phí thực hiện'],
    ],
  ])('%s', (text, conditions) => {
    expect(shape(recognizeMethod(text, s('1')))).toEqual({ kind: 'all', conditions, points: units('1') });
  });
});

describe('recognizeMethod: gate', () => {
  it('"nếu tiêu chí X đạt 0 điểm thì …" wraps the rest', () => {
    const rule = recognizeMethod(
      'Từ 90% trở lên: 2 điểm; từ 70% đến dưới 90%: 1 điểm; dưới 70%: 0 điểm. Nếu tiêu chí 1.1.1 đạt 0 điểm thì tiêu chí này được 0 điểm',
      s('2'),
    );
    expect(rule?.kind).toBe('gate');
    if (rule?.kind !== 'gate') return;
    expect(rule.code).toBe('1.1.1');
    expect(rule.rule.kind).toBe('bands');
  });

  it('"Không ban hành kế hoạch thì tiêu chí 1.1.4 = 0" is left to the reader and out of the options', () => {
    const text =
      'Ban hành kịp thời: 1 điểm; Ban hành không kịp thời: 0,5 điểm; Không ban hành: 0 điểm. Không ban hành kế hoạch thì tiêu chí 1.1.4 = 0';
    expect(gateStatements(text)).toEqual([{ condition: 'ban hành kế hoạch', target: '1.1.4' }]);
    const rule = recognizeMethod(text, s('1'));
    expect(rule?.kind === 'choice' && rule.options.map((o) => o.label)).toEqual([
      'Ban hành kịp thời',
      'Ban hành không kịp thời',
      'Không ban hành',
    ]);
  });

  it('"… thì tiêu chí này = 0" names no target', () => {
    expect(gateStatements('Không ban hành kế hoạch thì tiêu chí này = 0 điểm')).toEqual([
      { condition: 'ban hành kế hoạch', target: null },
    ]);
  });
});

describe('recognizeMethod: manual, survey, bonus, penalty', () => {
  it.each([
    ['Hội đồng thẩm định chấm điểm theo mức độ thực hiện, từ 0 đến 2 điểm, bước 0,25 điểm', '0,25'],
    ['Xem xét, chấm điểm tùy theo mức độ thực hiện (bước 0,5 điểm)', '0,5'],
    ['Căn cứ mức độ hoàn thành để chấm điểm', '0,25'],
  ])('manual said in words: %s', (text, step) => {
    expect(shape(recognizeMethod(text, s('2')))).toEqual({ kind: 'manual', step: units(step) });
  });

  it.each([
    'Điểm xác định qua điều tra xã hội học (SIPAS)',
    'Theo kết quả điều tra XHH',
    'Chỉ số hài lòng của người dân, tổ chức',
  ])('survey: %s', (text) => {
    expect(recognizeMethod(text, s('4'))).toEqual({ kind: 'survey' });
  });

  it('a survey criterion is a survey whatever its text says', () => {
    expect(recognizeMethod('Tỷ lệ hài lòng × 4', s('4'), 'survey')).toEqual({ kind: 'survey' });
  });

  it.each([
    ['Điểm thưởng: mỗi sáng kiến được công nhận cộng 0,5 điểm, tối đa 1 điểm', '3', undefined, '1'],
    ['Mỗi sáng kiến, mô hình được công nhận được cộng 1 điểm, tối đa 2 điểm', '2', undefined, '2'],
    ['Được Chủ tịch UBND tỉnh khen thưởng', '1', 'bonus' as const, '1'],
  ])('bonus: %s', (text, max, scorer, cap) => {
    expect(shape(recognizeMethod(text, s(max), scorer))).toEqual({ kind: 'bonus', cap: units(cap) });
  });

  it.each([
    ['Điểm trừ: mỗi văn bản bị phê bình trừ 0,5 điểm, tối đa 2 điểm', '3', undefined, '2', '0,5'],
    [
      'Mỗi lần bị UBND tỉnh phê bình bằng văn bản trừ 0,5 điểm, tối đa trừ 2 điểm',
      '3',
      'penalty' as const,
      '2',
      '0,5',
    ],
    ['Bị xử lý kỷ luật', '3', 'penalty' as const, '3', null],
  ])('penalty: %s', (text, max, scorer, cap, each) => {
    expect(shape(recognizeMethod(text, s(max), scorer))).toEqual({
      kind: 'penalty',
      cap: units(cap),
      each: each === null ? null : units(each),
    });
  });

  it('a bonus without a max or a cap cannot be told', () => {
    expect(recognizeMethod('Điểm thưởng cho sáng kiến', null)).toBe(null);
  });
});

describe('recognizeMethod: not recognised', () => {
  it.each(['', 'Chấm theo thực tế', 'Theo hướng dẫn của Sở Nội vụ', 'Đạt: 1 điểm; Không đạt: 0,5 điểm'])(
    '%s',
    (text) => {
      // the last: no option reaches the max of 2, so the document and the max disagree
      expect(recognizeMethod(text, s('2'))).toBe(null);
    },
  );
});

describe('methodNumber', () => {
  it.each([
    ['01', '1'],
    ['0,5', '0,5'],
    ['0.25', '0,25'],
    ['1/2', '0,5'],
    ['3/4', '0,75'],
    ['một', '1'],
  ])('%s', (text, value) => {
    expect(methodNumber(text)?.units).toBe(units(value));
  });

  it('refuses a fraction that is no exact score', () => {
    expect(methodNumber('1/3')).toBe(null);
  });
});

describe('scorerFromText', () => {
  it.each([
    ['Tự đánh giá', 'self'],
    ['Điều tra XHH', 'survey'],
    ['Điều tra xã hội học', 'survey'],
    ['Hội đồng thẩm định', 'council'],
    ['SNV đánh giá', 'council'],
    ['Điểm thưởng', 'bonus'],
    ['Điểm trừ', 'penalty'],
    ['', null],
    ['Khác', null],
  ])('%s → %s', (text, scorer) => {
    expect(scorerFromText(text)).toBe(scorer);
  });
});
