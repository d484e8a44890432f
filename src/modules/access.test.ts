import { describe, expect, it } from 'vitest';
import type { RoleScope } from '../db/schema.js';
import { grantWithinReach, type Actor, type Grant } from './access.js';

// Tỉnh (1) › Huyện (2) › Phòng (3); Tỉnh (1) › Sở (4); another province (5) › its district (6)
const PROVINCE = 1;
const DISTRICT = 2;
const OFFICE = 3;
const DEPARTMENT = 4;
const OTHER_PROVINCE = 5;
const OTHER_DISTRICT = 6;
const parents = new Map<number, number | null>([
  [PROVINCE, null],
  [DISTRICT, PROVINCE],
  [OFFICE, DISTRICT],
  [DEPARTMENT, PROVINCE],
  [OTHER_PROVINCE, null],
  [OTHER_DISTRICT, OTHER_PROVINCE],
]);

const ADMIN = [
  'plan.read',
  'plan.edit',
  'task.follow',
  'plan.import',
  'unit.admin',
  'user.admin',
  'audit.read',
];

function actor(...grants: [RoleScope, number | null, string[]?][]): Actor {
  return {
    userId: 1,
    username: 'a',
    ip: 'test',
    grants: grants.map(([scope, unitId, permissions = ADMIN], id): Grant => ({
      id,
      role: 'r',
      unitId,
      scope,
      permissions: new Set(permissions),
    })),
  };
}

const installationAdmin = actor(['subtree', null]);
const provinceAdmin = actor(['subtree', PROVINCE]);
const districtAdmin = actor(['subtree', DISTRICT]);
/** a role made by an installation with user administration over one unit only */
const unitOnlyAdmin = actor(['unit', DISTRICT]);
const officer = actor(['unit', DISTRICT, ['plan.read', 'plan.edit']]);

describe('grantWithinReach', () => {
  it.each<[string, Actor, RoleScope, number | null, boolean]>([
    ['installation admin: anything', installationAdmin, 'subtree', null, true],
    ['installation admin: lead in a district', installationAdmin, 'lead', DISTRICT, true],
    ['province admin: admin of its district', provinceAdmin, 'subtree', DISTRICT, true],
    [
      'province admin: lead in its district (province plans are its own)',
      provinceAdmin,
      'lead',
      DISTRICT,
      true,
    ],
    ['province admin: lead in its department', provinceAdmin, 'lead', DEPARTMENT, true],
    [
      'province admin: lead in the province itself (no parent, no plan)',
      provinceAdmin,
      'lead',
      PROVINCE,
      true,
    ],
    ['province admin: nothing in another province', provinceAdmin, 'unit', OTHER_DISTRICT, false],
    ['province admin: nothing installation-wide', provinceAdmin, 'subtree', null, false],
    // the issue: a district's admin made itself lead unit of its own district and reached the province's plan
    ['district admin: lead in its own district', districtAdmin, 'lead', DISTRICT, false],
    ['district admin: lead in an office under it', districtAdmin, 'lead', OFFICE, true],
    ['district admin: officer of its district', districtAdmin, 'unit', DISTRICT, true],
    ['district admin: viewer of its district', districtAdmin, 'subtree', DISTRICT, true],
    ['district admin: viewer of an office under it', districtAdmin, 'subtree', OFFICE, true],
    ['district admin: viewer of the province', districtAdmin, 'subtree', PROVINCE, false],
    ['district admin: officer of the province', districtAdmin, 'unit', PROVINCE, false],
    ['district admin: lead in the department beside it', districtAdmin, 'lead', DEPARTMENT, false],
    ['district admin: officer in another province', districtAdmin, 'unit', OTHER_DISTRICT, false],
    ['district admin: anything installation-wide', districtAdmin, 'unit', null, false],
    ['unit-only admin: officer of its unit', unitOnlyAdmin, 'unit', DISTRICT, true],
    ['unit-only admin: viewer of its subtree (wider)', unitOnlyAdmin, 'subtree', DISTRICT, false],
    ['unit-only admin: officer of an office under it', unitOnlyAdmin, 'unit', OFFICE, false],
    ['unit-only admin: lead in an office under it', unitOnlyAdmin, 'lead', OFFICE, false],
    ['no user administration: nothing', officer, 'unit', DISTRICT, false],
  ])('%s', (_name, grantor, scope, unitId, allowed) => {
    expect(grantWithinReach(grantor, { scope, unitId }, parents)).toBe(allowed);
  });

  it('a grantor reaches at least what it may grant: every allowed grant lies within its user.admin units', () => {
    const units = [...parents.keys()];
    for (const grantor of [provinceAdmin, districtAdmin, unitOnlyAdmin]) {
      const own = grantor.grants[0]!.unitId!;
      for (const unitId of units) {
        for (const scope of ['subtree', 'unit', 'lead'] as const) {
          if (!grantWithinReach(grantor, { scope, unitId }, parents)) continue;
          // walk up from the unit: the grantor's unit is on the way
          let u: number | null = unitId;
          while (u !== null && u !== own) u = parents.get(u) ?? null;
          expect(u).toBe(own);
        }
      }
    }
  });
});
