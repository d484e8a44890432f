import type { SurveyPreview } from '@shared/api';
import { describe, expect, it } from 'vitest';
import { unitCount, unmappedNames } from './model';

const row = (unit: string, unitId: number | null, code: string): SurveyPreview['rows'][number] => ({
  location: { line: 2 },
  unit,
  unitId,
  unitName: unitId === null ? null : unit,
  code,
  criterionName: null,
  score: '1',
  max: '4',
  previous: null,
  status: unitId === null ? 'unknown-unit' : 'ok',
});

const preview = {
  rows: [
    row('Xã Nam Đà', 1, '8.1.1'),
    row('Nam Đà', 1, '8.1.2'),
    row('Xã Mới', null, '8.1.1'),
    row('Xã Khác', null, '8.1.1'),
  ],
  unknownUnits: [
    { name: 'Xã Mới', suggestion: null },
    { name: 'Xã Khác', suggestion: null },
  ],
} as SurveyPreview;

describe('the survey page model', () => {
  it('lists the names still to map', () => {
    expect(unmappedNames(preview, {})).toEqual(['Xã Mới', 'Xã Khác']);
    expect(unmappedNames(preview, { 'Xã Mới': 2 })).toEqual(['Xã Khác']);
  });

  it('counts the units a file scores, a name mapped to a matched unit counted once', () => {
    expect(unitCount(preview, {})).toBe(3);
    expect(unitCount(preview, { 'Xã Mới': 1 })).toBe(2);
  });
});
