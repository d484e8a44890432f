import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVi, sortByName, unitLabel, unitLabels, vietnameseSortKey } from './collate.js';

describe('compareVi', () => {
  it('orders names as a Vietnamese reader does, not by code points', () => {
    const names = [
      'Ủy ban nhân dân',
      'Đắk Mil',
      'Gia Nghĩa',
      'Cư Jút',
      'Ân Thi',
      'Bảo Lâm',
      'Zơ Rai',
      'Đà Lạt',
    ];
    const sorted = [...names].sort(compareVi);
    expect(sorted).toEqual([
      'Ân Thi',
      'Bảo Lâm',
      'Cư Jút',
      'Đà Lạt',
      'Đắk Mil',
      'Gia Nghĩa',
      'Ủy ban nhân dân',
      'Zơ Rai',
    ]);
    // code points put every accented capital after Z
    expect([...names].sort()).not.toEqual(sorted);
  });

  it('puts a base letter before its accented and hooked forms', () => {
    expect(['ă', 'â', 'a'].sort(compareVi)).toEqual(['a', 'ă', 'â']);
    expect(['đ', 'e', 'd'].sort(compareVi)).toEqual(['d', 'đ', 'e']);
    expect(['ư', 'u', 'ơ', 'o'].sort(compareVi)).toEqual(['o', 'ơ', 'u', 'ư']);
  });

  it('counts numbers inside names as numbers', () => {
    expect(['Phường 10', 'Phường 2', 'Phường 1'].sort(compareVi)).toEqual([
      'Phường 1',
      'Phường 2',
      'Phường 10',
    ]);
  });

  it('sorts by a name without changing the input', () => {
    const items = [{ n: 'Đắk Song' }, { n: 'Cư Jút' }];
    expect(sortByName(items, (i) => i.n).map((i) => i.n)).toEqual(['Cư Jút', 'Đắk Song']);
    expect(items[0]!.n).toBe('Đắk Song');
  });
});

describe('unitLabels', () => {
  const units = [
    { id: 1, name: 'Tỉnh Đắk Nông', parentId: null },
    { id: 2, name: 'Huyện Cư Jút', parentId: 1 },
    { id: 3, name: 'Huyện Krông Nô', parentId: 1 },
    { id: 4, name: 'Phòng Nội vụ', parentId: 2 },
    { id: 5, name: 'Phòng nội vụ ', parentId: 3 },
    { id: 6, name: 'Sở Nội vụ', parentId: 1 },
  ];

  it('names the parent where two units share a name, and only there', () => {
    const labels = unitLabels(units);
    expect(labels.get(4)).toBe('Phòng Nội vụ — Huyện Cư Jút');
    expect(labels.get(5)).toBe('Phòng nội vụ  — Huyện Krông Nô');
    expect(labels.get(6)).toBe('Sở Nội vụ');
    expect(labels.get(1)).toBe('Tỉnh Đắk Nông');
  });

  it('keeps the name when the parent is not in the list', () => {
    const labels = unitLabels([
      { id: 4, name: 'Phòng Nội vụ', parentId: 2 },
      { id: 5, name: 'Phòng Nội vụ', parentId: 9 },
      { id: 2, name: 'Huyện Cư Jút', parentId: null },
    ]);
    expect(labels.get(4)).toBe('Phòng Nội vụ — Huyện Cư Jút');
    expect(labels.get(5)).toBe('Phòng Nội vụ');
  });
});

describe('unitLabel', () => {
  it.each([
    ['Phòng Nội vụ', 'Huyện Cư Jút', true, 'Phòng Nội vụ — Huyện Cư Jút'],
    ['Phòng Nội vụ', 'Huyện Cư Jút', false, 'Phòng Nội vụ'],
    ['Tỉnh Đắk Nông', null, true, 'Tỉnh Đắk Nông'],
  ] as const)('%s under %s, shared %s: %s', (name, parent, shared, label) => {
    expect(unitLabel(name, parent, shared)).toBe(label);
  });
});

describe('vietnameseSortKey', () => {
  const byKey = (a: string, b: string) => {
    const x = vietnameseSortKey(a);
    const y = vietnameseSortKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

  it.each([
    // letters: a ă â b c d đ e ê … o ô ơ … u ư, f j w z between
    ['Ân Thi', 'Ấp Bắc', -1],
    ['An Phú', 'Ăn Khê', -1],
    ['Ăn Khê', 'Ân Thi', -1],
    ['Dầu Tiếng', 'Đà Nẵng', -1],
    ['Đà Nẵng', 'Đắk Nông', -1],
    ['Đắk Nông', 'Ea Kar', -1],
    ['Ea Kar', 'Ê Đê', -1],
    ['Ê Đê', 'Fansipan', -1],
    ['Ông Ích Khiêm', 'Ơn Bắc', -1],
    ['Uông Bí', 'Ưng Hòa', -1],
    ['Ưng Hòa', 'Vĩnh Long', -1],
    ['Yên Bái', 'Zơ Rai', -1],
    // tones second: none, huyền, hỏi, ngã, sắc, nặng — after the letters
    ['Ba', 'Bà', -1],
    ['Bà', 'Bả', -1],
    ['Bả', 'Bã', -1],
    ['Bã', 'Bá', -1],
    ['Bá', 'Bạ', -1],
    ['Bạ Rịa', 'Ba Tơ', -1],
    ['Bà Rịa', 'Bắc Giang', -1],
    // case third
    ['bà rịa', 'Ba Rịa', 1],
    ['đà nẵng', 'Đà Nẵng', -1],
    // numbers by value, leading zeros aside; spaces and punctuation before digits before letters
    ['Phường 2', 'Phường 10', -1],
    ['Phường 01', 'Phường 1', 0],
    ['Phường 9', 'Phường A', -1],
    ['Xã A-B', 'Xã A B', 1],
    ['Xã A (cũ)', 'Xã A', 1],
    ['Xã A', 'Xã AB', -1],
  ])('%s against %s: %i, as the collator says', (a, b, expected) => {
    expect(Math.sign(compareVi(a, b))).toBe(expected);
    expect(byKey(a, b)).toBe(expected);
  });

  it('is plain ASCII above the level separator', () => {
    expect(vietnameseSortKey('Đắk Nông 12')).toMatch(/^[\x21-\x7e]*$/);
  });

  it('holds the same for the precomposed and the decomposed spelling', () => {
    expect(vietnameseSortKey('Đắk Nông')).toBe(vietnameseSortKey('Đắk Nông'.normalize('NFD')));
  });

  // what unit names hold: Vietnamese and ASCII letters in both cases with tones, digits, spaces, punctuation
  const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  const letter = fc.oneof(
    fc.tuple(fc.constantFrom(...vowels), fc.constantFrom(...tones)).map(([v, t]) => (v + t).normalize('NFC')),
    fc.constantFrom(...'bcdđfghjklmnpqrstvwxz'),
  );
  const char = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(letter, fc.boolean()).map(([c, up]) => (up ? c.toUpperCase() : c)) },
    { weight: 2, arbitrary: fc.constantFrom(' ', '-', '.', ',', '(', ')', '/', "'", '–') },
    { weight: 2, arbitrary: fc.constantFrom(...'0123456789') },
  );
  const name = fc.array(char, { maxLength: 14 }).map((cs) => cs.join(''));

  it('orders generated unit names exactly as compareVi does', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(byKey(a, b)).toBe(Math.sign(compareVi(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('orders look-alike names (same letters, other tones and case) exactly as compareVi does', () => {
    const alike = fc
      .array(
        fc.tuple(
          fc.constantFrom('a', 'ă', 'o', 'ơ', 'd', 'đ', ' ', '1'),
          fc.constantFrom(...tones),
          fc.boolean(),
        ),
        {
          maxLength: 6,
        },
      )
      .map((cs) =>
        cs
          .map(([c, t, up]) => {
            const toned = (/\p{L}/u.test(c) && c !== 'd' && c !== 'đ' ? c + t : c).normalize('NFC');
            return up ? toned.toUpperCase() : toned;
          })
          .join(''),
      );
    fc.assert(
      fc.property(alike, alike, (a, b) => {
        expect(byKey(a, b)).toBe(Math.sign(compareVi(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('sorts a list of names as sortByName does', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), (names) => {
        const byCollator = sortByName(names, (n) => n);
        const keyed = [...names].sort(byKey);
        expect(keyed.map(vietnameseSortKey)).toEqual(byCollator.map(vietnameseSortKey));
      }),
    );
  });
});
