import { describe, expect, it } from 'vitest';
import type { RankedUnit, ResultSummary } from '@shared/api/results';
import { BAND_PALETTE, NO_GROUP_COLOUR } from '@shared/results-charts';
import {
  chartFileName,
  groupTagColour,
  lostParts,
  placeChange,
  publishedDifference,
  resultsByPool,
  unitRadarSeries,
} from './model';

const summary = (id: number, poolId: number, poolName: string, year: number): ResultSummary => ({
  id,
  poolId,
  poolName,
  year,
  source: 'import',
  roundId: null,
  frameworkId: null,
  title: '',
  sourceName: null,
  units: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'admin',
});

const unit = (over: Partial<RankedUnit>): RankedUnit => ({
  unitId: 1,
  unit: 'Tỉnh Đắk Nông',
  writtenAs: 'Đắk Nông',
  index: '84.66',
  points: null,
  max: null,
  rank: 37,
  group: 'B',
  publishedRank: 37,
  publishedGroup: 'B',
  scores: { '1': '8.5' },
  lost: [
    { code: '8.1', lost: '1.43' },
    { code: 'sipas', lost: '0.9' },
    { code: '3', lost: '0.5' },
    { code: '4', lost: '0.25' },
  ],
  previous: null,
  ...over,
});

describe('the results pages’ model', () => {
  it('groups results by pool in Vietnamese order, newest year first', () => {
    const pools = resultsByPool([
      summary(1, 2, 'Xã, phường', 2024),
      summary(2, 1, 'Các tỉnh', 2024),
      summary(3, 2, 'Xã, phường', 2025),
      summary(4, 3, 'Đơn vị sự nghiệp', 2025),
    ]);
    expect(pools.map((p) => [p.poolName, p.results.map((r) => r.year)])).toEqual([
      ['Các tỉnh', [2024]],
      ['Đơn vị sự nghiệp', [2025]],
      ['Xã, phường', [2025, 2024]],
    ]);
  });

  it('words the biggest losses in the reader’s language, three at most', () => {
    expect(lostParts(unit({}), 'vi')).toEqual([
      { code: '8.1', lost: '1,43' },
      { code: 'sipas', lost: '0,9' },
      { code: '3', lost: '0,5' },
    ]);
    expect(lostParts(unit({}), 'en', 1)).toEqual([{ code: '8.1', lost: '1.43' }]);
  });

  it('tells the places moved since the year before', () => {
    expect(placeChange(unit({ previous: { year: 2024, index: '80', rank: 40, group: 'B' } }))).toBe(3);
    expect(placeChange(unit({ previous: { year: 2024, index: '90', rank: 30, group: 'A' } }))).toBe(-7);
    expect(placeChange(unit({ previous: { year: 2024, index: '90', rank: null, group: 'A' } }))).toBeNull();
    expect(
      placeChange(unit({ rank: null, previous: { year: 2024, index: '9', rank: 3, group: null } })),
    ).toBeNull();
  });

  it('shows the published rank or group only where it differs', () => {
    expect(publishedDifference(unit({}))).toBeNull();
    expect(publishedDifference(unit({ publishedRank: 36 }))).toEqual({ rank: 36, group: null });
    expect(publishedDifference(unit({ publishedGroup: 'A' }))).toEqual({ rank: null, group: 'A' });
    expect(publishedDifference(unit({ publishedRank: null, publishedGroup: null }))).toBeNull();
  });

  it('colours a group as the chart does', () => {
    const bands = [
      { label: 'A', minIndex: '90', colour: '' },
      { label: 'B', minIndex: '80', colour: '#00aa00' },
    ];
    expect(groupTagColour('A', { bands })).toBe(BAND_PALETTE[0]);
    expect(groupTagColour('B', { bands })).toBe('#00aa00');
    expect(groupTagColour(null, { bands })).toBe(NO_GROUP_COLOUR);
  });

  it('gives the radar the unit, the average and the best', () => {
    const words = { index: 'Chỉ số', average: 'Trung bình', best: 'Cao nhất', rank: 'Hạng', noGroup: '' };
    const series = unitRadarSeries(
      { average: { index: '80', parts: { '1': '7' } }, best: { parts: { '1': '10' } } },
      unit({}),
      words,
    );
    expect(series.map((s) => [s.name, s.kind, s.scores['1']])).toEqual([
      ['Tỉnh Đắk Nông', 'unit', '8.5'],
      ['Trung bình', 'average', '7'],
      ['Cao nhất', 'best', '10'],
    ]);
  });

  it('names chart files without diacritics', () => {
    expect(chartFileName('xep-hang', 'Xã, phường Đắk Nông', 2025)).toBe('xep-hang-xa-phuong-dak-nong-2025');
  });
});
