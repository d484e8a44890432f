import { describe, expect, it } from 'vitest';
import { compareVi, sortByName, unitLabels } from './collate.js';

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
