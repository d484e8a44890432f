import { describe, expect, it } from 'vitest';
import { endedBefore, parentKindsFor } from './subject-unit.js';

describe('parentKindsFor', () => {
  it.each([
    ['province', []],
    ['district', ['province']],
    ['department', ['province']],
    ['commune', ['province', 'city', 'district', 'town', 'urban-district']],
  ] as const)('a %s belongs under %j', (group, kinds) => {
    expect(parentKindsFor(group).sort()).toEqual([...kinds].sort());
  });
});

describe('endedBefore', () => {
  const krongNo = { validTo: '2025-06-30', lineage: 'dissolved' };
  it.each([
    [2024, false],
    [2025, false],
    [2026, true],
  ])('Krông Nô (until 30/06/2025), plan year %i → %s', (year, ended) => {
    expect(endedBefore(krongNo, year)).toBe(ended);
  });
  it('a unit without an end never ended', () => {
    expect(endedBefore({ validTo: null, lineage: null }, 2099)).toBe(false);
  });
});
