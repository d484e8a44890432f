import { describe, expect, it } from 'vitest';
import { kindFitsParent, kindOfName, kindRule, UNIT_KIND_RULES } from './unit-kinds.js';

describe('kindFitsParent', () => {
  it.each<[string, string | null, boolean]>([
    // the issue: a province is never under a district
    ['province', 'district', false],
    ['province', 'province', false],
    ['province', 'commune', false],
    ['province', 'office', false],
    ['province', null, true],
    ['district', 'province', true],
    ['city', 'province', true],
    ['town', 'province', true],
    ['urban-district', 'province', true],
    ['district', 'district', false],
    ['district', 'city', false],
    ['district', 'department', false],
    ['district', null, true],
    // communes sit under a district or, since July 2025, directly under a province
    ['commune', 'district', true],
    ['ward', 'town', true],
    ['township', 'district', true],
    ['commune', 'province', true],
    ['commune', 'commune', false],
    ['commune', 'department', false],
    ['commune', 'office', false],
    ['department', 'province', true],
    ['department', 'district', false],
    ['department', 'department', false],
    ['department', 'office', false],
    ['office', 'province', true],
    ['office', 'district', true],
    ['office', 'commune', true],
    ['office', 'department', true],
    ['office', 'office', true],
    ['center', 'department', true],
    ['center', 'office', true],
    ['office', 'center', false],
    ['section', 'office', true],
    ['committee', 'district', true],
    ['agency', 'province', true],
    ['group', 'district', true],
    ['other', 'section', true],
    ['other', 'other', true],
    // a kind the table does not know is "other": it may sit anywhere, and nothing governed sits under it
    ['tổ công tác', 'district', true],
    ['district', 'tổ công tác', false],
  ])('%s under %s: %s', (kind, parent, fits) => {
    expect(kindFitsParent(kind, parent)).toBe(fits);
  });

  it('knows every kind once, with a Vietnamese and an English name', () => {
    const kinds = UNIT_KIND_RULES.map((r) => r.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const r of UNIT_KIND_RULES) expect(r.vi && r.en).toBeTruthy();
  });

  it('no kind fits under itself when it governs, and ranks never invert', () => {
    for (const child of UNIT_KIND_RULES) {
      for (const parent of UNIT_KIND_RULES) {
        if (kindFitsParent(child.kind, parent.kind)) expect(parent.rank).toBeLessThanOrEqual(child.rank);
        if (child.government && parent.kind === child.kind)
          expect(kindFitsParent(child.kind, parent.kind)).toBe(false);
      }
    }
  });

  it('an unknown kind is named as stored', () => {
    expect(kindRule('tổ công tác')).toMatchObject({ kind: 'tổ công tác', vi: 'tổ công tác', rank: 7 });
  });
});

describe('kindOfName', () => {
  it.each<[string, string | null]>([
    ['Tỉnh Đắk Nông', 'province'],
    ['  tỉnh Đắk Nông ', 'province'],
    ['Thành phố Hà Nội', 'province'],
    ['Thành phố Huế', 'province'],
    ['Thành phố Gia Nghĩa', 'city'],
    ['Huyện Krông Nô', 'district'],
    ['Thị xã Buôn Hồ', 'town'],
    ['Quận 1', 'urban-district'],
    ['Xã Đắk Mâm', 'commune'],
    ['Phường 3', 'ward'],
    ['Thị trấn Đắk Mâm', 'township'],
    ['Sở Nội vụ', 'department'],
    ['Phòng Nội vụ huyện Krông Nô', null],
    ['Văn phòng HĐND&UBND huyện', null],
    ['Trung tâm Phục vụ hành chính công tỉnh', null],
    ['Đắk Nông', null],
  ])('%j announces %j', (name, kind) => {
    expect(kindOfName(name)).toBe(kind);
  });
});
