import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fileSlug,
  cleanFileName,
  cleanLines,
  fold,
  MAX_FILE_NAME,
  normaliseTonePlacement,
  oneLine,
  titleCase,
} from './text.js';

describe('fold', () => {
  it.each([
    ['Thủ tục', 'thu tuc'],
    ['Đắk Nông', 'dak nong'],
    ['ĐẮK NÔNG', 'dak nong'],
    ['Văn phòng HĐND&UBND huyện', 'van phong hdnd&ubnd huyen'],
    ['Cải cách hành chính', 'cai cach hanh chinh'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['Sở Tư pháp', 'so tu phap'],
    ['Krông Nô', 'krong no'],
  ])('folds %j to %j', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it('gives the same result for composed and decomposed input', () => {
    const composed = 'Thủy lợi Đắk Nông';
    expect(fold(composed.normalize('NFD'))).toBe(fold(composed.normalize('NFC')));
  });

  it('is idempotent and leaves only ASCII for Vietnamese letters', () => {
    const vietnamese = fc
      .array(
        fc.constantFrom(
          ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐĂÂÊÔƠƯ ,.-',
        ),
        {
          maxLength: 30,
        },
      )
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(vietnamese, (text) => {
        const folded = fold(text);
        expect(fold(folded)).toBe(folded);
        expect(folded).toMatch(/^[a-z ,.-]*$/);
        expect(folded.length).toBe(text.length);
      }),
    );
  });
});

describe('fileSlug', () => {
  it('names a unit in a file name: no diacritics, lower case, words joined by "-"', () => {
    expect(fileSlug('Huyện Krông Nô')).toBe('huyen-krong-no');
    expect(fileSlug('  Tỉnh Đắk Nông ')).toBe('tinh-dak-nong');
    expect(fileSlug('Phòng Nội vụ (UBND) / Xã Ea Pô')).toBe('phong-noi-vu-ubnd-xa-ea-po');
    expect(fileSlug('"; rm -rf /')).toBe('rm-rf');
    expect(fileSlug('—')).toBe('');
  });

  it('gives only letters, digits and single inner dashes', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(fileSlug(text)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      }),
    );
  });
});

describe('titleCase', () => {
  it.each([
    ['ĐẮK NÔNG', 'Đắk Nông'],
    ['KRÔNG NÔ', 'Krông Nô'],
    ['BÀ RỊA - VŨNG TÀU', 'Bà Rịa - Vũng Tàu'],
    ['BÀ RỊA-VŨNG TÀU', 'Bà Rịa-Vũng Tàu'],
    ['HỒ CHÍ MINH', 'Hồ Chí Minh'],
    ['ủy ban', 'Ủy Ban'],
    ['', ''],
  ])('writes %j as %j', (text, expected) => {
    expect(titleCase(text)).toBe(expected);
  });
});

describe('normaliseTonePlacement', () => {
  it.each([
    ['hoà', 'hòa'],
    ['Hoà Bình', 'Hòa Bình'],
    ['HOÀ', 'HÒA'],
    ['thuỷ', 'thủy'],
    ['Uỷ ban', 'Ủy ban'],
    ['khoẻ', 'khỏe'],
    ['hoá', 'hóa'],
    ['Văn hoá - Thông tin', 'Văn hóa - Thông tin'],
  ])('moves the tone of %j: %j', (text, expected) => {
    expect(normaliseTonePlacement(text)).toBe(expected);
  });

  it.each([
    // closed syllables keep the tone where it is
    'hoàn',
    'toán',
    'Hoàng',
    'khoảng',
    // already in the target placement
    'hòa',
    'thủy',
    'Ủy ban nhân dân',
    // "qu" is one consonant: the tone of "quý", "Quỹ" is already on the vowel
    'quý',
    'Quỹ Đầu tư phát triển',
    'quỳ',
    'Phòng Nội vụ',
  ])('leaves %j unchanged', (text) => {
    expect(normaliseTonePlacement(text)).toBe(text);
  });

  it('accepts decomposed input and returns composed text', () => {
    expect(normaliseTonePlacement('hoà'.normalize('NFD'))).toBe('hòa');
  });

  it('is idempotent and never changes the folded letters', () => {
    const syllable = fc.constantFrom(
      'hoà',
      'hòa',
      'thuỷ',
      'thủy',
      'hoàn',
      'quý',
      'khoẻ',
      'Uỷ',
      'ban',
      'Nội',
      'vụ',
    );
    fc.assert(
      fc.property(fc.array(syllable, { maxLength: 8 }), (words) => {
        const text = words.join(' ');
        const once = normaliseTonePlacement(text);
        expect(normaliseTonePlacement(once)).toBe(once);
        expect(fold(once)).toBe(fold(text));
      }),
    );
  });
});

describe('oneLine and cleanLines', () => {
  it('oneLine collapses every run of white space, line breaks included', () => {
    expect(oneLine('  Văn phòng\r\n HĐND&UBND \t huyện ')).toBe('Văn phòng HĐND&UBND huyện');
  });

  it.each([
    ['  a  b \r\n\n  c\t\u00a0d  \r e ', 'a b\nc d\ne'],
    ['- Nhiệm vụ 1\n\n\n- Nhiệm vụ 2', '- Nhiệm vụ 1\n- Nhiệm vụ 2'],
    ['\n \n', ''],
    ['một dòng', 'một dòng'],
  ])('cleanLines(%j) is %j', (text, expected) => {
    expect(cleanLines(text)).toBe(expected);
  });

  it('cleanLines output has no empty or padded lines and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', '\u00a0') }), (text) => {
        const clean = cleanLines(text);
        expect(cleanLines(clean)).toBe(clean);
        if (clean !== '') {
          for (const line of clean.split('\n')) {
            expect(line).not.toBe('');
            expect(line).toBe(line.trim());
            expect(line).not.toMatch(/ {2}/);
          }
        }
      }),
    );
  });
});

describe('cleanFileName', () => {
  it.each([
    ['Phụ lục 2022.xlsx', 'Phụ lục 2022.xlsx'],
    ['C:\\Users\\cb\\Desktop\\ke-hoach.docx', 'ke-hoach.docx'],
    ['../../etc/passwd', 'passwd'],
    ['ke\u0000hoach\u0007.txt', 'kehoach.txt'],
    ['hoá-đơn\u202Excod.exe', 'hoá-đơnxcod.exe'],
    ['  nhiều   khoảng\ttrắng .csv ', 'nhiều khoảngtrắng .csv'],
    ['Pha\u0300n.txt', 'Phàn.txt'],
    ['..', 'tep'],
    ['', 'tep'],
    ['a/b/', 'tep'],
  ])('%j → %j', (name, cleaned) => {
    expect(cleanFileName(name, 'tep')).toBe(cleaned);
  });

  it('cuts a long name to 255 characters and keeps its extension', () => {
    const name = `${'Kế hoạch cải thiện '.repeat(20)}.xlsx`;
    const cleaned = cleanFileName(name, 'tep');
    // the cut fell after a space, which does not stay before the extension
    expect(Array.from(cleaned)).toHaveLength(MAX_FILE_NAME - 1);
    expect(cleaned).not.toContain(' .xlsx');
    expect(cleaned.endsWith('.xlsx')).toBe(true);
    expect(name.startsWith(cleaned.slice(0, -5))).toBe(true);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const cleaned = cleanFileName(`${'𝔸'.repeat(300)}.txt`, 'tep');
    expect(Array.from(cleaned)).toHaveLength(MAX_FILE_NAME);
    expect(cleaned).not.toMatch(/[\ud800-\udfff](?![\udc00-\udfff])/u);
  });
});
