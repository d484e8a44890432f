import { describe, expect, it } from 'vitest';
import {
  grantWithinReach,
  hasPermission,
  isGlobal,
  isWithin,
  planAccess,
  reachesUnit,
  systemActor,
  type Actor,
  type Grant,
  type Permission,
  type PlanAccess,
  type RoleScope,
} from './access.js';

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

describe('isWithin', () => {
  it.each<[string, number, number, boolean]>([
    ['a unit is within itself', DISTRICT, DISTRICT, true],
    ['a district within its province', DISTRICT, PROVINCE, true],
    ['an office within its province, two levels up', OFFICE, PROVINCE, true],
    ['a province is not within its district', PROVINCE, DISTRICT, false],
    ['a department is not within the district beside it', DEPARTMENT, DISTRICT, false],
    ['nothing crosses provinces', OTHER_DISTRICT, PROVINCE, false],
    ['a unit the map does not know is only within itself', 99, PROVINCE, false],
  ])('%s', (_name, unit, ancestor, within) => {
    expect(isWithin(unit, ancestor, parents)).toBe(within);
  });

  it('stops on a cycle in the parents instead of looping', () => {
    const cycle = new Map<number, number | null>([
      [1, 2],
      [2, 1],
    ]);
    expect(isWithin(1, 3, cycle)).toBe(false);
    expect(isWithin(1, 2, cycle)).toBe(true);
  });
});

const READ = ['plan.read'];
const viewerOfProvince = actor(['subtree', PROVINCE, READ]);
const officerOfDistrict = actor(['unit', DISTRICT, READ]);
const leadOffice = actor(['lead', OFFICE, READ]);
const leadOfficeAndDepartment = actor(['lead', OFFICE, READ], ['lead', DEPARTMENT, READ]);
const installationViewer = actor(['subtree', null, READ]);
const nobody = actor();

const ALL: PlanAccess = { kind: 'all' };
const lead = (...units: number[]): PlanAccess => ({ kind: 'lead', units: new Set(units) });

describe('planAccess', () => {
  it.each<[string, Actor, Permission, number, PlanAccess]>([
    ['installation-wide: every plan', installationViewer, 'plan.read', OTHER_DISTRICT, ALL],
    ['subtree: the plan of its own unit', viewerOfProvince, 'plan.read', PROVINCE, ALL],
    ['subtree: a plan below it', viewerOfProvince, 'plan.read', OFFICE, ALL],
    ['subtree: not a plan of another province', viewerOfProvince, 'plan.read', OTHER_DISTRICT, null],
    ['subtree: not a permission it lacks', viewerOfProvince, 'plan.edit', PROVINCE, null],
    ['unit: its own unit', officerOfDistrict, 'plan.read', DISTRICT, ALL],
    ['unit: not a unit below it', officerOfDistrict, 'plan.read', OFFICE, null],
    ['unit: not its parent', officerOfDistrict, 'plan.read', PROVINCE, null],
    ["lead: its rows of its parent's plan", leadOffice, 'plan.read', DISTRICT, lead(OFFICE)],
    ['lead: nothing of its own plan', leadOffice, 'plan.read', OFFICE, null],
    ["lead: nothing of its grandparent's plan", leadOffice, 'plan.read', PROVINCE, null],
    [
      'two leads under different parents: each its own',
      leadOfficeAndDepartment,
      'plan.read',
      PROVINCE,
      lead(DEPARTMENT),
    ],
    [
      'a whole grant wins over a lead grant',
      actor(['lead', DEPARTMENT, READ], ['unit', PROVINCE, READ]),
      'plan.read',
      PROVINCE,
      ALL,
    ],
    [
      'lead grants in two children add up',
      actor(['lead', DISTRICT, READ], ['lead', DEPARTMENT, READ]),
      'plan.read',
      PROVINCE,
      lead(DISTRICT, DEPARTMENT),
    ],
    ['no grant: nothing', nobody, 'plan.read', PROVINCE, null],
    ['the command line: everything', systemActor(), 'plan.delete', OTHER_DISTRICT, ALL],
  ])('%s', (_name, who, permission, subject, expected) => {
    expect(planAccess(who, permission, subject, parents)).toEqual(expected);
  });
});

describe('reachesUnit', () => {
  it.each<[string, Actor, Permission, number | null, boolean]>([
    ['installation-wide: any unit', installationViewer, 'plan.read', OTHER_DISTRICT, true],
    ['installation-wide: the installation itself', installationViewer, 'plan.read', null, true],
    ['subtree: its unit', viewerOfProvince, 'plan.read', PROVINCE, true],
    ['subtree: a unit below', viewerOfProvince, 'plan.read', OFFICE, true],
    ['subtree: not another province', viewerOfProvince, 'plan.read', OTHER_PROVINCE, false],
    ['subtree: not the installation', viewerOfProvince, 'plan.read', null, false],
    ['subtree: not without the permission', viewerOfProvince, 'audit.read', PROVINCE, false],
    ['unit: its unit', officerOfDistrict, 'plan.read', DISTRICT, true],
    ['unit: not below it', officerOfDistrict, 'plan.read', OFFICE, false],
    ['lead: its own unit', leadOffice, 'plan.read', OFFICE, true],
    ['lead: not its parent', leadOffice, 'plan.read', DISTRICT, false],
    ['no grant: nothing', nobody, 'plan.read', PROVINCE, false],
  ])('%s', (_name, who, permission, unitId, reaches) => {
    expect(reachesUnit(who, permission, unitId, parents)).toBe(reaches);
  });
});

describe('hasPermission and isGlobal', () => {
  it.each<[string, Actor, Permission, boolean, boolean]>([
    ['installation-wide grant', installationViewer, 'plan.read', true, true],
    ['installation-wide grant, other permission', installationViewer, 'plan.edit', false, false],
    ['grant in a unit', viewerOfProvince, 'plan.read', true, false],
    ['lead grant', leadOffice, 'plan.read', true, false],
    ['no grant', nobody, 'plan.read', false, false],
    ['the command line', systemActor(), 'user.admin', true, true],
  ])('%s', (_name, who, permission, has, global) => {
    expect(hasPermission(who, permission)).toBe(has);
    expect(isGlobal(who, permission)).toBe(global);
  });
});
